"""The ads, analytics, reports and terms calls in API v5 (mixed into :class:`~pinterest_tools.cli.adapter.v5.V5Api`).

Enumerated parameters go through the generated enum classes of each operation, so a
value the description does not list never reaches the wire (``pinterest_tools.cli.shared.analytics``
checks them first and says which values exist).
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Sequence
from enum import Enum
from typing import TYPE_CHECKING, Any

from pinterest_tools.cli.adapter.base import ApiBase, Json, json_items
from pinterest_tools.errors import UsageError

if TYPE_CHECKING:
    from pinterest_tools.cli.adapter.analytics_query import AnalyticsQuery
    from pinterest_tools.rest import Pinterest


class V5AdsMixin(ApiBase):
    @functools.cached_property
    def rest(self) -> Pinterest:
        """The facade (``self.rest.pins.get(...)``) over the command's client: its httpx client, auth and config."""
        from pinterest_tools.rest import Pinterest

        client = self.client
        return Pinterest.adopt(
            client.api.get_httpx_client(), client.config, client.auth, client.rate_limit, client.pacer
        )

    def ad_accounts(self) -> Iterator[Json]:
        return json_items(self.rest.ad_accounts.list())

    def campaigns(self, ad_account_id: str) -> Iterator[Json]:
        return json_items(self.rest.ad_accounts.campaigns.list(ad_account_id))

    def ad_groups(self, ad_account_id: str, campaign_id: str) -> Iterator[Json]:
        return json_items(self.rest.ad_accounts.ad_groups.list(ad_account_id, campaign_ids=[campaign_id]))

    def ads(self, ad_account_id: str, campaign_id: str, ad_group_id: str) -> Iterator[Json]:
        ads = self.rest.ad_accounts.ads
        return json_items(ads.list(ad_account_id, campaign_ids=[campaign_id], ad_group_ids=[ad_group_id]))

    def user_analytics(self, query: AnalyticsQuery, ad_account_id: str | None = None) -> Any:
        from pinterest_api_v5.api.user_account import user_account_analytics
        from pinterest_api_v5.models.user_account_analytics_metric_types_item import (
            UserAccountAnalyticsMetricTypesItem as Metric,
        )

        extra = {"ad_account_id": ad_account_id} if ad_account_id else {}
        return self.json(
            user_account_analytics,
            start_date=query.start,
            end_date=query.end,
            metric_types=[Metric(m) for m in query.metrics],
            **extra,
        )

    def pin_analytics(self, pin_id: str, query: AnalyticsQuery, ad_account_id: str | None = None) -> Any:
        from pinterest_api_v5.api.pins import pins_analytics
        from pinterest_api_v5.models.pins_analytics_metric_types_item_type_0 import PinsAnalyticsMetricTypesItemType0
        from pinterest_api_v5.models.pins_analytics_metric_types_item_type_1 import PinsAnalyticsMetricTypesItemType1

        def metric(name: str) -> PinsAnalyticsMetricTypesItemType0 | PinsAnalyticsMetricTypesItemType1:
            if name in PinsAnalyticsMetricTypesItemType0.__members__:
                return PinsAnalyticsMetricTypesItemType0(name)
            return PinsAnalyticsMetricTypesItemType1(name)

        extra = {"ad_account_id": ad_account_id} if ad_account_id else {}
        return self.json(
            pins_analytics,
            pin_id=pin_id,
            start_date=query.start,
            end_date=query.end,
            metric_types=[metric(m) for m in query.metrics],
            **extra,
        )

    def ads_analytics(self, level: str, ad_account_id: str, object_id: str | None, query: AnalyticsQuery) -> Any:
        """Delivery metrics of the ad account, or of one campaign, ad group or ad (``level``) in it."""
        from pinterest_api_v5.models.granularity import Granularity

        operation, columns, ids = _ads_analytics_operation(level)
        kwargs: dict[str, Any] = {ids: [object_id]} if ids else {}
        result = self.call(
            operation,
            ad_account_id=ad_account_id,
            start_date=query.start,
            end_date=query.end,
            columns=[columns(m) for m in query.metrics],
            granularity=Granularity(query.granularity or "DAY"),
            **kwargs,
        )
        return [row.to_dict() for row in result]

    def metric_definitions(self) -> list[Json]:
        return list(self.rest.resources.get_delivery_metrics().to_dict().get("items") or [])

    def request_report(self, ad_account_id: str, report: Json) -> str:
        return str(self.rest.ad_accounts.reports.create(ad_account_id, body=report).to_dict().get("token") or "")

    def report_status(self, ad_account_id: str, token: str) -> Json:
        return self.rest.ad_accounts.reports.get(ad_account_id, token=token).to_dict()

    def businesses(self) -> list[Json]:
        raise UsageError("Businesses endpoint is not available in v5.")

    def related_terms(self, terms: Sequence[str]) -> Json:
        return self.rest.terms.related(terms=list(terms)).to_dict()

    def suggested_terms(self, term: str, limit: int | None = None) -> list[str]:
        return [str(t) for t in self.rest.terms.suggested(term=term, limit=limit)]


