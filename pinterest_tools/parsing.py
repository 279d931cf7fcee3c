"""Reading numbers and ids from what people type and servers send."""

from __future__ import annotations


def is_digits(text: str) -> bool:
    """Whether ``text`` is ASCII digits only: ``str.isdigit`` also accepts ``١٢٣``, ``１２３`` and ``²``.

    Pinterest ids and numbers on the wire are ASCII; other digits would reach the API as
    they are (or crash ``int()``, which refuses ``²``), so they are refused where typed.
    """
    return text.isascii() and text.isdigit()
