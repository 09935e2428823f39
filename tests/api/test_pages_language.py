"""Spanish and English: the choice (``?lang=``, cookie, ``Accept-Language``, Spanish), the switch,
and labels falling back es → en → any."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from api.pages.display import calm, calm_parts, shorten, wrap
from api.pages.language import from_accept_language, pick
from api.pages.messages import DOMAINS, po_catalog

if TYPE_CHECKING:
    from fastapi.testclient import TestClient


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (None, None),
        ("", None),
        ("en", "en"),
        ("en-GB,en;q=0.9,es;q=0.8", "en"),
        ("es-MX,es;q=0.9,en;q=0.8", "es"),
        ("fr-FR,fr;q=0.9,en;q=0.5", "en"),
        ("fr, de", None),
        ("en;q=0.3, es;q=0.7", "es"),
        ("en;q=0, es;q=0.1", "es"),
        ("en;q=bogus", None),
    ],
)
def test_pages_language_from_accept_language(header: str | None, expected: str | None) -> None:
    assert from_accept_language(header) == expected


@pytest.mark.parametrize(
    ("labels", "lang", "expected"),
    [
        ({"es": "área", "en": "area"}, "en", "area"),
        ({"es": "área", "en": "area"}, "es", "área"),
        ({"es": "área"}, "en", "área"),
        ({"en": "area"}, "es", "area"),
        ({"": "FAO"}, "es", "FAO"),
        ({"pt": "área"}, "en", "área"),
        ({}, "es", None),
    ],
)
def test_pages_language_label_fallback(
    labels: dict[str, str], lang: str, expected: str | None
) -> None:
    assert pick(labels, lang) == expected


def test_pages_language_every_message_in_both_languages() -> None:
    for domain in DOMAINS:
        catalog = po_catalog("es", domain)
        assert catalog.num_plurals == 3, "Spanish has three plural forms in CLDR (one, many, other)"
        for message in catalog:
            if not message.id:
                continue
            forms = message.string if isinstance(message.string, tuple) else (message.string,)
            assert all(str(f).strip() for f in forms), message.id
            # Babel's own checks: the same %(name)s placeholders in the Spanish as in the English.
            assert not list(message.check(catalog)), (message.id, list(message.check(catalog)))


def test_pages_language_display_helpers() -> None:
    assert calm("POLÍTICA INTERNACIONAL") == "Política internacional"
    assert calm("AGENDA DE DESARROLLO POST 2015") == "Agenda de desarrollo post 2015"
    assert calm("Cooperación Sur-Sur") == "Cooperación Sur-Sur"
    assert calm("II CUMBRE CELAC") == "II cumbre CELAC"
    # A reference: the plan's short name stays as it is, the headings after it are calmed.
    assert (
        calm_parts("CELAC-2014 · EDUCACIÓN · 3: Trabajar") == "CELAC-2014 · Educación · 3: Trabajar"
    )
    assert (
        calm_parts("CHINA-CELAC-2022-2024 II.10.1: Mejorar")
        == "CHINA-CELAC-2022-2024 II.10.1: Mejorar"
    )
    assert shorten("uno dos tres cuatro", 12) == "uno dos…"
    assert wrap("uno dos tres cuatro cinco seis", 9, 2) == ["uno dos", "tres…"]


def test_pages_language_default_is_spanish(client: TestClient) -> None:
    body = client.get("/", headers={"Accept": "text/html"}).text
    assert '<html lang="es">' in body and "Los cuatro planes" in body


def test_pages_language_from_the_browser(client: TestClient) -> None:
    body = client.get("/", headers={"Accept-Language": "en-US,en;q=0.9"}).text
    assert '<html lang="en">' in body and "The four plans" in body


def test_pages_language_parameter_is_remembered(client: TestClient) -> None:
    from fastapi.testclient import TestClient as Fresh

    browser = Fresh(client.app)
    first = browser.get("/search", params={"lang": "en", "q": "hambre"})
    assert '<html lang="en">' in first.text
    assert "lang=en" in first.headers["set-cookie"]
    assert "Accept-Language" in first.headers["vary"]
    again = browser.get("/", headers={"Accept-Language": "es"})
    assert '<html lang="en">' in again.text, "the cookie wins over Accept-Language"
    back = browser.get("/", params={"lang": "es"})
    assert '<html lang="es">' in back.text


def test_pages_language_switch_redirects_back(client: TestClient) -> None:
    from fastapi.testclient import TestClient as Fresh

    browser = Fresh(client.app, follow_redirects=False)
    response = browser.get("/lang/en", params={"next": "/search?q=hambre"})
    assert response.status_code == 303
    assert response.headers["location"] == "/search?q=hambre"
    assert "lang=en" in response.headers["set-cookie"]
    page = browser.get("/search?q=hambre")
    assert '<html lang="en">' in page.text
    # The switch in the page's header comes back to the same page and query.
    assert 'href="/lang/es?next=%2Fsearch%3Fq%3Dhambre"' in page.text


@pytest.mark.parametrize("target", ["https://example.org/", "//example.org/x", "/\\example.org"])
def test_pages_language_switch_never_leaves_the_site(client: TestClient, target: str) -> None:
    from fastapi.testclient import TestClient as Fresh

    response = Fresh(client.app, follow_redirects=False).get("/lang/es", params={"next": target})
    assert response.status_code == 303 and response.headers["location"] == "/"


def test_pages_language_unknown_language_is_400(client: TestClient) -> None:
    response = client.get("/lang/xx")
    assert response.status_code == 400
    assert "'xx'" in response.json()["detail"]
