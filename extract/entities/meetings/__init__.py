"""The ``celac_meetings`` component (a package, one module per stage): named meetings, their series, status, date and place.

Runs after ``celac_places`` and ``celac_dates`` and reads what they left on the doc. Genre rules:

- a meeting is a head noun (Reunión, Cumbre, Foro, Conferencia, Encuentro, Consulta, Sesión,
  Feria, Exposición/EXPO, Competencia, Videoconferencia, Taller, Seminario, Congreso, "Debate
  General", "período (extraordinario) de sesiones", and "Diálogo" with an ordinal) with an optional
  ordinal before it ("II", "Segunda", "1er.", "69º"; coordinated: "Segundo y Tercer Foro", "I y II
  reuniones" → one meeting each);
- it is *named* when it has an ordinal, or a capitalised complement ("de Ministros de Cultura",
  "Ministerial CELAC-China") and either a capitalised head or a definite article ("la reunión de
  Cancilleres de la CELAC"). Indefinite or plural generic references ("una reunión técnica",
  "reuniones regionales", "los encuentros del Cuarteto") are not named meetings;
- a Foro that is only a partnership ("Foro China - CELAC", "el establecimiento del Foro
  CELAC-China") is the mechanism, not a meeting; it still lends its name to "la I reunión" after it;
- the name runs over capitalised words, the connectors between them (de, del, la, y, sobre…),
  "China - CELAC"-style pairs, enumerations ("Ciencia, Tecnología e Innovación"), a year right after
  a capitalised word ("EXPO ALADI 2014"), and a lower-case adjective right after a capitalised word
  ("Mecanismos regionales y subregionales"); with an ordinal, a lower-case topic too ("I y II
  reuniones sobre migraciones de la CELAC"). It stops at commas before lower-case words, verbs,
  dates, places and "en <lower case>";
- series: the name without its ordinal, normalised (gendered doublets → "Ministros", "de la CELAC"
  dropped, "CELAC-China" → "China-CELAC", plural head → singular, title case); a bare ordinal head
  ("la III Reunión en Cuba", "la I Reunión de la CELAC sobre este tema") inherits the series of the
  last meeting of the same kind before it, else "<Head> del <the forum or body before it>";
  the facts of ``series.toml`` (series.py) spell acronyms out, put a bilateral forum's parties
  in its own order and give a series its one name under its other names ("Foro Ministerial
  CELAC-China", "la I reunión" of the Foro CELAC-China → "Reunión Ministerial del Foro
  China-CELAC"; a CELAC meeting set in the UNGA's session or General Debate → "Reunión de
  Cancilleres de la CELAC"), and date a numbered edition by its series' calendar (the nth UNGA
  session opens in September of 1945 + n); other unnumbered meetings have no series;
- status: "refersTo" after a past participle ("celebrada en", "realizado en", "reunidas en") or
  after "emanadas de", a meeting's outcomes ("resultados/acuerdos/conclusiones/recomendaciones/
  consenso(s) … de/en"), "creado/aprobado/adoptada por/en", "Declaración … de", "en el marco de",
  "en ocasión de", "participar en", or when its date ends before the reference date (the cues are
  ``PAST_AFTER_CUES``, ``FUTURE_AFTER_CUES``, ``PAST_BEFORE_CUES``); "convenes"
  otherwise (the plans call for what they name: "Celebrar", "a celebrarse", "que tendrá lugar",
  "cuya primera sesión se efectuará"). A meeting coordinated with the one before it ("X y la Y")
  shares its status unless it has its own cue;
- date and place: those outside meeting names, in the same sentence, go to the nearest meeting on
  their left; with none, to the next meeting when only function words lie between ("Celebrar en
  Caracas, durante el segundo semestre de 2014, la II Reunión").

The reference date is ``doc.user_data["reference_date"]`` or the ``reference_date`` setting.

The stages, in the order :class:`MeetingFinder` runs them: ``spans`` (where each name begins and ends,
with the vocabulary of ``words``), ``labels`` (series, records), ``placing`` (place, date, frame),
``status`` (with the phrases of ``cues``).
"""

from __future__ import annotations

from extract.entities.meetings.cues import (
    FUTURE_AFTER_CUES,
    HELD_SET_CUE,
    HELD_THERE_CUE,
    PAST_AFTER_CUES,
    PAST_BEFORE_CUES,
    Cue,
)
from extract.entities.meetings.finder import MeetingFinder, make_meeting_finder
from extract.entities.meetings.labels import normalise_series, series_key
from extract.entities.meetings.words import ENGLISH_HEADS, HEADS, PLURAL

__all__ = [
    "ENGLISH_HEADS",
    "FUTURE_AFTER_CUES",
    "HEADS",
    "HELD_SET_CUE",
    "HELD_THERE_CUE",
    "PAST_AFTER_CUES",
    "PAST_BEFORE_CUES",
    "PLURAL",
    "Cue",
    "MeetingFinder",
    "make_meeting_finder",
    "normalise_series",
    "series_key",
]
