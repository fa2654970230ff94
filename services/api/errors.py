"""The gateway's errors and the one place that turns them, and scaler refusals, into HTTP."""

from __future__ import annotations

import logging
from typing import Any

import asyncpg
from litestar import Request, Response
from litestar.exceptions import HTTPException
from litestar.status_codes import HTTP_500_INTERNAL_SERVER_ERROR
from litestar.types import ExceptionHandlersMap

from shared.messages import CommandReply, ErrorCode

__all__ = (
    "ApiError",
    "BadRequest",
    "Conflict",
    "Forbidden",
    "InvalidBody",
    "NotFound",
    "ServiceUnavailable",
    "Unauthenticated",
    "exception_handlers",
    "raise_for_reply",
)

logger = logging.getLogger(__name__)


class ApiError(HTTPException):
    """Root of the gateway's errors; each subclass fixes its status, the detail is a sentence.

    ``audited`` is set once the refusal is in the audit trail (by the scaler or the handler),
    so that the gateway's own audit of refused changes does not record it twice.
    """

    status_code = 400

    def __init__(self, detail: str, *, audited: bool = False) -> None:
        super().__init__(detail=detail, status_code=self.status_code)
        self.audited = audited


class BadRequest(ApiError):
    status_code = 400


class Unauthenticated(ApiError):
    """No valid credentials: sign in, or send ``Authorization: Bearer <token>``."""

    status_code = 401

    def __init__(self, detail: str, *, audited: bool = False) -> None:
        super().__init__(detail, audited=audited)
        self.headers = {"WWW-Authenticate": 'Bearer realm="conductor"'}


class Forbidden(ApiError):
    """Valid credentials whose role does not allow the request."""

    status_code = 403


class NotFound(ApiError):
    status_code = 404


class Conflict(ApiError):
    status_code = 409


class InvalidBody(ApiError):
    status_code = 422


class ServiceUnavailable(ApiError):
    status_code = 503


class CommandFailed(ApiError):
    status_code = 500


_BY_CODE: dict[ErrorCode, type[ApiError]] = {
    ErrorCode.OUT_OF_RANGE: BadRequest,
    ErrorCode.NOT_SCALING_PORT: BadRequest,
    ErrorCode.EXISTS: Conflict,
    ErrorCode.BASE_MISSING: NotFound,
    ErrorCode.NOT_FOUND: NotFound,
    ErrorCode.INVALID: InvalidBody,
    ErrorCode.EXPIRED: ServiceUnavailable,
    ErrorCode.UNAVAILABLE: ServiceUnavailable,
    ErrorCode.INTERNAL: CommandFailed,
}


def raise_for_reply(reply: CommandReply, *, audited: bool = True) -> None:
    """Raises the HTTP error that matches a refused or failed command; no-op when applied.

    ``audited`` says whether the service that answered has recorded the outcome itself.
    """
    if reply.error is None:
        return
    raise _BY_CODE[reply.error](reply.detail, audited=audited)


def _unexpected(request: Request[Any, Any, Any], exc: Exception) -> Response[dict[str, Any]]:
    # the client learns that something broke, never what: no trace, SQL or setting leaves here
    logger.error("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
    return Response(
        {"status_code": 500, "detail": "The gateway hit an unexpected error; see its log."},
        status_code=HTTP_500_INTERNAL_SERVER_ERROR,
    )


def _database_down(request: Request[Any, Any, Any], exc: Exception) -> Response[dict[str, Any]]:
    logger.warning("database unreachable on %s %s: %s", request.method, request.url.path, exc)
    detail = "The database is unreachable; nothing was read or changed. Retry shortly."
    return Response({"status_code": 503, "detail": detail}, status_code=503)


def _unstorable(request: Request[Any, Any, Any], exc: Exception) -> Response[dict[str, Any]]:
    # PostgreSQL refuses some text outright (a NUL character): that is the client's input
    logger.info("refused input on %s %s: %s", request.method, request.url.path, type(exc).__name__)
    detail = "The request holds a value PostgreSQL cannot take, such as a NUL character."
    return Response({"status_code": 400, "detail": detail}, status_code=400)


exception_handlers: ExceptionHandlersMap = {
    HTTP_500_INTERNAL_SERVER_ERROR: _unexpected,
    OSError: _database_down,
    asyncpg.InterfaceError: _database_down,
    asyncpg.CannotConnectNowError: _database_down,
    asyncpg.TooManyConnectionsError: _database_down,
    asyncpg.DataError: _unstorable,
}
