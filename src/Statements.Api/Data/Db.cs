// Connections to the Statements database. Every connection enforces foreign keys, waits on locks
// instead of failing at once, syncs each commit to disk before it is acknowledged, and keeps to the
// operator's cap on the database's size (Statements:MaxDatabaseSizeMB), if any.
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Primitives;

namespace Statements.Api.Data;

public sealed class Db
{
    public const string MaxSizeSetting = "Statements:MaxDatabaseSizeMB";

    // SQLite's own ceiling on max_page_count: what a connection that once had a cap goes back to when it is lifted.
    private const long NoPageLimit = 4294967294;

    // What configured holds for a connection not yet set up, and for one set up while no cap was ever set.
    private const long Unset = -2;
    private const long NoCap = -1;

    // Per physical connection (SQLite's handle, which outlives each SqliteConnection that borrows it from the pool): the
    // cap it was last given, NoCap, or Unset.
    private readonly ConditionalWeakTable<SQLitePCL.sqlite3, StrongBox<long>> configured = new();

    private long maxSizeMB;
    private long pageSize;
    private volatile bool capEverSet;

    public Db(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString)
        {
            // Set once per connection in OpenAsync rather than by Microsoft.Data.Sqlite on every open.
            ForeignKeys = null,
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
        // SQLite keeps these settings per connection, and the pool hands the same connection out again and again: they
        // are set when the pool first hands it out, and the cap again whenever it has changed since.
        var cap = capEverSet ? MaxSizeMB : NoCap;
        var settings = configured.GetValue(connection.Handle!, static _ => new StrongBox<long>(Unset));
        if (settings.Value == cap)
        {
            return connection;
        }
        using var pragma = connection.CreateCommand();
        if (settings.Value == Unset)
        {
            // Writers leave checkpoints to the server's background task (Checkpoints) until the log reaches ten times
            // SQLite's default, so a client's write does not pay for one; commands without that task still checkpoint.
            pragma.CommandText = "PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL; PRAGMA wal_autocheckpoint = 10000;";
            await pragma.ExecuteNonQueryAsync(cancellationToken);
        }
        if (cap != NoCap)
        {
            await ApplySizeCapAsync(pragma, cap, cancellationToken);
        }
        settings.Value = cap;
        return connection;
    }

    /// <summary>
    /// Turns off foreign key checks for one connection, until it next comes out of the pool, for a caller that checks
    /// every key itself inside its own write transaction (the bulk import). Must run outside a transaction: SQLite ignores
    /// the setting inside one. Whatever happens next, the connection's next <see cref="OpenAsync"/> sets every setting again.
    /// </summary>
    public async Task SkipForeignKeyChecksAsync(SqliteConnection connection, CancellationToken cancellationToken = default)
    {
        configured.GetValue(connection.Handle!, static _ => new StrongBox<long>(Unset)).Value = Unset;
        using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA foreign_keys = OFF;";
        await pragma.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task ApplySizeCapAsync(SqliteCommand pragma, long cap, CancellationToken cancellationToken)
    {
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

    /// <summary>How every timestamp is stored and shown: UTC to the millisecond, with Z.</summary>
    public const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    public static string FormatTimestamp(DateTime utc) => utc.ToString(TimestampFormat, System.Globalization.CultureInfo.InvariantCulture);
}
