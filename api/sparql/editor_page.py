"""The query editor's page (YASGUI) for a browser at ``/sparql``: its text in Spanish and English,
the endpoint, the prefixes and the canned queries as examples."""

from __future__ import annotations

from functools import lru_cache

from fastapi import Request, Response

from api.pages import language
from api.pages.templating import templates
from api.settings import Settings
from api.sparql import editor, formats
from api.sparql.execute import MAX_NESTING, MAX_SLASHES, MEMORY
from graph.namespaces import PREFIXES

ASSETS = "/assets"


@lru_cache(maxsize=1)
def _examples() -> tuple[editor.CannedQuery, ...]:
    return tuple(editor.canned_queries(PREFIXES))


_TEXT = {
    "es": {
        "title": "Consultas SPARQL",
        "intro": "Escriba una consulta SPARQL 1.1 o abra un ejemplo; las respuestas vienen de "
        "este servidor, el punto de acceso",
        "prefixes": "Los prefijos del proyecto ya están declarados:",
        "limits": "Solo lectura. Una consulta puede durar {timeout:g} s y usar {memory} MiB, "
        "anidar {nesting} niveles y encadenar {steps} pasos de camino; una respuesta trae a "
        "lo sumo {max_results} filas o tripletas (si se corta, lo dice).",
        "examples": "Ejemplos",
        "missing": "Faltan los archivos del editor de consultas (YASGUI). Instálelos con:",
        "missing_detail": "(ejecuta npm ci en api/assets). Se buscan en",
        "query": "Consulta",
        "run": "Ejecutar",
        "tab": "Consulta",
    },
    "en": {
        "title": "SPARQL queries",
        "intro": "Write a SPARQL 1.1 query or open an example; the answers come from this "
        "server, whose endpoint is",
        "prefixes": "The project's prefixes are declared already:",
        "limits": "Read-only. A query may run for {timeout:g} s and use {memory} MiB, nest "
        "{nesting} levels deep and chain {steps} path steps; an answer holds at most "
        "{max_results} rows or triples (a cut answer says so).",
        "examples": "Examples",
        "missing": "The query editor's files (YASGUI) are not installed. Install them with:",
        "missing_detail": "(it runs npm ci in api/assets). They are looked for in",
        "query": "Query",
        "run": "Run",
        "tab": "Query",
    },
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
    text = dict(_TEXT[lang])
    text["limits"] = text["limits"].format(
        timeout=settings.query_timeout,
        max_results=settings.max_results,
        memory=MEMORY // 2**20,
        nesting=MAX_NESTING,
        steps=MAX_SLASHES,
    )
    default_query = editor.declare_prefixes(query or DEFAULT_QUERY, PREFIXES)
    examples = _examples()
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
