"""Keeping happenings current in the store, one article at a time, and regrouping them all on demand.

A new article's events are filed in ``happening_keys`` under the keys of ``happenings.EventPoint.keys`` and
compared only with the stored events that share a key, have the same type and overlapping dates: the cost of
an article depends on how many events could be its partners, not on the size of the store. Matching events
join, extend or merge happenings in the article's own transaction. A happening keeps its id as it grows;
when several merge, the oldest keeps its id and the others become its aliases.

The count of independent outlets takes each copy family once (``families.py``).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import Any

from eventwire.store.families import refamily
from eventwire.store.happenings import (
    EVENT_QUERY,
    LONGEST_DATE,
    EventPoint,
    Happening,
    HappeningSettings,
    day,
    group,
    same_happening,
)
from eventwire.store.lookup import BATCH, Database, root, rows_in

_SETTINGS_KEY = "happenings.settings"
_NEVER_RANK = (2**62, "")


def settings_of(store: Database) -> HappeningSettings:
    """The settings the store's happenings were grouped with (``happenings --rebuild`` sets them)."""
    row = store.execute("SELECT value FROM meta WHERE key = ?", (_SETTINGS_KEY,)).fetchone()
    return HappeningSettings(**json.loads(row["value"])) if row else HappeningSettings()


def add(store: Database, article_id: str, relinked: Iterable[str] = ()) -> None:
    """File a newly stored article's events into happenings; ``relinked`` are stored articles whose copy
    family changed, so their happenings are counted again. Runs inside the article's transaction."""
    settings = settings_of(store)
    store.lock("eventwire happenings")  # concurrent writers would each miss the other's new events
    points = _points(store, "e.article_id = ?", [article_id])
    _index(store, points)
    new = {p.id: p for p in points}
    partners = {p.id: _candidates(store, p, settings) for p in points if p.groupable}
    stored_ids = {c for found in partners.values() for c in found if c not in new}
    stored = {p.id: p for p in _points_in(store, "e.id", stored_ids)}
    home = _happenings_of(store, stored_ids)

    parent: dict[str, str] = {}

    def find(node: str) -> str:
        return root(parent, node)

    for event_id, found in partners.items():
        for other_id in found:
            other = new.get(other_id) or stored.get(other_id)
            if other is not None and same_happening(new[event_id], other, settings):
                far = f"e:{other_id}" if other_id in new else f"h:{home[other_id]}"
                parent[find(f"e:{event_id}")] = find(far)
    components: dict[str, list[str]] = {}
    for event_id in new:
        components.setdefault(find(f"e:{event_id}"), []).append(event_id)
    for node in list(parent):
        if node.startswith("h:"):
            components.setdefault(find(node), [])
    joined: dict[str, set[str]] = {}  # component -> its stored happenings
    for node in parent:
        if node.startswith("h:"):
            joined.setdefault(find(node), set()).add(node[2:])

    recount = _refresh_originals(store, relinked)
    for component, event_ids in components.items():
        if not event_ids:
            continue
        members = [new[e] for e in event_ids]
        existing = joined.get(component, set())
        if not existing:
            _create(store, members)
            continue
        _extend(store, _merge(store, existing), members)
    for happening_id in recount:
        _recount(store, happening_id)


