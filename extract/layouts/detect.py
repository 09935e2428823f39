"""Recognise a source's layout from its text."""

from __future__ import annotations

from extract.errors import LayoutError
from extract.layouts.action_plan import ActionPlan
from extract.layouts.base import Layout
from extract.layouts.declaration import Declaration
from extract.layouts.joint_plan import JointPlan
from extract.layouts.workplan_table import WorkplanTable
from extract.layouts.workplan_web import WorkplanWeb
from extract.text import Source

LAYOUTS: dict[str, Layout] = {
    layout.name: layout
    for layout in (Declaration(), ActionPlan(), JointPlan(), WorkplanWeb(), WorkplanTable())
}
# Below this score a text is in no known layout.
THRESHOLD = 0.5


def detect(source: Source) -> Layout:
    """The layout ``source`` is written in.

    Raises:
        LayoutError: no layout recognises the text, naming the best candidate and its score.
    """
    scores = sorted(
        ((layout.score(source), name) for name, layout in LAYOUTS.items()), reverse=True
    )
    best, name = scores[0]
    if best < THRESHOLD:
        known = ", ".join(sorted(LAYOUTS))
        raise LayoutError(
            source.name,
            f"the text is in no layout the extractor knows (known: {known}; the closest, {name}, "
            f'scores {best:.2f} < {THRESHOLD}). Name one with `layouts = {{ "{source.name}" = '
            '"…" }` in its [[plan]] table if you are sure, or check that this is a plan text',
        )
    return LAYOUTS[name]


def get(name: str, subject: str) -> Layout:
    """The layout called ``name``, for a manifest that names one explicitly."""
    try:
        return LAYOUTS[name]
    except KeyError:
        known = ", ".join(sorted(LAYOUTS))
        raise LayoutError(subject, f"unknown layout {name!r} (known: {known})") from None
