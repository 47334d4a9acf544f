// Keeps the history of every resource. Each write stores the whole resource as GET shows it (without include)
// right after the write, inside the writing transaction (Changes.RecordAsync calls RecordAsync), so a revision
// exists exactly when its write committed. A deletion stores the last body again: what was deleted.
// The bulk import stores no first revision for its statements, only one row for the whole import (who and when, in
// statement_imports): a statement itself is its first revision for as long as it stays at that version, and
// KeepBaselineAsync stores that revision before any write changes it. (Earlier imports stored first revisions without a
// body, which are read the same way.)
using System.Data;
using System.Text.Json;
using Dapper;
using Statements.Api.Common;
using Statements.Api.Meetings;
using Statements.Api.Officials;
using Statements.Api.Sources;
using Statements.Api.Statements;
using Statements.Api.Topics;

namespace Statements.Api.History;

public static class Revisions
{
    /// <summary>The API's JSON conventions, for bodies written outside a request (sample data, backfill).</summary>
    public static JsonSerializerOptions Json { get; } = CreateJson();

    /// <summary>The table of each resource name the changes log and the revisions use.</summary>
    internal static readonly IReadOnlyDictionary<string, string> Tables = new Dictionary<string, string>
    {
        ["official"] = "officials",
        ["topic"] = "topics",
        ["meeting"] = "meetings",
        ["source"] = "sources",
        ["statement"] = "statements",
    };

    public static async Task RecordAsync(
        IDbConnection connection, IDbTransaction transaction, string resource, long id, string action, long version, long? apiKeyId, string at,
        object? record = null)
    {
        if (action == "deleted")
        {
            // The row is gone; what it was is the body of its latest revision.
            const string deleted = """
                INSERT INTO revisions (resource, resource_id, version, action, api_key_id, at, body)
                SELECT @resource, @id, @version, 'deleted', @apiKeyId, @at, body
                FROM revisions WHERE resource = @resource AND resource_id = @id
                ORDER BY version DESC
                LIMIT 1
                """;
            await connection.ExecuteAsync(deleted, new { resource, id, version, apiKeyId, at }, transaction);
            return;
        }
        if (record is not null)
        {
            // The writer has just read the resource as GET shows it, inside this transaction.
            await InsertAsync(connection, transaction, [new(resource, id, version, action, apiKeyId, at, Serialize(record))]);
            return;
        }
        foreach (var (_, _, _, body) in await LoadAsync(connection, transaction, resource, [id]))
        {
            await InsertAsync(connection, transaction, [new(resource, id, version, action, apiKeyId, at, body)]);
        }
    }

    /// <summary>
    /// Gives every row that has no revision yet a first one: its current state, at its current version. Rows written
    /// by SQL rather than through the API (the sample data, and anything written before revisions were kept) get
    /// their history this way. Idempotent.
    /// </summary>
    public static async Task BackfillAsync(IDbConnection connection, IDbTransaction transaction)
    {
        const int batchSize = 500;
        var at = Data.Db.Now();
        foreach (var (resource, table) in Tables)
        {
            // The table name comes from the fixed map above, never from input.
            var missing = (await connection.QueryAsync<long>($"""
                SELECT x.id FROM {table} x
                WHERE NOT EXISTS (SELECT 1 FROM revisions r WHERE r.resource = @resource AND r.resource_id = x.id)
                ORDER BY x.id
                """, new { resource }, transaction)).AsList();
            foreach (var batch in missing.Chunk(batchSize))
            {
                await RecordCurrentAsync(connection, transaction, resource, batch, apiKeyId: null, at);
            }
        }
    }

    /// <summary>
    /// Records the current state of many rows of one resource, each at its current version (action created at
    /// version 1, else updated), with a fixed number of queries: for writes of many rows at once.
    /// </summary>
    public static async Task RecordCurrentAsync(
        IDbConnection connection, IDbTransaction transaction, string resource, IReadOnlyCollection<long> ids, long? apiKeyId, string at)
    {
        // In batches: each id is a bound parameter, and SQLite takes at most 32,766 of them in one statement.
        foreach (var batch in ids.Chunk(1000))
        {
            var records = await LoadAsync(connection, transaction, resource, batch);
            await InsertAsync(connection, transaction, [.. records.Select(r =>
                new RevisionRow(resource, r.Id, r.Version, r.Version == 1 ? "created" : "updated", apiKeyId, at, r.Body))]);
        }
    }

    /// <summary>
    /// Records who imported the statements <paramref name="firstId"/> to <paramref name="lastId"/>, and when, in one row
    /// instead of a first revision for each: until one of them changes, its first revision is the statement itself with
    /// this key (<see cref="BaselinesAsync"/>). For the bulk import, which this spares a row and an index entry a statement.
    /// </summary>
    public static Task RecordImportAsync(IDbConnection connection, IDbTransaction transaction, long firstId, long lastId, long? apiKeyId, string at) =>
        connection.ExecuteAsync(
            "INSERT INTO statement_imports (first_id, last_id, api_key_id, at) VALUES (@firstId, @lastId, @apiKeyId, @at)",
            new { firstId, lastId, apiKeyId, at }, transaction);

