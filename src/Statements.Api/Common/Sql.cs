// Small helpers for writing SQL safely: literal LIKE patterns, id lists and recognising constraint errors.
using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Statements.Api.Common;

public static class Sql
{
    /// <summary>Escapes %, _ and \ so a user's text matches literally in LIKE ... ESCAPE '\'.</summary>
    public static string EscapeLike(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);

    /// <summary>
    /// Many ids as one parameter, a JSON array, for <c>IN (SELECT value FROM json_each(@ids))</c>. Dapper's <c>IN @ids</c>
    /// binds one parameter per id, and SQLite looks each one up by name in a linear search: for the thousand ids of an
    /// export batch, a million name comparisons. (Full-text lookups by rowid keep <c>IN @ids</c>: FTS5 only narrows to
    /// the rowids of a literal list.)
    /// </summary>
    public static string JsonIds(IEnumerable<long> ids) =>
        "[" + string.Join(',', ids.Select(id => id.ToString(CultureInfo.InvariantCulture))) + "]";

    /// <summary>
    /// <c>(@name0, @name1, …)</c>, for <c>x IN …</c>, with a parameter per value added: the list Dapper makes of
    /// <c>IN @name</c> when it runs a query, made beforehand, so that a query run without Dapper (the CSV export's, see
    /// RowStatement.Query) binds the same single values.
    /// </summary>
    public static string In<T>(DynamicParameters parameters, string name, IEnumerable<T> values)
    {
        var names = new List<string>();
        foreach (var value in values)
        {
            var item = $"{name}{names.Count}";
            parameters.Add(item, value);
            names.Add("@" + item);
        }
        return names.Count == 0 ? "(NULL)" : $"({string.Join(", ", names)})";
    }

    public static bool IsUniqueViolation(SqliteException e) => e.SqliteErrorCode == 19 && e.SqliteExtendedErrorCode is 2067 or 1555;
}
