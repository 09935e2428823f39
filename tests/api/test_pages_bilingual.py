"""Every kind of page, in each language, over HTTP against the real build: the page's own words are
in its language. None of the other language's messages (api/locale: the catalogs) shows up in the
page's chrome — its text and its readers' attributes — outside the data marked with the other
language's ``lang`` attribute, which the page quotes as it is."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import TYPE_CHECKING

import pytest

from api.pages.catalog import read as read_catalog
from api.pages.links import local
from api.pages.messages import pairs

if TYPE_CHECKING:
    from fastapi import FastAPI
    from fastapi.testclient import TestClient

    from graph.oxigraph import OxigraphStore

HTML = {"Accept": "text/html"}
LANGUAGES = ("es", "en")
SHOWN_ATTRIBUTES = ("title", "aria-label", "placeholder", "alt")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


class Chrome(HTMLParser):
    """The text a reader sees or hears, less what is marked ``lang=skip`` (with its content), and
    less scripts and styles."""

    def __init__(self, skip: str) -> None:
        super().__init__(convert_charrefs=True)
        self.skip = skip
        self.stack: list[bool] = []  # per open element: is it skipped (or inside one skipped)?
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        inside = bool(self.stack and self.stack[-1])
        skipped = inside or values.get("lang") == self.skip or tag in ("script", "style")
        if not skipped:
            self.parts += [v for k, v in attrs if k in SHOWN_ATTRIBUTES and v]
        if tag not in VOID:
            self.stack.append(skipped)

    def handle_endtag(self, tag: str) -> None:
        if tag not in VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        if not (self.stack and self.stack[-1]):
            self.parts.append(data)

    def text(self) -> str:
        return re.sub(r"\s+", " ", " ".join(self.parts))


def chrome(body: str, skip: str) -> str:
    parser = Chrome(skip)
    parser.feed(body)
    parser.close()
    return parser.text()


def pattern(message: str) -> re.Pattern[str]:
    """A message as a pattern: its %(name)s placeholders match any text."""
    parts = re.split(r"%\(\w+\)s", message)
    return re.compile(r"(?<![\w-])" + r".{1,200}?".join(re.escape(p) for p in parts) + r"(?![\w-])")


def foreign(lang: str) -> list[tuple[str, re.Pattern[str]]]:
    """The other language's messages that cannot be read as this language's: not the same words
    (“Plan”, “probable”), and long enough not to be a word of a name (“in”, “Data”)."""
    index = LANGUAGES.index(lang)
    mine = {pair[index] for pair in pairs()}
    out = []
    for pair in pairs():
        words = pair[1 - index]
        bare = re.sub(r"%\(\w+\)s", "", words).strip()
        if words not in mine and len(bare) >= 6 and " " in bare.strip(" .:"):
            out.append((words, pattern(words)))
    return out


# Every kind of page the site has; the walk below visits at least one of each.
PAGE_KINDS = (
    "home",
    "plans",
    "plan",
    "area",
    "mandate",
    "meeting",
    "series",
    "actor",
    "partner",
    "place",
    "theme",
    "source",
    "search",
    "sparql editor",
    "ontology",
    "plan-pair",
    "flow",
    "compare",
    "review",
    "what-became",
    "error 400",
    "error 404",
)


def walk_urls(store: OxigraphStore) -> dict[str, list[str]]:
    """Page kind → the pages of that kind to visit, looked up in the store."""
    from api.pages.became import CONTINUED, traces

    cat = read_catalog(store)
    urls: dict[str, list[str]] = {
        "home": ["/"],
        "plans": ["/plans"],
        "search": [
            "/search?q=seguridad+alimentaria",
            "/search?q=",
            "/search?q=cumbre&type=meeting",
        ],
        "sparql editor": ["/sparql"],
        "ontology": ["/ontology"],
        "flow": ["/themes/flow"],
    }
    for kind in ("area", "meeting", "series", "actor", "partner", "place", "theme", "source"):
        found = sorted(iri for iri in cat.labels if cat.kind(iri) == kind)
        assert found, f"no {kind} in the build"
        urls[kind] = [local(found[0])]
    # Every plan: each shows what became of its mandates.
    urls["plan"] = [local(p.iri) for p in cat.plans]
    # The mandate with the most links, so that its lineage, tiers and evidence are shown.
    linked = max(cat.antecedents, key=lambda m: (len(cat.antecedents[m]), m))
    urls["mandate"] = [local(linked)]
    # A mandate of which a later plan says something short of continuing it (probably continued,
    # its meeting held, its working group entrusted again): what became of it, in words.
    became = sorted(
        m for m, found in traces(store).items() if any(x.kind != CONTINUED for x in found)
    )
    assert became, "no mandate with a later trace other than an asserted continuation"
    urls["what-became"] = [local(became[0])]
    earlier = sorted(cat.antecedents[linked])[0]
    urls["compare"] = [f"/compare?later={linked}&earlier={earlier}"]
    later, first = cat.plans[-1].id, cat.plans[0].id
    urls["plan-pair"] = [f"/plans/{later}/{first}"]
    urls["review"] = [f"/review/{later}/{first}"]
    urls["error 400"] = ["/compare"]
    urls["error 404"] = [
        "/id/plan/no-such-plan/area/99",
        f"/plans/NO-SUCH-PLAN/{first}",
        "/no/such/page",  # no route at all
    ]
    return urls


@pytest.fixture(scope="module")
def walk(app: FastAPI, store: OxigraphStore) -> tuple[TestClient, list[str]]:
    """A client of its own (``?lang=`` sets a cookie), and one page of every kind, looked up in
    the store."""
    from fastapi.testclient import TestClient

    urls = walk_urls(store)
    return TestClient(app), [url for kind in PAGE_KINDS for url in urls[kind]]


def test_pages_bilingual_walk_visits_every_kind(store: OxigraphStore) -> None:
    assert set(walk_urls(store)) == set(PAGE_KINDS)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_pages_bilingual_no_message_of_the_other_language(
    walk: tuple[TestClient, list[str]], lang: str
) -> None:
    client, urls = walk
    other = LANGUAGES[1 - LANGUAGES.index(lang)]
    messages = foreign(lang)
    leaks = []
    for url in urls:
        sep = "&" if "?" in url else "?"
        answer = client.get(f"{url}{sep}lang={lang}", headers=HTML)
        assert answer.status_code in (200, 400, 404), (url, answer.status_code)
        assert f'<html lang="{lang}">' in answer.text, url
        seen = chrome(answer.text, skip=other)
        leaks += [(url, words) for words, found in messages if found.search(seen)]
    assert not leaks, leaks


def test_pages_bilingual_theme_keys_are_not_words(
    walk: tuple[TestClient, list[str]], store: OxigraphStore
) -> None:
    """A theme is shown by its label, never by its key ("food-security"): the keys are English,
    so a Spanish page shows none of them outside its links."""
    client, urls = walk
    keys = [t.rsplit("/", 1)[-1] for t in read_catalog(store).themes]
    assert keys
    for url in urls:
        sep = "&" if "?" in url else "?"
        seen = chrome(client.get(f"{url}{sep}lang=es", headers=HTML).text, skip="en")
        shown = [k for k in keys if re.search(r"(?<![\w/-])" + re.escape(k) + r"(?![\w/-])", seen)]
        assert not shown, (url, shown)


def test_pages_bilingual_quoted_text_marked_with_its_language(
    walk: tuple[TestClient, list[str]], store: OxigraphStore
) -> None:
    """On an English page, a mandate's text (the plans' own words, in Spanish) is quoted marked
    lang="es"; on a Spanish page it needs no mark."""
    client, urls = walk
    langs = {getattr(m, "text_lang", "") for m in read_catalog(store).mandates.values()}
    assert langs == {"es"}, langs
    marked = 0
    for url in urls:
        sep = "&" if "?" in url else "?"
        english = client.get(f"{url}{sep}lang=en", headers=HTML).text
        spans = re.findall(r'<span class="ref-text"([^>]*)>', english)
        assert all(attrs == ' lang="es"' for attrs in spans), (url, set(spans))
        marked += len(spans)
        spanish = client.get(f"{url}{sep}lang=es", headers=HTML).text
        assert 'class="ref-text" lang=' not in spanish, url
    assert marked


def test_pages_bilingual_walk_checks_something(walk: tuple[TestClient, list[str]]) -> None:
    """The walk would see a leak: an English page's own words are found on it when read as
    Spanish, and the words marked lang="es" are left out."""
    client, urls = walk
    body = client.get("/?lang=en", headers=HTML).text
    seen = chrome(body, skip="es")
    assert any(found.search(seen) for _, found in foreign("es"))
    assert chrome('<p>Inicio <span lang="es">Texto citado</span></p>', skip="es") == "Inicio "


def test_pages_bilingual_plurals_from_the_catalogs(walk: tuple[TestClient, list[str]]) -> None:
    client, _ = walk
    for lang, one, many in (
        ("es", "continuación afirmada", "continuaciones afirmadas"),
        ("en", "asserted continuation", "asserted continuations"),
    ):
        body = client.get(f"/?lang={lang}", headers=HTML).text
        counts = re.findall(r"<strong>(\d+)</strong> (" + one + "|" + many + ")<", body)
        assert counts, lang
        for n, words in counts:
            assert words == (one if n == "1" else many), (lang, n, words)


def test_pages_bilingual_evidence_in_the_page_language(
    walk: tuple[TestClient, list[str]], store: OxigraphStore
) -> None:
    """The graph gives the evidence for a link in both languages: a page shows it in its own,
    with no note that it is in the other."""
    client, _ = walk
    cat = read_catalog(store)
    linked = max(cat.antecedents, key=lambda m: (len(cat.antecedents[m]), m))
    for lang in LANGUAGES:
        body = client.get(f"{local(linked)}?lang={lang}", headers=HTML).text
        tags = re.findall(r'<ul class="evidence"[^>]* lang="([^"]*)"', body)
        assert tags and set(tags) == {lang}, (lang, tags)
        assert 'class="evidence-note"' not in body, lang
