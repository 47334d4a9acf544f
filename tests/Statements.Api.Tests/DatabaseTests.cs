using System.Net;
using Dapper;
using Microsoft.Data.Sqlite;
using Statements.Api.Auth;
using Statements.Api.Data;

namespace Statements.Api.Tests;

public sealed class DatabaseTests : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "statements-tests", Guid.NewGuid().ToString("N"));

    public DatabaseTests() => Directory.CreateDirectory(directory);

    private Db NewDb() => new($"Data Source={Path.Combine(directory, "db", "statements.db")}");

    [Fact]
    public async Task MigratingTwiceAppliesEachMigrationOnceAndRecordsIt()
    {
        var db = NewDb();

        var first = await Migrator.MigrateAsync(db);
        var second = await Migrator.MigrateAsync(db);

        Assert.True(first.WasEmpty);
        Assert.Equal(Migrator.Embedded.Select(m => m.Version), first.Applied);
        Assert.False(second.WasEmpty);
        Assert.Empty(second.Applied);
        await using var connection = await db.OpenAsync();
        Assert.Equal(Migrator.Embedded.Count, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM schema_migrations"));
        Assert.Equal("wal", await connection.ExecuteScalarAsync<string>("PRAGMA journal_mode"));
        Assert.Equal(1, await connection.ExecuteScalarAsync<long>("PRAGMA foreign_keys"));
        Assert.Equal(2, await connection.ExecuteScalarAsync<long>("PRAGMA synchronous"));
    }

    [Fact]
    public async Task Migration8GivesEveryExistingTopicRowItsStatementsOfficialAndFollowsChanges()
    {
        var db = NewDb();
        await Migrator.MigrateAsync(db, through: 7);
        await using (var before = await db.OpenAsync())
        {
            await before.ExecuteAsync("""
                INSERT INTO officials (id, slug, name, created_at, updated_at) VALUES (1, 'one', 'One', 'now', 'now'), (2, 'two', 'Two', 'now', 'now');
                INSERT INTO topics (id, slug, name, created_at, updated_at) VALUES (1, 'a', 'A', 'now', 'now'), (2, 'b', 'B', 'now', 'now');
                INSERT INTO statements (id, official_id, text, kind, language, said_on, said_on_precision, created_at, updated_at)
                VALUES (1, 1, 'x', 'quote', 'en', '2020-01-01', 'day', 'now', 'now'), (2, 2, 'y', 'quote', 'en', '2020-01-02', 'day', 'now', 'now');
                INSERT INTO statement_topics (statement_id, topic_id) VALUES (1, 1), (1, 2), (2, 2);
                """);
        }

        Assert.Equal([8], (await Migrator.MigrateAsync(db, through: 8)).Applied);

        await using var connection = await db.OpenAsync();
        const string rows = "SELECT statement_id, topic_id, official_id FROM statement_topics ORDER BY statement_id, topic_id";
        Assert.Equal([(1L, 1L, 1L), (1L, 2L, 1L), (2L, 2L, 2L)], await connection.QueryAsync<(long, long, long)>(rows));
        await connection.ExecuteAsync("UPDATE statements SET official_id = 2 WHERE id = 1");
        Assert.Equal([(1L, 1L, 2L), (1L, 2L, 2L), (2L, 2L, 2L)], await connection.QueryAsync<(long, long, long)>(rows));
        Assert.Equal("ok", await connection.ExecuteScalarAsync<string>("PRAGMA integrity_check"));
        Assert.Empty(await connection.QueryAsync("PRAGMA foreign_key_check"));
    }

    [Fact]
    public async Task Migration9PutsStoredLanguageTagsInTheirCanonicalCase()
    {
        var db = NewDb();
        await Migrator.MigrateAsync(db, through: 8);
        await using (var before = await db.OpenAsync())
        {
            await before.ExecuteAsync("""
                INSERT INTO officials (id, slug, name, created_at, updated_at) VALUES (1, 'one', 'One', 'now', 'now');
                INSERT INTO statements (id, official_id, text, kind, language, original_language, said_on, said_on_precision, created_at, updated_at)
                VALUES (1, 1, 'x', 'quote', 'en-gb', 'zh-hant-tw', '2020-01-01', 'day', 'now', 'now'),
                       (2, 1, 'y', 'quote', 'en', NULL, '2020-01-02', 'day', 'now', 'now'),
                       (3, 1, 'z', 'quote', 'sr-latn', 'de-ch-1901', '2020-01-03', 'day', 'now', 'now');
                INSERT INTO sources (id, title, language, created_at, updated_at) VALUES (1, 'S', 'pt-br', 'now', 'now'), (2, 'T', NULL, 'now', 'now');
                """);
        }

        Assert.Equal([9], (await Migrator.MigrateAsync(db, through: 9)).Applied);

        await using var connection = await db.OpenAsync();
        Assert.Equal([("en-GB", "zh-Hant-TW"), ("en", null), ("sr-Latn", "de-CH-1901")],
            await connection.QueryAsync<(string, string?)>("SELECT language, original_language FROM statements ORDER BY id"));
        Assert.Equal(["pt-BR", null], await connection.QueryAsync<string?>("SELECT language FROM sources ORDER BY id"));
        Assert.Equal("ok", await connection.ExecuteScalarAsync<string>("PRAGMA integrity_check"));
    }

    [Fact]
    public async Task Migration12StoresAliasesUnescapedAndReindexesTheirStatements()
    {
        var db = NewDb();
        await Migrator.MigrateAsync(db, through: 11);
        await using (var before = await db.OpenAsync())
        {
            // As the API stored them before: every letter outside ASCII escaped, and indexed so.
            await before.ExecuteAsync("""
                INSERT INTO officials (id, slug, name, aliases, created_at, updated_at)
                VALUES (1, 'walesa', 'Lech Walesa', '["Wa\u0142\u0119sa","L. W."]', 'now', 'now'),
                       (2, 'plain', 'Plain Name', '["Plain"]', 'now', 'now');
                INSERT INTO statements (id, official_id, text, kind, language, said_on, said_on_precision, created_at, updated_at)
                VALUES (1, 1, 'Solidarity first.', 'quote', 'en', '2020-01-01', 'day', 'now', 'now'),
                       (2, 2, 'Plain words.', 'quote', 'en', '2020-01-02', 'day', 'now', 'now');
                """);
            Assert.Equal([1L], await before.QueryAsync<long>("SELECT rowid FROM statements_fts WHERE statements_fts MATCH 'u0142'"));
        }

        Assert.Equal([12], (await Migrator.MigrateAsync(db, through: 12)).Applied);

        await using var connection = await db.OpenAsync();
        Assert.Equal(["[\"Wałęsa\",\"L. W.\"]", "[\"Plain\"]"], await connection.QueryAsync<string>("SELECT aliases FROM officials ORDER BY id"));
        Assert.Equal([1L], await connection.QueryAsync<long>("SELECT rowid FROM statements_fts WHERE statements_fts MATCH 'Wałęsa'"));
        Assert.Empty(await connection.QueryAsync<long>("SELECT rowid FROM statements_fts WHERE statements_fts MATCH 'u0142'"));
        await connection.ExecuteAsync("INSERT INTO statements_fts (statements_fts) VALUES ('integrity-check')");
    }

    [Fact]
    public async Task Migration13KeepsEveryRevisionAndLetsABodyBeAbsent()
    {
        var db = NewDb();
        await Migrator.MigrateAsync(db, through: 12);
        const string revisions = "SELECT id, resource, resource_id, version, action, api_key_id, at, body FROM revisions ORDER BY id";
        List<string> kept;
        await using (var before = await db.OpenAsync())
        {
            await before.ExecuteAsync("""
                INSERT INTO revisions (id, resource, resource_id, version, action, api_key_id, at, body)
                VALUES (7, 'official', 1, 1, 'created', NULL, '2024-01-01T00:00:00.000Z', '{"id":1}'),
                       (9, 'statement', 4, 2, 'deleted', 3, '2024-01-02T00:00:00.000Z', '{"id":4}');
                """);
            Assert.Throws<SqliteException>(() => before.Execute(
                "INSERT INTO revisions (resource, resource_id, version, action, at) VALUES ('statement', 5, 1, 'created', 'now')"));
            kept = [.. (await before.QueryAsync(revisions)).Select(r => (string)r.ToString())];
        }

        Assert.Equal([13], (await Migrator.MigrateAsync(db, through: 13)).Applied);

        await using var connection = await db.OpenAsync();
        Assert.Equal(kept, (await connection.QueryAsync(revisions)).Select(r => (string)r.ToString()));
        await connection.ExecuteAsync("INSERT INTO revisions (resource, resource_id, version, action, at) VALUES ('statement', 5, 1, 'created', 'now')");
        Assert.Throws<SqliteException>(() => connection.Execute(
            "INSERT INTO revisions (resource, resource_id, version, action, at) VALUES ('statement', 5, 1, 'created', 'now')"));
    }

    [Fact]
    public async Task Migration14IndexesOnlyStatementsWithAMeetingAndStillServesMeetingQueriesFromTheIndex()
    {
        var db = NewDb();
        await Migrator.MigrateAsync(db, through: 13);
        await using (var before = await db.OpenAsync())
        {
            await before.ExecuteAsync("""
                INSERT INTO officials (id, slug, name, created_at, updated_at) VALUES (1, 'one', 'One', 'now', 'now');
                INSERT INTO meetings (id, slug, title, kind, starts_on, created_at, updated_at) VALUES (1, 'm', 'M', 'summit', '2020-01-01', 'now', 'now');
                INSERT INTO statements (id, official_id, text, kind, language, said_on, said_on_precision, meeting_id, created_at, updated_at)
                VALUES (1, 1, 'x', 'quote', 'en', '2020-01-01', 'day', 1, 'now', 'now'), (2, 1, 'y', 'paraphrase', 'en', '2020-01-02', 'day', NULL, 'now', 'now');
                """);
        }

        Assert.Equal([14], (await Migrator.MigrateAsync(db, through: 14)).Applied);

        await using var connection = await db.OpenAsync();
        var indexes = (await connection.QueryAsync<string>("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'statements'")).ToList();
        Assert.DoesNotContain("ix_statements_kind", indexes);
        Assert.Equal(1, await connection.ExecuteScalarAsync<long>("SELECT \"partial\" FROM pragma_index_list('statements') WHERE name = 'ix_statements_meeting'"));
        foreach (var query in new[]
        {
            "SELECT id FROM statements s WHERE s.meeting_id IN (1) ORDER BY s.said_on DESC, s.id DESC LIMIT 50",
            "SELECT count(*) FROM statements WHERE meeting_id = 1",
            "DELETE FROM meetings WHERE id = 1", // the foreign key's lookup of statements that name the meeting
        })
        {
            var plan = string.Join("\n", (await connection.QueryAsync<dynamic>($"EXPLAIN QUERY PLAN {query}")).Select(r => (string)r.detail));
            Assert.Contains("ix_statements_meeting", plan);
        }
        Assert.Equal([1L], await connection.QueryAsync<long>("SELECT id FROM statements WHERE meeting_id IN (1)"));
        Assert.Equal(["paraphrase", "quote"], await connection.QueryAsync<string>("SELECT kind FROM statements WHERE kind IN ('quote', 'paraphrase') ORDER BY kind"));
        Assert.Equal("ok", await connection.ExecuteScalarAsync<string>("PRAGMA integrity_check"));
    }

    [Fact]
    public async Task Migration15GivesTheFullTextIndexALargerHashAndKeepsItWhole()
    {
        var db = NewDb();
        await Migrator.MigrateAsync(db, through: 14);

        Assert.Equal([15], (await Migrator.MigrateAsync(db, through: 15)).Applied);

        await using var connection = await db.OpenAsync();
        Assert.Equal(67108864, await connection.ExecuteScalarAsync<long>("SELECT v FROM statements_fts_config WHERE k = 'hashsize'"));
        await connection.ExecuteAsync("INSERT INTO statements_fts (statements_fts) VALUES ('integrity-check')");
    }

    [Fact]
    public async Task AConnectionThatSkippedForeignKeyChecksComesBackFromThePoolCheckingThem()
    {
        var db = NewDb();
        await Migrator.MigrateAsync(db);
        // The pool hands back the connection last put into it, unless another test empties every pool meanwhile
        // (SqliteConnection.ClearAllPools); then the round is tried again with a new connection.
        for (var round = 0; round < 20; round++)
        {
            SQLitePCL.sqlite3 handle;
            await using (var withoutChecks = await db.OpenAsync())
            {
                handle = withoutChecks.Handle!;
                await db.SkipForeignKeyChecksAsync(withoutChecks);
                Assert.Equal(0, await withoutChecks.ExecuteScalarAsync<long>("PRAGMA foreign_keys"));
            }

            await using var connection = await db.OpenAsync();
            if (!ReferenceEquals(handle, connection.Handle))
            {
                continue;
            }
            Assert.Equal(1, await connection.ExecuteScalarAsync<long>("PRAGMA foreign_keys"));
            Assert.Equal(10000, await connection.ExecuteScalarAsync<long>("PRAGMA wal_autocheckpoint"));
            Assert.Equal(2, await connection.ExecuteScalarAsync<long>("PRAGMA synchronous"));
            return;
        }
        Assert.Fail("The pool never handed the same connection back.");
    }

    [Fact]
    public async Task ForeignKeysAreEnforced()
    {
        var db = NewDb();
        await Migrator.MigrateAsync(db);
        await using var connection = await db.OpenAsync();

        var error = await Assert.ThrowsAsync<SqliteException>(() => connection.ExecuteAsync("""
            INSERT INTO statements (official_id, text, kind, language, said_on, said_on_precision, created_at, updated_at)
            VALUES (424242, 'x', 'quote', 'en', '2020-01-01', 'day', 'now', 'now')
            """));
        Assert.Equal(787, error.SqliteExtendedErrorCode);
    }

    [Fact]
    public async Task TheKeysCommandPrintsAKeyThatAuthenticates()
    {
        var db = NewDb();
        var output = new StringWriter();
        var original = Console.Out;
        Console.SetOut(output);
        int exit;
        try
        {
            exit = await ApiKeys.RunCommandAsync(["keys", "create", "--name", "ci"], db, loadSampleData: true);
        }
        finally
        {
            Console.SetOut(original);
        }

        Assert.Equal(0, exit);
        var key = output.ToString().Trim();
        Assert.StartsWith("stk_", key);
        Assert.NotNull(await ApiKeys.VerifyAsync(db, key));
        await using var connection = await db.OpenAsync();
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM api_keys WHERE hash = @key OR prefix = @key", new { key }));
        Assert.Equal(2, await ApiKeys.RunCommandAsync(["keys", "create"], db, loadSampleData: true));
        // Making the first key on a new database seeds it, just as the server's first start would.
        Assert.True(await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM statements") > 0);
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

/// <summary>A factory whose database starts without the sample article.</summary>
public sealed class EmptyApiFactory : ApiFactory
{
    protected override bool LoadSampleData => false;
}

public sealed class SampleDataSettingTests(EmptyApiFactory factory) : IClassFixture<EmptyApiFactory>
{
    [Fact]
    public async Task TurningSampleDataOffLeavesTheDatabaseEmpty()
    {
        var response = await factory.CreateClient().GetAsync("/api/v1/statements");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, (await response.ReadJsonAsync()).GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task HealthReportsTheDatabase()
    {
        var response = await factory.CreateClient().GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", (await response.ReadJsonAsync()).GetProperty("checks").GetProperty("database").GetString());
    }
}
