-- FTS5 writes its pending terms out as a new segment whenever they pass its hash size (1 MiB by default), besides at the
-- end of every statement. A bulk import fills the index with one statement after its last row: at 1 MiB that made a
-- small segment for every megabyte of terms, which FTS5 then merged; at 64 MiB it makes a few large ones. Single-row
-- writes stay far below either size; the memory is only taken while such a statement runs, and given back at its end.
INSERT INTO statements_fts (statements_fts, rank) VALUES ('hashsize', 67108864);
