"""The description-driven operations on objects the emulator keeps as typed records.

Boards, sections, pins, media, ad accounts, campaigns, ad groups and ads have records of
their own (``data.records``), shared with v3 and ads v4 and rendered by ``wire.render_v5``. The
description-driven engine (``engine``) serves their remaining operations (``PATCH /boards/{id}``,
``PATCH /pins/{id}``, ``POST /ad_accounts/{id}/campaigns``, ...) through this module, so
an object changed here is the one every other route lists.

Each function returns the object as JSON (the renderer's ``to_dict()``), which the engine
passes through the operation's response schema. Fields of a created or updated ads object
that the records do not model are kept in its ``extra`` when the object's own response
schema accepts them (they are passed through to every later response, v5 and ads v4).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from pinterest_tools.emulator.analytics import async_reports
from pinterest_tools.emulator.analytics.ad_metric_rows import V5_UNKNOWN_ID_CODE
from pinterest_tools.emulator.core.access import own_ad_account, own_board, section_of, visible_pin
from pinterest_tools.emulator.core.operation_routes import Call
from pinterest_tools.emulator.data.records import Ad, AdAccount, AdGroup, AdsObject, Campaign, ReportRequest
from pinterest_tools.emulator.described.schema_table import table
from pinterest_tools.emulator.described.synth import schemas
from pinterest_tools.emulator.wire import render_v5, request_fields
from pinterest_tools.emulator.wire.errors import conflict, forbidden, invalid, not_found

BOARDS = "/boards"
SECTIONS = "/boards/{board_id}/sections"
PINS = "/pins"
MEDIA = "/media"
AD_ACCOUNTS = "/ad_accounts"
CAMPAIGNS = "/ad_accounts/{ad_account_id}/campaigns"
AD_GROUPS = "/ad_accounts/{ad_account_id}/ad_groups"
ADS = "/ad_accounts/{ad_account_id}/ads"
REPORTS = "/ad_accounts/{ad_account_id}/reports"  # template reports, read back with analytics_get_report
FAMILIES = frozenset({BOARDS, SECTIONS, PINS, MEDIA, AD_ACCOUNTS, CAMPAIGNS, AD_GROUPS, ADS, REPORTS})
# What a template report holds: the emulator keeps no templates, every one is this one.
TEMPLATE_COLUMNS = ("SPEND_IN_DOLLAR", "IMPRESSION_1", "CLICKTHROUGH_1")
TEMPLATE_DAYS = 7
# The operation whose response is each ads object's own shape (what ``extra`` must fit).
ADS_SHAPES = {
    AD_ACCOUNTS: "ad_accounts_get",
    CAMPAIGNS: "campaigns_get",
    AD_GROUPS: "ad_groups_get",
    ADS: "ads_get",
}
MODELED = frozenset(
    {"id", "ad_account_id", "campaign_id", "ad_group_id", "name", "status", "objective_type", "pin_id"}
    | {"creative_type", "created_time", "updated_time", "country", "currency", "owner", "type"}
)

Json = dict[str, Any]


def handles(family: str) -> bool:
    return family in FAMILIES


def _properties(schema: Json) -> Json:
    """Every property an object schema declares, through ``$ref`` and its ``allOf`` parts.

    The ads objects' shapes are compositions (``AdGroupResponse`` is ``allOf`` of common,
    create and response parts): reading only the top level dropped ``billable_event``,
    the budgets and the bids a caller sent.
    """
    resolved = schemas().resolve(schema)
    found: Json = {}
    for member in resolved.get("allOf", ()):
        found.update(_properties(member))
    found.update(resolved.get("properties", {}))
    return found


def _extra(family: str, record: Json) -> Json:
    """The fields of ``record`` the records do not model and the object's response accepts."""
    shape = table().operations[ADS_SHAPES[family]]
    assert shape.response is not None
    properties = _properties(shape.response)
    kept = {}
    for key, value in record.items():
        if key in MODELED or key not in properties:
            continue
        if schemas().problem(properties[key], value, "response") is None:
            kept[key] = value
    return kept


# ------------------------------------------------------------------------ organic
def _update_board(call: Call, parents: dict[str, str], object_id: str, change: Json) -> Json:
    board = own_board(call, object_id)
    name = request_fields.text(change, "name", max_length=180)
    if name is not None:
        others = [b for b in call.state.boards_of(call.user.id) if b.id != board.id]
        if any(b.name.lower() == name.lower() for b in others):
            raise conflict(f"You already have a board named {name!r}.")
        board.name = name
    board.description = request_fields.text(change, "description", max_length=500) or board.description
    board.privacy = request_fields.choice(change, "privacy", ("PUBLIC", "PROTECTED", "SECRET"), board.privacy)
    return render_v5.board(call.state, board).to_dict()


