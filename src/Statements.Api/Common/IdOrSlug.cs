// Officials, topics and meetings are addressed by numeric id or by slug; this resolves either to the id.
using System.Data;
using Dapper;

namespace Statements.Api.Common;

public static class IdOrSlug
{
    /// <param name="table">A table name written in code (officials, topics, meetings), never user input.</param>
    public static Task<long?> FindAsync(IDbConnection connection, string table, string idOrSlug, IDbTransaction? transaction = null)
    {
        var isId = Ids.TryParse(idOrSlug, out var id);
        var sql = isId
            ? $"SELECT id FROM {table} WHERE id = @value"
            : $"SELECT id FROM {table} WHERE slug = @value";
        object value = isId ? id : idOrSlug;
        return connection.ExecuteScalarAsync<long?>(sql, new { value }, transaction);
    }

    /// <summary>Resolves every value of a repeatable filter; an unknown one is a 400 naming it.</summary>
    public static async Task<long[]> FindAllAsync(IDbConnection connection, string table, string filter, string[]? values)
    {
        if (values is null || values.Length == 0)
        {
            return [];
        }
        var ids = new List<long>();
        foreach (var value in values.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            ids.Add(await FindAsync(connection, table, value)
                ?? throw new BadInputException(filter, $"There is no {filter} '{value}'."));
        }
        return [.. ids.Distinct()];
    }
}
