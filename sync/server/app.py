"""The FastAPI app, built by :func:`create_app` from :class:`Settings` (never at import).

Every error leaves as an :class:`~sync.protocol.ErrorResponse` with a stable code: bad
JSON (400 ``malformed_json``), wrong shapes or unknown fields (422 ``invalid_request``),
oversized bodies (413 ``body_too_large``, checked while the body streams in), unknown
routes (404 ``not_found``), and anything unexpected (500 ``internal``, logged without the
request's content). Logs are structured (``key=value``) and hold ids, never personal data.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sync.protocol import PROTOCOL_VERSION, ErrorCode
from sync.server import db
from sync.server.batch import ServerClock
from sync.server.errors import ApiError
from sync.server.limits import RateLimits, parse_networks
from sync.server.logs import log, log_event
from sync.server.routes import router
from sync.server.settings import Settings

__all__ = ["create_app", "error_response", "log_event"]


def error_response(exc: ApiError) -> JSONResponse:
    headers = {}
    if exc.retry_after is not None:
        headers["Retry-After"] = str(max(1, int(exc.retry_after + 0.999)))
    return JSONResponse(exc.body(), status_code=exc.status, headers=headers)


class BodyLimit:
    """Refuse request bodies over ``limit`` bytes, before the route parses them."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        too_large = ApiError(ErrorCode.BODY_TOO_LARGE,
                             f"A request body may be at most {self.limit} bytes.")
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                if not value.isdigit() or int(value) > self.limit:
                    await error_response(too_large)(scope, receive, send)
                    return
        chunks: list[bytes] = []
        size = 0
        more = True
        while more:
            message = await receive()
            if message["type"] != "http.request":
                break
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.limit:
                await error_response(too_large)(scope, receive, send)
                return
            chunks.append(chunk)
            more = message.get("more_body", False)
        body = b"".join(chunks)
        sent = False

        async def replay() -> Message:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)


def _safe_errors(errors: Any) -> list[dict[str, Any]]:
    """Validation errors without the offending input (it may be personal data)."""
    out = []
    for e in errors:
        out.append({"loc": [str(p) for p in e.get("loc", ())], "type": e.get("type", ""),
                    "msg": str(e.get("msg", ""))[:200]})
    return out[:20]


def create_app(settings: Settings, *, migrate: bool = True) -> FastAPI:
    """A new app bound to ``settings.db_url`` (migrating the database first by default)."""
    engine = db.make_engine(settings.db_url)
    if migrate:
        db.migrate(engine)
    app = FastAPI(title="Outreach sync server", version=str(PROTOCOL_VERSION),
                  description="Sync contract between Outreach laptops and the central "
                              "server. See docs/sync.md.")
    app.state.settings = settings
    app.state.engine = engine
    app.state.clock = ServerClock()
    app.state.limits = RateLimits(settings.db_url)
    app.state.trusted_proxies = parse_networks(settings.trusted_proxies)
    app.router.on_shutdown.append(app.state.limits.dispose)
    app.include_router(router)

    @app.exception_handler(ApiError)
    async def _api_error(_request: Request, exc: ApiError) -> JSONResponse:
        log.info("refused code=%s status=%d", exc.code.value, exc.status)
        return error_response(exc)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = exc.errors()
        if any(e.get("type") == "json_invalid" for e in errors):
            return error_response(ApiError(ErrorCode.MALFORMED_JSON,
                                           "The request body is not valid JSON."))
        return error_response(ApiError(ErrorCode.INVALID_REQUEST,
                                       "The request does not match the sync protocol.",
                                       details={"errors": _safe_errors(errors)}))

    @app.exception_handler(StarletteHTTPException)
    async def _http(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = ErrorCode.NOT_FOUND if exc.status_code in (404, 405) else \
            ErrorCode.INVALID_REQUEST
        body = ApiError(code, str(exc.detail)[:200]).body()
        return JSONResponse(body, status_code=exc.status_code)

    @app.exception_handler(Exception)
    async def _internal(_request: Request, exc: Exception) -> JSONResponse:
        log.error("internal error type=%s", type(exc).__name__, exc_info=exc)
        return error_response(ApiError(ErrorCode.INTERNAL, "The server failed; it has "
                                       "been logged. Nothing was half-written."))

    app.add_middleware(BodyLimit, limit=settings.max_body_bytes)
    from sync.server.versions import VersionHeaders  # outermost: on every answer
    app.add_middleware(VersionHeaders, min_client=settings.min_client_protocol)
    return app
