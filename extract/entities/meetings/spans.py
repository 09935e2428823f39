"""Where a meeting's name begins and ends: the head, its ordinals, its complement or description."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from extract.entities import ordinals
from extract.entities.meetings.cues import HELD_SET, HELD_THERE
from extract.entities.meetings.words import (
    CONNECT,
    DASHES,
    ENGLISH_HEADS,
    FIXED_LOWER,
    HEADS,
    INDEFINITE,
    MECHANISM,
    ORD_BEFORE,
    PARTNERS,
    QUOTES,
    head_of,
    is_cap,
    is_plural,
    tidy,
)  # fmt: skip
from extract.entities.mentions import DateMention, PlaceMention, Status
from extract.entities.places import fold


@dataclass
class Found:
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
    recalled: bool = False  # meetings held, in the plural: their place only as their venue


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
        if t.pos_ in ("NOUN", "PROPN", "ADJ") and not participle and head_of(t) is None:
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
            if k >= len(doc) or not is_cap(doc[k]) or head_of(doc[k]) is not None or acronym(k):
                return False
            closed = closed or closing
            while k < len(doc) and (is_cap(doc[k]) or doc[k].lower_ in _NAME_COMPLEMENT):
                k += 1
            if closed:
                return True
            continue
        return closed
    return False


def find_names(doc: Doc, places: list[PlaceMention], dates: list[DateMention]) -> list[Found]:
    """Every meeting head of ``doc`` outside places and dates, read into a name (named or not)."""
    in_place = [(p.start, p.end) for p in places]
    in_date = [(d.start, d.end) for d in dates]

    def inside(token: Token) -> str | None:
        if any(s <= token.idx < e for s, e in in_date):
            return "date"
        if any(s <= token.idx < e for s, e in in_place):
            return "place"
        return None

    found: list[Found] = []
    i = 0
    while i < len(doc):
        token = doc[i]
        key = head_of(token)
        if key is None or inside(token):
            i += 1
            continue
        f = _read(doc, i, key, inside)
        if f is None:
            i += 1
            continue
        found.append(f)
        i = max(f.end, i + 1)
    return found


def _read(doc: Doc, i: int, key: str, inside: object) -> Found | None:
    token = doc[i]
    is_inside = inside  # a callable: is a token part of a place or a date
    assert callable(is_inside)
    # The ordinal(s) just before the head.
    before = doc.text[: token.idx]
    m = ORD_BEFORE.search(before)
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
            ordinal_text = tidy(m.group(0))
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
        if j + 1 >= len(doc) or fold(doc[j].text) != "de" or fold(doc[j + 1].text) != "sesiones":
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
        if head_of(t) is not None and is_cap(t) and _coordinated_head(doc, j):
            break  # "… y el Foro de …", "… y de las Reuniones de …": another meeting
        if is_cap(t) or (
            t.like_num and len(t.text) == 4 and previous_kind == "cap" and last == j - 1
        ):
            last, previous_kind, after_sobre = j, "cap", False
            j += 1
            continue
        if (
            ordinals.parse(t.text) is not None
            and t.text[0].isdigit()
            and nxt is not None
            and is_cap(nxt)
        ):
            j += 1  # "de la 75º AGONU"
            continue
        if (
            t.like_num
            and nxt is not None
            and nxt.text in ("º", "°", "ª")
            and j + 2 < len(doc)
            and is_cap(doc[j + 2])
        ):
            j += 2  # "de la 75 ° AGONU" as the tokenizer splits it
            continue
        if t.text in DASHES and nxt is not None and is_cap(nxt):
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
                is_cap(doc[k]) or doc[k].like_num for k in range(j + 1, close)
            ):
                j = close + 1
                continue
            break
        if (
            t.text == ","
            and nxt is not None
            and is_cap(nxt)
            and not is_inside(nxt)
            and previous_kind == "cap"
        ):
            j += 1
            continue
        if t.text == "," and previous_kind == "cap" and _enumeration_goes_on(doc, j, i):
            j += 1  # "contra el Racismo, la Discriminación Racial, la Xenofobia y las Formas …"
            continue
        more = j + 2 < len(doc) and (is_cap(doc[j + 2]) or doc[j + 2].text in DASHES)
        if (
            low == "en"
            and nxt is not None
            and is_cap(nxt)
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
    complement = [t for t in doc[i + 1 : end] if is_cap(t)]
    head_cap = token.text[0].isupper()
    determiner = fold(doc[start - 1].text) if start > 0 else ""
    definite = determiner in ("la", "el", "las", "los", "del", "al", "proxima", "proximo")
    plural = is_plural(token)
    if ordinal is None and determiner in INDEFINITE:
        named = False
    elif (
        ordinal is None
        and start >= 2
        and determiner in ("de", "del")
        and is_cap(doc[start - 2])
        and head_of(doc[start - 2]) is None
    ):
        named = False  # "Espacio de Encuentro …": part of another name
    elif ordinal is not None:
        named = True
    elif plural:
        # The meetings of a series, in the plural under the series' proper name, with the article:
        # "de las Reuniones de Cancilleres de la CELAC" (a preamble recalls them).
        named = head_cap and determiner in ("las", "los") and bool(complement)
    else:
        named = bool(complement) and (head_cap or definite)
    head = i
    if key in ENGLISH_HEADS and ordinal is None and token.text[0].isupper():
        k = i
        while (
            k > 0
            and is_cap(doc[k - 1])
            and (doc[k - 1].text.isupper() or doc[k - 1].pos_ in ("PROPN", "X"))
            and not is_inside(doc[k - 1])
            and head_of(doc[k - 1]) is None
        ):
            k -= 1
        if k < i:
            start = head = k
            named = True
    mechanism = False
    if key == "foro" and ordinal is None:
        words = {fold(t.text) for t in doc[i + 1 : end]}
        lead = doc.text[max(0, doc[start].idx - 40) : doc[start].idx]
        mechanism = words <= PARTNERS or bool(MECHANISM.search(lead))
    f = Found(start, end, head, HEADS[key], ordinal, ordinal_text, named, mechanism)
    f.ordinal_at = ordinal_at
    if extra is not None:
        f.extra = [extra]
    if plural and not named and ordinal is None and determiner not in INDEFINITE:
        _held_set(doc, f, is_inside)
    if (
        not named
        and not (mechanism and end > i + 1)  # a bare "Foro" may still be described
        and not plural
        and ordinal is None
        and key not in ("debate", "periodo", "dialogo")
        and (determiner not in INDEFINITE)
        and not (start >= 2 and determiner in ("de", "del") and is_cap(doc[start - 2]))
    ):
        described = _described_end(doc, i, is_inside)
        if described > i + 1:
            f.end, f.descriptive, f.mechanism = max(end, described), True, False
        elif (
            end == i + 1
            and determiner in ("el", "la")
            and HELD_THERE.match(doc.text, token.idx + len(token.text))
        ):
            # "el foro que se celebrará en México en marzo de 2020": kept when placed.
            f.descriptive = f.venue_only = True
            f.mechanism = False
    return f


def _coordinated_head(doc: Doc, j: int) -> bool:
    """Whether the head at ``j`` opens a name coordinated with the one before it: "y el Foro",
    ", la Cumbre", "y de las Reuniones"."""
    k = j - 1
    if k >= 1 and doc[k].lower_ in ("el", "la", "los", "las") and doc[k - 1].lower_ in ("de", "a"):
        k -= 1  # "y de las …", "y a la …"
    return (
        k >= 1
        and doc[j - 1].lower_ in ("el", "la", "los", "las")
        and doc[k - 1].lower_ in ("y", "e", ",")
    )


def _held_set(doc: Doc, f: Found, is_inside: object) -> None:
    """A plural head and its description name meetings held when a participle of holding or
    "anteriores" follows (``cues.HELD_SET_CUE``): "las Reuniones sectoriales celebradas"."""
    described = _described_end(doc, f.head, is_inside)
    stop = next(
        (k for k in range(f.head + 1, described) if HELD_SET.match(" " + doc[k].text)), described
    )
    last = doc[stop - 1]
    if HELD_SET.match(doc.text, last.idx + len(last.text)):
        f.end, f.named, f.recalled = max(f.end, stop), True, True
        if stop == f.head + 1:  # a bare head is told apart by where the meetings were held
            f.end = max(f.end, _venue_end(doc, stop, is_inside))


def _venue_end(doc: Doc, participle: int, is_inside: object) -> int:
    """After a bare plural head, its participle of holding and its venues, as printed: "reuniones
    celebradas en Nicaragua, Panamá y Cuba" (a label of its own, not "Reuniones"). Returns the
    head's end when no place follows "en"."""
    assert callable(is_inside)
    k = participle + 1
    if k + 1 >= len(doc) or doc[k].lower_ != "en" or is_inside(doc[k + 1]) != "place":
        return participle
    end, k = k + 1, k + 1
    while k < len(doc):
        if is_inside(doc[k]) == "place":
            end, k = k + 1, k + 1
        elif (
            doc[k].text in (",", "y", "e") and k + 1 < len(doc) and is_inside(doc[k + 1]) == "place"
        ):
            k += 1
        else:
            break
    return end
