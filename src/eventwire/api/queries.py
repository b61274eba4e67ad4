"""The API's reads over a store: plain functions of a store and parameters, parameterised SQL only."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from typing import Any

from eventwire.config import Settings
from eventwire.ingest import ingest_documents
from eventwire.knowledge.countries import country_name
from eventwire.records import Rejection
from eventwire.sources.readers.jsonl import document_from_dict
from eventwire.store import Store
from eventwire.views import EVENT_JOINS, EVENTS, HAPPENINGS, Filters

_DATE = "coalesce(e.date, a.published)"


def _page(db: Store, sql: str, params: list[Any], order: str, limit: int, offset: int) -> dict[str, Any]:
    total = db.execute(f"SELECT count(*) AS n FROM ({sql}) counted", params).fetchone()["n"]
    rows = db.execute(f"{sql} ORDER BY {order} LIMIT ? OFFSET ?", [*params, limit, offset])
    return {"total": int(total), "limit": limit, "offset": offset, "items": [dict(r) for r in rows]}


def events(db: Store, where: Filters, limit: int, offset: int) -> dict[str, Any]:
    clause, params = where.where(EVENTS)
    return _page(db, EVENTS + clause, params, "date DESC, event_id", limit, offset)


def _also(clause: str, condition: str) -> str:
    """A filter's WHERE clause (perhaps empty) with one more condition."""
    return f"{clause} AND {condition}" if clause else f" WHERE {condition}"


def map_points(db: Store, where: Filters) -> list[list[Any]]:
    clause, params = where.where(EVENTS)
    rows = db.execute(
        f"SELECT e.id, p.lat, p.lon, e.type, p.name, {_DATE} AS date, p.precision "
        f"{EVENT_JOINS}{_also(clause, 'p.lat IS NOT NULL')} LIMIT 50000",
        params,
    )
    return [[r["id"], r["lat"], r["lon"], r["type"], r["name"], r["date"], r["precision"]] for r in rows]


def _grouped(db: Store, where: Filters, key: str, extra: str = "") -> list[list[Any]]:
    clause, params = where.where(EVENTS)
    if extra:
        clause = _also(clause, extra)
    rows = db.execute(
        f"SELECT {key} AS k, count(*) AS n {EVENT_JOINS}{clause} GROUP BY {key} ORDER BY n DESC",
        params,
    )
    return [[r["k"], r["n"]] for r in rows]


def timeline(db: Store, where: Filters) -> list[list[Any]]:
    days = _grouped(db, where, f"substr({_DATE}, 1, 10)", f"length({_DATE}) >= 10")
    return sorted(days)


def facets(db: Store, where: Filters) -> dict[str, Any]:
    return {
        "types": _grouped(db, where, "e.type"),
        "countries": [[c, n, country_name(c)] for c, n in _grouped(db, where, "p.iso3") if c][:40],
    }


def happenings(db: Store, where: Filters, limit: int, offset: int) -> dict[str, Any]:
    clause, params = where.where(HAPPENINGS)
    return _page(db, HAPPENINGS + clause, params, "articles DESC, first_date DESC, id", limit, offset)


def happening(db: Store, happening_id: str) -> dict[str, Any] | None:
    """A happening by its id, or by the id of one merged into it."""
    alias = db.execute(
        "SELECT happening_id FROM happening_aliases WHERE alias = ?", (happening_id,)
    ).fetchone()
    if alias is not None:
        happening_id = alias["happening_id"]
    row = db.execute("SELECT * FROM happenings WHERE id = ?", (happening_id,)).fetchone()
    if row is None:
        return None
    members = db.execute(
        EVENTS + " WHERE he.happening_id = ? ORDER BY a.published, e.id",
        (happening_id,),
    )
    return {**dict(row), "members": [dict(r) for r in members]}


def article_happenings(db: Store, article_id: str) -> dict[str, dict[str, Any]]:
    """For each event of the article, its happening's size and outlets."""
    rows = db.execute(
        "SELECT he.event_id, h.id, h.articles, h.sources, h.independent, h.first_source, h.first_article "
        "FROM happening_events he JOIN happening_rows h ON h.id = he.happening_id "
        "JOIN events e ON e.id = he.event_id WHERE e.article_id = ?",
        (article_id,),
    )
    keys = ("id", "articles", "sources", "independent", "first_source", "first_article")
    return {r["event_id"]: {k: r[k] for k in keys} for r in rows}


