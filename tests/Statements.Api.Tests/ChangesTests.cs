using System.Net;
using System.Text.Json;

namespace Statements.Api.Tests;

public sealed class ChangesTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient writer = factory.CreateWriter();
    private readonly HttpClient reader = factory.CreateClient();

    private async Task<long> CreateAsync(string url, object body)
    {
        var response = await writer.PostJsonAsync(url, body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.ReadJsonAsync()).GetProperty("id").GetInt64();
    }

    private Task<long> CreateOfficialAsync(string slug) =>
        CreateAsync("/api/v1/officials", new { slug, name = $"Official {slug}", country = "FR" });

    private Task<long> CreateStatementAsync(long officialId, string text) =>
        CreateAsync("/api/v1/statements", new { officialId, text, kind = "quote", language = "en", saidOn = "2021-06-16" });

    private async Task SendAsync(HttpResponseMessage response, HttpStatusCode expected) =>
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");

    /// <summary>Follows next while hasMore; returns every change read and the URL to poll later.</summary>
    private async Task<(List<JsonElement> Items, string Next)> DrainAsync(string url)
    {
        var items = new List<JsonElement>();
        while (true)
        {
            var response = await reader.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = await response.ReadJsonAsync();
            items.AddRange(body.GetProperty("items").EnumerateArray());
            url = body.GetProperty("next").GetString()!;
            var hasMore = body.GetProperty("hasMore").GetBoolean();
            Assert.Equal(hasMore, response.Headers.Contains("Link"));
            if (!hasMore)
            {
                return (items, url);
            }
            Assert.Equal($"<{url}>; rel=\"next\"", response.Headers.GetValues("Link").Single());
        }
    }

    private static (string Resource, long Id, string Action, long Version) Describe(JsonElement change) => (
        change.GetProperty("resource").GetString()!,
        change.GetProperty("id").GetInt64(),
        change.GetProperty("action").GetString()!,
        change.GetProperty("version").GetInt64());

    private static void AssertStrictlyIncreasingSeq(List<JsonElement> changes)
    {
        var seqs = changes.Select(c => c.GetProperty("seq").GetInt64()).ToList();
        Assert.True(seqs.Zip(seqs.Skip(1)).All(p => p.First < p.Second), $"seqs out of order: {string.Join(",", seqs)}");
    }

    [Fact]
    public async Task PollingAfterTheLastSeqSeesEveryInterleavedWriteOnceAndInOrder()
    {
        // Small pages, so that the polls also walk several pages through next.
        var (_, next) = await DrainAsync("/api/v1/changes?limit=2");
        var seen = new List<JsonElement>();
        var expected = new List<(string, long, string, long)>();
        async Task PollAsync()
        {
            var (items, later) = await DrainAsync(next);
            seen.AddRange(items);
            next = later;
        }

        var official = await CreateOfficialAsync("feed-speaker");
        expected.Add(("official", official, "created", 1));
        await PollAsync();

        var first = await CreateStatementAsync(official, "First words.");
        var second = await CreateStatementAsync(official, "Second words.");
        await SendAsync(await writer.PatchMergeAsync($"/api/v1/statements/{first}", """{"context":"Briefing"}"""), HttpStatusCode.OK);
        expected.AddRange([("statement", first, "created", 1), ("statement", second, "created", 1), ("statement", first, "updated", 2)]);
        await PollAsync();
        await PollAsync();

        await SendAsync(await writer.PutJsonAsync($"/api/v1/officials/{official}",
            new { slug = "feed-speaker", name = "Renamed speaker", country = "FR" }), HttpStatusCode.OK);
        await SendAsync(await writer.DeleteAsync($"/api/v1/statements/{second}"), HttpStatusCode.NoContent);
        expected.AddRange([("official", official, "updated", 2), ("statement", second, "deleted", 2)]);
        await PollAsync();

        var passing = await CreateOfficialAsync("feed-passing-official");
        await SendAsync(await writer.DeleteAsync($"/api/v1/officials/{passing}"), HttpStatusCode.NoContent);
        await SendAsync(await writer.DeleteAsync($"/api/v1/statements/{first}"), HttpStatusCode.NoContent);
        expected.AddRange([("official", passing, "created", 1), ("official", passing, "deleted", 2), ("statement", first, "deleted", 3)]);
        await PollAsync();
        await PollAsync();

        Assert.Equal(expected, seen.Select(Describe).ToList());
        AssertStrictlyIncreasingSeq(seen);
        Assert.Equal(seen[^1].GetProperty("seq").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture),
            System.Web.HttpUtility.ParseQueryString(new Uri(new Uri("http://x"), next).Query)["after"]);
    }

    [Fact]
    public async Task APollerRunningAlongsideConcurrentWritersMissesAndRepeatsNothing()
    {
        var (_, next) = await DrainAsync("/api/v1/changes?limit=3&resource=statement");
        var official = await CreateOfficialAsync("feed-busy-speaker");
        var seen = new List<JsonElement>();

        var writers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            var ids = new List<long>();
            for (var i = 0; i < 6; i++)
            {
                ids.Add(await CreateStatementAsync(official, $"Writer {w}, statement {i}."));
            }
            return ids;
        })).ToArray();
        var all = Task.WhenAll(writers);
        while (!all.IsCompleted)
        {
            var (items, later) = await DrainAsync(next);
            seen.AddRange(items);
            next = later;
            await Task.Delay(5);
        }
        var created = (await all).SelectMany(ids => ids).ToHashSet();
        var (rest, _) = await DrainAsync(next);
        seen.AddRange(rest);

        Assert.All(seen, c => Assert.Equal("statement", c.GetProperty("resource").GetString()));
        Assert.Equal(created.Order(), seen.Select(c => c.GetProperty("id").GetInt64()).Order());
        AssertStrictlyIncreasingSeq(seen);
    }

    [Fact]
    public async Task ADeletionIsATombstoneWhoseSelfLinkNowAnswers404()
    {
        var official = await CreateOfficialAsync("feed-deleted-official");
        var statement = await CreateStatementAsync(official, "Soon gone.");
        var (_, next) = await DrainAsync("/api/v1/changes?limit=1000");

        await SendAsync(await writer.DeleteAsync($"/api/v1/statements/{statement}"), HttpStatusCode.NoContent);
        await SendAsync(await writer.DeleteAsync($"/api/v1/officials/{official}"), HttpStatusCode.NoContent);
        var (changes, _) = await DrainAsync(next);

        Assert.Equal([("statement", statement, "deleted", 2L), ("official", official, "deleted", 2L)], changes.Select(Describe).ToList());
        Assert.Equal($"/api/v1/statements/{statement}", changes[0].GetProperty("links").GetProperty("self").GetString());
        Assert.Equal($"/api/v1/officials/{official}", changes[1].GetProperty("links").GetProperty("self").GetString());
        foreach (var change in changes)
        {
            var response = await reader.GetAsync(change.GetProperty("links").GetProperty("self").GetString());
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
    }

    [Fact]
    public async Task AtTheEndNextIsStillGivenAsTheUrlToPollLaterWithoutALinkHeader()
    {
        var (_, next) = await DrainAsync("/api/v1/changes?limit=1000&resource=official");

        var response = await reader.GetAsync(next);
        var body = await response.ReadJsonAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(body.GetProperty("items").EnumerateArray());
        Assert.False(body.GetProperty("hasMore").GetBoolean());
        Assert.Equal(next, body.GetProperty("next").GetString());
        Assert.Contains("resource=official", next, StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("Link"));

    }

    [Fact]
    public async Task ASeqPastTheLatestChangeIsAProblemRatherThanAnEmptyPageForEver()
    {
        var (_, next) = await DrainAsync("/api/v1/changes?limit=1000");
        var latest = long.Parse(System.Web.HttpUtility.ParseQueryString(new Uri(new Uri("http://x"), next).Query)["after"]!, System.Globalization.CultureInfo.InvariantCulture);

        var problem = await (await reader.GetAsync($"/api/v1/changes?after={latest + 1000}")).AssertInvalidAsync("after");

        Assert.Contains($"({latest}", problem.GetProperty("errors").GetProperty("after")[0].GetString());
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/api/v1/changes?after={latest}")).StatusCode);
    }

    [Fact]
    public async Task TheFeedCanBeNarrowedToSomeKindsOfResource()
    {
        var official = await CreateOfficialAsync("feed-filtered-speaker");
        await CreateStatementAsync(official, "Filtered words.");
        await CreateAsync("/api/v1/topics", new { slug = "feed-filtered-topic", name = "Filtered" });

        var (changes, _) = await DrainAsync("/api/v1/changes?limit=1000&resource=official,topic");

        Assert.NotEmpty(changes);
        Assert.All(changes, c => Assert.Contains(c.GetProperty("resource").GetString(), new[] { "official", "topic" }));
        Assert.Contains(changes, c => Describe(c) == ("official", official, "created", 1));
    }

    [Fact]
    public async Task TheSampleDataCreationsOpenTheFeed()
    {
        var lavrov = (await (await reader.GetAsync("/api/v1/officials/sergei-lavrov")).ReadJsonAsync()).GetProperty("id").GetInt64();
        var summit = (await (await reader.GetAsync("/api/v1/meetings/geneva-summit-2021")).ReadJsonAsync()).GetProperty("id").GetInt64();
        var lavrovStatements = (await (await reader.GetAsync("/api/v1/statements?official=sergei-lavrov&limit=500")).ReadJsonAsync())
            .GetProperty("items").EnumerateArray().Select(s => s.GetProperty("id").GetInt64()).ToList();

        var (changes, _) = await DrainAsync("/api/v1/changes?limit=1000");
        // The sample data is loaded in one transaction with one timestamp, before anything else is written.
        var loadedAt = changes[0].GetProperty("at").GetString();
        var sample = changes.TakeWhile(c => c.GetProperty("at").GetString() == loadedAt).Select(Describe).ToList();

        Assert.Equal(1, changes[0].GetProperty("seq").GetInt64());
        Assert.All(sample, c => Assert.Equal(("created", 1L), (c.Action, c.Version)));
        Assert.Equal(["source", "official", "topic", "meeting", "statement"], sample.Select(c => c.Resource).Distinct());
        Assert.Contains(("official", lavrov, "created", 1L), sample);
        Assert.Contains(("meeting", summit, "created", 1L), sample);
        Assert.NotEmpty(lavrovStatements);
        Assert.All(lavrovStatements, id => Assert.Contains(("statement", id, "created", 1L), sample));
    }

    [Theory]
    [InlineData("after=-1", "after")]
    [InlineData("after=abc", "after")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=1001", "limit")]
    [InlineData("limit=ten", "limit")]
    [InlineData("resource=speech", "resource")]
    [InlineData("resource=official,speech", "resource")]
    public async Task InvalidFeedParametersAreRejectedNamingTheField(string query, string field)
    {
        var response = await reader.GetAsync($"/api/v1/changes?{query}");

        await response.AssertInvalidAsync(field);
    }

    [Fact]
    public async Task TheFeedIsInTheOpenApiDocument()
    {
        var document = await (await reader.GetAsync("/swagger/v1/swagger.json")).ReadJsonAsync();
        var operation = document.GetProperty("paths").GetProperty("/api/v1/changes").GetProperty("get");

        Assert.Equal("listChanges", operation.GetProperty("operationId").GetString());
        Assert.Equal(["after", "limit", "resource"], operation.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()));
        var change = document.GetProperty("components").GetProperty("schemas").GetProperty("Change").GetProperty("properties");
        Assert.Equal(["created", "updated", "deleted"], ResolveEnum(document, change.GetProperty("action")));
    }

    private static IEnumerable<string?> ResolveEnum(JsonElement document, JsonElement schema)
    {
        if (schema.TryGetProperty("$ref", out var reference))
        {
            schema = document.GetProperty("components").GetProperty("schemas").GetProperty(reference.GetString()!.Split('/')[^1]);
        }
        else if (schema.TryGetProperty("allOf", out var all))
        {
            return ResolveEnum(document, all[0]);
        }
        return schema.GetProperty("enum").EnumerateArray().Select(e => e.GetString());
    }
}
