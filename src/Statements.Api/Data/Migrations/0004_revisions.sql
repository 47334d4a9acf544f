-- The history of every resource: each write stores the whole resource as the API showed it right after the
-- write (for a deletion, as it last was), who wrote it and when. Rows are only ever added.
-- A database that had rows before this migration gets a first revision of each at start-up (Revisions.BackfillAsync).

CREATE TABLE revisions (
    id           INTEGER PRIMARY KEY,
    resource     TEXT NOT NULL CHECK (resource IN ('official', 'topic', 'meeting', 'source', 'statement')),
    resource_id  INTEGER NOT NULL,
    version      INTEGER NOT NULL,
    action       TEXT NOT NULL CHECK (action IN ('created', 'updated', 'deleted', 'restored')),
    api_key_id   INTEGER,                       -- the key that made the write; absent for sample and earlier data
    at           TEXT NOT NULL,
    body         TEXT NOT NULL,                 -- the resource's JSON, as GET returns it without include
    UNIQUE (resource, resource_id, version)
);