def rebuild(store: Database, settings: HappeningSettings | None = None) -> int:
    """Regroup every stored event from scratch (and save ``settings`` for the articles to come); ids of
    happenings that still exist are kept. Returns how many happenings there are."""
    settings = settings or settings_of(store)
    with store.transaction():  # committed first: the reads below stream from committed rows
        store.lock("eventwire happenings")
        refamily(store)
    with store.transaction():
        store.lock("eventwire happenings")
        points = [EventPoint.from_row(r) for r in store.stream(EVENT_QUERY)]
        old = {r["event_id"]: r["happening_id"] for r in store.stream("SELECT * FROM happening_events")}
        seqs = {r["id"]: r["seq"] for r in store.stream("SELECT id, seq FROM happening_rows")}
        aliases = {r["alias"]: r["happening_id"] for r in store.stream("SELECT * FROM happening_aliases")}
        for table in ("happening_keys", "happening_events", "happening_rows", "happening_aliases"):
            store.execute(f"DELETE FROM {table}")
        _index(store, points)
        groups = [Happening("", members) for members in group(points, settings)]
        groups.sort(key=lambda g: (g.first.published or "9999", g.first.id))
        next_seq = max(seqs.values(), default=0) + 1
        taken: set[str] = set()
        rows, members = [], []
        for happening in groups:
            mine = sorted(
                {old[e.id] for e in happening.members if old.get(e.id) in seqs} - taken,
                key=lambda i: seqs[i],
            )
            if mine:
                happening.id, seq = mine[0], seqs[mine[0]]
                aliases.update((alias, happening.id) for alias in mine[1:])
            else:
                happening.id = _fresh_id(happening, lambda i: i in seqs or i in taken)
                seq, next_seq = next_seq, next_seq + 1
            taken.add(happening.id)
            rows.append({**happening.row(), "seq": seq})
            members += _member_rows(happening.id, happening.members)
        aliases = {a: _final(aliases, h) for a, h in aliases.items()}
        _insert_rows(store, rows)
        store.executemany(_INSERT_MEMBER, members)
        store.executemany(
            "INSERT INTO happening_aliases (alias, happening_id) VALUES (?, ?)",
            [(a, h) for a, h in aliases.items() if h in taken and a not in taken],
        )
        store.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (
                _SETTINGS_KEY,
                json.dumps({"window_days": settings.window_days, "distance_km": settings.distance_km}),
            ),
        )
    return len(groups)


def _candidates(store: Database, point: EventPoint, settings: HappeningSettings) -> set[str]:
    """Stored events that share a key with the point and whose dates can be within the window of its own."""
    assert point.first is not None and point.last is not None
    window = settings.window_days
    probes = point.probes(settings)
    found: set[str] = set()
    for start in range(0, len(probes), BATCH):
        batch = probes[start : start + BATCH]
        marks = ", ".join("?" for _ in batch)
        rows = store.execute(
            "SELECT DISTINCT event_id FROM happening_keys WHERE type = ? AND key IN "
            f"({marks}) AND first_day BETWEEN ? AND ? AND last_day >= ?",
            (
                point.type,
                *batch,
                day(point.first) - window - LONGEST_DATE,
                day(point.last) + window,
                day(point.first) - window,
            ),
        )
        found.update(r["event_id"] for r in rows)
    found.discard(point.id)
    return found


def _index(store: Database, points: Iterable[EventPoint]) -> None:
    rows = [
        (p.type, key, day(p.first), day(p.last), p.id)
        for p in points
        if p.groupable and p.first and p.last
        for key in dict.fromkeys(p.keys())
    ]
    store.executemany(
        "INSERT INTO happening_keys (type, key, first_day, last_day, event_id) VALUES (?, ?, ?, ?, ?)", rows
    )


def _merge(store: Database, ids: set[str]) -> str:
    """Merge stored happenings into the oldest; returns its id."""
    seqs = {r["id"]: r["seq"] for r in rows_in(store, "SELECT id, seq FROM happening_rows", "id", ids)}
    keep, *others = sorted(ids, key=lambda i: seqs[i])
    for other in others:
        _absorb(store, keep, other)
    return keep


