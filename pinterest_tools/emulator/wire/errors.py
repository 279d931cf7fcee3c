"""API errors as exceptions, and their responses in the caller's API family.

Route handlers and shared checks raise ``ApiError``; one handler turns it into the JSON
Pinterest would send (v5 ``{code, message}`` or the v3 envelope). The constructors below
carry Pinterest's error codes, so every route reports the same situation the same way.
"""

from __future__ import annotations

from collections.abc import Mapping

from starlette.responses import JSONResponse

from pinterest_tools.emulator.wire.envelopes import api_of, error_body


class ApiError(Exception):
    def __init__(self, status: int, code: int, message: str, headers: Mapping[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = dict(headers or {})


def invalid(message: str) -> ApiError:
    """400, Pinterest code 1 ("Invalid parameters")."""
    return ApiError(400, 1, message)


def unauthenticated() -> ApiError:
    """401, code 2: no token, an unknown token or an expired one."""
    return ApiError(401, 2, "Authentication failed.")


def insufficient_scope() -> ApiError:
    """401, code 3: the token lacks a scope the operation requires."""
    return ApiError(401, 3, "Authorization failed.")


def not_permitted() -> ApiError:
    """403, code 29: e.g. a trial app writing outside Pinterest's sandbox."""
    return ApiError(403, 29, "You are not permitted to access that resource.")


def forbidden(message: str) -> ApiError:
    return ApiError(403, 403, message)


def conflict(message: str) -> ApiError:
    """409: e.g. a second board with the same name."""
    return ApiError(409, 409, message)


def not_found(code: int, message: str) -> ApiError:
    """404 with Pinterest's code for the kind of object (40 board, 50 pin, ...)."""
    return ApiError(404, code, message)


def error_response(path: str, error: ApiError) -> JSONResponse:
    return JSONResponse(error_body(api_of(path), error.code, error.message), error.status, headers=error.headers)
