// The seed-synthetic command: a small database seeded through its public entry point, read back over HTTP,
// and checked for what the API itself would have left behind (full-text index, changes, schema).
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Statements.Api.Data;

namespace Statements.Api.Tests;

/// <summary>An API over a database that the synthetic seed filled before the app started.</summary>
public sealed class SyntheticApiFactory : ApiFactory
{
    public const int Statements = 2_000;

    protected override bool LoadSampleData => false;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        SyntheticData.SeedAsync(new Db($"Data Source={DatabasePath}"), new SyntheticData.Options(Statements)).GetAwaiter().GetResult();
    }
}

public sealed class SyntheticDataTests(SyntheticApiFactory factory) : IClassFixture<SyntheticApiFactory>
{
    private readonly HttpClient client = factory.CreateClient();

    /// <summary>Every item of a list, following the next links.</summary>
    private async Task<List<JsonElement>> WalkAsync(string url)
    {
        var items = new List<JsonElement>();
        for (string? next = url; next is not null;)
        {
            var response = await client.GetAsync(next);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await response.ReadJsonAsync();
            items.AddRange(page.GetProperty("items").EnumerateArray());
            next = page.TryGetProperty("next", out var link) ? link.GetString() : null;
        }
        return items;
    }

    private static SqliteConnection Open(string path)
    {
        var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        return connection;
    }

    private static T Scalar<T>(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (T)command.ExecuteScalar()!;
    }

    private static List<string> Strings(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var values = new List<string>();
        while (reader.Read())
        {
            values.Add(reader.IsDBNull(0) ? "" : reader.GetString(0));
        }
        return values;
    }

