"""The shapes' SHACL-SPARQL constraints (``sh:sparql`` with ``sh:select``), evaluated by
pyoxigraph rather than by pySHACL over rdflib, which spent two thirds of a build's validation on
them: each constraint runs once per focus node of its shape, ``$this`` pre-bound by substitution
(SEP-0007), as the spec's pre-binding asks.

What is supported is what the shapes use: constraints on node shapes, targets by class (with
``rdfs:subClassOf``), subjects-of, objects-of and node, prefixes by ``sh:prefixes``/``sh:declare``,
messages with ``{$this}``/``{?var}``, ``sh:severity`` and ``sh:deactivated``. A constraint beyond
that (on a property shape, which needs ``$PATH``) is refused by name, not evaluated wrongly.

Spec: https://www.w3.org/TR/shacl/#sparql-constraints
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from pyoxigraph import BlankNode, DefaultGraph, NamedNode, Quad, QuerySolutions, Store, Variable
from pyoxigraph import Literal as OxLiteral
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH, XSD
from rdflib.term import Node

from graph.errors import UnsupportedConstraint
from graph.oxigraph import _term

_TEMPLATE = re.compile(r"\{[?$](\w+)\}")
_THIS = re.compile(r"\$this\b")


@dataclass(frozen=True)
class Constraint:
    shape: Node
    node: Node
    select: str  # with its prefixes, ``$this`` written ``?this``
    messages: tuple[str, ...]
    severity: URIRef
    targets: tuple[str, ...]  # SPARQL patterns binding ?this to the shape's focus nodes


@dataclass(frozen=True)
class Result:
    focus: Node
    path: Node | None
    value: Node | None
    message: str
    severity: URIRef
    shape: Node


def split(shapes: Graph) -> tuple[Graph, list[Constraint]]:
    """The shapes without their SHACL-SPARQL constraints (for pySHACL), and those constraints.

    Raises:
        UnsupportedConstraint: a constraint on a property shape, or one without ``sh:select``.
    """
    core = Graph()
    core += shapes
    core.remove((None, SH.sparql, None))
    constraints: list[Constraint] = []
    for shape, node in shapes.subject_objects(SH.sparql):
        if _true(shapes, shape, SH.deactivated) or _true(shapes, node, SH.deactivated):
            continue
        if shapes.value(shape, SH.path) is not None:
            raise UnsupportedConstraint(
                f"the SHACL-SPARQL constraint {node} is on the property shape {shape}; only "
                "node shapes' constraints are evaluated"
            )
        select = shapes.value(node, SH.select)
        if not isinstance(select, Literal):
            raise UnsupportedConstraint(f"the SHACL-SPARQL constraint {node} has no sh:select")
        messages = tuple(str(m) for m in shapes.objects(node, SH.message)) or tuple(
            str(m) for m in shapes.objects(shape, SH.message)
        )
        severity = shapes.value(shape, SH.severity)
        constraints.append(
            Constraint(
                shape,
                node,
                _prologue(shapes, node) + _THIS.sub("?this", str(select)),
                tuple(sorted(messages)),
                severity if isinstance(severity, URIRef) else SH.Violation,
                tuple(_targets(shapes, shape)),
            )
        )
    return core, constraints


def evaluate(data: Iterable[Graph], constraints: list[Constraint]) -> Iterator[Result]:
    """The results of ``constraints`` on the union of the ``data`` graphs."""
    store = Store()
    store.extend(
        Quad(_term(s), _term(p), _term(o), DefaultGraph())  # type: ignore[arg-type]
        for graph in data
        for s, p, o in graph
    )
    this = Variable("this")
    for constraint in constraints:
        pattern = " UNION ".join(f"{{ {t} }}" for t in constraint.targets)
        if not pattern:
            continue
        focus = store.query(f"SELECT DISTINCT ?this WHERE {{ {pattern} }}")
        assert isinstance(focus, QuerySolutions)
        for row in focus:
            node = row[this]
            seen: set[tuple[object, ...]] = set()
            solutions = store.query(constraint.select, substitutions={this: node})
            assert isinstance(solutions, QuerySolutions)
            names = [v.value for v in solutions.variables]
            for solution in solutions:
                bound = {n: _node(solution[n]) for n in names if solution[n] is not None}
                key = tuple(sorted((k, str(v)) for k, v in bound.items()))
                if key in seen:
                    continue
                seen.add(key)
                focus_node = bound.get("this") or _node(node)
                yield Result(
                    focus_node,
                    bound.get("path"),
                    bound.get("value", focus_node),
                    "; ".join(
                        _format(m, {"this": focus_node, **bound}) for m in constraint.messages
                    ),
                    constraint.severity,
                    constraint.shape,
                )


def _targets(shapes: Graph, shape: Node) -> Iterator[str]:
    for cls in shapes.objects(shape, SH.targetClass):
        yield f"?this <{RDF.type}>/<{RDFS.subClassOf}>* {_n3(cls)}"
    if (shape, RDF.type, RDFS.Class) in shapes:  # an implicit class target
        yield f"?this <{RDF.type}>/<{RDFS.subClassOf}>* {_n3(shape)}"
    for p in shapes.objects(shape, SH.targetSubjectsOf):
        yield f"?this {_n3(p)} ?object"
    for p in shapes.objects(shape, SH.targetObjectsOf):
        yield f"?subject {_n3(p)} ?this"
    for n in shapes.objects(shape, SH.targetNode):
        yield f"VALUES ?this {{ {_n3(n)} }}"


def _prologue(shapes: Graph, node: Node) -> str:
    declarations = []
    for ontology in shapes.objects(node, SH.prefixes):
        for declaration in shapes.objects(ontology, SH.declare):
            prefix = shapes.value(declaration, SH.prefix)
            namespace = shapes.value(declaration, SH.namespace)
            declarations.append(f"PREFIX {prefix}: <{namespace}>\n")
    return "".join(sorted(set(declarations)))


def _true(g: Graph, node: Node, predicate: URIRef) -> bool:
    value = g.value(node, predicate)
    return isinstance(value, Literal) and value.toPython() is True


def _n3(term: Node) -> str:
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, Literal):
        return term.n3()
    raise UnsupportedConstraint(f"a SHACL target that is not an IRI or literal: {term!r}")


def _node(term: object) -> Node:
    """A pyoxigraph term as rdflib's."""
    if isinstance(term, NamedNode):
        return URIRef(term.value)
    if isinstance(term, BlankNode):
        return BNode(term.value)
    if isinstance(term, OxLiteral):
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype.value == str(XSD.string):
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    raise TypeError(f"not an RDF term: {term!r}")


def _format(message: str, bound: dict[str, Node]) -> str:
    """``{$this}``, ``{?value}`` … replaced by the bound values, as pySHACL writes them."""
    return _TEMPLATE.sub(lambda m: str(bound[m[1]]) if m[1] in bound else m[0], message)