def _absorb(store: Database, keep: str, other: str) -> None:
    """Move a happening's members into another and count them in by lookups: the cost is the size of the
    one absorbed, whatever the size of the one that grows."""
    row = _row_of(store, keep)
    gone = _row_of(store, other)
    for count, column in (
        ("articles", "article_id"),
        ("sources", "outlet"),
        ("independent", "original_outlet"),
    ):
        values = store.execute(
            f"SELECT DISTINCT {column} AS v FROM happening_events WHERE happening_id = ?", (other,)
        ).fetchall()
        shared = f"SELECT 1 FROM happening_events WHERE happening_id = ? AND {column} = ? LIMIT 1"
        row[count] += sum(store.execute(shared, (keep, v["v"])).fetchone() is None for v in values)
    row["events"] += gone["events"]
    _take_first(store, row, gone)
    store.execute("UPDATE happening_events SET happening_id = ? WHERE happening_id = ?", (keep, other))
    store.execute("UPDATE happening_aliases SET happening_id = ? WHERE happening_id = ?", (keep, other))
    store.execute("INSERT INTO happening_aliases (alias, happening_id) VALUES (?, ?)", (other, keep))
    store.execute("DELETE FROM happening_rows WHERE id = ?", (other,))
    _update_row(store, row)


def _take_first(store: Database, row: dict[str, Any], other: dict[str, Any]) -> None:
    """Give ``row`` the earlier first report and the wider dates of the two."""
    ranks = {
        r["event_id"]: (r["rank"], r["event_id"])
        for r in rows_in(
            store,
            "SELECT event_id, rank FROM happening_events",
            "event_id",
            [row["first_event"], other["first_event"]],
        )
    }
    if ranks.get(other["first_event"], (_NEVER_RANK, "")) < ranks[row["first_event"]]:
        row.update({k: other[k] for k in ("first_event", "first_article", "first_source")})
    for key, pick in (("first_date", min), ("last_date", max)):
        dates = [d for d in (row[key], other[key]) if d]
        row[key] = pick(dates) if dates else None


def _row_of(store: Database, happening_id: str) -> dict[str, Any]:
    return dict(store.execute("SELECT * FROM happening_rows WHERE id = ?", (happening_id,)).fetchone())


def _create(store: Database, members: list[EventPoint]) -> str:
    """A new happening of these events; its row holds its place in the order of creation."""
    happening = Happening("", members)
    happening.id = _fresh_id(
        happening,
        lambda i: store.execute("SELECT 1 FROM happening_rows WHERE id = ?", (i,)).fetchone() is not None,
    )
    seq = store.execute("SELECT coalesce(max(seq), 0) + 1 AS n FROM happening_rows").fetchone()["n"]
    _insert_rows(store, [{**happening.row(), "seq": int(seq)}])
    _insert_members(store, happening.id, members)
    return happening.id


def _extend(store: Database, happening_id: str, members: list[EventPoint]) -> None:
    """Add one new article's events to a happening, counting them in by lookups (the article is new to it;
    its outlet and its original's outlet may not be)."""
    row = _row_of(store, happening_id)
    outlet, original = members[0].outlet, members[0].original_outlet
    seen = "SELECT 1 FROM happening_events WHERE happening_id = ? AND {} = ? LIMIT 1"
    new_outlet = store.execute(seen.format("outlet"), (happening_id, outlet)).fetchone() is None
    new_original = store.execute(seen.format("original_outlet"), (happening_id, original)).fetchone() is None
    _insert_members(store, happening_id, members)  # first, so that their ranks can be compared
    _take_first(store, row, Happening(happening_id, members).row())
    row.update(
        events=row["events"] + len(members),
        articles=row["articles"] + 1,
        sources=row["sources"] + new_outlet,
        independent=row["independent"] + new_original,
    )
    _update_row(store, row)


def _recount(store: Database, happening_id: str) -> None:
    """Count a happening's row again from its members' rows (after a merge or a change of copy family)."""
    counts = store.execute(
        "SELECT count(*) AS events, count(DISTINCT article_id) AS articles, "
        "count(DISTINCT outlet) AS sources, count(DISTINCT original_outlet) AS independent, "
        "min(first_day) AS first_day, max(last_day) AS last_day, min(rank) AS rank "
        "FROM happening_events WHERE happening_id = ?",
        (happening_id,),
    ).fetchone()
    if not counts["events"]:
        return
    tied = store.execute(
        "SELECT event_id, article_id, outlet FROM happening_events WHERE happening_id = ? AND rank = ?",
        (happening_id, counts["rank"]),
    ).fetchall()
    first = min(tied, key=lambda r: r["event_id"])
    row = _row_of(store, happening_id)
    row.update(
        {k: counts[k] for k in ("events", "articles", "sources", "independent")},
        first_event=first["event_id"],
        first_article=first["article_id"],
        first_source=first["outlet"],
        first_date=_iso(counts["first_day"]),
        last_date=_iso(counts["last_day"]),
    )
    _update_row(store, row)