    [Fact]
    public async Task TheStatementListWalksEverySeededStatementNewestFirst()
    {
        var items = await WalkAsync("/api/v1/statements?limit=500");

        Assert.Equal(SyntheticApiFactory.Statements, items.Count);
        Assert.Equal(items.Count, items.Select(s => s.GetProperty("id").GetInt64()).Distinct().Count());
        var days = items.Select(s => DateOnly.Parse(s.GetProperty("saidOn").GetString()!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(days.OrderDescending(), days);
        Assert.All(days, d => Assert.InRange(d, new DateOnly(1990, 1, 1), new DateOnly(2026, 12, 31)));
        Assert.InRange(items.Count(s => s.GetProperty("kind").GetString() == "quote"), 1_000, 1_400);
        Assert.InRange(items.Count(s => s.GetProperty("language").GetString() == "en"), 1_500, 1_990);
        // Roles change over time, and most statements fall within one.
        Assert.True(items.Count(s => s.TryGetProperty("speakerRole", out _)) > items.Count / 2);
    }

    [Fact]
    public async Task FilteringByOfficialReturnsExactlyThatOfficialsStatements()
    {
        string slug;
        long expected;
        using (var connection = Open(factory.DatabasePath))
        {
            slug = Strings(connection, """
                SELECT o.slug FROM statements s JOIN officials o ON o.id = s.official_id
                GROUP BY o.id ORDER BY count(*) DESC, o.id LIMIT 1
                """)[0];
            expected = Scalar<long>(connection, $"SELECT count(*) FROM statements s JOIN officials o ON o.id = s.official_id WHERE o.slug = '{slug}'");
        }

        var filtered = await WalkAsync($"/api/v1/statements?official={slug}&limit=50");
        var related = await WalkAsync($"/api/v1/officials/{slug}/statements?limit=100");

        Assert.True(expected > 1);
        Assert.Equal(expected, filtered.Count);
        Assert.All(filtered, s => Assert.Equal(slug, s.GetProperty("official").GetProperty("slug").GetString()));
        Assert.Equal(filtered.Select(s => s.GetProperty("id").GetInt64()), related.Select(s => s.GetProperty("id").GetInt64()));

        var official = await (await client.GetAsync($"/api/v1/officials/{slug}")).ReadJsonAsync();
        Assert.InRange(official.GetProperty("roles").GetArrayLength(), 1, 3);
    }

    [Fact]
    public async Task SeededOfficialsAreFoundByTheirNativeNamesInAnyCase()
    {
        List<string> native;
        using (var connection = Open(factory.DatabasePath))
        {
            native = Strings(connection, "SELECT slug || char(10) || native_name FROM officials WHERE native_name IS NOT NULL ORDER BY id DESC LIMIT 1");
        }
        var (slug, name) = (native[0].Split('\n')[0], native[0].Split('\n')[1]);

        var found = await WalkAsync($"/api/v1/officials?limit=500&q={Uri.EscapeDataString(name.ToUpperInvariant())}");

        Assert.Contains(slug, found.Select(o => o.GetProperty("slug").GetString()));
    }

    [Fact]
    public async Task TheSeedFoldsTheNamesOfTheOfficialsItWrites()
    {
        var path = Path.Combine(Path.GetTempPath(), "statements-tests", $"seed-folded-{Guid.NewGuid():N}.db");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        try
        {
            await SyntheticData.SeedAsync(new Db($"Data Source={path}"), new SyntheticData.Options(100, Officials: 30));
            using var connection = Open(path);
            Assert.Equal(0L, Scalar<long>(connection, "SELECT count(*) FROM officials WHERE names_folded IS NULL"));
            Assert.Equal(30L, Scalar<long>(connection, "SELECT count(*) FROM officials"));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("cooperation", "cooperation", "coopération")]  // the index ignores accents: French text matches too
    [InlineData("\"arms control\"", "arms control", "arms control")]
    public async Task FullTextSearchFindsTheStatementsThatContainTheTerm(string query, string words, string accented)
    {
        long expected;
        using (var connection = Open(factory.DatabasePath))
        {
            using var command = connection.CreateCommand();
            command.CommandText = """
                SELECT count(*) FROM statements
                WHERE text LIKE @words OR original_text LIKE @words OR context LIKE @words
                   OR text LIKE @accented OR original_text LIKE @accented
                """;
            command.Parameters.AddWithValue("@words", $"%{words}%");
            command.Parameters.AddWithValue("@accented", $"%{accented}%");
            expected = (long)command.ExecuteScalar()!;
        }

        var found = await WalkAsync($"/api/v1/statements?q={Uri.EscapeDataString(query)}&limit=500");

        Assert.InRange(expected, 1, SyntheticApiFactory.Statements / 2);
        Assert.Equal(expected, found.Count);
        Assert.All(found, s =>
        {
            var all = string.Join(' ', new[] { "text", "originalText", "context" }.Select(p => s.TryGetProperty(p, out var v) ? v.GetString() : ""));
            Assert.True(all.Contains(words, StringComparison.OrdinalIgnoreCase) || all.Contains(accented, StringComparison.OrdinalIgnoreCase), all);
        });
    }

    [Fact]
    public void TheFullTextIndexAndForeignKeysAreConsistent()
    {
        using var connection = Open(factory.DatabasePath);

        // Throws when the external-content index does not match the statements table.
        Assert.Equal(0, Scalar<long>(connection, "INSERT INTO statements_fts (statements_fts, rank) VALUES ('integrity-check', 1); SELECT 0"));
        Assert.Empty(Strings(connection, "PRAGMA foreign_key_check"));
    }

    [Fact]
    public void ChangesHaveOneCreatedRowPerResource()
    {
        using var connection = Open(factory.DatabasePath);

        foreach (var (resource, table) in new[] { ("official", "officials"), ("topic", "topics"), ("meeting", "meetings"), ("source", "sources"), ("statement", "statements") })
        {
            var rows = Scalar<long>(connection, $"SELECT count(*) FROM {table}");
            var changes = Scalar<long>(connection, $"SELECT count(*) FROM changes WHERE resource = '{resource}'");
            var matched = Scalar<long>(connection, $"""
                SELECT count(*) FROM {table} r
                WHERE (SELECT count(*) FROM changes c
                       WHERE c.resource = '{resource}' AND c.resource_id = r.id AND c.action = 'created' AND c.version = 1) = 1
                """);
            Assert.True(rows > 0, table);
            Assert.Equal(rows, changes);
            Assert.Equal(rows, matched);
        }
        Assert.Equal(0, Scalar<long>(connection, "SELECT count(*) FROM changes WHERE resource NOT IN ('official', 'topic', 'meeting', 'source', 'statement')"));
    }

    [Fact]
    public async Task SeedingTwiceAddsRowsWithUniqueSlugsAndLeavesTheSchemaAsMigrated()
    {
        var directory = Path.Combine(Path.GetTempPath(), "statements-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            var seeded = Path.Combine(directory, "seeded.db");
            var db = new Db($"Data Source={seeded}");
            await SyntheticData.SeedAsync(db, new SyntheticData.Options(300, Officials: 25));
            var second = await SyntheticData.SeedAsync(db, new SyntheticData.Options(300, Officials: 25));
            var migrated = Path.Combine(directory, "migrated.db");
            await Migrator.MigrateAsync(new Db($"Data Source={migrated}"));
            SqliteConnection.ClearAllPools();

            using var connection = Open(seeded);
            Assert.Equal(600, Scalar<long>(connection, "SELECT count(*) FROM statements"));
            Assert.Equal(50, Scalar<long>(connection, "SELECT count(DISTINCT slug) FROM officials"));
            Assert.Equal(2 * second.Topics, Scalar<long>(connection, "SELECT count(DISTINCT slug) FROM topics"));
            Assert.Equal(2 * second.Meetings, Scalar<long>(connection, "SELECT count(DISTINCT slug) FROM meetings"));
            Assert.Equal(2 * second.Sources, Scalar<long>(connection, "SELECT count(DISTINCT url) FROM sources"));
            Assert.Contains("foreign-policy-2", Strings(connection, "SELECT slug FROM topics"));
            Assert.Equal(600 + 2 * (second.Officials + second.Topics + second.Meetings + second.Sources), Scalar<long>(connection, "SELECT count(*) FROM changes"));
            Assert.Equal(0, Scalar<long>(connection, "INSERT INTO statements_fts (statements_fts, rank) VALUES ('integrity-check', 1); SELECT 0"));

            // Triggers and indexes dropped for the load are back, word for word as the migration made them.
            const string schema = "SELECT type || ' ' || name || ': ' || coalesce(sql, '') FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name";
            using var reference = Open(migrated);
            Assert.Equal(Strings(reference, schema), Strings(connection, schema));
            // So are the full-text index's settings (its hash size, which bulk imports rely on).
            const string settings = "SELECT k || '=' || v FROM statements_fts_config ORDER BY k";
            Assert.Equal(Strings(reference, settings), Strings(connection, settings));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task TheSameSeedMakesTheSameStatements()
    {
        var directory = Path.Combine(Path.GetTempPath(), "statements-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            List<string> Texts(string name)
            {
                using var connection = Open(Path.Combine(directory, name));
                return Strings(connection, "SELECT official_id || ' ' || said_on || ' ' || kind || ' ' || language || ' ' || text FROM statements ORDER BY id");
            }
            foreach (var (name, seed) in new[] { ("a.db", 1), ("b.db", 1), ("c.db", 2) })
            {
                await SyntheticData.SeedAsync(new Db($"Data Source={Path.Combine(directory, name)}"), new SyntheticData.Options(200, Seed: seed));
            }
            SqliteConnection.ClearAllPools();

            Assert.Equal(Texts("a.db"), Texts("b.db"));
            Assert.NotEqual(Texts("a.db"), Texts("c.db"));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    [Theory]
    [InlineData("seed-synthetic")]
    [InlineData("seed-synthetic --statements")]
    [InlineData("seed-synthetic --statements 0")]
    [InlineData("seed-synthetic --statements -5")]
    [InlineData("seed-synthetic --statements many")]
    [InlineData("seed-synthetic --statements 10 --statements 20")]
    [InlineData("seed-synthetic --officials 10")]
    [InlineData("seed-synthetic --statements 10 --colour red")]
    public async Task BadArgumentsExitWithUsage(string commandLine)
    {
        var args = commandLine.Split(' ');

        Assert.Null(SyntheticData.ParseArguments(args));
        Assert.Equal(2, await SyntheticData.RunCommandAsync(args, new Db("Data Source=:memory:")));
    }

    [Fact]
    public void GoodArgumentsAreRead()
    {
        var options = SyntheticData.ParseArguments(["seed-synthetic", "--statements", "1000000", "--seed", "7"]);

        Assert.Equal(new SyntheticData.Options(1_000_000, null, 7), options);
        Assert.Equal(2_000, options!.OfficialCount);
        Assert.Equal(5_000, options.MeetingCount);
        Assert.Equal(50_000, options.SourceCount);
        Assert.Equal(40, SyntheticData.ParseArguments(["seed-synthetic", "--officials", "40", "--statements", "10"])!.OfficialCount);
    }
}
