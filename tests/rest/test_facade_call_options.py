"""Per-call ``timeout``/``extra_headers``/``extra_query``, ``with_raw_response`` and ``to_json()``."""

from __future__ import annotations

import asyncio
import json

import httpx
import pytest

from pinterest_tools.emulator.testing import start_emulator
from pinterest_tools.errors import ApiStatusError, UsageError
from pinterest_tools.rest import AsyncPinterest, Page, Pinterest
from pinterest_tools.rest.raw import RawResponse

BASE = "https://api.example.test"
PIN = {"id": "42", "title": "Shelf", "board_id": "7"}


def recording(seen: list[httpx.Request], answer: httpx.Response) -> Pinterest:
    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return answer

    return Pinterest("TOKEN", base_url=BASE, transport=httpx.MockTransport(handler), max_retries=0, timeout=30)


def test_per_call_options_reach_the_request_and_only_that_one() -> None:
    seen: list[httpx.Request] = []
    with recording(seen, httpx.Response(200, json=PIN)) as client:
        client.pins.get(
            "42", timeout=2.5, extra_headers={"X-Trace": "abc"}, extra_query={"pin_metrics": "true", "x": 1}
        )
        client.pins.get("42")
    first, second = seen
    assert first.extensions["timeout"] == httpx.Timeout(2.5).as_dict()
    assert first.headers["x-trace"] == "abc" and first.headers["authorization"] == "Bearer TOKEN"
    assert dict(first.url.params) == {"pin_metrics": "true", "x": "1"}
    assert second.extensions["timeout"] == httpx.Timeout(30).as_dict()
    assert "x-trace" not in second.headers and not second.url.params


def test_extra_query_wins_over_a_generated_parameter() -> None:
    seen: list[httpx.Request] = []
    with recording(seen, httpx.Response(200, json=PIN)) as client:
        client.pins.get("42", ad_account_id="1", extra_query={"ad_account_id": "2"})
    assert seen[0].url.params.get_list("ad_account_id") == ["2"]


def test_every_page_of_a_paging_call_gets_the_options() -> None:
    seen: list[httpx.Request] = []
    answers = iter(
        [
            httpx.Response(200, json={"items": [{"id": "1", "name": "a"}], "bookmark": "next"}),
            httpx.Response(200, json={"items": [{"id": "2", "name": "b"}], "bookmark": None}),
        ]
    )

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return next(answers)

    with Pinterest("TOKEN", base_url=BASE, transport=httpx.MockTransport(handler)) as client:
        names = [board.name for board in client.boards.list(extra_headers={"X-Trace": "t"}, timeout=4)]
    assert names == ["a", "b"]
    assert [r.headers["x-trace"] for r in seen] == ["t", "t"]
    assert [r.extensions["timeout"]["read"] for r in seen] == [4, 4]


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"timeout": 0}, "timeout must be a finite number of seconds above 0, not 0"),
        ({"timeout": -1.5}, "timeout must be a finite number of seconds above 0, not -1.5"),
        ({"timeout": float("nan")}, "timeout must be a finite number of seconds above 0, not nan"),
        ({"timeout": float("inf")}, "timeout must be a finite number of seconds above 0, not inf"),
        ({"timeout": "5"}, "timeout must be a number of seconds, not '5'"),
        ({"timeout": True}, "timeout must be a number of seconds, not True"),
        ({"max_retries": "3"}, "max_retries must be a whole number of retries (an int), not '3'"),
        ({"max_retries": 1.5}, "max_retries must be a whole number of retries (an int), not 1.5"),
        ({"max_retries": -1}, "max_retries must be 0 or more, not -1"),
        ({"extra_headers": {"X-Count": 3}}, "extra_headers: the value of X-Count must be a string, not int"),
        (
            {"extra_headers": {"X-A": "é🙂"}},
            "extra_headers: the value of X-A must be printable ASCII without line breaks"
            " (encode other text, e.g. percent-encoding, before sending it in a header)",
        ),
        (
            {"extra_headers": {"X-A": "a\r\nX-Injected: 1"}},
            "extra_headers: the value of X-A must be printable ASCII without line breaks"
            " (encode other text, e.g. percent-encoding, before sending it in a header)",
        ),
        (
            {"extra_headers": {"X-Big": "x" * 200_000}},
            "extra_headers: the value of X-Big has 200000 characters; servers refuse headers over 8192",
        ),
        (
            {"extra_headers": {"Bad Name": "v"}},
            "extra_headers: 'Bad Name' is not a header name (ASCII letters, digits and !#$%&'*+.^_`|~-)",
        ),
        ({"extra_query": {1: "v"}}, "extra_query must map parameter names (strings) to values"),
    ],
)
def test_bad_options_are_a_usage_error_before_sending(options: dict[str, object], message: str) -> None:
    seen: list[httpx.Request] = []
    with recording(seen, httpx.Response(200, json=PIN)) as client, pytest.raises(UsageError) as refused:
        client.pins.get("42", **options)  # type: ignore[arg-type]
    assert str(refused.value) == message and seen == []


