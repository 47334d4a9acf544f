using System.Net;
using System.Net.Http.Headers;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Statements.Api.Auth;
using Statements.Api.Data;

namespace Statements.Api.Tests;

/// <summary>Clients holding keys of a given role, made straight in the factory's database.</summary>
public static class KeyClients
{
    public static async Task<(HttpClient Client, long KeyId)> CreateClientWithRoleAsync(this ApiFactory factory, ApiKeyRole role, string? name = null)
    {
        var created = await ApiKeys.CreateAsync(factory.Services.GetRequiredService<Db>(), name ?? $"test-{role}".ToLowerInvariant(), role);
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", created.Key);
        return (client, created.Id);
    }

    public static HttpClient CreateClientWithKey(this ApiFactory factory, string key)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }
}

public sealed class KeysTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static object NewOfficial() => new { slug = $"keys-test-{Guid.NewGuid():N}"[..30], name = "Key Test" };

    [Fact]
    public async Task CreatingAKeyShowsTheSecretOnceAndNeverAgain()
    {
        var (admin, adminId) = await factory.CreateClientWithRoleAsync(ApiKeyRole.Admin);

        var response = await admin.PostJsonAsync("/api/v1/keys", new { name = "newsroom-frontend", role = "editor" });

        Assert.True(HttpStatusCode.Created == response.StatusCode, await response.Content.ReadAsStringAsync());
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString());
        var created = await response.ReadJsonAsync();
        var id = created.GetProperty("id").GetInt64();
        var key = created.GetProperty("key").GetString()!;
        Assert.StartsWith("stk_", key);
        Assert.Equal($"/api/v1/keys/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal("editor", created.GetProperty("role").GetString());
        Assert.Equal(key[..10], created.GetProperty("prefix").GetString());
        Assert.Equal(adminId, created.GetProperty("createdBy").GetInt64());

        var fetched = await (await admin.GetAsync($"/api/v1/keys/{id}")).ReadJsonAsync();
        Assert.False(fetched.TryGetProperty("key", out _));
        Assert.Equal("newsroom-frontend", fetched.GetProperty("name").GetString());
        var listed = await (await admin.GetAsync("/api/v1/keys?limit=500")).Content.ReadAsStringAsync();
        Assert.Contains($"\"id\":{id},", listed);
        Assert.DoesNotContain(key, listed);
        Assert.DoesNotContain("\"key\"", listed);
    }

    [Fact]
    public async Task ANewKeyWorksAtOnceWithItsRole()
    {
        var (admin, _) = await factory.CreateClientWithRoleAsync(ApiKeyRole.Admin);
        var editorKey = (await (await admin.PostJsonAsync("/api/v1/keys", new { name = "editor", role = "editor" })).ReadJsonAsync())
            .GetProperty("key").GetString()!;
        var readerKey = (await (await admin.PostJsonAsync("/api/v1/keys", new { name = "reader", role = "reader" })).ReadJsonAsync())
            .GetProperty("key").GetString()!;

        Assert.Equal(HttpStatusCode.Created, (await factory.CreateClientWithKey(editorKey).PostJsonAsync("/api/v1/officials", NewOfficial())).StatusCode);
        var forbidden = await factory.CreateClientWithKey(readerKey).PostJsonAsync("/api/v1/officials", NewOfficial());
        var problem = await forbidden.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("reader", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task RevokingAKeyStopsItAtOnceAndKeepsItListed()
    {
        var (admin, adminId) = await factory.CreateClientWithRoleAsync(ApiKeyRole.Admin);
        var (editor, editorId) = await factory.CreateClientWithRoleAsync(ApiKeyRole.Editor);
        Assert.Equal(HttpStatusCode.Created, (await editor.PostJsonAsync("/api/v1/officials", NewOfficial())).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/keys/{editorId}")).StatusCode);

        var refused = await editor.PostJsonAsync("/api/v1/officials", NewOfficial());
        var problem = await refused.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Contains("revoked", problem.GetProperty("detail").GetString());
        // On a public read too: the client learns at once that its key no longer works.
        await (await editor.GetAsync("/api/v1/officials")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await factory.CreateClientWithKey("not-a-key").GetAsync("/api/v1/statements?limit=1")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, (await factory.CreateClient().GetAsync("/api/v1/officials")).StatusCode);
        var revoked = await (await admin.GetAsync($"/api/v1/keys/{editorId}")).ReadJsonAsync();
        Assert.True(revoked.TryGetProperty("revokedAt", out _));
        Assert.Equal(adminId, revoked.GetProperty("revokedBy").GetInt64());
        // Revoking again changes nothing and still answers 204.
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/keys/{editorId}")).StatusCode);
        Assert.Equal(revoked.GetProperty("revokedAt").GetString(),
            (await (await admin.GetAsync($"/api/v1/keys/{editorId}")).ReadJsonAsync()).GetProperty("revokedAt").GetString());
    }

    [Fact]
    public async Task AKeyHasAStrongETagThatRevokingChanges()
    {
        var (admin, _) = await factory.CreateClientWithRoleAsync(ApiKeyRole.Admin);
        var (_, readerId) = await factory.CreateClientWithRoleAsync(ApiKeyRole.Reader);
        var url = $"/api/v1/keys/{readerId}";

        var first = await admin.GetAsync(url);
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);
        Assert.False(etag.IsWeak);
        var again = new HttpRequestMessage(HttpMethod.Get, url);
        again.Headers.TryAddWithoutValidation("If-None-Match", etag.Tag);
        Assert.Equal(HttpStatusCode.NotModified, (await admin.SendAsync(again)).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync(url)).StatusCode);
        var stale = new HttpRequestMessage(HttpMethod.Get, url);
        stale.Headers.TryAddWithoutValidation("If-None-Match", etag.Tag);
        var revoked = await admin.SendAsync(stale);
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        Assert.NotEqual(etag.Tag, revoked.Headers.ETag?.Tag);
    }

    [Fact]
    public async Task TwoDifferentKeysInOneRequestAreABadRequestAndTheSameKeyTwiceIsOne()
    {
        var editor = await ApiKeys.CreateAsync(factory.Services.GetRequiredService<Db>(), "both-editor", ApiKeyRole.Editor);
        var reader = await ApiKeys.CreateAsync(factory.Services.GetRequiredService<Db>(), "both-reader", ApiKeyRole.Reader);
        HttpClient Client(string bearer, string header)
        {
            var client = factory.CreateClientWithKey(bearer);
            client.DefaultRequestHeaders.Add("X-Api-Key", header);
            return client;
        }

        var twoValid = await Client(editor.Key, reader.Key).PostJsonAsync("/api/v1/officials", NewOfficial());
        var oneWrong = await Client(editor.Key, "stk_wrong").GetAsync("/api/v1/officials");
        var sameTwice = await Client(editor.Key, editor.Key).PostJsonAsync("/api/v1/officials", NewOfficial());

        var problem = await twoValid.AssertInvalidAsync("X-Api-Key");
        Assert.Contains("send one key", problem.GetProperty("errors").GetProperty("X-Api-Key")[0].GetString());
        await oneWrong.AssertInvalidAsync("X-Api-Key");
        Assert.Equal(HttpStatusCode.Created, sameTwice.StatusCode);
    }

    [Fact]
    public async Task UnknownKeysAreNotFound()
    {
        var (admin, _) = await factory.CreateClientWithRoleAsync(ApiKeyRole.Admin);

        await (await admin.GetAsync("/api/v1/keys/987654")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await admin.DeleteAsync("/api/v1/keys/987654")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("""{"name":"no-role"}""", "role")]
    [InlineData("""{"name":"x","role":"owner"}""", "role")]
    [InlineData("""{"role":"reader"}""", "name")]
    [InlineData("""{"name":"   ","role":"reader"}""", "name")]
    [InlineData("""{"name":"x","role":"reader","key":"stk_mine"}""", "key")]
    public async Task CreatingAKeyNeedsANameAndAKnownRole(string body, string field)
    {
        var (admin, _) = await factory.CreateClientWithRoleAsync(ApiKeyRole.Admin);

        var response = await admin.PostAsync("/api/v1/keys", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        await response.AssertInvalidAsync(field);
    }

    [Fact]
    public async Task ManagingKeysNeedsAnAdminKey()
    {
        var (editor, editorId) = await factory.CreateClientWithRoleAsync(ApiKeyRole.Editor);
        var anonymous = factory.CreateClient();

        foreach (var client in new[] { editor, anonymous })
        {
            var expected = client == editor ? HttpStatusCode.Forbidden : HttpStatusCode.Unauthorized;
            await (await client.GetAsync("/api/v1/keys")).AssertProblemAsync(expected);
            await (await client.GetAsync($"/api/v1/keys/{editorId}")).AssertProblemAsync(expected);
            await (await client.PostJsonAsync("/api/v1/keys", new { name = "mine", role = "admin" })).AssertProblemAsync(expected);
            await (await client.DeleteAsync($"/api/v1/keys/{editorId}")).AssertProblemAsync(expected);
        }
    }

    [Fact]
    public async Task EveryWriteRecordsTheKeyThatMadeIt()
    {
        var (editor, editorId) = await factory.CreateClientWithRoleAsync(ApiKeyRole.Editor);

        var created = await (await editor.PostJsonAsync("/api/v1/officials", NewOfficial())).ReadJsonAsync();
        var id = created.GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.OK, (await editor.PatchMergeAsync($"/api/v1/officials/{id}", """{"name":"Renamed"}""")).StatusCode);

        await using var connection = new SqliteConnection($"Data Source={factory.DatabasePath}");
        var keys = (await connection.QueryAsync<long?>(
            "SELECT api_key_id FROM changes WHERE resource = 'official' AND resource_id = @id ORDER BY seq", new { id })).ToList();
        Assert.Equal([editorId, editorId], keys);
    }
}

/// <summary>keys create|list|revoke on the command line, against a database of its own.</summary>
public sealed class KeysCommandTests : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "statements-tests", Guid.NewGuid().ToString("N"));

    private Db NewDb() => new($"Data Source={Path.Combine(directory, "statements.db")}");

    private static async Task<(int Exit, string Out, string Error)> RunAsync(Db db, params string[] args)
    {
        var (output, error) = (new StringWriter(), new StringWriter());
        var (originalOut, originalError) = (Console.Out, Console.Error);
        Console.SetOut(output);
        Console.SetError(error);
        try
        {
            var exit = await ApiKeys.RunCommandAsync(args, db, loadSampleData: false);
            return (exit, output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(originalOut);
            Console.SetError(originalError);
        }
    }

    [Fact]
    public async Task KeysMadeOnTheCommandLineAreAdminUnlessARoleIsGiven()
    {
        var db = NewDb();

        var admin = await RunAsync(db, "keys", "create", "--name", "ci");
        var reader = await RunAsync(db, "keys", "create", "--role", "reader", "--name", "dashboard");

        Assert.Equal(0, admin.Exit);
        Assert.Equal(ApiKeyRole.Admin, (await ApiKeys.VerifyAsync(db, admin.Out.Trim()))!.Role);
        Assert.Equal(0, reader.Exit);
        Assert.Equal(ApiKeyRole.Reader, (await ApiKeys.VerifyAsync(db, reader.Out.Trim()))!.Role);
    }

    [Fact]
    public async Task ListingShowsRolesAndPrefixesButNeverAKey()
    {
        var db = NewDb();
        var key = (await RunAsync(db, "keys", "create", "--name", "ci", "--role", "editor")).Out.Trim();

        var list = await RunAsync(db, "keys", "list");

        Assert.Equal(0, list.Exit);
        Assert.Contains("role", list.Out);
        Assert.Contains("editor", list.Out);
        Assert.Contains(key[..10], list.Out);
        Assert.DoesNotContain(key, list.Out);
    }

    [Fact]
    public async Task RevokingOnTheCommandLineStopsTheKey()
    {
        var db = NewDb();
        var key = (await RunAsync(db, "keys", "create", "--name", "ci")).Out.Trim();
        var id = (await ApiKeys.VerifyAsync(db, key))!.Id;

        var revoked = await RunAsync(db, "keys", "revoke", id.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(0, revoked.Exit);
        Assert.Null(await ApiKeys.VerifyAsync(db, key));
        Assert.Equal(1, (await RunAsync(db, "keys", "revoke", "424242")).Exit);
    }

    [Theory]
    [InlineData("keys", "create", "--name", "x", "--role", "owner")]
    [InlineData("keys", "create", "--role", "reader")]
    [InlineData("keys", "revoke", "one")]
    [InlineData("keys", "rotate")]
    public async Task AWrongCommandPrintsUsage(params string[] args)
    {
        var result = await RunAsync(NewDb(), args);

        Assert.Equal(2, result.Exit);
        Assert.Contains("usage: keys create --name NAME [--role reader|editor|admin]", result.Error);
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

/// <summary>Its own database: the test needs to know every admin key there is.</summary>
public sealed class LastAdminKeyTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task TheLastAdminKeyThatWorksCannotBeRevokedOverHttp()
    {
        var (first, firstId) = await factory.CreateClientWithRoleAsync(ApiKeyRole.Admin);

        var problem = await (await first.DeleteAsync($"/api/v1/keys/{firstId}")).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("last admin key", problem.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, (await first.GetAsync("/api/v1/keys")).StatusCode);

        var (second, secondId) = await factory.CreateClientWithRoleAsync(ApiKeyRole.Admin);
        Assert.Equal(HttpStatusCode.NoContent, (await second.DeleteAsync($"/api/v1/keys/{firstId}")).StatusCode);
        await (await second.DeleteAsync($"/api/v1/keys/{secondId}")).AssertProblemAsync(HttpStatusCode.Conflict);
    }
}
