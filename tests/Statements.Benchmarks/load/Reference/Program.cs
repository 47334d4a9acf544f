// The least ASP.NET Core + Dapper + SQLite can do for the three reads the load benchmark compares: the same SQL
// as the Statements API (statement row with its official and role, its topics) over the same database file,
// with no middleware, no links, no ETag, no validation beyond what routing does, and reflection-based JSON.
using Dapper;
using Microsoft.Data.Sqlite;

DefaultTypeMap.MatchNamesWithUnderscores = true;

var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
var connectionString = new SqliteConnectionStringBuilder(
    builder.Configuration.GetConnectionString("Statements") ?? "Data Source=statements.db")
{
    Mode = SqliteOpenMode.ReadOnly,
    Pooling = true,
}.ToString();

var app = builder.Build();

const string columns = """
    SELECT s.id, s.official_id, o.slug AS official_slug, o.name AS official_name, s.text, s.kind, s.language,
           s.original_text, s.original_language, s.said_on, s.said_on_precision, s.context, s.meeting_id, s.source_id,
           s.created_at, s.updated_at, s.version, r.title AS role_title, r.organization AS role_organization
    """;
const string roleJoin = """
    LEFT JOIN official_roles r ON r.id = (
        SELECT r2.id FROM official_roles r2
        WHERE r2.official_id = s.official_id
          AND (r2.start_on IS NULL OR r2.start_on <= CASE s.said_on_precision
                WHEN 'day' THEN s.said_on
                WHEN 'month' THEN date(s.said_on, '+1 month', '-1 day')
                ELSE date(s.said_on, '+1 year', '-1 day') END)
          AND (r2.end_on IS NULL OR r2.end_on >= s.said_on)
        ORDER BY r2.start_on DESC
        LIMIT 1)
    """;
const string topicsSql = """
    SELECT st.statement_id, t.id, t.slug, t.name, t.parent_id
    FROM statement_topics st JOIN topics t ON t.id = st.topic_id
    WHERE st.statement_id IN @ids
    ORDER BY t.name
    """;
const string byIdSql = columns + "\nFROM statements s\nJOIN officials o ON o.id = s.official_id\n" + roleJoin + "\nWHERE s.id = @id";
const string byOfficialSql = columns + "\nFROM statements s\nJOIN officials o ON o.id = s.official_id\n" + roleJoin + """

    WHERE s.official_id = @officialId
    ORDER BY s.said_on DESC, s.id DESC
    LIMIT 50
    """;
const string searchSql = columns + ", h.rank, h.snippet" + """

    FROM (SELECT rowid AS id, bm25(statements_fts, 10.0, 8.0, 2.0, 4.0) AS rank,
                 snippet(statements_fts, 0, char(57344), char(57345), '…', 24) AS snippet
          FROM statements_fts WHERE statements_fts MATCH @q
          ORDER BY rank, rowid
          LIMIT 1000) h
    JOIN statements s ON s.id = h.id
    JOIN officials o ON o.id = s.official_id
    """ + "\n" + roleJoin + """

    ORDER BY h.rank, s.id
    LIMIT 50
    """;

async Task<IResult> PageAsync(SqliteConnection connection, string sql, object parameters)
{
    var rows = (await connection.QueryAsync<Row>(sql, parameters)).AsList();
    var topics = (await connection.QueryAsync<TopicRow>(topicsSql, new { ids = rows.Select(r => r.Id) })).ToLookup(t => t.StatementId);
    return Results.Ok(new { items = rows.Select(r => new Item(r, [.. topics[r.Id]])) });
}

app.MapGet("/health", () => "ok");

app.MapGet("/statements/{id:long}", async (long id) =>
{
    await using var connection = new SqliteConnection(connectionString);
    await connection.OpenAsync();
    if (await connection.QuerySingleOrDefaultAsync<Row>(byIdSql, new { id }) is not { } row)
    {
        return Results.NotFound();
    }
    var topics = (await connection.QueryAsync<TopicRow>(topicsSql, new { ids = new[] { id } })).AsList();
    return Results.Ok(new Item(row, topics));
});

app.MapGet("/statements", async (string? official, string? q) =>
{
    await using var connection = new SqliteConnection(connectionString);
    await connection.OpenAsync();
    if (q is not null)
    {
        return await PageAsync(connection, searchSql, new { q });
    }
    var officialId = await connection.ExecuteScalarAsync<long?>("SELECT id FROM officials WHERE slug = @official", new { official });
    return officialId is null ? Results.NotFound() : await PageAsync(connection, byOfficialSql, new { officialId });
});

app.Run();

internal sealed class Row
{
    public long Id { get; init; }
    public long OfficialId { get; init; }
    public string OfficialSlug { get; init; } = "";
    public string OfficialName { get; init; } = "";
    public string Text { get; init; } = "";
    public string Kind { get; init; } = "";
    public string Language { get; init; } = "";
    public string? OriginalText { get; init; }
    public string? OriginalLanguage { get; init; }
    public string SaidOn { get; init; } = "";
    public string SaidOnPrecision { get; init; } = "";
    public string? Context { get; init; }
    public long? MeetingId { get; init; }
    public long? SourceId { get; init; }
    public string CreatedAt { get; init; } = "";
    public string UpdatedAt { get; init; } = "";
    public long Version { get; init; }
    public string? RoleTitle { get; init; }
    public string? RoleOrganization { get; init; }
    public double? Rank { get; init; }
    public string? Snippet { get; init; }
}

internal sealed class TopicRow
{
    public long StatementId { get; init; }
    public long Id { get; init; }
    public string Slug { get; init; } = "";
    public string Name { get; init; } = "";
    public long? ParentId { get; init; }
}

internal sealed record Item(Row Statement, List<TopicRow> Topics);