def status(db: Store) -> dict[str, Any]:
    """What `eventwire watch` is doing: each watched source's last check, and the latest runs."""
    sources = [dict(r) for r in db.execute("SELECT * FROM watch_sources ORDER BY source")]
    runs = db.execute(
        "SELECT id, command, started_at, finished_at, articles, skipped, rejected FROM runs "
        "ORDER BY id DESC LIMIT 5"
    )
    return {"sources": sources, "runs": [dict(r) for r in runs], "counts": db.stats()["counts"]}


def articles(db: Store, limit: int, offset: int) -> dict[str, Any]:
    sql = "SELECT id, title, published, source, url, language FROM articles"
    return _page(db, sql, [], "published DESC, id", limit, offset)


def actors(db: Store, q: str | None, limit: int, offset: int) -> dict[str, Any]:
    where, params = ("WHERE lower(name) LIKE ?", [f"%{q.lower()}%"]) if q else ("", [])
    sql = (
        "SELECT name, country, sector, count(DISTINCT article_id) AS articles FROM actors "
        f"{where} GROUP BY name, country, sector"
    )
    return _page(db, sql, params, "articles DESC, name", limit, offset)


def places(db: Store, limit: int, offset: int) -> dict[str, Any]:
    sql = (
        "SELECT geonameid, name, iso3, admin1, feature, min(lat) AS lat, min(lon) AS lon, "
        "count(DISTINCT article_id) AS articles FROM places WHERE geonameid IS NOT NULL "
        "GROUP BY geonameid, name, iso3, admin1, feature"
    )
    return _page(db, sql, [], "articles DESC, name", limit, offset)


def quotes(db: Store, speaker: str | None, limit: int, offset: int) -> dict[str, Any]:
    where, params = ("WHERE lower(s.name) LIKE ?", [f"%{speaker.lower()}%"]) if speaker else ("", [])
    sql = (
        "SELECT q.id, q.article_id, q.text, q.kind, q.speaker_text, s.name AS speaker, s.country, q.cue "
        f"FROM quotes q LEFT JOIN actors s ON s.id = q.speaker {where}"
    )
    return _page(db, sql, params, "q.article_id, q.start", limit, offset)


def ingest(settings: Settings, items: list[dict[str, Any]]) -> dict[str, Any]:
    """Process posted articles into the store by the writer of ``eventwire ingest``, as one run, with the
    server's settings; their events join happenings."""
    documents = [document_from_dict(item, f"request[{n}]") for n, item in enumerate(items)]
    found: dict[str, list[Any]] = {"stored": [], "skipped": [], "rejected": []}
    for outcome, item in ingest_documents(documents, settings, "api ingest"):
        if isinstance(item, Rejection):
            found[outcome].append({"origin": item.origin, "code": item.code, "message": item.message})
        else:
            found[outcome].append(item.id)
    return found


def counts(db: Store, where: Filters, by: str, per: str) -> list[list[Any]]:
    """Events dated to a day, counted per day or per week (its Monday) and per type or place country."""
    key = {"type": "e.type", "country": "p.iso3"}[by]
    clause, params = where.where(EVENTS)
    rows = db.execute(
        f"SELECT substr({_DATE}, 1, 10) AS day, {key} AS k, count(*) AS n {EVENT_JOINS}"
        f"{_also(clause, f'length({_DATE}) >= 10')} GROUP BY 1, 2",
        params,
    )
    folded: Counter[tuple[str, str]] = Counter()
    for row in rows:
        try:
            day = date.fromisoformat(row["day"])
        except ValueError:
            continue  # not a calendar date
        if row["k"] is None:
            continue  # no place, no country
        period = day if per == "day" else day - timedelta(days=day.weekday())
        folded[(period.isoformat(), row["k"])] += row["n"]
    return [[period, k, n] for (period, k), n in sorted(folded.items())]


def happening_points(db: Store, where: Filters) -> list[list[Any]]:
    """Every matching happening with a place: [id, lat, lon, type, place, first date, articles,
    independent outlets, the place's precision]."""
    clause, params = where.where(HAPPENINGS)
    rows = db.execute(f"{HAPPENINGS}{_also(clause, 'h.lat IS NOT NULL')} LIMIT 50000", params)
    columns = (
        "id",
        "lat",
        "lon",
        "type",
        "place_name",
        "first_date",
        "articles",
        "independent",
        "place_precision",
    )
    return [[r[c] for c in columns] for r in rows]
