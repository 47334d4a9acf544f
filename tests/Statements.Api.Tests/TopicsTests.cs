using System.Net;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Statements.Api.Data;

namespace Statements.Api.Tests;

public sealed class TopicsTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient writer = factory.CreateWriter();
    private readonly HttpClient reader = factory.CreateClient();

    private static object NewTopic(string slug, long? parentId = null) => new
    {
        slug,
        name = "Strategic stability",
        description = "Arms control and the balance of nuclear forces.",
        parentId,
        keywords = new[] { "strategic stability", "New START", "стратегическая стабильность" },
    };

    private async Task<JsonElement> CreateAsync(string slug, long? parentId = null)
    {
        var response = await writer.PostJsonAsync("/api/v1/topics", NewTopic(slug, parentId));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.ReadJsonAsync();
    }

    private static HttpRequestMessage WithHeader(HttpMethod method, string url, string header, string value)
    {
        var request = new HttpRequestMessage(method, url);
        request.Headers.TryAddWithoutValidation(header, value);
        return request;
    }

    private async Task<List<string>> WalkAsync(string url)
    {
        var seen = new List<string>();
        string? next = url;
        while (next is not null)
        {
            var response = await reader.GetAsync(next);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await response.ReadJsonAsync();
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("slug").GetString()!));
            next = page.TryGetProperty("next", out var n) ? n.GetString() : null;
            Assert.Equal(next is not null, response.Headers.Contains("Link"));
        }
        return seen;
    }

    [Fact]
    public async Task CreatingATopicReturnsItWithLocationETagAndLinks()
    {
        var response = await writer.PostJsonAsync("/api/v1/topics", NewTopic("strategic-stability-1"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.ReadJsonAsync();
        var id = body.GetProperty("id").GetInt64();
        Assert.Equal($"/api/v1/topics/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal("\"1\"", response.Headers.ETag?.Tag);
        Assert.Equal("стратегическая стабильность", body.GetProperty("keywords")[2].GetString());
        Assert.False(body.TryGetProperty("parentId", out _));
        Assert.EndsWith("Z", body.GetProperty("updatedAt").GetString());
        var links = body.GetProperty("links");
        Assert.Equal($"/api/v1/topics/{id}/statements", links.GetProperty("statements").GetString());
        Assert.Equal($"/api/v1/topics/{id}/children", links.GetProperty("children").GetString());
        Assert.False(links.TryGetProperty("parent", out _));

        var bySlug = await reader.GetAsync("/api/v1/topics/strategic-stability-1");
        Assert.Equal(id, (await bySlug.ReadJsonAsync()).GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task AChildTopicNamesAndLinksItsParent()
    {
        var parent = await CreateAsync("russia-us-relations-1");
        var parentId = parent.GetProperty("id").GetInt64();

        var child = await CreateAsync("normalisation-of-relations-1", parentId);

        Assert.Equal(parentId, child.GetProperty("parentId").GetInt64());
        Assert.Equal($"/api/v1/topics/{parentId}", child.GetProperty("links").GetProperty("parent").GetString());
    }

    [Fact]
    public async Task PostingADuplicateSlugIsAConflict()
    {
        await CreateAsync("strategic-stability-2");
        var response = await writer.PostJsonAsync("/api/v1/topics", NewTopic("strategic-stability-2"));

        var problem = await response.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("strategic-stability-2", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task RenamingToATakenSlugIsAConflict()
    {
        await CreateAsync("strategic-stability-3");
        var other = await CreateAsync("strategic-stability-4");

        var response = await writer.PatchMergeAsync(other.GetProperty("links").GetProperty("self").GetString()!, """{"slug":"strategic-stability-3"}""");

        var problem = await response.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("strategic-stability-3", problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("""{"slug":"Not A Slug","name":"X"}""", "slug")]
    [InlineData("""{"name":"X"}""", "slug")]
    [InlineData("""{"slug":"ok-slug"}""", "name")]
    [InlineData("""{"slug":"ok-slug","name":""}""", "name")]
    [InlineData("""{"slug":"ok-slug","name":"X","keywords":["ok",""]}""", "keywords")]
    [InlineData("""{"slug":"ok-slug","name":"X","parentId":"strategic-stability"}""", "parentId")]
    [InlineData("""{"slug":"ok-slug","name":"X","parentId":999999999}""", "parentId")]
    public async Task InvalidTopicsAreRejectedNamingTheField(string json, string field)
    {
        var response = await writer.PostAsync("/api/v1/topics", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        await response.AssertInvalidAsync(field);
    }

    [Fact]
    public async Task ATooLongDescriptionIsRejected()
    {
        var response = await writer.PostJsonAsync("/api/v1/topics", new { slug = "long-description", name = "X", description = new string('x', 4001) });

        await response.AssertInvalidAsync("description");
    }

    [Fact]
    public async Task ATopicCannotBeItsOwnParent()
    {
        var topic = await CreateAsync("self-parent");
        var id = topic.GetProperty("id").GetInt64();

        var response = await writer.PatchMergeAsync($"/api/v1/topics/{id}", $$"""{"parentId":{{id}}}""");

        await response.AssertInvalidAsync("parentId");
    }

    [Fact]
    public async Task ATopicCannotMoveBelowItsOwnDescendant()
    {
        var top = await CreateAsync("cycle-top");
        var middle = await CreateAsync("cycle-middle", top.GetProperty("id").GetInt64());
        var bottom = await CreateAsync("cycle-bottom", middle.GetProperty("id").GetInt64());

        var response = await writer.PutJsonAsync("/api/v1/topics/cycle-top", NewTopic("cycle-top", bottom.GetProperty("id").GetInt64()));

        await response.AssertInvalidAsync("parentId");
        var unchanged = await (await reader.GetAsync("/api/v1/topics/cycle-top")).ReadJsonAsync();
        Assert.False(unchanged.TryGetProperty("parentId", out _));
        Assert.Equal(1, unchanged.GetProperty("version").GetInt64());
    }

    [Fact]
    public async Task ATopicCanMoveToAnotherBranch()
    {
        var first = await CreateAsync("branch-first");
        var second = await CreateAsync("branch-second");
        var leaf = await CreateAsync("branch-leaf", first.GetProperty("id").GetInt64());
        var secondId = second.GetProperty("id").GetInt64();

        var response = await writer.PatchMergeAsync(leaf.GetProperty("links").GetProperty("self").GetString()!, $$"""{"parentId":{{secondId}}}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(secondId, (await response.ReadJsonAsync()).GetProperty("parentId").GetInt64());
        Assert.Equal(["branch-leaf"], await WalkAsync("/api/v1/topics/branch-second/children"));
        Assert.Empty(await WalkAsync("/api/v1/topics/branch-first/children"));
    }

    [Fact]
    public async Task MalformedJsonAndWrongContentTypeAreProblems()
    {
        var malformed = await writer.PostAsync("/api/v1/topics", new StringContent("{\"slug\":", System.Text.Encoding.UTF8, "application/json"));
        await malformed.AssertProblemAsync(HttpStatusCode.BadRequest);

        var text = await writer.PostAsync("/api/v1/topics", new StringContent("slug=x", System.Text.Encoding.UTF8, "text/plain"));
        await text.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);

        await CreateAsync("patch-not-an-object");
        var notAnObject = await writer.PatchMergeAsync("/api/v1/topics/patch-not-an-object", "[1]");
        await notAnObject.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task WritingWithoutAValidKeyIsUnauthorized()
    {
        var topic = await CreateAsync("no-key-target");
        var url = topic.GetProperty("links").GetProperty("self").GetString()!;

        await (await reader.PostJsonAsync("/api/v1/topics", NewTopic("no-key"))).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await reader.PutJsonAsync(url, NewTopic("no-key-target"))).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await reader.PatchMergeAsync(url, """{"name":"X"}""")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await reader.DeleteAsync(url)).AssertProblemAsync(HttpStatusCode.Unauthorized);

        var wrong = factory.CreateClient();
        wrong.DefaultRequestHeaders.Add("X-Api-Key", "stk_not-a-real-key");
        await (await wrong.PostJsonAsync("/api/v1/topics", NewTopic("wrong-key"))).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task ETagsAnswerConditionalReadsAndGuardWrites()
    {
        var created = await writer.PostJsonAsync("/api/v1/topics", NewTopic("strategic-stability-5"));
        var url = created.Headers.Location!.OriginalString;
        var etag = created.Headers.ETag!.Tag;

        var conditional = await reader.SendAsync(WithHeader(HttpMethod.Get, url, "If-None-Match", etag));
        Assert.Equal(HttpStatusCode.NotModified, conditional.StatusCode);
        var changedSince = await reader.SendAsync(WithHeader(HttpMethod.Get, url, "If-None-Match", "\"999\""));
        Assert.Equal(HttpStatusCode.OK, changedSince.StatusCode);

        var patched = await writer.PatchMergeAsync(url, """{"name":"Strategic Stability"}""", ifMatch: etag);
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        Assert.Equal(2, (await patched.ReadJsonAsync()).GetProperty("version").GetInt64());
        Assert.NotEqual(etag, patched.Headers.ETag!.Tag);

        var stalePatch = await writer.PatchMergeAsync(url, """{"name":"Stale"}""", ifMatch: etag);
        await stalePatch.AssertProblemAsync(HttpStatusCode.PreconditionFailed);

        var stalePut = WithHeader(HttpMethod.Put, url, "If-Match", etag);
        stalePut.Content = System.Net.Http.Json.JsonContent.Create(NewTopic("strategic-stability-5"), options: Json.Options);
        await (await writer.SendAsync(stalePut)).AssertProblemAsync(HttpStatusCode.PreconditionFailed);

        await (await writer.SendAsync(WithHeader(HttpMethod.Delete, url, "If-Match", etag))).AssertProblemAsync(HttpStatusCode.PreconditionFailed);

        var current = patched.Headers.ETag!.Tag;
        Assert.Equal(HttpStatusCode.NoContent, (await writer.SendAsync(WithHeader(HttpMethod.Delete, url, "If-Match", current))).StatusCode);
    }

    [Fact]
    public async Task PatchRemovesMembersSetToNullAndKeepsAbsentOnes()
    {
        var parent = await CreateAsync("patch-parent");
        var topic = await CreateAsync("patch-child", parent.GetProperty("id").GetInt64());
        var url = topic.GetProperty("links").GetProperty("self").GetString()!;

        var response = await writer.PatchMergeAsync(url, """{"parentId":null,"description":null,"keywords":["New START"]}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.ReadJsonAsync();
        Assert.False(body.TryGetProperty("parentId", out _));
        Assert.False(body.TryGetProperty("description", out _));
        Assert.False(body.GetProperty("links").TryGetProperty("parent", out _));
        Assert.Equal(["New START"], body.GetProperty("keywords").EnumerateArray().Select(k => k.GetString()));
        Assert.Equal("patch-child", body.GetProperty("slug").GetString());
        Assert.Equal("Strategic stability", body.GetProperty("name").GetString());
    }

    [Fact]
    public async Task PatchThatBreaksARuleIsRejectedNamingTheField()
    {
        var topic = await CreateAsync("patch-invalid");
        var url = topic.GetProperty("links").GetProperty("self").GetString()!;

        await (await writer.PatchMergeAsync(url, """{"name":null}""")).AssertInvalidAsync("name");
        await (await writer.PatchMergeAsync(url, """{"slug":"Bad Slug"}""")).AssertInvalidAsync("slug");
        await (await writer.PatchMergeAsync(url, """{"parentId":999999999}""")).AssertInvalidAsync("parentId");
    }

    [Fact]
    public async Task PutReplacesTheWholeTopic()
    {
        var parent = await CreateAsync("put-parent");
        var topic = await CreateAsync("put-child", parent.GetProperty("id").GetInt64());
        var url = topic.GetProperty("links").GetProperty("self").GetString()!;

        var replaced = await writer.PutJsonAsync(url, new { slug = "put-child-renamed", name = "Non-interference" });

        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        var body = await replaced.ReadJsonAsync();
        Assert.Equal("Non-interference", body.GetProperty("name").GetString());
        Assert.Equal("put-child-renamed", body.GetProperty("slug").GetString());
        Assert.False(body.TryGetProperty("parentId", out _));
        Assert.False(body.TryGetProperty("description", out _));
        Assert.Equal(0, body.GetProperty("keywords").GetArrayLength());
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/api/v1/topics/put-child-renamed")).StatusCode);
    }

    [Fact]
    public async Task WritingAnUnknownTopicIsNotFound()
    {
        await (await writer.PutJsonAsync("/api/v1/topics/no-such-topic", NewTopic("no-such-topic"))).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await writer.PatchMergeAsync("/api/v1/topics/no-such-topic", """{"name":"X"}""")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await writer.DeleteAsync("/api/v1/topics/no-such-topic")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task DeletingAnUnusedTopicRemovesIt()
    {
        var created = await writer.PostJsonAsync("/api/v1/topics", NewTopic("strategic-stability-6"));
        var url = created.Headers.Location!.OriginalString;

        Assert.Equal(HttpStatusCode.NoContent, (await writer.DeleteAsync(url)).StatusCode);
        await (await reader.GetAsync(url)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await writer.DeleteAsync(url)).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task DeletingATopicWithChildrenIsAConflict()
    {
        var parent = await CreateAsync("delete-parent");
        await CreateAsync("delete-child", parent.GetProperty("id").GetInt64());

        var response = await writer.DeleteAsync("/api/v1/topics/delete-parent");

        var problem = await response.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("1 child topic(s)", problem.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/api/v1/topics/delete-parent")).StatusCode);
    }

    [Fact]
    public async Task DeletingATopicOfMeetingsOrStatementsIsAConflict()
    {
        var topic = await CreateAsync("delete-in-use");
        var id = topic.GetProperty("id").GetInt64();
        // The meetings and statements modules are written separately; link rows directly so this test stands alone.
        await using (var connection = await factory.Services.GetRequiredService<Db>().OpenAsync())
        {
            const string sql = """
                INSERT INTO officials (slug, name, created_at, updated_at) VALUES ('topic-test-speaker', 'Speaker', @now, @now);
                INSERT INTO meetings (slug, title, kind, starts_on, created_at, updated_at)
                VALUES ('topic-test-meeting', 'Meeting', 'summit', '2021-06-16', @now, @now);
                INSERT INTO meeting_topics (meeting_id, topic_id) VALUES (last_insert_rowid(), @id);
                INSERT INTO statements (official_id, text, kind, language, said_on, said_on_precision, created_at, updated_at)
                VALUES ((SELECT id FROM officials WHERE slug = 'topic-test-speaker'), 'Text', 'quote', 'en', '2021-06-16', 'day', @now, @now);
                INSERT INTO statement_topics (statement_id, topic_id, official_id)
                SELECT id, @id, official_id FROM statements WHERE id = last_insert_rowid();
                """;
            await connection.ExecuteAsync(sql, new { id, now = Db.Now() });
        }

        var response = await writer.DeleteAsync($"/api/v1/topics/{id}");

        var problem = await response.AssertProblemAsync(HttpStatusCode.Conflict);
        var detail = problem.GetProperty("detail").GetString();
        Assert.Contains("1 statement(s)", detail);
        Assert.Contains("1 meeting(s)", detail);
    }

    [Fact]
    public async Task ListingByParentPagesThroughItsChildrenInIdOrder()
    {
        var parent = await CreateAsync("list-parent");
        var parentId = parent.GetProperty("id").GetInt64();
        for (var i = 0; i < 5; i++)
        {
            await writer.PostJsonAsync("/api/v1/topics", new { slug = $"list-child-{i}", name = $"List child {i}", parentId });
        }
        await CreateAsync("list-grandchild", (await (await reader.GetAsync("/api/v1/topics/list-child-0")).ReadJsonAsync()).GetProperty("id").GetInt64());
        var expected = Enumerable.Range(0, 5).Select(i => $"list-child-{i}").ToList();

        Assert.Equal(expected, await WalkAsync("/api/v1/topics?parent=list-parent&limit=2"));
        Assert.Equal(expected, await WalkAsync($"/api/v1/topics?parent={parentId}&limit=2"));
        Assert.Equal(expected, await WalkAsync("/api/v1/topics/list-parent/children?limit=2"));
        Assert.Equal(["list-child-1"], await WalkAsync("/api/v1/topics?parent=list-parent&q=child%201"));
    }

    [Fact]
    public async Task ListingRootTopicsLeavesOutChildren()
    {
        var root = await CreateAsync("rootfilter-top");
        await CreateAsync("rootfilter-below", root.GetProperty("id").GetInt64());

        var roots = await WalkAsync("/api/v1/topics?root=true&limit=500");
        Assert.Contains("rootfilter-top", roots);
        Assert.DoesNotContain("rootfilter-below", roots);

        var all = await WalkAsync("/api/v1/topics?root=false&limit=500");
        Assert.Contains("rootfilter-below", all);
    }

    [Fact]
    public async Task SearchMatchesNameDescriptionAndKeywordsLiterally()
    {
        await writer.PostJsonAsync("/api/v1/topics", new { slug = "search-by-name", name = "Zyxwv summitry" });
        await writer.PostJsonAsync("/api/v1/topics", new { slug = "search-by-description", name = "X", description = "About zyxwv talks" });
        await writer.PostJsonAsync("/api/v1/topics", new { slug = "search-by-keyword", name = "X", keywords = new[] { "ZYXWV", "невмешательство" } });
        await writer.PostJsonAsync("/api/v1/topics", new { slug = "search-by-percent", name = "100% zyx_v" });

        Assert.Equal(["search-by-name", "search-by-description", "search-by-keyword"], await WalkAsync("/api/v1/topics?q=zyxwv&limit=1"));
        Assert.Equal(["search-by-keyword"], await WalkAsync("/api/v1/topics?q=невмешательство"));
        Assert.Equal(["search-by-percent"], await WalkAsync("/api/v1/topics?q=" + Uri.EscapeDataString("x_v")));
    }

    [Fact]
    public async Task ChildrenOfAnUnknownTopicAreNotFound()
    {
        await (await reader.GetAsync("/api/v1/topics/no-such-topic/children")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ALeafTopicHasNoChildren()
    {
        await CreateAsync("leaf-topic");

        var response = await reader.GetAsync("/api/v1/topics/leaf-topic/children");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadJsonAsync();
        Assert.Equal(0, page.GetProperty("items").GetArrayLength());
        Assert.False(page.TryGetProperty("next", out _));
    }

    [Theory]
    [InlineData("/api/v1/topics?limit=0", "limit")]
    [InlineData("/api/v1/topics?limit=501", "limit")]
    [InlineData("/api/v1/topics?limit=ten", "limit")]
    [InlineData("/api/v1/topics?cursor=not-a-cursor", "cursor")]
    [InlineData("/api/v1/topics?parent=no-such-topic", "parent")]
    [InlineData("/api/v1/topics?root=maybe", "root")]
    [InlineData("/api/v1/topics?root=true&parent=1", "root")]
    [InlineData("/api/v1/topics/1/children?limit=0", "limit")]
    [InlineData("/api/v1/topics/1/children?cursor=not-a-cursor", "cursor")]
    public async Task BadListParametersAreProblems(string url, string field)
    {
        await (await reader.GetAsync(url)).AssertInvalidAsync(field);
    }

    [Fact]
    public async Task AnUnknownTopicIsNotFound()
    {
        await (await reader.GetAsync("/api/v1/topics/nothing-at-all")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await reader.GetAsync("/api/v1/topics/999999999")).AssertProblemAsync(HttpStatusCode.NotFound);
    }
}
