"""Daily clipping and weekly report per Bawaslu office, as a web page and a PDF."""
