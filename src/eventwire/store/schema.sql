-- eventwire store, schema version 6, for SQLite and PostgreSQL alike: {autoid} is each one's integer key.
-- Annotation tables mirror the records in eventwire/records.py (tests/test_store.py checks that every record
-- field has its column). Lists are stored as JSON text.

CREATE TABLE IF NOT EXISTS meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS runs (
    id {autoid},
    command TEXT NOT NULL,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    settings TEXT NOT NULL,
    versions TEXT NOT NULL,
    articles INTEGER,
    skipped INTEGER,
    rejected INTEGER
);

CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY,
    text TEXT NOT NULL,
    url TEXT,
    title TEXT,
    published TEXT,
    language TEXT,
    source TEXT,
    author TEXT,
    origin TEXT,
    annotated INTEGER,
    schema_version INTEGER NOT NULL,
    run_id INTEGER REFERENCES runs(id),
    ingested_at TEXT NOT NULL,
    content_hash TEXT,
    outlet TEXT,  -- the outlet: its source name, else its URL's host
    family TEXT  -- the original of its copy family (article_links): the earliest published, then least id
);
CREATE INDEX IF NOT EXISTS articles_published ON articles(published);
CREATE INDEX IF NOT EXISTS articles_content_hash ON articles(content_hash);

-- MinHash LSH: one key per band of each article's signature (eventwire/store/dedup.py).
CREATE TABLE IF NOT EXISTS article_bands (
    key BIGINT NOT NULL,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    PRIMARY KEY (key, article_id)
);
CREATE INDEX IF NOT EXISTS article_bands_article ON article_bands(article_id);

-- article_id is derived from original_id: an exact copy, a copy with other boilerplate, an excerpt
-- (truncated copy) or a rewrite. The original is the earlier published.
CREATE TABLE IF NOT EXISTS article_links (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    original_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    similarity DOUBLE PRECISION NOT NULL,
    containment DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (article_id, original_id)
);
CREATE INDEX IF NOT EXISTS article_links_original ON article_links(original_id);

CREATE TABLE IF NOT EXISTS rejections (
    id {autoid},
    run_id INTEGER REFERENCES runs(id),
    origin TEXT NOT NULL,
    stage TEXT NOT NULL,
    code TEXT NOT NULL,
    message TEXT NOT NULL
);

