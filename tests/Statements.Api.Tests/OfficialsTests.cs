using System.Net;

namespace Statements.Api.Tests;

public sealed class OfficialsTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient writer = factory.CreateWriter();
    private readonly HttpClient reader = factory.CreateClient();

    private static object NewOfficial(string slug) => new
    {
        slug,
        name = "Maria Zakharova",
        nativeName = "Мария Захарова",
        aliases = new[] { "Mariya Zakharova" },
        country = "RU",
        roles = new object[]
        {
            new { title = "Director of the Information and Press Department", organization = "Ministry of Foreign Affairs of Russia", country = "RU", start = "2015-08-10" },
        },
    };

    [Fact]
    public async Task CreatingAnOfficialReturnsItWithLocationETagAndLinks()
    {
        var response = await writer.PostJsonAsync("/api/v1/officials", NewOfficial("maria-zakharova-1"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.ReadJsonAsync();
        var id = body.GetProperty("id").GetInt64();
        Assert.Equal($"/api/v1/officials/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal("\"1\"", response.Headers.ETag?.Tag);
        Assert.Equal("Мария Захарова", body.GetProperty("nativeName").GetString());
        Assert.Equal("2015-08-10", body.GetProperty("roles")[0].GetProperty("start").GetString());
        Assert.EndsWith("Z", body.GetProperty("createdAt").GetString());
        Assert.Equal($"/api/v1/officials/{id}/statements", body.GetProperty("links").GetProperty("statements").GetString());

        var bySlug = await reader.GetAsync("/api/v1/officials/maria-zakharova-1");
        Assert.Equal(id, (await bySlug.ReadJsonAsync()).GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task AnOfficialWithoutACountryHasNoCountryInJsonAndAnEmptyOneInCsv()
    {
        var name = $"Envoy {Guid.NewGuid():N}";
        var created = await writer.PostJsonAsync("/api/v1/officials", new { slug = $"envoy-{Guid.NewGuid():N}", name });
        var id = (await created.ReadJsonAsync()).GetProperty("id").GetInt64();

        var item = await (await reader.GetAsync($"/api/v1/officials/{id}")).ReadJsonAsync();
        var listed = await (await reader.GetAsync($"/api/v1/officials?q={Uri.EscapeDataString(name)}")).ReadJsonAsync();
        var csv = (await reader.GetStringAsync($"/api/v1/officials?q={Uri.EscapeDataString(name)}&format=csv")).Split("\r\n");
        var inRussia = await (await reader.GetAsync($"/api/v1/officials?q={Uri.EscapeDataString(name)}&country=RU")).ReadJsonAsync();
        var schema = (await (await reader.GetAsync("/swagger/v1/swagger.json")).ReadJsonAsync())
            .GetProperty("components").GetProperty("schemas").GetProperty("Official");

        Assert.False((await created.ReadJsonAsync()).TryGetProperty("country", out _));
        Assert.False(item.TryGetProperty("country", out _));
        Assert.False(Assert.Single(listed.GetProperty("items").EnumerateArray()).TryGetProperty("country", out _));
        Assert.Equal("", csv[1].Split(',')[Array.IndexOf(csv[0].Split(','), "country")]);
        Assert.Empty(inRussia.GetProperty("items").EnumerateArray());
        Assert.DoesNotContain(schema.TryGetProperty("required", out var required) ? required.EnumerateArray().Select(r => r.GetString()) : [], r => r == "country");
    }

    [Fact]
    public async Task PostingADuplicateSlugIsAConflict()
    {
        await writer.PostJsonAsync("/api/v1/officials", NewOfficial("maria-zakharova-2"));
        var response = await writer.PostJsonAsync("/api/v1/officials", NewOfficial("maria-zakharova-2"));

        var problem = await response.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("maria-zakharova-2", problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("""{"slug":"Not A Slug","name":"X"}""", "slug")]
    [InlineData("""{"slug":"12345","name":"X"}""", "slug")]
    [InlineData("""{"slug":"ok-slug","name":"X","aliases":["fine","not\u001bfine"]}""", "aliases[1]")]
    [InlineData("""{"slug":"ok-slug"}""", "name")]
    [InlineData("""{"slug":"ok-slug","name":"X","country":"Russia"}""", "country")]
    [InlineData("""{"slug":"ok-slug","name":"X","country":"ZZ"}""", "country")]
    [InlineData("""{"slug":"ok-slug","name":"X","roles":[{"title":"T","organization":"O","country":"EU"}]}""", "roles[0].country")]
    [InlineData("""{"slug":"ok-slug","name":"X","roles":[{"title":"T"}]}""", "roles[0].organization")]
    [InlineData("""{"slug":"ok-slug","name":"X","roles":[{"title":"T","organization":"O","start":"2020-13-01"}]}""", "roles[0].start")]
    [InlineData("""{"slug":"ok-slug","name":"X","roles":[{"title":"T","organization":"O","start":"2020-01-01","end":"2019-01-01"}]}""", "roles[0].end")]
    public async Task InvalidOfficialsAreRejectedNamingTheField(string json, string field)
    {
        var response = await writer.PostAsync("/api/v1/officials", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        await response.AssertInvalidAsync(field);
    }

    [Theory]
    [InlineData("/api/v1/officials?country=ZZ")]
    [InlineData("/api/v1/statements?country=zz")]
    [InlineData("/api/v1/meetings?country=XX")]
    public async Task AWellFormedCountryCodeThatNoCountryHasIsABadRequest(string url)
    {
        var problem = await (await reader.GetAsync(url)).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("not an assigned country code", problem.GetProperty("errors").GetProperty("country")[0].GetString());
    }

    [Fact]
    public async Task KosovoAndCodesInAnyCaseAreCountries()
    {
        var created = await writer.PostJsonAsync("/api/v1/officials", new { slug = $"pristina-{Guid.NewGuid():N}", name = "Envoy in Pristina", country = "xk" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("XK", (await created.ReadJsonAsync()).GetProperty("country").GetString());
    }

    [Fact]
    public async Task MalformedJsonAndWrongContentTypeAreProblems()
    {
        var malformed = await writer.PostAsync("/api/v1/officials", new StringContent("{\"slug\":", System.Text.Encoding.UTF8, "application/json"));
        await malformed.AssertProblemAsync(HttpStatusCode.BadRequest);

        var text = await writer.PostAsync("/api/v1/officials", new StringContent("slug=x", System.Text.Encoding.UTF8, "text/plain"));
        await text.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task WritingWithoutAValidKeyIsUnauthorized()
    {
        var anonymous = await reader.PostJsonAsync("/api/v1/officials", NewOfficial("no-key"));
        await anonymous.AssertProblemAsync(HttpStatusCode.Unauthorized);

        var wrong = factory.CreateClient();
        wrong.DefaultRequestHeaders.Add("X-Api-Key", "stk_not-a-real-key");
        var response = await wrong.PostJsonAsync("/api/v1/officials", NewOfficial("wrong-key"));
        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task TheXApiKeyHeaderAlsoAuthenticates()
    {
        var key = writer.DefaultRequestHeaders.Authorization!.Parameter!;
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);

        var response = await client.PostJsonAsync("/api/v1/officials", NewOfficial("x-api-key-official"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task ETagsAnswerConditionalReadsAndGuardWrites()
    {
        var created = await writer.PostJsonAsync("/api/v1/officials", NewOfficial("maria-zakharova-3"));
        var url = created.Headers.Location!.OriginalString;
        var etag = created.Headers.ETag!.Tag;

        var conditional = new HttpRequestMessage(HttpMethod.Get, url);
        conditional.Headers.TryAddWithoutValidation("If-None-Match", etag);
        Assert.Equal(HttpStatusCode.NotModified, (await reader.SendAsync(conditional)).StatusCode);

        var patched = await writer.PatchMergeAsync(url, """{"nativeName":null,"aliases":["M. Zakharova"]}""", ifMatch: etag);
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        var body = await patched.ReadJsonAsync();
        Assert.False(body.TryGetProperty("nativeName", out _));
        Assert.Equal("M. Zakharova", body.GetProperty("aliases")[0].GetString());
        Assert.Equal(2, body.GetProperty("version").GetInt64());
        Assert.NotEqual(etag, patched.Headers.ETag!.Tag);

        var stale = await writer.PatchMergeAsync(url, """{"name":"Stale"}""", ifMatch: etag);
        await stale.AssertProblemAsync(HttpStatusCode.PreconditionFailed);

        var staleDelete = new HttpRequestMessage(HttpMethod.Delete, url);
        staleDelete.Headers.TryAddWithoutValidation("If-Match", etag);
        await (await writer.SendAsync(staleDelete)).AssertProblemAsync(HttpStatusCode.PreconditionFailed);
    }

    [Fact]
    public async Task PutReplacesTheWholeOfficial()
    {
        var created = await writer.PostJsonAsync("/api/v1/officials", NewOfficial("maria-zakharova-4"));
        var url = created.Headers.Location!.OriginalString;

        var replaced = await writer.PutJsonAsync(url, new { slug = "maria-zakharova-4", name = "Maria V. Zakharova", country = "RU" });

        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        var body = await replaced.ReadJsonAsync();
        Assert.Equal("Maria V. Zakharova", body.GetProperty("name").GetString());
        Assert.Equal(0, body.GetProperty("roles").GetArrayLength());
    }

    [Fact]
    public async Task DeletingAnUnusedOfficialRemovesIt()
    {
        var created = await writer.PostJsonAsync("/api/v1/officials", NewOfficial("maria-zakharova-5"));
        var url = created.Headers.Location!.OriginalString;

        Assert.Equal(HttpStatusCode.NoContent, (await writer.DeleteAsync(url)).StatusCode);
        await (await reader.GetAsync(url)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await writer.DeleteAsync(url)).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ListingFiltersByCountryAndPagesWithCursors()
    {
        for (var i = 0; i < 5; i++)
        {
            await writer.PostJsonAsync("/api/v1/officials", new { slug = $"island-official-{i}", name = $"Island Official {i}", country = "IS" });
        }

        var seen = new List<string>();
        string? next = "/api/v1/officials?country=IS&limit=2";
        while (next is not null)
        {
            var response = await reader.GetAsync(next);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await response.ReadJsonAsync();
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(o => o.GetProperty("slug").GetString()!));
            next = page.TryGetProperty("next", out var n) ? n.GetString() : null;
            Assert.Equal(next is not null, response.Headers.Contains("Link"));
        }
        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"island-official-{i}"), seen);
    }

    [Theory]
    [InlineData("/api/v1/officials?limit=0", "limit")]
    [InlineData("/api/v1/officials?limit=501", "limit")]
    [InlineData("/api/v1/officials?limit=ten", "limit")]
    [InlineData("/api/v1/officials?cursor=not-a-cursor", "cursor")]
    [InlineData("/api/v1/officials?country=Russia", "country")]
    public async Task BadListParametersAreProblems(string url, string field)
    {
        await (await reader.GetAsync(url)).AssertInvalidAsync(field);
    }

    [Fact]
    public async Task AnUnknownOfficialIsNotFound()
    {
        await (await reader.GetAsync("/api/v1/officials/nobody-at-all")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await reader.GetAsync("/api/v1/officials/999999")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task SearchingOfficialsMatchesTheAliasesNotTheirStoredJson()
    {
        Assert.Equal(HttpStatusCode.Created, (await writer.PostJsonAsync("/api/v1/officials", new
        {
            slug = "alias-search-plain", name = "Plain Aliased", aliases = new[] { "First Alias", "Второй Псевдоним" },
        })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await writer.PostJsonAsync("/api/v1/officials", new
        {
            slug = "alias-search-quoted", name = "Quoted Aliased", aliases = new[] { "The \"Fox\"" },
        })).StatusCode);

        async Task<List<string>> SlugsAsync(string q) =>
            [.. (await (await reader.GetAsync("/api/v1/officials?limit=500&q=" + Uri.EscapeDataString(q))).ReadJsonAsync())
                .GetProperty("items").EnumerateArray().Select(o => o.GetProperty("slug").GetString()!)];

        // The JSON's quotes, commas and brackets are not in any alias.
        Assert.Equal(["alias-search-quoted"], await SlugsAsync("\""));
        Assert.Empty(await SlugsAsync("\",\""));
        Assert.Empty(await SlugsAsync("["));
        Assert.Empty(await SlugsAsync("Alias\""));
        // Aliases in other scripts are found as written (the stored JSON escapes them).
        Assert.Equal(["alias-search-plain"], await SlugsAsync("Псевдоним"));
        Assert.Equal(["alias-search-plain"], await SlugsAsync("first alias"));
    }
}
