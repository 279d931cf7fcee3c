"""A canned HTTP/1.1 server on 127.0.0.1: every request is answered with the same fixed bytes.

Its cost per request is a few microseconds of asyncio, so a client measured against it shows
its own cost, not a server's. Prints its base URL (no ``/v5``) on the first line; the body is
the JSON file named by argv[1].

With a page count as argv[2], the body is a page (``{"items": [...], "bookmark": ...}``)
served that many times in a row, the same bytes each time apart from the bookmark: a
request without ``bookmark`` gets page 0, one with ``bookmark=N`` page N, and every page
but the last names the next one (the last one's bookmark is null), as Pinterest pages.
"""

import asyncio
import json
import re
import sys
from pathlib import Path

BODY = Path(sys.argv[1]).read_bytes()
PAGES = int(sys.argv[2]) if len(sys.argv) > 2 else 0
HEAD = (
    b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: %d"
    b"\r\nx-ratelimit-limit: 1000000\r\nx-ratelimit-remaining: 999999\r\nx-ratelimit-reset: 60\r\n\r\n"
)
ANSWER = HEAD % len(BODY) + BODY
MARK = "\x00bookmark\x00"
if PAGES:
    BEFORE, AFTER = json.dumps({**json.loads(BODY), "bookmark": MARK}).encode().split(json.dumps(MARK).encode())
BOOKMARK = re.compile(rb"[?&]bookmark=(\d+)")


def answer(head: bytes) -> bytes:
    """The answer to a request whose head is ``head``: the fixed bytes, or the page its bookmark names."""
    if not PAGES:
        return ANSWER
    asked = BOOKMARK.search(head.split(b"\r\n", 1)[0])
    page = int(asked.group(1)) if asked else 0
    bookmark = b'"%d"' % (page + 1) if page + 1 < PAGES else b"null"
    return HEAD % (len(BEFORE) + len(bookmark) + len(AFTER)) + BEFORE + bookmark + AFTER


async def serve(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        while True:
            head = await reader.readuntil(b"\r\n\r\n")
            length = 0
            for line in head.split(b"\r\n"):
                if line[:15].lower() == b"content-length:":
                    length = int(line[15:])
            if length:
                await reader.readexactly(length)
            writer.write(answer(head))
            await writer.drain()
    except (asyncio.IncompleteReadError, ConnectionError):
        pass
    finally:
        writer.close()


async def main() -> None:
    server = await asyncio.start_server(serve, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    print(f"http://127.0.0.1:{port}", flush=True)
    async with server:
        await server.serve_forever()


asyncio.run(main())
