// Applies the versioned SQL scripts embedded under Data/Migrations (0001_name.sql, 0002_…) in order.
// Each script runs in its own transaction and is recorded in schema_migrations, so start-up on a database
// that is already up to date only reads that table.
using System.Reflection;
using System.Text.RegularExpressions;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Statements.Api.Data;

public static partial class Migrator
{
    /// <summary>The migration that started keeping revisions (0004_revisions).</summary>
    private const int RevisionsMigration = 4;

    public sealed record Migration(int Version, string Name, string Sql);

    public sealed record Outcome(bool WasEmpty, IReadOnlyList<int> Applied);

    public static IReadOnlyList<Migration> Embedded { get; } = LoadEmbedded();

    /// <summary>
    /// Brings the database up to date and, when it was new and <paramref name="loadSampleData"/> is set, loads the sample
    /// article. The server and the command-line tools both start here, so whichever touches a new database first seeds it.
    /// </summary>
    public static async Task PrepareAsync(Db db, bool loadSampleData)
    {
        var outcome = await MigrateAsync(db);
        if (outcome.WasEmpty && loadSampleData)
        {
            await SampleData.LoadAsync(db);
        }
        else if (outcome.Applied.Contains(RevisionsMigration) && !outcome.WasEmpty)
        {
            // Rows written before revisions were kept get theirs now, so every resource has a history to restore from.
            // Only then: later migrations must not write a revision for every row that has none (synthetic rows).
            await History.Revisions.BackfillAsync(db);
        }
        // The sample data's officials, those of a database that predates the column, and any written without the API.
        await Officials.NameSearch.FillMissingAsync(db);
    }

    /// <summary>
    /// <see cref="PrepareAsync"/>, then a check that the database takes writes. Returns null when all is well, else one line
    /// saying what is wrong, for the server or a command to print before exiting: a database that cannot be opened or
    /// written stops start-up rather than serving reads and failing every write.
    /// </summary>
    public static async Task<string?> PrepareOrExplainAsync(Db db, bool loadSampleData)
    {
        var where = string.IsNullOrEmpty(db.DataSource) ? "(none)" : db.DataSource;
        try
        {
            await PrepareAsync(db, loadSampleData);
            await using var connection = await db.OpenAsync();
            if (SQLitePCL.raw.sqlite3_db_readonly(connection.Handle, "main") == 1)
            {
                return $"Cannot start: the database '{where}' is read-only. Make the file and its folder writable, " +
                    "or point ConnectionStrings:Statements at a writable file.";
            }
            return null;
        }
        catch (Exception e) when (e is SqliteException or IOException or UnauthorizedAccessException)
        {
            var reason = e is SqliteException sqlite
                ? $"{sqlite.Message.Split('\n')[0].Replace("SQLite Error", "SQLite error", StringComparison.Ordinal)}"
                : e.Message;
            return $"Cannot start: the database '{where}' cannot be opened or written ({reason.TrimEnd('.')}). " +
                "Check ConnectionStrings:Statements and the permissions of the file and its folder.";
        }
    }

    /// <summary>Applies the pending migrations, up to and including version <paramref name="through"/> when given.</summary>
    public static async Task<Outcome> MigrateAsync(Db db, CancellationToken cancellationToken = default, int? through = null)
    {
        EnsureDirectory(db.DataSource);
        await using var connection = await db.OpenAsync(cancellationToken);

        var hasTable = await connection.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'") > 0;
        var current = hasTable
            ? await connection.ExecuteScalarAsync<long?>("SELECT max(version) FROM schema_migrations") ?? 0
            : 0;
        var pending = Embedded.Where(m => m.Version > current && m.Version <= (through ?? int.MaxValue)).ToList();
        if (pending.Count == 0)
        {
            return new Outcome(false, []);
        }

        // WAL lets readers run beside the single writer; the setting is stored in the file.
        await connection.ExecuteAsync("PRAGMA journal_mode = WAL;");
        await connection.ExecuteAsync("""
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version     INTEGER PRIMARY KEY,
                name        TEXT NOT NULL,
                applied_at  TEXT NOT NULL
            );
            """);

        var applied = new List<int>();
        foreach (var migration in pending)
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            // Another process may have applied it since we looked.
            var done = await connection.ExecuteScalarAsync<long>(
                "SELECT count(*) FROM schema_migrations WHERE version = @Version", migration, transaction);
            if (done > 0)
            {
                continue;
            }
            await connection.ExecuteAsync(migration.Sql, transaction: transaction);
            await connection.ExecuteAsync(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@Version, @Name, @At)",
                new { migration.Version, migration.Name, At = Db.Now() }, transaction);
            await transaction.CommitAsync(cancellationToken);
            applied.Add(migration.Version);
        }
        return new Outcome(current == 0, applied);
    }

    private static void EnsureDirectory(string dataSource)
    {
        if (string.IsNullOrEmpty(dataSource) || dataSource == ":memory:")
        {
            return;
        }
        var directory = Path.GetDirectoryName(Path.GetFullPath(dataSource));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }
    }

    private static List<Migration> LoadEmbedded()
    {
        var assembly = Assembly.GetExecutingAssembly();
        var migrations = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            var match = MigrationName().Match(resource);
            if (!match.Success)
            {
                continue;
            }
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            migrations.Add(new Migration(int.Parse(match.Groups[1].Value), match.Groups[2].Value, reader.ReadToEnd()));
        }
        return [.. migrations.OrderBy(m => m.Version)];
    }

    [GeneratedRegex(@"^Migrations\.(\d{4})_(.+)\.sql$")]
    private static partial Regex MigrationName();
}
