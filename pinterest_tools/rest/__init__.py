"""``Pinterest`` and ``AsyncPinterest``: every v5 operation as ``client.<resource>.<method>(...)``.

This package owns the facade over the generated ``pinterest_api_v5`` package:

- :mod:`~pinterest_tools.rest.client`: the two client classes, their options
  (``with_options``) and the workflow helpers (video upload, reports, tokens);
- :mod:`~pinterest_tools.rest.session`: finding the token (argument, environment, token
  file; a browser only when asked) and building the httpx stack of
  :mod:`pinterest_tools.http.transport` once per client and its copies;
- :mod:`~pinterest_tools.paging` (re-exported here): typed auto-paging over ``bookmark``;
- :mod:`~pinterest_tools.rest.convert`: the small conversions the generated methods share;
- :mod:`~pinterest_tools.rest.resources`: one module per namespace, nested as the namespaces nest, *generated* by
  ``specgen/facade/`` from the description (never edit them; run ``nox -s generate``).

The facade plugs into the generated code only through httpx: a method builds its request
with the endpoint module's ``_get_kwargs``, sends it with the client's ``httpx.Client``
(auth with refresh, retries, typed errors from ``pinterest_tools.http.hooks``), and reads the
success body with the response model's ``from_dict``.
"""

from pinterest_tools.paging import AsyncPage, AsyncPaginator, Page, Paginator
from pinterest_tools.rest.client import AsyncPinterest, Pinterest

__all__ = ["AsyncPage", "AsyncPaginator", "AsyncPinterest", "Page", "Paginator", "Pinterest"]