def _refresh_originals(store: Database, article_ids: Iterable[str]) -> set[str]:
    """The members of articles whose copy family changed take their new original's outlet; returns their
    happenings, to be counted again."""
    article_ids = list(article_ids)
    if not article_ids:
        return set()
    sql = (
        "SELECT a.id, coalesce(r.outlet, r.id, a.outlet, a.id) AS original_outlet FROM articles a "
        "LEFT JOIN articles r ON r.id = a.family"
    )
    rows = rows_in(store, sql, "a.id", article_ids)
    store.executemany(
        "UPDATE happening_events SET original_outlet = ? WHERE article_id = ?",
        [(r["original_outlet"], r["id"]) for r in rows],
    )
    found = rows_in(store, "SELECT DISTINCT happening_id FROM happening_events", "article_id", article_ids)
    return {r["happening_id"] for r in found}


_INSERT_MEMBER = (
    "INSERT INTO happening_events (event_id, happening_id, article_id, outlet, original_outlet, rank, "
    "first_day, last_day) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
)


def _member_rows(happening_id: str, members: Iterable[EventPoint]) -> list[tuple[Any, ...]]:
    return [
        (
            e.id,
            happening_id,
            e.article_id,
            e.outlet,
            e.original_outlet,
            e.rank,
            day(e.first) if e.first else None,
            day(e.last) if e.last else None,
        )
        for e in members
    ]


def _insert_members(store: Database, happening_id: str, members: Iterable[EventPoint]) -> None:
    store.executemany(_INSERT_MEMBER, _member_rows(happening_id, members))


def _update_row(store: Database, row: dict[str, Any]) -> None:
    columns = [c for c in row if c not in ("id", "seq")]
    store.execute(
        f"UPDATE happening_rows SET {', '.join(f'{c} = ?' for c in columns)} WHERE id = ?",
        (*(row[c] for c in columns), row["id"]),
    )


def _iso(day_number: int | None) -> str | None:
    return date.fromordinal(day_number).isoformat() if day_number else None


def _fresh_id(happening: Happening, taken: Callable[[str], bool]) -> str:
    """``h-`` and the id of its first event; should that name an older happening, a number follows."""
    base = candidate = f"h-{happening.first.id}"
    number = 1
    while taken(candidate):
        number += 1
        candidate = f"{base}-{number}"
    return candidate


def _insert_rows(store: Database, rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    columns = list(rows[0])
    store.executemany(
        f"INSERT INTO happening_rows ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})",
        [tuple(r[c] for c in columns) for r in rows],
    )


def _happenings_of(store: Database, event_ids: Iterable[str]) -> dict[str, str]:
    rows = rows_in(store, "SELECT event_id, happening_id FROM happening_events", "event_id", event_ids)
    return {r["event_id"]: r["happening_id"] for r in rows}


def _points(store: Database, condition: str, params: Sequence[Any]) -> list[EventPoint]:
    return [EventPoint.from_row(dict(r)) for r in store.execute(f"{EVENT_QUERY} AND {condition}", params)]


def _points_in(store: Database, column: str, ids: Iterable[str]) -> list[EventPoint]:
    return [EventPoint.from_row(r) for r in rows_in(store, EVENT_QUERY, column, ids, joiner="AND")]


def _final(aliases: dict[str, str], happening_id: str) -> str:
    """Where a chain of aliases ends."""
    seen = set()
    while happening_id in aliases and happening_id not in seen:
        seen.add(happening_id)
        happening_id = aliases[happening_id]
    return happening_id