    /// <summary>
    /// The first revision of each row among <paramref name="ids"/> whose history holds no body: its current state, at its
    /// version and last write's time, with the key of the bulk import that wrote it, if one did. Rows written without
    /// history have no revision at all (the synthetic seed writes none, to load a million rows in seconds), nor do the
    /// statements of a bulk import (<see cref="RecordImportAsync"/>). The revision endpoints show this one (or, for a
    /// revision stored without a body, its body), and <see cref="KeepBaselineAsync"/> stores it before the row's first
    /// change, so their history starts where they stood and a deletion keeps what it deleted.
    /// </summary>
    internal static async Task<IReadOnlyList<RevisionRow>> BaselinesAsync(
        IDbConnection connection, IDbTransaction? transaction, string resource, IReadOnlyCollection<long> ids)
    {
        // The import whose range holds the id is the last to start at or before it (imports' ranges never overlap).
        const string sql = """
            SELECT value AS Id,
                   (SELECT api_key_id FROM (SELECT api_key_id, last_id FROM statement_imports
                                            WHERE @resource = 'statement' AND first_id <= value ORDER BY first_id DESC LIMIT 1)
                    WHERE last_id >= value) AS ApiKeyId
            FROM json_each(@ids)
            WHERE NOT EXISTS (SELECT 1 FROM revisions WHERE resource = @resource AND resource_id = value AND body IS NOT NULL)
            """;
        var missing = (await connection.QueryAsync<(long Id, long? ApiKeyId)>(sql, new { resource, ids = Sql.JsonIds(ids) }, transaction))
            .ToDictionary(m => m.Id, m => m.ApiKeyId);
        return missing.Count == 0
            ? []
            : [.. (await LoadAsync(connection, transaction, resource, missing.Keys)).Select(r =>
                new RevisionRow(resource, r.Id, r.Version, r.Version == 1 ? "created" : "updated", missing[r.Id], r.At, r.Body))];
    }

    /// <summary>Stores the <see cref="BaselinesAsync"/> of the rows that lack one: called inside a write, before it changes or deletes them.</summary>
    public static async Task KeepBaselineAsync(IDbConnection connection, IDbTransaction transaction, string resource, params IReadOnlyCollection<long> ids)
    {
        if (await BaselinesAsync(connection, transaction, resource, ids) is { Count: > 0 } rows)
        {
            // A revision stored without its body gets it, keeping its key and time; a row with no revision gets its first.
            await InsertAsync(connection, transaction, rows, "ON CONFLICT (resource, resource_id, version) DO UPDATE SET body = excluded.body WHERE body IS NULL");
        }
    }

    public static async Task BackfillAsync(Data.Db db)
    {
        await using var connection = await db.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await BackfillAsync(connection, transaction);
        await transaction.CommitAsync();
    }

    internal sealed record RevisionRow(string Resource, long ResourceId, long Version, string Action, long? ApiKeyId, string At, string Body);

    private static Task InsertAsync(IDbConnection connection, IDbTransaction transaction, IReadOnlyList<RevisionRow> rows, string onConflict = "")
    {
        var sql = $"""
            INSERT INTO revisions (resource, resource_id, version, action, api_key_id, at, body)
            VALUES (@Resource, @ResourceId, @Version, @Action, @ApiKeyId, @At, @Body)
            {onConflict}
            """;
        return connection.ExecuteAsync(sql, rows, transaction);
    }

    /// <summary>The resources as GET shows them without include (sources with their text), serialized, with their last write's time.</summary>
    private static async Task<IReadOnlyList<(long Id, long Version, string At, string Body)>> LoadAsync(
        IDbConnection connection, IDbTransaction? transaction, string resource, IReadOnlyCollection<long> ids) => resource switch
        {
            "official" => [.. (await OfficialsApi.LoadAsync(connection, ids, transaction)).Select(o => (o.Id, o.Version!.Value, At(o.UpdatedAt!.Value), Serialize(o)))],
            "topic" => [.. (await TopicsApi.LoadAsync(connection, ids, transaction)).Select(t => (t.Id, t.Version!.Value, At(t.UpdatedAt!.Value), Serialize(t)))],
            "meeting" => [.. (await MeetingsApi.LoadAsync(connection, ids, transaction)).Select(m => (m.Id, m.Version!.Value, At(m.UpdatedAt!.Value), Serialize(m)))],
            "source" => [.. (await SourcesApi.LoadAsync(connection, ids, withText: true, transaction)).Select(s => (s.Id, s.Version!.Value, At(s.UpdatedAt!.Value), Serialize(s)))],
            "statement" => [.. (await StatementsApi.LoadAsync(connection, ids, transaction)).Select(s => (s.Id, s.Version, At(s.UpdatedAt), Serialize(s)))],
            _ => throw new ArgumentOutOfRangeException(nameof(resource), resource, "Not a resource that keeps revisions."),
        };

    private static string At(DateTime utc) => Data.Db.FormatTimestamp(utc);

    private static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Json);

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        ApiJson.Configure(options);
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
