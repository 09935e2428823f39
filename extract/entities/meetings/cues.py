"""Cues of the genre around a meeting's name: its status (held already or still to come), its frame
("en el marco de …"), its venue, and where a sentence ends."""

from __future__ import annotations

import re
from dataclasses import dataclass

_AFTER_LEAD = r"^(?:\W*|[^.;,]{0,40},\s*)"


@dataclass(frozen=True)
class Cue:
    """A phrase of the genre that tells whether a meeting is held already or still to come.

    ``fact`` says which general fact of the genre the cue records; a cue that matches only one
    place of the corpus must say it (tests/extract/entities/test_cues.py counts the places).
    """

    pattern: str
    fact: str = ""


# Right after the meeting's name: a past participle of holding or deciding ("celebrada en").
PAST_AFTER_CUES = (
    Cue(r"(?:celebrad|realizad|efectuad|llevad|reunid)", "a participle of holding: held already"),
    Cue(r"(?:adoptad|aprobad|cread|emanad|alcanzad|formulad|acordad)",
        "a participle of deciding: something already came out of the meeting"),
    Cue(r"que\s+se\s+(?:celebró|realizó|llevó|efectuó)", "a relative clause in the past"),
    Cue(r"anterior(?:es)?\b", "a meeting said to be earlier than the plan was held"),
)  # fmt: skip
# Right after the name: a future or a plan ("a celebrarse", "que tendrá lugar", "prevista").
FUTURE_AFTER_CUES = (
    Cue(r"a\s+(?:celebrarse|realizarse|efectuarse|llevarse|desarrollarse)",
        "'a' + passive infinitive: still to be held"),
    Cue(r"que\s+tendrá\s+lugar", "a relative clause in the future"),
    Cue(r"que\s+se\s+(?:celebrará|realizará|llevará|efectuará)", "a relative clause in the future"),
    Cue(r"(?:previst|programad|proyectad)", "a participle of planning: still to be held"),
)  # fmt: skip
# Right before the name: its outcomes, a decision taken there, or an event it was part of.
PAST_BEFORE_CUES = (
    Cue(r"eman\w*\s+de", "what emanates from a meeting was decided there"),
    Cue(r"(?:resultados?|acuerdos|conclusiones|recomendaciones|consensos?)(?:\s+\w+)?\s+(?:de|en)",
        "a meeting's outcomes (results, agreements, conclusions, recommendations, consensus) exist "
        "once it has been held"),
    Cue(r"(?:cread|aprobad|adoptad|convocad)\w*\s+(?:por|en)\b[^.;:,]{0,30}?",
        "a body or instrument created or adopted by a meeting: the meeting was held"),
    Cue(r"Declaración\b[^.;]{0,60}?\bde", "a meeting's declaration is adopted when it is held"),
    Cue(r"en\s+el\s+marco\s+de", "a meeting as the setting of another event"),
    Cue(r"en\s+ocasión\s+de", "a meeting as the occasion of another event"),
    Cue(r"particip\w*\s+(?:activamente\s+)?en", "taking part in a meeting held by others"),
    Cue(r"seguimiento\s+a\s+[^.;]{0,40}?\bde", "following up what a meeting decided"),
)  # fmt: skip


def _alternatives(cues: tuple[Cue, ...]) -> str:
    return "|".join(f"(?:{c.pattern})" for c in cues)


PAST_AFTER = re.compile(_AFTER_LEAD + f"(?:{_alternatives(PAST_AFTER_CUES)})", re.I)
FUTURE_AFTER = re.compile(_AFTER_LEAD + f"(?:{_alternatives(FUTURE_AFTER_CUES)})", re.I)
PAST_BEFORE = re.compile(
    f"(?:{_alternatives(PAST_BEFORE_CUES)})" + r"\s*(?:la|el|los|las|l)?\s*$", re.I
)
# The frame of a meeting: "en cuyo marco tendrán lugar: - una reunión …"; "… en el marco del …".
IN_WHOSE_FRAME = re.compile(r"\ben\s+cuyo\s+marco\b", re.I)
IN_FRAME = re.compile(
    r"[\s,]*(?:que\s+se\s+\w+\s+|a\s+\w+se\s+)?en\s+(?:el\s+marco|ocasión)\s+(?:de\s+la|del|de)\s*(?:la\s+|el\s+)?",
    re.I,
)
# What stands between a meeting described (not named) and its venue: "… con sede en México",
# "… celebradas en Nicaragua".
VENUE = re.compile(
    r"\s*,?\s*(?:con\s+sede\s+|a\s+celebrarse\s+|que\s+se\s+\w+\s+|(?:celebrad|realizad|efectuad)[oa]s?\s+)?"
    r"en\s+(?:la\s+ciudad\s+de\s+)?",
    re.I,
)
# A bare head with its article is one event when a relative clause holds it somewhere: "el foro
# que se celebrará en México". Only a venue makes it one: "la reunión que tendrá lugar en el 2014"
# is a time reference (see HELD_THERE_CUE and tests/extract/entities/test_cues.py).
HELD_THERE_CUE = Cue(
    r"que\s+se\s+(?:celebrar|realizar|efectuar|llevar)á\s+en\s+(?!el\b|los\b|(?:19|20)\d\d)",
    "a definite head with a relative clause of holding at a venue names one event: the article and "
    "the venue point to it (the annotation guide's rule (c): convened, with its place)",
)
HELD_THERE = re.compile(r"\s+(?:" + HELD_THERE_CUE.pattern + ")", re.I)
SENTENCE_END = re.compile(r"[.;](?=\s+[A-ZÁÉÍÓÚÑ¿“\"]|\s*$)")
# Meetings named in the plural are recalled, not convened: a preamble or an axis recounts the
# meetings whose commitments the plan takes up. A plural head with its description is such a set
# when a participle of holding or "anteriores" follows it ("las Reuniones sectoriales celebradas",
# "reuniones celebradas en Nicaragua, Panamá y Cuba", "las reuniones ministeriales anteriores del
# Foro"); "reuniones previas", "reuniones regionales" stay generic.
HELD_SET_CUE = Cue(
    r"(?:celebrad|realizad|efectuad|llevad)[oa]s\b(?!\s+(?:a\s+cabo\s+)?por\b)|anteriores\b",
    "a plural head followed by a participle of holding, or by 'anteriores', names meetings held; "
    "with an agent ('realizadas por la otra Parte') it describes a kind of event, not held ones",
)
HELD_SET = re.compile(r"\s*(?:" + HELD_SET_CUE.pattern + ")", re.I)
