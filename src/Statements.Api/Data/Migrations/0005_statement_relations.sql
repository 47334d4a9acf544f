-- Typed links between statements: statement_id <type> target_id, e.g. 10 contradicts 7. A relation belongs to
-- both ends: it is listed on both, and it goes with either when that statement is deleted.

CREATE TABLE statement_relations (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    statement_id  INTEGER NOT NULL REFERENCES statements (id) ON DELETE CASCADE,
    type          TEXT NOT NULL CHECK (type IN ('respondsTo', 'contradicts', 'repeats', 'clarifies', 'retracts')),
    target_id     INTEGER NOT NULL REFERENCES statements (id) ON DELETE CASCADE,
    created_at    TEXT NOT NULL,
    CHECK (statement_id <> target_id),
    UNIQUE (statement_id, target_id, type)
);
CREATE INDEX ix_statement_relations_target ON statement_relations (target_id, statement_id);