def test_raw_response_has_status_headers_and_the_parsed_model() -> None:
    seen: list[httpx.Request] = []
    answer = httpx.Response(200, json=PIN, headers={"x-pinterest-rid": "rid-1", "x-ratelimit-remaining": "99"})
    with recording(seen, answer) as client:
        raw = client.with_raw_response.pins.get("42", extra_headers={"X-Trace": "r"})
    assert isinstance(raw, RawResponse)
    assert raw.status_code == 200 and raw.request_id == "rid-1" and raw.headers["X-RateLimit-Remaining"] == "99"
    assert raw.parsed.id == "42" and raw.parsed.title == "Shelf"
    assert seen[0].headers["x-trace"] == "r"


def test_raw_response_of_a_bodiless_call_and_of_a_nested_namespace() -> None:
    seen: list[httpx.Request] = []
    with recording(seen, httpx.Response(204)) as client:
        raw = client.with_raw_response.boards.sections.delete("1", "2")
    assert raw.status_code == 204 and raw.parsed is None
    assert seen[0].method == "DELETE" and seen[0].url.path == "/v5/boards/1/sections/2"


def test_raw_response_of_a_paging_call_is_its_first_page() -> None:
    seen: list[httpx.Request] = []
    page = {"items": [{"id": "1", "name": "a"}], "bookmark": "more"}
    with recording(seen, httpx.Response(200, json=page, headers={"x-pinterest-rid": "p"})) as client:
        raw = client.with_raw_response.boards.list(page_size=1)
    assert isinstance(raw.parsed, Page) and [b.name for b in raw.parsed.items] == ["a"]
    assert raw.parsed.bookmark == "more" and raw.request_id == "p" and len(seen) == 1


def test_raw_response_keeps_errors_as_errors() -> None:
    seen: list[httpx.Request] = []
    answer = httpx.Response(404, json={"code": 50, "message": "Pin not found."})
    with recording(seen, answer) as client, pytest.raises(ApiStatusError) as failed:
        client.with_raw_response.pins.get("404")
    assert failed.value.status_code == 404


def test_async_raw_response_and_options() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json=PIN, headers={"x-pinterest-rid": "a-1"})

    async def run() -> tuple[RawResponse[object], str]:
        async with AsyncPinterest("TOKEN", base_url=BASE, transport=httpx.MockTransport(handler)) as client:
            raw = await client.with_raw_response.pins.get("42", extra_query={"q": "1"})
            pin = await client.pins.get("42", timeout=3)
            return raw, pin.id

    raw, pin_id = asyncio.run(run())
    assert raw.status_code == 200 and raw.request_id == "a-1" and pin_id == "42"
    assert seen[0].url.params["q"] == "1" and seen[1].extensions["timeout"]["read"] == 3


def test_a_per_call_fault_header_reaches_the_emulator() -> None:
    with start_emulator("inprocess") as emu:
        client = emu.client(max_retries=0)
        (board,) = [b for b in client.boards.list(page_size=1).first_page().items]
        plain = client.with_raw_response.boards.sections.create(board.id, name="Plain")
        faulted = client.with_raw_response.boards.sections.create(
            board.id, name="Faulted", extra_headers={"X-Emulator-Fault": "200-for-201"}
        )
        assert (plain.status_code, faulted.status_code) == (201, 200)
        assert faulted.parsed.name == "Faulted" and faulted.request_id
        with pytest.raises(ApiStatusError) as failed:
            client.pins.list(extra_headers={"X-Emulator-Fault": "503"}).first_page()
        assert failed.value.status_code == 503
        assert client.user_account.get().username  # the header was that call's only


def test_models_have_to_json() -> None:
    seen: list[httpx.Request] = []
    with recording(seen, httpx.Response(200, json={**PIN, "created_at": "2026-01-02T03:04:05"})) as client:
        pin = client.pins.get("42")
    assert json.loads(pin.to_json()) == pin.to_dict()
    assert json.loads(pin.to_json())["created_at"] == "2026-01-02T03:04:05"
    assert pin.to_json(indent=2).startswith('{\n  "')


def test_object_query_parameters_are_expanded_and_the_rest_left_as_it_is() -> None:
    from pinterest_tools.rest.query import expand_object_params

    plain = {"method": "get", "url": "/x", "params": {"a": 1, "b": ["x", "y"]}}
    assert expand_object_params(plain) is plain
    nested = {"method": "get", "url": "/x", "params": {"a": 1, "p": {"t": "R", "ids": ["1", "2"], "o": {"k": True}}}}
    assert expand_object_params(nested)["params"] == [
        ("a", 1),
        ("p[t]", "R"),
        ("p[ids]", "1"),
        ("p[ids]", "2"),
        ("p[o][k]", True),
    ]


def test_to_json_writes_only_valid_json_and_names_a_number_json_cannot_hold() -> None:
    """Python's parser takes NaN/Infinity in an answer; to_json() refuses them rather than write invalid JSON."""
    seen: list[httpx.Request] = []
    body = '{"id": "42", "title": "Shelf", "board_id": "7", "pin_metrics": {"90d": {"ctr": NaN, "n": [1, Infinity]}}}'
    answer = httpx.Response(200, content=body.encode(), headers={"content-type": "application/json"})
    with recording(seen, answer) as client:
        pin = client.pins.get("42")
    with pytest.raises(ValueError) as refused:
        pin.to_json()
    message = "Pin.pin_metrics.90d.ctr is nan, which JSON cannot hold; to_json() writes only valid JSON"
    assert str(refused.value) == message
