"""One JSON shape for every error (`ErrorResponse`): bad parameters, unknown ids and routes,
documents extraction refuses, bodies too large, and the unexpected."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from eventlens.errors import DocumentError, EventlensError, ExportError, ModelError, StoreError
from eventlens.web.schemas import ErrorDetail, ErrorResponse

log = logging.getLogger(__name__)


class ApiError(Exception):
    """An answer other than 200, raised by an endpoint: STATUS and a message for the user."""

    def __init__(self, status: int, message: str, details: list[ErrorDetail] | None = None):
        super().__init__(message)
        self.status, self.message, self.details = status, message, details or []


def bad_parameter(name: str, message: str) -> ApiError:
    return ApiError(400, f"{name}: {message}", [ErrorDetail(field=name, message=message)])


def error_response(status: int, message: str, details: list[ErrorDetail] = (),
                   headers: dict[str, str] | None = None) -> JSONResponse:
    body = ErrorResponse(status=status, error=message, details=list(details))
    return JSONResponse(body.model_dump(), status_code=status, headers=headers)


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(ApiError, _api_error)
    app.add_exception_handler(RequestValidationError, _invalid_request)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(EventlensError, _eventlens_error)
    app.add_exception_handler(Exception, _unexpected)


async def _api_error(request: Request, error: ApiError) -> JSONResponse:
    return error_response(error.status, error.message, error.details)


async def _invalid_request(request: Request, error: RequestValidationError) -> JSONResponse:
    """Parameters and bodies that do not parse are the caller's mistake: 400, each named."""
    details = [ErrorDetail(field=_field(problem["loc"]), message=problem["msg"]) for problem in error.errors()]
    message = "; ".join(f"{d.field}: {d.message}" for d in details) or "invalid request"
    return error_response(400, message, details)


def _field(location: tuple) -> str:
    """`since` for a query or path parameter, `body.text` for a body field, `body` for the body."""
    names = [str(part) for part in location if isinstance(part, str)]
    return ".".join(names[1:] if names[0] in ("query", "path", "header") else names)


async def _http_error(request: Request, error: HTTPException) -> JSONResponse:
    messages = {404: f"not found: {request.url.path}", 405: f"{request.method} is not allowed on {request.url.path}"}
    message = messages.get(error.status_code) or str(error.detail)
    return error_response(error.status_code, message, headers=error.headers)  # 405 says what is allowed


async def _eventlens_error(request: Request, error: EventlensError) -> JSONResponse:
    if isinstance(error, DocumentError):  # the text given cannot be processed: empty, not English
        return error_response(422, error.reason)
    if isinstance(error, ExportError):
        return error_response(400, str(error))
    status = 503 if isinstance(error, (ModelError, StoreError)) else 500
    log.error("%s %s: %s", request.method, request.url.path, error)
    return error_response(status, str(error))


async def _unexpected(request: Request, error: Exception) -> JSONResponse:
    log.exception("%s %s failed", request.method, request.url.path)
    return error_response(500, f"internal error ({type(error).__name__}); the server log has the details")
