// Sources through HTTP: create, read (with and without text), filters and paging, PUT/PATCH/DELETE,
// conditional requests, URL uniqueness, and the LoadAsync the statements module embeds sources with.
using System.Net;
using System.Text;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Statements.Api.Data;
using Statements.Api.Sources;

namespace Statements.Api.Tests;

public sealed class SourcesTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient writer = factory.CreateWriter();
    private readonly HttpClient reader = factory.CreateClient();

    /// <summary>A marker that makes URLs, titles and publishers of one test unlike any other row.</summary>
    private static string Unique() => Guid.NewGuid().ToString("N")[..10];

    private static object NewSource(string url, string? publisher = null, string title = "Lavrov on the Geneva summit") => new
    {
        url,
        title,
        publisher = publisher ?? "Reuters",
        publishedOn = "2021-06-14",
        language = "en",
        text = "Russia's Foreign Minister Sergei Lavrov said on Monday ...",
    };

    private async Task<string> CreateAsync(object source)
    {
        var response = await writer.PostJsonAsync("/api/v1/sources", source);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return response.Headers.Location!.OriginalString;
    }

    private static StringContent JsonBody(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task CreatingASourceReturnsItWithLocationETagAndLinks()
    {
        var url = $"https://example.com/news/{Unique()}";
        var response = await writer.PostJsonAsync("/api/v1/sources", NewSource(url));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.ReadJsonAsync();
        var id = body.GetProperty("id").GetInt64();
        Assert.Equal($"/api/v1/sources/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal("\"1\"", response.Headers.ETag?.Tag);
        Assert.Equal(url, body.GetProperty("url").GetString());
        Assert.Equal("2021-06-14", body.GetProperty("publishedOn").GetString());
        Assert.Equal("en", body.GetProperty("language").GetString());
        Assert.StartsWith("Russia's Foreign Minister", body.GetProperty("text").GetString());
        Assert.EndsWith("Z", body.GetProperty("createdAt").GetString());
        Assert.Equal(1, body.GetProperty("version").GetInt64());
        Assert.Equal($"/api/v1/sources/{id}", body.GetProperty("links").GetProperty("self").GetString());
        Assert.Equal($"/api/v1/sources/{id}/statements", body.GetProperty("links").GetProperty("statements").GetString());
    }

    [Fact]
    public async Task GettingASourceIncludesItsTextButListingLeavesItOut()
    {
        var url = $"https://example.com/news/{Unique()}";
        var location = await CreateAsync(NewSource(url));

        var item = await (await reader.GetAsync(location)).ReadJsonAsync();
        Assert.StartsWith("Russia's Foreign Minister", item.GetProperty("text").GetString());

        var list = await reader.GetAsync($"/api/v1/sources?url={Uri.EscapeDataString(url)}");
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        var listed = Assert.Single((await list.ReadJsonAsync()).GetProperty("items").EnumerateArray());
        Assert.Equal(url, listed.GetProperty("url").GetString());
        Assert.False(listed.TryGetProperty("text", out _));
    }

    [Fact]
    public async Task ASourceNeedsOnlyATitle()
    {
        var first = await writer.PostAsync("/api/v1/sources", JsonBody("""{"title":"Interview on Rossiya 1"}"""));
        var second = await writer.PostAsync("/api/v1/sources", JsonBody("""{"title":"Interview on Rossiya 1"}"""));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        var body = await first.ReadJsonAsync();
        Assert.False(body.TryGetProperty("url", out _));
        Assert.False(body.TryGetProperty("text", out _));
    }

    [Fact]
    public async Task PostingADuplicateUrlIsAConflictNamingTheUrl()
    {
        var url = $"https://example.com/news/{Unique()}";
        var location = await CreateAsync(NewSource(url));

        var response = await writer.PostJsonAsync("/api/v1/sources", NewSource(url));

        var problem = await response.AssertProblemAsync(HttpStatusCode.Conflict);
        var detail = problem.GetProperty("detail").GetString();
        Assert.Contains(url, detail);
        Assert.Contains(location, detail);
    }

    [Theory]
    [InlineData("""{"url":"https://example.com/a"}""", "title")]
    [InlineData("""{"title":"   "}""", "title")]
    [InlineData("""{"title":"T","url":"ftp://example.com/article.txt"}""", "url")]
    [InlineData("""{"title":"T","url":"not a url"}""", "url")]
    [InlineData("""{"title":"T","url":"/news/article"}""", "url")]
    [InlineData("""{"title":"T","url":"http://"}""", "url")]
    [InlineData("""{"title":"T","language":"English"}""", "language")]
    [InlineData("""{"title":"T","publishedOn":"2021-13-01"}""", "publishedOn")]
    [InlineData("""{"title":"T","publishedOn":"14 June 2021"}""", "publishedOn")]
    public async Task InvalidSourcesAreRejectedNamingTheField(string json, string field)
    {
        var response = await writer.PostAsync("/api/v1/sources", JsonBody(json));

        await response.AssertInvalidAsync(field);
    }

    [Fact]
    public async Task OverlongFieldsAreRejectedNamingTheField()
    {
        var title = await writer.PostJsonAsync("/api/v1/sources", new { title = new string('t', 501) });
        await title.AssertInvalidAsync("title");

        var publisher = await writer.PostJsonAsync("/api/v1/sources", new { title = "T", publisher = new string('p', 201) });
        await publisher.AssertInvalidAsync("publisher");

        var url = await writer.PostJsonAsync("/api/v1/sources", new { title = "T", url = "https://example.com/" + new string('u', 2000) });
        await url.AssertInvalidAsync("url");
    }

    [Fact]
    public async Task ANonNumericIdIsABadRequestNamingTheId()
    {
        await (await reader.GetAsync("/api/v1/sources/reuters")).AssertInvalidAsync("id");
        await (await writer.PutJsonAsync("/api/v1/sources/reuters", new { title = "T" })).AssertInvalidAsync("id");
        await (await writer.PatchMergeAsync("/api/v1/sources/reuters", """{"title":"T"}""")).AssertInvalidAsync("id");
        await (await writer.DeleteAsync("/api/v1/sources/reuters")).AssertInvalidAsync("id");
    }

    [Fact]
    public async Task AnUnknownSourceIsNotFound()
    {
        const string url = "/api/v1/sources/987654321";
        await (await reader.GetAsync(url)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await writer.PutJsonAsync(url, new { title = "T" })).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await writer.PatchMergeAsync(url, """{"title":"T"}""")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await writer.DeleteAsync(url)).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task WritingWithoutAKeyIsUnauthorized()
    {
        var location = await CreateAsync(NewSource($"https://example.com/news/{Unique()}"));

        await (await reader.PostJsonAsync("/api/v1/sources", new { title = "T" })).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await reader.PutJsonAsync(location, new { title = "T" })).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await reader.PatchMergeAsync(location, """{"title":"T"}""")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await reader.DeleteAsync(location)).AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync(location)).StatusCode);
    }

    [Fact]
    public async Task ETagsAnswerConditionalReadsAndGuardWrites()
    {
        var created = await writer.PostJsonAsync("/api/v1/sources", NewSource($"https://example.com/news/{Unique()}"));
        var location = created.Headers.Location!.OriginalString;
        var etag = created.Headers.ETag!.Tag;

        var conditional = new HttpRequestMessage(HttpMethod.Get, location);
        conditional.Headers.TryAddWithoutValidation("If-None-Match", etag);
        Assert.Equal(HttpStatusCode.NotModified, (await reader.SendAsync(conditional)).StatusCode);

        var patched = await writer.PatchMergeAsync(location, """{"title":"Lavrov: Geneva summit"}""", ifMatch: etag);
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        Assert.Equal(2, (await patched.ReadJsonAsync()).GetProperty("version").GetInt64());
        Assert.Equal("\"2\"", patched.Headers.ETag!.Tag);

        var stalePatch = await writer.PatchMergeAsync(location, """{"title":"Stale"}""", ifMatch: etag);
        await stalePatch.AssertProblemAsync(HttpStatusCode.PreconditionFailed);

        var stalePut = new HttpRequestMessage(HttpMethod.Put, location) { Content = JsonBody("""{"title":"Stale"}""") };
        stalePut.Headers.TryAddWithoutValidation("If-Match", etag);
        await (await writer.SendAsync(stalePut)).AssertProblemAsync(HttpStatusCode.PreconditionFailed);

        var staleDelete = new HttpRequestMessage(HttpMethod.Delete, location);
        staleDelete.Headers.TryAddWithoutValidation("If-Match", etag);
        await (await writer.SendAsync(staleDelete)).AssertProblemAsync(HttpStatusCode.PreconditionFailed);

        var current = await (await reader.GetAsync(location)).ReadJsonAsync();
        Assert.Equal("Lavrov: Geneva summit", current.GetProperty("title").GetString());
    }

    [Fact]
    public async Task PatchRemovesNullFieldsAndKeepsAbsentOnes()
    {
        var url = $"https://example.com/news/{Unique()}";
        var location = await CreateAsync(NewSource(url));

        var patched = await writer.PatchMergeAsync(location, """{"publisher":null,"text":null,"language":"ru"}""");

        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        var body = await patched.ReadJsonAsync();
        Assert.False(body.TryGetProperty("publisher", out _));
        Assert.False(body.TryGetProperty("text", out _));
        Assert.Equal("ru", body.GetProperty("language").GetString());
        Assert.Equal(url, body.GetProperty("url").GetString());
        Assert.Equal("Lavrov on the Geneva summit", body.GetProperty("title").GetString());
        Assert.Equal("2021-06-14", body.GetProperty("publishedOn").GetString());
    }

    [Fact]
    public async Task PatchThatBreaksTheSourceIsRejected()
    {
        var location = await CreateAsync(NewSource($"https://example.com/news/{Unique()}"));

        await (await writer.PatchMergeAsync(location, """{"title":null}""")).AssertInvalidAsync("title");
        await (await writer.PatchMergeAsync(location, """{"url":"ftp://example.com/x"}""")).AssertInvalidAsync("url");
        await (await writer.PatchMergeAsync(location, """["not","an","object"]""")).AssertProblemAsync(HttpStatusCode.BadRequest);

        var unchanged = await (await reader.GetAsync(location)).ReadJsonAsync();
        Assert.Equal(1, unchanged.GetProperty("version").GetInt64());
    }

    [Fact]
    public async Task PutReplacesTheWholeSource()
    {
        var location = await CreateAsync(NewSource($"https://example.com/news/{Unique()}"));

        var replaced = await writer.PutJsonAsync(location, new { title = "Lavrov interview", publisher = "TASS", language = "ru" });

        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        var body = await replaced.ReadJsonAsync();
        Assert.Equal("Lavrov interview", body.GetProperty("title").GetString());
        Assert.Equal("TASS", body.GetProperty("publisher").GetString());
        Assert.False(body.TryGetProperty("url", out _));
        Assert.False(body.TryGetProperty("text", out _));
        Assert.False(body.TryGetProperty("publishedOn", out _));
        Assert.Equal(2, body.GetProperty("version").GetInt64());

        await (await writer.PutJsonAsync(location, new { url = "https://example.com/x" })).AssertInvalidAsync("title");
    }

    [Fact]
    public async Task TakingAnotherSourcesUrlIsAConflict()
    {
        var takenUrl = $"https://example.com/news/{Unique()}";
        await CreateAsync(NewSource(takenUrl));
        var location = await CreateAsync(NewSource($"https://example.com/news/{Unique()}"));

        var put = await writer.PutJsonAsync(location, NewSource(takenUrl));
        Assert.Contains(takenUrl, (await put.AssertProblemAsync(HttpStatusCode.Conflict)).GetProperty("detail").GetString());

        var patch = await writer.PatchMergeAsync(location, $$"""{"url":"{{takenUrl}}"}""");
        Assert.Contains(takenUrl, (await patch.AssertProblemAsync(HttpStatusCode.Conflict)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task DeletingAnUnusedSourceRemovesIt()
    {
        var location = await CreateAsync(NewSource($"https://example.com/news/{Unique()}"));

        Assert.Equal(HttpStatusCode.NoContent, (await writer.DeleteAsync(location)).StatusCode);
        await (await reader.GetAsync(location)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await writer.DeleteAsync(location)).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task DeletingASourceThatStatementsUseIsAConflict()
    {
        var location = await CreateAsync(NewSource($"https://example.com/news/{Unique()}"));
        var sourceId = long.Parse(location.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
        var official = await writer.PostJsonAsync("/api/v1/officials", new { slug = $"source-speaker-{Unique()}", name = "Sergei Lavrov", country = "RU" });
        var officialId = (await official.ReadJsonAsync()).GetProperty("id").GetInt64();
        await using (var connection = await factory.Services.GetRequiredService<Db>().OpenAsync())
        {
            const string sql = """
                INSERT INTO statements (official_id, text, kind, language, said_on, said_on_precision, source_id, created_at, updated_at)
                VALUES (@officialId, 'We will see.', 'quote', 'en', '2021-06-14', 'day', @sourceId, @now, @now)
                """;
            await connection.ExecuteAsync(sql, new { officialId, sourceId, now = Db.Now() });
        }

        var response = await writer.DeleteAsync(location);

        var problem = await response.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("1 statement", problem.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync(location)).StatusCode);
    }

    [Fact]
    public async Task ListingFiltersByPublisherAndPagesWithCursors()
    {
        var publisher = $"Publisher, {Unique()}";
        var ids = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            var location = await CreateAsync(NewSource($"https://example.com/news/{Unique()}", publisher));
            ids.Add(long.Parse(location.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture));
        }
        await CreateAsync(NewSource($"https://example.com/news/{Unique()}", $"Other {Unique()}"));

        var seen = new List<long>();
        string? next = $"/api/v1/sources?publisher={Uri.EscapeDataString(publisher)}&limit=2";
        while (next is not null)
        {
            var response = await reader.GetAsync(next);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await response.ReadJsonAsync();
            foreach (var item in page.GetProperty("items").EnumerateArray())
            {
                Assert.Equal(publisher, item.GetProperty("publisher").GetString());
                Assert.False(item.TryGetProperty("text", out _));
                seen.Add(item.GetProperty("id").GetInt64());
            }
            next = page.TryGetProperty("next", out var n) ? n.GetString() : null;
            Assert.Equal(next is not null, response.Headers.Contains("Link"));
        }
        Assert.Equal(ids, seen);
    }

    [Fact]
    public async Task ListingFiltersByRepeatedPublishersLanguageAndDates()
    {
        var a = $"A {Unique()}";
        var b = $"B {Unique()}";
        await CreateAsync(new { title = "June, English", publisher = a, language = "en", publishedOn = "2021-06-14" });
        await CreateAsync(new { title = "June, Russian", publisher = b, language = "ru", publishedOn = "2021-06-16" });
        await CreateAsync(new { title = "July, English", publisher = b, language = "en", publishedOn = "2021-07-01" });
        await CreateAsync(new { title = "Undated", publisher = a, language = "en" });
        var both = $"publisher={Uri.EscapeDataString(a)}&publisher={Uri.EscapeDataString(b)}";

        async Task<string[]> TitlesAsync(string filter)
        {
            var response = await reader.GetAsync($"/api/v1/sources?{both}&{filter}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return [.. (await response.ReadJsonAsync()).GetProperty("items").EnumerateArray().Select(s => s.GetProperty("title").GetString()!)];
        }

        Assert.Equal(["June, English", "June, Russian", "July, English", "Undated"], await TitlesAsync("limit=10"));
        Assert.Equal(["June, Russian"], await TitlesAsync("language=ru"));
        Assert.Equal(["June, English", "June, Russian", "July, English"], await TitlesAsync("language=en,ru&from=2021-01-01"));
        Assert.Equal(["June, Russian", "July, English"], await TitlesAsync("from=2021-06-15"));
        Assert.Equal(["June, English", "June, Russian"], await TitlesAsync("to=2021-06-16"));
        Assert.Equal(["June, Russian"], await TitlesAsync("from=2021-06-16&to=2021-06-16"));
        Assert.Equal(["June, English", "July, English"], await TitlesAsync("q=english"));
    }

    [Fact]
    public async Task TitleSearchMatchesWildcardCharactersLiterally()
    {
        var marker = Unique();
        await CreateAsync(new { title = $"{marker} 100% sure" });
        await CreateAsync(new { title = $"{marker} 1000 times" });
        await CreateAsync(new { title = $"{marker} under_score" });
        await CreateAsync(new { title = $"{marker} underXscore" });

        async Task<string[]> TitlesAsync(string q)
        {
            var response = await reader.GetAsync($"/api/v1/sources?q={Uri.EscapeDataString(marker + " " + q)}");
            return [.. (await response.ReadJsonAsync()).GetProperty("items").EnumerateArray().Select(s => s.GetProperty("title").GetString()!)];
        }

        Assert.Equal([$"{marker} 100% sure"], await TitlesAsync("100%"));
        Assert.Equal([$"{marker} under_score"], await TitlesAsync("under_"));
    }

    [Fact]
    public async Task ListingByUrlFindsOnlyThatSource()
    {
        var url = $"https://example.com/news/{Unique()}?page=1";
        var location = await CreateAsync(NewSource(url));
        await CreateAsync(NewSource(url + "0"));

        var page = await (await reader.GetAsync($"/api/v1/sources?url={Uri.EscapeDataString(url)}")).ReadJsonAsync();

        var only = Assert.Single(page.GetProperty("items").EnumerateArray());
        Assert.Equal(location, only.GetProperty("links").GetProperty("self").GetString());
        Assert.False(page.TryGetProperty("next", out _));
    }

    [Theory]
    [InlineData("/api/v1/sources?limit=0", "limit")]
    [InlineData("/api/v1/sources?limit=501", "limit")]
    [InlineData("/api/v1/sources?limit=ten", "limit")]
    [InlineData("/api/v1/sources?cursor=not-a-cursor", "cursor")]
    [InlineData("/api/v1/sources?language=English", "language")]
    [InlineData("/api/v1/sources?language=en,Russian", "language")]
    [InlineData("/api/v1/sources?from=yesterday", "from")]
    [InlineData("/api/v1/sources?to=2021-02-30", "to")]
    public async Task BadListParametersAreProblems(string url, string field)
    {
        await (await reader.GetAsync(url)).AssertInvalidAsync(field);
    }

    [Fact]
    public async Task LoadAsyncReturnsSourcesInTheOrderAskedWithTextOnlyWhenAsked()
    {
        var first = await CreateAsync(NewSource($"https://example.com/news/{Unique()}"));
        var second = await CreateAsync(NewSource($"https://example.com/news/{Unique()}"));
        long IdOf(string location) => long.Parse(location.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
        long[] ids = [IdOf(second), 987654321, IdOf(first)];

        await using var connection = await factory.Services.GetRequiredService<Db>().OpenAsync();
        var withoutText = await SourcesApi.LoadAsync(connection, ids, withText: false);
        var withText = await SourcesApi.LoadAsync(connection, ids, withText: true);

        Assert.Equal([IdOf(second), IdOf(first)], withoutText.Select(s => s.Id));
        Assert.All(withoutText, s => Assert.Null(s.Text));
        Assert.All(withText, s => Assert.StartsWith("Russia's Foreign Minister", s.Text));
        Assert.Equal("Reuters", withText[0].Publisher);
        Assert.Equal(new DateOnly(2021, 6, 14), withText[0].PublishedOn);
        Assert.Empty(await SourcesApi.LoadAsync(connection, [], withText: true));
    }
}
