using System.Net;
using System.Text.Json;

namespace Statements.Api.Tests;

public sealed class RelationsTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient writer = factory.CreateWriter();
    private readonly HttpClient reader = factory.CreateClient();

    private async Task<JsonElement> CreateAsync(string url, object body)
    {
        var response = await writer.PostJsonAsync(url, body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.ReadJsonAsync();
    }

    /// <summary>Two new statements by a new official; returns their ids.</summary>
    private async Task<(long A, long B)> TwoStatementsAsync()
    {
        var official = await CreateAsync("/api/v1/officials", new { slug = $"related-{Guid.NewGuid():N}", name = "Related Official", country = "DE" });
        var officialId = official.GetProperty("id").GetInt64();
        var a = await CreateAsync("/api/v1/statements", new { officialId, text = "First position.", kind = "quote", language = "en", saidOn = "2021-06-16" });
        var b = await CreateAsync("/api/v1/statements", new { officialId, text = "Second position.", kind = "quote", language = "en", saidOn = "2021-06-17" });
        return (a.GetProperty("id").GetInt64(), b.GetProperty("id").GetInt64());
    }

    private async Task<JsonElement> GetAsync(long id) => await (await reader.GetAsync($"/api/v1/statements/{id}")).ReadJsonAsync();

    [Fact]
    public async Task ARelationIsShownOnBothStatementsWithItsDirection()
    {
        var (a, b) = await TwoStatementsAsync();

        var response = await writer.PostJsonAsync($"/api/v1/statements/{b}/relations", new { type = "respondsTo", targetId = a });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.ReadJsonAsync();
        var relationId = created.GetProperty("id").GetInt64();
        Assert.Equal($"/api/v1/statements/{b}/relations/{relationId}", response.Headers.Location!.OriginalString);
        var outgoing = (await GetAsync(b)).GetProperty("relations").EnumerateArray().Single();
        var incoming = (await GetAsync(a)).GetProperty("relations").EnumerateArray().Single();
        Assert.Equal(created.ToString(), outgoing.ToString());
        Assert.Equal(("respondsTo", "outgoing", a), (outgoing.GetProperty("type").GetString(), outgoing.GetProperty("direction").GetString(), outgoing.GetProperty("statementId").GetInt64()));
        Assert.Equal(("respondsTo", "incoming", b), (incoming.GetProperty("type").GetString(), incoming.GetProperty("direction").GetString(), incoming.GetProperty("statementId").GetInt64()));
        Assert.Equal(relationId, incoming.GetProperty("id").GetInt64());
        Assert.Equal($"/api/v1/statements/{b}", incoming.GetProperty("links").GetProperty("statement").GetString());
        var seenFromA = await (await reader.GetAsync($"/api/v1/statements/{a}/relations/{relationId}")).ReadJsonAsync();
        Assert.Equal(incoming.ToString(), seenFromA.ToString());
    }

    [Theory]
    [InlineData("Clarifies", "clarifies")]
    [InlineData("RESPONDSTO", "respondsTo")]
    [InlineData("respondsto", "respondsTo")]
    public async Task ARelationTypeInTheBodyIsTakenInAnyCaseAndAnsweredInItsCanonicalCase(string sent, string canonical)
    {
        var (a, b) = await TwoStatementsAsync();

        var created = await CreateAsync($"/api/v1/statements/{a}/relations", new { type = sent, targetId = b });

        Assert.Equal(canonical, created.GetProperty("type").GetString());
        Assert.Equal(canonical, (await GetAsync(b)).GetProperty("relations")[0].GetProperty("type").GetString());
        var unknown = await writer.PostJsonAsync($"/api/v1/statements/{a}/relations", new { type = "endorses", targetId = b });
        var problem = await unknown.AssertInvalidAsync("type");
        Assert.Equal("Not one of the allowed values: respondsTo, contradicts, repeats, clarifies, retracts.", problem.GetProperty("errors").GetProperty("type")[0].GetString());
    }

    private async Task<HttpResponseMessage> GetIfNoneMatchAsync(string url, string etag)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("If-None-Match", etag);
        return await reader.SendAsync(request);
    }

    [Fact]
    public async Task AStatementsRelationsAreListedAsTheStatementShowsThemWithAnETag()
    {
        var (a, b) = await TwoStatementsAsync();
        var empty = await reader.GetAsync($"/api/v1/statements/{a}/relations");
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.Equal(0, (await empty.ReadJsonAsync()).GetProperty("items").GetArrayLength());
        var before = empty.Headers.ETag!.Tag;

        await CreateAsync($"/api/v1/statements/{b}/relations", new { type = "respondsTo", targetId = a });

        var listed = await reader.GetAsync($"/api/v1/statements/{a}/relations");
        var etag = listed.Headers.ETag!.Tag;
        Assert.NotEqual(before, etag);
        Assert.Equal((await GetAsync(a)).GetProperty("relations").ToString(), (await listed.ReadJsonAsync()).GetProperty("items").ToString());
        Assert.Equal(HttpStatusCode.NotModified, (await GetIfNoneMatchAsync($"/api/v1/statements/{a}/relations", etag)).StatusCode);
        // The list's ETag is the statement's version, the one If-Match on a new relation is checked against.
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/statements/{a}/relations")
        {
            Content = new StringContent($$"""{"type":"clarifies","targetId":{{b}}}""", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("If-Match", etag);
        Assert.Equal(HttpStatusCode.Created, (await writer.SendAsync(request)).StatusCode);
        await (await reader.GetAsync("/api/v1/statements/999999/relations")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ARelationHasAStrongETagAndIfNoneMatchGivesNotModified()
    {
        var (a, b) = await TwoStatementsAsync();
        var created = await CreateAsync($"/api/v1/statements/{a}/relations", new { type = "repeats", targetId = b });
        var url = created.GetProperty("links").GetProperty("self").GetString()!;

        var response = await reader.GetAsync(url);

        var etag = response.Headers.ETag;
        Assert.NotNull(etag);
        Assert.False(etag.IsWeak);
        Assert.Equal(HttpStatusCode.NotModified, (await GetIfNoneMatchAsync(url, etag.Tag)).StatusCode);
    }

    [Fact]
    public async Task ARelationGivesBothStatementsANewVersionAndRevision()
    {
        var (a, b) = await TwoStatementsAsync();

        await CreateAsync($"/api/v1/statements/{a}/relations", new { type = "clarifies", targetId = b });

        foreach (var id in new[] { a, b })
        {
            Assert.Equal(2, (await GetAsync(id)).GetProperty("version").GetInt64());
            var revisions = await (await reader.GetAsync($"/api/v1/statements/{id}/revisions")).ReadJsonAsync();
            var latest = revisions.GetProperty("items")[1];
            Assert.Equal("updated", latest.GetProperty("action").GetString());
            Assert.Equal("clarifies", latest.GetProperty("record").GetProperty("relations")[0].GetProperty("type").GetString());
        }
    }

    [Fact]
    public async Task BadRelationsAreRejected()
    {
        var (a, b) = await TwoStatementsAsync();
        await CreateAsync($"/api/v1/statements/{a}/relations", new { type = "contradicts", targetId = b });
        await CreateAsync($"/api/v1/statements/{a}/relations", new { type = "respondsTo", targetId = b });

        await (await writer.PostJsonAsync($"/api/v1/statements/{a}/relations", new { type = "repeats", targetId = a })).AssertInvalidAsync("targetId");
        await (await writer.PostJsonAsync($"/api/v1/statements/{a}/relations", new { type = "repeats", targetId = 987654 })).AssertInvalidAsync("targetId");
        await (await writer.PostJsonAsync($"/api/v1/statements/{a}/relations", new { type = "disagrees", targetId = b })).AssertInvalidAsync("type");
        await (await writer.PostJsonAsync($"/api/v1/statements/{a}/relations", new { targetId = b })).AssertInvalidAsync("type");
        await (await writer.PostJsonAsync($"/api/v1/statements/{a}/relations", new { type = "repeats" })).AssertInvalidAsync("targetId");
        await (await writer.PostJsonAsync($"/api/v1/statements/987654/relations", new { type = "repeats", targetId = b })).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await writer.PostJsonAsync($"/api/v1/statements/{a}/relations", new { type = "respondsTo", targetId = b })).AssertProblemAsync(HttpStatusCode.Conflict);
        // Contradiction goes both ways; responding does not.
        await (await writer.PostJsonAsync($"/api/v1/statements/{b}/relations", new { type = "contradicts", targetId = a })).AssertProblemAsync(HttpStatusCode.Conflict);
        await CreateAsync($"/api/v1/statements/{b}/relations", new { type = "respondsTo", targetId = a });
        await (await reader.PostAsync($"/api/v1/statements/{a}/relations", JsonContent(new { type = "repeats", targetId = b }))).AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(3, (await GetAsync(a)).GetProperty("relations").GetArrayLength());
    }

    [Fact]
    public async Task ARelationCanBeRemovedFromEitherStatement()
    {
        var (a, b) = await TwoStatementsAsync();
        var first = (await CreateAsync($"/api/v1/statements/{a}/relations", new { type = "repeats", targetId = b })).GetProperty("id").GetInt64();
        var second = (await CreateAsync($"/api/v1/statements/{a}/relations", new { type = "retracts", targetId = b })).GetProperty("id").GetInt64();
        var (c, _) = await TwoStatementsAsync();

        Assert.Equal(HttpStatusCode.NoContent, (await writer.DeleteAsync($"/api/v1/statements/{a}/relations/{first}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await writer.DeleteAsync($"/api/v1/statements/{b}/relations/{second}")).StatusCode);

        Assert.Equal(0, (await GetAsync(a)).GetProperty("relations").GetArrayLength());
        Assert.Equal(0, (await GetAsync(b)).GetProperty("relations").GetArrayLength());
        Assert.Equal(5, (await GetAsync(a)).GetProperty("version").GetInt64());
        await (await writer.DeleteAsync($"/api/v1/statements/{a}/relations/{first}")).AssertProblemAsync(HttpStatusCode.NotFound);
        var third = (await CreateAsync($"/api/v1/statements/{a}/relations", new { type = "repeats", targetId = b })).GetProperty("id").GetInt64();
        await (await writer.DeleteAsync($"/api/v1/statements/{c}/relations/{third}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await reader.GetAsync($"/api/v1/statements/{c}/relations/{third}")).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.Unauthorized, (await reader.DeleteAsync($"/api/v1/statements/{a}/relations/{third}")).StatusCode);
    }

    [Fact]
    public async Task RelationWritesHonourIfMatchOnTheStatementInThePath()
    {
        var (a, b) = await TwoStatementsAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/statements/{a}/relations") { Content = JsonContent(new { type = "repeats", targetId = b }) };
        request.Headers.TryAddWithoutValidation("If-Match", "\"7\"");

        await (await writer.SendAsync(request)).AssertProblemAsync(HttpStatusCode.PreconditionFailed);

        var matching = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/statements/{a}/relations") { Content = JsonContent(new { type = "repeats", targetId = b }) };
        matching.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        Assert.Equal(HttpStatusCode.Created, (await writer.SendAsync(matching)).StatusCode);
    }

    [Fact]
    public async Task DeletingAStatementRemovesItsRelationsAndUpdatesTheOtherEnd()
    {
        var (a, b) = await TwoStatementsAsync();
        await CreateAsync($"/api/v1/statements/{a}/relations", new { type = "respondsTo", targetId = b });

        Assert.Equal(HttpStatusCode.NoContent, (await writer.DeleteAsync($"/api/v1/statements/{a}")).StatusCode);

        var other = await GetAsync(b);
        Assert.Equal(0, other.GetProperty("relations").GetArrayLength());
        Assert.Equal(3, other.GetProperty("version").GetInt64());
    }

    [Fact]
    public async Task RestoringAStatementBringsBackItsRelationsWhereTheOtherStatementStillExists()
    {
        var (a, b) = await TwoStatementsAsync();
        var (c, _) = await TwoStatementsAsync();
        var kept = (await CreateAsync($"/api/v1/statements/{b}/relations", new { type = "respondsTo", targetId = a })).GetProperty("id").GetInt64();
        await CreateAsync($"/api/v1/statements/{a}/relations", new { type = "repeats", targetId = c });
        Assert.Equal(HttpStatusCode.NoContent, (await writer.DeleteAsync($"/api/v1/statements/{a}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await writer.DeleteAsync($"/api/v1/statements/{c}")).StatusCode);

        var restored = await (await writer.PostAsync($"/api/v1/statements/{a}/restore", null)).ReadJsonAsync();

        var relation = restored.GetProperty("relations").EnumerateArray().Single();
        Assert.Equal((kept, "incoming", b), (relation.GetProperty("id").GetInt64(), relation.GetProperty("direction").GetString(), relation.GetProperty("statementId").GetInt64()));
        Assert.Equal(kept, (await GetAsync(b)).GetProperty("relations")[0].GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task StatementListsFilterByRelatedStatementAndRelationType()
    {
        var (a, b) = await TwoStatementsAsync();
        var (c, d) = await TwoStatementsAsync();
        await CreateAsync($"/api/v1/statements/{b}/relations", new { type = "respondsTo", targetId = a });
        await CreateAsync($"/api/v1/statements/{c}/relations", new { type = "contradicts", targetId = a });
        await CreateAsync($"/api/v1/statements/{d}/relations", new { type = "contradicts", targetId = c });

        async Task<long[]> IdsAsync(string query)
        {
            var response = await reader.GetAsync("/api/v1/statements?sort=id&" + query);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return [.. (await response.ReadJsonAsync()).GetProperty("items").EnumerateArray().Select(s => s.GetProperty("id").GetInt64())];
        }

        Assert.Equal([b, c], await IdsAsync($"relatedTo={a}"));
        Assert.Equal([c], await IdsAsync($"relatedTo={a}&relation=contradicts"));
        Assert.Equal([a, d], await IdsAsync($"relatedTo={c}"));
        Assert.Equal([a, b, c, d], await IdsAsync($"relatedTo={a}&relatedTo={c}&relation=respondsTo,contradicts"));
        Assert.Equal([b], await IdsAsync($"relatedTo={a},{c}&relation=respondsTo"));
        await (await reader.GetAsync("/api/v1/statements?relatedTo=abc")).AssertInvalidAsync("relatedTo");
        await (await reader.GetAsync("/api/v1/statements?relatedTo=987654")).AssertInvalidAsync("relatedTo");
        await (await reader.GetAsync("/api/v1/statements?relatedTo=0")).AssertInvalidAsync("relatedTo");
        await (await reader.GetAsync("/api/v1/statements?source=0")).AssertInvalidAsync("source");
        await (await reader.GetAsync("/api/v1/statements?relation=agrees")).AssertInvalidAsync("relation");
    }

    [Fact]
    public async Task TheSampleBlinkenStatementContradictsLavrovsConditionsForNormalisation()
    {
        var blinken = await (await reader.GetAsync("/api/v1/statements?official=antony-blinken")).ReadJsonAsync();
        var statement = blinken.GetProperty("items").EnumerateArray().Single(s => s.GetProperty("text").GetString()!.StartsWith("Improving relations", StringComparison.Ordinal));

        var relation = statement.GetProperty("relations").EnumerateArray().Single();

        Assert.Equal(("contradicts", "outgoing"), (relation.GetProperty("type").GetString(), relation.GetProperty("direction").GetString()));
        var lavrov = await GetAsync(relation.GetProperty("statementId").GetInt64());
        Assert.Equal("sergei-lavrov", lavrov.GetProperty("official").GetProperty("slug").GetString());
        Assert.StartsWith("The normalization of Russian-American relations is possible only if", lavrov.GetProperty("text").GetString());
        Assert.Equal("incoming", lavrov.GetProperty("relations")[0].GetProperty("direction").GetString());
    }

    [Fact]
    public async Task TheDocumentNamesRelationTypesAsWrittenAndTheOperations()
    {
        var document = await (await reader.GetAsync("/swagger/v1/swagger.json")).ReadJsonAsync();
        var schemas = document.GetProperty("components").GetProperty("schemas");
        var paths = document.GetProperty("paths");

        Assert.Equal(["respondsTo", "contradicts", "repeats", "clarifies", "retracts"],
            schemas.GetProperty("RelationType").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("createStatementRelation", paths.GetProperty("/api/v1/statements/{id}/relations").GetProperty("post").GetProperty("operationId").GetString());
        var item = paths.GetProperty("/api/v1/statements/{id}/relations/{relationId}");
        Assert.Equal("deleteStatementRelation", item.GetProperty("delete").GetProperty("operationId").GetString());
        Assert.Equal("getStatementRelation", item.GetProperty("get").GetProperty("operationId").GetString());
        var filters = paths.GetProperty("/api/v1/statements").GetProperty("get").GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToList();
        Assert.Contains("relatedTo", filters);
        Assert.Contains("relation", filters);
    }

    private static StringContent JsonContent(object body) =>
        new(JsonSerializer.Serialize(body, Json.Options), System.Text.Encoding.UTF8, "application/json");
}
