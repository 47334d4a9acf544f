// Connections to the Statements database. Every connection enforces foreign keys, waits on locks
// instead of failing at once, and syncs each commit to disk before it is acknowledged.
using Microsoft.Data.Sqlite;

namespace Statements.Api.Data;

public sealed class Db
{
    public Db(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString)
        {
            ForeignKeys = true,
            Pooling = true,
        };
        if (builder.DefaultTimeout == 30)
        {
            builder.DefaultTimeout = 15;
        }
        ConnectionString = builder.ToString();
        DataSource = builder.DataSource;
    }

    public string ConnectionString { get; }

    /// <summary>The database file, or ":memory:".</summary>
    public string DataSource { get; }

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA synchronous = FULL;";
        await pragma.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }

    /// <summary>The current UTC time in the format every timestamp column holds.</summary>
    public static string Now() => FormatTimestamp(DateTime.UtcNow);

    public static string FormatTimestamp(DateTime utc) =>
        utc.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
