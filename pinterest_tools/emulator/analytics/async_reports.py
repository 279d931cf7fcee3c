"""Async delivery reports, shared by v5 (``/v5/ad_accounts/{id}/reports``) and ads v4
(``/ads/v4/advertisers/{id}/delivery_metrics/async``): created, polled, downloaded.

Pinterest builds a report in the background and hands out a signed S3 URL that is valid
for an hour. The emulator counts polls instead of time, so tests are fast and exact:

- the first ``Settings.report_polls`` polls (``--report-polls``, default 1) answer
  IN_PROGRESS, the next one the report's outcome;
- the outcome is the ad account's ``report_outcome`` (data file) if set, else
  ``Settings.report_outcome`` (``--report-outcome``), else FINISHED. Setting either to
  FAILED (or CANCELLED) is how a test makes reports fail, deterministically;
- a FINISHED report's ``url`` is ``<base>/_emulator/reports/<token>/metrics_report.csv``
  (``.json`` for JSON reports). Like S3's signed URL it needs no token; an hour after the
  report finished (on the emulator's clock) it answers 403 with S3's XML error and polls
  say EXPIRED. An unknown token polls as DOES_NOT_EXIST.

A request naming a campaign, ad group or ad id that is not the ad account's is refused
with a 400 naming it, as the synchronous analytics refuse it, and nothing is queued.

Content: the rows of ``ad_metric_rows`` for the report's level, dates, granularity, columns,
entity fields and filters, numbers as of the day the report was requested. CSV has a
header row; JSON is a list of row objects.
"""

from __future__ import annotations

import csv
import io
import json
import secrets
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from pinterest_tools.emulator.analytics import ad_metric_rows, metric_values
from pinterest_tools.emulator.core.services import Services, services_of
from pinterest_tools.emulator.data.records import AdAccount, Report, ReportRequest
from pinterest_tools.emulator.data.state import State

PATH = "/_emulator/reports"
URL_LIFETIME = 3600  # seconds a finished report can be downloaded


def create(services: Services, account: AdAccount, request: ReportRequest, *, unknown_id_code: int) -> Report:
    """Queue ``request`` for ``account``, once every campaign, ad group and ad id it names is the account's.

    An id of another account or of nothing is the 400 the synchronous analytics answer
    (``ad_metric_rows.check_ids``, with the API's ``unknown_id_code``) and queues no report:
    Pinterest refuses the request rather than building an empty report.
    """
    ad_metric_rows.check_ids(services.state, account, dict(request.entity_ids), code=unknown_id_code)
    outcome = account.report_outcome or services.settings.report_outcome
    report = Report(
        token=secrets.token_hex(16),
        ad_account_id=account.id,
        owner_id=account.owner_id,
        request=request,
        outcome=outcome,
        requested_on=services.clock.utcnow().date(),
    )
    services.state.reports[report.token] = report
    return report


def find(state: State, account: AdAccount, token: str) -> Report | None:
    report = state.reports.get(token)
    return report if report is not None and report.ad_account_id == account.id else None


def _expired(services: Services, report: Report) -> bool:
    return report.finished_at is not None and services.clock.now() >= report.finished_at + URL_LIFETIME


def poll(services: Services, report: Report) -> None:
    """One status poll: counts towards the outcome, or notices that the URL expired."""
    if report.status == "IN_PROGRESS":
        report.polls += 1
        if report.polls > services.settings.report_polls:
            report.status = report.outcome
            if report.status == "FINISHED":
                report.finished_at = services.clock.now()
    elif report.status == "FINISHED" and _expired(services, report):
        report.status = "EXPIRED"


def filename(report: Report) -> str:
    return "metrics_report." + ("csv" if report.request.report_format == "CSV" else "json")


def url(base_url: str, report: Report) -> str | None:
    """Where a FINISHED report is downloaded (None in any other state)."""
    if report.status != "FINISHED":
        return None
    return f"{base_url.rstrip('/')}{PATH}/{report.token}/{filename(report)}"


def rows(state: State, report: Report) -> tuple[list[str], list[dict[str, Any]]]:
    """The report's header and rows."""
    request = report.request
    account = state.ad_accounts[report.ad_account_id]
    id_column = ad_metric_rows.LEVEL_ID_COLUMN.get(request.level, f"{request.level}_ID")
    found = []
    chains = ad_metric_rows.chains(state, account, request.level, dict(request.entity_ids))
    for bucket in metric_values.buckets(request.start, request.end, request.granularity):
        for chain in chains:
            if ad_metric_rows.passes(chain, bucket, request.filters, report.requested_on):
                found.append(
                    ad_metric_rows.row(
                        chain,
                        bucket,
                        request.columns,
                        report.requested_on,
                        id_column=id_column,
                        granularity=request.granularity,
                        leading=request.entity_fields,
                    )
                )
    header = [id_column, *request.entity_fields]
    if request.granularity != "TOTAL":
        header += ["DATE", "HOUR"] if request.granularity == "HOUR" else ["DATE"]
    header += [c for c in request.columns if c not in header and not ad_metric_rows.is_attribute(c)]
    header += [key for row in found for key in row if key not in header]
    return list(dict.fromkeys(header)), found


def content(state: State, report: Report) -> bytes:
    header, found = rows(state, report)
    if report.request.report_format != "CSV":
        return json.dumps(found, separators=(",", ":")).encode()
    out = io.StringIO()
    writer = csv.DictWriter(out, header, restval="", lineterminator="\n")
    writer.writeheader()
    writer.writerows(found)
    return out.getvalue().encode()


def _s3_error(status: int, code: str, message: str) -> Response:
    body = f'<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>{code}</Code><Message>{message}</Message></Error>'
    return Response(body, status, media_type="application/xml")


async def download(request: Request) -> Response:
    services = services_of(request)
    with services.state.lock:
        report = services.state.reports.get(str(request.path_params["token"]))
        if report is None or report.finished_at is None or request.path_params["name"] != filename(report):
            return _s3_error(404, "NoSuchKey", "The specified key does not exist.")
        if _expired(services, report):
            return _s3_error(403, "AccessDenied", "Request has expired")
        body = content(services.state, report)
    media_type = "text/csv" if report.request.report_format == "CSV" else "application/json"
    return Response(body, media_type=media_type)


ROUTES = [Route(PATH + "/{token}/{name}", download, methods=["GET"], name="report_download")]
