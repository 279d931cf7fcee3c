"""Small builders for v5 responses from generated models (single objects, lists and pages)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Protocol

from starlette.responses import JSONResponse, Response


class Model(Protocol):
    """What every generated model offers."""

    def to_dict(self) -> dict[str, Any]: ...


def model_response(model: Model, status: int = 200) -> JSONResponse:
    return JSONResponse(model.to_dict(), status)


def list_response(items: Sequence[Model], status: int = 200) -> JSONResponse:
    """A bare JSON array of models (e.g. the rows of ads analytics)."""
    return JSONResponse([item.to_dict() for item in items], status)


def page_response(page_model: Callable[..., Model], items: Sequence[Model], bookmark: str | None) -> JSONResponse:
    """A v5 list page, e.g. `page_response(BoardsListResponse200, boards, bookmark)`.

    The bookmark is `null` on the last page, as Pinterest sends it.
    """
    return model_response(page_model(items=list(items), bookmark=bookmark))


def no_content() -> Response:
    return Response(status_code=204)
