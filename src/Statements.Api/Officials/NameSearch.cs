// The officials list's q: text contained in an official's name, native name or an alias, ignoring case in every script
// and diacritics (q=лавров finds Лавров, q=Antonio finds António, q=antónio finds ANTÓNIO).
//
// Each official keeps its names folded (lower case, diacritics removed) in officials.names_folded, written with every
// write of the official, and the list compares the folded q with instr(), a plain substring test (so % and _ are
// themselves, with nothing to escape). Folding needs Unicode tables that SQLite's lower() and LIKE lack (they fold ASCII
// only), and the other way to bring .NET's, a function registered on each connection and called in the query, would
// fold every name of every official on every search: a call from SQLite into .NET per value, milliseconds to tens of
// milliseconds for a list query over a few thousand officials, where reading one stored column is a fraction of that:
// at 5,000 officials (seed-synthetic --officials 5000) a q that matches none scans the column in 2–3 ms, against 9 ms
// for the ASCII-only LIKE over name, native name and json_each(aliases) it replaced.
// A stored column also needs nothing registered by whoever else opens the database (the sqlite3 shell, a backup tool),
// and would serve a PostgreSQL backend unchanged. Rows written without the API (the sample data's SQL, the shell) are
// folded at the next start-up (FillMissingAsync), found through a partial index of the officials whose names are not
// folded yet, which is empty otherwise.
using System.Text.Json;
using Dapper;
using Statements.Api.Common;
using Statements.Api.Data;

namespace Statements.Api.Officials;

public static class NameSearch
{
    /// <summary>Stands between the folded names: folding turns control characters into spaces, so a q never spans two names.</summary>
    private const char Between = '\u001F';

    /// <summary>The value of officials.names_folded for these names.</summary>
    public static string Folded(string name, string? nativeName, IEnumerable<string>? aliases) =>
        string.Join(Between, new[] { name, nativeName }.Concat(aliases ?? []).OfType<string>().Select(Folding.Fold));

    /// <summary>A list's q as the names are compared with it, or null when there is nothing to look for.</summary>
    public static string? Query(string? q) => string.IsNullOrWhiteSpace(q) ? null : Folding.Fold(q.Trim());

    /// <summary>Folds the names of the officials written without the API since the last start (none, usually: one index lookup).</summary>
    public static async Task FillMissingAsync(Db db)
    {
        await using var connection = await db.OpenAsync();
        var rows = (await connection.QueryAsync<(long Id, string Name, string? NativeName, string Aliases)>(
            "SELECT id, name, native_name, aliases FROM officials WHERE names_folded IS NULL")).AsList();
        if (rows.Count == 0)
        {
            return;
        }
        await using var transaction = await connection.BeginTransactionAsync();
        await connection.ExecuteAsync("UPDATE officials SET names_folded = @folded WHERE id = @Id",
            rows.Select(r => new { r.Id, folded = Folded(r.Name, r.NativeName, Aliases(r.Aliases)) }), transaction);
        await transaction.CommitAsync();
    }

    /// <summary>The aliases column (a JSON array of strings); a value that is not one, written by hand, counts as none.</summary>
    private static List<string> Aliases(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<List<string>>(json) ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }
}
