"""The ``celac_meetings`` component: the stages in order, from names to records."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from extract.entities.dates import to_date
from extract.entities.meetings.labels import date_editions, give_series, records
from extract.entities.meetings.placing import attach, named_year, set_in_frames
from extract.entities.meetings.spans import find_names
from extract.entities.meetings.status import give_status
from extract.entities.mentions import DateMention, PlaceMention

if not Doc.has_extension("celac_meetings"):
    Doc.set_extension("celac_meetings", default=None)


class MeetingFinder:
    """Finds named meetings and gives each its series, status, date and place."""

    def __init__(self, reference_date: str = "") -> None:
        self.reference = to_date(reference_date)

    def __call__(self, doc: Doc) -> Doc:
        places: list[PlaceMention] = list(doc._.celac_places or [])
        dates: list[DateMention] = list(doc._.celac_dates or [])
        reference = to_date(doc.user_data.get("reference_date")) or self.reference
        found = find_names(doc, places, dates)
        give_series(doc, found)
        attach(doc, found, places, dates)
        date_editions(doc, found)
        set_in_frames(doc, found)
        found = [f for f in found if not f.descriptive or f.named]
        named_year(doc, found)
        give_status(doc, found, reference)
        doc._.celac_meetings = [
            m for f in found if f.named and not f.mechanism for m in records(doc, f)
        ]
        return doc


@Language.factory("celac_meetings", default_config={"reference_date": ""})
def make_meeting_finder(nlp: Language, name: str, reference_date: str) -> MeetingFinder:  # noqa: ARG001
    return MeetingFinder(reference_date)
