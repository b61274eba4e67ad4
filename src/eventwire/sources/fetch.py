"""Fetching URLs: a read timeout, a total deadline, a size cap, a redirect limit and a proper User-Agent.

Private, loopback, link-local and other non-public addresses are refused unless allowed, at every redirect;
the connection goes to the address that was checked, so a second DNS answer cannot swap it. The deadline
covers the whole fetch, redirects included: a server that sends a byte a second never trips the read
timeout, so at the deadline the connection's socket is shut and the fetch fails.
"""

from __future__ import annotations

import contextlib
import ipaddress
import socket
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

import urllib3

if TYPE_CHECKING:
    from urllib3._base_connection import BaseHTTPConnection, BaseHTTPSConnection

from eventwire import errors
from eventwire.errors import InputError
from eventwire.sources.options import SourceOptions

_REDIRECTS = (301, 302, 303, 307, 308)
_ACCEPT = (
    "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,*/*;q=0.5"
)


@dataclass(slots=True)
class Response:
    url: str  # after redirects
    content: bytes
    content_type: str
    charset: str | None
    status: int = 200  # 304: not modified since the validators given, and no content
    etag: str | None = None
    last_modified: str | None = None


@dataclass(frozen=True, slots=True)
class Validators:
    """What a conditional GET sends: the ETag and Last-Modified of the copy already read."""

    etag: str | None = None
    last_modified: str | None = None

    def headers(self) -> dict[str, str]:
        found = {"If-None-Match": self.etag} if self.etag else {}
        return found | ({"If-Modified-Since": self.last_modified} if self.last_modified else {})


class HTTPStatusError(InputError):
    """The server answered with an error status."""

    def __init__(self, status: int, reason: str | None) -> None:
        super().__init__(errors.FETCH_FAILED, f"HTTP {status} {reason or ''}".strip())
        self.status = status


def is_url(name: str) -> bool:
    return name.lower().startswith(("http://", "https://"))


def fetch(url: str, options: SourceOptions, validators: Validators | None = None) -> Response:
    """The URL's content; with ``validators``, a conditional GET that may answer 304 with none."""
    with _Deadline(options.deadline) as deadline:
        try:
            return _follow(url, options, deadline, validators.headers() if validators else {})
        except InputError as err:
            if deadline.expired:
                raise deadline.error() from err
            raise


def _follow(url: str, options: SourceOptions, deadline: _Deadline, conditions: dict[str, str]) -> Response:
    for _ in range(options.max_redirects + 1):
        response = _get(url, options, deadline, conditions)
        if response.status == 304 and conditions:
            response.release_conn()
            return Response(url, b"", "", None, 304, *_validators(response))
        if response.status not in _REDIRECTS:
            return _body(url, response, options, deadline)
        location = response.headers.get("Location")
        response.release_conn()
        if not location:
            raise InputError(errors.FETCH_FAILED, f"HTTP {response.status} redirect without a Location")
        url = urljoin(url, location)
    raise InputError(
        errors.FETCH_FAILED, f"more than {options.max_redirects} redirects (sources.max_redirects)"
    )


class _Deadline:
    """Shuts every socket of a fetch when its time is up, whatever call is blocked on it."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.expired = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def __enter__(self) -> _Deadline:
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._timer.cancel()

    def watch(self, sock: socket.socket | None) -> None:
        with self._lock:
            if sock is not None:
                self._sockets.append(sock)
            if self.expired:
                _shut(sock)

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            for sock in self._sockets:
                _shut(sock)

    def error(self) -> InputError:
        return InputError(
            errors.FETCH_FAILED, f"fetch took longer than its {self.seconds:g} s deadline (sources.deadline)"
        )

    def connection(
        self, base: type[BaseHTTPConnection] | type[BaseHTTPSConnection]
    ) -> type[BaseHTTPConnection] | type[BaseHTTPSConnection]:
        """``base`` with its socket watched from the moment it connects."""
        deadline = self

        class Watched(base):  # type: ignore[valid-type,misc]
            def connect(self) -> None:
                super().connect()
                deadline.watch(self.sock)

        return Watched


def _shut(sock: socket.socket | None) -> None:
    if sock is None:
        return
    with contextlib.suppress(OSError):  # already closed
        sock.shutdown(socket.SHUT_RDWR)


def _get(
    url: str, options: SourceOptions, deadline: _Deadline, conditions: dict[str, str]
) -> urllib3.BaseHTTPResponse:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InputError(errors.FETCH_FAILED, f"cannot fetch {url!r}: only http(s) URLs with a host")
    host = parts.hostname
    port = parts.port or (443 if parts.scheme == "https" else 80)
    address = _checked_address(host, port, options.allow_private)
    timeout = urllib3.Timeout(connect=options.timeout, read=options.timeout)
    pool: urllib3.HTTPConnectionPool
    if parts.scheme == "https":
        pool = urllib3.HTTPSConnectionPool(
            address, port, timeout=timeout, retries=False, server_hostname=host, assert_hostname=host
        )
    else:
        pool = urllib3.HTTPConnectionPool(address, port, timeout=timeout, retries=False)
    pool.ConnectionCls = deadline.connection(pool.ConnectionCls)
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    headers = {"Host": parts.netloc.rsplit("@", 1)[-1], "User-Agent": options.user_agent, "Accept": _ACCEPT}
    headers.update(conditions)
    try:
        return pool.urlopen("GET", path, headers=headers, redirect=False, preload_content=False)
    except urllib3.exceptions.HTTPError as err:
        raise InputError(errors.FETCH_FAILED, f"cannot fetch: {_reason(err)}") from err


def _checked_address(host: str, port: int, allow_private: bool) -> str:
    """The first address the host resolves to, refused when not public (unless allowed)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as err:
        raise InputError(errors.FETCH_FAILED, f"cannot resolve host {host!r} ({err.strerror})") from err
    addresses = [str(info[4][0]) for info in infos]
    if not allow_private:
        for address in addresses:
            if not ipaddress.ip_address(address).is_global:
                raise InputError(
                    errors.PRIVATE_ADDRESS,
                    f"refusing to fetch from {address} (private, loopback or link-local address); "
                    "pass --allow-private to allow it",
                )
    return addresses[0]


def _body(
    url: str, response: urllib3.BaseHTTPResponse, options: SourceOptions, deadline: _Deadline
) -> Response:
    try:
        if response.status >= 400:
            raise HTTPStatusError(response.status, response.reason)
        chunks, size = [], 0
        for chunk in response.stream(1 << 16, decode_content=True):
            size += len(chunk)
            if size > options.max_bytes:
                raise InputError(errors.TOO_BIG, f"response is over the {options.max_bytes:,}-byte limit")
            chunks.append(chunk)
        if deadline.expired:  # the socket was shut under the read: what came is not the whole
            raise deadline.error()
    except urllib3.exceptions.HTTPError as err:
        raise InputError(errors.FETCH_FAILED, f"cannot read response: {_reason(err)}") from err
    finally:
        response.release_conn()
    content_type = response.headers.get("Content-Type", "")
    charset = next(
        (p.split("=", 1)[1].strip("\"' ") for p in content_type.split(";") if "charset=" in p), None
    )
    return Response(url, b"".join(chunks), content_type, charset, response.status, *_validators(response))


def _validators(response: urllib3.BaseHTTPResponse) -> tuple[str | None, str | None]:
    return response.headers.get("ETag"), response.headers.get("Last-Modified")


def _reason(err: Exception) -> str:
    return str(getattr(err, "reason", None) or err)
