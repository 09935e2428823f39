"""Which language a page is shown in, and which of a resource's labels to show.

The reader's choice comes from ``?lang=`` (remembered in a cookie), then that cookie, then the
browser's ``Accept-Language``, else Spanish — the language of the plans.
"""

from __future__ import annotations

from collections.abc import Mapping

from fastapi import Request, Response

LANGUAGES = ("es", "en")
DEFAULT = "es"
COOKIE = "lang"
COOKIE_MAX_AGE = 365 * 24 * 3600


def from_accept_language(header: str | None) -> str | None:
    """The supported language the ``Accept-Language`` header prefers most, or None.

    >>> from_accept_language("en-GB,en;q=0.9,es;q=0.8")
    'en'
    """
    if not header:
        return None
    best: tuple[float, int] | None = None
    choice = None
    for order, part in enumerate(header.split(",")):
        tag, *params = (p.strip() for p in part.split(";"))
        primary = tag.lower().split("-")[0]
        if primary not in LANGUAGES:
            continue
        q = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if q <= 0:
            continue
        rank = (q, -order)
        if best is None or rank > best:
            best, choice = rank, primary
    return choice


def requested(request: Request) -> str | None:
    """The language asked for with ``?lang=``, if it is one of ours."""
    value = request.query_params.get("lang", "").lower()
    return value if value in LANGUAGES else None


def choose(request: Request) -> str:
    """The language to show ``request`` in: ``?lang=``, the cookie, ``Accept-Language``, Spanish."""
    cookie = request.cookies.get(COOKIE, "").lower()
    return (
        requested(request)
        or (cookie if cookie in LANGUAGES else None)
        or from_accept_language(request.headers.get("accept-language"))
        or DEFAULT
    )


def remember(request: Request, response: Response) -> Response:
    """Set the language cookie when the request chose a language with ``?lang=``; say that the
    page varies with the reader's language."""
    chosen = requested(request)
    if chosen is not None:
        response.set_cookie(COOKIE, chosen, max_age=COOKIE_MAX_AGE, samesite="lax")
    vary = [v.strip() for v in response.headers.get("vary", "").split(",") if v.strip()]
    for header in ("Accept-Language", "Cookie"):
        if header.lower() not in (v.lower() for v in vary):
            vary.append(header)
    response.headers["Vary"] = ", ".join(vary)
    return response


def pick_tag(labels: Mapping[str, str], lang: str) -> str | None:
    """The language tag of the label :func:`pick` shows ("" for none), None if there is none."""
    for tag in (lang, "es", "en", ""):
        if tag in labels:
            return tag
    return next(iter(labels), None)


def pick(labels: Mapping[str, str], lang: str) -> str | None:
    """The label in ``lang``, else Spanish, else English, else one without a language, else any."""
    tag = pick_tag(labels, lang)
    return None if tag is None else labels[tag]
