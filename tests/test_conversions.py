"""``pinterest_tools.conversions.hash_user_data``: Pinterest's normalisation per field, SHA-256 hex,
and the example that sends a checkout, accepted by the emulator (which refuses unhashed values)."""

from __future__ import annotations

import datetime
import hashlib
import json
from types import ModuleType

import pytest
from support.commands import ROOT
from support.user_scripts import load_script, mypy_strict

from pinterest_tools.conversions import hash_user_data, normalise
from pinterest_tools.emulator.testing import start_emulator
from pinterest_tools.errors import UnprocessableEntityError, UsageError

EXAMPLE = ROOT / "examples" / "conversion_event.py"


def sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


@pytest.mark.parametrize(
    ("field", "given", "normal"),
    [
        ("em", "  Ana@Example.COM ", "ana@example.com"),
        ("ph", "+1 (555) 010-0200", "15550100200"),
        ("ph", "0044 20 7946 0000", "442079460000"),
        ("fn", " Ana ", "ana"),
        ("ln", "Ölund", "ölund"),
        ("ge", "Female", "f"),
        ("ge", "non binary", "n"),
        ("ge", "M", "m"),
        ("db", "1990-07-04", "19900704"),
        ("db", datetime.date(1990, 7, 4), "19900704"),
        ("ct", "San Francisco!", "sanfrancisco"),
        ("ct", "Saint-Étienne", "saintétienne"),
        ("st", " CA ", "ca"),
        ("zp", "94107-1234", "941071234"),
        ("country", "US", "us"),
        ("external_id", " user-42 ", "user-42"),
        ("hashed_maids", " 38400000-8cf0-11bd-b23e-10b96e40000d ", "38400000-8cf0-11bd-b23e-10b96e40000d"),
    ],
)
def test_each_field_is_normalised_by_its_rule(field: str, given: str | datetime.date, normal: str) -> None:
    assert normalise(field, given) == normal
    assert hash_user_data({field: given}) == {field: [sha(normal)]}


def test_lists_are_hashed_each_and_the_plain_fields_sent_as_given() -> None:
    data = hash_user_data(
        {"em": ["a@x.io", "B@x.io"], "client_ip_address": "203.0.113.9", "client_user_agent": "UA", "click_id": "c"}
    )
    assert data == {
        "em": [sha("a@x.io"), sha("b@x.io")],
        "client_ip_address": "203.0.113.9",
        "client_user_agent": "UA",
        "click_id": "c",
    }


@pytest.mark.parametrize(
    ("user_data", "message"),
    [
        ({"em": "   "}, "user_data em: a value is empty once normalised"),
        ({"ph": "call me"}, "user_data ph: a value is empty once normalised"),
        ({"ge": "x"}, "user_data ge: must be f, m or n (female, male, non-binary)"),
        ({"st": "Cal"}, "user_data st: must be a two-letter code"),
        (
            {"db": "1990-13-45"},
            "user_data db: month must be in 1..12",
        ),
        (
            {"db": "90-7-4"},
            "user_data db: must be a date as year, month and day (YYYYMMDD, YYYY-MM-DD or a datetime.date)",
        ),
        ({"email": "a@x.io"}, "user_data field 'email' is not one Pinterest hashes"),
        ({"em": [3]}, "user_data em: each value must be a string, not int"),
    ],
)
def test_values_that_break_a_rule_are_usage_errors_without_the_value(
    user_data: dict[str, object], message: str
) -> None:
    with pytest.raises(UsageError) as refused:
        hash_user_data(user_data)
    assert str(refused.value).startswith(message)
    assert "Cal" not in str(refused.value) and "a@x.io" not in str(refused.value)


def example() -> ModuleType:
    return load_script(EXAMPLE, "conversion_event")


def test_the_example_sends_a_checkout_the_emulator_accepts() -> None:
    with start_emulator("inprocess", record=True) as emu, emu.client() as client:
        account = client.ad_accounts.list().first_page().items[0]
        assert example().send_checkout(client, str(account.id), "order-1") == 1
        (sent,) = [e for e in emu.exchanges if e.path.endswith("/events")]
        user_data = json.loads(sent.request_body)["data"][0]["user_data"]
        assert user_data["em"] == [sha("ana@example.com")] and user_data["ph"] == [sha("15550100200")]
        # and unhashed, the same event is refused: the emulator checks as Pinterest does
        raw = {"em": ["ana@example.com"], "client_ip_address": "203.0.113.9", "client_user_agent": "UA"}
        event = {"event_name": "checkout", "action_source": "web", "event_id": "order-2", "user_data": raw}
        with pytest.raises(UnprocessableEntityError) as refused:  # the description's 422 DetailedError
            client.ad_accounts.events.create(str(account.id), data=[{**event, "event_time": int(emu.clock.now())}])
        assert refused.value.body["details"]["num_events_processed"] == 0


def test_the_example_passes_mypy_strict() -> None:
    result = mypy_strict([EXAMPLE])
    assert result.returncode == 0, result.stdout + result.stderr
