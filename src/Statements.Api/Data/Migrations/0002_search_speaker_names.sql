-- Full-text search also finds statements by their speaker's name, native name (Сергей Лавров) or aliases.
-- The index reads its columns through a view joining each statement to its official; triggers on both tables
-- keep it in step inside the writing transaction, including when an official is renamed.

DROP TRIGGER statements_fts_insert;
DROP TRIGGER statements_fts_delete;
DROP TRIGGER statements_fts_update;
DROP TABLE statements_fts;

CREATE VIEW statements_search AS
SELECT s.id AS id, s.text AS text, s.original_text AS original_text, s.context AS context,
       o.name || ' ' || coalesce(o.native_name, '') || ' ' || o.aliases AS speaker
FROM statements s JOIN officials o ON o.id = s.official_id;

CREATE VIRTUAL TABLE statements_fts USING fts5 (
    text, original_text, context, speaker,
    content = 'statements_search', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER statements_fts_insert AFTER INSERT ON statements BEGIN
    INSERT INTO statements_fts (rowid, text, original_text, context, speaker)
    SELECT id, text, original_text, context, speaker FROM statements_search WHERE id = new.id;
END;

CREATE TRIGGER statements_fts_delete AFTER DELETE ON statements BEGIN
    INSERT INTO statements_fts (statements_fts, rowid, text, original_text, context, speaker)
    SELECT 'delete', old.id, old.text, old.original_text, old.context,
           o.name || ' ' || coalesce(o.native_name, '') || ' ' || o.aliases
    FROM officials o WHERE o.id = old.official_id;
END;

CREATE TRIGGER statements_fts_update AFTER UPDATE OF text, original_text, context, official_id ON statements BEGIN
    INSERT INTO statements_fts (statements_fts, rowid, text, original_text, context, speaker)
    SELECT 'delete', old.id, old.text, old.original_text, old.context,
           o.name || ' ' || coalesce(o.native_name, '') || ' ' || o.aliases
    FROM officials o WHERE o.id = old.official_id;
    INSERT INTO statements_fts (rowid, text, original_text, context, speaker)
    SELECT id, text, original_text, context, speaker FROM statements_search WHERE id = new.id;
END;

CREATE TRIGGER officials_fts_rename AFTER UPDATE OF name, native_name, aliases ON officials BEGIN
    INSERT INTO statements_fts (statements_fts, rowid, text, original_text, context, speaker)
    SELECT 'delete', s.id, s.text, s.original_text, s.context,
           old.name || ' ' || coalesce(old.native_name, '') || ' ' || old.aliases
    FROM statements s WHERE s.official_id = old.id;
    INSERT INTO statements_fts (rowid, text, original_text, context, speaker)
    SELECT id, text, original_text, context, speaker FROM statements_search
    WHERE id IN (SELECT id FROM statements WHERE official_id = new.id);
END;

INSERT INTO statements_fts (statements_fts) VALUES ('rebuild');
