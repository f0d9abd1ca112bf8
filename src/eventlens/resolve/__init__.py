"""Resolve: ground the values the NLP stage found (places, dates, actors) in reference data."""
