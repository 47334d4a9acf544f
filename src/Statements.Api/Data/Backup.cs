// The backup command: "backup <path>" writes a consistent copy of the live database to a new file, while the
// server keeps serving. VACUUM INTO reads one snapshot (a read transaction, which in WAL mode neither waits for
// writers nor holds them up) and writes it compacted to a temporary file beside the target; the copy is synced to
// disk, checked with integrity_check, and only then renamed to the target, so the path never holds a partial copy.
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Statements.Api.Data;

public static class Backup
{
    public const string Usage = "usage: backup <path>   (a new file; an existing one is never overwritten)";

    public sealed record Result(string Source, string Target, long Bytes);

    /// <summary>Why a backup was refused or failed, in one line.</summary>
    public sealed class BackupException(string message) : Exception(message);

    /// <summary>Runs "backup &lt;path&gt;"; returns the process exit code.</summary>
    public static async Task<int> RunCommandAsync(string[] args, Db db)
    {
        if (args is not ["backup", { Length: > 0 } path])
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }
        try
        {
            var result = await WriteAsync(db, path);
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Backed up '{result.Source}' to '{result.Target}' ({result.Bytes:N0} bytes, integrity check ok)."));
            return 0;
        }
        catch (BackupException e)
        {
            Console.Error.WriteLine($"Cannot back up: {e.Message}");
            return 1;
        }
    }

    /// <summary>Copies the database to <paramref name="path"/>, which must not exist yet; throws <see cref="BackupException"/> otherwise.</summary>
    public static async Task<Result> WriteAsync(Db db, string path, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(db.DataSource) || db.DataSource == ":memory:" || !File.Exists(db.DataSource))
        {
            throw new BackupException($"there is no database at '{db.DataSource}'. Check ConnectionStrings:Statements.");
        }
        var source = Path.GetFullPath(db.DataSource);
        var target = Path.GetFullPath(path);
        if (File.Exists(target) || Directory.Exists(target))
        {
            throw new BackupException($"'{target}' already exists; a backup never overwrites a file. Choose a new path.");
        }
        var folder = Path.GetDirectoryName(target)!;
        if (!Directory.Exists(folder))
        {
            throw new BackupException($"the folder '{folder}' does not exist.");
        }

        var partial = Path.Combine(folder, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.partial");
        try
        {
            // Mode=ReadWrite: never create a database where there was none. No pooling: the command ends here.
            var connectionString = new SqliteConnectionStringBuilder(db.ConnectionString)
            {
                Mode = SqliteOpenMode.ReadWrite,
                Pooling = false,
            }.ToString();
            await using (var connection = new SqliteConnection(connectionString))
            {
                await connection.OpenAsync(cancellationToken);
                await using var vacuum = connection.CreateCommand();
                vacuum.CommandText = "VACUUM INTO @partial";
                vacuum.Parameters.AddWithValue("@partial", partial);
                await vacuum.ExecuteNonQueryAsync(cancellationToken);
            }
            await PrepareCopyAsync(partial, cancellationToken);
            // SQLite does not sync a VACUUM INTO file; the copy is on disk before it takes the target's name.
            await using (var file = new FileStream(partial, FileMode.Open, FileAccess.ReadWrite))
            {
                file.Flush(flushToDisk: true);
            }
            // Without overwrite: a file that appeared at the target meanwhile is kept, and this copy is dropped.
            File.Move(partial, target, overwrite: false);
            return new Result(source, target, new FileInfo(target).Length);
        }
        catch (Exception e) when (e is SqliteException or IOException or UnauthorizedAccessException)
        {
            var reason = e is SqliteException sqlite ? sqlite.Message.Split('\n')[0] : e.Message;
            throw new BackupException(e is IOException && File.Exists(target)
                ? $"'{target}' already exists; a backup never overwrites a file. Choose a new path."
                : $"copying '{source}' to '{target}' failed ({reason.TrimEnd('.')}).");
        }
        finally
        {
            File.Delete(partial);
            foreach (var suffix in new[] { "-wal", "-shm", "-journal" })
            {
                File.Delete(partial + suffix);
            }
        }
    }

    /// <summary>Puts the copy in WAL mode like the live database (VACUUM INTO writes a rollback-journal file) and checks it.</summary>
    private static async Task PrepareCopyAsync(string partial, CancellationToken cancellationToken)
    {
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = partial,
            Mode = SqliteOpenMode.ReadWrite,
            Pooling = false,
        }.ToString();
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode = WAL;";
        await command.ExecuteNonQueryAsync(cancellationToken);
        command.CommandText = "PRAGMA integrity_check;";
        var verdict = (string?)await command.ExecuteScalarAsync(cancellationToken);
        if (verdict != "ok")
        {
            throw new BackupException($"the copy failed its integrity check ({verdict}); nothing was written.");
        }
    }
}
