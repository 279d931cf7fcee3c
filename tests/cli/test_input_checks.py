"""Bad input is refused with one line before any request.

Each case runs the command against the emulator and asserts the exit code, the one line on
stderr, and that the emulator saw no request at all (`commands.emu.exchanges == []`): a
mistake in an id, a name, a scope list, a directory or a URL must not cost a request, an
OAuth round or a token.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from support.commands import Commands, commands_fixture  # noqa: F401 - the fixture

from pinterest_tools.cli.commands import (
    analytics_api_example,
    copy_board,
    copy_pin,
    delete_board,
    get_access_token,
    get_ads,
    get_analytics,
    get_board,
    get_pin,
    get_terms,
    get_user_pins,
    save_pin,
)

# Arabic-Indic, fullwidth and superscript digits: str.isdigit() says True to each.
NON_ASCII_DIGITS = ["١٢٣", "１２３", "²³"]


def refused_before_any_request(commands: Commands, result, code: int = 2) -> str:  # type: ignore[no-untyped-def]
    assert result.code == code, result.err
    assert result.out == "" and result.err.count("error: ") == 1 and "Traceback" not in result.err, result.err
    assert commands.emu.exchanges == []
    return str(result.err)


ID_OPTIONS = [
    (get_pin, ["-p"], "pin id"),
    (get_board, ["-b"], "board id"),
    (copy_pin, ["-b", "1", "-p"], "pin id"),
    (copy_pin, ["-p", "1", "-b"], "board id"),
    (copy_pin, ["-p", "1", "-b", "2", "-s"], "section id"),
    (save_pin, ["-b", "1", "-p"], "pin id"),
    (save_pin, ["-p", "1", "-b"], "board id"),
    (save_pin, ["-p", "1", "-b", "2", "-s"], "section id"),
    (delete_board, ["-b"], "board id"),
    (copy_board, ["-n", "Copy", "-b"], "board id"),
    (get_ads, ["--ad-account-id"], "ad account id"),
    (get_ads, ["--ad-account-id", "1", "--campaign-id"], "campaign id"),
    (get_ads, ["--ad-account-id", "1", "--campaign-id", "2", "--ad-group-id"], "ad group id"),
    (get_ads, ["--ad-account-id", "1", "--campaign-id", "2", "--ad-group-id", "3", "--ad-id"], "ad id"),
    (get_analytics, ["-o", "pin", "--pin-id"], "pin id"),
    (analytics_api_example, ["--ad-account-id"], "ad account id"),
]


@pytest.mark.parametrize("version", ["5", "3"])
@pytest.mark.parametrize("digits", NON_ASCII_DIGITS)
@pytest.mark.parametrize(("module", "before", "what"), ID_OPTIONS, ids=lambda v: getattr(v, "__name__", None))
def test_ids_with_non_ascii_digits_are_usage_errors(
    commands: Commands, module, before: list[str], what: str, digits: str, version: str
) -> None:  # type: ignore[no-untyped-def]
    commands.login()
    result = commands.run(module, "-v", version, *before, digits)
    err = refused_before_any_request(commands, result)
    assert f"{what} must be a number" in err and repr(digits) in err


@pytest.mark.parametrize(
    ("module", "before"),
    [
        (get_ads, ["--ad-account-id"]),
        (get_ads, ["--ad-account-id", "1", "--campaign-id"]),
        (get_analytics, ["-o", "ad", "--ad-account-id", "1", "--campaign-id", "2", "--ad-group-id", "3", "--ad-id"]),
        (analytics_api_example, ["--ad-account-id"]),
    ],
)
def test_ads_ids_have_at_most_18_digits(commands: Commands, module, before: list[str]) -> None:  # type: ignore[no-untyped-def]
    commands.login()
    err = refused_before_any_request(commands, commands.run(module, *before, "1" * 19))
    assert "has at most 18 digits, not 19" in err


@pytest.mark.parametrize(
    ("module", "argv"),
    [
        (get_user_pins, ["-ps", "１０"]),  # int() would take it
        (get_user_pins, ["-ps", "1_0"]),
        (get_terms, ["-s", "-n", "٣", "shoes"]),
        (copy_board, ["-b", "1", "-n", "C", "--concurrency", "²"]),
        (copy_pin, ["-p", "1", "-b", "2", "-m", "١٢٣"]),  # a media id
    ],
)
def test_numbers_with_non_ascii_digits_are_usage_errors(commands: Commands, module, argv: list[str]) -> None:  # type: ignore[no-untyped-def]
    commands.login()
    refused_before_any_request(commands, commands.run(module, *argv))


def test_a_prompted_number_with_a_superscript_digit_is_asked_again() -> None:
    from pinterest_tools.cli.shared.common import prompt_number

    answers = iter(["²", "３", "2"])
    assert prompt_number("which?", 1, 3, input_fn=lambda _: next(answers)) == 2


@pytest.mark.parametrize("media", ["", "   "])
def test_copy_pin_with_an_empty_media_is_refused(commands: Commands, media: str) -> None:
    commands.login()
    pin = commands.emu.state.pins_of("dexter_demo")[0]
    err = refused_before_any_request(commands, commands.run(copy_pin, "-p", pin.id, "-b", pin.board_id, "-m", media))
    assert "-m/--media is empty" in err


@pytest.mark.parametrize("scopes", ["", ",,", " , "])
@pytest.mark.parametrize("version", ["5", "3"])
def test_get_access_token_without_a_scope_is_refused_before_oauth(
    commands: Commands, scopes: str, version: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened = _no_browser(monkeypatch)
    err = refused_before_any_request(commands, commands.run(get_access_token, "-v", version, "-s", scopes))
    assert "no scope given" in err and opened == []


BAD_NAMES = ["my token", "a:b", "tok*", "a\nb", "x" * 300, "", "../up", ".hidden", "tök"]


@pytest.mark.parametrize("name", BAD_NAMES, ids=lambda name: repr(name)[:12])
def test_bad_token_names_are_refused_before_oauth(
    commands: Commands, name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened = _no_browser(monkeypatch)
    err = refused_before_any_request(commands, commands.run(get_access_token, "-w", "-s", "pins:read", "-a", name))
    assert "invalid token name" in err and opened == [] and not commands.token_dir.exists()
    assert len(err.splitlines()) == 1 and len(err) < 200  # a 300-character name is shortened


@pytest.mark.parametrize("option", ["-s", "-t"])
def test_copy_board_token_names_are_checked(commands: Commands, option: str) -> None:
    other = "-t" if option == "-s" else "-s"
    result = commands.run(copy_board, option, "a:b", other, "fine", "--all")
    assert "invalid token name" in refused_before_any_request(commands, result)


def test_a_token_directory_that_is_a_file_fails_before_oauth(
    commands: Commands, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened = _no_browser(monkeypatch)
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x")
    monkeypatch.setenv("PINTEREST_OAUTH_TOKEN_DIR", str(blocker / "tokens"))
    err = refused_before_any_request(commands, commands.run(get_access_token, "-w", "-s", "pins:read"), code=1)
    assert f"cannot save access_token to {blocker}/" in err and "Not a directory" in err and opened == []
    assert blocker.read_text() == "x"


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write into a read-only directory")
def test_an_unwritable_token_directory_fails_before_oauth(
    commands: Commands, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened = _no_browser(monkeypatch)
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    monkeypatch.setenv("PINTEREST_OAUTH_TOKEN_DIR", str(locked))
    try:
        err = refused_before_any_request(commands, commands.run(get_access_token, "-w", "-s", "pins:read"), code=1)
    finally:
        locked.chmod(0o700)
    assert "cannot write token files" in err and opened == []


def _no_browser(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record what would open in a browser (nothing, if the command stops first)."""
    from pinterest_tools.oauth import browser

    opened: list[str] = []
    monkeypatch.setattr(browser.webbrowser, "open", lambda url: opened.append(url) or True)
    return opened


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b'{"access_token": "\xff\xfe"}', "it is not UTF-8 text"),
        (b"[" * 100_000, "nested too deeply"),
        (json.dumps({"access_token": "tökén-ünïcode"}).encode(), "its access_token is not a token"),
        (json.dumps({"access_token": "pina_ok", "refresh_token": "line\r\nbreak"}).encode(), "refresh_token is not"),
    ],
    ids=["not-utf8", "nested", "non-ascii-token", "crlf-refresh-token"],
)
def test_unusable_token_files_are_one_line_naming_the_file(commands: Commands, content: bytes, reason: str) -> None:
    commands.token_dir.mkdir()
    path = commands.token_dir / "mine.json"
    path.write_bytes(content)
    err = refused_before_any_request(commands, commands.run(get_pin, "-a", "mine", "-p", "1"), code=1)
    assert f"the token file {path} is corrupt" in err and reason in err
    assert "ünïcode" not in err and "break" not in err  # the token itself is never shown


