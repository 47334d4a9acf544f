-- A list filtered by official and topic gathers the statements the two have in common from one index (topic,
-- official) rather than every statement of the topic: each row of statement_topics carries a copy of its statement's
-- official, given by every insert and kept in step by statement_topics_follow. The index also serves every lookup by
-- topic that the old ix_statement_topics_topic (topic, statement) served.
CREATE TABLE statement_topics_new (
    statement_id  INTEGER NOT NULL REFERENCES statements (id) ON DELETE CASCADE,
    topic_id      INTEGER NOT NULL REFERENCES topics (id) ON DELETE RESTRICT,
    official_id   INTEGER NOT NULL,  -- the statement's, as statements has it
    PRIMARY KEY (statement_id, topic_id)
) WITHOUT ROWID;

INSERT INTO statement_topics_new (statement_id, topic_id, official_id)
SELECT st.statement_id, st.topic_id, s.official_id
FROM statement_topics st JOIN statements s ON s.id = st.statement_id
ORDER BY st.statement_id, st.topic_id;

DROP TABLE statement_topics;
ALTER TABLE statement_topics_new RENAME TO statement_topics;
CREATE INDEX ix_statement_topics_topic ON statement_topics (topic_id, official_id, statement_id);

CREATE TRIGGER statement_topics_follow AFTER UPDATE OF official_id ON statements
WHEN new.official_id IS NOT old.official_id
BEGIN
    UPDATE statement_topics SET official_id = new.official_id WHERE statement_id = new.id;
END;
