"""Alerts: a JSON line, or a POST to a local URL, when a happening matching a rule appears or grows.

A rule is ``;``-separated ``name=value`` fields: ``type`` (PLOVER types), ``country`` (names or ISO codes),
``bbox`` (west,south,east,north), ``actor`` (words in an actor's name) and ``min_independent`` (independent
outlets at least), e.g. ``type=ASSAULT;country=Sudan;min_independent=2``.
"""

from __future__ import annotations

import json
import sys
import urllib.request
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from eventwire.errors import BAD_FILTER, EventwireError
from eventwire.views import HAPPENINGS, Filters

if TYPE_CHECKING:
    from eventwire.store import Store

_FIELDS = ("type", "country", "bbox", "actor", "min_independent")


@dataclass(frozen=True, slots=True)
class AlertRule:
    text: str
    filters: Filters
    min_independent: int = 1

    @classmethod
    def parse(cls, text: str) -> AlertRule:
        fields: dict[str, str] = {}
        for part in filter(None, (p.strip() for p in text.split(";"))):
            name, sep, value = part.partition("=")
            name = name.strip().lower().replace("-", "_")
            if not sep or name not in _FIELDS:
                raise EventwireError(
                    BAD_FILTER, f"alert fields are name=value among {', '.join(_FIELDS)}; not {part!r}", text
                )
            fields[name] = value.strip()
        try:
            least = int(fields.get("min_independent", "1"))
        except ValueError as err:
            raise EventwireError(BAD_FILTER, "min_independent is a whole number", text) from err
        filters = Filters.parse(
            countries=fields.get("country"),
            types=fields.get("type"),
            actor=fields.get("actor"),
            bbox=fields.get("bbox"),
        )
        return cls(text, filters, least)

    def matches(self, store: Store, happening_ids: list[str]) -> list[dict[str, Any]]:
        """Those of the happenings that the rule picks, as rows of the happenings view."""
        if not happening_ids:
            return []
        where, params = self.filters.where(HAPPENINGS)
        marks = ", ".join("?" for _ in happening_ids)
        joiner = " AND " if where else " WHERE "
        sql = f"{HAPPENINGS}{where}{joiner}h.independent >= ? AND h.id IN ({marks}) ORDER BY h.id"
        return [dict(r) for r in store.execute(sql, [*params, self.min_independent, *happening_ids])]


class Alerts:
    """The rules and where their alerts go: ``-`` standard output, a file (appended), or an http URL."""

    def __init__(self, rules: Iterable[AlertRule], to: str = "-") -> None:
        self.rules = list(rules)
        self.to = to

    def check(self, store: Store, article_ids: list[str]) -> int:
        """Alert on the happenings that the newly stored articles made or grew; returns how many alerts."""
        if not self.rules or not article_ids:
            return 0
        marks = ", ".join("?" for _ in article_ids)
        rows = store.execute(
            "SELECT happening_id, count(DISTINCT article_id) AS new FROM happening_events "
            f"WHERE article_id IN ({marks}) GROUP BY happening_id",
            article_ids,
        ).fetchall()
        new = {r["happening_id"]: r["new"] for r in rows}
        sent = 0
        for rule in self.rules:
            for row in rule.matches(store, sorted(new)):
                change = "new" if row["articles"] == new[row["id"]] else "grew"
                self._send({"alert": rule.text, "change": change, "happening": row})
                sent += 1
        return sent

    def _send(self, alert: dict[str, Any]) -> None:
        line = json.dumps(alert, default=str)
        if self.to == "-":
            print(line, flush=True)
        elif self.to.startswith(("http://", "https://")):
            request = urllib.request.Request(
                self.to, line.encode(), {"Content-Type": "application/json"}, method="POST"
            )
            try:
                urllib.request.urlopen(request, timeout=10).close()
            except OSError as err:
                print(f"eventwire watch: alert not delivered to {self.to} ({err})", file=sys.stderr)
        else:
            with Path(self.to).open("a", encoding="utf-8") as out:
                out.write(line + "\n")
