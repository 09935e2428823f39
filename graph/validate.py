"""Check a graph against the SHACL shapes in ``shapes/`` and report what is wrong.

pySHACL checks SHACL Core; the shapes' SHACL-SPARQL constraints are evaluated by pyoxigraph
(:mod:`graph.shacl_sparql`), ten times faster than over rdflib.
Spec: https://www.w3.org/TR/shacl/#validation-report
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pyshacl
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.exceptions import ParserError
from rdflib.namespace import RDF, SH, NamespaceManager
from rdflib.term import Node

from graph import shacl_sparql
from graph.errors import ShapesError
from graph.namespaces import PREFIXES
from graph.paths import SHAPES_DIR

__all__ = ["ShapesError", "ValidationReport", "Violation", "load_shapes", "validate"]

TEXT_LIMIT = 50
_VALUE_WIDTH = 60

_SHAPES_PREFIX = ("celacsh", "https://w3id.org/celac-kg/shapes#")


@dataclass(frozen=True)
class Violation:
    """One ``sh:ValidationResult``; ``path`` is written in SPARQL property-path syntax."""

    focus: Node
    path: str | None
    value: Node | None
    message: str
    severity: str
    source_shape: Node


@dataclass(frozen=True)
class ValidationReport:
    """The outcome of ``validate``: whether the graph conforms, and every result."""

    conforms: bool
    violations: list[Violation]

    def text(self, limit: int = TEXT_LIMIT) -> str:
        """One sorted line per distinct result, at most ``limit``, then how many were left out."""
        if not self.violations:
            return "No violations."
        nsm = _namespace_manager()
        # Two components of one property shape (sh:datatype, sh:minInclusive) can fail with
        # the same message on the same value; one line says it.
        lines = sorted({_line(v, nsm) for v in self.violations})
        shown = lines[:limit]
        if len(lines) > limit:
            shown.append(f"… and {len(lines) - limit} more")
        return "\n".join(shown)


def load_shapes(directory: Path = SHAPES_DIR) -> Graph:
    """Parse every ``*.ttl`` file in ``directory`` into one shapes graph.

    Raises:
        ShapesError: if there is no such file, or one does not parse (the message names it).
    """
    files = sorted(directory.glob("*.ttl"))
    if not files:
        raise ShapesError(f"No shapes files (*.ttl) in {directory}")
    shapes = Graph()
    for path in files:
        try:
            shapes.parse(path, format="turtle")
        except (SyntaxError, ValueError, ParserError, OSError) as e:
            raise ShapesError(f"Cannot parse shapes file {path}: {e}") from e
    return shapes


def validate(
    data: Graph, shapes: Graph | None = None, ontology: Graph | None = None
) -> ValidationReport:
    """Validate ``data`` against ``shapes`` (default: ``shapes/*.ttl``), without inference.

    ``ontology`` is mixed into a copy of the data graph, so that ``sh:class`` sees its
    ``rdfs:subClassOf`` triples. Warnings and infos do not make the graph non-conforming.

    Raises:
        ShapesError: if the default shapes cannot be parsed.
    """
    shapes_graph = load_shapes() if shapes is None else shapes
    core, constraints = shacl_sparql.split(shapes_graph)
    conforms, results, _ = pyshacl.validate(
        data,
        shacl_graph=core,
        ont_graph=ontology,
        inference="none",
        advanced=True,
        allow_warnings=True,
    )
    found = list(_violations(results))
    nsm = _namespace_manager()
    graphs = [data] if ontology is None else [data, ontology]
    for r in shacl_sparql.evaluate(graphs, constraints):
        found.append(
            Violation(
                focus=r.focus,
                path=None if r.path is None else _path(Graph(), r.path, nsm),
                value=r.value,
                message=r.message,
                severity=_local_name(r.severity),
                source_shape=r.shape,
            )
        )
        conforms = conforms and r.severity != SH.Violation
    violations = sorted(found, key=_sort_key)
    return ValidationReport(conforms=bool(conforms), violations=violations)


def _violations(results: Graph) -> Iterator[Violation]:
    nsm = _namespace_manager()
    for result in results.subjects(RDF.type, SH.ValidationResult):
        focus = results.value(result, SH.focusNode)
        path = results.value(result, SH.resultPath)
        severity = results.value(result, SH.resultSeverity)
        messages = sorted(str(m) for m in results.objects(result, SH.resultMessage))
        yield Violation(
            focus=focus if focus is not None else BNode(),
            path=None if path is None else _path(results, path, nsm),
            value=results.value(result, SH.value),
            message="; ".join(messages) or "(no message)",
            severity=_local_name(severity) if isinstance(severity, URIRef) else "Violation",
            source_shape=results.value(result, SH.sourceShape) or BNode(),
        )


def _sort_key(v: Violation) -> tuple[str, str, str, str]:
    return (str(v.focus), v.path or "", "" if v.value is None else str(v.value), v.message)


def _path(g: Graph, node: Node, nsm: NamespaceManager) -> str:
    # A SHACL property path (https://www.w3.org/TR/shacl/#property-paths) is a blank-node
    # structure that means nothing outside the results graph: write it in SPARQL syntax.
    if isinstance(node, URIRef):
        return _n3(node, nsm)
    unary = {
        SH.inversePath: "^{}",
        SH.zeroOrMorePath: "{}*",
        SH.oneOrMorePath: "{}+",
        SH.zeroOrOnePath: "{}?",
    }
    for predicate, template in unary.items():
        inner = g.value(node, predicate)
        if inner is not None:
            return template.format(_path(g, inner, nsm))
    alternatives = g.value(node, SH.alternativePath)
    if alternatives is not None:
        return "(" + "|".join(_path(g, p, nsm) for p in Collection(g, alternatives)) + ")"
    if g.value(node, RDF.first) is not None:
        return "(" + "/".join(_path(g, p, nsm) for p in Collection(g, node)) + ")"
    return str(node)


def _line(v: Violation, nsm: NamespaceManager) -> str:
    path = f" {v.path}" if v.path else ""
    value = "" if v.value is None else f" (value: {_short(_n3(v.value, nsm))})"
    severity = "" if v.severity == "Violation" else f" [{v.severity}]"
    return f"- {_n3(v.focus, nsm)}{path}: {v.message}{value}{severity}"


def _n3(term: Node, nsm: NamespaceManager) -> str:
    # CURIEs even where Turtle would refuse the local part ("id:plan/celac-2014/area/3"):
    # the lines are for people.
    if isinstance(term, URIRef):
        for prefix, namespace in nsm.namespaces():
            if term.startswith(namespace) and len(term) > len(namespace):
                return f"{prefix}:{term[len(namespace) :]}"
    if isinstance(term, URIRef | Literal | BNode):
        return term.n3(nsm)
    return str(term)


def _short(text: str) -> str:
    return text if len(text) <= _VALUE_WIDTH else text[: _VALUE_WIDTH - 1] + "…"


def _local_name(iri: URIRef) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _namespace_manager() -> NamespaceManager:
    nsm = NamespaceManager(Graph(bind_namespaces="none"), bind_namespaces="none")
    for prefix, namespace in [*PREFIXES.items(), _SHAPES_PREFIX]:
        nsm.bind(prefix, namespace)
    return nsm
