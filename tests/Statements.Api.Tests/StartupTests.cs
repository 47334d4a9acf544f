using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Statements.Api.Data;

namespace Statements.Api.Tests;

/// <summary>Starts the real server process on a database it cannot use: it must say so in one line and exit non-zero.</summary>
public sealed class StartupTests : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "statements-tests", Guid.NewGuid().ToString("N"));

    public StartupTests() => Directory.CreateDirectory(directory);

    private async Task<(int Exit, string Out, string Error)> StartServerAsync(string connectionString)
    {
        var start = new ProcessStartInfo("dotnet", [typeof(Program).Assembly.Location, "--urls", "http://127.0.0.1:0"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = directory,
        };
        start.Environment["ConnectionStrings__Statements"] = connectionString;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("The server started instead of refusing the database.");
        }
        return (process.ExitCode, await output, await error);
    }

    private static void AssertOneClearLine(string error, string expected)
    {
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.True(lines.Length == 1, $"expected one line on stderr, got:\n{error}");
        Assert.StartsWith("Cannot start: ", lines[0]);
        Assert.Contains(expected, lines[0]);
        Assert.DoesNotContain("Exception", lines[0]);
    }

    [Fact]
    public async Task AReadOnlyDatabaseStopsStartUpWithOneLine()
    {
        var path = Path.Combine(directory, "statements.db");
        await Migrator.MigrateAsync(new Db($"Data Source={path}"));
        SqliteConnection.ClearAllPools();

        var (exit, output, error) = await StartServerAsync($"Data Source={path};Mode=ReadOnly");

        Assert.NotEqual(0, exit);
        AssertOneClearLine(error, "is read-only");
        Assert.DoesNotContain("Now listening", output);
    }

    [Fact]
    public async Task AnUnreachableDatabaseStopsStartUpWithOneLine()
    {
        var file = Path.Combine(directory, "not-a-folder");
        await File.WriteAllTextAsync(file, "");

        var (exit, _, error) = await StartServerAsync($"Data Source={Path.Combine(file, "statements.db")}");

        Assert.NotEqual(0, exit);
        AssertOneClearLine(error, "cannot be opened or written");
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
