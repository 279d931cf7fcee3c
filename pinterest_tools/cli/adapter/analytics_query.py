"""What an analytics call asks for, and what v3 cannot answer: shared by the API implementations and ``get_analytics``.

:class:`AnalyticsQuery` is built and checked from the command line by
:func:`pinterest_tools.cli.shared.analytics.build_query` and sent by the ``*_analytics``
methods of :class:`~pinterest_tools.cli.adapter.AdsApi`. :data:`V5_ONLY` holds upstream's words for
the analytics v3 and ads v4 lack (``reference/upstream-quickstart.md``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

# upstream's refusals with -v 3
V5_ONLY = {
    "pin": "Pin analytics are supported by Pinterest API v5, but not v3 or v4.",
    "ad_account_user": (
        "User account analytics for shared accounts are supported by Pinterest API v5, but not v3 or v4."
    ),
}


@dataclass(frozen=True)
class AnalyticsQuery:
    """Dates (inclusive), metric names (sorted, as upstream sent them) and, for ads objects, the granularity."""

    start: dt.date
    end: dt.date
    metrics: tuple[str, ...]
    granularity: str | None = None
