-- The officials list's q ignores case in every script and diacritics (Officials/NameSearch.cs): each official keeps its
-- name, native name and aliases folded in names_folded, written with the official. Folding needs .NET's Unicode
-- tables, so the server fills the column of the rows that have none at start-up (this migration's rows among them),
-- finding them through the partial index, which is empty once they are folded.
ALTER TABLE officials ADD COLUMN names_folded TEXT;
CREATE INDEX ix_officials_unfolded ON officials (id) WHERE names_folded IS NULL;
