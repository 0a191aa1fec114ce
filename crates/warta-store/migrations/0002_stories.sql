-- warta store, schema version 2: stories.
--
-- A story is a group of documents that are copies of one text (a wire story republished
-- with other cruft around it), found by MinHash over word shingles. A story event is a
-- group of event rows, across documents, that report one real-world event. Both are
-- computed as each document is written, in its transaction, so they follow the same
-- idempotence and crash rules as the documents. Labels are small integers; a label is
-- only ever reused once no row carries it any more.

-- One row per grouped document: its story and its MinHash signature (64 little-endian
-- u32 values), kept apart from `documents` so that comparing candidates does not read
-- the large analysis column.
CREATE TABLE document_stories (
    document INTEGER PRIMARY KEY REFERENCES documents (rowid) ON DELETE CASCADE,
    story INTEGER NOT NULL,
    minhash BLOB NOT NULL
);
CREATE INDEX document_stories_story ON document_stories (story);

-- Locality-sensitive hashing: one key per band of the signature. Documents sharing a key
-- are the candidates a new document is compared with.
CREATE TABLE story_bands (
    key INTEGER NOT NULL,
    document INTEGER NOT NULL REFERENCES documents (rowid) ON DELETE CASCADE
);
CREATE INDEX story_bands_key ON story_bands (key);
CREATE INDEX story_bands_document ON story_bands (document);

-- The story event an event row reports; NULL only between this migration and the
-- regrouping of documents stored before it.
ALTER TABLE events ADD COLUMN story_event INTEGER;
CREATE INDEX events_story_event ON events (story_event);
