// A full disk: with Statements:MaxDatabaseSizeMB, SQLite answers a write that would grow the database past the cap
// with SQLITE_FULL, exactly as on a disk with no space left. The API must answer 507 with a problem, keep serving
// reads, lose nothing it acknowledged, and take writes again as soon as there is room, without a restart.
using System.Net;
using System.Text.Json;
using Dapper;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Statements.Api.Data;

namespace Statements.Api.Tests;

/// <summary>A configuration source whose values a test changes while the server runs, as an edited appsettings.json would.</summary>
public sealed class ReloadableSettings : ConfigurationProvider, IConfigurationSource
{
    public IConfigurationProvider Build(IConfigurationBuilder builder) => this;

    public void Change(string key, string? value)
    {
        Data[key] = value;
        OnReload();
    }
}

/// <summary>A database capped at 1 MiB, and a setting the test can raise while the server runs.</summary>
public sealed class CappedApiFactory : ApiFactory
{
    public ReloadableSettings Settings { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        Settings.Change(Db.MaxSizeSetting, "1");
        builder.ConfigureAppConfiguration(configuration => configuration.Add(Settings));
    }
}

public sealed class DurabilityTests(CappedApiFactory factory) : IClassFixture<CappedApiFactory>
{
    private static object Statement(string text) => new
    {
        officialId = 1, text, kind = "quote", language = "en", saidOn = "2021-06-16", saidOnPrecision = "day",
    };

    /// <summary>About 15,000 characters of words no other text has, so each statement grows the table, the index and the history.</summary>
    private static string Bulky(string marker, int index)
    {
        var random = new Random(index);
        var words = Enumerable.Range(0, 1_500).Select(_ => new string([.. Enumerable.Range(0, 9).Select(_ => (char)('a' + random.Next(26)))]));
        return $"{marker}-{index} {string.Join(' ', words)}";
    }

