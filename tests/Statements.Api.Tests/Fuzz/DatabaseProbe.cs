// Reads the test server's database file over a connection of its own: the ids and slugs of existing rows (to aim
// requests at), and a fingerprint of everything stored, to prove that a rejected request changed nothing.
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;

namespace Statements.Api.Tests.Fuzz;

/// <summary>The highest change sequence number and, per table, its row count and a hash of its rows in scan order.</summary>
public sealed record Fingerprint(long MaxSeq, IReadOnlyDictionary<string, (long Rows, string Hash)> Tables)
{
    public bool SameAs(Fingerprint other) =>
        MaxSeq == other.MaxSeq && Tables.Count == other.Tables.Count
        && Tables.All(t => other.Tables.TryGetValue(t.Key, out var o) && o == t.Value);

    /// <summary>What differs, for a failure message: the change sequence and the tables whose rows differ.</summary>
    public string Difference(Fingerprint after)
    {
        var parts = new List<string>();
        if (MaxSeq != after.MaxSeq)
        {
            parts.Add($"changes max seq {MaxSeq} → {after.MaxSeq}");
        }
        foreach (var name in Tables.Keys.Union(after.Tables.Keys).Order(StringComparer.Ordinal))
        {
            var before = Tables.TryGetValue(name, out var b) ? b : (Rows: -1, Hash: "");
            var now = after.Tables.TryGetValue(name, out var a) ? a : (Rows: -1, Hash: "");
            if (before != now)
            {
                parts.Add($"table {name}: {before.Rows} → {now.Rows} rows{(before.Rows == now.Rows ? ", contents changed" : "")}");
            }
        }
        return string.Join("; ", parts);
    }
}

public sealed class DatabaseProbe : IDisposable
{
    private readonly SqliteConnection connection;

    public DatabaseProbe(string databasePath)
    {
        connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString());
        connection.Open();
    }

    /// <summary>Every ordinary table (FTS shadow tables included, the virtual table itself not), read in one snapshot.</summary>
    public Fingerprint Take()
    {
        using var transaction = connection.BeginTransaction(deferred: true);
        var tables = Strings("SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name", transaction);
        var result = new SortedDictionary<string, (long, string)>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = $"SELECT * FROM \"{table.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            long rows = 0;
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    rows++;
                    for (var i = 0; i < reader.FieldCount; i++)
                    {
                        var value = reader.GetValue(i);
                        var bytes = value switch
                        {
                            DBNull => [0],
                            byte[] blob => blob,
                            _ => Encoding.UTF8.GetBytes(Convert.ToString(value, CultureInfo.InvariantCulture) ?? ""),
                        };
                        hash.AppendData(BitConverter.GetBytes(bytes.Length));
                        hash.AppendData(bytes);
                    }
                }
            }
            result[table] = (rows, Convert.ToHexString(hash.GetHashAndReset()));
        }
        using var seq = connection.CreateCommand();
        seq.Transaction = transaction;
        seq.CommandText = "SELECT coalesce(max(seq), 0) FROM changes";
        var maxSeq = (long)seq.ExecuteScalar()!;
        transaction.Commit();
        return new Fingerprint(maxSeq, result);
    }

    /// <summary>Ids (and slugs, where the resource has them) of the rows that exist now, to fill path parameters with.</summary>
    public KnownRows Known()
    {
        var ids = new Dictionary<string, long[]>();
        var slugs = new Dictionary<string, string[]>();
        foreach (var table in new[] { "officials", "topics", "meetings", "sources", "statements", "statement_relations" })
        {
            ids[table] = Ids($"SELECT id FROM {table} ORDER BY id");
        }
        // Admin keys are left out: revoking the key the requests are sent with would turn the rest of the run into 401s.
        ids["api_keys"] = Ids("SELECT id FROM api_keys WHERE role <> 'admin' ORDER BY id");
        foreach (var table in new[] { "officials", "topics", "meetings" })
        {
            slugs[table] = [.. Strings($"SELECT slug FROM {table} ORDER BY id", null)];
        }
        return new KnownRows(ids, slugs);
    }

    private long[] Ids(string sql) => [.. Strings(sql, null).Select(s => long.Parse(s, CultureInfo.InvariantCulture))];

    private List<string> Strings(string sql, SqliteTransaction? transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var result = new List<string>();
        while (reader.Read())
        {
            result.Add(Convert.ToString(reader.GetValue(0), CultureInfo.InvariantCulture)!);
        }
        return result;
    }

    public void Dispose() => connection.Dispose();
}

/// <summary>Rows that existed when the run began, by table: officials, topics, meetings, sources, statements, statement_relations, api_keys.</summary>
public sealed class KnownRows(IReadOnlyDictionary<string, long[]> ids, IReadOnlyDictionary<string, string[]> slugs)
{
    public IReadOnlyList<long> Ids(string table) => ids.TryGetValue(table, out var list) ? list : [];

    public IReadOnlyList<string> Slugs(string table) => slugs.TryGetValue(table, out var list) ? list : [];

    public long First(string table) => Ids(table) is [var first, ..] ? first : 1;

    public string SlugFor(string resource) => Slugs(resource + "s") is [var first, ..] ? first : "none";
}
