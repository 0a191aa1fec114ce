-- warta store on PostgreSQL, schema version 1: the tables of the SQLite store's
-- migrations 1-3 in one, plus each document's search words (a tsvector) in its own row.
--
-- `documents` is the source of truth; every other table hangs off one document and goes
-- with it (ON DELETE CASCADE), so replacing a changed article is one DELETE and fresh
-- INSERTs. Spans are byte ranges into `documents.text`. Text that queries order or
-- compare by is COLLATE "C", so that rows come in the byte order SQLite gives them
-- whatever the database's locale.

CREATE TABLE documents (
    -- Monotonic, so children can refer to it and lists keep input order.
    rowid bigserial PRIMARY KEY,
    -- Hex hash of the normalised content and the source key.
    id text NOT NULL UNIQUE,
    -- The URL when known, else the input source: a newer version of the same article
    -- arrives under the same key and replaces the older one.
    source_key text NOT NULL UNIQUE,
    source text NOT NULL,
    url text,
    outlet text COLLATE "C",
    title text,
    published text COLLATE "C",
    -- `published` as the number YYYYMMDD when it is a day: search's day range.
    published_day integer,
    text text NOT NULL,
    analysis text NOT NULL,
    -- What search matches: the clean text by warta's own lemmas with positions, and
    -- the filter keys `@e:` (entity ids and folded names), `@t:` (event types) and
    -- `@o:` (the folded outlet), written in the document's own transaction.
    words tsvector NOT NULL
);
CREATE INDEX documents_words ON documents USING gin (words);
CREATE INDEX documents_published ON documents (published);
CREATE INDEX documents_published_day ON documents (published_day);

CREATE TABLE entities (
    rowid bigserial PRIMARY KEY,
    document bigint NOT NULL REFERENCES documents (rowid) ON DELETE CASCADE,
    entity_id text COLLATE "C" NOT NULL,
    name text NOT NULL,
    type text NOT NULL,
    kind text,
    country text,
    aliases text NOT NULL,
    lat double precision,
    lon double precision,
    UNIQUE (document, entity_id)
);
CREATE INDEX entities_entity_id ON entities (entity_id);

CREATE TABLE mentions (
    entity bigint NOT NULL REFERENCES entities (rowid) ON DELETE CASCADE,
    start integer NOT NULL,
    "end" integer NOT NULL,
    text text NOT NULL,
    how text NOT NULL
);
CREATE INDEX mentions_entity ON mentions (entity);

CREATE TABLE quotes (
    rowid bigserial PRIMARY KEY,
    document bigint NOT NULL REFERENCES documents (rowid) ON DELETE CASCADE,
    kind text NOT NULL,
    text text NOT NULL,
    start integer NOT NULL,
    "end" integer NOT NULL,
    speaker_id text,
    speaker_name text,
    speaker_description text,
    speaker_country text,
    speaker_how text,
    cue text,
    cue_lemma text,
    act text,
    channel text
);
CREATE INDEX quotes_document ON quotes (document);
CREATE INDEX quotes_speaker_id ON quotes (speaker_id);

-- The chain of sources a statement passed through, in order.
CREATE TABLE quote_sources (
    quote bigint NOT NULL REFERENCES quotes (rowid) ON DELETE CASCADE,
    position integer NOT NULL,
    name text NOT NULL,
    role text NOT NULL,
    evidence text,
    PRIMARY KEY (quote, position)
);

-- Agencies and outlets the article credits.
CREATE TABLE credits (
    document bigint NOT NULL REFERENCES documents (rowid) ON DELETE CASCADE,
    name text NOT NULL,
    how text NOT NULL,
    evidence text NOT NULL,
    start integer,
    "end" integer
);
CREATE INDEX credits_document ON credits (document);

CREATE TABLE events (
    rowid bigserial PRIMARY KEY,
    document bigint NOT NULL REFERENCES documents (rowid) ON DELETE CASCADE,
    type text COLLATE "C" NOT NULL,
    mode text,
    negated integer NOT NULL,
    modality text NOT NULL,
    actor_id text,
    actor_name text,
    actor_country text,
    recipient_id text,
    recipient_name text,
    recipient_country text,
    location_id text,
    location_name text,
    lat double precision,
    lon double precision,
    date text COLLATE "C",
    date_precision text,
    -- Where the date was read: `sentence`, `paragraph`, `story`.
    date_basis text,
    claimed_by_id text,
    claimed_by_name text,
    trigger text NOT NULL,
    trigger_lemma text NOT NULL,
    evidence_start integer NOT NULL,
    evidence_end integer NOT NULL,
    confidence double precision NOT NULL,
    -- The story event this report tells (see `document_stories`).
    story_event bigint
);
CREATE INDEX events_document ON events (document);
CREATE INDEX events_story_event ON events (story_event);
-- Story events look up the reports of one type within a day.
CREATE INDEX events_type_date ON events (type, date);

-- Numbers of the article (`event` NULL) and the numbers each event carries.
CREATE TABLE quantities (
    document bigint NOT NULL REFERENCES documents (rowid) ON DELETE CASCADE,
    event bigint REFERENCES events (rowid) ON DELETE CASCADE,
    value double precision NOT NULL,
    max double precision,
    unit text NOT NULL,
    approx integer NOT NULL,
    bound text,
    text text NOT NULL,
    start integer NOT NULL,
    "end" integer NOT NULL
);
CREATE INDEX quantities_document ON quantities (document);
CREATE INDEX quantities_event ON quantities (event);

-- A story is a group of documents that are copies of one text, found by MinHash over
-- word shingles: each grouped document's story and signature (64 little-endian u32).
CREATE TABLE document_stories (
    document bigint PRIMARY KEY REFERENCES documents (rowid) ON DELETE CASCADE,
    story bigint NOT NULL,
    minhash bytea NOT NULL
);
CREATE INDEX document_stories_story ON document_stories (story);

-- Locality-sensitive hashing: one key per band of the signature. Documents sharing a key
-- are the candidates a new document is compared with, the latest first.
CREATE TABLE story_bands (
    key bigint NOT NULL,
    document bigint NOT NULL REFERENCES documents (rowid) ON DELETE CASCADE,
    PRIMARY KEY (key, document)
);
CREATE INDEX story_bands_document ON story_bands (document);
