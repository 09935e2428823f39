"""Meeting series: aliases, and how surely an earlier mandate called a series."""

from __future__ import annotations

from extract.trace.lexical import stems
from extract.trace.series import Caller, called, read_aliases, same_series


def caller(
    *,
    convened: tuple[str, ...] = (),
    bodies: tuple[str, ...] = (),
    heading: str = "",
    area: str = "",
    calls: bool = False,
    heading_bodies: tuple[str, ...] = (),
) -> Caller:
    words = (heading + " " + area).split()
    return Caller(
        convened_series=frozenset(convened),
        bodies=frozenset(bodies),
        heading_bodies=frozenset(heading_bodies),
        calls_meetings=calls,
        heading=frozenset(stems(heading.split())),
        context=frozenset(stems(words)),
        mentions={s: 1 for s in stems(words)},
    )


def test_series_the_un_general_assembly_meeting_is_one_series_under_its_names() -> None:
    aliases = read_aliases()
    a = aliases.series_in(
        "Presentar a la próxima reunión de Cancilleres de la CELAC, en el marco del 69º período "
        "de sesiones de la Asamblea General de las Naciones Unidas, un informe."
    )
    b = aliases.series_in("Reunión de la CELAC, en ocasión del Debate General de la 75° AGONU.")
    assert a == {"celac-at-the-un-general-assembly": {69}}
    assert b == {"celac-at-the-un-general-assembly": {75}}


def test_series_agonu_is_written_out() -> None:
    assert "Asamblea General de las Naciones Unidas" in read_aliases().expand("la 75° AGONU")


def test_series_same_series_by_words() -> None:
    assert same_series("reunion del foro china-celac", "reunion ministerial del foro china-celac")
    assert not same_series("reunion de ministros de energia", "reunion de ministros de cultura")


def test_series_convening_an_edition_calls_the_series() -> None:
    earlier = caller(convened=("reunion de ministros de energia",))
    assert called("reunion de ministros de energia", earlier, set(), ())[0] == 4


def test_series_entrusting_the_body_calls_its_meetings() -> None:
    earlier = caller(bodies=("ministros de finanzas o similares",))
    assert called("reunion de ministros de finanzas", earlier, set(), ())[0] == 3


def test_series_a_call_for_meetings_under_a_heading_of_the_subject() -> None:
    earlier = caller(heading="Migraciones", calls=True)
    assert called("reunion sobre migraciones", earlier, set(), ())[0] == 2
    other = caller(heading="Energía", calls=True)
    assert called("reunion sobre migraciones", other, set(), ())[0] == 0


def test_series_a_call_for_meetings_does_not_call_a_bodys_series_even_under_its_heading() -> None:
    # The body's meetings are the body's: a general call for meetings under a heading that names
    # the body ("Foro Ministerial CELAC-China") does not call them (no special case for headings).
    earlier = caller(
        heading="Foro Ministerial CELAC-China", calls=True, heading_bodies=("foro-china-celac",)
    )
    assert (
        called("reunion ministerial del foro china-celac", earlier, {"foro-china-celac"}, ())[0]
        == 0
    )


def test_series_a_partners_series_needs_the_partner() -> None:
    earlier = caller(convened=("foro de rectores china-celac",))
    assert called("foro de rectores china-celac", earlier, {"china"}, {"china"})[0] == 0
    involved = caller(convened=("foro de rectores china-celac",), bodies=("china",))
    assert called("foro de rectores china-celac", involved, {"china"}, {"china"})[0] == 4
