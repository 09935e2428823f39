"""The service's settings: defaults, then CELAC_KG_* variables, then the command line; a value that
cannot be used is refused at start with a sentence naming the variable and the value."""

from __future__ import annotations

from pathlib import Path

import pytest

from api.settings import Settings, SettingsError


def test_settings_defaults() -> None:
    s = Settings.from_env({})
    assert (s.data, s.host, s.port, s.access_log, s.client_queries) == (
        Path("data"),
        "127.0.0.1",
        8000,
        True,
        8,
    )


def test_settings_environment_then_command_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CELAC_KG_PORT", "9001")
    monkeypatch.setenv("CELAC_KG_ACCESS_LOG", "off")
    monkeypatch.setenv("CELAC_KG_DATA", "/srv/kg")
    s = Settings.from_env(port=9002, host=None)  # None: the option was not given
    assert (s.port, s.access_log, s.data, s.host) == (9002, False, Path("/srv/kg"), "127.0.0.1")
    assert Settings().port == 9001


@pytest.mark.parametrize(
    ("environ", "said"),
    [
        ({"CELAC_KG_PORT": "eighty"}, "CELAC_KG_PORT='eighty' cannot be used: input should be a valid integer"),
        ({"CELAC_KG_PORT": "70000"}, "CELAC_KG_PORT='70000' cannot be used: input should be less than or equal to 65535"),
        ({"CELAC_KG_ACCESS_LOG": "maybe"}, "CELAC_KG_ACCESS_LOG='maybe' cannot be used: input should be a valid boolean"),
        ({"CELAC_KG_QUERY_TIMEOUT": "0"}, "CELAC_KG_QUERY_TIMEOUT='0' cannot be used: input should be greater than 0"),
        ({"CELAC_KG_BASE_URL": "kg.example"}, "CELAC_KG_BASE_URL='kg.example' is not an http(s) URL without a query"),
    ],
)  # fmt: skip
def test_settings_refused_with_a_sentence(environ: dict[str, str], said: str) -> None:
    with pytest.raises(SettingsError) as refused:
        Settings.from_env(environ)
    assert str(refused.value).startswith(said)


def test_settings_from_the_process_environment_refused_too(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CELAC_KG_PAGE_SIZE", "-5")
    with pytest.raises(SettingsError, match="CELAC_KG_PAGE_SIZE='-5' cannot be used"):
        Settings()


def test_settings_are_frozen_and_hide_the_token() -> None:
    s = Settings.from_env({}, update_token="secret")
    assert "secret" not in repr(s)
    with pytest.raises(ValueError, match="frozen"):
        s.port = 1
