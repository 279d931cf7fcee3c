"""copy_pin end to end (image and video pins, v5 and v3) and the request bodies it builds."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from support.commands import VERSIONS, Commands, commands_fixture  # noqa: F401 - the fixture
from support.core import Clock, restore_logging  # noqa: F401 - the fixture

from pinterest_tools.cli.commands import copy_pin
from pinterest_tools.cli.copying.pin_copy import NotCopyableError, largest_image_url, pin_body
from pinterest_tools.emulator.data.records import PinImage, PinVideo
from pinterest_tools.workflows import media_upload, polling

SOURCE_USER, TARGET_USER = "dexter_demo", "penny_demo"


@pytest.fixture
def fast_polls(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(polling, "FIRST_WAIT", 0.001)


def target(commands: Commands) -> tuple[str, str]:
    board = commands.emu.state.boards_of(TARGET_USER)[0]
    return board.id, commands.emu.state.sections_of(board.id)[0].id


@VERSIONS
def test_copy_an_image_pin_into_a_section(commands: Commands, version: int) -> None:
    commands.login(TARGET_USER)
    state = commands.emu.state
    source = state.pins_of(SOURCE_USER)[0]
    board_id, section_id = target(commands)
    result = commands.run(copy_pin, "-p", source.id, "-b", board_id, "-s", section_id)
    assert result.code == 0, result.err
    assert result.lines[0] == "source pin:" and "new pin:" in result.lines
    source_id, new_id = result.values("Pin ID")
    assert source_id == source.id
    new = state.pins[new_id]
    assert (new.board_id, new.section_id, new.owner_id) == (board_id, section_id, state.user(TARGET_USER).id)
    assert (new.title, new.description, new.link, new.alt_text) == (
        source.title,
        source.description,
        source.link,
        source.alt_text,
    )
    assert isinstance(new.media, PinImage) and isinstance(source.media, PinImage)
    assert new.media.url == source.media.url


@VERSIONS
def test_copy_as_a_video_pin(commands: Commands, tmp_path: Path, fast_polls: None, version: int) -> None:
    commands.login(TARGET_USER)
    state = commands.emu.state
    source = state.pins_of(SOURCE_USER)[0]
    board_id, _ = target(commands)
    video = tmp_path / "clip.mp4"
    video.write_bytes(b"\x00\x00\x00\x18ftypmp42" + bytes(4096))
    result = commands.run(copy_pin, "-p", source.id, "-b", board_id, "-m", str(video))
    assert result.code == 0, result.err
    new = state.pins[result.values("Pin ID")[1]]
    assert isinstance(new.media, PinVideo) and isinstance(source.media, PinImage)
    assert new.media.cover_image_url == source.media.url
    assert state.media[new.media.media_id].status == "succeeded"
    upload = [e for e in commands.emu.exchanges if e.path == "/_emulator/media-upload"]
    assert upload == [] or upload[0].status == 204  # the upload host may not be recorded
    status_path = f"/v5/media/{new.media.media_id}" if version == 5 else "/v3/media/uploads/"
    polls = [e for e in commands.emu.exchanges if e.path == status_path and e.method == "GET"]
    assert len(polls) >= 2  # processing, then succeeded

    again = commands.run(copy_pin, "-p", source.id, "-b", board_id, "-m", new.media.media_id)
    assert again.code == 0, again.err  # an uploaded media id is reused as it is
    assert state.pins[again.values("Pin ID")[1]].media == new.media


def test_a_failed_upload_creates_no_pin(commands: Commands, tmp_path: Path, fast_polls: None) -> None:
    commands.login(TARGET_USER)
    board_id, _ = target(commands)
    before = len(commands.emu.state.pins)
    empty = tmp_path / "empty.mp4"
    empty.write_bytes(b"")
    result = commands.run(
        copy_pin, "-p", commands.emu.state.pins_of(SOURCE_USER)[0].id, "-b", board_id, "-m", str(empty)
    )
    assert result.code == 1 and "failed" in result.err and "Traceback" not in result.err
    assert len(commands.emu.state.pins) == before


@pytest.mark.usefixtures("restore_logging")
def test_media_polling_gives_up_with_a_clear_message(
    make_emulator, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    emu = make_emulator(media_processing_polls=10**6)  # never done
    commands = Commands(emu, monkeypatch, capsys, tmp_path)
    commands.login(TARGET_USER)
    monkeypatch.setattr(polling, "FIRST_WAIT", 0.01)
    monkeypatch.setattr(media_upload, "DEFAULT_TIMEOUT", 0.1)
    # The 0.1 s pass on a clock that only the waits move: on the real one a loaded machine can
    # spend them on the first poll, which then is the only one.
    clock = Clock()
    monkeypatch.setattr(
        media_upload, "Backoff", lambda timeout, **_: polling.Backoff(timeout, sleep=clock.sleep, clock=clock)
    )
    video = tmp_path / "clip.mp4"
    video.write_bytes(bytes(1024))
    board_id = emu.state.boards_of(TARGET_USER)[0].id
    before = len(emu.state.pins)
    result = commands.run(copy_pin, "-p", emu.state.pins_of(SOURCE_USER)[0].id, "-b", board_id, "-m", str(video))
    assert result.code == 1 and len(emu.state.pins) == before
    error, hint = result.err.strip().splitlines()[-2:]
    assert "is still processing after 0.1 seconds" in error
    assert hint.startswith("hint: Pinterest may still finish it: run copy_pin again later with -m ")
    polls = [e for e in emu.exchanges if e.path.startswith("/v5/media/")]
    assert len(polls) == len(clock.sleeps) + 1 >= 2 and sum(clock.sleeps) == pytest.approx(0.1)  # bounded


def test_bad_input(commands: Commands) -> None:
    commands.login(TARGET_USER)
    board_id, _ = target(commands)
    pin_id = commands.emu.state.pins_of(SOURCE_USER)[0].id
    bad_media = commands.run(copy_pin, "-p", pin_id, "-b", board_id, "-m", "not-a-file")
    assert bad_media.code == 2 and bad_media.out == "" and "invalid media: not-a-file" in bad_media.err
    assert commands.emu.exchanges == []  # nothing was read or uploaded
    assert commands.run(copy_pin, "-p", pin_id).code == 2
    unknown = commands.run(copy_pin, "-p", "1234", "-b", board_id)
    assert unknown.code == 1 and unknown.err.count("\n") == 1
    not_mine = commands.run(copy_pin, "-p", pin_id, "-b", commands.emu.state.boards_of(SOURCE_USER)[0].id)
    assert not_mine.code == 1 and "new pin:" not in not_mine.out


def v5_pin(**fields: object) -> dict:
    images = {
        "150x150": {"url": "https://i.test/s.jpg", "width": 150, "height": 150},
        "1200x": {"url": "https://i.test/l.jpg", "width": 1200, "height": 1800},
        "600x": {"url": "https://i.test/m.jpg", "width": 600, "height": 900},
    }
    return {"id": "1", "media": {"media_type": "image", "images": images}, **fields}


def test_the_largest_image_is_chosen() -> None:
    assert largest_image_url(v5_pin(), 5) == "https://i.test/l.jpg"
    v3 = {
        "image_square_url": "https://i.test/sq.jpg",
        "image_square_size_pixels": {"width": 50, "height": 50},
        "image_large_url": "https://i.test/lg.jpg",
        "image_large_size_pixels": {"width": 800, "height": 1200},
    }
    assert largest_image_url(v3, 3) == "https://i.test/lg.jpg"
    assert largest_image_url({"media": {"cover_image_url": "https://i.test/c.jpg"}}, 5) == "https://i.test/c.jpg"


def test_over_long_fields_are_cut_with_upstreams_warning(caplog: pytest.LogCaptureFixture) -> None:
    pin = v5_pin(title="t" * 150, description="d" * 900, alt_text="a" * 600, link="https://x.test/" + "l" * 2100)
    with caplog.at_level(logging.WARNING):
        body = pin_body(pin, 5, "10", "20")
    assert (len(body["title"]), len(body["description"]), len(body["alt_text"])) == (100, 800, 500)
    assert "link" not in body
    messages = [r.getMessage() for r in caplog.records]
    assert "Warning: Truncating Pin title to 100 characters." in messages
    assert "Warning: Truncating Pin description to 800 characters." in messages
    assert "Warning: Truncating Pin alt_text to 500 characters." in messages
    assert any("link is longer than 2048" in m for m in messages)
    assert body["media_source"] == {"source_type": "image_url", "url": "https://i.test/l.jpg"}
    assert body["board_section_id"] == "20"


def test_bodies_per_version_and_what_cannot_be_copied() -> None:
    video = pin_body(v5_pin(title="x"), 5, "10", media_id="77")
    assert video["media_source"] == {
        "source_type": "video_id",
        "media_id": "77",
        "cover_image_url": "https://i.test/l.jpg",
    }
    v3 = pin_body(
        {"id": "1", "type": "pin", "image_large_url": "https://i.test/l.jpg", "link": "https://e.test", "title": "x"},
        3,
        "10",
        "20",
        "55",
    )
    assert v3 == {
        "board_id": "10",
        "image_url": "https://i.test/l.jpg",
        "media_upload_id": "55",
        "section": "20",
        "source_url": "https://e.test",
        "title": "x",
    }
    with pytest.raises(NotCopyableError, match="type 'story'"):
        pin_body({"id": "2", "type": "story", "image_large_url": "u"}, 3, "10")
    with pytest.raises(NotCopyableError, match="no image"):
        pin_body({"id": "3"}, 5, "10")


def test_v3_descriptions_are_cut_at_500(caplog: pytest.LogCaptureFixture) -> None:
    pin = {"id": "1", "image_large_url": "https://i.test/l.jpg", "description": "d" * 600}
    with caplog.at_level(logging.WARNING):
        assert len(pin_body(pin, 3, "10")["description"]) == 500
    assert "Warning: Truncating Pin description to 500 characters." in caplog.messages


def test_s3_echoing_the_session_token_in_its_error_leaves_it_out_of_the_message(tmp_path: Path) -> None:
    """S3 refuses an expired or malformed session token with an XML error that repeats it
    (``<Token-0>``); the upload error quotes that body, and the token must not show in it."""
    import httpx

    from pinterest_tools.logs import redact

    session_token = "FwoGZXIvYXdzEXAMPLE" + "sessionTOKEN0001" * 40  # STS tokens run to hundreds of characters
    fields = {"key": "uploads/1", "x-amz-security-token": session_token, "x-amz-signature": "ab12"}
    echo = (
        "<?xml version='1.0' encoding='UTF-8'?><Error><Code>ExpiredToken</Code>"
        f"<Message>The provided token has expired.</Message><Token-0>{session_token}</Token-0></Error>"
    )
    transport = httpx.MockTransport(lambda request: httpx.Response(400, text=echo))
    video = tmp_path / "v.mp4"
    video.write_bytes(b"\x00" * 16)
    with video.open("rb") as handle, pytest.raises(media_upload.MediaUploadError) as raised:
        media_upload.post_file("https://s3.example/bucket", fields, video.name, handle, 5.0, transport=transport)
    message = raised.value.message
    assert "ExpiredToken" in message and "<Token-0><redacted>" in message and "FwoGZXIvYXdz" not in message
    assert "FwoGZXIvYXdz" not in redact(f"error: {message}")
