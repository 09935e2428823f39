"""SPARQL Update, for an administrator only: refused unless the service has an update token
(``CELAC_KG_UPDATE_TOKEN``), and then taken only from a request that bears it
(``Authorization: Bearer <token>``).

The graph is rebuilt from the plans' texts, so an update is a correction between builds: the
next ``celac-kg build`` replaces it, and the dump files do not show it. On the embedded store it
is applied to a working copy, never to the build (:mod:`api.sparql.updater`), which the app then
reads from (its query workers too); a restart serves the build as built again, and with several
server processes over one build the others never see it — serve from a remote engine for that.

https://www.w3.org/TR/sparql11-protocol/#update-operation
"""

from __future__ import annotations

import hmac
from collections.abc import Sequence
from urllib.parse import parse_qsl

from api.sparql.errors import BadRequest, SparqlError

UPDATE = "application/sparql-update"
FORM = "application/x-www-form-urlencoded"
REALM = 'Bearer realm="celac-kg SPARQL Update"'


class Unauthorized(SparqlError):
    """Raised when an update comes without the update token; answered with WWW-Authenticate."""

    status = 401


class WrongToken(SparqlError):
    """Raised when an update bears a token that is not the service's."""

    status = 403


def update_text(
    content_type: str | None, body: bytes, params: Sequence[tuple[str, str]]
) -> str | None:
    """The update a POST carries (an ``application/sparql-update`` body, or a form's ``update``
    field), or None when it carries none.

    Raises:
        BadRequest: a body that is not UTF-8, two updates, or an empty one.
    """
    media_type = (content_type or "").partition(";")[0].strip().lower()
    if media_type == UPDATE:
        text = _decode(body, "the application/sparql-update body")
    elif media_type == FORM:
        fields = [*params, *parse_qsl(_decode(body, "the form body"), keep_blank_values=True)]
        updates = [value for key, value in fields if key == "update"]
        if not updates:
            return None
        if len(updates) > 1:
            raise BadRequest(f"The request has {len(updates)} 'update' fields; send one.")
        text = updates[0]
    else:
        return None
    if not text.strip():
        raise BadRequest("The update is empty: send a SPARQL Update request.")
    return text


def authorize(authorization: str | None, token: str) -> None:
    """Let the request through if its ``Authorization`` header bears ``token``.

    Raises:
        Unauthorized: no bearer token.
        WrongToken: another token.
    """
    scheme, _, given = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not given.strip():
        raise Unauthorized(
            "SPARQL Update needs the administrator's token: send it as "
            "'Authorization: Bearer <token>'."
        )
    if not hmac.compare_digest(given.strip().encode(), token.encode()):
        raise WrongToken("The token sent is not this service's update token; nothing was changed.")


def _decode(body: bytes, what: str) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as e:
        raise BadRequest(f"{what} is not valid utf-8: {e}") from e