def _section(call: Call, parents: dict[str, str], object_id: str) -> Any:
    return section_of(call, own_board(call, parents["board_id"]), object_id)


def _update_section(call: Call, parents: dict[str, str], object_id: str, change: Json) -> Json:
    section = _section(call, parents, object_id)
    name = request_fields.text(change, "name", min_length=1, max_length=180)
    if name is not None:
        if any(s.name.lower() == name.lower() and s.id != section.id for s in call.state.sections_of(section.board_id)):
            raise conflict(f"This board already has a section named {name!r}.")
        section.name = name
    return render_v5.section(section).to_dict()


def _delete_section(call: Call, parents: dict[str, str], object_id: str) -> None:
    """A section goes with its pins, as on Pinterest."""
    section = _section(call, parents, object_id)
    for pin in call.state.pins_in_section(section.id):
        call.state.delete_pin(pin.id)
    del call.state.sections[section.id]


def _update_pin(call: Call, parents: dict[str, str], object_id: str, change: Json) -> Json:
    """PATCH /pins/{pin_id}: texts, and a move to another of the caller's boards (and section)."""
    pin = visible_pin(call, object_id)
    if pin.owner_id != call.user.id:
        raise forbidden("Not authorized to change this pin.")
    for key, limit in render_v5.PIN_LIMITS.items():
        if key in change:
            setattr(pin, key, request_fields.text(change, key, max_length=limit))
    if "ai_disclosures" in change:
        pin.ai_disclosures = request_fields.ai_disclosures(change)
    board_id = request_fields.numeric_id(change, "board_id")
    if board_id is not None:
        pin.board_id = own_board(call, board_id).id
        pin.section_id = None
    section_id = request_fields.numeric_id(change, "board_section_id")
    if section_id is not None:
        pin.section_id = section_of(call, own_board(call, pin.board_id), section_id).id
    return render_v5.pin(call.state, pin, call.user.id).to_dict()


def _list_media(call: Call, parents: dict[str, str]) -> list[Json]:
    mine = sorted((m for m in call.state.media.values() if m.owner_id == call.user.id), key=lambda m: int(m.id))
    return [render_v5.media(m).to_dict() for m in mine]


# ------------------------------------------------------------------------ ads
def _create_ad_account(call: Call, parents: dict[str, str], record: Json) -> Json:
    account = AdAccount(
        id=call.state.new_id(),
        owner_id=call.user.id,
        name=request_fields.required_text(record, "name", min_length=1),
        country=request_fields.text(record, "country") or "US",
        currency=request_fields.text(record, "currency") or "USD",
        created_time=int(call.clock.now()),
        updated_time=int(call.clock.now()),
    )
    account.extra = _extra(AD_ACCOUNTS, record)
    call.state.ad_accounts[account.id] = account
    return render_v5.ad_account(call.state, account).to_dict()


def _get_ad_account(call: Call, parents: dict[str, str], object_id: str) -> Json:
    return render_v5.ad_account(call.state, own_ad_account(call, object_id)).to_dict()


def _ads_object(call: Call, family: str, parents: dict[str, str], object_id: str) -> AdsObject:
    account = own_ad_account(call, parents["ad_account_id"])
    stores: dict[str, Any] = {CAMPAIGNS: call.state.campaigns, AD_GROUPS: call.state.ad_groups, ADS: call.state.ads}
    store: dict[str, Any] = stores[family]
    found = store.get(object_id)
    if found is None or found.ad_account_id != account.id:
        raise not_found(404, f"{family.rsplit('/', 1)[-1]} {object_id} not found.")
    assert isinstance(found, AdsObject)
    return found


def _render_ads(call: Call, family: str, record: AdsObject) -> Json:
    if isinstance(record, Campaign):
        return render_v5.campaign(record).to_dict()
    if isinstance(record, AdGroup):
        return render_v5.ad_group(record).to_dict()
    assert isinstance(record, Ad)
    return render_v5.ad(record).to_dict()


