"""The v5 routes, one module per area; `routes()` is what the app mounts.

To add an area (ads, analytics, terms, ...): write a module with a `ROUTES` list built
with `operations.operation(V5, "<operation_id>", handler)`, render with `v5.render` and
the generated models, page with `paging.paginate`, and list the module below.
"""

from __future__ import annotations

from starlette.routing import BaseRoute

from . import ads, analytics, boards, delivery, media, oauth, pins, terms, user

AREAS = (oauth, user, boards, pins, media, ads, analytics, delivery, terms)


def routes() -> list[BaseRoute]:
    return [route for area in AREAS for route in area.ROUTES]
