-- A bulk import writes one row here for all of its statements, instead of a first revision for each: their ids run
-- without a gap from first_id to last_id, and they share the key that imported them and the time. Until such a statement
-- changes, its first revision is read from the statement itself, with the key from here (Revisions.BaselinesAsync), and
-- every write stores that revision, body and key, before it changes the statement (Revisions.KeepBaselineAsync).
-- Revisions without a body that earlier imports stored stay as they are and are read as before.
CREATE TABLE statement_imports (
    first_id    INTEGER PRIMARY KEY,
    last_id     INTEGER NOT NULL CHECK (last_id >= first_id),
    api_key_id  INTEGER,   -- the key that made the import
    at          TEXT NOT NULL
);
