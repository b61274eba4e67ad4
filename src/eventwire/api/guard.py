"""What the API refuses before any endpoint runs: NUL bytes in a query, request bodies over the cap (413,
before they are read) and ingest requests without the server's token (checked before the body is read).
A plain ASGI middleware, so that a 300 MB body never reaches the JSON parser."""

from __future__ import annotations

import hmac
import json
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

MAX_BODY = 20_000_000  # bytes of one POST: 100 articles of 200 kB
INGEST = "/api/ingest"


def error_body(status: int, message: str) -> bytes:
    """The one JSON shape of every API error."""
    return json.dumps({"error": {"status": status, "message": message}}).encode()


def token_matches(authorization: str | bytes | None, token: str) -> bool:
    """Compared as bytes: a header with non-ASCII characters is a wrong token, not a server error."""
    if authorization is None:
        return False
    given = authorization if isinstance(authorization, bytes) else authorization.encode("utf-8", "replace")
    return hmac.compare_digest(given, f"Bearer {token}".encode())


class Guard:
    def __init__(self, app: ASGIApp, token: str | None, max_body: int = MAX_BODY) -> None:
        self.app = app
        self.token = token
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        query = scope.get("query_string", b"").lower()
        if b"%00" in query or b"\x00" in query:
            await _refuse(send, 422, "the query holds a NUL byte")
            return
        if scope["method"] == "POST":
            headers = dict(scope.get("headers") or [])
            length = headers.get(b"content-length")
            if length is not None and (not length.isdigit() or int(length) > self.max_body):
                await _refuse(send, 413, f"request body over {self.max_body:,} bytes")
                return
            if scope["path"] == INGEST:
                if self.token is None:
                    await _refuse(send, 403, "read-only: the server was started without --token")
                    return
                if not token_matches(headers.get(b"authorization"), self.token):
                    await _refuse(send, 401, "ingest needs the server's token")
                    return
            if length is None:  # chunked: read it here, up to the cap, and hand it on
                body = await _bounded_body(receive, self.max_body)
                if body is None:
                    await _refuse(send, 413, f"request body over {self.max_body:,} bytes")
                    return
                receive = _replay(body)
        await self.app(scope, receive, send)


async def _bounded_body(receive: Receive, cap: int) -> bytes | None:
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > cap:
            return None
        chunks.append(chunk)
        if not message.get("more_body"):
            return b"".join(chunks)


def _replay(body: bytes) -> Receive:
    sent = False

    async def receive() -> Message:
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return receive


async def _refuse(send: Send, status: int, message: str) -> None:
    body = error_body(status, message)
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
