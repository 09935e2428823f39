"""From a request's path to the IRI it names, and back: ``/id/…`` on this service is
``https://w3id.org/celac-kg/id/…``.

The path is taken as the client sent it and mapped to an IRI as RFC 3987 §3.2 says: the
percent-encoded octets that spell non-ASCII characters in UTF-8, and those of unreserved ASCII
characters (RFC 3986 §2.3), are decoded; every other escape stays as sent, in upper case (so
``%2F`` is not a ``/`` and ``%23`` is not a fragment).
"""

from __future__ import annotations

import re
from string import ascii_letters, digits

from api.errors import NotAPath as NotAPath
from graph.namespaces import BASE

_UNRESERVED = frozenset(ascii_letters + digits + "-._~")
_ESCAPES = re.compile(r"(?:%[0-9A-Fa-f]{2})+")


def _decode(match: re.Match[str]) -> str:
    octets = bytes.fromhex(match.group(0).replace("%", ""))
    out = []
    for ch in octets.decode("utf-8", errors="surrogateescape"):
        code = ord(ch)
        if 0xDC80 <= code <= 0xDCFF:  # an octet that is not part of a UTF-8 character
            out.append(f"%{code - 0xDC00:02X}")
        elif code < 0x80 and ch not in _UNRESERVED:
            out.append(f"%{code:02X}")
        else:
            out.append(ch)
    return "".join(out)


def iri_path(path: str) -> str:
    """``path`` (as sent, percent-encoded) in IRI form (RFC 3987 §3.2)."""
    return _ESCAPES.sub(_decode, path)


def requested_iri(raw_path: bytes, root_path: str = "") -> str:
    """The canonical IRI a request for ``raw_path`` (the path as sent) names.

    Raises:
        NotAPath: the path is not UTF-8.
    """
    try:
        path = raw_path.decode("utf-8")
    except UnicodeDecodeError as e:
        raise NotAPath(f"the path {raw_path!r} is not UTF-8: {e.reason}") from e
    if root_path and path.startswith(root_path):
        path = path[len(root_path) :]
    return BASE + iri_path(path).lstrip("/")


def local_path(iri: str) -> str:
    """Where this service answers for ``iri``, one of the graph's IRIs: ``/id/…``."""
    if not iri.startswith(BASE):
        raise ValueError(f"{iri!r} is not one of this graph's IRIs (they start with {BASE})")
    return "/" + iri[len(BASE) :]
