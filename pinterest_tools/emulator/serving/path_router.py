"""Routing by method and path shape: a lookup per path segment instead of Starlette's scan.

Starlette tries its routes in order, one regular expression each: with about 300 routes
the pin route matched at position 88 and the v3 routes near 273, on every request. This
router keeps the same routes in a tree of path segments (a literal segment before a
parameter at each level, as ``v5.routes()`` orders them), so finding a route costs one
dictionary step per segment. Whatever the tree does not answer (an unknown path or
method) goes to Starlette's own scan, which answers 404 and 405 as before.

It routes on the raw path (``scope["raw_path"]``), each segment percent-decoded on its
own: ``/v5/boards/ID%2Fsections`` is the board ``ID/sections``, which no route serves (a
404), never the sections listing of board ``ID`` that the decoded path would name.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote

from starlette.exceptions import HTTPException
from starlette.routing import BaseRoute, Route, Router
from starlette.types import Receive, Scope, Send

MATCH_KEY = "pinterest_tools.emulator.route"


@dataclass(slots=True)
class _Node:
    literals: dict[str, _Node] = field(default_factory=dict)
    parameter: _Node | None = None
    name: str | None = None  # the parameter's name on a parameter node
    routes: dict[str, Route] = field(default_factory=dict)  # method -> route ending here


def _segments_of(path: str) -> list[str]:
    return path.split("/")[1:]


class PathTree:
    """The routes with plain ``{name}`` parameters, found by method and path segments."""

    def __init__(self, routes: Sequence[BaseRoute]) -> None:
        self.root = _Node()
        for route in routes:
            if isinstance(route, Route) and route.methods and ":" not in route.path:
                self._add(route)

    def _add(self, route: Route) -> None:
        node = self.root
        for segment in _segments_of(route.path):
            if segment.startswith("{") and segment.endswith("}"):
                if node.parameter is None:
                    node.parameter = _Node(name=segment[1:-1])
                elif node.parameter.name != segment[1:-1]:
                    return  # two names for one position: leave the route to Starlette's scan
                node = node.parameter
            else:
                node = node.literals.setdefault(segment, _Node())
        for method in route.methods or ():
            node.routes.setdefault(method, route)  # the first route declared wins, as in the scan

    def find(self, method: str, segments: Sequence[str]) -> tuple[Route, dict[str, Any]] | None:
        params: dict[str, Any] = {}
        route = self._walk(self.root, segments, 0, method, params)
        return (route, params) if route is not None else None

    def _walk(self, node: _Node, segments: Sequence[str], at: int, method: str, params: dict[str, Any]) -> Route | None:
        if at == len(segments):
            return node.routes.get(method)
        segment = segments[at]
        literal = node.literals.get(segment)
        if literal is not None:
            found = self._walk(literal, segments, at + 1, method, params)
            if found is not None:
                return found
        parameter = node.parameter
        if parameter is not None and segment:
            found = self._walk(parameter, segments, at + 1, method, params)
            if found is not None:
                assert parameter.name is not None
                params[parameter.name] = segment
                return found
        return None


def raw_segments(scope: Scope) -> list[str] | None:
    """The request path's segments, each percent-decoded on its own; None when one holds a ``/``."""
    raw = scope.get("raw_path")
    if not raw:
        return _segments_of(scope["path"])
    path = bytes(raw).split(b"?", 1)[0].decode("latin-1")
    if "%" not in path:  # nothing encoded, the common case
        return _segments_of(path)
    segments = [unquote(segment) for segment in _segments_of(path)]
    return None if any("/" in segment for segment in segments) else segments


def match(scope: Scope, tree: PathTree) -> tuple[Route, dict[str, Any]] | None:
    """The route serving an HTTP request and its path parameters, found once per request."""
    if MATCH_KEY not in scope:
        segments = raw_segments(scope)
        scope[MATCH_KEY] = tree.find(scope["method"], segments) if segments is not None else None
    found: tuple[Route, dict[str, Any]] | None = scope[MATCH_KEY]
    return found


class PathRouter(Router):
    """Starlette's router with the path tree in front (see the module docstring)."""

    def __init__(self, routes: Sequence[BaseRoute], tree: PathTree) -> None:
        super().__init__(routes=list(routes))
        self.tree = tree

    async def app(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await super().app(scope, receive, send)
            return
        found = match(scope, self.tree)
        if found is None:
            if raw_segments(scope) is None:  # an encoded "/" inside a segment names no route
                raise HTTPException(404, "Not Found")
            await super().app(scope, receive, send)
            return
        route, params = found
        scope.setdefault("router", self)
        scope["route"] = route
        scope["endpoint"] = route.endpoint
        scope["path_params"] = {**scope.get("path_params", {}), **params}
        await route.handle(scope, receive, send)
