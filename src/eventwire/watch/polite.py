"""Fetching as a guest: robots.txt honoured (RFC 9309), one request at a time per host with a delay between
them, conditional GETs, and pages already read never fetched again."""

from __future__ import annotations

import threading
import time
import urllib.robotparser
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from eventwire import errors
from eventwire.errors import InputError
from eventwire.records import Rejection
from eventwire.sources.fetch import HTTPStatusError, Response, Validators, fetch
from eventwire.sources.options import SourceOptions
from eventwire.sources.readers.base import Item
from eventwire.sources.registry import Registry

_ROBOTS_TTL = 3600.0  # seconds a robots.txt is trusted
_AGENT = "eventwire"  # the product token robots.txt rules name
_NOTHING = ["User-agent: *", "Disallow: /"]


class Robots:
    """Each host's robots.txt, fetched when first needed and again after an hour."""

    def __init__(self, options: SourceOptions, wait: Callable[[str], None]) -> None:
        self.options = options
        self.wait = wait
        self._rules: dict[str, tuple[float, urllib.robotparser.RobotFileParser]] = {}

    def allowed(self, url: str) -> bool:
        parts = urlsplit(url)
        site = f"{parts.scheme}://{parts.netloc}"
        cached = self._rules.get(site)
        if cached is None or time.monotonic() - cached[0] > _ROBOTS_TTL:
            cached = (time.monotonic(), self._read(site))
            self._rules[site] = cached
        return cached[1].can_fetch(_AGENT, url)

    def _read(self, site: str) -> urllib.robotparser.RobotFileParser:
        rules = urllib.robotparser.RobotFileParser(f"{site}/robots.txt")
        self.wait(site)
        try:
            text = fetch(f"{site}/robots.txt", self.options).content.decode("utf-8", "replace")
        except HTTPStatusError as err:
            # 4xx: no rules, everything may be fetched; 5xx: the site is unreachable, so nothing may be
            # (RFC 9309 2.3.1.3 and 2.3.1.4); asked again after the TTL
            rules.parse(_NOTHING if err.status >= 500 else [])
            return rules
        except InputError:
            rules.parse(_NOTHING)
            return rules
        rules.parse(text.splitlines())
        return rules


@dataclass
class Politeness:
    """One request at a time per host, ``delay`` seconds apart; ``stop`` cuts a wait short."""

    delay: float
    stop: threading.Event
    _last: dict[str, float] = field(default_factory=dict)

    def wait(self, url: str) -> None:
        host = urlsplit(url).netloc
        due = self._last.get(host, 0.0) + self.delay
        pause = due - time.monotonic()
        if pause > 0:
            self.stop.wait(pause)
        self._last[host] = time.monotonic()


class PoliteRegistry(Registry):
    """The registry every reader is lent, fetching politely and skipping pages already read. ``keys`` names,
    for each document's origin, the URL it was fetched as: what is marked as read once it is stored."""

    def __init__(
        self,
        options: SourceOptions,
        seen: Callable[[str], bool],
        politeness: Politeness,
        honour_robots: bool = True,
    ) -> None:
        super().__init__(options)
        self.seen = seen
        self.politeness = politeness
        self.robots = Robots(options, politeness.wait) if honour_robots else None
        self.keys: dict[str, str] = {}
        self.disallowed = 0

    def permitted(self, url: str) -> bool:
        if self.robots is None or self.robots.allowed(url):
            return True
        self.disallowed += 1
        return False

    def fetch(self, url: str, validators: Validators | None = None) -> Response:
        """The source itself, fetched conditionally; raises InputError."""
        if not self.permitted(url):
            raise InputError(errors.FETCH_FAILED, "robots.txt disallows it")
        self.politeness.wait(url)
        return fetch(url, self.options, validators)

    def read_url(self, url: str) -> Iterator[Item]:
        if self.seen(url) or self.politeness.stop.is_set():
            return
        if not self.permitted(url):
            return
        self.politeness.wait(url)
        for item in super().read_url(url):
            self.keys.setdefault(
                item.origin, url
            )  # the innermost URL: a page, not the sitemap that listed it
            yield item

    def key_of(self, item: Item) -> str | None:
        """What marks the item's input as read; None for a fetch that failed and may answer next time."""
        if isinstance(item, Rejection) and item.code in (errors.FETCH_FAILED, errors.PRIVATE_ADDRESS):
            return None
        return self.keys.get(item.origin) or getattr(item, "url", None) or item.origin
