"""Renewing a generated block that a hand-written file keeps between two HTML comment markers.

The README's command reference and operation table, and the emulator package's family
summary, are written from the code between a start and an end marker (``<!-- name:start -->``,
``<!-- name:end -->``); the text around the markers stays the author's. Both writers
(``python -m pinterest_tools.cli.docs`` and the emulator's route table) renew their block here,
so that the layout they agree on (the block starts on the line after its start marker and
runs up to the end marker) has one definition.
"""

from __future__ import annotations

from collections.abc import Callable


def replace_block(text: str, start: str, end: str, render: Callable[[], str]) -> str:
    """``text`` with what stands between ``start`` and the next ``end`` replaced by a newline and ``render()``.

    Raises ValueError (``no <start> ... <end> block``) when either marker is missing, before
    calling ``render`` (the command reference imports every command to render its block).
    """
    head, found_start, rest = text.partition(start)
    _, found_end, tail = rest.partition(end)
    if not found_start or not found_end:
        raise ValueError(f"no {start} ... {end} block")
    return head + start + "\n" + render() + end + tail
