// Connections to the Statements database. Every connection enforces foreign keys, waits on locks
// instead of failing at once, syncs each commit to disk before it is acknowledged, and keeps to the
// operator's cap on the database's size (Statements:MaxDatabaseSizeMB), if any.
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Primitives;

namespace Statements.Api.Data;

public sealed class Db
{
    public const string MaxSizeSetting = "Statements:MaxDatabaseSizeMB";

    // SQLite's own ceiling on max_page_count: what a connection that once had a cap goes back to when it is lifted.
    private const long NoPageLimit = 4294967294;

    private long maxSizeMB;
    private long pageSize;
    private volatile bool capEverSet;

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

    /// <summary>
    /// The most the database file may grow to, in MiB; 0 for no cap but the disk's. A write that would grow the database
    /// past it fails as on a full disk (SQLITE_FULL, answered 507) and changes nothing; reads go on. The cap never shrinks a
    /// database: one already larger keeps its size, and only writes that fit in its free pages succeed. SQLite does not store
    /// the cap in the file, so every connection gets it as it opens, and a changed cap holds from each connection's next open.
    /// </summary>
    public long MaxSizeMB
    {
        get => Interlocked.Read(ref maxSizeMB);
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            if (value > 0)
            {
                capEverSet = true;
            }
            Interlocked.Exchange(ref maxSizeMB, value);
        }
    }

    /// <summary>
    /// Keeps <see cref="MaxSizeMB"/> at the Statements:MaxDatabaseSizeMB setting, now and each time the configuration reloads
    /// (appsettings.json is watched), so an operator can raise a cap without a restart. A reloaded value that is not a
    /// whole number of MiB, 0 or more, leaves the cap as it was; at start-up it is an error.
    /// </summary>
    public Db FollowConfiguration(IConfiguration configuration)
    {
        MaxSizeMB = ReadMaxSize(configuration)
            ?? throw new InvalidOperationException($"{MaxSizeSetting} must be a whole number of MiB, 0 or more (0: no cap).");
        ChangeToken.OnChange(configuration.GetReloadToken, () => MaxSizeMB = ReadMaxSize(configuration) ?? MaxSizeMB);
        return this;
    }

    private static long? ReadMaxSize(IConfiguration configuration) =>
        configuration[MaxSizeSetting] is not { Length: > 0 } text ? 0
        : long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value
        : null;

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        using var pragma = connection.CreateCommand();
        // Writers leave checkpoints to the server's background task (Checkpoints) until the log reaches ten times
        // SQLite's default, so a client's write does not pay for one; commands without that task still checkpoint.
        pragma.CommandText = "PRAGMA synchronous = FULL; PRAGMA wal_autocheckpoint = 10000;";
        await pragma.ExecuteNonQueryAsync(cancellationToken);
        if (capEverSet)
        {
            await ApplySizeCapAsync(pragma, cancellationToken);
        }
        return connection;
    }

    private async Task ApplySizeCapAsync(SqliteCommand pragma, CancellationToken cancellationToken)
    {
        var cap = MaxSizeMB;
        var maxPages = NoPageLimit;
        if (cap > 0)
        {
            if (Interlocked.Read(ref pageSize) == 0)
            {
                // The page size only changes when a database is rebuilt; read it once.
                pragma.CommandText = "PRAGMA page_size;";
                Interlocked.Exchange(ref pageSize, (long)(await pragma.ExecuteScalarAsync(cancellationToken))!);
            }
            maxPages = cap >= NoPageLimit ? NoPageLimit : Math.Clamp(cap * 1024 * 1024 / Interlocked.Read(ref pageSize), 1, NoPageLimit);
        }
        pragma.CommandText = $"PRAGMA max_page_count = {maxPages};";
        await pragma.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The current UTC time in the format every timestamp column holds.</summary>
    public static string Now() => FormatTimestamp(DateTime.UtcNow);

    public static string FormatTimestamp(DateTime utc) =>
        utc.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
