// Appends one row per write to the changes log, inside the writing transaction, so the changes feed
// never shows a write that was rolled back nor misses one that was committed. The same call records the
// resource's revision (History/Revisions.cs), so no write can change a resource without leaving its history,
// and claims the request's Idempotency-Key, so that the key commits with the write it guards.
using System.Data;
using System.Security.Claims;
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
    /// <see cref="RecordManyAsync"/> for a caller that writes the revisions itself, in the same transaction, with the
    /// same key (<see cref="ApiKeyId"/>) and time: the bulk import builds each statement's revision as it reads the line,
    /// rather than loading back rows it has just written.
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
