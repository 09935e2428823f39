"""The ``celac_meetings`` component: named meetings, their series, status, date and place.

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
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date

from spacy.language import Language
from spacy.tokens import Doc, Token

from extract.entities import ordinals
from extract.entities.dates import MONTHS, to_date
from extract.entities.mentions import DateMention, MeetingMention, PlaceMention, Status
from extract.entities.places import fold
from extract.entities.series import read_series

if not Doc.has_extension("celac_meetings"):
    Doc.set_extension("celac_meetings", default=None)

HEADS = {
    "reunion": "Reunión", "cumbre": "Cumbre", "foro": "Foro", "conferencia": "Conferencia",
    "encuentro": "Encuentro", "consulta": "Consulta", "sesion": "Sesión", "feria": "Feria",
    "exposicion": "Exposición", "expo": "Exposición", "competencia": "Competencia",
    "videoconferencia": "Videoconferencia", "taller": "Taller", "seminario": "Seminario",
    "congreso": "Congreso", "debate": "Debate General", "periodo": "Período de sesiones",
    "dialogo": "Diálogo",
}  # fmt: skip
# An event's English name printed in a Spanish text keeps the English order: its modifiers stand
# before the head ("STS Forum", "World Economic Forum"), and are part of the name.
ENGLISH_HEADS = {"forum": "Foro", "summit": "Cumbre", "conference": "Conferencia"}
HEADS |= ENGLISH_HEADS
_PLURAL = {h + "es": h for h in ("reunion", "sesion", "exposicion", "taller")} | {
    h + "s": h for h in HEADS if not h.endswith(("n", "r"))
}
CONNECT = {"de", "del", "la", "las", "los", "el", "y", "e", "sobre", "para", "contra", "entre"}
# Lower-case words of fixed phrases inside names ("Estados miembros").
FIXED_LOWER = {"miembros", "miembro", "partes"}
INDEFINITE = {"otra", "otro", "otras", "otros", "cualquier", "alguna", "algun"}
DASHES = {"-", "–", "—"}
QUOTES = {"“", "”", '"', "«", "»", "‘", "’"}
FUNCTION = {
    "la",
    "el",
    "los",
    "las",
    "a",
    "al",
    "una",
    "un",
    "en",
    "durante",
    "de",
    "del",
    "y",
    "e",
}
_ORD_WORD = (
    r"(?:primer[oa]?|segund[oa]|tercer[oa]?|cuart[oa]|quint[oa]|sext[oa]|s[eé]ptim[oa]|octav[oa]"
    r"|noven[oa]|und[eé]cim[oa]|duod[eé]cim[oa]|d[eé]cim[oa](?:\s*[a-zé]+[oa])?|vig[eé]sim[oa](?:\s*[a-zé]+[oa])?)"
)
_ORD = rf"(?:\b[IVXLC]+\b|(?i:\b{_ORD_WORD}\b)|\b\d{{1,3}}\s?(?:\.?\s?[ºª°]|(?i:er|era|ra|ro|do|da|to|ta)\b\.?))"
_ORD_BEFORE = re.compile(rf"(?:({_ORD})\s*(?:,|y|e)\s*)?({_ORD})\s*$")
_MECHANISM = re.compile(
    r"(?:establec\w*|crea\w*|mecanismo)\s+(?:de\s+|del\s+)?(?:la\s+|el\s+|un\s+)?$", re.I
)
_PARTNERS = {
    "china",
    "celac",
    "alc",
    "lac",
    "america",
    "latina",
    "caribe",
    "y",
    "el",
    "-",
    "–",
    "—",
}
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
    Cue(r"emanad\w*\s+de", "what emanates from a meeting was decided there"),
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


_PAST_AFTER = re.compile(_AFTER_LEAD + f"(?:{_alternatives(PAST_AFTER_CUES)})", re.I)
_FUTURE_AFTER = re.compile(_AFTER_LEAD + f"(?:{_alternatives(FUTURE_AFTER_CUES)})", re.I)
_PAST_BEFORE = re.compile(
    f"(?:{_alternatives(PAST_BEFORE_CUES)})" + r"\s*(?:la|el|los|las|l)?\s*$", re.I
)
# The frame of a meeting: "en cuyo marco tendrán lugar: - una reunión …"; "… en el marco del …".
_IN_WHOSE_FRAME = re.compile(r"\ben\s+cuyo\s+marco\b", re.I)
_IN_FRAME = re.compile(
    r"[\s,]*(?:que\s+se\s+\w+\s+|a\s+\w+se\s+)?en\s+(?:el\s+marco|ocasión)\s+(?:de\s+la|del|de)\s*(?:la\s+|el\s+)?",
    re.I,
)
# What stands between a meeting described (not named) and its venue: "… con sede en México".
_VENUE = re.compile(
    r"\s*,?\s*(?:con\s+sede\s+|a\s+celebrarse\s+|que\s+se\s+\w+\s+)?en\s+(?:la\s+ciudad\s+de\s+)?",
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
_HELD_THERE = re.compile(r"\s+(?:" + HELD_THERE_CUE.pattern + ")", re.I)
_SENTENCE_END = re.compile(r"[.;](?=\s+[A-ZÁÉÍÓÚÑ¿“\"]|\s*$)")


@dataclass
class _Found:
    """A meeting being read: token span of the whole name and what is known so far."""

    start: int  # token index of the first token (the ordinal where there is one)
    end: int  # token index after the last token of the name
    head: int  # token index of the head noun
    kind: str
    ordinal: int | None
    ordinal_text: str | None
    named: bool
    mechanism: bool = False
    series: str | None = None
    status: Status | None = None
    place: PlaceMention | None = None
    date: DateMention | None = None
    extra: list[int] = field(default_factory=list)  # the other ordinals of a coordination
    descriptive: bool = False  # named by description only: kept when placed, dated or framed
    ordinal_at: tuple[int, int] | None = None  # character offsets of the ordinal as printed
    venue_only: bool = False  # a bare head ("el foro que se celebrará en …"): kept when placed


def _head(token: Token) -> str | None:
    word = fold(token.text)
    word = _PLURAL.get(word, word)
    return word if word in HEADS else None


def _is_cap(token: Token) -> bool:
    text = token.text
    return (
        bool(text)
        and text[0].isupper()
        and any(c.isalpha() for c in text)
        and fold(text) not in MONTHS
    )


def _is_plural(token: Token) -> bool:
    return fold(token.text) in _PLURAL


def _tidy(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _title(text: str) -> str:
    words = text.split(" ")
    out = []
    for i, w in enumerate(words):
        if i and fold(w) in CONNECT | {"o", "u", "en", "con", "por"}:
            out.append(w.lower())
        elif w[:1].islower():
            out.append(w[:1].upper() + w[1:])
        else:
            out.append(w)
    return " ".join(out)


def normalise_series(name: str, drop_celac: bool = True) -> str:
    """The readable series name of a meeting's name without its ordinal.

    "Reunión de Ministras, Ministros y Autoridades de Desarrollo Social … de la CELAC" and
    "Reunión de Ministros de Desarrollo Social …" give the same; so do "CELAC-China" and "China - CELAC".
    """
    s = _tidy(name)
    s = re.sub(r"\s*[-–—]\s*", "-", s)
    s = read_series().spell(s)
    s = re.sub(
        r"\bMinistras,\s*Ministros\s+y\s+(?:Altas\s+)?Autoridades\b", "Ministros", s, flags=re.I
    )
    s = re.sub(r"\bMinistr[oa]s\s+y\s+Ministr[oa]s\b", "Ministros", s, flags=re.I)
    s = (
        s
        if not drop_celac
        else re.sub(
            r"\s+de\s+la\s+(?:Comunidad\s+de\s+Estados\s+Latinoamericanos\s+y\s+Caribeños(?:\s*\(CELAC\))?|CELAC)\b|\s+de\s+CELAC\b",
            "",
            s,
        )
    )
    s = re.sub(r"\s*\((?:CELAC|[A-Z]{2,6})\)\s*$", "", s)
    first, _, rest = s.partition(" ")
    head = _head_text(first)
    s = f"{head} {rest}".strip() if head else s
    return _title(s)


def _head_text(word: str) -> str | None:
    key = fold(word)
    key = _PLURAL.get(key, key)
    if key not in HEADS:
        return None
    label = HEADS[key]
    return label.split(" ")[0] if key in ("debate", "periodo") else label


def series_key(series: str) -> str:
    """A series name folded for comparison: no accents, lower case, dashes unified."""
    return re.sub(r"\s+", " ", re.sub(r"\s*[-–—]\s*", "-", fold(series))).strip()


_DESCRIBE_CONNECT = {"de", "del", "sobre", "para", "entre", "y", "e"}
_DESCRIBE_ARTICLE = {"la", "las", "los", "el"}
# Time words say when, not who meets or on what ("la reunión del año 2014" is a time reference).
_TIME_WORDS = {"ano", "anos", "mes", "meses", "semestre", "trimestre", "dia", "dias", "semana"}


def _described_end(doc: Doc, i: int, is_inside: object) -> int:
    """The end of a description after a meeting's head: who meets and on what, in any case
    ("reunión regional de autoridades de política industrial y planeación económica", "reunión
    conjunta de las autoridades de Educación e Industria de la CELAC", "Foro aeroespacial").

    Adjectives, and nouns after "de/sobre/para/entre" (with an article) or coordinated with
    "y/e"; it stops at punctuation, verbs, participles, "que", "con", "en", dates and places.
    Returns the token index after the last word, or ``i + 1`` when nothing describes the head.
    """
    assert callable(is_inside)
    j, last, nouns = i + 1, i, 0
    while j < len(doc) and j - i <= 16:
        t = doc[j]
        low = t.lower_
        if is_inside(t) or t.is_punct:
            break
        if low in _DESCRIBE_CONNECT | _DESCRIBE_ARTICLE:
            j += 1
            continue
        participle = re.search(r"[ai]d[oa]s?$", low) is not None and t.pos_ != "NOUN"
        if fold(t.text) in _TIME_WORDS:
            break
        if t.pos_ in ("NOUN", "PROPN", "ADJ") and not participle and _head(t) is None:
            before = doc[j - 1].lower_
            if (
                t.pos_ == "ADJ"
                or before in _DESCRIBE_CONNECT | _DESCRIBE_ARTICLE
                or t.text[0].isupper()
            ):
                nouns += t.pos_ != "ADJ"
                last = j
                j += 1
                continue
        break
    # A description says who meets or on what: at least one noun, or an adjective of the head.
    return last + 1 if last > i and (nouns or doc[i + 1].pos_ == "ADJ") else i + 1


_ARTICLES = {"la", "las", "el", "los"}
_NAME_COMPLEMENT = {"de", "del", "sobre", "contra", "para", "entre"}


def _enumeration_goes_on(doc: Doc, comma: int, head: int) -> bool:
    """Whether a name's subject goes on after the comma at ``comma``: the subject ("sobre …",
    "contra …", "de …") is an enumeration of capitalised nouns, each with its article, that the
    comma continues and "y/e" closes before the clause ends ("Conferencia de Revisión de Durban
    contra el Racismo, la Discriminación Racial, la Xenofobia y las Formas Conexas de
    Intolerancia"). A comma before another meeting ("…, la Cumbre Empresarial China - LAC y el
    Foro …") or before lower-case words ends the name."""
    complements = [k for k in range(head + 1, comma) if doc[k].lower_ in _NAME_COMPLEMENT]
    # The item before the comma has its article too ("contra el Racismo,"), and no item is an
    # acronym: "la Reunión de Ministros de Cultura, la CEPAL y el SELA" lists actors, not a subject.
    if not complements or doc[complements[-1] + 1].lower_ not in _ARTICLES:
        return False

    def acronym(k: int) -> bool:
        return doc[k].text.isupper() and len(doc[k].text) > 1

    if any(acronym(k) for k in range(complements[-1] + 2, comma)):
        return False
    k = comma
    closed = False
    while k < len(doc) and k - comma <= 30:
        t = doc[k]
        if t.text == "," or t.lower_ in ("y", "e"):
            closing = t.lower_ in ("y", "e")
            k += 1
            if k < len(doc) and doc[k].lower_ in _ARTICLES:
                k += 1
            elif not closing:
                return False  # each item after a comma has its article
            if k >= len(doc) or not _is_cap(doc[k]) or _head(doc[k]) is not None or acronym(k):
                return False
            closed = closed or closing
            while k < len(doc) and (_is_cap(doc[k]) or doc[k].lower_ in _NAME_COMPLEMENT):
                k += 1
            if closed:
                return True
            continue
        return closed
    return False


class MeetingFinder:
    """Finds named meetings and gives each its series, status, date and place."""

    def __init__(self, reference_date: str = "") -> None:
        self.reference = to_date(reference_date)

    def __call__(self, doc: Doc) -> Doc:
        places: list[PlaceMention] = list(doc._.celac_places or [])
        dates: list[DateMention] = list(doc._.celac_dates or [])
        reference = to_date(doc.user_data.get("reference_date")) or self.reference
        found = self._find(doc, places, dates)
        self._series(doc, found)
        self._attach(doc, found, places, dates)
        self._edition_date(doc, found)
        self._frame(doc, found)
        found = [f for f in found if not f.descriptive or f.named]
        self._named_year(doc, found)
        self._status(doc, found, reference)
        doc._.celac_meetings = [
            m for f in found if f.named and not f.mechanism for m in self._records(doc, f)
        ]
        return doc

    # -- names -------------------------------------------------------------------------------

    def _find(self, doc: Doc, places: list[PlaceMention], dates: list[DateMention]) -> list[_Found]:
        in_place = [(p.start, p.end) for p in places]
        in_date = [(d.start, d.end) for d in dates]

        def inside(token: Token) -> str | None:
            if any(s <= token.idx < e for s, e in in_date):
                return "date"
            if any(s <= token.idx < e for s, e in in_place):
                return "place"
            return None

        found: list[_Found] = []
        i = 0
        while i < len(doc):
            token = doc[i]
            key = _head(token)
            if key is None or inside(token):
                i += 1
                continue
            f = self._read(doc, i, key, inside)
            if f is None:
                i += 1
                continue
            found.append(f)
            i = max(f.end, i + 1)
        return found

    def _read(self, doc: Doc, i: int, key: str, inside: object) -> _Found | None:
        token = doc[i]
        is_inside = inside  # a callable: is a token part of a place or a date
        assert callable(is_inside)
        # The ordinal(s) just before the head.
        before = doc.text[: token.idx]
        m = _ORD_BEFORE.search(before)
        ordinal = extra = None
        start = i
        ordinal_text = None
        ordinal_at: tuple[int, int] | None = None
        if m:
            values = [ordinals.parse(g) for g in m.groups() if g]
            if all(v is not None for v in values) and values:
                ordinal = values[-1] if len(values) == 1 else values[0]
                extra = values[1] if len(values) == 2 else None
                span = doc.char_span(m.start(), token.idx, alignment_mode="expand")
                if span is not None:
                    start = span.start
                ordinal_text = _tidy(m.group(0))
                printed = m.group(0).rstrip()
                ordinal_at = (m.start(), m.start() + len(printed))
        j = i + 1
        if key == "debate":
            if j >= len(doc) or doc[j].text != "General":
                return None
            j += 1
        if key == "periodo":
            if j < len(doc) and fold(doc[j].text) in ("extraordinario", "ordinario"):
                j += 1
            if (
                j + 1 >= len(doc)
                or fold(doc[j].text) != "de"
                or fold(doc[j + 1].text) != "sesiones"
            ):
                return None
            j += 2
        if key == "dialogo" and ordinal is None:
            return None
        last = j - 1
        previous_kind = "head"  # what the last included token was: head, cap, adj
        after_sobre = False
        while j < len(doc):
            t = doc[j]
            low = t.text.lower()
            nxt = doc[j + 1] if j + 1 < len(doc) else None
            where = is_inside(t)
            if where == "date":
                break
            if where == "place":
                # a place inside a name: "Feria de Shanghái", "Foro de Think Tanks China - ALC"
                if (
                    doc[j - 1].lower_ in ("de", "del")
                    or doc[j - 1].text in DASHES
                    or previous_kind == "cap"
                    and last == j - 1
                ):
                    last, previous_kind, after_sobre = j, "cap", False
                    j += 1
                    continue
                break
            if (
                _head(t) is not None
                and _is_cap(t)
                and j >= 2
                and doc[j - 1].lower_ in ("el", "la", "los", "las")
                and doc[j - 2].lower_ in ("y", "e", ",")
            ):
                break  # "… y el Foro de …": another meeting
            if _is_cap(t) or (
                t.like_num and len(t.text) == 4 and previous_kind == "cap" and last == j - 1
            ):
                last, previous_kind, after_sobre = j, "cap", False
                j += 1
                continue
            if (
                ordinals.parse(t.text) is not None
                and t.text[0].isdigit()
                and nxt is not None
                and _is_cap(nxt)
            ):
                j += 1  # "de la 75º AGONU"
                continue
            if (
                t.like_num
                and nxt is not None
                and nxt.text in ("º", "°", "ª")
                and j + 2 < len(doc)
                and _is_cap(doc[j + 2])
            ):
                j += 2  # "de la 75 ° AGONU" as the tokenizer splits it
                continue
            if t.text in DASHES and nxt is not None and _is_cap(nxt):
                j += 1
                continue
            if t.text in QUOTES:
                if last == j - 1 and previous_kind == "cap":
                    last = j
                j += 1
                continue
            if low in FIXED_LOWER and last == j - 1 and previous_kind == "cap":
                last = j
                j += 1
                continue
            if t.text == "(":
                close = next(
                    (k for k in range(j + 1, min(j + 6, len(doc))) if doc[k].text == ")"), None
                )
                if close is not None and all(
                    _is_cap(doc[k]) or doc[k].like_num for k in range(j + 1, close)
                ):
                    j = close + 1
                    continue
                break
            if (
                t.text == ","
                and nxt is not None
                and _is_cap(nxt)
                and not is_inside(nxt)
                and previous_kind == "cap"
            ):
                j += 1
                continue
            if t.text == "," and previous_kind == "cap" and _enumeration_goes_on(doc, j, i):
                j += 1  # "contra el Racismo, la Discriminación Racial, la Xenofobia y las Formas …"
                continue
            more = j + 2 < len(doc) and (_is_cap(doc[j + 2]) or doc[j + 2].text in DASHES)
            if (
                low == "en"
                and nxt is not None
                and _is_cap(nxt)
                and not is_inside(nxt)
                and (more or nxt.ent_type_ not in ("LOC", "GPE"))
            ):
                j += 1
                continue
            if low in CONNECT:
                after_sobre = low == "sobre" or (after_sobre and low in ("el", "la", "los", "las"))
                j += 1
                continue
            if (
                t.is_lower
                and t.pos_ == "ADJ"
                and previous_kind in ("cap", "adj")
                and not re.search(r"[ai]d[oa]s?$", low)
            ):
                between = doc[last + 1 : j]
                if all(b.lower_ in ("y", "e", ",") for b in between):
                    last, previous_kind = j, "adj"
                    j += 1
                    continue
            participle = re.search(r"[ai]d[oa]s?$", low) is not None
            lower_head = token.is_lower and ordinal is not None
            if (
                t.is_lower
                and t.pos_ in ("NOUN", "ADJ", "PROPN")
                and not participle
                and (after_sobre or lower_head)
            ):
                last, previous_kind = j, "adj"
                j += 1
                continue
            break
        end = last + 1
        complement = [t for t in doc[i + 1 : end] if _is_cap(t)]
        head_cap = token.text[0].isupper()
        determiner = fold(doc[start - 1].text) if start > 0 else ""
        definite = determiner in ("la", "el", "las", "los", "del", "al", "proxima", "proximo")
        plural = _is_plural(token)
        if ordinal is None and determiner in INDEFINITE:
            named = False
        elif (
            ordinal is None
            and start >= 2
            and determiner in ("de", "del")
            and _is_cap(doc[start - 2])
            and _head(doc[start - 2]) is None
        ):
            named = False  # "Espacio de Encuentro …": part of another name
        elif ordinal is not None:
            named = True
        elif plural:
            named = False
        else:
            named = bool(complement) and (head_cap or definite)
        head = i
        if key in ENGLISH_HEADS and ordinal is None and token.text[0].isupper():
            k = i
            while (
                k > 0
                and _is_cap(doc[k - 1])
                and (doc[k - 1].text.isupper() or doc[k - 1].pos_ in ("PROPN", "X"))
                and not is_inside(doc[k - 1])
                and _head(doc[k - 1]) is None
            ):
                k -= 1
            if k < i:
                start = head = k
                named = True
        mechanism = False
        if key == "foro" and ordinal is None:
            words = {fold(t.text) for t in doc[i + 1 : end]}
            lead = doc.text[max(0, doc[start].idx - 40) : doc[start].idx]
            mechanism = words <= _PARTNERS or bool(_MECHANISM.search(lead))
        f = _Found(start, end, head, HEADS[key], ordinal, ordinal_text, named, mechanism)
        f.ordinal_at = ordinal_at
        if extra is not None:
            f.extra = [extra]
        if (
            not named
            and not (mechanism and end > i + 1)  # a bare "Foro" may still be described
            and not plural
            and ordinal is None
            and key not in ("debate", "periodo", "dialogo")
            and (determiner not in INDEFINITE)
            and not (start >= 2 and determiner in ("de", "del") and _is_cap(doc[start - 2]))
        ):
            described = _described_end(doc, i, is_inside)
            if described > i + 1:
                f.end, f.descriptive, f.mechanism = max(end, described), True, False
            elif (
                end == i + 1
                and determiner in ("el", "la")
                and _HELD_THERE.match(doc.text, token.idx + len(token.text))
            ):
                # "el foro que se celebrará en México en marzo de 2020": kept when placed.
                f.descriptive = f.venue_only = True
                f.mechanism = False
        return f

    # -- series ------------------------------------------------------------------------------

    def _series(self, doc: Doc, found: list[_Found]) -> None:
        for n, f in enumerate(found):
            name = doc[f.head : f.end].text
            inner = re.search(r"\s(?:de\s+la\s+|del\s+)?(\d{1,3}\s?[ºª°])\s", name)
            if f.ordinal is None and inner and f.named:
                f.ordinal = ordinals.parse(inner.group(1))
                at = doc[f.head].idx + inner.start(1)
                f.ordinal_at = (at, at + len(inner.group(1)))
                name = name.replace(inner.group(1) + " ", "")
            facts = read_series()
            if f.ordinal is None:
                # An unnumbered meeting has a series only where a fact names it as one ("Foro
                # Ministerial CELAC-China" is the China-CELAC Forum's Ministerial Meeting).
                f.series = facts.canonical(normalise_series(name)) if f.named else None
                continue
            series = normalise_series(name)
            bare = fold(series) in (fold(f.kind), fold(f.kind.split(" ")[0]))
            # A meeting with an ordinal always has a series: inherited, else its own name
            # ("II Cumbre de la CELAC" → "Cumbre de la CELAC"), else its kind.
            f.series = (
                (self._inherit(doc, found[:n], f) or normalise_series(name, drop_celac=False))
                if bare
                else series
            )
            f.series = facts.canonical(f.series) or f.series

    @staticmethod
    def _edition_date(doc: Doc, found: list[_Found]) -> None:
        """A numbered edition of a series whose calendar is a fact (``series.toml``) and that the
        text does not date is dated by it: the 69º período de sesiones de la Asamblea General
        opens in September 2014. The date's offsets are the ordinal's, which gives it."""
        facts = read_series()
        for f in found:
            if f.date is not None or f.ordinal is None or not f.series or f.ordinal_at is None:
                continue
            month = facts.edition_month(f.series, f.ordinal)
            if month is None:
                continue
            begins, ends = month
            start, end = f.ordinal_at
            f.date = DateMention(
                start,
                end,
                doc.text[start:end],
                begins,
                ends,
                f"{begins.year}-{begins.month:02d}",
                "month",
            )

    def _inherit(self, doc: Doc, earlier: list[_Found], f: _Found) -> str | None:
        same = [e for e in earlier if e.kind == f.kind and e.series and not e.mechanism]
        if same:
            return same[-1].series
        other = [e for e in earlier if e.named or e.mechanism]
        if other:
            return normalise_series(f"{f.kind} del {doc[other[-1].head : other[-1].end].text}")
        lead = doc.text[: doc[f.start].idx]
        owner = re.search(
            r"\b(?:del|de\s+la|el|la|al)\s+([A-ZÁÉÍÓÚ][^,;.]*?)\s*,?\s*(?:en\s+)?(?:cuy[oa]s?|su|sus)\s+$",
            lead,
        )
        if owner:
            return normalise_series(f"{f.kind} del {owner.group(1)}")
        return None

    # -- date and place ----------------------------------------------------------------------

    def _attach(
        self, doc: Doc, found: list[_Found], places: list[PlaceMention], dates: list[DateMention]
    ) -> None:
        text = doc.text
        meetings = [f for f in found if (f.named or f.descriptive) and not f.mechanism]
        spans = [
            (doc[f.start].idx, doc[f.end - 1].idx + len(doc[f.end - 1].text)) for f in meetings
        ]
        ends = [m.end() for m in _SENTENCE_END.finditer(text)]

        def sentence(offset: int) -> int:
            return sum(1 for e in ends if e <= offset)

        mentions: list[PlaceMention | DateMention] = [*places, *dates]
        for mention in sorted(mentions, key=lambda x: x.start):
            if any(s <= mention.start < e for s, e in spans):
                continue
            owner = None
            left = [
                k
                for k, (s, e) in enumerate(spans)
                if e <= mention.start and sentence(s) == sentence(mention.start)
            ]
            if left:
                owner = left[-1]
            else:
                right = [
                    k
                    for k, (s, e) in enumerate(spans)
                    if s >= mention.end and sentence(s) == sentence(mention.start)
                ]
                if right:
                    s = spans[right[0]][0]
                    gap = text[mention.end : s]
                    for other in mentions:
                        if mention.end <= other.start and other.end <= s:
                            gap = gap.replace(text[other.start : other.end], " ")
                    words = re.findall(r"\w+", gap)
                    if all(w.lower() in FUNCTION for w in words):
                        owner = right[0]
            if owner is None:
                continue
            f = meetings[owner]
            if isinstance(mention, PlaceMention):
                gap = text[spans[owner][1] : mention.start]
                if f.descriptive and not f.named and not _VENUE.fullmatch(gap):
                    continue  # a description's place is its venue, said right after it
                if f.place is None or (
                    mention.city and not f.place.city and mention.start - f.place.end < 4
                ):
                    f.place = mention
            elif f.date is None:
                f.date = mention

    def _frame(self, doc: Doc, found: list[_Found]) -> None:
        """A meeting held within another ("en cuyo marco tendrán lugar: una reunión …", "la
        reunión … en el marco del 69º período de sesiones") takes the frame's place and date
        where it gives none; a meeting named by description is kept when it is placed, dated or
        framed. A generic name ("Reunión de la CELAC") runs on over its setting ("… en ocasión del
        Debate General de la 75º AGONU"): the setting tells it apart from other such meetings."""
        text = doc.text
        meetings = [f for f in found if (f.named or f.descriptive) and not f.mechanism]

        def span(f: _Found) -> tuple[int, int]:
            return doc[f.start].idx, doc[f.end - 1].idx + len(doc[f.end - 1].text)

        framed: set[int] = set()
        for n, f in enumerate(meetings):
            start, end = span(f)
            frame: _Found | None = None
            # The items of "en cuyo marco tendrán lugar: - una reunión …; - una reunión …" all
            # stand in the frame of the last meeting named before those words.
            phrase = [m.start() for m in _IN_WHOSE_FRAME.finditer(text, 0, start)]
            if phrase:
                before = [
                    g for k, g in enumerate(meetings[:n]) if k not in framed
                    and span(g)[1] <= phrase[-1]
                ]  # fmt: skip
                # "cuyo" refers to the meeting just before it, which must be a named one.
                frame = before[-1] if before and before[-1].named else None
            later = meetings[n + 1 :]
            if frame is None and later and later[0].named:
                gap = text[end : span(later[0])[0]]
                if _IN_FRAME.fullmatch(gap):
                    frame = later[0]
                    own = normalise_series(doc[f.head : f.end].text)
                    # A meeting set in a series' edition may be an edition of another series
                    # that meets there ("Reunión de la CELAC en ocasión del Debate General").
                    if frame.series and f.ordinal is None:
                        f.series = read_series().canonical(own, frame.series) or f.series
                    generic = fold(own) == fold(f.kind)
                    if f.named and generic:  # "Reunión de la CELAC en ocasión del Debate …"
                        f.end = frame.end
            if frame is None:
                continue
            framed.add(n)
            f.place = f.place or frame.place
            f.date = f.date or frame.date
            f.named = True
        for f in meetings:
            if f.descriptive and (f.place is not None or (f.date is not None and not f.venue_only)):
                f.named = True

    @staticmethod
    def _named_year(doc: Doc, found: list[_Found]) -> None:
        """A year in the name ("Conferencia de Biodiversidad 2020", "EXPO ALADI 2014") dates the
        event: a date found nearby that contradicts it is not the meeting's."""
        for f in found:
            span = doc[f.start : f.end]
            years = [t for t in span if t.like_num and re.fullmatch(r"(?:19|20)\d{2}", t.text)]
            if not years:
                continue
            year = int(years[-1].text)
            if f.date is None or not (f.date.begins.year <= year <= f.date.ends.year):
                t = years[-1]
                f.date = DateMention(
                    t.idx,
                    t.idx + len(t.text),
                    t.text,
                    date(year, 1, 1),
                    date(year, 12, 31),
                    str(year),
                    "year",
                )

    # -- status ------------------------------------------------------------------------------

    def _status(self, doc: Doc, found: list[_Found], reference: date | None) -> None:
        text = doc.text
        previous: _Found | None = None
        for f in found:
            if not f.named or f.mechanism:
                continue
            start = doc[f.start].idx
            end = doc[f.end - 1].idx + len(doc[f.end - 1].text)
            after = text[end : end + 60]
            since = (
                0
                if previous is None
                else doc[previous.end - 1].idx + len(doc[previous.end - 1].text)
            )
            lead = text[max(0, since, start - 120) : start]
            lead = lead[max(lead.rfind("."), lead.rfind(";")) + 1 :]
            status: Status | None = None
            if _PAST_AFTER.search(after):
                status = "refersTo"
            elif _FUTURE_AFTER.search(after):
                status = "convenes"
            elif _PAST_BEFORE.search(lead):
                status = "refersTo"
            elif previous is not None and previous.status and self._coordinated(doc, previous, f):
                status = previous.status
            elif reference is not None and f.date is not None and f.date.ends < reference:
                status = "refersTo"
            if status == "refersTo" and reference and f.date and f.date.begins > reference:
                # A meeting that begins after the plan cannot have been held: the cue ("en el
                # marco del 69º período de sesiones") sets it, it does not report it.
                status = None
            f.status = status or "convenes"
            previous = f

    @staticmethod
    def _coordinated(doc: Doc, previous: _Found, f: _Found) -> bool:
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

    # -- records -----------------------------------------------------------------------------

    def _records(self, doc: Doc, f: _Found) -> list[MeetingMention]:
        span = doc[f.start : f.end]
        name = _tidy(span.text)
        rest = _tidy(doc[f.head : f.end].text)
        rest = rest[:1].upper() + rest[1:]
        base = MeetingMention(
            start=span.start_char,
            end=span.end_char,
            name=name,
            label=rest,
            kind=f.kind,
            ordinal=f.ordinal,
            series=f.series,
            status=f.status or "convenes",
            place=f.place,
            date=f.date,
        )
        if f.ordinal is None or f.ordinal_text is None:
            return [base]
        records = [replace(base, label=f"{ordinals.roman(f.ordinal)} {rest}")]
        for value in f.extra:
            records.append(replace(base, ordinal=value, label=f"{ordinals.roman(value)} {rest}"))
        return records


@Language.factory("celac_meetings", default_config={"reference_date": ""})
def make_meeting_finder(nlp: Language, name: str, reference_date: str) -> MeetingFinder:  # noqa: ARG001
    return MeetingFinder(reference_date)
