// Appends one row per write to the changes log, inside the writing transaction, so the changes feed
// never shows a write that was rolled back nor misses one that was committed. A request's Idempotency-Key is
// written here too, so that it commits with the write it guards.
using System.Data;
using System.Security.Claims;
using Dapper;

namespace Statements.Api.Common;

public static class Changes
{
    public static async Task RecordAsync(
        IDbConnection connection, IDbTransaction transaction, HttpContext? context,
        string resource, long id, string action, long version)
    {
        await Idempotency.ClaimAsync(connection, transaction, context);
        const string sql = """
            INSERT INTO changes (resource, resource_id, action, version, at, api_key_id)
            VALUES (@resource, @id, @action, @version, @at, @apiKeyId)
            """;
        var apiKeyId = long.TryParse(context?.User.FindFirstValue(ClaimTypes.NameIdentifier), out var key) ? key : (long?)null;
        await connection.ExecuteAsync(sql, new { resource, id, action, version, at = Data.Db.Now(), apiKeyId }, transaction);
    }

    /// <summary>The rows <see cref="RecordAsync"/> would write for each id, in the ids' order, in one statement: for bulk writes.</summary>
    public static async Task RecordManyAsync(
        IDbConnection connection, IDbTransaction transaction, HttpContext? context,
        string resource, IReadOnlyCollection<long> ids, string action, long version)
    {
        await Idempotency.ClaimAsync(connection, transaction, context);
        const string sql = """
            INSERT INTO changes (resource, resource_id, action, version, at, api_key_id)
            SELECT @resource, value, @action, @version, @at, @apiKeyId FROM json_each(@ids) ORDER BY key
            """;
        await connection.ExecuteAsync(sql, new
        {
            resource,
            ids = System.Text.Json.JsonSerializer.Serialize(ids),
            action,
            version,
            at = Data.Db.Now(),
            apiKeyId = long.TryParse(context?.User.FindFirstValue(ClaimTypes.NameIdentifier), out var key) ? key : (long?)null,
        }, transaction);
    }
}
