"""A path no route serves: for a browser, a page in its reader's language; for any other client,
FastAPI's JSON answer as before."""

from __future__ import annotations

from fastapi import Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.responses import Response
from starlette.exceptions import HTTPException

from api.conneg import negotiate
from api.pages import language
from api.pages.messages import Translator
from api.pages.page import render


async def not_found(request: Request, exc: Exception) -> Response:
    """The answer to an HTTP error no route gave itself (an unknown path, a method not allowed)."""
    if not isinstance(exc, HTTPException):
        raise exc
    html = negotiate(request.headers.get("accept"), ["application/json", "text/html"])
    if exc.status_code != 404 or html != "text/html":
        return await http_exception_handler(request, exc)
    t = Translator(language.choose(request))
    message = t("There is no page at %(path)s.", path=request.url.path)
    return render(request, "error.html", {"message": message}, 404)
