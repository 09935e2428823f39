"""What every page's frame needs: the reader's language, the words in it, and the switch to the
other language (which works on every page, and is remembered in a cookie)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from fastapi import Request

from api.pages import language
from api.pages.messages import Translator

NAMES = {"es": "Español", "en": "English"}


@dataclass(frozen=True)
class Switch:
    code: str
    name: str
    url: str
    current: bool


@dataclass(frozen=True)
class UI:
    lang: str
    t: Translator
    switch: list[Switch]
    path: str


def here(request: Request) -> str:
    """The request's path and query, without ``lang``: where to come back after a switch."""
    query = [(k, v) for k, v in request.query_params.multi_items() if k != "lang"]
    return request.url.path + (f"?{urlencode(query)}" if query else "")


def ui(request: Request) -> UI:
    lang = language.choose(request)
    back = here(request)
    switch = [
        Switch(code, NAMES[code], f"/lang/{code}?{urlencode({'next': back})}", code == lang)
        for code in language.LANGUAGES
    ]
    return UI(lang, Translator(lang), switch, request.url.path)


def ui_context(request: Request) -> dict[str, Any]:
    """The Jinja2 context processor: ``ui`` in every template."""
    return {"ui": ui(request)}
