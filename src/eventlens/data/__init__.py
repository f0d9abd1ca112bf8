"""Lexicons, taxonomies and tables that eventlens reads: data, not code."""

from __future__ import annotations

import tomllib
from functools import lru_cache
from importlib import resources


def read_text(name: str) -> str:
    """The text of the data file NAME shipped in this package."""
    return resources.files(__name__).joinpath(name).read_text("utf-8")


@lru_cache(maxsize=None)
def load_toml(name: str) -> dict:
    """The parsed TOML data file NAME (cached: every caller shares one read)."""
    return tomllib.loads(read_text(name))
