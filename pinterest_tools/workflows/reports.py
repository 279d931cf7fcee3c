"""Asynchronous ads delivery reports: request, poll with bounded backoff, download by streaming.

v5 requests with ``POST /v5/ad_accounts/{id}/reports`` and polls ``GET`` on the same path
with ``?token=``; v3 uses the ads v4 paths ``/ads/v4/advertisers/{id}/delivery_metrics/async``
(see :class:`pinterest_tools.cli.adapter.AdsApi`). Polling waits 1, 2, 4, 8, then 10 s between
polls (upstream's backoff) and, unlike upstream, ends: ``FINISHED`` returns the download
URL; ``FAILED``, ``CANCELLED``, ``EXPIRED`` and ``DOES_NOT_EXIST`` (Pinterest's
``BulkReportingJobStatus``) raise :class:`ReportError` at once, and so does a report still
unfinished after ``timeout`` seconds.

The download is a plain GET of the signed URL (no Pinterest token goes to it), streamed
into a temporary file beside the target and renamed over it when complete. This module
logs; the command prints. The command (``analytics_api_example``) and the library
(``Pinterest.download_report``) run this same code through :class:`ReportCalls`.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol
from urllib.parse import unquote, urlsplit

from pinterest_tools.errors import PinterestError
from pinterest_tools.library_log import get_logger
from pinterest_tools.parsing import is_digits
from pinterest_tools.workflows.polling import Backoff

if TYPE_CHECKING:
    import datetime as dt

    from pinterest_tools.config import Config
    from pinterest_tools.http.transport import AnyTransport

log = get_logger(__name__)

FINISHED = "FINISHED"
FAILURES = ("FAILED", "CANCELLED", "EXPIRED", "DOES_NOT_EXIST")
DEFAULT_TIMEOUT = 600.0
CHUNK = 64 * 1024
# upstream's example report: two metrics a day for every promoted pin that spent more than $1
EXAMPLE_COLUMNS = ("CLICKTHROUGH_1", "IMPRESSION_1")

Progress = Callable[[int, int | None], None]


class ReportError(PinterestError):
    """The report failed, vanished, took too long, or could not be downloaded."""


class ReportCalls(Protocol):
    """The two API calls a report needs (see :class:`pinterest_tools.cli.adapter.AdsApi`)."""

    def request_report(self, ad_account_id: str, report: dict[str, Any]) -> str: ...
    def report_status(self, ad_account_id: str, token: str) -> dict[str, Any]: ...


def example_request(start: dt.date, end: dt.date) -> dict[str, Any]:
    """Upstream's report: CLICKTHROUGH_1 and IMPRESSION_1 per promoted pin and day, as CSV, spend over $1."""
    return {
        "start_date": start.isoformat(),
        "end_date": end.isoformat(),
        "columns": list(EXAMPLE_COLUMNS),
        "level": "PIN_PROMOTION",
        "granularity": "DAY",
        "report_format": "CSV",
        "filters": [{"field": "SPEND_IN_DOLLAR", "operator": "GREATER_THAN", "values": [1]}],
    }


def request_report(api: ReportCalls, ad_account_id: str, body: dict[str, Any]) -> str:
    token = api.request_report(ad_account_id, body)
    if not token:
        raise ReportError(f"the report request for ad account {ad_account_id} returned no token")
    return token


def wait_for_report(
    api: ReportCalls,
    ad_account_id: str,
    token: str,
    *,
    timeout: float | None = None,
    sleep: Callable[[float], None] | None = None,
    clock: Callable[[], float] = time.monotonic,
) -> str:
    """Poll until FINISHED and return the report's URL; ReportError on a failure status or after ``timeout``."""
    backoff = Backoff(DEFAULT_TIMEOUT if timeout is None else timeout, sleep=sleep, clock=clock)
    while True:
        record = api.report_status(ad_account_id, token)
        status = str(record.get("report_status") or "")
        if status == FINISHED:
            url = record.get("url")
            if not url:
                raise ReportError("the report is FINISHED but Pinterest gave no URL to download it from")
            return str(url)
        if status in FAILURES:
            raise ReportError(
                f"the report for ad account {ad_account_id} ended with status {status}",
                hint="request a new report (Pinterest keeps finished reports for a limited time)",
            )
        if not backoff.pause(f"Report status: {status or 'unknown'}."):
            raise ReportError(
                f"the report for ad account {ad_account_id} is still {status or 'without a status'} "
                f"after {backoff.timeout:g} seconds",
                hint="Pinterest may still finish it: run the command again with a longer --timeout",
            )


def report_filename(url: str, default: str = "report.csv") -> str:
    """The last segment of the URL's path (upstream's default file name)."""
    name = Path(unquote(urlsplit(url).path)).name
    return name if name not in ("", ".", "..") else default


def download(
    url: str, path: Path, config: Config, *, progress: Progress | None = None, transport: AnyTransport | None = None
) -> int:
    """Stream ``url`` into ``path`` (atomically); the number of bytes. ``progress(done, total)`` per chunk.

    ``transport``: the one under the retry layer (default: the network, or the one of ``use_transport``).
    """
    import httpx

    from pinterest_tools.atomic import atomic_file
    from pinterest_tools.http.retry import RetryPolicy, RetryTransport
    from pinterest_tools.http.transport import current_transport

    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise ReportError(f"the report URL is not an http(s) URL: {parts.scheme or 'no scheme'}")
    inner = current_transport(transport)
    policy = RetryPolicy(max_attempts=config.retry_attempts, backoff_base=config.retry_backoff)
    transport = RetryTransport(inner if isinstance(inner, httpx.BaseTransport) else None, policy=policy)
    where = f"{parts.scheme}://{parts.netloc}{parts.path}"  # the query holds the signature: never logged
    log.info("GET %s", where)
    done = 0
    with httpx.Client(timeout=httpx.Timeout(config.timeout), transport=transport) as client:
        try:
            with client.stream("GET", url) as response:
                if not response.is_success:
                    raise ReportError(f"downloading the report failed: HTTP {response.status_code} from {where}")
                length = response.headers.get("content-length")
                total = int(length) if length and is_digits(length) else None
                with atomic_file(path) as handle:
                    for chunk in response.iter_bytes(CHUNK):
                        handle.write(chunk)
                        done += len(chunk)
                        if progress:
                            progress(done, total)
                    if total is not None and done != total:
                        raise ReportError(f"the report download ended after {done} of {total} bytes")
        except httpx.HTTPError as exc:
            raise ReportError(f"downloading the report failed: {type(exc).__name__} from {where}") from exc
    log.info("wrote %d bytes to %s", done, path)
    return done
