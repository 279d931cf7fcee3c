"""The built-in demo data: what an emulator serves when started without ``--data``.

Two users, so commands that copy between accounts have a source and a target:
``dexter_demo`` owns boards with sections and pins (one of them a video pin, one board with
30 pins so that lists page at the default page size) and an ad account tree;
``penny_demo`` owns little and is the place to copy or save to. The data is a data-file
document (see ``serving.data_file``), built here in code only to keep the repetitive parts short.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

DEMO_USER = "dexter_demo"
SECOND_USER = "penny_demo"

_START = dt.datetime(2024, 3, 1, 12, 0, tzinfo=dt.UTC)
_RECIPES = [
    "Green curry", "Shakshuka", "Mushroom risotto", "Fish tacos", "Dal tadka", "Pad see ew", "Minestrone",
    "Chicken adobo", "Ratatouille", "Bibimbap", "Pasta e ceci", "Halloumi salad", "Miso ramen", "Chili con carne",
    "Paella",
]  # fmt: skip


class _Timeline:
    """Hands out increasing timestamps, so the demo data has a plausible history."""

    def __init__(self) -> None:
        self.hours = 0

    def next(self) -> str:
        self.hours += 1
        return (_START + dt.timedelta(hours=self.hours)).isoformat().replace("+00:00", "Z")


def _image(slug: str) -> dict[str, Any]:
    return {"url": f"https://images.example.com/pins/{slug}.jpg", "width": 1000, "height": 1500}


def _pin(when: _Timeline, slug: str, title: str, description: str, link: str | None = None) -> dict[str, Any]:
    pin: dict[str, Any] = {"title": title, "description": description, "created_at": when.next(), "image": _image(slug)}
    pin["link"] = link
    pin["alt_text"] = f"Photo: {title}"
    pin["dominant_color"] = "#c8553d"
    return {key: value for key, value in pin.items() if value is not None}


def demo_document() -> dict[str, Any]:
    """The demo data as a data document (``data_file.load(demo_document())``)."""
    t = _Timeline()
    video_pin = {
        "title": "Khao Phanom Bencha National Park",
        "description": "Khao Phanom Bencha National Park",
        "created_at": t.next(),
        "video": {
            "cover_image_url": "https://images.example.com/pins/khao-phanom-bencha-cover.jpg",
            "video_url": "https://videos.example.com/khao-phanom-bencha.mp4",
            "duration": 12.5,
            "width": 1080,
            "height": 1920,
        },
    }
    dexter = {
        "username": DEMO_USER,
        "full_name": "Dexter Demo",
        "about": "Cocktails, travel and the odd recipe. An emulated account.",
        "account_type": "BUSINESS",
        "business_name": "Dexter's Demo Bar",
        "website_url": "https://dexter.example.com",
        "profile_image": "https://images.example.com/avatars/dexter.jpg",
        "follower_count": 128,
        "following_count": 42,
        "monthly_views": 5400,
        "created_at": "2021-06-01T09:00:00Z",
        "boards": [
            {
                "name": "Tequila",
                "description": "Agave spirits, margaritas and where to drink them",
                "created_at": t.next(),
                "pins": [
                    _pin(t, "blue-agave", "Blue agave fields", "Jalisco at harvest time", "https://example.com/agave"),
                    _pin(t, "tasting-flight", "Tasting flight", "Blanco, reposado, añejo"),
                    _pin(t, "salt-rim", "The perfect salt rim", "Lime, salt, patience", "https://example.com/rim"),
                ],
                "sections": [
                    {
                        "name": "Cocktails",
                        "created_at": t.next(),
                        "pins": [
                            _pin(t, "margarita", "Classic margarita", "2:1:1 and a good shake"),
                            _pin(t, "paloma", "Paloma", "Grapefruit soda does the work"),
                            _pin(t, "tommys", "Tommy's margarita", "Agave syrup instead of triple sec"),
                        ],
                    },
                    {
                        "name": "Distilleries",
                        "created_at": t.next(),
                        "pins": [
                            _pin(t, "tequila-town", "Tequila, Jalisco", "The town that named the drink"),
                            _pin(t, "copper-stills", "Copper stills", "Second distillation"),
                        ],
                    },
                ],
            },
            {
                "name": "Thailand",
                "description": "Trip ideas: beaches, parks and food",
                "created_at": t.next(),
                "pins": [
                    _pin(t, "railay", "Railay beach", "Long-tail boats only", "https://example.com/railay"),
                    _pin(t, "night-market", "Night market", "Chiang Mai on a Saturday"),
                ],
                "sections": [
                    {
                        "name": "Krabi",
                        "created_at": t.next(),
                        "pins": [video_pin, _pin(t, "tiger-cave", "Tiger Cave Temple", "1,260 steps")],
                    }
                ],
            },
            {
                "name": "Weeknight recipes",
                "description": "Thirty dinners, so that this board takes two pages",
                "created_at": t.next(),
                "pins": [
                    _pin(t, f"recipe-{n}", f"{_RECIPES[n % len(_RECIPES)]} #{n + 1}", "Ready in 30 minutes")
                    for n in range(30)
                ],
            },
            {
                "name": "Mood board",
                "description": "Only I can see this one",
                "privacy": "SECRET",
                "created_at": t.next(),
                "pins": [_pin(t, "terracotta", "Terracotta and teal", "Colour ideas for the bar")],
            },
            {"name": "Someday", "description": "Nothing here yet", "created_at": t.next()},
        ],
        "ad_accounts": [
            {
                "name": "Dexter Demo Ads",
                "country": "US",
                "currency": "USD",
                "campaigns": [
                    {
                        "name": "Spring margaritas",
                        "status": "ACTIVE",
                        "objective_type": "AWARENESS",
                        "ad_groups": [
                            {
                                "name": "Margarita lovers",
                                "ads": [{"name": "Classic margarita ad"}, {"name": "Paloma ad", "status": "PAUSED"}],
                            },
                            {"name": "Agave curious", "ads": [{"name": "Blue agave ad"}]},
                        ],
                    },
                    {
                        "name": "Thailand travel",
                        "status": "PAUSED",
                        "objective_type": "CONSIDERATION",
                        "ad_groups": [{"name": "Beach lovers", "ads": [{"name": "Railay ad"}]}],
                    },
                ],
            },
            {
                "name": "Dexter Sandbox",
                "country": "GB",
                "currency": "GBP",
                "campaigns": [
                    {
                        "name": "Test campaign",
                        "objective_type": "WEB_CONVERSION",
                        "ad_groups": [{"name": "Test ad group", "ads": [{"name": "Test ad"}]}],
                    }
                ],
            },
        ],
    }
    penny = {
        "username": SECOND_USER,
        "full_name": "Penny Demo",
        "about": "Gardens and a place to save things. An emulated account.",
        "account_type": "PINNER",
        "website_url": "https://penny.example.com",
        "profile_image": "https://images.example.com/avatars/penny.jpg",
        "follower_count": 12,
        "following_count": 3,
        "monthly_views": 90,
        "created_at": "2022-02-14T18:30:00Z",
        "boards": [
            {
                "name": "Garden",
                "description": "Things that grow",
                "created_at": t.next(),
                "pins": [_pin(t, "tomatoes", "Tomato trellis", "Twine and patience")],
                "sections": [
                    {"name": "Herbs", "created_at": t.next(), "pins": [_pin(t, "basil", "Basil", "Pinch the tops")]}
                ],
            }
        ],
    }
    return {"format": 1, "users": [dexter, penny]}
