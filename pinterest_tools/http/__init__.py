"""The HTTP layer every call goes through: auth with automatic refresh, retries that honour
rate limits, typed errors from responses, logging, bookmark paging, and the ready client.

Layer order (outermost first) is documented in ``transport``: PinterestAuth -> event hooks
(log, typed errors) -> RetryTransport -> HTTPTransport. Everything plugs into the generated
clients through ``httpx_args`` only.
"""

# Pinterest's paging limits, shared by the pager (``pinterest_tools.paging``, which the facade and
# ``http.paging`` use) and the commands' ``-ps``; here, so that the commands do not load a pager to read them.
MAX_PAGE_SIZE = 250  # Pinterest's limit for v5 and v3 (v3 code 22)
DEFAULT_MAX_PAGES = 10_000  # a pager stops there (with a warning and a bookmark to resume from)
