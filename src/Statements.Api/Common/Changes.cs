// Appends one row per write to the changes log, inside the writing transaction, so the changes feed
// never shows a write that was rolled back nor misses one that was committed.
using System.Data;
using System.Security.Claims;
using Dapper;

namespace Statements.Api.Common;

public static class Changes
{
    public static Task RecordAsync(
        IDbConnection connection, IDbTransaction transaction, HttpContext? context,
        string resource, long id, string action, long version)
    {
        const string sql = """
            INSERT INTO changes (resource, resource_id, action, version, at, api_key_id)
            VALUES (@resource, @id, @action, @version, @at, @apiKeyId)
            """;
        var apiKeyId = long.TryParse(context?.User.FindFirstValue(ClaimTypes.NameIdentifier), out var key) ? key : (long?)null;
        return connection.ExecuteAsync(sql, new { resource, id, action, version, at = Data.Db.Now(), apiKeyId }, transaction);
    }
}
