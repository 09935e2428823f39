"""The ``celac_organisations`` component: organisations the register does not hold.

The register (``register.toml``) enriches what it knows; it is not the only way in. Rules of the
genre, each on its own:

- "Nombre Completo (SIGLA)": a run of capitalised words (with the connectors between them)
  followed by an acronym in brackets whose letters are the initials of the name's words, in order
  ("Red de Universidades del Caribe (RUC)"); the name is the label as printed, the acronym its
  short form. The texts give acronyms to goals, regions and statuses too ("Objetivos de
  Desarrollo Sostenible (ODS)", "América Latina y el Caribe (ALC)"), so the name must open with
  an organisation's head noun (below) or be what the model tags as an organisation (ORG);
- "la SIGLA" once introduced: the acronym alone, later in the same text, names the same body;
- an organisation's head noun (Banco, Fondo, Organización, Instituto, Agencia, Consejo, Comisión,
  Oficina, Secretaría, Asociación, Universidad, Corporación, Centro, Red, Observatorio, Fundación,
  Federación, Unión, Alianza), optionally after a capitalised adjective ("Nuevo Banco de
  Desarrollo"), followed by capitalised words and connectors ("el Banco Asiático de Inversión en
  Infraestructura"): a proper name. The model's ORG entities that open with such a head are read
  the same way (the model alone also tags instruments, programmes and slogans).

Not an organisation here: anything the register knows by one of its names (the ``celac_actors``
component reports those, or leaves them out on purpose: the speaking community, states as places),
a name inside a meeting's name that opens it ("Foro …", "Reunión …"), a head noun in lower case
("un fondo regional"), and a head with no capitalised complement ("el Banco").
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from extract.entities.mentions import ActorMention
from extract.entities.register import REGISTER, read_register

HEADS = (
    "Banco", "Fondo", "Organización", "Organismo", "Instituto", "Agencia", "Consejo", "Comisión",
    "Oficina", "Secretaría", "Asociación", "Universidad", "Corporación", "Centro", "Red",
    "Observatorio", "Fundación", "Federación", "Unión", "Alianza", "Academia", "Sociedad",
    "Cámara", "Parlamento",
)  # fmt: skip
CONNECT = r"(?:de|del|la|las|los|el|para|y|e|en|sobre|contra)"
_CAP = r"[A-ZÁÉÍÓÚÑ][\wÁÉÍÓÚÑáéíóúñü\-]*"
_NAME_TAIL = rf"(?:\s+(?:{CONNECT}\s+)*{_CAP})+"
_HEADED = re.compile(
    rf"(?<![\w\-])(?:(?P<adj>{_CAP})\s+)?(?P<head>{'|'.join(HEADS)})(?P<tail>{_NAME_TAIL})"
)
_BRACKETED = re.compile(
    rf"(?P<name>{_CAP}(?:\s+(?:{CONNECT}\s+)*{_CAP})*)\s*\((?P<acronym>[A-Z][A-Za-z]{{1,9}})\)"
)
# A capitalised adjective may open a name ("Nuevo Banco"); an article or a verb never does.
_ADJECTIVES = re.compile(r"(?:Nuev[oa]|Gran|Alt[oa]|Primer[oa]?|Internacional|Regional|Mundial)$")


def slug(text: str) -> str:
    """A key: lower case, no accents, words joined by "-" ("Red de Universidades" → "red-de-universidades")."""
    return re.sub(r"[^a-z0-9]+", "-", _fold(text)).strip("-")


def acronym_start(name: str, acronym: str) -> int | None:
    """Where the words that ``acronym`` abbreviates begin in ``name``, or None.

    Its letters are found in ``name`` right to left, in order, the first at the start of a word
    (Schwartz and Hearst's rule): "Red de Universidades del Caribe" / "RUC" → 0; "Consejo Superior
    Universitario Centroamericano" / "CSUCA" → 0; "Apoyar a la Red de Universidades" / "RU" → 12.
    """
    plain, letters = _fold(name), _fold(acronym)
    s, i = len(plain) - 1, len(letters) - 1
    while i >= 0:
        c = letters[i]
        if not c.isalnum():
            i -= 1
            continue
        while s >= 0 and (plain[s] != c or (i == 0 and s > 0 and plain[s - 1].isalnum())):
            s -= 1
        if s < 0:
            return None
        if i == 0:
            return s
        s -= 1
        i -= 1
    return None


def initials_fit(name: str, acronym: str) -> bool:
    """Whether ``acronym`` abbreviates ``name`` from its first word on."""
    return acronym_start(name, acronym) == 0


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()


def _trim_end(name: str) -> str:
    """Drop trailing connectors and spaces, keeping the start where it is."""
    return re.sub(rf"(?:\s+{CONNECT})+\s*$", "", name).rstrip()


def _trim(name: str) -> str:
    """Drop trailing connectors ("Banco de Desarrollo de" → "Banco de Desarrollo")."""
    return re.sub(rf"(?:\s+{CONNECT})+$", "", name).strip()


class OrganisationFinder:
    """Marks organisations outside the register by the genre's patterns."""

    def __init__(self, register: Path) -> None:
        actors = read_register(register)
        self.known = {
            _fold(n) for a in actors.values() for n in (*a.names, *a.acronyms, a.label_en)
        }
        self.keys = set(actors)

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        taken = [(a.start, a.end) for a in doc._.celac_actors or []]
        meetings = [(m.start, m.end) for m in getattr(doc._, "celac_meetings", None) or []]
        found: list[ActorMention] = []

        def free(start: int, end: int) -> bool:
            return not any(s < end and start < e for s, e in taken) and not any(
                s == start for s, _ in meetings
            )

        def add(start: int, end: int, label: str, acronym: str | None) -> None:
            label = " ".join(label.split())
            if not free(start, end):
                return
            if _fold(label) in self.known or (acronym and _fold(acronym) in self.known):
                taken.append((start, end))  # the register's, printed where it does not look
                return
            key = slug(label)
            if key in self.keys:
                key = f"{key}-org"
            found.append(
                ActorMention(start, end, text[start:end], key, label, acronym, "organisation")
            )
            taken.append((start, end))

        introduced: dict[str, tuple[str, str]] = {}
        for m in _BRACKETED.finditer(text):
            name, acronym = m.group("name"), m.group("acronym")
            # The name runs back only as far as its initials need: "Apoyar a la Red de … (RUC)".
            at = acronym_start(name, acronym)
            if at is None or not name[at].isupper():
                continue
            start = m.start("name") + at
            label = _trim(text[start : m.end("name")])
            if label.split(" ")[0] not in HEADS and not any(
                e.label_ == "ORG" and e.start_char <= start < e.end_char for e in doc.ents
            ):
                continue  # goals, regions, statuses get acronyms too ("ODS", "ALC")
            introduced[acronym] = (label, slug(label))
            add(start, m.end(), label, acronym)
        for m in _HEADED.finditer(text):
            start = m.start("head")
            if m.group("adj") and _ADJECTIVES.fullmatch(m.group("adj")):
                start = m.start("adj")
            end = m.start("tail") + len(_trim_end(m.group("tail")))
            add(start, end, _trim(text[start:end]), None)
        for ent in doc.ents:
            if ent.label_ == "ORG" and ent[0].text in HEADS and len(ent) > 1:
                add(ent.start_char, ent.end_char, _trim(ent.text), None)
        for acronym, (label, _key) in introduced.items():
            for m in re.finditer(rf"(?<!\w){re.escape(acronym)}(?!\w)", text):
                if free(m.start(), m.end()):
                    add(m.start(), m.end(), label, acronym)
        doc._.celac_actors = sorted(
            [*(doc._.celac_actors or []), *found], key=lambda a: (a.start, -a.end)
        )
        return doc


@Language.factory("celac_organisations", default_config={"register": str(REGISTER)})
def make_organisation_finder(nlp: Language, name: str, register: str) -> OrganisationFinder:  # noqa: ARG001
    return OrganisationFinder(Path(register))
