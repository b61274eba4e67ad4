"""The store interface and everything its two SQL backends share: schema, migrations, writes, dedup links,
story clusters and streaming reads. A backend gives the connection, transactions and its dialect."""

from __future__ import annotations

import dataclasses
import hashlib
import json
from abc import ABC, abstractmethod
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from importlib import resources
from typing import Any

from eventwire.errors import BAD_STORE_URL, EventwireError
from eventwire.geo.gazetteer import Candidate
from eventwire.geo.homes import Home, home, place_candidate
from eventwire.geo.precision import precision
from eventwire.records import ANNOTATION_TYPES, COLLECTIONS, Article, Mention, Rejection, outlet_of
from eventwire.store import dedup, families, grouping, happenings

# The store's schema (schema.sql): 1 and 2 followed the records' versions; 3 added copy links, LSH bands,
# story clusters and full-text search; 4 the partitions done; 5 events' casualties; 6 happenings kept
# current per article (their index, aliases, independent outlets), articles' outlet and copy family, places'
# precision; 7 places' region id and bounding box.
# A store keeps its number in meta.schema_version.
STORE_SCHEMA = 7
ARTICLE_COLUMNS = (
    "annotated",
    "id",
    "text",
    "url",
    "title",
    "published",
    "language",
    "source",
    "author",
    "origin",
    "schema_version",
)
# Record fields that hold lists, stored as JSON text.
_JSON_FIELDS = frozenset(
    f.name for t in ANNOTATION_TYPES for f in dataclasses.fields(t) if f.default_factory is list
)
_BOOL_FIELDS = frozenset(f.name for t in ANNOTATION_TYPES for f in dataclasses.fields(t) if f.type == "bool")
_COLUMN_TYPES = {
    "bool": "INTEGER NOT NULL DEFAULT 0",
    "int | None": "INTEGER",
    "float | None": "DOUBLE PRECISION",
}
# Columns added to articles since schema 1, with their types (annotation columns come from the records).
_ARTICLE_ADDED = {"content_hash": "TEXT", "outlet": "TEXT", "family": "TEXT"}
_PLACES_BY_OUTLET = """
SELECT a.outlet, p.geonameid, p.name, p.lat, p.lon, p.country, p.admin1, p.feature, p.region, p.west,
       p.south, p.east, p.north, count(*) AS n
FROM places p JOIN articles a ON a.id = p.article_id
WHERE a.outlet IS NOT NULL AND p.lat IS NOT NULL AND p.precision IN ('point', 'city', 'adm2') {only}
GROUP BY a.outlet, p.geonameid, p.name, p.lat, p.lon, p.country, p.admin1, p.feature, p.region, p.west,
         p.south, p.east, p.north
"""
# The record fields the store's columns were made for.
_RECORD_FIELDS = hashlib.sha256(
    " ".join(f"{t.collection}.{f.name}" for t in ANNOTATION_TYPES for f in dataclasses.fields(t)).encode()
).hexdigest()[:16]
# What schema 6 replaces: story clusters regrouped whole after each run.
_BEFORE_6 = (
    "DROP VIEW IF EXISTS happenings",
    "DROP TABLE IF EXISTS cluster_events",
    "DROP TABLE IF EXISTS clusters",
)
# What schema 7 replaces: the happenings view, which now carries its place's region and box.
_BEFORE_7 = ("DROP VIEW IF EXISTS happenings",)
_MAX_CANDIDATES = 50  # texts compared per new article, those sharing most LSH bands first


