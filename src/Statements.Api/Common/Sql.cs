// Small helpers for writing SQL safely: literal LIKE patterns and recognising constraint errors.
using Microsoft.Data.Sqlite;

namespace Statements.Api.Common;

public static class Sql
{
    /// <summary>Escapes %, _ and \ so a user's text matches literally in LIKE ... ESCAPE '\'.</summary>
    public static string EscapeLike(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);

    public static bool IsUniqueViolation(SqliteException e) => e.SqliteErrorCode == 19 && e.SqliteExtendedErrorCode is 2067 or 1555;
}
