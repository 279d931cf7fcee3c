"""The v3 and ads v4 routes, one module per area; ``routes()`` is what the app mounts.

To add an area: a module with a ``ROUTES`` list built with
``core.operation_routes.operation(V3, "<operation_id>", handler)`` (V3 covers the /ads/v4
operations too: their paths carry their own prefix), answering with ``answers.ok(call, data)`` (the
v3 envelope around ``pinterest_api_v3`` models, see ``wire.render_v3``) and paging with
``answers.page``, and list it below. v3 and v5 share one ``State``: a board created here is
listed by v5.
"""

from __future__ import annotations

from starlette.routing import BaseRoute

from pinterest_tools.emulator.v3 import ad_metrics, ads, analytics, boards, media, oauth, pins, users

AREAS = (oauth, users, boards, pins, media, analytics, ads, ad_metrics)


def routes() -> list[BaseRoute]:
    return [route for area in AREAS for route in area.ROUTES]
