"""Rules Pinterest enforces on creates beyond what the description's schemas say.

- A campaign needs a spend cap (``lifetime_spend_cap`` or ``daily_spend_cap``) or
  campaign budget optimization (``is_campaign_budget_optimization``); Pinterest refuses
  one with neither with code 2384 (what Pinterest's own SDK's campaign tests set a spend
  cap for).
- A keyword needs a match type: the request schema requires ``match_type`` but admits
  ``null`` (it reuses the response's nullable ``MatchTypeResponse``); Pinterest takes
  only one of ``MatchType``, so ``null`` is refused as the field's absence is (400 code 1).
- A business invite names its recipients in the list its type uses, with a role that type
  grants (the description of ``create_membership_or_partnership_invites``): a
  ``MEMBER_INVITE`` sends ``members`` as ``EMPLOYEE`` or ``BIZ_ADMIN``; a ``PARTNER_INVITE``
  or ``PARTNER_REQUEST`` sends ``partners`` as ``PARTNER`` (400 code 1 otherwise).
"""

from __future__ import annotations

from typing import Any

from pinterest_tools.emulator.described.schema_table import table
from pinterest_tools.emulator.wire.errors import ApiError, invalid

CAMPAIGNS = "/ad_accounts/{ad_account_id}/campaigns"
KEYWORDS = "/ad_accounts/{ad_account_id}/keywords"
INVITES = "/businesses/{business_id}/invites"
# invite type -> (the list naming its recipients, the roles it grants)
INVITE_KINDS = {
    "MEMBER_INVITE": ("members", ("EMPLOYEE", "BIZ_ADMIN")),
    "PARTNER_INVITE": ("partners", ("PARTNER",)),
    "PARTNER_REQUEST": ("partners", ("PARTNER",)),
}
NO_BUDGET_CODE = 2384
SPEND_CAPS = ("lifetime_spend_cap", "daily_spend_cap")


def _campaign(record: dict[str, Any]) -> None:
    capped = any(isinstance(record.get(cap), int) and not isinstance(record.get(cap), bool) for cap in SPEND_CAPS)
    if not capped and record.get("is_campaign_budget_optimization") is not True:
        raise ApiError(
            400,
            NO_BUDGET_CODE,
            "A campaign needs a spend cap (lifetime_spend_cap or daily_spend_cap)"
            " or campaign budget optimization (is_campaign_budget_optimization).",
        )


def _keyword(record: dict[str, Any]) -> None:
    allowed = table().resolve({"$ref": "MatchType"})["enum"]
    if record.get("match_type") not in allowed:
        raise invalid(f"match_type: required, one of {', '.join(allowed)}.")


def _invite(record: dict[str, Any]) -> None:
    kind = str(record.get("invite_type"))
    recipients, roles = INVITE_KINDS[kind]
    if record.get("business_role") not in roles:
        raise invalid(f"business_role: a {kind} grants {' or '.join(roles)}.")
    if not record.get(recipients):
        raise invalid(f"{recipients}: a {kind} names its recipients here; this field is required.")


RULES = {CAMPAIGNS: _campaign, KEYWORDS: _keyword, INVITES: _invite}


def check(family: str, records: list[dict[str, Any]]) -> None:
    """Refuses the create of ``records`` in ``family`` (each one) that breaks a rule above."""
    if rule := RULES.get(family):
        for record in records:
            rule(record)
