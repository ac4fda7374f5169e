"""Pure pipeline stages: enrich (NLP) and index."""
