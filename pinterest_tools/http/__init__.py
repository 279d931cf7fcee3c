"""The HTTP layer every call goes through: auth with automatic refresh, retries that honour
rate limits, typed errors from responses, logging, bookmark paging, and the ready client.

Layer order (outermost first) is documented in ``transport``: PinterestAuth -> event hooks
(log, typed errors) -> RetryTransport -> HTTPTransport. Everything plugs into the generated
clients through ``httpx_args`` only.
"""
