"""NLP: one spaCy pass over each document, with the project's own components."""

from eventlens.nlp.pipeline import COMPONENTS, MODEL, load_pipeline, make_doc

__all__ = ["COMPONENTS", "MODEL", "load_pipeline", "make_doc"]