def metric_enums(obj: str) -> tuple[type[Enum], ...]:
    """The enum classes of the metrics parameter of ``-o obj``'s operation."""
    if obj in ("user", "ad_account_user"):
        from pinterest_api_v5.models.user_account_analytics_metric_types_item import (
            UserAccountAnalyticsMetricTypesItem,
        )

        return (UserAccountAnalyticsMetricTypesItem,)
    if obj == "pin":
        from pinterest_api_v5.models.pins_analytics_metric_types_item_type_0 import PinsAnalyticsMetricTypesItemType0
        from pinterest_api_v5.models.pins_analytics_metric_types_item_type_1 import PinsAnalyticsMetricTypesItemType1

        return (PinsAnalyticsMetricTypesItemType0, PinsAnalyticsMetricTypesItemType1)
    return (_ads_analytics_operation(obj)[1],)


def allowed_metrics(obj: str) -> list[str]:
    """The metric names the description lists for ``-o obj`` (the members only, never a lenient pseudo-member)."""
    return sorted({str(member.value) for enum in metric_enums(obj) for member in enum})


def allowed_granularities() -> list[str]:
    from pinterest_api_v5.models.granularity import Granularity

    return [member.value for member in Granularity]


def _ads_analytics_operation(level: str) -> tuple[Any, Any, str | None]:
    """The operation of ``level``, its columns enum and the name of its id-list parameter."""
    if level == "ad_account":
        from pinterest_api_v5.api.ad_accounts import ad_account_analytics
        from pinterest_api_v5.models.ad_account_analytics_columns_item import AdAccountAnalyticsColumnsItem

        return ad_account_analytics, AdAccountAnalyticsColumnsItem, None
    if level == "campaign":
        from pinterest_api_v5.api.campaigns import campaigns_analytics
        from pinterest_api_v5.models.campaigns_analytics_columns_item import CampaignsAnalyticsColumnsItem

        return campaigns_analytics, CampaignsAnalyticsColumnsItem, "campaign_ids"
    if level == "ad_group":
        from pinterest_api_v5.api.ad_groups import ad_groups_analytics
        from pinterest_api_v5.models.ad_groups_analytics_columns_item import AdGroupsAnalyticsColumnsItem

        return ad_groups_analytics, AdGroupsAnalyticsColumnsItem, "ad_group_ids"
    if level == "ad":
        from pinterest_api_v5.api.ads import ads_analytics
        from pinterest_api_v5.models.ads_analytics_columns_item import AdsAnalyticsColumnsItem

        return ads_analytics, AdsAnalyticsColumnsItem, "ad_ids"
    raise ValueError(f"unknown ads analytics level {level!r}")