def test_a_non_ascii_token_in_the_environment_names_the_variable(
    commands: Commands, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ACCESS_TOKEN", "pina_tökén")
    err = refused_before_any_request(commands, commands.run(get_pin, "-p", "1"), code=1)
    assert "ACCESS_TOKEN does not hold a token" in err and "tökén" not in err


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("PINTEREST_API_URI", "http://127.0.0.1:1 x"),
        ("PINTEREST_API_URI", "http://127.0.0.1:99999"),
        ("PINTEREST_API_URI", "127.0.0.1:8080"),
        ("PINTEREST_OAUTH_URI", "http://[::1"),
        ("PINTEREST_API_URI", "https://api.example/?x=1"),
        ("REDIRECT_LANDING_URI", "javascript:alert(1)"),
    ],
)
def test_bad_url_variables_are_named(
    commands: Commands, monkeypatch: pytest.MonkeyPatch, variable: str, value: str
) -> None:
    commands.login()
    monkeypatch.setenv(variable, value)
    err = refused_before_any_request(commands, commands.run(get_pin, "-p", "1"), code=1)
    assert f"error: {variable} must be an http or https URL" in err and "InvalidURL" not in err


@pytest.mark.parametrize("suffix", ["dir/", "dir/.", "..", "."])
def test_output_naming_a_directory_is_refused(commands: Commands, tmp_path: Path, suffix: str) -> None:
    commands.login()
    output = f"{tmp_path}/{suffix}"
    result = commands.run(get_analytics, "-o", "user", "--output", output, "--force")
    assert "names a directory, not a file" in refused_before_any_request(commands, result)
    assert not (tmp_path / "dir").exists()
    result = commands.run(analytics_api_example, "--output", output, "--force")
    assert "names a directory" in refused_before_any_request(commands, result)