    [Fact]
    public async Task AFullDiskAnswers507AndWritesResumeOnceThereIsRoomWithNothingAcknowledgedLost()
    {
        factory.Settings.Change(Db.MaxSizeSetting, "1");
        var writer = factory.CreateWriter();
        var marker = $"full-{Guid.NewGuid():N}";
        var acknowledged = new Dictionary<long, string>();
        HttpResponseMessage? refused = null;
        for (var i = 0; i < 400 && refused is null; i++)
        {
            var text = Bulky(marker, i);
            var response = await writer.PostJsonAsync("/api/v1/statements", Statement(text));
            if (response.StatusCode == HttpStatusCode.Created)
            {
                acknowledged.Add((await response.ReadJsonAsync()).GetProperty("id").GetInt64(), text);
            }
            else
            {
                refused = response;
            }
        }

        Assert.NotNull(refused);
        Assert.NotEmpty(acknowledged);
        var problem = await refused.AssertProblemAsync(HttpStatusCode.InsufficientStorage);
        Assert.Equal("Insufficient Storage", problem.GetProperty("title").GetString());
        Assert.Contains("full", problem.GetProperty("detail").GetString());

        // Full, the database still answers reads, so the instance stays ready; a smaller write may still fit, a big one not.
        Assert.Equal(HttpStatusCode.OK, (await factory.CreateClient().GetAsync("/health/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await writer.GetAsync($"/api/v1/statements/{acknowledged.Keys.First()}")).StatusCode);
        Assert.Equal(HttpStatusCode.InsufficientStorage,
            (await writer.PostJsonAsync("/api/v1/statements", Statement(Bulky(marker, 1_000)))).StatusCode);

        factory.Settings.Change(Db.MaxSizeSetting, "64");

        var after = await writer.PostJsonAsync("/api/v1/statements", Statement(Bulky(marker, 2_000)));
        Assert.Equal(HttpStatusCode.Created, after.StatusCode);
        acknowledged.Add((await after.ReadJsonAsync()).GetProperty("id").GetInt64(), Bulky(marker, 2_000));
        foreach (var (id, text) in acknowledged)
        {
            var statement = await (await writer.GetAsync($"/api/v1/statements/{id}")).ReadJsonAsync();
            Assert.Equal(text, statement.GetProperty("text").GetString());
        }

        // Nothing of the refused writes is left: no row, no change, no revision; and the file is sound.
        await using var connection = new SqliteConnection($"Data Source={factory.DatabasePath};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        var stored = (await connection.QueryAsync<long>(
            "SELECT id FROM statements WHERE text LIKE @prefix ORDER BY id", new { prefix = marker + "-%" })).ToList();
        Assert.Equal(acknowledged.Keys.Order(), stored);
        Assert.Equal(acknowledged.Count, await connection.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM revisions WHERE resource = 'statement' AND body LIKE @pattern", new { pattern = $"%{marker}-%" }));
        Assert.Equal("ok", await connection.ExecuteScalarAsync<string>("PRAGMA integrity_check"));
    }

    [Fact]
    public async Task ABulkImportPastTheCapAnswers507AndLeavesTheDatabaseAndConnectionAsTheyWere()
    {
        var writer = factory.CreateWriter();
        var marker = $"bulkfull{Guid.NewGuid():N}";
        // 300 lines of about 4 KB: over a MiB, more than the capped database has room for.
        var line = JsonSerializer.Serialize(Statement($"{marker} {string.Join(' ', Enumerable.Repeat("fill", 800))}"));
        HttpResponseMessage refused;
        try
        {
            factory.Settings.Change(Db.MaxSizeSetting, "1");
            refused = await PostNdjsonAsync(writer, string.Concat(Enumerable.Repeat(line + "\n", 300)));
        }
        finally
        {
            factory.Settings.Change(Db.MaxSizeSetting, "64");
        }

        var problem = await refused.AssertProblemAsync(HttpStatusCode.InsufficientStorage);
        Assert.Contains("full", problem.GetProperty("detail").GetString());
        await using (var connection = new SqliteConnection($"Data Source={factory.DatabasePath};Mode=ReadOnly;Pooling=False"))
        {
            Assert.Equal(0, await connection.ExecuteScalarAsync<long>(
                "SELECT count(*) FROM statements WHERE text LIKE @prefix", new { prefix = marker + "%" }));
        }
        // The import's large page cache is not left on the pooled connection it ran on.
        await using (var pooled = await factory.Services.GetRequiredService<Db>().OpenAsync())
        {
            Assert.NotEqual(-262144, await pooled.ExecuteScalarAsync<long>("PRAGMA cache_size"));
        }

        // With room again, an import goes through and the full-text trigger the import drops for its duration is back.
        Assert.Equal(HttpStatusCode.OK, (await PostNdjsonAsync(writer, line + "\n")).StatusCode);
        var single = await writer.PostJsonAsync("/api/v1/statements", Statement($"{marker}single one more"));
        Assert.Equal(HttpStatusCode.Created, single.StatusCode);
        var found = await (await writer.GetAsync($"/api/v1/statements?q={marker}single")).ReadJsonAsync();
        Assert.Equal(1, found.GetProperty("items").GetArrayLength());
        await using (var connection = new SqliteConnection($"Data Source={factory.DatabasePath};Pooling=False"))
        {
            await connection.ExecuteAsync("INSERT INTO statements_fts (statements_fts, rank) VALUES ('integrity-check', 1)");
            Assert.Equal("ok", await connection.ExecuteScalarAsync<string>("PRAGMA integrity_check"));
        }
    }

    private static Task<HttpResponseMessage> PostNdjsonAsync(HttpClient client, string body) =>
        client.PostAsync("/api/v1/statements/bulk", new StringContent(body, System.Text.Encoding.UTF8, "application/x-ndjson"));

    [Fact]
    public async Task TheCapIsSetOnEveryConnectionAndLiftedByZero()
    {
        var db = factory.Services.GetRequiredService<Db>();
        try
        {
            factory.Settings.Change(Db.MaxSizeSetting, "3");
            Assert.Equal(3, db.MaxSizeMB);
            await using (var connection = await db.OpenAsync())
            {
                var pageSize = await connection.ExecuteScalarAsync<long>("PRAGMA page_size");
                Assert.Equal(3 * 1024 * 1024 / pageSize, await connection.ExecuteScalarAsync<long>("PRAGMA max_page_count"));
            }

            // A value that is not a size leaves the cap as it was.
            factory.Settings.Change(Db.MaxSizeSetting, "lots");
            Assert.Equal(3, db.MaxSizeMB);

            factory.Settings.Change(Db.MaxSizeSetting, "0");
            Assert.Equal(0, db.MaxSizeMB);
            await using (var connection = await db.OpenAsync())
            {
                Assert.True(await connection.ExecuteScalarAsync<long>("PRAGMA max_page_count") > 1_000_000_000);
            }
        }
        finally
        {
            factory.Settings.Change(Db.MaxSizeSetting, "64");
        }
    }
}
