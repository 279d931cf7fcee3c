"""Pins from files in the upload folder, the user's confirmation of each pin, and a pin's image as an image block."""

from __future__ import annotations

import base64
import http.server
import struct
import threading
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import mcp.types as types
import pytest
from mcp import ClientSession
from support.mcp_session import call, run_session

from pinterest_tools.emulator.testing import PinterestEmulator, start_emulator

pytest.importorskip("mcp")


def png(width: int = 2, height: int = 2) -> bytes:
    """A real PNG of ``width`` x ``height`` red pixels."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + b"\xff\x00\x00" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


MP4 = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00" * 64


@pytest.fixture
def emu() -> Any:
    with start_emulator("socket") as emulator:
        yield emulator


@pytest.fixture
def uploads(tmp_path: Path) -> Path:
    folder = tmp_path / "uploads"
    folder.mkdir()
    (folder / "soup.png").write_bytes(png())
    (folder / "bread.png").write_bytes(png(3, 3))
    (folder / "clip.mp4").write_bytes(MP4)
    (folder / "notes.png").write_text("not an image at all")
    (tmp_path / "secret.png").write_bytes(png())
    (folder / "link.png").symlink_to(tmp_path / "secret.png")
    return folder


def answer(publish: bool) -> Any:
    asked: list[str] = []

    async def elicitation(context: Any, params: types.ElicitRequestParams) -> types.ElicitResult:
        asked.append(params.message)
        return types.ElicitResult(action="accept", content={"publish": publish})

    return elicitation, asked


def test_pins_from_the_upload_folder_after_the_user_confirms(emu: PinterestEmulator, uploads: Path) -> None:
    board_id = next(iter(emu.client().boards.list())).id
    confirm, asked = answer(True)

    async def body(session: ClientSession) -> dict[str, Any]:
        listed = {tool.name for tool in (await session.list_tools()).tools}
        image = await call(session, "create_image_pin", board_id=board_id, path="soup.png", title="Soup from a file")
        video = await call(session, "create_video_pin", board_id=board_id, path="clip.mp4", title="A clip")
        carousel = await call(session, "create_carousel_pin", board_id=board_id, paths=["soup.png", "bread.png"])
        refused = {
            name: await call(session, "create_image_pin", board_id=board_id, path=name)
            for name in ("../secret.png", "link.png", "notes.png", "missing.png", str(uploads.parent / "secret.png"))
        }
        too_few = await call(session, "create_carousel_pin", board_id=board_id, paths=["soup.png"])
        return locals()

    seen, log = run_session(emu, body, "--allow-writes", "--upload-dir", str(uploads), elicitation=confirm)
    assert {"create_image_pin", "create_video_pin", "create_carousel_pin"} <= seen["listed"]
    is_error, text, pin = seen["image"]
    assert not is_error, text
    assert pin["title"] == "Soup from a file" and pin["board_id"] == board_id
    is_error, text, video = seen["video"]
    assert not is_error, text
    assert video["title"] == "A clip" and video["media"]["media_type"] == "video"
    # the emulator takes carousels by image URLs only: the request reached it, with the files' images
    is_error, text, _ = seen["carousel"]
    assert is_error and "'multiple_image_base64' is not supported by the emulator" in text
    for name, expected in {
        "../secret.png": "outside the upload folder",
        "link.png": "outside the upload folder",
        "notes.png": "is not a JPEG, PNG, GIF or WebP image (by its content)",
        "missing.png": "no file 'missing.png' in the upload folder",
        str(uploads.parent / "secret.png"): "outside the upload folder",
    }.items():
        is_error, text, _ = seen["refused"][name]
        assert is_error and expected in text, (name, text)
    assert seen["too_few"][0] and "minItems" not in seen["too_few"][1]
    assert len(asked) == 3 and "board_id: " + board_id in asked[0] and "soup.png" in asked[0]
    assert "Traceback" not in log


def test_a_pin_the_user_declines_is_not_sent(emu: PinterestEmulator, uploads: Path) -> None:
    board_id = next(iter(emu.client().boards.list())).id
    before = len(list(emu.client().pins.list()))
    decline, asked = answer(False)

    async def body(session: ClientSession) -> Any:
        return [
            await call(session, "create_image_pin", board_id=board_id, path="soup.png"),
            await call(session, "create_pin", board_id=board_id, image_url="https://example.com/a.jpg"),
            await call(
                session,
                "call_operation",
                operation_id="pins/create",
                arguments={"board_id": board_id, "media_source": {"source_type": "image_url", "url": "https://e.x/a"}},
            ),
        ]

    answers, _ = run_session(emu, body, "--allow-writes", "--upload-dir", str(uploads), elicitation=decline)
    for is_error, text, _ in answers:
        assert is_error and "the user did not confirm the pin (accept)" in text, text
    assert len(asked) == 3 and len(list(emu.client().pins.list())) == before


def test_a_client_that_cannot_ask_is_refused_unless_no_confirm(emu: PinterestEmulator) -> None:
    board_id = next(iter(emu.client().boards.list())).id

    async def body(session: ClientSession) -> Any:
        return await call(session, "create_pin", board_id=board_id, image_url="https://example.com/a.jpg")

    refused, _ = run_session(emu, body, "--allow-writes")
    is_error, text, _ = refused
    assert is_error and "cannot ask the user to confirm it (MCP elicitation)" in text and "--no-confirm" in text
    allowed, _ = run_session(emu, body, "--allow-writes", "--no-confirm")
    assert not allowed[0] and allowed[2]["board_id"] == board_id


def test_no_upload_folder_no_file_tools(emu: PinterestEmulator) -> None:
    async def body(session: ClientSession) -> set[str]:
        return {tool.name for tool in (await session.list_tools()).tools}

    listed, _ = run_session(emu, body, "--allow-writes")
    assert "create_image_pin" not in listed and "get_pin_image" in listed


@pytest.fixture
def image_host() -> Iterator[str]:
    """A loopback HTTP server answering a PNG at /soup.png, as Pinterest's image host would."""
    picture = png(4, 4)

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            found = self.path == "/soup.png"
            self.send_response(200 if found else 404)
            self.send_header("Content-Type", "image/png")
            self.end_headers()
            if found:
                self.wfile.write(picture)

        def log_message(self, *args: Any) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_get_pin_image_answers_an_image_block(emu: PinterestEmulator, image_host: str) -> None:
    board_id = next(iter(emu.client().boards.list())).id
    pin = emu.client().pins.create(
        board_id=board_id, title="Soup", media_source={"source_type": "image_url", "url": f"{image_host}/soup.png"}
    )

    async def body(session: ClientSession) -> Any:
        return await session.call_tool("get_pin_image", {"pin_id": pin.id})

    result, _ = run_session(emu, body)
    assert not result.is_error
    text, image = result.content
    assert isinstance(image, types.ImageContent) and image.mime_type == "image/png"
    assert base64.b64decode(image.data) == png(4, 4)
    assert '"untrusted_data"' in text.text and pin.id in text.text
