"""German NLP: the shipped spaCy pipeline and the extraction rules on top of it."""
