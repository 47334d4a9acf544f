-- Idempotent creates: the first response to a POST sent with an Idempotency-Key, kept so that a retry with the
-- same key answers with it instead of writing again. Keys are scoped to the API key that sent them. A row is
-- written inside the transaction of the write it guards (status still NULL), and the response is added once it
-- has been sent; rows past expires_at are replaced or swept.
CREATE TABLE idempotency_keys (
    id            INTEGER PRIMARY KEY,
    api_key_id    INTEGER NOT NULL REFERENCES api_keys (id) ON DELETE CASCADE,
    key           TEXT NOT NULL,
    request_hash  TEXT NOT NULL,                 -- SHA-256 of method, path, query and body, hex
    created_at    TEXT NOT NULL,
    expires_at    TEXT NOT NULL,
    status        INTEGER,                       -- NULL while the first request is being answered
    location      TEXT,
    etag          TEXT,
    content_type  TEXT,
    body          BLOB,
    UNIQUE (api_key_id, key)
);
CREATE INDEX ix_idempotency_keys_expires_at ON idempotency_keys (expires_at);
