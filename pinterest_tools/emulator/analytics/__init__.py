"""Analytics: the numbers the emulator makes up, and the reports that carry them.

Deterministic metric values from ids, dates and metric names (``metric_values``), ads
metrics as rows per reporting level (``ad_metric_rows``), the values a targeting breakdown
splits an ads object into (``targeting_values``), organic metrics of a user or a
Pin (``organic_metrics``), the delivery metric definitions (``metric_definitions``), report
dates read from requests (``report_dates``), async report request bodies
(``report_request_bodies``), async reports from creation to download (``async_reports``),
and ad-targeting terms, made up the same deterministic way (``targeting_terms``). The
routes that serve them live in ``v5`` and ``v3``.
"""
