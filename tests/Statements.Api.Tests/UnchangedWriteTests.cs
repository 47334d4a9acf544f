using System.Net;
using System.Text;
using System.Text.Json;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Statements.Api.Tests;

/// <summary>A PUT or PATCH that changes nothing answers the resource as it is and records nothing.</summary>
public sealed class UnchangedWriteTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient writer = factory.CreateWriter();
    private readonly HttpClient reader = factory.CreateClient();

    public static TheoryData<string> Resources => new() { "officials", "topics", "meetings", "sources", "statements" };

    private async Task<string> CreateAsync(string resource)
    {
        var unique = Guid.NewGuid().ToString("N")[..12];
        var topic = await writer.PostJsonAsync("/api/v1/topics", new { slug = $"unchanged-a-{unique}", name = "A topic" });
        var other = await writer.PostJsonAsync("/api/v1/topics", new { slug = $"unchanged-b-{unique}", name = "B topic" });
        var topicIds = new[] { (await topic.ReadJsonAsync()).GetProperty("id").GetInt64(), (await other.ReadJsonAsync()).GetProperty("id").GetInt64() };
        object body = resource switch
        {
            "officials" => new { slug = $"unchanged-{unique}", name = "Unchanged", aliases = new[] { "B", "A" },
                roles = new[] { new { title = "Minister", organization = "Ministry", start = "2020-01-01" } } },
            "topics" => new { slug = $"unchanged-{unique}", name = "Unchanged", keywords = new[] { "b", "a" }, parentId = topicIds[0] },
            "meetings" => new { slug = $"unchanged-{unique}", title = "Unchanged", kind = "summit", startsOn = "2021-06-16",
                participantIds = new[] { 2L, 1L }, topicIds = topicIds.Reverse().ToArray(), location = new { city = "Geneva", country = "CH" } },
            "sources" => new { title = "Unchanged", url = $"https://example.org/{unique}", text = "Full text.", publishedOn = "2021-06-16" },
            _ => new { officialId = 1, text = "Unchanged.", kind = "quote", language = "en", saidOn = "2021-06-16", saidOnPrecision = "month",
                topicIds = topicIds.Reverse().ToArray(), context = "Moscow" },
        };
        var response = await writer.PostJsonAsync($"/api/v1/{resource}", body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return response.Headers.Location!.OriginalString;
    }

    private async Task<(long Changes, long Revisions)> HistoryAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={factory.DatabasePath}");
        return (await connection.ExecuteScalarAsync<long>("SELECT coalesce(max(seq), 0) FROM changes"),
            await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM revisions"));
    }

    private async Task AssertUnchangedAsync(string url, HttpResponseMessage response, JsonElement before, string etag)
    {
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        Assert.Equal(etag, response.Headers.ETag!.Tag);
        var answered = await response.ReadJsonAsync();
        Assert.Equal(before.GetRawText(), answered.GetRawText());
        var now = await reader.GetAsync(url);
        Assert.Equal(etag, now.Headers.ETag!.Tag);
        Assert.Equal(before.GetRawText(), (await now.ReadJsonAsync()).GetRawText());
    }

    [Theory]
    [MemberData(nameof(Resources))]
    public async Task AnEmptyPatchAndAPutOfWhatGetReturnedChangeNothing(string resource)
    {
        var url = await CreateAsync(resource);
        var got = await reader.GetAsync(url);
        var before = await got.ReadJsonAsync();
        var etag = got.Headers.ETag!.Tag;
        var history = await HistoryAsync();

        await AssertUnchangedAsync(url, await writer.PatchMergeAsync(url, "{}"), before, etag);
        await AssertUnchangedAsync(url, await writer.PutAsync(url, new StringContent(before.GetRawText(), Encoding.UTF8, "application/json")), before, etag);
        await AssertUnchangedAsync(url, await writer.PatchMergeAsync(url, before.GetRawText(), ifMatch: etag), before, etag);

        Assert.Equal(history, await HistoryAsync());
    }

    [Fact]
    public async Task TopicIdsInAnotherOrderAndADayInTheSameMonthChangeNothing()
    {
        var url = await CreateAsync("statements");
        var got = await reader.GetAsync(url);
        var before = await got.ReadJsonAsync();
        var topicIds = before.GetProperty("topics").EnumerateArray().Select(t => t.GetProperty("id").GetInt64()).ToArray();
        var history = await HistoryAsync();

        var patch = $$"""{"topicIds":[{{topicIds[1]}},{{topicIds[0]}},{{topicIds[1]}}],"saidOn":"2021-06-30"}""";
        await AssertUnchangedAsync(url, await writer.PatchMergeAsync(url, patch), before, got.Headers.ETag!.Tag);

        Assert.Equal(history, await HistoryAsync());
    }

    [Theory]
    [MemberData(nameof(Resources))]
    public async Task AWriteThatChangesSomethingIsStillRecorded(string resource)
    {
        var url = await CreateAsync(resource);
        var history = await HistoryAsync();
        var field = resource switch { "statements" => "context", "meetings" or "sources" => "title", _ => "name" };

        var response = await writer.PatchMergeAsync(url, $$"""{"{{field}}":"Changed"}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, (await response.ReadJsonAsync()).GetProperty("version").GetInt64());
        var after = await HistoryAsync();
        Assert.Equal(history.Changes + 1, after.Changes);
        Assert.Equal(history.Revisions + 1, after.Revisions);
    }

    [Fact]
    public async Task AnUnchangedWriteToARowWithoutHistoryWritesNoBaselineRevision()
    {
        long id;
        await using (var connection = new SqliteConnection($"Data Source={factory.DatabasePath}"))
        {
            // As seed-synthetic writes it: no revision until its first change.
            id = await connection.ExecuteScalarAsync<long>("""
                INSERT INTO statements (official_id, text, kind, language, said_on, said_on_precision, created_at, updated_at)
                VALUES (1, 'Seeded without history.', 'quote', 'en', '2021-06-16', 'day', '2024-01-01T00:00:00.000Z', '2024-01-01T00:00:00.000Z')
                RETURNING id
                """);
        }
        var url = $"/api/v1/statements/{id}";
        var got = await reader.GetAsync(url);
        var before = await got.ReadJsonAsync();
        var history = await HistoryAsync();

        await AssertUnchangedAsync(url, await writer.PatchMergeAsync(url, "{}"), before, got.Headers.ETag!.Tag);

        Assert.Equal(history, await HistoryAsync());
    }
}
