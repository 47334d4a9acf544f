using System.Net;
using System.Text.Json;
using Dapper;
using Statements.Api.Data;
using Statements.Api.History;

namespace Statements.Api.Tests;

public sealed class RevisionsTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient writer = factory.CreateWriter();
    private readonly HttpClient reader = factory.CreateClient();

    private async Task<JsonElement> CreateAsync(string url, object body)
    {
        var response = await writer.PostJsonAsync(url, body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.ReadJsonAsync();
    }

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    private async Task<long> CreateOfficialAsync() =>
        (await CreateAsync("/api/v1/officials", new { slug = Unique("revised"), name = "Revised Official", country = "FR" })).GetProperty("id").GetInt64();

    private async Task<JsonElement> CreateStatementAsync(long officialId, string text, long[]? topicIds = null) =>
        await CreateAsync("/api/v1/statements", new { officialId, text, kind = "quote", language = "en", saidOn = "2021-06-16", topicIds = topicIds ?? [] });

    private async Task<JsonElement[]> RevisionsAsync(string url)
    {
        var response = await reader.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. (await response.ReadJsonAsync()).GetProperty("items").EnumerateArray()];
    }

    [Fact]
    public async Task EveryWriteToAStatementLeavesARevisionWithWhoWhenAndTheWholeRecord()
    {
        var statement = await CreateStatementAsync(await CreateOfficialAsync(), "First words.");
        var url = statement.GetProperty("links").GetProperty("self").GetString()!;
        var patched = await writer.PatchMergeAsync(url, """{"text":"Second words."}""");
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        var afterPatch = await patched.ReadJsonAsync();
        Assert.Equal(HttpStatusCode.NoContent, (await writer.DeleteAsync(url)).StatusCode);

        var revisions = await RevisionsAsync(url + "/revisions");

        Assert.Equal(["created", "updated", "deleted"], revisions.Select(r => r.GetProperty("action").GetString()));
        Assert.Equal([1L, 2L, 3L], revisions.Select(r => r.GetProperty("version").GetInt64()));
        Assert.All(revisions, r => Assert.Equal("tests", r.GetProperty("apiKey").GetProperty("name").GetString()));
        Assert.All(revisions, r => Assert.EndsWith("Z", r.GetProperty("at").GetString()));
        Assert.Equal(statement.ToString(), revisions[0].GetProperty("record").ToString());
        Assert.Equal(afterPatch.ToString(), revisions[1].GetProperty("record").ToString());
        Assert.Equal(afterPatch.ToString(), revisions[2].GetProperty("record").ToString());
        Assert.Equal($"{url}/revisions/2", revisions[1].GetProperty("links").GetProperty("self").GetString());
        Assert.Equal(url, revisions[1].GetProperty("links").GetProperty("resource").GetString());
    }

    [Fact]
    public async Task OneRevisionIsFoundByItsVersionWithAnETag()
    {
        var statement = await CreateStatementAsync(await CreateOfficialAsync(), "Versioned words.");
        var url = statement.GetProperty("links").GetProperty("self").GetString()!;

        var response = await reader.GetAsync(url + "/revisions/1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var revision = await response.ReadJsonAsync();
        Assert.Equal("Versioned words.", revision.GetProperty("record").GetProperty("text").GetString());
        var again = new HttpRequestMessage(HttpMethod.Get, url + "/revisions/1");
        again.Headers.TryAddWithoutValidation("If-None-Match", response.Headers.ETag!.Tag);
        Assert.Equal(HttpStatusCode.NotModified, (await reader.SendAsync(again)).StatusCode);
        await (await reader.GetAsync(url + "/revisions/2")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await reader.GetAsync("/api/v1/statements/987654/revisions")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await reader.GetAsync("/api/v1/statements/987654/revisions/1")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task RevisionListsArePagedOldestFirst()
    {
        var statement = await CreateStatementAsync(await CreateOfficialAsync(), "Paged 0");
        var url = statement.GetProperty("links").GetProperty("self").GetString()!;
        for (var i = 1; i <= 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await writer.PatchMergeAsync(url, $$"""{"text":"Paged {{i}}"}""")).StatusCode);
        }

        var versions = new List<long>();
        string? next = url + "/revisions?limit=3";
        while (next is not null)
        {
            var page = await (await reader.GetAsync(next)).ReadJsonAsync();
            versions.AddRange(page.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("version").GetInt64()));
            next = page.TryGetProperty("next", out var link) ? link.GetString() : null;
        }

        Assert.Equal([1L, 2L, 3L, 4L], versions);
        await (await reader.GetAsync(url + "/revisions?limit=0")).AssertInvalidAsync("limit");
        await (await reader.GetAsync(url + "/revisions?cursor=nonsense")).AssertInvalidAsync("cursor");
    }

    [Fact]
    public async Task TheSampleDataStartsWithAFirstRevisionOfEveryResource()
    {
        foreach (var url in new[]
        {
            "/api/v1/officials/sergei-lavrov", "/api/v1/topics/strategic-stability", "/api/v1/meetings/geneva-summit-2021",
        })
        {
            var current = await (await reader.GetAsync(url)).ReadJsonAsync();
            var first = (await RevisionsAsync(url + "/revisions"))[0];
            Assert.Equal("created", first.GetProperty("action").GetString());
            Assert.False(first.TryGetProperty("apiKey", out _));
            Assert.Equal(current.GetProperty("slug").GetString(), first.GetProperty("record").GetProperty("slug").GetString());
        }
        var statements = await (await reader.GetAsync("/api/v1/statements?official=sergei-lavrov&limit=1")).ReadJsonAsync();
        var statement = statements.GetProperty("items")[0];
        var revision = (await RevisionsAsync(statement.GetProperty("links").GetProperty("self").GetString() + "/revisions"))[0];
        Assert.Equal(statement.GetProperty("text").GetString(), revision.GetProperty("record").GetProperty("text").GetString());
        var source = (await RevisionsAsync($"/api/v1/sources/{statement.GetProperty("sourceId").GetInt64()}/revisions"))[0];
        Assert.Contains("Lavrov", source.GetProperty("record").GetProperty("text").GetString());
    }

    [Fact]
    public async Task OfficialsTopicsMeetingsAndSourcesKeepTheirHistoryToo()
    {
        var slug = Unique("history-official");
        await CreateAsync("/api/v1/officials", new { slug, name = "Before", country = "FR" });
        var topic = await CreateAsync("/api/v1/topics", new { slug = Unique("history-topic"), name = "Before" });
        var meeting = await CreateAsync("/api/v1/meetings", new { slug = Unique("history-meeting"), title = "Before", kind = "other", startsOn = "2021-01-01" });
        var source = await CreateAsync("/api/v1/sources", new { title = "Before", text = "Full text before" });

        foreach (var (url, field) in new[]
        {
            ($"/api/v1/officials/{slug}", "name"),
            (topic.GetProperty("links").GetProperty("self").GetString()!, "name"),
            (meeting.GetProperty("links").GetProperty("self").GetString()!, "title"),
            (source.GetProperty("links").GetProperty("self").GetString()!, "title"),
        })
        {
            Assert.Equal(HttpStatusCode.OK, (await writer.PatchMergeAsync(url, $$"""{"{{field}}":"After"}""")).StatusCode);

            var revisions = await RevisionsAsync(url + "/revisions");

            Assert.Equal(["Before", "After"], revisions.Select(r => r.GetProperty("record").GetProperty(field).GetString()));
            Assert.Equal(["created", "updated"], revisions.Select(r => r.GetProperty("action").GetString()));
        }
        var sourceRevision = await (await reader.GetAsync(source.GetProperty("links").GetProperty("self").GetString() + "/revisions/1")).ReadJsonAsync();
        Assert.Equal("Full text before", sourceRevision.GetProperty("record").GetProperty("text").GetString());
    }

    [Fact]
    public async Task ADeletedOfficialsHistoryIsFoundByIdOnceItsSlugIsGone()
    {
        var slug = Unique("gone-official");
        var id = (await CreateAsync("/api/v1/officials", new { slug, name = "Gone", country = "FR" })).GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.NoContent, (await writer.DeleteAsync($"/api/v1/officials/{slug}")).StatusCode);

        var revisions = await RevisionsAsync($"/api/v1/officials/{id}/revisions");

        Assert.Equal(["created", "deleted"], revisions.Select(r => r.GetProperty("action").GetString()));
        Assert.Equal(slug, revisions[1].GetProperty("record").GetProperty("slug").GetString());
        await (await reader.GetAsync($"/api/v1/officials/{slug}/revisions")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task RestoringADeletedStatementBringsItBackWithItsIdAsANewVersion()
    {
        var topic = await CreateAsync("/api/v1/topics", new { slug = Unique("restore-topic"), name = "Restored topic" });
        var statement = await CreateStatementAsync(await CreateOfficialAsync(), "Words worth keeping.", [topic.GetProperty("id").GetInt64()]);
        var id = statement.GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.NoContent, (await writer.DeleteAsync($"/api/v1/statements/{id}")).StatusCode);

        var response = await writer.PostAsync($"/api/v1/statements/{id}/restore", null);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal($"/api/v1/statements/{id}", response.Headers.Location!.OriginalString);
        var restored = await response.ReadJsonAsync();
        Assert.Equal(3, restored.GetProperty("version").GetInt64());
        Assert.Equal("Words worth keeping.", restored.GetProperty("text").GetString());
        Assert.Equal(topic.GetProperty("id").GetInt64(), restored.GetProperty("topics")[0].GetProperty("id").GetInt64());
        Assert.Equal(statement.GetProperty("createdAt").GetString(), restored.GetProperty("createdAt").GetString());
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/api/v1/statements/{id}")).StatusCode);
        var revisions = await RevisionsAsync($"/api/v1/statements/{id}/revisions");
        Assert.Equal(["created", "deleted", "restored"], revisions.Select(r => r.GetProperty("action").GetString()));
        Assert.Equal(restored.ToString(), revisions[2].GetProperty("record").ToString());
        var search = await (await reader.GetAsync("/api/v1/statements?q=%22worth%20keeping%22")).ReadJsonAsync();
        Assert.Equal(id, search.GetProperty("items")[0].GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task RestoringNeedsADeletedStatementAndAKey()
    {
        var statement = await CreateStatementAsync(await CreateOfficialAsync(), "Still here.");
        var id = statement.GetProperty("id").GetInt64();

        await (await writer.PostAsync($"/api/v1/statements/{id}/restore", null)).AssertProblemAsync(HttpStatusCode.Conflict);
        await (await writer.PostAsync("/api/v1/statements/987654/restore", null)).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.NoContent, (await writer.DeleteAsync($"/api/v1/statements/{id}")).StatusCode);
        await (await reader.PostAsync($"/api/v1/statements/{id}/restore", null)).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task RestoringAStatementWhoseOfficialIsGoneIsAConflictNamingIt()
    {
        var officialId = await CreateOfficialAsync();
        var id = (await CreateStatementAsync(officialId, "Orphaned words.")).GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.NoContent, (await writer.DeleteAsync($"/api/v1/statements/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await writer.DeleteAsync($"/api/v1/officials/{officialId}")).StatusCode);

        var problem = await (await writer.PostAsync($"/api/v1/statements/{id}/restore", null)).AssertProblemAsync(HttpStatusCode.Conflict);

        Assert.Contains($"official {officialId}", problem.GetProperty("detail").GetString());
        await (await reader.GetAsync($"/api/v1/statements/{id}")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AStatementThatCannotBeRestoredCanBeRecordedAgainAsTheConflictSays()
    {
        var officialId = await CreateOfficialAsync();
        var meeting = await CreateAsync("/api/v1/meetings", new { slug = Unique("gone-meeting"), title = "Gone", kind = "summit", startsOn = "2021-06-16" });
        var meetingId = meeting.GetProperty("id").GetInt64();
        var statement = await CreateAsync("/api/v1/statements", new
        {
            officialId, text = "Words about a meeting since deleted.", kind = "quote", language = "en", saidOn = "2021-06-16", meetingId,
        });
        var id = statement.GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.NoContent, (await writer.DeleteAsync($"/api/v1/statements/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await writer.DeleteAsync($"/api/v1/meetings/{meetingId}")).StatusCode);

        var problem = await (await writer.PostAsync($"/api/v1/statements/{id}/restore", null)).AssertProblemAsync(HttpStatusCode.Conflict);
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains($"meeting {meetingId}", detail);
        Assert.Contains("cannot be restored", detail);
        Assert.DoesNotContain("Restore or recreate", detail);

        // What the detail says: take the record of the revision it names, point it at what exists, and POST it.
        var revisionUrl = System.Text.RegularExpressions.Regex.Match(detail, @"/api/v1/statements/\d+/revisions/\d+").Value;
        var record = (await (await reader.GetAsync(revisionUrl)).ReadJsonAsync()).GetProperty("record");
        var body = System.Text.Json.Nodes.JsonNode.Parse(record.GetRawText())!.AsObject();
        body.Remove("meetingId");
        var posted = await writer.PostAsync("/api/v1/statements", new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
        Assert.True(posted.StatusCode == HttpStatusCode.Created, await posted.Content.ReadAsStringAsync());
        Assert.Equal("Words about a meeting since deleted.", (await posted.ReadJsonAsync()).GetProperty("text").GetString());
    }

    [Fact]
    public async Task TheChangesFeedShowsARestoreAsACreation()
    {
        var id = (await CreateStatementAsync(await CreateOfficialAsync(), "Back again.")).GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.NoContent, (await writer.DeleteAsync($"/api/v1/statements/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await writer.PostAsync($"/api/v1/statements/{id}/restore", null)).StatusCode);

        var actions = new List<(string?, long)>();
        string? next = "/api/v1/changes?resource=statement&limit=1000";
        while (next is not null)
        {
            var page = await (await reader.GetAsync(next)).ReadJsonAsync();
            actions.AddRange(page.GetProperty("items").EnumerateArray()
                .Where(c => c.GetProperty("id").GetInt64() == id)
                .Select(c => (c.GetProperty("action").GetString(), c.GetProperty("version").GetInt64())));
            next = page.GetProperty("hasMore").GetBoolean() ? page.GetProperty("next").GetString() : null;
        }

        Assert.Equal([("created", 1L), ("deleted", 2L), ("created", 3L)], actions);
    }

    [Fact]
    public async Task TheDocumentTypesEachRevisionsRecordAsItsResource()
    {
        var document = await (await reader.GetAsync("/swagger/v1/swagger.json")).ReadJsonAsync();
        var paths = document.GetProperty("paths");
        var schemas = document.GetProperty("components").GetProperty("schemas");

        foreach (var (path, name) in new[]
        {
            ("/api/v1/officials/{idOrSlug}", "Official"), ("/api/v1/topics/{idOrSlug}", "Topic"), ("/api/v1/meetings/{idOrSlug}", "Meeting"),
            ("/api/v1/sources/{id}", "Source"), ("/api/v1/statements/{id}", "Statement"),
        })
        {
            Assert.Equal($"list{name}Revisions", paths.GetProperty(path + "/revisions").GetProperty("get").GetProperty("operationId").GetString());
            Assert.Equal($"get{name}Revision", paths.GetProperty(path + "/revisions/{version}").GetProperty("get").GetProperty("operationId").GetString());
            Assert.Equal($"#/components/schemas/{name}",
                schemas.GetProperty($"{name}Revision").GetProperty("properties").GetProperty("record").GetProperty("$ref").GetString());
        }
        var restore = paths.GetProperty("/api/v1/statements/{id}/restore").GetProperty("post");
        Assert.Equal("restoreStatement", restore.GetProperty("operationId").GetString());
        Assert.True(restore.GetProperty("responses").TryGetProperty("401", out _));
    }

    [Fact]
    public async Task RowsWrittenWithoutHistoryGetOneFirstRevisionEachWhenBackfilled()
    {
        var directory = Path.Combine(Path.GetTempPath(), "statements-tests", Guid.NewGuid().ToString("N"));
        var db = new Db($"Data Source={Path.Combine(directory, "statements.db")}");
        try
        {
            await Migrator.PrepareAsync(db, loadSampleData: true);
            await using (var connection = await db.OpenAsync())
            {
                // As a database written before revisions were kept: rows without history, one of them changed since.
                await connection.ExecuteAsync("""
                    DELETE FROM revisions;
                    UPDATE officials SET version = 3 WHERE slug = 'joe-biden';
                    """);
            }

            await Revisions.BackfillAsync(db);
            await Revisions.BackfillAsync(db);

            await using var check = await db.OpenAsync();
            Assert.Equal(0, await check.ExecuteScalarAsync<long>("""
                SELECT (SELECT count(*) FROM officials WHERE id NOT IN (SELECT resource_id FROM revisions WHERE resource = 'official'))
                     + (SELECT count(*) FROM statements WHERE id NOT IN (SELECT resource_id FROM revisions WHERE resource = 'statement'))
                     + (SELECT count(*) FROM sources WHERE id NOT IN (SELECT resource_id FROM revisions WHERE resource = 'source'))
                """));
            Assert.Equal(0, await check.ExecuteScalarAsync<long>(
                "SELECT count(*) FROM (SELECT 1 FROM revisions GROUP BY resource, resource_id HAVING count(*) > 1)"));
            Assert.Equal("3 updated", await check.ExecuteScalarAsync<string>("""
                SELECT r.version || ' ' || r.action FROM revisions r JOIN officials o ON o.id = r.resource_id
                WHERE r.resource = 'official' AND o.slug = 'joe-biden'
                """));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }
}
