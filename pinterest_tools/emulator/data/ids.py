"""Pinterest's ids: numeric strings, read the way ``int`` reads them."""

from __future__ import annotations


def digits(value: str) -> bool:
    """ASCII digits only: Pinterest's ids are; ``str.isdigit`` also takes ``١٢٣`` and ``²`` (which ``int`` refuses)."""
    return value.isascii() and value.isdigit()