def test_output_in_a_missing_directory_and_an_empty_output_are_one_line(commands: Commands, tmp_path: Path) -> None:
    commands.login()
    missing = commands.run(get_analytics, "-o", "user", "--output", str(tmp_path / "nope" / "out.json"))
    assert "the directory" in refused_before_any_request(commands, missing) and not (tmp_path / "nope").exists()
    empty = commands.run(get_analytics, "-o", "user", "--output", "")
    assert "the file name is empty" in refused_before_any_request(commands, empty)


def test_copy_board_journal_naming_a_directory_is_refused(commands: Commands, tmp_path: Path) -> None:
    commands.login()
    result = commands.run(copy_board, "-b", "1", "-n", "C", "--journal", f"{tmp_path}/journals/")
    assert "names a directory" in refused_before_any_request(commands, result)
    assert not (tmp_path / "journals").exists()


@pytest.mark.parametrize("name", ["", "   "])
def test_copy_board_with_an_empty_name_is_refused(commands: Commands, name: str) -> None:
    commands.login()
    assert "(-n) is empty" in refused_before_any_request(commands, commands.run(copy_board, "-b", "1", "-n", name))


# ---------------------------------------------------------------------------- the emulator's side
@pytest.mark.parametrize("digits", NON_ASCII_DIGITS)
def test_the_emulator_refuses_non_ascii_digit_ids_like_any_other_non_id(commands: Commands, digits: str) -> None:
    from support.emulator import http

    board = commands.emu.state.boards_of("dexter_demo")[0]
    image = {"source_type": "image_url", "url": "https://images.example.com/x.jpg"}
    with http(commands.emu) as api:
        created = api.post("/pins", json={"board_id": digits, "media_source": image})
        in_section = api.post("/pins", json={"board_id": board.id, "board_section_id": digits, "media_source": image})
        read = api.get(f"/pins/{digits}")
        ads = api.get("/ad_accounts/1/ads", params={"campaign_ids": digits})
    assert created.status_code == 400 and created.json()["message"] == "board_id: ids are numeric strings."
    assert in_section.status_code == 400
    assert read.status_code == 404  # not a 500 from int("²³")
    assert ads.status_code in (400, 404) and ads.status_code != 500


def test_an_emulator_data_file_with_non_ascii_digit_ids_is_refused(make_emulator) -> None:  # type: ignore[no-untyped-def]
    from pinterest_tools.emulator.serving.data_file import DataFileError

    document = {"format": 1, "users": [{"username": "x_demo", "id": "١٢٣", "boards": []}]}
    with pytest.raises(DataFileError, match="id"):
        make_emulator(data=document)


def test_a_tilde_naming_no_user_is_one_line(commands: Commands, monkeypatch: pytest.MonkeyPatch) -> None:
    commands.login()
    nobody = "~no-such-user-i13/out.json"
    output = commands.run(get_analytics, "-o", "user", "--output", nobody)
    assert "no home directory is known" in refused_before_any_request(commands, output)
    media = commands.run(copy_pin, "-p", "1", "-b", "2", "-m", nobody)
    assert "invalid media" in refused_before_any_request(commands, media)
    monkeypatch.setenv("PINTEREST_OAUTH_TOKEN_DIR", "~no-such-user-i13/tokens")
    err = refused_before_any_request(commands, commands.run(get_pin, "-p", "1"), code=1)
    assert "PINTEREST_OAUTH_TOKEN_DIR" in err and "RuntimeError" not in err


def test_hourly_ads_analytics_without_dates_ask_for_what_pinterest_serves(commands: Commands, tmp_path: Path) -> None:
    """The default 30 days is beyond the 8 days back hourly data reaches: the hourly default is 3 days."""
    commands.login()
    target = tmp_path / "hourly.json"
    result = commands.run(
        get_analytics, "-o", "ad_account", "--granularity", "HOUR", "--output", str(target), stdin="1\n"
    )
    assert result.code == 0, result.err
    assert len(json.loads(target.read_text())) == 3 * 24
