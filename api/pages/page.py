"""What a resource's page is built from, handed to the view of its kind."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from fastapi import Request
from fastapi.responses import HTMLResponse

from api.pages import language
from api.pages.catalog import Catalog
from api.pages.messages import Translator
from api.pages.statements import Property, Value
from api.pages.templating import templates
from graph.store import Store


@dataclass(frozen=True)
class Page:
    request: Request
    store: Store
    cat: Catalog
    iri: str
    lang: str
    t: Translator
    properties: list[Property]  # what the graph says about the resource
    data: Path  # the build folder, for the source texts

    def values(self, prop: str) -> list[Value]:
        """The values of one property (a prefixed name: "celac:involves")."""
        return next((p.values for p in self.properties if p.curie == prop), [])

    def label(self, iri: str) -> str:
        return self.cat.label(iri, self.lang)


def render(
    request: Request, name: str, context: dict[str, object], status_code: int = 200
) -> HTMLResponse:
    """Render a page template; remember a language chosen with ``?lang=``."""
    context = {"status": status_code, **context}
    response = templates.TemplateResponse(request, name, context, status_code=status_code)
    language.remember(request, response)
    return response


def lines(page: Page, prop: str) -> list[str]:
    """The literal values of one property, as text."""
    return [v.text for v in page.values(prop)]
