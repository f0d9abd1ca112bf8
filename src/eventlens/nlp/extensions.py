"""The custom attributes eventlens's spaCy components read and write.

Registered once, here, so every component and the extract stage agree on their names.

    Doc._.document   the input `Document` (id, title, published, url)
    Doc._.anchor     the date relative expressions resolve against (timex component)
    Doc._.focus      the place the document is about (toponym component)
    Span._.place     a resolved place, on spans of doc.spans["toponyms"]
    Span._.timex     a normalised time value, on spans of doc.spans["timex"]
    Span._.casualty  a casualty figure, on spans of doc.spans["casualties"]
    Span._.trigger   an event type and mode, on spans of doc.spans["triggers"]
"""

from spacy.tokens import Doc, Span

DOC_ATTRIBUTES = ("document", "anchor", "focus")
SPAN_ATTRIBUTES = ("place", "timex", "casualty", "trigger")


def register() -> None:
    for name in DOC_ATTRIBUTES:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
    for name in SPAN_ATTRIBUTES:
        if not Span.has_extension(name):
            Span.set_extension(name, default=None)


register()