def _create_ads(call: Call, family: str, parents: dict[str, str], record: Json) -> Json:
    account = own_ad_account(call, parents["ad_account_id"])
    now = int(call.clock.now())
    name = request_fields.text(record, "name") or f"{family.rsplit('/', 1)[-1]} {call.state.next_id}"
    status = request_fields.text(record, "status") or "ACTIVE"
    common: dict[str, Any] = {"created_time": now, "updated_time": now, "extra": _extra(family, record)}
    created: AdsObject
    if family == CAMPAIGNS:
        objective = request_fields.text(record, "objective_type") or "AWARENESS"
        created = Campaign(call.state.new_id(), account.id, name, status, objective, **common)
        call.state.campaigns[created.id] = created
    elif family == AD_GROUPS:
        campaign = _ads_object(call, CAMPAIGNS, parents, request_fields.numeric_id(record, "campaign_id") or "")
        created = AdGroup(
            call.state.new_id(),
            account.id,
            campaign.id if isinstance(campaign, Campaign) else "",
            name,
            status,
            **common,
        )
        call.state.ad_groups[created.id] = created
    else:
        group = _ads_object(call, AD_GROUPS, parents, request_fields.numeric_id(record, "ad_group_id") or "")
        assert isinstance(group, AdGroup)
        pin_id = request_fields.numeric_id(record, "pin_id")
        if pin_id is None:
            raise invalid("pin_id: every ad promotes a Pin; this field is required.")
        visible_pin(call, pin_id)
        creative = request_fields.text(record, "creative_type") or "REGULAR"
        created = Ad(
            call.state.new_id(), account.id, group.campaign_id, group.id, name, pin_id, status, creative, **common
        )
        call.state.ads[created.id] = created
    return _render_ads(call, family, created)


def _update_ads(call: Call, family: str, parents: dict[str, str], object_id: str, change: Json) -> Json:
    if not object_id:
        raise invalid("id: this field is required.")
    found = _ads_object(call, family, parents, object_id)
    for key in ("name", "status", "objective_type", "creative_type"):
        if isinstance(change.get(key), str) and hasattr(found, key):
            setattr(found, key, change[key])
    found.extra = found.extra | _extra(family, change)
    found.updated_time = int(call.clock.now())
    return _render_ads(call, family, found)


def _template_report(call: Call, parents: dict[str, str]) -> Json:
    """An async delivery report like ``analytics_create_report``'s: campaigns, daily, as CSV.

    The dates are the query's (default: the week before today), polled and downloaded
    with ``analytics_get_report`` as any other report (``analytics.async_reports``).
    """
    account = own_ad_account(call, parents["ad_account_id"])
    today = call.clock.utcnow().date()
    start_text = call.query.get("start_date") or (today - dt.timedelta(days=TEMPLATE_DAYS)).isoformat()
    end_text = call.query.get("end_date") or (today - dt.timedelta(days=1)).isoformat()
    start, end = dt.date.fromisoformat(start_text), dt.date.fromisoformat(end_text)
    if end < start:
        raise invalid("end_date: before start_date.")
    request = ReportRequest(start, end, TEMPLATE_COLUMNS, "CAMPAIGN", call.query.get("granularity") or "DAY", "CSV")
    report = async_reports.create(call.services, account, request, unknown_id_code=V5_UNKNOWN_ID_CODE)
    return {"token": report.token, "report_status": report.status, "template_id": call.path("template_id")}


# ------------------------------------------------------------------------ dispatch
def create(call: Call, family: str, parents: dict[str, str], records: list[Json]) -> list[Json]:
    if family == REPORTS:
        return [_template_report(call, parents)]
    if family == AD_ACCOUNTS:
        return [_create_ad_account(call, parents, record) for record in records]
    if family in (CAMPAIGNS, AD_GROUPS, ADS):
        return [_create_ads(call, family, parents, record) for record in records]
    raise invalid("This operation is served by its own route.")  # boards, sections, pins, media


def get(call: Call, family: str, parents: dict[str, str], object_id: str) -> Json:
    if family == AD_ACCOUNTS:
        return _get_ad_account(call, parents, object_id)
    return _render_ads(call, family, _ads_object(call, family, parents, object_id))


UPDATES: dict[str, Callable[[Call, dict[str, str], str, Json], Json]] = {
    BOARDS: _update_board,
    SECTIONS: _update_section,
    PINS: _update_pin,
}


def update(call: Call, family: str, parents: dict[str, str], object_id: str, change: Json) -> Json:
    if family in UPDATES:
        return UPDATES[family](call, parents, object_id, change)
    return _update_ads(call, family, parents, object_id, change)


def delete(call: Call, family: str, parents: dict[str, str], object_id: str) -> None:
    _delete_section(call, parents, object_id)


def listing(call: Call, family: str, parents: dict[str, str]) -> list[Json]:
    return _list_media(call, parents)
