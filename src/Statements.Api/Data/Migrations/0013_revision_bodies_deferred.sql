-- A revision's body may be absent (NULL): the resource is then as it is now, at that very version. Only the first
-- revision of a row created in bulk is stored so (the bulk import's statements), and it stays so only while nothing has
-- changed the row since: every write stores the body of such a revision before it changes the row
-- (Revisions.KeepBaselineAsync), and the revision endpoints read an absent body from the row itself.
-- SQLite cannot drop a NOT NULL constraint, so the table is made again with the same rows and ids.

CREATE TABLE revisions_deferred (
    id           INTEGER PRIMARY KEY,
    resource     TEXT NOT NULL CHECK (resource IN ('official', 'topic', 'meeting', 'source', 'statement')),
    resource_id  INTEGER NOT NULL,
    version      INTEGER NOT NULL,
    action       TEXT NOT NULL CHECK (action IN ('created', 'updated', 'deleted', 'restored')),
    api_key_id   INTEGER,                       -- the key that made the write; absent for sample and earlier data
    at           TEXT NOT NULL,
    body         TEXT,                          -- the resource's JSON, as GET returns it without include; NULL: as it is now
    UNIQUE (resource, resource_id, version)
);
INSERT INTO revisions_deferred (id, resource, resource_id, version, action, api_key_id, at, body)
SELECT id, resource, resource_id, version, action, api_key_id, at, body FROM revisions;
DROP TABLE revisions;
ALTER TABLE revisions_deferred RENAME TO revisions;
