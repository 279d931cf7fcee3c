"""The ads, analytics and reports calls with ``-v 3`` (mixed into :class:`~pinterest_tools.cli.adapter.v3.V3Api`).

As upstream did, "v3" ads go to the ads v4 paths (``/ads/v4/advertisers/...``); the organic
user metrics to ``/v3/partners/analytics/users/{user}/metrics/``. Every answer is the v3
envelope, whose ``data`` is returned. v3 has no pin analytics, no analytics of a user in
an ad account and no terms endpoints: those raise :class:`UsageError` with upstream's words.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from pinterest_tools.cli.adapter.analytics_query import V5_ONLY
from pinterest_tools.cli.adapter.base import ApiBase, Json
from pinterest_tools.errors import UsageError

if TYPE_CHECKING:
    from pinterest_tools.cli.adapter.analytics_query import AnalyticsQuery

TERMS_V5_ONLY = "Terms are supported by Pinterest API v5, but not v3 or v4."


class V3AdsMixin(ApiBase):
    @property
    def user_id(self) -> str:
        """The token's user's id (V3Api reads it once from GET /v3/users/me/)."""
        raise NotImplementedError

    def payload(self, operation: Any, **kwargs: Any) -> Any:
        """The ``data`` of a v3 envelope, whatever its shape."""
        return self.json(operation, **kwargs).get("data")

    def ad_accounts(self) -> Iterator[Json]:
        from pinterest_api_v3.api.ads import ads_advertisers_list

        # include_acl=true: "unintuitive, but required to return advertisers which are shared with your account"
        return self.items(ads_advertisers_list, owner_user_id=self.user_id, include_acl=True)

    def campaigns(self, ad_account_id: str) -> Iterator[Json]:
        from pinterest_api_v3.api.ads import ads_campaigns_list

        return self.items(ads_campaigns_list, advertiser_id=ad_account_id)

    def ad_groups(self, ad_account_id: str, campaign_id: str) -> Iterator[Json]:
        from pinterest_api_v3.api.ads import ads_ad_groups_list

        return self.items(ads_ad_groups_list, advertiser_id=ad_account_id, campaign_ids=campaign_id)

    def ads(self, ad_account_id: str, campaign_id: str, ad_group_id: str) -> Iterator[Json]:
        from pinterest_api_v3.api.ads import ads_ads_list

        return self.items(ads_ads_list, advertiser_id=ad_account_id, campaign_ids=campaign_id, ad_group_ids=ad_group_id)

    def user_analytics(self, query: AnalyticsQuery, ad_account_id: str | None = None) -> Any:
        from pinterest_api_v3.api.analytics import analytics_user_metrics

        if ad_account_id:
            raise UsageError(V5_ONLY["ad_account_user"])
        return self.payload(
            analytics_user_metrics,
            user=self.user_id,
            start_date=query.start,
            end_date=query.end,
            metric_types=",".join(query.metrics),
        )

    def pin_analytics(self, pin_id: str, query: AnalyticsQuery, ad_account_id: str | None = None) -> Any:
        raise UsageError(V5_ONLY["pin"])

    def ads_analytics(self, level: str, ad_account_id: str, object_id: str | None, query: AnalyticsQuery) -> Any:
        """Delivery metrics of the advertiser, or of one campaign, ad group or ad (``level``) in it."""
        from pinterest_api_v3.models.granularity import Granularity

        operation, ids = _delivery_metrics_operation(level)
        kwargs: dict[str, Any] = {ids: object_id} if ids else {}
        return self.payload(
            operation,
            advertiser_id=ad_account_id,
            start_date=query.start,
            end_date=query.end,
            columns=",".join(query.metrics),
            granularity=Granularity(query.granularity or "DAY"),
            **kwargs,
        )

    def metric_definitions(self) -> list[Json]:
        from pinterest_api_v3.api.ads import ads_metric_definitions_list

        return list((self.payload(ads_metric_definitions_list) or {}).get("metrics") or [])

    def request_report(self, ad_account_id: str, report: Json) -> str:
        from pinterest_api_v3.api.ads import ads_async_report_create
        from pinterest_api_v3.models.async_report_request import AsyncReportRequest

        body = AsyncReportRequest.from_dict(report)
        answer = self.payload(ads_async_report_create, advertiser_id=ad_account_id, body=body) or {}
        return str(answer.get("token") or "")

    def report_status(self, ad_account_id: str, token: str) -> Json:
        from pinterest_api_v3.api.ads import ads_async_report_get

        result: Json = self.payload(ads_async_report_get, advertiser_id=ad_account_id, token=token) or {}
        return result

    def businesses(self) -> list[Json]:
        from pinterest_api_v3.api.users import users_businesses_list

        data = self.payload(users_businesses_list, user="me")
        return list(data) if isinstance(data, list) else [data] if data else []

    def related_terms(self, terms: Sequence[str]) -> Json:
        raise UsageError(TERMS_V5_ONLY)

    def suggested_terms(self, term: str, limit: int | None = None) -> list[str]:
        raise UsageError(TERMS_V5_ONLY)


def _delivery_metrics_operation(level: str) -> tuple[Any, str | None]:
    """The ads v4 delivery-metrics operation of ``level`` and the name of its id parameter."""
    if level == "ad_account":
        from pinterest_api_v3.api.ads import ads_advertiser_delivery_metrics

        return ads_advertiser_delivery_metrics, None
    if level == "campaign":
        from pinterest_api_v3.api.ads import ads_campaign_delivery_metrics

        return ads_campaign_delivery_metrics, "campaign_ids"
    if level == "ad_group":
        from pinterest_api_v3.api.ads import ads_ad_group_delivery_metrics

        return ads_ad_group_delivery_metrics, "ad_group_ids"
    if level == "ad":
        from pinterest_api_v3.api.ads import ads_ad_delivery_metrics

        return ads_ad_delivery_metrics, "ad_ids"
    raise ValueError(f"unknown ads analytics level {level!r}")


def allowed_metrics(obj: str) -> list[str] | None:
    """None: the v3 and ads v4 descriptions list no metric names (any upper-case name is sent)."""
    return None


def allowed_granularities() -> list[str]:
    from pinterest_api_v3.models.granularity import Granularity

    return [member.value for member in Granularity]
