"""Shared fixtures. Every text in these tests is written by the project for the project."""

import pytest

from eventlens import extract
from eventlens.nlp import load_pipeline


@pytest.fixture(scope="session")
def nlp():
    """The full pipeline: the English model with eventlens's components."""
    return load_pipeline()


@pytest.fixture(scope="session")
def events_of():
    """Events of a text published on a given day (default: Thursday 14 March 2024)."""

    def run(text, published="2024-03-14"):
        return extract(text, published=published).events

    return run


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    """`eventlens serve` on localhost over a store of the project's articles; its base URL."""
    from live import build_store, running_server

    db = build_store(tmp_path_factory.mktemp("serve") / "events.db")
    with running_server(db) as base:
        yield base
