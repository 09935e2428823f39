"""The API's documentation pages, ``/docs`` (Swagger UI) and ``/redoc`` (ReDoc), served with
their scripts and styles from this service: the npm packages ``swagger-ui-dist`` and ``redoc``,
locked in ``api/assets/package-lock.json`` and installed by ``make install`` (as YASGUI is).
Nothing is loaded from another host, and no inline script runs (the Content-Security-Policy
forbids both): each page's setup is a static file beside the pages' own.
"""

from __future__ import annotations

from functools import lru_cache
from html import escape

from fastapi import APIRouter, Request, Response
from fastapi.responses import HTMLResponse, PlainTextResponse
from fastapi.staticfiles import StaticFiles

from api.sparql.editor import ROOT

MODULES = ROOT / "api" / "assets" / "node_modules"
SWAGGER_DIR = MODULES / "swagger-ui-dist"
REDOC_DIR = MODULES / "redoc" / "bundles"
SWAGGER = "/assets/swagger-ui"
REDOC = "/assets/redoc"

REDOC_BUNDLE = "redoc.standalone.js"
# ReDoc's menu shows Redocly's logo from their CDN, unconditionally (redoc 2.5): the bundle is
# served with the logo's address pointing here instead.
REDOC_LOGO = b"https://cdn.redoc.ly/redoc/logo-mini.svg"
LOCAL_LOGO = b"/static/favicon.svg"

router = APIRouter(include_in_schema=False)
router.mount(SWAGGER, StaticFiles(directory=SWAGGER_DIR, check_dir=False), name="swagger-ui")


@lru_cache(maxsize=1)
def _redoc_bundle() -> bytes:
    return (REDOC_DIR / REDOC_BUNDLE).read_bytes().replace(REDOC_LOGO, LOCAL_LOGO)


@router.get(f"{REDOC}/{REDOC_BUNDLE}")
def redoc_bundle() -> Response:
    """ReDoc's script, from the locked npm package, with nothing fetched from another host."""
    try:
        body = _redoc_bundle()
    except OSError:
        return PlainTextResponse(
            f"ReDoc is not installed ({REDOC_DIR / REDOC_BUNDLE}): run make install.",
            status_code=404,
        )
    return Response(body, media_type="text/javascript; charset=utf-8")


_PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
{head}
</head>
<body data-openapi="{openapi}">
{body}
</body>
</html>
"""


def _page(request: Request, title: str, head: str, body: str) -> HTMLResponse:
    openapi = request.app.openapi_url or "/openapi.json"
    return HTMLResponse(
        _PAGE.format(title=escape(title), head=head, body=body, openapi=escape(openapi))
    )


@router.get("/docs")
def swagger_ui(request: Request) -> HTMLResponse:
    """The OpenAPI description in Swagger UI, where requests can be tried."""
    return _page(
        request,
        f"{request.app.title} · API (Swagger UI)",
        f'<link rel="stylesheet" href="{SWAGGER}/swagger-ui.css">',
        f'<div id="swagger-ui"></div>\n<script src="{SWAGGER}/swagger-ui-bundle.js"></script>\n'
        '<script src="/static/docs/swagger-init.js"></script>',
    )


@router.get("/redoc")
def redoc(request: Request) -> HTMLResponse:
    """The OpenAPI description in ReDoc, to read."""
    return _page(
        request,
        f"{request.app.title} · API (ReDoc)",
        "",
        f'<div id="redoc"></div>\n<script src="{REDOC}/redoc.standalone.js"></script>\n'
        '<script src="/static/docs/redoc-init.js"></script>',
    )
