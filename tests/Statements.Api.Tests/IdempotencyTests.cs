using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dapper;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Statements.Api.Auth;
using Statements.Api.Data;

namespace Statements.Api.Tests;

public sealed class IdempotencyTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient writer = factory.CreateWriter();

    private static string NewKey() => Guid.NewGuid().ToString();

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string url, object body, string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body, options: Json.Options) };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }
        return client.SendAsync(request);
    }

    private async Task<long> OfficialAsync()
    {
        var response = await writer.PostJsonAsync("/api/v1/officials",
            new { slug = $"idempotent-speaker-{Guid.NewGuid():N}", name = "Speaker", country = "FR", roles = Array.Empty<object>() });
        return (await response.ReadJsonAsync()).GetProperty("id").GetInt64();
    }

    private static object Statement(long officialId, string text) =>
        new { officialId, text, kind = "quote", language = "en", saidOn = "2021-06-16" };

    private async Task<long> CountAsync(string sql, object parameters)
    {
        await using var connection = new SqliteConnection($"Data Source={factory.DatabasePath}");
        return await connection.ExecuteScalarAsync<long>(sql, parameters);
    }

    private Task<long> CountStatementsAsync(string text) => CountAsync("SELECT count(*) FROM statements WHERE text = @text", new { text });

    private HttpClient WriterWithAnotherApiKey()
    {
        var key = ApiKeys.CreateAsync(factory.Services.GetRequiredService<Db>(), "second").GetAwaiter().GetResult().Key;
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    [Fact]
    public async Task ARetryWithTheSameKeyAndBodyReplaysTheFirstResponseWithoutCreating()
    {
        var officialId = await OfficialAsync();
        var text = $"Said once {Guid.NewGuid():N}.";
        var key = NewKey();

        var first = await PostAsync(writer, "/api/v1/statements", Statement(officialId, text), key);
        var retry = await PostAsync(writer, "/api/v1/statements", Statement(officialId, text), key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal(first.Headers.Location, retry.Headers.Location);
        Assert.Equal(first.Headers.ETag, retry.Headers.ETag);
        Assert.Equal(first.Content.Headers.ContentType?.MediaType, retry.Content.Headers.ContentType?.MediaType);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await retry.Content.ReadAsStringAsync());
        Assert.False(first.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(1, await CountStatementsAsync(text));
    }

    [Fact]
    public async Task EveryCreateHonoursTheKey()
    {
        var key = NewKey();
        var slug = $"idempotent-topic-{Guid.NewGuid():N}";

        var first = await PostAsync(writer, "/api/v1/topics", new { slug, name = "Topic" }, key);
        var retry = await PostAsync(writer, "/api/v1/topics", new { slug, name = "Topic" }, key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode); // not 409: nothing was written again
        Assert.Equal(first.Headers.Location, retry.Headers.Location);
    }

    [Fact]
    public async Task ARetriedRelationIsReplayedAndTheSameKeyForAnotherIsUnprocessable()
    {
        var officialId = await OfficialAsync();
        var ids = new List<long>();
        foreach (var text in new[] { "Relates", "Is related", "Another" })
        {
            var created = await PostAsync(writer, "/api/v1/statements", Statement(officialId, $"{text} {Guid.NewGuid():N}."), null);
            ids.Add((await created.ReadJsonAsync()).GetProperty("id").GetInt64());
        }
        var key = NewKey();
        var url = $"/api/v1/statements/{ids[0]}/relations";

        var first = await PostAsync(writer, url, new { type = "repeats", targetId = ids[1] }, key);
        var retry = await PostAsync(writer, url, new { type = "repeats", targetId = ids[1] }, key);
        var other = await PostAsync(writer, url, new { type = "repeats", targetId = ids[2] }, key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode); // not 409: nothing was written again
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(first.Headers.Location, retry.Headers.Location);
        await other.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM statement_relations WHERE statement_id = @id", new { id = ids[0] }));
    }

    [Fact]
    public async Task ARetriedRestoreIsReplayed()
    {
        var officialId = await OfficialAsync();
        var created = await PostAsync(writer, "/api/v1/statements", Statement(officialId, $"Restored once {Guid.NewGuid():N}."), null);
        var id = (await created.ReadJsonAsync()).GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.NoContent, (await writer.DeleteAsync($"/api/v1/statements/{id}")).StatusCode);
        var key = NewKey();
        Task<HttpResponseMessage> RestoreAsync()
        {
            var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/statements/{id}/restore");
            request.Headers.Add("Idempotency-Key", key);
            return writer.SendAsync(request);
        }

        var first = await RestoreAsync();
        var retry = await RestoreAsync();

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode); // not 409 "exists"
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(await first.Content.ReadAsStringAsync(), await retry.Content.ReadAsStringAsync());
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM revisions WHERE resource = 'statement' AND resource_id = @id AND action = 'restored'", new { id }));
    }

    [Fact]
    public async Task ARetriedKeyCreationReplaysTheSameKeyWhichIsNotStoredInTheClear()
    {
        var (admin, _) = await factory.CreateClientWithRoleAsync(ApiKeyRole.Admin);
        var (otherAdmin, _) = await factory.CreateClientWithRoleAsync(ApiKeyRole.Admin);
        var name = $"retried-{Guid.NewGuid():N}";
        var key = NewKey();

        var first = await PostAsync(admin, "/api/v1/keys", new { name, role = "reader" }, key);
        var retry = await PostAsync(admin, "/api/v1/keys", new { name, role = "reader" }, key);
        var elsewhere = await PostAsync(otherAdmin, "/api/v1/keys", new { name, role = "reader" }, key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Contains("no-store", retry.Headers.CacheControl?.ToString());
        var secret = (await first.ReadJsonAsync()).GetProperty("key").GetString()!;
        Assert.Equal(await first.Content.ReadAsStringAsync(), await retry.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Created, elsewhere.StatusCode); // another admin key's Idempotency-Keys are its own
        Assert.Equal(2, await CountAsync("SELECT count(*) FROM api_keys WHERE name = @name", new { name }));
        await using var connection = new SqliteConnection($"Data Source={factory.DatabasePath}");
        var stored = (await connection.QueryAsync<byte[]>("SELECT body FROM idempotency_keys WHERE key = @key", new { key })).AsList();
        Assert.Equal(2, stored.Count);
        Assert.All(stored, body => Assert.DoesNotContain(secret, Encoding.UTF8.GetString(body)));
    }

    [Fact]
    public async Task TheSameKeyWithADifferentBodyIsUnprocessable()
    {
        var officialId = await OfficialAsync();
        var key = NewKey();
        var other = $"Different {Guid.NewGuid():N}.";

        await PostAsync(writer, "/api/v1/statements", Statement(officialId, $"Original {Guid.NewGuid():N}."), key);
        var response = await PostAsync(writer, "/api/v1/statements", Statement(officialId, other), key);

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("different request", problem.GetProperty("detail").GetString());
        Assert.Equal(0, await CountStatementsAsync(other));
    }

    [Fact]
    public async Task KeysBelongToTheApiKeyThatSentThem()
    {
        var officialId = await OfficialAsync();
        var text = $"Two clients {Guid.NewGuid():N}.";
        var key = NewKey();

        var mine = await PostAsync(writer, "/api/v1/statements", Statement(officialId, text), key);
        var theirs = await PostAsync(WriterWithAnotherApiKey(), "/api/v1/statements", Statement(officialId, text), key);

        Assert.Equal(HttpStatusCode.Created, mine.StatusCode);
        Assert.Equal(HttpStatusCode.Created, theirs.StatusCode);
        Assert.NotEqual(mine.Headers.Location, theirs.Headers.Location);
        Assert.False(theirs.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(2, await CountStatementsAsync(text));
    }

    [Fact]
    public async Task ARejectedRequestIsNotKeptSoItCanBeCorrectedUnderTheSameKey()
    {
        var officialId = await OfficialAsync();
        var key = NewKey();
        var text = $"Corrected {Guid.NewGuid():N}.";

        var rejected = await PostAsync(writer, "/api/v1/statements", new { officialId, text, kind = "rumour", language = "en", saidOn = "2021-06-16" }, key);
        var corrected = await PostAsync(writer, "/api/v1/statements", Statement(officialId, text), key);

        Assert.Equal(HttpStatusCode.BadRequest, rejected.StatusCode);
        Assert.Equal(HttpStatusCode.Created, corrected.StatusCode);
        Assert.Equal(1, await CountStatementsAsync(text));
    }

    [Fact]
    public async Task ConcurrentDuplicatesCreateOnlyOnce()
    {
        var officialId = await OfficialAsync();
        var text = $"Raced {Guid.NewGuid():N}.";
        var key = NewKey();

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => PostAsync(writer, "/api/v1/statements", Statement(officialId, text), key)));

        Assert.All(responses, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.Created, HttpStatusCode.Conflict }));
        Assert.Single(responses.Where(r => r.StatusCode == HttpStatusCode.Created).Select(r => r.Headers.Location).Distinct());
        Assert.Equal(1, await CountStatementsAsync(text));
        Assert.Equal(HttpStatusCode.Created, (await PostAsync(writer, "/api/v1/statements", Statement(officialId, text), key)).StatusCode);
        Assert.Equal(1, await CountStatementsAsync(text));
    }

    [Fact]
    public async Task ABulkImportIsReplayedWithTheSameIds()
    {
        var officialId = await OfficialAsync();
        var text = $"Bulk once {Guid.NewGuid():N}.";
        var key = NewKey();
        async Task<HttpResponseMessage> ImportAsync()
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/statements/bulk")
            {
                Content = new StringContent(JsonSerializer.Serialize(Statement(officialId, text), Json.Options) + "\n", Encoding.UTF8, "application/x-ndjson"),
            };
            request.Headers.Add("Idempotency-Key", key);
            return await writer.SendAsync(request);
        }

        var first = await ImportAsync();
        var retry = await ImportAsync();

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await retry.Content.ReadAsStringAsync());
        Assert.Equal(1, await CountStatementsAsync(text));
    }

    [Fact]
    public async Task WithoutAKeyEveryRequestCreates()
    {
        var officialId = await OfficialAsync();
        var text = $"Said twice {Guid.NewGuid():N}.";

        await PostAsync(writer, "/api/v1/statements", Statement(officialId, text), key: null);
        await PostAsync(writer, "/api/v1/statements", Statement(officialId, text), key: null);

        Assert.Equal(2, await CountStatementsAsync(text));
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("über")]
    public async Task AKeyThatIsNotVisibleAsciiIsABadRequest(string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/topics")
        {
            Content = JsonContent.Create(new { slug = $"t-{Guid.NewGuid():N}", name = "T" }, options: Json.Options),
        };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);

        var response = await writer.SendAsync(request);

        await response.AssertInvalidAsync("Idempotency-Key");
    }

    [Fact]
    public async Task AKeyLongerThan255CharactersIsABadRequest()
    {
        var response = await PostAsync(writer, "/api/v1/topics", new { slug = $"t-{Guid.NewGuid():N}", name = "T" }, new string('k', 256));

        await response.AssertInvalidAsync("Idempotency-Key");
    }

    [Fact]
    public async Task TheHeaderIsDocumentedOnEveryCreate()
    {
        var document = await (await factory.CreateClient().GetAsync("/swagger/v1/swagger.json")).ReadJsonAsync();
        var paths = document.GetProperty("paths");

        foreach (var path in new[]
        {
            "/api/v1/officials", "/api/v1/topics", "/api/v1/meetings", "/api/v1/sources", "/api/v1/statements", "/api/v1/statements/bulk",
            "/api/v1/statements/{id}/relations", "/api/v1/statements/{id}/restore", "/api/v1/keys",
        })
        {
            var post = paths.GetProperty(path).GetProperty("post");
            Assert.Contains(post.GetProperty("parameters").EnumerateArray(),
                p => p.GetProperty("name").GetString() == "Idempotency-Key" && p.GetProperty("in").GetString() == "header");
            Assert.True(post.GetProperty("responses").TryGetProperty("422", out _), path);
        }
        Assert.DoesNotContain(paths.GetProperty("/api/v1/statements/{id}").GetProperty("put").GetProperty("parameters").EnumerateArray(),
            p => p.GetProperty("name").GetString() == "Idempotency-Key");
    }

    private Task<HttpResponseMessage> PostRawAsync(string url, string body, string mediaType, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, mediaType) };
        request.Headers.Add("Idempotency-Key", key);
        return writer.SendAsync(request);
    }

    [Fact]
    public async Task TheSameJsonWrittenDifferentlyIsTheSameRequest()
    {
        var officialId = await OfficialAsync();
        var key = NewKey();
        var text = $"Formatted {Guid.NewGuid():N}";
        var compact = $$"""{"officialId":{{officialId}},"text":"{{text}}","kind":"quote","language":"en","saidOn":"2021-06-16"}""";
        var spaced = $$"""
            {
              "saidOn" : "2021-06-16",
              "language": "\u0065n",
              "kind":    "quote",
              "text": "{{text}}",
              "officialId": {{officialId}}
            }
            """;

        var first = await PostRawAsync("/api/v1/statements", compact, "application/json", key);
        var retry = await PostRawAsync("/api/v1/statements", spaced, "application/json", key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(first.Headers.Location, retry.Headers.Location);
        Assert.Equal(1, await CountStatementsAsync(text));

        var changed = await PostRawAsync("/api/v1/statements", spaced.Replace("quote", "paraphrase", StringComparison.Ordinal), "application/json", key);
        await changed.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task AnNdjsonBulkBodyIsComparedByteForByte()
    {
        var officialId = await OfficialAsync();
        var key = NewKey();
        var text = $"Bulk bytes {Guid.NewGuid():N}";
        var line = $$"""{"officialId":{{officialId}},"text":"{{text}}","kind":"quote","language":"en","saidOn":"2021-06-16"}""";

        Assert.Equal(HttpStatusCode.OK, (await PostRawAsync("/api/v1/statements/bulk", line + "\n", "application/x-ndjson", key)).StatusCode);
        var same = await PostRawAsync("/api/v1/statements/bulk", line + "\n", "application/x-ndjson", key);
        Assert.Equal("true", same.Headers.GetValues("Idempotent-Replayed").Single());
        var reformatted = await PostRawAsync("/api/v1/statements/bulk", line.Replace(",", ", ", StringComparison.Ordinal) + "\n", "application/x-ndjson", key);
        await reformatted.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(1, await CountStatementsAsync(text));
    }
}

/// <summary>A server whose idempotency keys expire after a second.</summary>
public sealed class ShortIdempotencyApiFactory : ApiFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Statements:Idempotency:Expiry", "00:00:01");
    }
}

public sealed class IdempotencyExpiryTests(ShortIdempotencyApiFactory factory) : IClassFixture<ShortIdempotencyApiFactory>
{
    [Fact]
    public async Task AnExpiredKeyIsFreshAgain()
    {
        var writer = factory.CreateWriter();
        var key = Guid.NewGuid().ToString();
        var slug = $"expiring-{Guid.NewGuid():N}";
        async Task<HttpResponseMessage> PostAsync(string name)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/topics")
            {
                Content = JsonContent.Create(new { slug = $"{slug}-{name}", name }, options: Json.Options),
            };
            request.Headers.Add("Idempotency-Key", key);
            return await writer.SendAsync(request);
        }

        var first = await PostAsync("first");
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        var afterExpiry = await PostAsync("second"); // a live key with another body would be a 422

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, afterExpiry.StatusCode);
        Assert.False(afterExpiry.Headers.Contains("Idempotent-Replayed"));
        Assert.NotEqual(first.Headers.Location, afterExpiry.Headers.Location);
    }
}
