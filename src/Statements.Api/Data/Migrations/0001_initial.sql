-- Initial schema: the five resources, their link tables, API keys and the changes log.
-- Dates are ISO-8601 TEXT (yyyy-MM-dd); timestamps are UTC TEXT (yyyy-MM-ddTHH:mm:ss.fffZ).
-- AUTOINCREMENT keeps ids of deleted rows from being handed out again.

CREATE TABLE officials (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    slug         TEXT NOT NULL COLLATE NOCASE UNIQUE,
    name         TEXT NOT NULL,
    native_name  TEXT,
    aliases      TEXT NOT NULL DEFAULT '[]',   -- JSON array of strings
    country      TEXT NOT NULL DEFAULT '',     -- ISO 3166-1 alpha-2; empty for international organisations
    wikidata_id  TEXT,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    version      INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX ix_officials_country ON officials (country, id);
CREATE INDEX ix_officials_name ON officials (name COLLATE NOCASE, id);

CREATE TABLE official_roles (
    id            INTEGER PRIMARY KEY,
    official_id   INTEGER NOT NULL REFERENCES officials (id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    title         TEXT NOT NULL,
    organization  TEXT NOT NULL,
    country       TEXT,
    start_on      TEXT,
    end_on        TEXT
);
CREATE INDEX ix_official_roles_official ON official_roles (official_id, start_on);

CREATE TABLE topics (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    slug         TEXT NOT NULL COLLATE NOCASE UNIQUE,
    name         TEXT NOT NULL,
    description  TEXT NOT NULL DEFAULT '',
    parent_id    INTEGER REFERENCES topics (id) ON DELETE RESTRICT,
    keywords     TEXT NOT NULL DEFAULT '[]',   -- JSON array of strings
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    version      INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX ix_topics_parent ON topics (parent_id, id);

CREATE TABLE meetings (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    slug              TEXT NOT NULL COLLATE NOCASE UNIQUE,
    title             TEXT NOT NULL,
    kind              TEXT NOT NULL CHECK (kind IN ('summit', 'bilateral', 'conference', 'press-conference', 'interview', 'other')),
    starts_on         TEXT NOT NULL,
    ends_on           TEXT,
    location_city     TEXT,
    location_country  TEXT,
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    version           INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX ix_meetings_starts_on ON meetings (starts_on, id);

CREATE TABLE meeting_participants (
    meeting_id   INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    official_id  INTEGER NOT NULL REFERENCES officials (id) ON DELETE RESTRICT,
    PRIMARY KEY (meeting_id, official_id)
) WITHOUT ROWID;
CREATE INDEX ix_meeting_participants_official ON meeting_participants (official_id, meeting_id);

CREATE TABLE meeting_topics (
    meeting_id  INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    topic_id    INTEGER NOT NULL REFERENCES topics (id) ON DELETE RESTRICT,
    PRIMARY KEY (meeting_id, topic_id)
) WITHOUT ROWID;
CREATE INDEX ix_meeting_topics_topic ON meeting_topics (topic_id, meeting_id);

CREATE TABLE sources (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    url           TEXT UNIQUE,                   -- absent for sources without a web address
    title         TEXT NOT NULL,
    publisher     TEXT,
    published_on  TEXT,
    language      TEXT,
    text          TEXT,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    version       INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX ix_sources_published_on ON sources (published_on, id);

CREATE TABLE statements (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    official_id        INTEGER NOT NULL REFERENCES officials (id) ON DELETE RESTRICT,
    text               TEXT NOT NULL,
    kind               TEXT NOT NULL CHECK (kind IN ('quote', 'paraphrase')),
    language           TEXT NOT NULL,
    original_text      TEXT,
    original_language  TEXT,
    said_on            TEXT NOT NULL,
    said_on_precision  TEXT NOT NULL CHECK (said_on_precision IN ('day', 'month', 'year')),
    context            TEXT,
    meeting_id         INTEGER REFERENCES meetings (id) ON DELETE RESTRICT,
    source_id          INTEGER REFERENCES sources (id) ON DELETE RESTRICT,
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL,
    version            INTEGER NOT NULL DEFAULT 1
);
-- Keyset pagination walks (said_on, id); every filter column leads an index that ends in the same keys.
CREATE INDEX ix_statements_said_on ON statements (said_on, id);
CREATE INDEX ix_statements_official ON statements (official_id, said_on, id);
CREATE INDEX ix_statements_meeting ON statements (meeting_id, said_on, id);
CREATE INDEX ix_statements_source ON statements (source_id, said_on, id);
CREATE INDEX ix_statements_kind ON statements (kind, said_on, id);
CREATE INDEX ix_statements_language ON statements (language, said_on, id);
CREATE INDEX ix_statements_updated_at ON statements (updated_at, id);

CREATE TABLE statement_topics (
    statement_id  INTEGER NOT NULL REFERENCES statements (id) ON DELETE CASCADE,
    topic_id      INTEGER NOT NULL REFERENCES topics (id) ON DELETE RESTRICT,
    PRIMARY KEY (statement_id, topic_id)
) WITHOUT ROWID;
CREATE INDEX ix_statement_topics_topic ON statement_topics (topic_id, statement_id);

-- Full-text index over statements, kept in step by triggers inside the writing transaction.
CREATE VIRTUAL TABLE statements_fts USING fts5 (
    text, original_text, context,
    content = 'statements', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER statements_fts_insert AFTER INSERT ON statements BEGIN
    INSERT INTO statements_fts (rowid, text, original_text, context)
    VALUES (new.id, new.text, new.original_text, new.context);
END;
CREATE TRIGGER statements_fts_delete AFTER DELETE ON statements BEGIN
    INSERT INTO statements_fts (statements_fts, rowid, text, original_text, context)
    VALUES ('delete', old.id, old.text, old.original_text, old.context);
END;
CREATE TRIGGER statements_fts_update AFTER UPDATE OF text, original_text, context ON statements BEGIN
    INSERT INTO statements_fts (statements_fts, rowid, text, original_text, context)
    VALUES ('delete', old.id, old.text, old.original_text, old.context);
    INSERT INTO statements_fts (rowid, text, original_text, context)
    VALUES (new.id, new.text, new.original_text, new.context);
END;

CREATE TABLE api_keys (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    name        TEXT NOT NULL,
    prefix      TEXT NOT NULL,                 -- first characters of the key, to recognise it in listings
    hash        TEXT NOT NULL UNIQUE,          -- SHA-256 of the whole key, hex
    created_at  TEXT NOT NULL,
    revoked_at  TEXT
);

-- Every write appends here in its own transaction: the source of the changes feed.
CREATE TABLE changes (
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,
    resource     TEXT NOT NULL,
    resource_id  INTEGER NOT NULL,
    action       TEXT NOT NULL CHECK (action IN ('created', 'updated', 'deleted')),
    version      INTEGER NOT NULL,
    at           TEXT NOT NULL,
    api_key_id   INTEGER
);
