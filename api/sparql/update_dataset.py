"""The SPARQL 1.1 Protocol's update dataset: ``using-graph-uri`` and ``using-named-graph-uri``
written into the update as the ``USING`` and ``USING NAMED`` clauses of each of its
``DELETE``/``INSERT … WHERE`` operations, so that the engine (embedded or remote) applies them as
it applies the update's own.

The update is read by a small lexer, in one pass (time linear in its length): strings, IRIs and
comments are skipped, braces counted; the keywords at the top level of each operation (between
``;``) are what decides. A request with both the parameters and a ``USING``, ``USING NAMED`` or
``WITH`` clause is refused, as the protocol says.

https://www.w3.org/TR/sparql11-protocol/#update-dataset
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from pyoxigraph import NamedNode

from api.sparql.errors import BadRequest

USING = "using-graph-uri"
USING_NAMED = "using-named-graph-uri"

# One token: a string, an IRI, a comment, a variable, a prefixed name, a word, a brace or a ';'.
# Possessive quantifiers: no backtracking, whatever the text.
TOKENS = re.compile(
    "|".join(
        [
            r'(?P<skip>"""(?:[^"\\]|\\.|"(?!""))*+"""',
            r"'''(?:[^'\\]|\\.|'(?!''))*+'''",
            r'"(?:[^"\\\n\r]|\\.)*+"',
            r"'(?:[^'\\\n\r]|\\.)*+'",
            r'<[^<>"{}|^`\\\x00-\x20]*+>',
            r"\#[^\n\r]*+",
            r"[?$]\w++",
            r"(?:[A-Za-z][\w.-]*+)?:[^\s{}();,\[\]]*+)",
            r"(?P<word>[A-Za-z]++)",
            r"(?P<punct>[{};])",
        ]
    )
)


@dataclass(frozen=True, slots=True)
class UpdateDataset:
    """The graphs a request names for an update's ``WHERE``: its default graph (``using``) and
    its named graphs (``using_named``). Empty when the request names none."""

    using: tuple[str, ...] = ()
    using_named: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.using or self.using_named)


def from_params(params: Sequence[tuple[str, str]]) -> UpdateDataset:
    """The update dataset a request's parameters (URL and form fields) name.

    Raises:
        BadRequest: a graph that is not an absolute IRI.
    """
    using: list[str] = []
    named: list[str] = []
    for key, value in params:
        if key in (USING, USING_NAMED):
            try:
                NamedNode(value)
            except ValueError as e:
                raise BadRequest(f"{key}={value[:200]!r} is not an absolute IRI: {e}") from e
            (using if key == USING else named).append(value)
    return UpdateDataset(tuple(using), tuple(named))


@dataclass(slots=True)
class _Operation:
    first: str = ""  # the operation's first keyword, upper case
    second: str = ""  # the keyword after it
    where: int = -1  # where its top-level WHERE starts
    where_end: int = -1  # where its pattern's closing brace ends
    using: bool = False  # it has USING or WITH of its own


def apply(update: str, dataset: UpdateDataset, *, implicit: bool = False) -> str:
    """``update`` with ``dataset`` written into each of its operations that has a ``WHERE``
    (``DELETE WHERE { P }`` becomes ``DELETE { P } USING … WHERE { P }``); ``update`` itself
    when the dataset is empty. ``implicit``: the dataset is the service's own default (see
    :mod:`api.sparql.update_default`), left out of the operations that name theirs.

    Raises:
        BadRequest: the dataset is the request's and the update has ``USING``, ``USING NAMED``
            or ``WITH`` of its own.
    """
    if not dataset:
        return update
    clauses = "".join(f"USING <{g}> " for g in dataset.using) + "".join(
        f"USING NAMED <{g}> " for g in dataset.using_named
    )
    edits: list[tuple[int, int, str]] = []  # (start, end, replacement), in order
    for op in _operations(update):
        if op.using and implicit:
            continue
        if op.using:
            raise BadRequest(
                f"The request names an update dataset ({USING}/{USING_NAMED}) and the update "
                "has a USING, USING NAMED or WITH clause too; the protocol forbids both: "
                "send one or the other."
            )
        if op.where < 0 or op.first not in ("INSERT", "DELETE") or op.second == "DATA":
            continue
        if op.first == "DELETE" and op.second == "WHERE":
            pattern = update[op.where + len("WHERE") : op.where_end]
            edits.append((op.where, op.where, f"{pattern.strip()} {clauses}"))
        else:
            edits.append((op.where, op.where, clauses))
    return edited(update, edits)


def edited(text: str, edits: list[tuple[int, int, str]]) -> str:
    """``text`` with each ``(start, end, replacement)`` of ``edits`` (in order, not overlapping)
    put in place of ``text[start:end]``."""
    out: list[str] = []
    last = 0
    for start, end, replacement in edits:
        out += [text[last:start], replacement]
        last = end
    out.append(text[last:])
    return "".join(out)


def _operations(update: str) -> list[_Operation]:
    ops = [_Operation()]
    depth = 0
    for match in TOKENS.finditer(update):
        op = ops[-1]
        punct = match.group("punct")
        if punct == "{":
            depth += 1
            if op.first and not op.second:
                op.second = "{"
        elif punct == "}":
            depth -= 1
            if depth == 0 and op.where >= 0 and op.where_end < 0:
                op.where_end = match.end()
        elif punct == ";" and depth == 0:
            ops.append(_Operation())
        word = match.group("word")
        if word is None or depth != 0:
            continue
        keyword = word.upper()
        if keyword in ("BASE", "PREFIX"):
            continue
        if not op.first:
            op.first = keyword
        elif not op.second:
            op.second = keyword
        if keyword in ("USING", "WITH"):
            op.using = True
        elif keyword == "WHERE" and op.where < 0:
            op.where = match.start()
    return ops
