"""Indonesian NLP for pantau: cleaning, a spaCy "id" pipeline and article analysis."""
