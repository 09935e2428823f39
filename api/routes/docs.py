"""The API's documentation pages, ``/docs`` (Swagger UI) and ``/redoc`` (ReDoc), served with
their scripts and styles from this service: the npm packages ``swagger-ui-dist`` and ``redoc``,
locked in ``api/assets/package-lock.json`` and installed by ``make install`` (as YASGUI is).
Nothing is loaded from another host, and no inline script runs (the Content-Security-Policy
forbids both): each page's setup is a static file beside the pages' own.
"""

from __future__ import annotations

from html import escape

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

from api.sparql.editor import ROOT

MODULES = ROOT / "api" / "assets" / "node_modules"
SWAGGER_DIR = MODULES / "swagger-ui-dist"
REDOC_DIR = MODULES / "redoc" / "bundles"
SWAGGER = "/assets/swagger-ui"
REDOC = "/assets/redoc"

router = APIRouter(include_in_schema=False)
router.mount(SWAGGER, StaticFiles(directory=SWAGGER_DIR, check_dir=False), name="swagger-ui")
router.mount(REDOC, StaticFiles(directory=REDOC_DIR, check_dir=False), name="redoc")

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
