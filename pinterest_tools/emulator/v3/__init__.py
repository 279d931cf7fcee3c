"""The v3 and ads v4 routes, one module per area; `routes()` is what the app mounts.

To add an area: a module with a `ROUTES` list built with
`operations.operation(V3, "<operation_id>", handler)` (V3 covers the /ads/v4 operations
too: their paths carry their own prefix), answering with `envelopes.v3_success(...)`
built from `pinterest_api_v3` models, and list it below.
"""

from __future__ import annotations

from starlette.routing import BaseRoute

from . import oauth

AREAS = (oauth,)


def routes() -> list[BaseRoute]:
    return [route for area in AREAS for route in area.ROUTES]
