// Rows written without history (the synthetic seed stores no revisions): the revision endpoints show their current
// state as their first revision, and their first change through the API stores it before writing, so nothing a
// change or a deletion replaced is lost.
using System.Net;
using System.Text.Json;

namespace Statements.Api.Tests;

public sealed class SeededHistoryTests(SyntheticApiFactory factory) : IClassFixture<SyntheticApiFactory>
{
    private readonly HttpClient reader = factory.CreateClient();
    private readonly HttpClient writer = factory.CreateWriter();

    private async Task<JsonElement> GetAsync(string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await reader.GetAsync(url);
        Assert.True(response.StatusCode == expected, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return expected == HttpStatusCode.OK ? await response.ReadJsonAsync() : default;
    }

    private async Task<JsonElement[]> RevisionsAsync(string url) =>
        [.. (await GetAsync($"{url}/revisions")).GetProperty("items").EnumerateArray()];

    private async Task<JsonElement[]> SeededStatementsAsync(int count) =>
        [.. (await GetAsync($"/api/v1/statements?limit={count}&sort=saidOn")).GetProperty("items").EnumerateArray()];

    private static void AssertRevision(JsonElement revision, long version, string action, string? text = null)
    {
        Assert.Equal(version, revision.GetProperty("version").GetInt64());
        Assert.Equal(action, revision.GetProperty("action").GetString());
        if (text is not null)
        {
            Assert.Equal(text, revision.GetProperty("record").GetProperty("text").GetString());
        }
    }

    [Fact]
    public async Task ASeededStatementShowsItsCurrentStateAsItsFirstRevisionWithoutStoringIt()
    {
        var statement = (await SeededStatementsAsync(1))[0];
        var url = statement.GetProperty("links").GetProperty("self").GetString()!;

        var revision = Assert.Single(await RevisionsAsync(url));
        AssertRevision(revision, 1, "created", statement.GetProperty("text").GetString());
        Assert.False(revision.TryGetProperty("apiKey", out _));
        Assert.Equal(statement.GetProperty("updatedAt").GetString(), revision.GetProperty("at").GetString());
        Assert.Equal(statement.GetRawText(), revision.GetProperty("record").GetRawText());
        Assert.Equal(revision.GetRawText(), (await GetAsync($"{url}/revisions/1")).GetRawText());
        await GetAsync($"{url}/revisions/2", HttpStatusCode.NotFound);
        await GetAsync("/api/v1/statements/999999999/revisions", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task TheFirstChangeOfASeededStatementKeepsWhatItReplacedAndADeletionCanBeRestored()
    {
        var statement = (await SeededStatementsAsync(2))[1];
        var url = statement.GetProperty("links").GetProperty("self").GetString()!;
        var original = statement.GetProperty("text").GetString()!;

        var patched = await writer.PatchMergeAsync(url, """{ "text": "Reworded by an editor." }""");
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        var revisions = await RevisionsAsync(url);
        Assert.Equal(2, revisions.Length);
        AssertRevision(revisions[0], 1, "created", original);
        Assert.Equal(statement.GetRawText(), revisions[0].GetProperty("record").GetRawText());
        AssertRevision(revisions[1], 2, "updated", "Reworded by an editor.");
        Assert.Equal("tests", revisions[1].GetProperty("apiKey").GetProperty("name").GetString());

        Assert.Equal(HttpStatusCode.NoContent, (await writer.DeleteAsync(url)).StatusCode);
        AssertRevision((await RevisionsAsync(url))[^1], 3, "deleted", "Reworded by an editor.");
        var restored = await writer.PostAsync($"{url}/restore", null);
        Assert.Equal(HttpStatusCode.Created, restored.StatusCode);
        Assert.Equal("Reworded by an editor.", (await restored.ReadJsonAsync()).GetProperty("text").GetString());
    }

    [Fact]
    public async Task DeletingASeededStatementKeepsWhatWasDeleted()
    {
        var statement = (await SeededStatementsAsync(3))[2];
        var url = statement.GetProperty("links").GetProperty("self").GetString()!;

        Assert.Equal(HttpStatusCode.NoContent, (await writer.DeleteAsync(url)).StatusCode);
        var revisions = await RevisionsAsync(url);
        Assert.Equal(2, revisions.Length);
        AssertRevision(revisions[0], 1, "created", statement.GetProperty("text").GetString());
        Assert.Equal(revisions[0].GetProperty("record").GetRawText(), revisions[1].GetProperty("record").GetRawText());
        AssertRevision(revisions[1], 2, "deleted");
        Assert.Equal(HttpStatusCode.Created, (await writer.PostAsync($"{url}/restore", null)).StatusCode);
    }

    [Fact]
    public async Task ARelationBetweenSeededStatementsKeepsBothFirstVersions()
    {
        var statements = await SeededStatementsAsync(6);
        var (from, to) = (statements[4], statements[5]);
        var created = await writer.PostJsonAsync($"{Self(from)}/relations", new { type = "respondsTo", targetId = to.GetProperty("id").GetInt64() });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        foreach (var statement in new[] { from, to })
        {
            var revisions = await RevisionsAsync(Self(statement));
            Assert.Equal(2, revisions.Length);
            Assert.Equal(statement.GetRawText(), revisions[0].GetProperty("record").GetRawText());
            AssertRevision(revisions[1], 2, "updated");
        }
    }

    [Theory]
    [InlineData("officials")]
    [InlineData("topics")]
    [InlineData("meetings")]
    [InlineData("sources")]
    public async Task OtherSeededResourcesShowTheirStateAndKeepItThroughTheirFirstChange(string collection)
    {
        var item = (await GetAsync($"/api/v1/{collection}?limit=1")).GetProperty("items")[0];
        var url = Self(item);
        var first = Assert.Single(await RevisionsAsync(url));
        AssertRevision(first, item.GetProperty("version").GetInt64(), "created");

        var body = collection == "sources" ? """{ "title": "Retitled" }""" : collection == "meetings" ? """{ "title": "Retitled" }""" : """{ "name": "Renamed" }""";
        var patched = await writer.PatchMergeAsync(url, body);
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        var revisions = await RevisionsAsync(url);
        Assert.Equal(2, revisions.Length);
        Assert.Equal(first.GetRawText(), revisions[0].GetRawText());
        AssertRevision(revisions[1], 2, "updated");
    }

    private static string Self(JsonElement item) => item.GetProperty("links").GetProperty("self").GetString()!;
}
