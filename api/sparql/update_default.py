"""What an update's default graph is here: the same as a query's.

A query without a dataset of its own sees the union of the store's graphs as its default graph
(``sd:UnionDefaultGraph``, which the SPARQL 1.1 Service Description defines for "query and update
evaluation"). An update is made to agree, by rewriting its text before the engine (embedded or
remote) applies it:

- **Reading** — the ``WHERE`` of each ``DELETE``/``INSERT`` operation without a dataset of its own
  (``USING``, ``USING NAMED``, ``WITH``, or the protocol's ``using-graph-uri`` and
  ``using-named-graph-uri``) matches against the union: it is given ``USING`` and ``USING NAMED``
  every graph of the store (SPARQL Update: the default graph of the ``WHERE`` is then their
  merge, and ``GRAPH ?g`` still reaches each).
- **Writing** — what an update writes to, or deletes from, the default graph goes to the named
  graph :data:`DEFAULT_GRAPH`, which the union includes, so what an update inserts a query then
  finds: the triples of ``INSERT DATA``, ``DELETE DATA`` and the ``INSERT``/``DELETE`` templates
  outside any ``GRAPH``; ``LOAD`` without ``INTO``; ``DEFAULT`` in ``CLEAR``, ``DROP``, ``ADD``,
  ``MOVE`` and ``COPY``. The Graph Store Protocol's ``?default`` is that graph too. A triple of a
  plan's graph is removed by naming its graph (``DELETE DATA { GRAPH <g> { … } }``, ``WITH <g>``),
  or every graph (``DELETE { GRAPH ?g { … } } WHERE { GRAPH ?g { … } }``).

The store's own unnamed graph thus stays empty. The graphs listed for ``USING`` are those of the
store when the update starts: an operation does not see, in its union, a graph an earlier
operation of the same request created (it sees it by ``GRAPH <g>``).

https://www.w3.org/TR/sparql11-update/#deleteInsert
https://www.w3.org/TR/sparql11-service-description/#sd-UnionDefaultGraph
"""

from __future__ import annotations

from collections.abc import Iterable

from api.sparql.update_dataset import TOKENS, UpdateDataset, apply, edited
from graph.namespaces import BASE

DEFAULT_GRAPH = f"{BASE}id/graph/default"
"""The named graph an update's writes to the default graph go to."""


def rewrite(update: str, graphs: Iterable[str]) -> str:
    """``update`` with its default graph the union of ``graphs`` (and :data:`DEFAULT_GRAPH`)
    for reading, and :data:`DEFAULT_GRAPH` for writing."""
    every = tuple(sorted({*graphs, DEFAULT_GRAPH}))
    union = UpdateDataset(every, every)  # the named graphs stay reachable by GRAPH, as in a query
    # USING first: it spells DELETE WHERE { P } as DELETE { P } WHERE { P }, whose template is
    # then written to the graph like any other.
    read = apply(update, union, implicit=True)
    return into_default_graph(read, DEFAULT_GRAPH)


def into_default_graph(update: str, graph: str) -> str:
    """``update`` with what it writes to the default graph written to ``graph`` instead (see the
    module's description); an operation with ``WITH`` is left as it is (it names its graph).
    ``CLEAR``, ``DROP``, ``ADD``, ``MOVE`` and ``COPY`` of the default graph are made ``SILENT``:
    the default graph always exists, ``graph`` only once written to."""
    target = f"<{graph}>"
    edits: list[tuple[int, int, str]] = []  # (start, end, replacement)
    depth = 0
    first = last = ""
    has_with = has_into = has_silent = silent = False
    first_end = 0
    template = -1  # where the template being read opens
    graph_block = -1  # where a GRAPH block in it starts
    blocks: list[tuple[int, int]] = []  # the GRAPH blocks of the template, (start, end)
    op_edits: list[tuple[int, int, str]] = []
    load_source = -1  # where LOAD's source IRI ends

    def close_operation() -> None:
        if not has_with:
            if silent and not has_silent:
                op_edits.insert(0, (first_end, first_end, " SILENT"))
            if first == "LOAD" and not has_into and load_source >= 0:
                op_edits.append((load_source, load_source, f" INTO GRAPH {target}"))
            edits.extend(op_edits)

    for match in TOKENS.finditer(update):
        punct = match.group("punct")
        word = match.group("word")
        token = match.group(0)
        if punct == "{":
            if depth == 0 and last in ("INSERT", "DELETE", "DATA") and template < 0:
                template = match.end()
                blocks = []
            depth += 1
        elif punct == "}":
            depth -= 1
            if depth == 1 and graph_block >= 0:
                blocks.append((graph_block, match.end()))
                graph_block = -1
            elif depth == 0 and template >= 0:
                body = _template(update, template, match.start(), blocks, target)
                op_edits.append((template, match.start(), body))
                template = -1
        elif punct == ";" and depth == 0:
            close_operation()
            first = last = ""
            has_with = has_into = has_silent = silent = False
            op_edits = []
            load_source = -1
        elif word is not None:
            keyword = word.upper()
            if depth == 1 and template >= 0 and keyword == "GRAPH" and graph_block < 0:
                graph_block = match.start()
            if depth != 0 or keyword in ("BASE", "PREFIX"):
                continue
            if not first:
                first, first_end = keyword, match.end()
            last = keyword
            if keyword == "WITH":
                has_with = True
            elif keyword == "INTO":
                has_into = True
            elif keyword == "SILENT":
                has_silent = True
            elif keyword == "DEFAULT" and first in ("CLEAR", "DROP", "ADD", "MOVE", "COPY"):
                spelled = f"GRAPH {target}" if first in ("CLEAR", "DROP") else target
                op_edits.append((match.start(), match.end(), spelled))
                silent = True
        elif depth == 0 and first == "LOAD" and load_source < 0 and token[0] not in "#?$":
            load_source = match.end()  # the source: an IRI or a prefixed name
    close_operation()
    return edited(update, sorted(edits))


def _template(update: str, start: int, end: int, blocks: list[tuple[int, int]], target: str) -> str:
    """The template between ``start`` and ``end`` with its triples outside the GRAPH
    ``blocks`` put in a GRAPH ``target`` block of their own."""
    segments: list[str] = []
    last = start
    for block_start, block_end in [*blocks, (end, end)]:
        segment = update[last:block_start].strip().lstrip(".").strip()
        if segment:
            segments.append(segment if segment.endswith(".") else segment + " .")
        last = block_end
    graphs = " ".join(update[s:e] for s, e in blocks)
    if not segments:
        return f" {graphs} "
    return f" GRAPH {target} {{ {' '.join(segments)} }} {graphs} "
