"""The calls the commands make, once per API version, behind one interface.

A command is written once and runs with ``-v 3`` or ``-v 5``: it asks a
:class:`PinterestApi` for a pin, a board's pins or a new board, and gets plain
JSON-shaped dicts back. Each implementation goes through its generated client
(so requests and responses are typed and validated by the models) and through
:mod:`pinterest_tools.http.paging` for bookmark paging. The dicts keep the field names
of the version's own responses, which is what the summaries print.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from pinterest_tools.cli.adapter.analytics_query import AnalyticsQuery
    from pinterest_tools.connection import PinterestClient

Json = dict[str, Any]


class AdsApi(Protocol):
    """What the ads, analytics, reports and terms commands need (``v5_ads.py``, ``v3_ads.py``).

    Listings are lazy and follow every page. Calls a version lacks raise ``UsageError``
    with upstream's words (v3: pin analytics, a user's analytics in an ad account, terms;
    v5: businesses).
    """

    def ad_accounts(self) -> Iterator[Json]: ...
    def campaigns(self, ad_account_id: str) -> Iterator[Json]: ...
    def ad_groups(self, ad_account_id: str, campaign_id: str) -> Iterator[Json]: ...
    def ads(self, ad_account_id: str, campaign_id: str, ad_group_id: str) -> Iterator[Json]: ...
    def user_analytics(self, query: AnalyticsQuery, ad_account_id: str | None = None) -> Any: ...
    def pin_analytics(self, pin_id: str, query: AnalyticsQuery, ad_account_id: str | None = None) -> Any: ...
    def ads_analytics(self, level: str, ad_account_id: str, object_id: str | None, query: AnalyticsQuery) -> Any:
        """``level``: ad_account (``object_id`` None), campaign, ad_group or ad."""
        ...

    def metric_definitions(self) -> list[Json]:
        """``{"name": ..., "definition": ...}`` of every delivery metric."""
        ...

    def request_report(self, ad_account_id: str, report: Json) -> str:
        """Request an asynchronous delivery report; its token."""
        ...

    def report_status(self, ad_account_id: str, token: str) -> Json:
        """``{"report_status": ..., "url": ...}`` of a requested report."""
        ...

    def businesses(self) -> list[Json]: ...
    def related_terms(self, terms: Sequence[str]) -> Json: ...
    def suggested_terms(self, term: str, limit: int | None = None) -> list[str]: ...


class PinterestApi(AdsApi, Protocol):
    """What the commands need from an API version."""

    version: int
    client: PinterestClient

    def user(self) -> Json: ...
    def pin(self, pin_id: str) -> Json: ...
    def board(self, board_id: str) -> Json: ...
    def board_pins(self, board_id: str, page_size: int | None = None) -> Iterator[Json]:
        """Pins of the board that are not in a section."""
        ...

    def sections(self, board_id: str, page_size: int | None = None) -> Iterator[Json]: ...
    def section_pins(self, board_id: str, section_id: str, page_size: int | None = None) -> Iterator[Json]: ...
    def user_boards(
        self, page_size: int | None = None, include_empty: bool | None = None, include_archived: bool | None = None
    ) -> Iterator[Json]:
        """The user's boards; ``include_*`` None leaves the filter to the API (v3 only; v5 lists every board)."""
        ...

    def user_pins(self, page_size: int | None = None) -> Iterator[Json]: ...
    def create_board(self, board: Json) -> Json: ...
    def create_section(self, board_id: str, name: str) -> Json: ...
    def create_pin(self, pin: Json) -> Json: ...
    def save_pin(self, pin_id: str, board_id: str, section_id: str | None = None) -> Json: ...
    def delete_board(self, board_id: str) -> None: ...
    def register_media(self) -> Json:
        """Register a video upload: ``upload_url``, ``upload_parameters`` and the media (v5) or upload (v3) id."""
        ...

    def media_status(self, media_id: str) -> Json:
        """``{"status": ..., "failure_code": ...}`` of a registered upload; status ``succeeded`` when usable."""
        ...


def api_for(client: PinterestClient) -> PinterestApi:
    """The implementation for the client's API version."""
    if client.config.version == 3:
        from pinterest_tools.cli.adapter.v3 import V3Api

        return V3Api(client)
    from pinterest_tools.cli.adapter.v5 import V5Api

    return V5Api(client)
