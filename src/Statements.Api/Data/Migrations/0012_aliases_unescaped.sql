-- Aliases were stored as JSON with every letter outside ASCII escaped ("Wa\u0142\u0119sa"), and the full-text index
-- reads the column as it is, so a search found no alias written in another script or with accents. They are written
-- as themselves now (OfficialRow.AliasesJson); this rewrites the stored ones the same way. The update fires the
-- trigger that re-indexes the statements of each official whose names change (officials_fts_rename).
UPDATE officials
SET aliases = (SELECT json_group_array(value) FROM json_each(officials.aliases))
WHERE instr(aliases, '\u') > 0 AND json_valid(aliases);
