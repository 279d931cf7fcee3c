"""analytics_api_example and workflows.reports, scripted: request, bounded polling, streamed download."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx
import pytest
from support.ads import Scripted, envelope, scripted_fixture, v3_ads, v5_ads  # noqa: F401 - the fixture
from support.core import Clock

from pinterest_tools.cli.commands import analytics_api_example
from pinterest_tools.workflows import polling
from pinterest_tools.workflows.reports import ReportError, report_filename, wait_for_report

REPORT_URL = "https://reports.test/bucket/abc/metrics_report.csv?X-Amz-Signature=secret-signature"
CSV = b"DATE,CLICKTHROUGH_1,IMPRESSION_1\n" + b"2024-05-01,1,2\n" * 5000
DEFINITIONS = [
    {"name": "CLICKTHROUGH_1", "definition": "Clicks to the destination"},
    {"name": "SPEND_IN_DOLLAR", "definition": "Spend"},
    {"name": "IMPRESSION_1", "definition": "Times shown"},
]


@pytest.fixture(autouse=True)
def fast_polls(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(polling, "FIRST_WAIT", 0.001)
    monkeypatch.setattr(polling, "MAX_WAIT", 0.002)


def v5_report(scripted: Scripted, *statuses: str) -> None:
    fake = v5_ads(scripted.fake)
    fake.add("GET", "/v5/resources/delivery_metrics", httpx.Response(200, json={"items": DEFINITIONS}))
    fake.add("POST", "/v5/ad_accounts/501/reports", httpx.Response(200, json={"token": "tok-1"}))
    replies = [{"report_status": s, **({"url": REPORT_URL} if s == "FINISHED" else {})} for s in statuses]
    fake.add("GET", "/v5/ad_accounts/501/reports", *(httpx.Response(200, json=r) for r in replies))
    fake.add("GET", "/bucket/abc/metrics_report.csv", httpx.Response(200, content=CSV))


def test_v5_report_from_request_to_file(scripted: Scripted) -> None:
    v5_report(scripted, "IN_PROGRESS", "IN_PROGRESS", "FINISHED")
    result = scripted.run(analytics_api_example, "-l", "2", stdin="2\nreport.csv\n")
    assert result.code == 0, result.err
    lines = result.lines
    assert "User id: 77" in lines and "Advertiser accounts available to this access token:" in lines
    assert "Please select an advertiser between 1 and 2: [1] " in result.out
    assert lines[lines.index("Here are a couple of interesting metrics...") + 1 :][:2] == [
        "CLICKTHROUGH_1: Clicks to the destination",
        "IMPRESSION_1: Times shown",
    ]
    assert "Requesting report for advertiser id 501..." in lines
    assert "Please enter a file name for the report: [metrics_report.csv] " in result.out
    assert lines[-1] == f"wrote the report to report.csv ({len(CSV)} bytes)"
    assert Path("report.csv").read_bytes() == CSV
    (create,) = scripted.fake.calls("POST", "/v5/ad_accounts/501/reports")
    body = json.loads(create.content)
    assert body["columns"] == ["CLICKTHROUGH_1", "IMPRESSION_1"] and body["level"] == "PIN_PROMOTION"
    assert (body["granularity"], body["report_format"]) == ("DAY", "CSV")
    assert body["filters"] == [{"field": "SPEND_IN_DOLLAR", "operator": "GREATER_THAN", "values": [1]}]
    assert [q["token"] for q in scripted.query("/v5/ad_accounts/501/reports")] == [["tok-1"]] * 3
    assert "Report status: IN_PROGRESS. Waiting" in result.err
    (download,) = scripted.fake.calls("GET", "/bucket/abc/metrics_report.csv")
    assert "authorization" not in download.headers  # the signed URL gets no Pinterest token
    assert "secret-signature" not in result.err  # nor is its signature logged


def test_v3_uses_the_ads_v4_async_paths(scripted: Scripted) -> None:
    fake = v3_ads(scripted.fake)
    fake.add("GET", "/ads/v4/resources/delivery_metrics", envelope({"metrics": DEFINITIONS}))
    fake.add("POST", "/ads/v4/advertisers/500/delivery_metrics/async", envelope({"token": "tok-3"}))
    fake.add(
        "GET",
        "/ads/v4/advertisers/500/delivery_metrics/async",
        envelope({"report_status": "IN_PROGRESS"}),
        envelope({"report_status": "FINISHED", "url": REPORT_URL}),
    )
    fake.add("GET", "/bucket/abc/metrics_report.csv", httpx.Response(200, content=CSV))
    result = scripted.run(analytics_api_example, "--output", "v3.csv", version=3, stdin=None)
    assert result.code == 0, result.err
    assert "[1] Ad Account ID: 500 | Name: Shop (ACTIVE)" in result.lines  # one account: no question
    assert "CLICKTHROUGH_1: Clicks to the destination" in result.lines
    (create,) = fake.calls("POST", "/ads/v4/advertisers/500/delivery_metrics/async")
    assert json.loads(create.content)["level"] == "PIN_PROMOTION"
    assert [q["token"] for q in scripted.query("/ads/v4/advertisers/500/delivery_metrics/async")] == [["tok-3"]] * 2
    assert Path("v3.csv").read_bytes() == CSV


@pytest.mark.parametrize("status", ["FAILED", "CANCELLED", "EXPIRED", "DOES_NOT_EXIST"])
def test_a_failed_report_stops_with_a_clear_message(scripted: Scripted, status: str) -> None:
    v5_report(scripted, "IN_PROGRESS", status)
    result = scripted.run(analytics_api_example, "--ad-account-id", "501", "--output", "r.csv")
    assert result.code == 1
    assert result.err.startswith(f"error: the report for ad account 501 ended with status {status}\nhint: ")
    assert not Path("r.csv").exists() and scripted.fake.calls("GET", "/bucket/abc/metrics_report.csv") == []
    assert scripted.fake.calls("GET", "/v5/ad_accounts") == []  # the id option: no listing


def test_polling_backs_off_and_times_out(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(polling, "FIRST_WAIT", 1.0)
    monkeypatch.setattr(polling, "MAX_WAIT", 10.0)

    class Api:
        polls = 0

        def report_status(self, ad_account_id: str, token: str) -> dict[str, Any]:
            self.polls += 1
            return {"report_status": "IN_PROGRESS"}

    clock = Clock(0.0)
    with pytest.raises(ReportError, match="still IN_PROGRESS after 60 seconds") as info:
        wait_for_report(Api(), "5", "t", timeout=60, sleep=clock.sleep, clock=clock)  # type: ignore[arg-type]
    assert clock.sleeps == [1, 2, 4, 8, 10, 10, 10, 10, 5]  # upstream's backoff, cut at the deadline
    assert info.value.hint and "--timeout" in info.value.hint


def test_a_finished_report_without_url_is_an_error() -> None:
    class Api:
        def report_status(self, ad_account_id: str, token: str) -> dict[str, Any]:
            return {"report_status": "FINISHED", "url": None}

    with pytest.raises(ReportError, match="no URL"):
        wait_for_report(Api(), "5", "t")  # type: ignore[arg-type]


def test_a_download_cut_short_leaves_no_file(scripted: Scripted) -> None:
    v5_report(scripted, "FINISHED")

    def short(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, headers={"content-length": str(len(CSV))}, content=CSV[:1000])

    scripted.fake.routes[("GET", "/bucket/abc/metrics_report.csv")] = [short]
    Path("r.csv").write_bytes(b"previous")
    result = scripted.run(analytics_api_example, "--ad-account-id", "501", "--output", "r.csv", "--force")
    assert result.code == 1 and "the report download ended after" in result.err
    assert Path("r.csv").read_bytes() == b"previous"
    assert [p.name for p in scripted.tmp_path.iterdir() if p.suffix == ".part"] == []


def test_a_refused_download_is_one_line(scripted: Scripted) -> None:
    v5_report(scripted, "FINISHED")
    scripted.fake.routes[("GET", "/bucket/abc/metrics_report.csv")] = [httpx.Response(403, text="<Error/>")]
    result = scripted.run(analytics_api_example, "--ad-account-id", "501", "--output", "r.csv")
    assert result.code == 1 and result.err.count("\n") == 1
    assert "HTTP 403 from https://reports.test/bucket/abc/metrics_report.csv" in result.err
    assert not Path("r.csv").exists()


def test_no_ad_accounts(scripted: Scripted) -> None:
    scripted.fake.add("GET", "/v5/user_account", httpx.Response(200, json={"username": "u", "id": "1"}))
    scripted.fake.add("GET", "/v5/ad_accounts", httpx.Response(200, json={"items": [], "bookmark": None}))
    result = scripted.run(analytics_api_example)
    assert result.code == 1 and result.err == "error: This user id does not have any linked advertiser ids.\n"


def test_end_of_input_stops_cleanly(scripted: Scripted) -> None:
    v5_report(scripted, "FINISHED")
    result = scripted.run(analytics_api_example, stdin="")
    assert result.code == 1 and result.err.startswith("error: input ended before an answer was given")
    assert scripted.fake.calls("POST", "/v5/ad_accounts/501/reports") == []


def test_bad_timeout_is_a_usage_error(scripted: Scripted) -> None:
    for value in ("0", "-1", "soon"):
        result = scripted.run(analytics_api_example, "--timeout", value)
        assert result.code == 2 and "timeout must be" in result.err and result.err.count("\n") == 1


def test_report_file_names() -> None:
    assert report_filename(REPORT_URL) == "metrics_report.csv"
    assert report_filename("https://x.test/") == "report.csv"
    assert report_filename("https://x.test/a/my%20report.csv?sig=1") == "my report.csv"


def test_progress_shows_on_a_terminal(scripted: Scripted, monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    v5_report(scripted, "FINISHED")
    terminal = Terminal()
    with monkeypatch.context() as patch:
        patch.setattr("sys.stderr", terminal)
        result = scripted.run(analytics_api_example, "--ad-account-id", "501", "--output", "p.csv")
    assert result.code == 0
    shown = terminal.getvalue()
    assert f"\rdownloading p.csv: {len(CSV) / 1000:.1f} kB" in shown and shown.endswith("\n")
    assert Path("p.csv").read_bytes() == CSV
    quiet = scripted.run(analytics_api_example, "--ad-account-id", "501", "--output", "q.csv")
    assert quiet.code == 0 and "downloading" not in quiet.err  # stderr captured, not a terminal
