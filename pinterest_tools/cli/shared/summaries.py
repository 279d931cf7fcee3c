"""The text the commands print for users, pins, boards and sections, line for line as upstream.

Scripts scrape these lines (``Board ID: ...``), so the labels and their order
follow Pinterest's quickstart for each API version. Unlike upstream, a field the
API left out prints as empty instead of raising ``KeyError``.
"""

from __future__ import annotations

from typing import Any

Json = dict[str, Any]
CLOSING = "--------------------"


def _lines(title: str, obj: Json, fields: list[tuple[str, str]]) -> list[str]:
    lines = [f"--- {title} ---"]
    for label, key in fields:
        value = obj.get(key)
        lines.append(f"{label}: {'' if value is None else value}")
    lines.append(CLOSING)
    return lines


def user_summary(user: Json, version: int) -> list[str]:
    if version == 3:
        return _lines(
            "User Summary",
            {
                **user,
                "full_name": user.get("full_name")
                or " ".join(filter(None, [user.get("first_name"), user.get("last_name")])),
            },
            [
                ("ID", "id"),
                ("Full Name", "full_name"),
                ("About", "about"),
                ("Profile URL", "profile_url"),
                ("Pin Count", "pin_count"),
            ],
        )
    return _lines(
        "User Summary",
        user,
        [
            ("Username", "username"),
            ("Account Type", "account_type"),
            ("Profile Image", "profile_image"),
            ("Website URL", "website_url"),
        ],
    )


def pin_summary(pin: Json, version: int) -> list[str]:
    if version == 3:
        fields = [("Pin ID", "id"), ("Type", "type")]
        if pin.get("type") in (None, "pin"):
            fields += [
                ("Description", "description"),
                ("Domain", "domain"),
                ("Native format type", "native_format_type"),
            ]
        elif pin.get("type") == "story":
            fields += [("Story type", "story_type")]
        return _lines("Pin Summary", pin, fields)
    return _lines(
        "Pin Summary",
        pin,
        [("Pin ID", "id"), ("Title", "title"), ("Description", "description"), ("Link", "link"),
         ("Section ID", "board_section_id"), ("Domain", "domain")],
    )  # fmt: skip


def board_summary(board: Json, version: int) -> list[str]:
    if version == 3:
        fields = [("Board ID", "id"), ("Name", "name"), ("URL", "url"), ("Category", "category"),
                  ("Description", "description"), ("Pin Count", "pin_count")]  # fmt: skip
        return _lines("Board Summary", board, fields)
    return _lines(
        "Board Summary",
        board,
        [("Board ID", "id"), ("Name", "name"), ("Description", "description"), ("Privacy", "privacy")],
    )


def section_summary(section: Json, version: int) -> list[str]:
    if version == 3:
        return _lines("Board Section", section, [("Section ID", "id"), ("Title", "title"), ("Pin Count", "pin_count")])
    return _lines("Board Section", section, [("Section ID", "id"), ("Name", "name")])


def board_text_id(board: Json, version: int) -> str:
    """How a person names a board when confirming its deletion (upstream's ``text_id``)."""
    if version == 3:
        return str(board.get("url") or board.get("id"))
    owner = (board.get("owner") or {}).get("username", "")
    return f"/{owner}/{str(board.get('name', '')).lower().replace(' ', '-')}/"
