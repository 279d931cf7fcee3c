"""The HTTP layer every call goes through: retries that honour rate limits, typed errors
from responses, logging, and paging over the generated operations.

Layer order (outermost first) is documented in ``transport``: the auth a caller passes
(``oauth.bearer.PinterestAuth``) -> event hooks (log, typed errors) -> RetryTransport ->
HTTPTransport. Everything plugs into the generated clients through ``httpx_args`` only.
This package never imports ``oauth``: OAuth's own token requests go through it.
"""