class Store(ABC):
    """A store of articles and their records; every write is one transaction."""

    url: str
    autoid: str  # the dialect's auto-numbered integer primary key
    create_view: str  # the dialect's "create the view unless it exists"

    # What a backend provides.

    @abstractmethod
    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        """Run one statement with ``?`` placeholders; the cursor's rows are mappings by column name."""

    @abstractmethod
    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None: ...

    @abstractmethod
    def transaction(self) -> AbstractContextManager[None]: ...

    @abstractmethod
    def columns(self, table: str) -> set[str]: ...

    @abstractmethod
    def stream(self, sql: str, params: Sequence[Any] = (), batch: int = 1000) -> Iterator[dict[str, Any]]:
        """Rows of a query as dicts, fetched ``batch`` at a time so memory stays bounded."""

    @abstractmethod
    def search(self, query: str, limit: int = 20) -> list[dict[str, Any]]:
        """Full-text search over titles and bodies: article id, title and a snippet, best first."""

    @abstractmethod
    def _full_text_schema(self) -> list[str]: ...

    @abstractmethod
    def close(self) -> None: ...

    def lock(self, key: str) -> None:  # noqa: B027 - a hook: SQLite's writes are serial already
        """Serialise writers of the same key within a transaction."""

    # Schema.

    def migrate(self) -> None:
        """Bring the store to this eventwire's schema. A current store is left alone, so that opening one
        takes no lock that a running writer holds (PostgreSQL's ALTER TABLE waits on every reader)."""
        self.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        if self._current():
            return
        schema = resources.files("eventwire.store").joinpath("schema.sql").read_text(encoding="utf-8")
        schema = schema.replace("{autoid}", self.autoid).replace(
            "CREATE VIEW IF NOT EXISTS", self.create_view
        )
        with self.transaction():
            self.lock("eventwire schema")  # one process migrates; the others find the store current
            if self._current():
                return
            stored = self._schema_version()
            if stored is not None and stored > STORE_SCHEMA:
                raise EventwireError(
                    BAD_STORE_URL,
                    f"store schema {stored} is newer than this eventwire's {STORE_SCHEMA}; upgrade",
                    self.url,
                )
            # An old store's tables get the new columns before the statements that index them; a new store's
            # tables are made with them all.
            self._add_columns()
            for statement in [
                *(_BEFORE_6 if stored is not None and stored < 6 else ()),
                *(_BEFORE_7 if stored is not None and stored < 7 else ()),
                *schema.split(";"),
                *self._full_text_schema(),
            ]:
                if statement.strip():
                    self.execute(statement)
            self.executemany(
                "INSERT INTO meta (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [("schema_version", str(STORE_SCHEMA)), ("record_fields", _RECORD_FIELDS)],
            )
            if stored is not None and stored < 3:  # copy links are new in 3
                self._fingerprint_stored()
        if stored is not None and stored < 6:  # outlets, copy families and happenings as schema 6 keeps them
            with self.transaction():
                rows = self.execute("SELECT id, source, url FROM articles").fetchall()
                self.executemany(
                    "UPDATE articles SET outlet = ?, family = id WHERE id = ?",
                    [(outlet_of(r["source"], r["url"]), r["id"]) for r in rows],
                )
                features = [r["feature"] for r in self.execute("SELECT DISTINCT feature FROM places")]
                self.executemany(
                    "UPDATE places SET precision = ? WHERE feature = ?",
                    [(precision(f), f) for f in features if f],
                )
            grouping.rebuild(self)

    def _current(self) -> bool:
        """This eventwire's schema number, and columns for every field its records have (a field added
        without a new number still becomes a column)."""
        rows = self.execute("SELECT key, value FROM meta WHERE key IN ('schema_version', 'record_fields')")
        meta = {r["key"]: r["value"] for r in rows}
        return meta.get("schema_version") == str(STORE_SCHEMA) and meta.get("record_fields") == _RECORD_FIELDS

    def _schema_version(self) -> int | None:
        row = self.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        return int(row["value"]) if row else None

    def _add_columns(self) -> None:
        """Fields added since a store was made become columns of its tables (schema 2: events' context,
        role spans and flags; schema 3: articles' content hash; schema 5: events' casualties)."""
        wanted: dict[str, dict[str, str]] = {"articles": _ARTICLE_ADDED}
        for mention_type in ANNOTATION_TYPES:
            wanted[mention_type.collection] = {
                f.name: _COLUMN_TYPES.get(str(f.type), "TEXT") for f in dataclasses.fields(mention_type)
            }
        for table, columns in wanted.items():
            have = self.columns(table)
            if not have:
                continue
            for name, column in columns.items():
                if name not in have:
                    self.execute(f'ALTER TABLE {table} ADD COLUMN "{name}" {column}')

    def _fingerprint_stored(self) -> None:
        rows = self.execute("SELECT id, text, published FROM articles WHERE content_hash IS NULL").fetchall()
        for row in rows:
            self._link_copies(row["id"], row["text"], row["published"])

    # Writes.

    def has_article(self, article_id: str) -> bool:
        return self.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone() is not None

    def add_article(self, article: Article, run_id: int | None = None) -> bool:
        """Store an article with all its records and its copy links in one transaction; False when it was
        already there."""
        row = {name: getattr(article, name) for name in ARTICLE_COLUMNS}
        row.update(run_id=run_id, ingested_at=_now(), outlet=article.outlet, family=article.id)
        with self.transaction():
            self.lock(article.id)
            if self.has_article(article.id):
                return False
            self._insert("articles", [row])
            for name, records in article.annotations().items():
                if records:
                    self._insert(name, [_row(r) for r in records])
            relinked = self._link_copies(article.id, article.text, article.published)
            grouping.add(self, article.id, relinked)
        return True

    def _insert(self, table: str, rows: list[dict[str, Any]]) -> None:
        columns = ", ".join(f'"{name}"' for name in rows[0])
        marks = ", ".join("?" for _ in rows[0])
        values = [tuple(int(v) if isinstance(v, bool) else v for v in r.values()) for r in rows]
        self.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", values)

    def _link_copies(self, article_id: str, text: str, published: str | None) -> set[str]:
        """Fingerprint a new article and link it to the stored texts it copies or that copy it; returns the
        stored articles whose copy family changed."""
        print_ = dedup.fingerprint(text)
        self.execute("UPDATE articles SET content_hash = ? WHERE id = ?", (print_.content_hash, article_id))
        candidates = [
            r["id"]
            for r in self.execute(
                f"SELECT id FROM articles WHERE content_hash = ? AND id <> ? LIMIT {_MAX_CANDIDATES}",
                (print_.content_hash, article_id),
            )
        ]
        if print_.band_keys:
            marks = ", ".join("?" for _ in print_.band_keys)
            candidates += [
                r["article_id"]
                for r in self.execute(
                    f"SELECT article_id FROM article_bands WHERE key IN ({marks}) AND article_id <> ? "
                    f"GROUP BY article_id ORDER BY count(*) DESC LIMIT {_MAX_CANDIDATES}",
                    (*print_.band_keys, article_id),
                )
            ]
            self.executemany(
                "INSERT INTO article_bands (key, article_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                [(key, article_id) for key in print_.band_keys],
            )
        links = []
        for other in dict.fromkeys(candidates):
            found = self.execute("SELECT text, published, content_hash FROM articles WHERE id = ?", (other,))
            candidate = found.fetchone()
            if candidate["content_hash"] == print_.content_hash:
                kind, figures = "exact", dedup.Similarity(1.0, 1.0, 1.0)
            else:
                figures = dedup.compare(print_.shingles, dedup.shingles(candidate["text"]))
                if figures.kind is None:
                    continue
                kind = figures.kind
            # The earlier published is the original; undated ones come after dated ones, the stored first.
            new_first = published is not None and (candidate["published"] or "9999") > published
            copy, original = (other, article_id) if new_first else (article_id, other)
            links.append((copy, original, kind, round(figures.jaccard, 4), round(figures.containment, 4)))
        if links:
            self.executemany(
                "INSERT INTO article_links (article_id, original_id, kind, similarity, containment) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                links,
            )
        return families.join_families(self, article_id, [c if c != article_id else o for c, o, *_ in links])

    def add_rejection(self, rejection: Rejection, run_id: int | None = None) -> None:
        with self.transaction():
            self._insert("rejections", [{**rejection.as_dict(), "run_id": run_id}])

    def done_partitions(self, keys: Iterable[str]) -> set[str]:
        """Those of the partition keys whose articles and rejections are all stored."""
        done: set[str] = set()
        keys = list(keys)
        for start in range(0, len(keys), 500):
            batch = keys[start : start + 500]
            marks = ", ".join("?" for _ in batch)
            rows = self.execute(f"SELECT key FROM partitions WHERE key IN ({marks})", batch)
            done.update(r["key"] for r in rows)
        return done

    def finish_partition(
        self, key: str, description: str, articles: int, rejected: int, run_id: int | None = None
    ) -> None:
        with self.transaction():
            self.execute(
                "INSERT INTO partitions (key, description, run_id, articles, rejected, done_at) "
                "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                (key, description, run_id, articles, rejected, _now()),
            )

    def start_run(self, command: str, settings: dict[str, Any], versions: dict[str, str]) -> int:
        with self.transaction():
            row = self.execute(
                "INSERT INTO runs (command, started_at, settings, versions) VALUES (?, ?, ?, ?) RETURNING id",
                (command, _now(), json.dumps(settings), json.dumps(versions)),
            ).fetchone()
        return int(row["id"])

    def finish_run(self, run_id: int, articles: int, skipped: int, rejected: int) -> None:
        with self.transaction():
            self.execute(
                "UPDATE runs SET finished_at = ?, articles = ?, skipped = ?, rejected = ? WHERE id = ?",
                (_now(), articles, skipped, rejected, run_id),
            )

    def regroup_happenings(self, settings: happenings.HappeningSettings | None = None) -> int:
        """Regroup every stored event into happenings (each article's are grouped as it is stored); ids of
        happenings that still exist are kept. Returns how many happenings there are."""
        return grouping.rebuild(self, settings)

    # Reads.

    def outlet_homes(self) -> dict[str, Home]:
        """Where each outlet's stored stories are (``geo.homes``), to resolve the places of its next ones."""
        return self._homes(_PLACES_BY_OUTLET.format(only=""), ())

    def home_reader(self, run_id: int) -> Callable[[str], Home]:
        """An outlet's home from the articles stored before run ``run_id``, read when first asked for: what
        ``outlet_homes`` would have said when the run began, without reading every outlet's places."""
        only = "AND a.outlet = ? AND (a.run_id IS NULL OR a.run_id < ?)"
        read: dict[str, Home] = {}

        def home_of(outlet: str) -> Home:
            if outlet not in read:
                found = self._homes(_PLACES_BY_OUTLET.format(only=only), (outlet, run_id))
                read[outlet] = found.get(outlet, ())
            return read[outlet]

        return home_of

    def _homes(self, sql: str, params: Sequence[Any]) -> dict[str, Home]:
        counts: dict[str, Counter[Candidate]] = defaultdict(Counter)
        for row in self.execute(sql, params):
            counts[row["outlet"]][place_candidate(row)] += row["n"]
        return {outlet: home(places) for outlet, places in counts.items()}

    def get_article(self, article_id: str) -> Article | None:
        row = self.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            return None
        data: dict[str, Any] = {name: row[name] for name in ARTICLE_COLUMNS}
        data["annotated"] = None if row["annotated"] is None else bool(row["annotated"])
        for mention_type in ANNOTATION_TYPES:
            rows = self.execute(
                f"SELECT * FROM {mention_type.collection} WHERE article_id = ? ORDER BY start, id",
                (article_id,),
            )
            data[mention_type.collection] = [_record(dict(r)) for r in rows]
        return Article.from_dict(data)

    def links(self, article_id: str) -> list[dict[str, Any]]:
        """The article's copy links either way: the originals it derives from and the copies made of it."""
        rows = self.execute(
            "SELECT * FROM article_links WHERE article_id = ? OR original_id = ? ORDER BY similarity DESC",
            (article_id, article_id),
        )
        return [dict(r) for r in rows]

    def stats(self) -> dict[str, Any]:
        names = ("articles", *COLLECTIONS, "article_links", "happening_rows", "rejections", "runs")
        counts = {name.replace("happening_rows", "happenings"): self._count(name) for name in names}
        span = self.execute("SELECT min(published) AS first, max(published) AS last FROM articles").fetchone()
        languages = {
            r["language"] or "?": r["n"]
            for r in self.execute("SELECT language, count(*) AS n FROM articles GROUP BY 1 ORDER BY 2 DESC")
        }
        types = {
            r["type"]: r["n"]
            for r in self.execute("SELECT type, count(*) AS n FROM events GROUP BY 1 ORDER BY 2 DESC, 1")
        }
        undated = self.execute("SELECT count(*) AS n FROM articles WHERE published IS NULL").fetchone()["n"]
        return {
            "store": self.url,
            "counts": counts,
            "event_types": types,
            "published": [span["first"], span["last"]],
            "undated_articles": int(undated),
            "languages": languages,
        }

    def _count(self, table: str) -> int:
        return int(self.execute(f"SELECT count(*) AS n FROM {table}").fetchone()["n"])


def _row(record: Mention) -> dict[str, Any]:
    return {k: json.dumps(v) if isinstance(v, list | dict) else v for k, v in record.as_dict().items()}


def _record(row: dict[str, Any]) -> dict[str, Any]:
    return {
        k: json.loads(v) if k in _JSON_FIELDS else bool(v) if k in _BOOL_FIELDS else v for k, v in row.items()
    }


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
