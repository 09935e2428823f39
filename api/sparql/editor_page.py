"""The query editor's page (YASGUI) for a browser at ``/sparql``: its words in the reader's language
(the catalogs of api/locale), the endpoint, the prefixes and the canned queries as examples."""

from __future__ import annotations

import textwrap
from dataclasses import replace
from functools import lru_cache

from fastapi import Request, Response

from api.pages import language
from api.pages.messages import N_, Translator
from api.pages.templating import templates
from api.settings import Settings
from api.sparql import editor, formats
from api.sparql.execute import MAX_NESTING, MAX_SLASHES, MEMORY
from graph.namespaces import PREFIXES

ASSETS = "/assets"


@lru_cache(maxsize=1)
def _examples() -> tuple[editor.CannedQuery, ...]:
    return tuple(editor.canned_queries(PREFIXES))


# The editor's own words, in English; the catalogs (api/locale) give them in Spanish.
_TEXT = {
    "title": N_("SPARQL queries"),
    "intro": N_(
        "Write a SPARQL 1.1 query or open an example; the answers come from this server, whose "
        "endpoint is"
    ),
    "prefixes": N_("The project's prefixes are declared already:"),
    "limits": N_(
        "Read-only. A query may run for {timeout:g} s and use {memory} MiB, nest {nesting} "
        "levels deep and chain {steps} path steps; an answer holds at most {max_results} rows "
        "or triples (a cut answer says so)."
    ),
    "examples": N_("Examples"),
    "missing": N_("The query editor's files (YASGUI) are not installed. Install them with:"),
    "missing_detail": N_("(it runs npm ci in api/assets). They are looked for in"),
    "query": N_("Query"),
    "run": N_("Run"),
    "tab": N_("Query"),
}
DEFAULT_QUERY = """SELECT ?plan ?title WHERE {
  ?p a celac:Plan ; dcterms:identifier ?plan ; dcterms:title ?title .
}
ORDER BY ?plan
"""


def editor_page(request: Request, query: str | None, endpoint: str) -> Response:
    """The editor, with ``query`` open (or the default one), sending to ``endpoint``."""
    lang = language.choose(request)
    settings: Settings = request.app.state.settings
    t = Translator(lang)
    text = {key: t(words) for key, words in _TEXT.items()}
    text["limits"] = text["limits"].format(
        timeout=settings.query_timeout,
        max_results=settings.max_results,
        memory=MEMORY // 2**20,
        nesting=MAX_NESTING,
        steps=MAX_SLASHES,
    )
    default_query = editor.declare_prefixes(query or DEFAULT_QUERY, PREFIXES)
    # The canned queries' titles (the tabs' names) and descriptions in the reader's language.
    examples = [_translated(e, t) for e in _examples()]
    config = {
        "endpoint": endpoint,
        "tabName": text["tab"],
        "prefixes": PREFIXES,
        "defaultQuery": default_query,
        "query": default_query if query else None,
        "examples": [{"title": e.title, "query": e.text} for e in examples],
    }
    response = templates.TemplateResponse(
        request,
        "sparql.html",
        {
            "lang": lang,
            "text": text,
            "endpoint": endpoint,
            "assets": ASSETS,
            "prefixes": PREFIXES,
            "examples": examples,
            "yasgui": editor.yasgui_installed(),
            "yasgui_dir": editor.yasgui_location(),
            "config": config,
            "default_query": default_query,
            "formats": list(formats.BY_NAME),
        },
        headers={"Vary": "Accept"},
    )
    return language.remember(request, response)


def _translated(example: editor.CannedQuery, t: Translator) -> editor.CannedQuery:
    """``example`` with its title and description, and the comments that open its text, in the
    reader's language (from queries.po)."""
    title = t(example.title)
    description = t(example.description) if example.description else ""
    lines = example.text.splitlines(keepends=True)
    while lines and lines[0].startswith("#"):
        lines.pop(0)
    comments = [title, *textwrap.wrap(description, 100)]
    header = "".join(f"# {c}\n" for c in comments)
    return replace(example, title=title, description=description, text=header + "".join(lines))
