"""The HTML page of one resource."""

from __future__ import annotations

from html import escape

from fastapi import Request
from fastapi.responses import HTMLResponse

from graph.store import Store


def resource_page(request: Request, store: Store, iri: str) -> HTMLResponse:
    """The page of ``iri``: its statements; a 404 page when the graph says nothing about it."""
    del request
    rows = list(store.query(f"SELECT ?p ?o WHERE {{ <{iri}> ?p ?o }} ORDER BY ?p"))  # type: ignore[arg-type]
    if not rows:
        body = f"<h1>Not found</h1><p>The graph says nothing about <code>{escape(iri)}</code>.</p>"
        return HTMLResponse(_html(iri, body), status_code=404)
    cells = "".join(
        f"<tr><td>{escape(str(r['p'].value))}</td><td>{escape(str(r['o'].value))}</td></tr>"
        for r in rows
    )
    body = f'<h1><a href="{escape(iri)}">{escape(iri)}</a></h1><table>{cells}</table>'
    return HTMLResponse(_html(iri, body))


def _html(title: str, body: str) -> str:
    return (
        f'<!doctype html><html lang="es"><head><meta charset="utf-8"><title>{escape(title)}</title>'
        f'<meta name="viewport" content="width=device-width, initial-scale=1"></head><body>{body}</body></html>'
    )
