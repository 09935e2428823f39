"""The held-out reading of names outside the mandates: the data is exact, and the measure counts
what it says it counts."""

from __future__ import annotations

from pathlib import Path

import pytest
from pyoxigraph import Literal, NamedNode, Quad, Store

from celac_kg.heldout import HELD_OUT, Span, evaluate_held_out, fold_files, read_held_out
from graph.oxigraph import OxigraphStore

ROOT = Path(__file__).resolve().parents[2]
CELAC = "https://w3id.org/celac-kg/ontology#"
OA = "http://www.w3.org/ns/oa#"
RDF_TYPE = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
IDENT = NamedNode("http://purl.org/dc/terms/identifier")
DERIVED = NamedNode("http://www.w3.org/ns/prov#wasDerivedFrom")


def test_every_annotated_span_is_the_text_it_names() -> None:
    spans = read_held_out(HELD_OUT)
    assert spans["meeting"] and spans["organisation"]
    for kind, found in spans.items():
        for s in found:
            text = (ROOT / "corpus" / s.file).read_text(encoding="utf-8")
            assert text[s.start : s.end] == s.text, (kind, s)


def test_an_unreadable_file_is_named(tmp_path: Path) -> None:
    bad = tmp_path / "held.toml"
    bad.write_text("[[meeting]\n", encoding="utf-8")
    with pytest.raises(ValueError, match="held.toml"):
        read_held_out(bad)


def _selector(store: Store, node: str, file: str, start: int, end: int) -> NamedNode:
    """A resource ``node`` derived from ``file`` at ``start``-``end``, the way the graph says it."""
    res, sel, doc = NamedNode(node + "#r"), NamedNode(node + "#sel"), NamedNode(f"urn:doc:{file}")
    xsd = "http://www.w3.org/2001/XMLSchema#integer"
    store.add(Quad(doc, IDENT, Literal(file)))
    store.add(Quad(res, NamedNode(OA + "hasSource"), doc))
    store.add(Quad(res, NamedNode(OA + "hasSelector"), sel))
    store.add(Quad(sel, RDF_TYPE, NamedNode(OA + "TextPositionSelector")))
    store.add(Quad(sel, NamedNode(OA + "start"), Literal(str(start), datatype=NamedNode(xsd))))
    store.add(Quad(sel, NamedNode(OA + "end"), Literal(str(end), datatype=NamedNode(xsd))))
    return res


def test_mentions_inside_mandates_do_not_count_and_overlap_matches(tmp_path: Path) -> None:
    held = tmp_path / "held.toml"
    held.write_text(
        '[[organisation]]\nfile = "a.txt"\ntext = "Banco"\nstart = 10\nend = 15\n'
        '[[organisation]]\nfile = "a.txt"\ntext = "Fondo"\nstart = 40\nend = 45\n',
        encoding="utf-8",
    )
    raw = Store()
    mandate = NamedNode("urn:mandate")
    raw.add(Quad(mandate, RDF_TYPE, NamedNode(CELAC + "Mandate")))
    raw.add(Quad(mandate, DERIVED, _selector(raw, "urn:mandate", "a.txt", 100, 200)))
    for i, (start, end) in enumerate([(8, 14), (120, 130), (60, 70)]):
        actor = NamedNode(f"urn:actor{i}")
        raw.add(Quad(actor, RDF_TYPE, NamedNode(CELAC + "Actor")))
        raw.add(
            Quad(
                actor,
                NamedNode(CELAC + "mention"),
                _selector(raw, f"urn:m{i}", "a.txt", start, end),
            )
        )
    path = tmp_path / "store"
    on_disk = Store(str(path))
    on_disk.extend(list(raw))
    on_disk.flush()
    del on_disk
    report = evaluate_held_out(OxigraphStore(path), held)
    org = report.scores["organisation"]
    # (8, 14) overlaps "Banco"; (60, 70) matches nothing; (120, 130) lies inside the mandate.
    assert (org.found, org.found_right, org.annotated, org.annotated_found) == (2, 1, 2, 1)
    assert org.misses == [Span("a.txt", 40, 45, "Fondo")]
    assert report.scores["meeting"].found == 0


def test_a_name_and_its_acronym_in_brackets_are_one_mention(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("el Consejo Superior ( CSU ) y la OEA", encoding="utf-8")
    held = tmp_path / "held.toml"
    held.write_text(
        '[[organisation]]\nfile = "a.txt"\ntext = "Consejo Superior"\nacronym = "CSU"\n'
        "start = 3\nend = 19\n"
        '[[organisation]]\nfile = "a.txt"\ntext = "OEA"\nacronym = "X"\nstart = 33\nend = 36\n',
        encoding="utf-8",
    )
    spans = read_held_out(held, corpus)["organisation"]
    assert [(s.start, s.end) for s in spans] == [(3, 27), (33, 36)]
    assert [(s.start, s.end) for s in read_held_out(held)["organisation"]] == [(3, 19), (33, 36)]


def test_each_fold_is_scored_on_its_own_plans_files(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "plans.toml").write_text(
        '[[plan]]\nid = "P1"\nsources = ["a.txt"]\n[[plan]]\nid = "P2"\nsources = ["b.txt"]\n',
        encoding="utf-8",
    )
    dev = tmp_path / "dev.toml"
    dev.write_text('[folds]\nA = ["P1"]\nB = ["P2"]\ndesign = "B"\n', encoding="utf-8")
    folds = fold_files(dev, corpus)
    assert folds == {"A": (["P1"], {"a.txt"}), "B": (["P2"], {"b.txt"})}
    held = tmp_path / "held.toml"
    held.write_text(
        '[[organisation]]\nfile = "a.txt"\ntext = "Banco"\nstart = 10\nend = 15\n'
        '[[organisation]]\nfile = "b.txt"\ntext = "Fondo"\nstart = 40\nend = 45\n',
        encoding="utf-8",
    )
    raw = Store()
    for i, (file, start, end) in enumerate([("a.txt", 10, 15), ("b.txt", 60, 70)]):
        actor = NamedNode(f"urn:actor{i}")
        raw.add(Quad(actor, RDF_TYPE, NamedNode(CELAC + "Actor")))
        raw.add(
            Quad(actor, NamedNode(CELAC + "mention"), _selector(raw, f"urn:m{i}", file, start, end))
        )
    path = tmp_path / "store"
    on_disk = Store(str(path))
    on_disk.extend(list(raw))
    on_disk.flush()
    del on_disk
    report = evaluate_held_out(OxigraphStore(path), held, folds=folds)
    a, b = report.folds["A"][1]["organisation"], report.folds["B"][1]["organisation"]
    assert (a.precision, a.recall, b.precision, b.recall) == (1.0, 1.0, 0.0, 0.0)
    assert report.scores["organisation"].found == 2
    assert "fold A organisation" in report.text() and "fold B: P2" in report.text()
