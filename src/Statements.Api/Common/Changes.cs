// Appends one row per write to the changes log, inside the writing transaction, so the changes feed
// never shows a write that was rolled back nor misses one that was committed. The same call records the
// resource's revision (History/Revisions.cs), so no write can change a resource without leaving its history,
// and claims the request's Idempotency-Key, so that the key commits with the write it guards.
using System.Data;
using System.Data.Common;
using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;

namespace Statements.Api.Common;

public static class Changes
{
    /// <param name="action">created, updated, deleted or restored (a deleted statement brought back).</param>
    /// <param name="record">The resource as GET now shows it, when the writer has read it already; otherwise the revision reads it.</param>
    public static async Task RecordAsync(
        IDbConnection connection, IDbTransaction transaction, HttpContext? context,
        string resource, long id, string action, long version, object? record = null)
    {
        await Idempotency.ClaimAsync(connection, transaction, context);
        const string sql = """
            INSERT INTO changes (resource, resource_id, action, version, at, api_key_id)
            VALUES (@resource, @id, @feedAction, @version, @at, @apiKeyId)
            """;
        var apiKeyId = ApiKeyId(context);
        var at = Data.Db.Now();
        // The feed knows creations, updates and deletions; to a client that syncs, a restored resource is created again.
        var feedAction = action == "restored" ? "created" : action;
        await connection.ExecuteAsync(sql, new { resource, id, feedAction, version, at, apiKeyId }, transaction);
        await History.Revisions.RecordAsync(connection, transaction, resource, id, action, version, apiKeyId, at, record);
    }

    /// <summary>
    /// Ends a PUT or PATCH: records the update and commits, unless the resource as GET shows it (<paramref name="after"/>,
    /// read inside the transaction) is what it was (<paramref name="before"/>) but for its version and updatedAt. Such a
    /// write changed nothing, so it is rolled back whole — the new version, the baseline revision — and the resource is
    /// answered as it was, with no change or revision recorded. Comparing what GET shows, rather than the input, counts
    /// every way the store normalises a value (topic ids as a set, a month's date on its first day, no country as "")
    /// without a second copy of those rules.
    /// </summary>
    /// <returns>The resource to answer with: <paramref name="after"/>, or <paramref name="before"/> when nothing changed.</returns>
    public static async Task<T> CommitUpdateAsync<T>(
        DbConnection connection, DbTransaction transaction, HttpContext http, string resource, long id, long version, T before, T after)
        where T : notnull
    {
        if (SameExceptVersion(before, after))
        {
            await transaction.RollbackAsync(http.RequestAborted);
            return before;
        }
        await RecordAsync(connection, transaction, http, resource, id, "updated", version, after);
        await transaction.CommitAsync(http.RequestAborted);
        return after;
    }

    private static bool SameExceptVersion(object before, object after)
    {
        static JsonNode? Comparable(object resource)
        {
            var node = JsonSerializer.SerializeToNode(resource, resource.GetType(), History.Revisions.Json);
            if (node is JsonObject fields)
            {
                fields.Remove("version");
                fields.Remove("updatedAt");
            }
            return node;
        }
        return JsonNode.DeepEquals(Comparable(before), Comparable(after));
    }

    /// <summary>What <see cref="RecordAsync"/> writes, for many creations or updates at once, in the ids' order.</summary>
    public static async Task RecordManyAsync(
        IDbConnection connection, IDbTransaction transaction, HttpContext? context,
        string resource, IReadOnlyCollection<long> ids, string action, long version)
    {
        var at = Data.Db.Now();
        await RecordManyWithoutRevisionsAsync(connection, transaction, context, resource, ids, action, version, at);
        await History.Revisions.RecordCurrentAsync(connection, transaction, resource, ids, ApiKeyId(context), at);
    }

    /// <summary>
    /// <see cref="RecordManyAsync"/> without the revisions: for the bulk import, whose statements get none of their own
    /// (one row records the import's key and time instead: Revisions.RecordImportAsync).
    /// </summary>
    public static async Task RecordManyWithoutRevisionsAsync(
        IDbConnection connection, IDbTransaction transaction, HttpContext? context,
        string resource, IReadOnlyCollection<long> ids, string action, long version, string at)
    {
        await Idempotency.ClaimAsync(connection, transaction, context);
        const string sql = """
            INSERT INTO changes (resource, resource_id, action, version, at, api_key_id)
            SELECT @resource, value, @action, @version, @at, @apiKeyId FROM json_each(@ids) ORDER BY key
            """;
        var apiKeyId = ApiKeyId(context);
        await connection.ExecuteAsync(sql, new { resource, ids = Sql.JsonIds(ids), action, version, at, apiKeyId }, transaction);
    }

    /// <summary>The API key that makes the request's writes: what changes and revisions record as their author.</summary>
    public static long? ApiKeyId(HttpContext? context) =>
        long.TryParse(context?.User.FindFirstValue(ClaimTypes.NameIdentifier), out var key) ? key : null;
}
