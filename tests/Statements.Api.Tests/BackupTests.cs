// The backup command: a copy that opens, passes integrity_check and holds the same rows, also when taken while
// writes go on; an existing file is never overwritten and a missing database is never created.
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Statements.Api.Data;

namespace Statements.Api.Tests;

public sealed class BackupApiFactory : ApiFactory;

public sealed class BackupTests(BackupApiFactory factory) : IClassFixture<BackupApiFactory>, IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "statements-tests", Guid.NewGuid().ToString("N"));

    private Db LiveDb => factory.Services.GetRequiredService<Db>();

    private string NewPath() => Path.Combine(Directory.CreateDirectory(directory).FullName, $"backup-{Guid.NewGuid():N}.db");

    private static object Statement(string text) => new
    {
        officialId = 1, text, kind = "quote", language = "en", saidOn = "2021-06-16", saidOnPrecision = "day",
    };

    private static SqliteConnection Open(string path, bool readOnly = true) =>
        new($"Data Source={path};Mode={(readOnly ? "ReadOnly" : "ReadWrite")};Pooling=False");

    /// <summary>Every row of every table (the full-text index's included), as text, sorted: equal sets mean equal contents.</summary>
    private static async Task<SortedDictionary<string, List<string>>> ContentsAsync(SqliteConnection connection)
    {
        var contents = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        var tables = await connection.QueryAsync<string>(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name");
        foreach (var table in tables)
        {
            var rows = await connection.QueryAsync($"SELECT * FROM \"{table}\"");
            contents[table] = [.. rows.Select(row => string.Join('\u001f', ((IDictionary<string, object?>)row).Select(c => $"{c.Key}={c.Value}"))).Order(StringComparer.Ordinal)];
        }
        return contents;
    }

    private static async Task AssertSoundAsync(SqliteConnection copy)
    {
        Assert.Equal("ok", await copy.ExecuteScalarAsync<string>("PRAGMA integrity_check"));
        Assert.Equal("wal", await copy.ExecuteScalarAsync<string>("PRAGMA journal_mode"));
        Assert.Empty(await copy.QueryAsync("PRAGMA foreign_key_check"));
        // The external-content full-text index agrees with the rows it indexes.
        await copy.ExecuteAsync("INSERT INTO statements_fts (statements_fts, rank) VALUES ('integrity-check', 1)");
    }

    [Fact]
    public async Task ABackupHoldsTheSameRowsAsTheLiveDatabase()
    {
        var writer = factory.CreateWriter();
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await writer.PostJsonAsync("/api/v1/statements", Statement($"Quiet backup {i}."))).StatusCode);
        }
        var path = NewPath();

        var result = await Backup.WriteAsync(LiveDb, path);

        Assert.Equal(path, result.Target);
        Assert.Equal(new FileInfo(path).Length, result.Bytes);
        Assert.Empty(Directory.GetFiles(directory, "*.partial*"));
        await using var copy = Open(path, readOnly: false);
        await copy.OpenAsync();
        await AssertSoundAsync(copy);
        await using var live = Open(factory.DatabasePath);
        await live.OpenAsync();
        var expected = await ContentsAsync(live);
        var actual = await ContentsAsync(copy);
        Assert.Equal(expected.Keys, actual.Keys);
        foreach (var table in expected.Keys)
        {
            Assert.True(expected[table].SequenceEqual(actual[table]), $"table {table} differs in the copy");
        }
        Assert.True(expected["statements"].Count > 5);
    }

    [Fact]
    public async Task ABackupTakenWhileWritesGoOnIsAConsistentSnapshot()
    {
        var writer = factory.CreateWriter();
        var marker = $"busy-{Guid.NewGuid():N}";
        var acknowledged = new ConcurrentDictionary<long, string>();
        using var stop = new CancellationTokenSource();
        async Task WriteUntilStoppedAsync(int lane)
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var text = $"{marker} lane {lane} write {i}";
                var response = await writer.PostJsonAsync("/api/v1/statements", Statement(text));
                Assert.Equal(HttpStatusCode.Created, response.StatusCode);
                acknowledged[(await response.ReadJsonAsync()).GetProperty("id").GetInt64()] = text;
            }
        }
        var writers = Enumerable.Range(0, 4).Select(lane => Task.Run(() => WriteUntilStoppedAsync(lane))).ToArray();
        async Task WaitForWritesAsync(int count)
        {
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (acknowledged.Count < count)
            {
                if (writers.FirstOrDefault(w => w.IsFaulted) is { } failed)
                {
                    await failed;
                }
                Assert.True(DateTime.UtcNow < deadline, $"only {acknowledged.Count} of {count} writes acknowledged");
                await Task.Delay(10);
            }
        }
        await WaitForWritesAsync(20);

        var before = acknowledged.ToDictionary();
        var paths = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            paths.Add((await Backup.WriteAsync(LiveDb, NewPath())).Target);
        }
        await WaitForWritesAsync(acknowledged.Count + 10);
        await stop.CancelAsync();
        await Task.WhenAll(writers);

        await using var live = Open(factory.DatabasePath);
        await live.OpenAsync();
        var liveRows = (await live.QueryAsync<(long Id, string Text)>("SELECT id, text FROM statements")).ToDictionary(r => r.Id, r => r.Text);
        foreach (var path in paths)
        {
            await using var copy = Open(path, readOnly: false);
            await copy.OpenAsync();
            await AssertSoundAsync(copy);
            var copied = (await copy.QueryAsync<(long Id, string Text)>("SELECT id, text FROM statements")).ToDictionary(r => r.Id, r => r.Text);
            // Everything acknowledged before the backup began is in it; everything in it is in the live database.
            Assert.All(before, pair => Assert.Equal(pair.Value, copied.GetValueOrDefault(pair.Key)));
            Assert.All(copied, pair => Assert.Equal(pair.Value, liveRows.GetValueOrDefault(pair.Key)));
            Assert.True(copied.Count < liveRows.Count, "writes after the backup are not in it");
            // One snapshot: each statement's write came with its change and revision, and no change or revision is without its statement.
            Assert.Equal(0, await copy.ExecuteScalarAsync<long>("""
                SELECT count(*) FROM statements s
                WHERE NOT EXISTS (SELECT 1 FROM changes c WHERE c.resource = 'statement' AND c.resource_id = s.id AND c.version = s.version)
                   OR NOT EXISTS (SELECT 1 FROM revisions r WHERE r.resource = 'statement' AND r.resource_id = s.id AND r.version = s.version)
                """));
            Assert.Equal(0, await copy.ExecuteScalarAsync<long>("""
                SELECT count(*) FROM changes c
                WHERE c.resource = 'statement' AND c.action = 'created'
                  AND NOT EXISTS (SELECT 1 FROM statements s WHERE s.id = c.resource_id)
                """));
        }
    }

    [Fact]
    public async Task ABackupOfAMissingDatabaseCreatesNothing()
    {
        var missing = Path.Combine(Directory.CreateDirectory(directory).FullName, "missing.db");
        var target = NewPath();

        var error = await Assert.ThrowsAsync<Backup.BackupException>(() => Backup.WriteAsync(new Db($"Data Source={missing}"), target));

        Assert.Contains("there is no database", error.Message);
        Assert.False(File.Exists(missing));
        Assert.False(File.Exists(target));
    }

    [Fact]
    public async Task TheBackupCommandWritesANewFileAndRefusesAnExistingOneInOneLine()
    {
        var path = NewPath();
        var (exit, error) = await RunCommandAsync("backup", path);

        Assert.Equal(0, exit);
        Assert.Contains("integrity check ok", error);
        await using (var copy = Open(path))
        {
            await copy.OpenAsync();
            Assert.Equal("ok", await copy.ExecuteScalarAsync<string>("PRAGMA integrity_check"));
        }
        var existing = await File.ReadAllBytesAsync(path);

        (exit, error) = await RunCommandAsync("backup", path);

        Assert.Equal(1, exit);
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.True(lines.Length == 1, $"expected one line on stderr, got:\n{error}");
        Assert.StartsWith("Cannot back up: ", lines[0]);
        Assert.Contains("already exists", lines[0]);
        Assert.Equal(existing, await File.ReadAllBytesAsync(path));

        (exit, _) = await RunCommandAsync("backup");
        Assert.Equal(2, exit);
    }

    /// <summary>Runs the server's program as a command against the factory's database; returns its exit code and stderr.</summary>
    private async Task<(int Exit, string Error)> RunCommandAsync(params string[] args)
    {
        factory.CreateClient(); // the database exists once the server has started
        var start = new ProcessStartInfo("dotnet", [typeof(Program).Assembly.Location, .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Directory.CreateDirectory(directory).FullName,
        };
        start.Environment["ConnectionStrings__Statements"] = $"Data Source={factory.DatabasePath}";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        await output;
        return (process.ExitCode, await error);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
