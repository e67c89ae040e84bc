"""Fact extractors: figures, dates, keyphrases, named entities and quotes (English)."""
