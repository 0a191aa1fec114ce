-- warta store, schema version 1.
--
-- `documents` is the source of truth; every other table hangs off one document and goes
-- with it (ON DELETE CASCADE), so replacing a changed article is one DELETE and fresh
-- INSERTs. Spans are byte ranges into `documents.text`.

CREATE TABLE documents (
    -- Monotonic (AUTOINCREMENT never reuses a number), so children can refer to it.
    rowid INTEGER PRIMARY KEY AUTOINCREMENT,
    -- Hex hash of the normalised content and the source key.
    id TEXT NOT NULL UNIQUE,
    -- The URL when known, else the input source: a newer version of the same article
    -- arrives under the same key and replaces the older one.
    source_key TEXT NOT NULL UNIQUE,
    source TEXT NOT NULL,
    url TEXT,
    outlet TEXT,
    title TEXT,
    published TEXT,
    text TEXT NOT NULL,
    analysis TEXT NOT NULL,
    -- 1 once the full-text index has committed this document.
    indexed INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX documents_unindexed ON documents (rowid) WHERE indexed = 0;
CREATE INDEX documents_published ON documents (published);
CREATE INDEX documents_outlet ON documents (outlet);

-- Ids of replaced documents whose removal the full-text index has not committed yet.
CREATE TABLE index_deletions (
    id TEXT PRIMARY KEY
) WITHOUT ROWID;

CREATE TABLE entities (
    rowid INTEGER PRIMARY KEY,
    document INTEGER NOT NULL REFERENCES documents (rowid) ON DELETE CASCADE,
    entity_id TEXT NOT NULL,
    name TEXT NOT NULL,
    type TEXT NOT NULL,
    kind TEXT,
    country TEXT,
    aliases TEXT NOT NULL,
    lat REAL,
    lon REAL,
    UNIQUE (document, entity_id)
);
CREATE INDEX entities_entity_id ON entities (entity_id);

CREATE TABLE mentions (
    entity INTEGER NOT NULL REFERENCES entities (rowid) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    how TEXT NOT NULL
);
CREATE INDEX mentions_entity ON mentions (entity);

CREATE TABLE quotes (
    rowid INTEGER PRIMARY KEY,
    document INTEGER NOT NULL REFERENCES documents (rowid) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    text TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    speaker_id TEXT,
    speaker_name TEXT,
    speaker_description TEXT,
    speaker_country TEXT,
    speaker_how TEXT,
    cue TEXT,
    cue_lemma TEXT,
    act TEXT,
    channel TEXT
);
CREATE INDEX quotes_document ON quotes (document);
CREATE INDEX quotes_speaker_id ON quotes (speaker_id);

-- The chain of sources a statement passed through, in order.
CREATE TABLE quote_sources (
    quote INTEGER NOT NULL REFERENCES quotes (rowid) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    role TEXT NOT NULL,
    evidence TEXT,
    PRIMARY KEY (quote, position)
) WITHOUT ROWID;

-- Agencies and outlets the article credits.
CREATE TABLE credits (
    document INTEGER NOT NULL REFERENCES documents (rowid) ON DELETE CASCADE,
    name TEXT NOT NULL,
    how TEXT NOT NULL,
    evidence TEXT NOT NULL,
    start INTEGER,
    "end" INTEGER
);
CREATE INDEX credits_document ON credits (document);

CREATE TABLE events (
    rowid INTEGER PRIMARY KEY,
    document INTEGER NOT NULL REFERENCES documents (rowid) ON DELETE CASCADE,
    type TEXT NOT NULL,
    mode TEXT,
    negated INTEGER NOT NULL,
    modality TEXT NOT NULL,
    actor_id TEXT,
    actor_name TEXT,
    actor_country TEXT,
    recipient_id TEXT,
    recipient_name TEXT,
    recipient_country TEXT,
    location_id TEXT,
    location_name TEXT,
    lat REAL,
    lon REAL,
    date TEXT,
    date_precision TEXT,
    claimed_by_id TEXT,
    claimed_by_name TEXT,
    trigger TEXT NOT NULL,
    trigger_lemma TEXT NOT NULL,
    evidence_start INTEGER NOT NULL,
    evidence_end INTEGER NOT NULL,
    confidence REAL NOT NULL
);
CREATE INDEX events_document ON events (document);
CREATE INDEX events_type_date ON events (type, date);

-- Numbers of the article (`event` NULL) and the numbers each event carries.
CREATE TABLE quantities (
    document INTEGER NOT NULL REFERENCES documents (rowid) ON DELETE CASCADE,
    event INTEGER REFERENCES events (rowid) ON DELETE CASCADE,
    value REAL NOT NULL,
    max REAL,
    unit TEXT NOT NULL,
    approx INTEGER NOT NULL,
    bound TEXT,
    text TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL
);
CREATE INDEX quantities_document ON quantities (document);
CREATE INDEX quantities_event ON quantities (event);
