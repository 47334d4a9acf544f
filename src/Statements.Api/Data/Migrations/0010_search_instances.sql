-- Every occurrence of every word in the full-text index (term, doc, col, offset), read by the ranking of plain-word
-- searches (Statements/SearchRanking.cs). A view of the index: it stores nothing.
CREATE VIRTUAL TABLE statements_fts_instances USING fts5vocab (statements_fts, instance);
