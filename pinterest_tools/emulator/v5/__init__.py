"""The v5 routes, one module per area; ``routes()`` is what the app mounts.

To add an area (ads, analytics, terms, ...): write a module with a ``ROUTES`` list built
with ``core.operation_routes.operation(V5, "<operation_id>", handler)``, render with
``wire.render_v5`` and the generated models, page with ``wire.paging.paginate``, and list the module
below. Every operation no area serves is answered by the description-driven engine
(``described.engine``).
"""

from __future__ import annotations

from starlette.routing import BaseRoute, Route

from pinterest_tools.emulator.described import engine
from pinterest_tools.emulator.v5 import (
    ad_reports,
    ads,
    analytics,
    boards,
    breakdown_analytics,
    conversion_events,
    media,
    oauth,
    pins,
    revoke,
    terms,
    user,
)

AREAS = (
    oauth,
    revoke,
    user,
    boards,
    pins,
    media,
    ads,
    analytics,
    breakdown_analytics,
    ad_reports,
    terms,
    conversion_events,
)


def _literal_first(route: BaseRoute) -> tuple[int, ...]:
    """Sort key: at each path segment a literal before a parameter, so ``/pins/analytics``
    is not taken for ``/pins/{pin_id}`` (Starlette tries routes in order)."""
    path = route.path if isinstance(route, Route) else ""
    return tuple(segment.startswith("{") for segment in path.split("/"))


def routes() -> list[BaseRoute]:
    written = [route for area in AREAS for route in area.ROUTES]
    served = {route.name for route in written if isinstance(route, Route)}
    return sorted([*written, *engine.routes(served)], key=_literal_first)
