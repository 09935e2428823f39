"""Every plan of the corpus, read without the model: each passage's offsets cut back to its text."""

from __future__ import annotations

from pathlib import Path

from extract.layouts.base import is_footnote
from extract.plans import read_plans
from extract.text import Passage, Source, squash


def test_plans_every_passage_cuts_back_to_its_text_exactly(corpus_dir: Path) -> None:
    checked = 0
    for plan in read_plans(corpus_dir):
        sources = {s.name: s for s in plan.sources}
        for area in plan.all_areas():
            for passage in area.passages():
                source = sources[passage.source]
                span = passage.span
                # The footnotes a passage runs past are no part of it (but a footnote's own text is).
                notes = [
                    x.index
                    for x in source.lines
                    if is_footnote(x) and not x.start <= span.start <= x.end
                ]
                # Spaces count: a text whose words ran together ("RedCELACde:") would pass a
                # comparison without whitespace.
                assert source.clean(span.start, span.end, notes) == passage.text, passage.text
                for c, at in zip(passage.text, passage.offsets, strict=True):
                    assert c == " " or source.text[at] == c, passage.text
                checked += 1
    assert checked > 550


def test_plans_clean_tells_words_run_together() -> None:
    source = Source("t.txt", "Red CELAC de: \n Diplomacia científica.\n", "0" * 64)
    right = source.passage([(0, 14), (16, 38)])
    assert right.text == "Red CELAC de: Diplomacia científica."
    glued = Passage(
        "t.txt",
        right.text.replace(" ", ""),
        tuple(o for o, c in zip(right.offsets, right.text, strict=True) if c != " "),
    )
    assert squash(glued.text) == squash(right.text)  # what the old check compared
    assert source.clean(glued.span.start, glued.span.end) != glued.text
    assert source.clean(right.span.start, right.span.end) == right.text
