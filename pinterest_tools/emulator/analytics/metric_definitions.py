"""Delivery metric definitions: what ``GET /v5/resources/delivery_metrics`` and
``GET /ads/v4/resources/delivery_metrics`` list.

A short, hand-written catalog of the metrics the commands and their tests use (the
quickstart prints CLICKTHROUGH_1 and IMPRESSION_1, asks for SPEND_IN_DOLLAR and
TOTAL_CLICKTHROUGH), worded by the emulator in the spirit of Pinterest's own. Every
metric listed is accepted by both synchronous analytics and async reports (the tests
check that against the description's column enums), so v5's ``report_type`` filter
(SYNC or ASYNC) selects all of them.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class MetricDefinition:
    name: str
    display_name: str
    definition: str


CATALOG: tuple[MetricDefinition, ...] = (
    MetricDefinition("AD_ACCOUNT_ID", "Ad account ID", "Unique ID of the ad account."),
    MetricDefinition("CAMPAIGN_ID", "Campaign ID", "Unique ID of the campaign."),
    MetricDefinition("CAMPAIGN_NAME", "Campaign name", "Name of the campaign."),
    MetricDefinition("AD_GROUP_ID", "Ad group ID", "Unique ID of the ad group."),
    MetricDefinition("AD_GROUP_NAME", "Ad group name", "Name of the ad group."),
    MetricDefinition("PIN_PROMOTION_ID", "Ad ID", "Unique ID of the ad (pin promotion)."),
    MetricDefinition("PIN_ID", "Pin ID", "Unique ID of the Pin the ad promotes."),
    MetricDefinition(
        "IMPRESSION_1",
        "Paid impressions",
        "The number of times your ads were on screen, paid impressions only.",
    ),
    MetricDefinition(
        "IMPRESSION_2",
        "Earned impressions",
        "The number of times people saw your promoted Pin after someone saved it (earned impressions).",
    ),
    MetricDefinition("PAID_IMPRESSION", "Paid impressions", "The number of paid impressions of your ads."),
    MetricDefinition(
        "TOTAL_IMPRESSION",
        "Total impressions",
        "The number of times your ads were on screen, paid and earned.",
    ),
    MetricDefinition(
        "CLICKTHROUGH_1",
        "Paid Pin clicks",
        "The number of clicks from your paid ads to a destination on or off Pinterest (paid Pin clicks).",
    ),
    MetricDefinition(
        "CLICKTHROUGH_2",
        "Earned Pin clicks",
        "The number of clicks to a destination from saves of your promoted Pin (earned Pin clicks).",
    ),
    MetricDefinition(
        "TOTAL_CLICKTHROUGH",
        "Total Pin clicks",
        "The total number of clicks to a destination on or off Pinterest, paid and earned.",
    ),
    MetricDefinition(
        "OUTBOUND_CLICK_1",
        "Paid outbound clicks",
        "The number of clicks from your paid ads to a destination off Pinterest.",
    ),
    MetricDefinition("CTR", "Paid Pin click rate", "Paid Pin clicks divided by paid impressions."),
    MetricDefinition("ENGAGEMENT_1", "Paid engagements", "The number of engagements with your paid ads."),
    MetricDefinition("TOTAL_ENGAGEMENT", "Total engagements", "Paid and earned engagements with your ads."),
    MetricDefinition("ENGAGEMENT_RATE", "Engagement rate", "Engagements divided by impressions."),
    MetricDefinition("REPIN_1", "Paid saves", "The number of times people saved your paid ads."),
    MetricDefinition("SPEND_IN_DOLLAR", "Spend", "The amount spent, in the ad account's currency."),
    MetricDefinition(
        "SPEND_IN_MICRO_DOLLAR",
        "Spend (micro-units)",
        "The amount spent, in millionths of the ad account's currency.",
    ),
    MetricDefinition("CPC_IN_MICRO_DOLLAR", "CPC", "Average cost per paid Pin click, in micro-units."),
    MetricDefinition("CPM_IN_MICRO_DOLLAR", "CPM", "Average cost per thousand paid impressions, in micro-units."),
    MetricDefinition("TOTAL_CONVERSIONS", "Conversions", "The total number of conversion events."),
    MetricDefinition("TOTAL_CHECKOUT", "Checkouts", "The number of checkout conversion events."),
)
