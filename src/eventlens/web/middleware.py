"""Two small ASGI middlewares: a cap on request bodies, and the headers that keep the page
to its own origin (no script, style or request to anywhere else; no content sniffing)."""

from __future__ import annotations

import json

from starlette.exceptions import HTTPException

# The page loads everything from this server; Leaflet sets styles from script, hence
# 'unsafe-inline' for styles only. No inline or foreign script can run.
CONTENT_SECURITY_POLICY = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
                           "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
                           "frame-ancestors 'none'; form-action 'self'")
SECURITY_HEADERS = [
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
]


class BodyTooLarge(HTTPException):
    """Raised while a body streams in; an HTTPException so that FastAPI passes it on to the
    app's error handler instead of calling it a body that does not parse."""

    def __init__(self, max_bytes: int):
        super().__init__(413, too_large_message(max_bytes))


class SecurityHeaders:
    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *SECURITY_HEADERS]
            await send(message)

        await self.app(scope, receive, send_with_headers)


class BodyLimit:
    """Refuse request bodies over MAX_BYTES with 413, whether announced by Content-Length or
    streamed: the body is counted as it arrives, never read whole first."""

    def __init__(self, app, max_bytes: int):
        self.app, self.max_bytes = app, max_bytes

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        declared = dict(scope["headers"]).get(b"content-length", b"0")
        if declared.isdigit() and int(declared) > self.max_bytes:
            return await self._refuse(send)
        received = 0

        async def counted_receive():
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > self.max_bytes:
                raise BodyTooLarge(self.max_bytes)
            return message

        await self.app(scope, counted_receive, send)

    async def _refuse(self, send):
        error = {"ok": False, "status": 413, "error": too_large_message(self.max_bytes), "details": []}
        body = json.dumps(error).encode()
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})


def too_large_message(max_bytes: int) -> str:
    return f"request body larger than {max_bytes} bytes"
