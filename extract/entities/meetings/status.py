"""A meeting's status: held already ("refersTo") or called for ("convenes")."""

from __future__ import annotations

from datetime import date

from spacy.tokens import Doc

from extract.entities.meetings.cues import FUTURE_AFTER, PAST_AFTER, PAST_BEFORE
from extract.entities.meetings.spans import Found
from extract.entities.mentions import Status


def give_status(doc: Doc, found: list[Found], reference: date | None) -> None:
    """Each named meeting's status, by the cues around its name, else by its date."""
    text = doc.text
    previous: Found | None = None
    for f in found:
        if not f.named or f.mechanism:
            continue
        start = doc[f.start].idx
        end = doc[f.end - 1].idx + len(doc[f.end - 1].text)
        after = text[end : end + 60]
        since = (
            0 if previous is None else doc[previous.end - 1].idx + len(doc[previous.end - 1].text)
        )
        lead = text[max(0, since, start - 120) : start]
        lead = lead[max(lead.rfind("."), lead.rfind(";")) + 1 :]
        status: Status | None = None
        if f.recalled:  # held, by the participle or "anteriores" that made it a set
            status = "refersTo"
        elif PAST_AFTER.search(after):
            status = "refersTo"
        elif FUTURE_AFTER.search(after):
            status = "convenes"
        elif PAST_BEFORE.search(lead):
            status = "refersTo"
        elif previous is not None and previous.status and _coordinated(doc, previous, f):
            status = previous.status
        elif reference is not None and f.date is not None and f.date.ends < reference:
            status = "refersTo"
        if status == "refersTo" and reference and f.date and f.date.begins > reference:
            # A meeting that begins after the plan cannot have been held: the cue ("en el
            # marco del 69º período de sesiones") sets it, it does not report it.
            status = None
        f.status = status or "convenes"
        previous = f


def _coordinated(doc: Doc, previous: Found, f: Found) -> bool:
    """Whether ``f`` is listed after ``previous`` in the same clause (no verb, no ";" between)."""
    between = doc[previous.end : f.start]
    if any(t.text in (";", ".", ":") or t.pos_ in ("VERB", "AUX") for t in between):
        return False
    return len(between) == 0 or between[-1].lower_ in (
        "la",
        "el",
        "los",
        "las",
        "y",
        "e",
        ",",
        "del",
        "al",
        "a",
    )
