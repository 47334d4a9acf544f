// Appends one row per write to the changes log, inside the writing transaction, so the changes feed
// never shows a write that was rolled back nor misses one that was committed. The same call records the
// resource's revision (History/Revisions.cs), so no write can change a resource without leaving its history.
using System.Data;
using System.Security.Claims;
using Dapper;

namespace Statements.Api.Common;

public static class Changes
{
    /// <param name="action">created, updated, deleted or restored (a deleted statement brought back).</param>
    public static async Task RecordAsync(
        IDbConnection connection, IDbTransaction transaction, HttpContext? context,
        string resource, long id, string action, long version)
    {
        const string sql = """
            INSERT INTO changes (resource, resource_id, action, version, at, api_key_id)
            VALUES (@resource, @id, @feedAction, @version, @at, @apiKeyId)
            """;
        var apiKeyId = long.TryParse(context?.User.FindFirstValue(ClaimTypes.NameIdentifier), out var key) ? key : (long?)null;
        var at = Data.Db.Now();
        // The feed knows creations, updates and deletions; to a client that syncs, a restored resource is created again.
        var feedAction = action == "restored" ? "created" : action;
        await connection.ExecuteAsync(sql, new { resource, id, feedAction, version, at, apiKeyId }, transaction);
        await History.Revisions.RecordAsync(connection, transaction, resource, id, action, version, apiKeyId, at);
    }
}
