"""The pages' catalogs against the code: every message the code and the templates say is in the
Spanish catalog, and the catalog holds no message nobody says any more."""

from __future__ import annotations

from pathlib import Path

from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir

from api.linked.ontology import WORDS as ONTOLOGY_WORDS
from api.pages.messages import Translator, po_catalog

ROOT = Path(__file__).resolve().parents[2]
KEYWORDS = {**DEFAULT_KEYWORDS, "t": None, "N_": None}
METHODS = [
    ("api/pages/**.py", "python"),
    ("api/routes/**.py", "python"),  # the query editor's page, wherever its route lives
    ("api/sparql/**.py", "python"),
    ("api/templates/**.html", "jinja2"),
]
OPTIONS = {"api/templates/**.html": {"extensions": "jinja2.ext.i18n"}}


def said() -> dict[str | tuple[str, ...], str]:
    """Every message of the pages, as extraction finds it: msgid (or singular and plural) → where."""
    found: dict[str | tuple[str, ...], str] = {}
    for name, line, message, _, _ in extract_from_dir(
        ROOT, METHODS, OPTIONS, keywords=KEYWORDS, strip_comment_tags=True
    ):
        key = tuple(message) if isinstance(message, (list, tuple)) else message
        found[key] = f"{name}:{line}"
    for words in ONTOLOGY_WORDS.values():
        found[words] = "api/linked/ontology.py"
    return found


def test_pages_messages_every_message_is_translated() -> None:
    catalog = po_catalog("es")
    missing = []
    for key, where in said().items():
        singular = key[0] if isinstance(key, tuple) else key
        entry = catalog.get(singular)
        if entry is None or not entry.string or (isinstance(key, tuple) and not entry.pluralizable):
            missing.append((where, key))
    assert not missing, missing


def test_pages_messages_no_message_left_over() -> None:
    spoken = {k[0] if isinstance(k, tuple) else k for k in said()}
    # Words the code picks by a value of the data are marked N_ where they are written; the
    # canned queries' words are in queries.po.
    left = [
        m.id
        for m in po_catalog("es")
        if m.id and (m.id[0] if m.pluralizable else m.id) not in spoken
    ]
    assert not left, left


def test_pages_messages_plural_forms() -> None:
    es, en = Translator("es"), Translator("en")
    mandates = ("%(num)s mandate", "%(num)s mandates")
    assert [es.ngettext(*mandates, n) for n in (0, 1, 2, 1_000_000)] == [
        "0 mandatos",
        "1 mandato",
        "2 mandatos",
        "1000000 mandatos",
    ]
    assert [en.ngettext(*mandates, n) for n in (0, 1, 2)] == [
        "0 mandates",
        "1 mandate",
        "2 mandates",
    ]