-- Partitions of the inputs whose every article and rejection is stored: a rerun skips them.
CREATE TABLE IF NOT EXISTS partitions (
    key TEXT PRIMARY KEY,
    description TEXT NOT NULL,
    run_id INTEGER REFERENCES runs(id),
    articles INTEGER NOT NULL,
    rejected INTEGER NOT NULL,
    done_at TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS entities (
    id TEXT PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    label TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS actors (
    id TEXT PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    name TEXT NOT NULL,
    country TEXT,
    sector TEXT,
    kind TEXT,
    aliases TEXT NOT NULL,
    mentions TEXT NOT NULL,
    confidence DOUBLE PRECISION
);

CREATE TABLE IF NOT EXISTS places (
    id TEXT PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    name TEXT NOT NULL,
    geonameid INTEGER,
    lat DOUBLE PRECISION,
    lon DOUBLE PRECISION,
    country TEXT,
    iso3 TEXT,
    admin1 TEXT,
    feature TEXT,
    precision TEXT,
    region TEXT,
    west DOUBLE PRECISION,
    south DOUBLE PRECISION,
    east DOUBLE PRECISION,
    north DOUBLE PRECISION,
    confidence DOUBLE PRECISION
);

CREATE TABLE IF NOT EXISTS times (
    id TEXT PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    value TEXT,
    granularity TEXT,
    start_date TEXT,
    end_date TEXT,
    anchor TEXT,
    modifier TEXT,
    confidence DOUBLE PRECISION
);

CREATE TABLE IF NOT EXISTS quantities (
    id TEXT PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    kind TEXT,
    value DOUBLE PRECISION,
    min DOUBLE PRECISION,
    max DOUBLE PRECISION,
    unit TEXT,
    approx INTEGER,
    counted TEXT,
    actor TEXT
);

CREATE TABLE IF NOT EXISTS quotes (
    id TEXT PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    speaker TEXT,
    speaker_text TEXT,
    speaker_start INTEGER,
    speaker_end INTEGER,
    cue TEXT,
    cue_start INTEGER,
    cue_end INTEGER,
    kind TEXT,
    confidence DOUBLE PRECISION
);

CREATE TABLE IF NOT EXISTS events (
    id TEXT PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    type TEXT NOT NULL,
    mode TEXT,
    context TEXT,
    cameo TEXT,
    source TEXT,
    source_start INTEGER,
    source_end INTEGER,
    target TEXT,
    target_start INTEGER,
    target_end INTEGER,
    place TEXT,
    date TEXT,
    negated INTEGER NOT NULL DEFAULT 0,
    hypothetical INTEGER NOT NULL DEFAULT 0,
    future INTEGER NOT NULL DEFAULT 0,
    historical INTEGER NOT NULL DEFAULT 0,
    sentence_start INTEGER,
    sentence_end INTEGER,
    killed INTEGER,
    injured INTEGER,
    confidence DOUBLE PRECISION
);
CREATE INDEX IF NOT EXISTS events_type ON events(type);

CREATE INDEX IF NOT EXISTS entities_article ON entities(article_id);
CREATE INDEX IF NOT EXISTS actors_article ON actors(article_id);
CREATE INDEX IF NOT EXISTS places_article ON places(article_id);
CREATE INDEX IF NOT EXISTS times_article ON times(article_id);
CREATE INDEX IF NOT EXISTS quantities_article ON quantities(article_id);
CREATE INDEX IF NOT EXISTS quotes_article ON quotes(article_id);
CREATE INDEX IF NOT EXISTS events_article ON events(article_id);

-- Happenings (story clusters), kept current one article at a time by eventwire/store/grouping.py under the
-- rule of eventwire/store/happenings.py, or all at once by `eventwire happenings --rebuild`.
-- happening_rows: one per happening, with its first report, dates and corroboration counts. `seq` orders them
-- by creation: when happenings merge, the oldest keeps its id and the others become its aliases.
CREATE TABLE IF NOT EXISTS happening_rows (
    id TEXT PRIMARY KEY,
    seq BIGINT NOT NULL,
    type TEXT NOT NULL,
    first_event TEXT NOT NULL,
    first_article TEXT NOT NULL,
    first_source TEXT,
    first_date TEXT,
    last_date TEXT,
    events INTEGER NOT NULL,
    articles INTEGER NOT NULL,
    sources INTEGER NOT NULL,
    independent INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS happening_rows_seq ON happening_rows(seq);
-- Each member event with what its happening's row is counted from, so that a growing happening is counted
-- by lookups, not by reading its members: its article and outlet, the outlet of its copy family's original,
-- its rank (see EventPoint.rank) and its dates as day numbers.
CREATE TABLE IF NOT EXISTS happening_events (
    event_id TEXT PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,
    happening_id TEXT NOT NULL,
    article_id TEXT NOT NULL,
    outlet TEXT NOT NULL,
    original_outlet TEXT NOT NULL,
    rank BIGINT NOT NULL,
    first_day INTEGER,
    last_day INTEGER
);
CREATE INDEX IF NOT EXISTS happening_events_rank ON happening_events(happening_id, rank);
CREATE INDEX IF NOT EXISTS happening_events_outlet ON happening_events(happening_id, outlet);
CREATE INDEX IF NOT EXISTS happening_events_original ON happening_events(happening_id, original_outlet);
CREATE INDEX IF NOT EXISTS happening_events_members ON happening_events(happening_id, article_id);
CREATE INDEX IF NOT EXISTS happening_events_article ON happening_events(article_id);
-- Where an event's possible partners are found: the same type, a shared key (sentence, actor, place cell or
-- country) and overlapping dates (day numbers).
CREATE TABLE IF NOT EXISTS happening_keys (
    type TEXT NOT NULL,
    key TEXT NOT NULL,
    first_day INTEGER NOT NULL,
    last_day INTEGER NOT NULL,
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS happening_keys_lookup ON happening_keys(type, key, first_day);
CREATE INDEX IF NOT EXISTS happening_keys_event ON happening_keys(event_id);
CREATE TABLE IF NOT EXISTS happening_aliases (
    alias TEXT PRIMARY KEY,
    happening_id TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_family ON articles(family);
CREATE INDEX IF NOT EXISTS articles_outlet ON articles(outlet);

-- The happenings: each with its first event's evidence, place and actors.
CREATE VIEW IF NOT EXISTS happenings AS
SELECT h.id, h.type, e.mode, e.cameo, h.first_date, h.last_date, h.events, h.articles, h.sources,
       h.independent, h.first_source, h.first_article, a.url AS first_url,
       src.name AS source_name, src.country AS source_country,
       tgt.name AS target_name, tgt.country AS target_country,
       p.name AS place_name, p.iso3 AS place_country, p.lat, p.lon, p.precision AS place_precision,
       substr(a.text, e.sentence_start + 1, e.sentence_end - e.sentence_start) AS sentence,
       p.region AS place_region, p.west AS place_west, p.south AS place_south, p.east AS place_east,
       p.north AS place_north
FROM happening_rows h
JOIN events e ON e.id = h.first_event
JOIN articles a ON a.id = h.first_article
LEFT JOIN actors src ON src.id = e.source
LEFT JOIN actors tgt ON tgt.id = e.target
LEFT JOIN places p ON p.id = e.place;

-- `eventwire watch`: each watched source's schedule and HTTP validators, and what it has already read, so
-- that a restart neither refetches nor loses anything (eventwire/watch/).
CREATE TABLE IF NOT EXISTS watch_sources (
    source TEXT PRIMARY KEY,
    etag TEXT,
    last_modified TEXT,
    checked_at TEXT,
    next_at DOUBLE PRECISION NOT NULL,
    failures INTEGER NOT NULL DEFAULT 0,
    status TEXT,
    articles INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS watch_seen (
    key TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    seen_at TEXT NOT NULL
)
