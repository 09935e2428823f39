"""The app factory: ``create_app()`` opens the built store once and mounts one router per resource.

Run it with ``celac-kg serve``, or ``uvicorn --factory api.main:create_app``; both read the
settings from ``CELAC_KG_*`` environment variables (see :mod:`api.settings`).
"""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from starlette.exceptions import HTTPException as StarletteHTTPException

from api import errors
from api.hygiene import Hygiene, content_security_policy
from api.pages.not_found import not_found
from api.routes import docs, graph_store, linked_data, pages, sparql
from api.settings import Settings
from graph.store import Store
from graph.stores import open_store

TITLE = "celac-kg"
DESCRIPTION = (
    "A knowledge graph of the joint-action plans of Latin America and the Caribbean: "
    "a SPARQL 1.1 endpoint, linked data for every resource, and pages for people."
)


def create_app(settings: Settings | None = None, store: Store | None = None) -> FastAPI:
    """The web application over ``store``, or over the store the settings name: the remote
    engine at ``settings.store``, or else the store built in ``settings.data``.

    Raises:
        StoreError: there is no store where the settings say, or it cannot be opened.
    """
    settings = settings or Settings.from_env()
    # /docs and /redoc are the app's own (api.routes.docs): FastAPI's load their scripts from a CDN.
    app = FastAPI(
        title=TITLE,
        description=DESCRIPTION,
        version="0.1.0",
        docs_url=None,
        redoc_url=None,
        # Answered by api/hygiene.py before any route, so every operation may give it.
        responses={414: {"description": "The path or the query string is too long."}},
    )
    app.state.settings = settings
    errors.install(app)
    if store is None:
        store = open_store(
            settings.data,
            settings.store,
            graph_store=settings.graph_store,
            timeout=settings.query_timeout,
        )
    app.state.store = store
    app.add_middleware(
        CORSMiddleware,
        allow_origins=["*"],
        allow_methods=["GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS"],
        allow_headers=["*"],
        expose_headers=[
            *("Content-Type", "Vary", "Link", "X-Result-Capped", "X-Result-Limit"),
            *("ETag", "Last-Modified", "Location"),
        ],
    )
    # Outermost: its headers go on every answer, the other middleware's included.
    app.add_middleware(Hygiene, csp=content_security_policy(_origins(settings)))
    app.include_router(sparql.router)
    app.include_router(graph_store.router)
    app.include_router(linked_data.router)
    app.include_router(pages.router)
    app.include_router(docs.router)
    # A browser that asks for a path no route serves gets a page in its language.
    app.add_exception_handler(StarletteHTTPException, not_found)
    return app


def _origins(settings: Settings) -> list[str]:
    """Origins besides this one that the pages' scripts send requests to: the configured public
    URL's, which the query editor's endpoint is on."""
    if not settings.base_url:
        return []
    scheme, _, rest = settings.public_url.partition("://")
    return [f"{scheme}://{rest.split('/', 1)[0]}"]
