// What the full-text index's insert trigger (statements_fts_insert) writes for one statement, for a range of them in
// one statement: the bulk import and the synthetic seed drop the trigger for their load and fill the index this way,
// since FTS5 writes a new segment at the end of every statement that writes to it.
namespace Statements.Api.Data;

internal static class FullTextIndex
{
    /// <summary>Indexes the statements with ids from @first to @last; bind both.</summary>
    public const string FillRange = """
        INSERT INTO statements_fts (rowid, text, original_text, context, speaker)
        SELECT id, text, original_text, context, speaker FROM statements_search WHERE id BETWEEN @first AND @last ORDER BY id
        """;
}
