using System.Net;
using System.Text.Json;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Statements.Api.Tests;

public sealed class StatementsTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient writer = factory.CreateWriter();
    private readonly HttpClient reader = factory.CreateClient();

    private async Task<JsonElement> CreateAsync(string url, object body)
    {
        var response = await writer.PostJsonAsync(url, body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.ReadJsonAsync();
    }

    private Task<JsonElement> CreateOfficialAsync(string slug, string country = "FR", object[]? roles = null) =>
        CreateAsync("/api/v1/officials", new { slug, name = $"Official {slug}", country, roles = roles ?? [] });

    private static object Statement(long officialId, string text, string saidOn = "2021-06-16", string kind = "quote", long[]? topicIds = null,
        long? meetingId = null, long? sourceId = null, string? precision = null) =>
        new { officialId, text, kind, language = "en", saidOn, saidOnPrecision = precision, topicIds = topicIds ?? [], meetingId, sourceId, context = "Press conference" };

    [Fact]
    public async Task CreatingAStatementReturnsItWithItsOfficialSummaryTopicsAndLinks()
    {
        var official = await CreateOfficialAsync("statement-speaker-1");
        var topic = await CreateAsync("/api/v1/topics", new { slug = "statement-topic-1", name = "Trade" });

        var response = await writer.PostJsonAsync("/api/v1/statements",
            Statement(official.GetProperty("id").GetInt64(), "We will keep talking.", topicIds: [topic.GetProperty("id").GetInt64()]));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.ReadJsonAsync();
        Assert.Equal($"/api/v1/statements/{body.GetProperty("id").GetInt64()}", response.Headers.Location!.OriginalString);
        Assert.Equal("statement-speaker-1", body.GetProperty("official").GetProperty("slug").GetString());
        Assert.False(body.GetProperty("official").TryGetProperty("roles", out _));
        Assert.Equal("statement-topic-1", body.GetProperty("topics")[0].GetProperty("slug").GetString());
        Assert.Equal("quote", body.GetProperty("kind").GetString());
        Assert.Equal("day", body.GetProperty("saidOnPrecision").GetString());
        Assert.Equal($"/api/v1/officials/{official.GetProperty("id").GetInt64()}", body.GetProperty("links").GetProperty("official").GetString());
        Assert.False(body.TryGetProperty("meeting", out _));
    }

    [Theory]
    [InlineData("""{"text":"x","kind":"quote","language":"en","saidOn":"2021-06-16"}""", "officialId")]
    [InlineData("""{"officialId":999999,"text":"x","kind":"quote","language":"en","saidOn":"2021-06-16"}""", "officialId")]
    [InlineData("""{"officialId":OFFICIAL,"text":"","kind":"quote","language":"en","saidOn":"2021-06-16"}""", "text")]
    [InlineData("""{"officialId":OFFICIAL,"text":"x","kind":"rumour","language":"en","saidOn":"2021-06-16"}""", "kind")]
    [InlineData("""{"officialId":OFFICIAL,"text":"x","kind":"quote","language":"English","saidOn":"2021-06-16"}""", "language")]
    [InlineData("""{"officialId":OFFICIAL,"text":"x","kind":"quote","language":"en","saidOn":"16/06/2021"}""", "saidOn")]
    [InlineData("""{"officialId":OFFICIAL,"text":"x","kind":"quote","language":"en","saidOn":"2021-06-16","saidOnPrecision":"week"}""", "saidOnPrecision")]
    [InlineData("""{"officialId":OFFICIAL,"text":"x","kind":"quote","language":"en","saidOn":"2021-06-16","topicIds":[999999]}""", "topicIds")]
    [InlineData("""{"officialId":OFFICIAL,"text":"x","kind":"quote","language":"en","saidOn":"2021-06-16","meetingId":999999}""", "meetingId")]
    [InlineData("""{"officialId":OFFICIAL,"text":"x","kind":"quote","language":"en","saidOn":"2021-06-16","sourceId":999999}""", "sourceId")]
    [InlineData("""{"officialId":"abc","text":"x","kind":"quote","language":"en","saidOn":"2021-06-16"}""", "officialId")]
    [InlineData("""{"officialId":"OFFICIAL","text":"x","kind":"quote","language":"en","saidOn":"2021-06-16"}""", "officialId")]
    [InlineData("""{"officialId":OFFICIAL,"text":"a\u0000b","kind":"quote","language":"en","saidOn":"2021-06-16"}""", "text")]
    [InlineData("""{"officialId":OFFICIAL,"text":"x","context":"bell\u0007","kind":"quote","language":"en","saidOn":"2021-06-16"}""", "context")]
    public async Task InvalidStatementsAreRejectedNamingTheField(string json, string field)
    {
        var official = await CreateOfficialAsync($"invalid-statement-speaker-{Guid.NewGuid():N}");
        json = json.Replace("OFFICIAL", official.GetProperty("id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture));

        var response = await writer.PostAsync("/api/v1/statements", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        await response.AssertInvalidAsync(field);
    }

    [Fact]
    public async Task AStatementKnownToTheMonthIsStoredAsTheFirstOfThatMonth()
    {
        var official = await CreateOfficialAsync("month-precision-speaker");

        var body = await CreateAsync("/api/v1/statements",
            Statement(official.GetProperty("id").GetInt64(), "Sometime in March.", saidOn: "2020-03-17", precision: "month"));

        Assert.Equal("2020-03-01", body.GetProperty("saidOn").GetString());
        Assert.Equal("month", body.GetProperty("saidOnPrecision").GetString());
    }

    [Fact]
    public async Task SpeakerRoleIsTheRoleHeldOnTheDayTheStatementWasMade()
    {
        var official = await CreateOfficialAsync("role-changing-speaker", roles:
        [
            new { title = "Minister of Finance", organization = "Government", start = "2010-01-01", end = "2014-12-31" },
            new { title = "Prime Minister", organization = "Government", start = "2015-01-01" },
        ]);
        var id = official.GetProperty("id").GetInt64();

        var early = await CreateAsync("/api/v1/statements", Statement(id, "Budgets matter.", saidOn: "2012-05-01"));
        var late = await CreateAsync("/api/v1/statements", Statement(id, "Governments matter.", saidOn: "2019-05-01"));
        var before = await CreateAsync("/api/v1/statements", Statement(id, "Nothing yet.", saidOn: "2005-05-01"));

        Assert.Equal("Minister of Finance", early.GetProperty("speakerRole").GetProperty("title").GetString());
        Assert.Equal("Prime Minister", late.GetProperty("speakerRole").GetProperty("title").GetString());
        Assert.False(before.TryGetProperty("speakerRole", out _));
    }

    [Fact]
    public async Task IncludeEmbedsTheFullRelatedResources()
    {
        var official = await CreateOfficialAsync("include-speaker", roles: [new { title = "Envoy", organization = "UN" }]);
        var topic = await CreateAsync("/api/v1/topics", new { slug = "include-topic", name = "Climate", keywords = new[] { "climate" } });
        var meeting = await CreateAsync("/api/v1/meetings", new { slug = "include-meeting", title = "Climate talks", kind = "conference", startsOn = "2021-11-01" });
        var source = await CreateAsync("/api/v1/sources", new { url = "https://example.org/include", title = "Report", text = "Full text" });
        var statement = await CreateAsync("/api/v1/statements", Statement(official.GetProperty("id").GetInt64(), "Act now.", saidOn: "2021-11-02",
            topicIds: [topic.GetProperty("id").GetInt64()], meetingId: meeting.GetProperty("id").GetInt64(), sourceId: source.GetProperty("id").GetInt64()));
        var url = $"/api/v1/statements/{statement.GetProperty("id").GetInt64()}";

        var response = await reader.GetAsync(url + "?include=official,meeting,topics,source");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.ReadJsonAsync();
        Assert.Equal("Envoy", body.GetProperty("official").GetProperty("roles")[0].GetProperty("title").GetString());
        Assert.Equal("conference", body.GetProperty("meeting").GetProperty("kind").GetString());
        Assert.Equal("climate", body.GetProperty("topics")[0].GetProperty("keywords")[0].GetString());
        Assert.Equal("Report", body.GetProperty("source").GetProperty("title").GetString());
        Assert.False(body.GetProperty("source").TryGetProperty("text", out _));

        var list = await (await reader.GetAsync($"/api/v1/statements?official=include-speaker&include=meeting")).ReadJsonAsync();
        Assert.Equal("include-meeting", list.GetProperty("items")[0].GetProperty("meeting").GetProperty("slug").GetString());

        await (await reader.GetAsync(url + "?include=everything")).AssertInvalidAsync("include");
    }

    [Fact]
    public async Task FiltersCombineAndTopicsIncludeNarrowerTopics()
    {
        var french = await CreateOfficialAsync("filter-speaker-fr", "FR");
        var german = await CreateOfficialAsync("filter-speaker-de", "DE");
        var parent = await CreateAsync("/api/v1/topics", new { slug = "filter-energy", name = "Energy" });
        var child = await CreateAsync("/api/v1/topics", new { slug = "filter-nuclear-energy", name = "Nuclear energy", parentId = parent.GetProperty("id").GetInt64() });
        long frId = french.GetProperty("id").GetInt64(), deId = german.GetProperty("id").GetInt64(), childId = child.GetProperty("id").GetInt64();
        await CreateAsync("/api/v1/statements", Statement(frId, "Reactors are safe zebrafilter.", saidOn: "2019-02-01", topicIds: [childId]));
        await CreateAsync("/api/v1/statements", Statement(frId, "We need more wind zebrafilter.", saidOn: "2020-02-01", kind: "paraphrase"));
        await CreateAsync("/api/v1/statements", Statement(deId, "Reactors close zebrafilter.", saidOn: "2021-02-01", topicIds: [childId]));

        async Task<string[]> TextsAsync(string query)
        {
            var response = await reader.GetAsync("/api/v1/statements?" + query);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await response.ReadJsonAsync();
            return [.. page.GetProperty("items").EnumerateArray().Select(s => s.GetProperty("text").GetString()!)];
        }

        Assert.Equal(["Reactors close zebrafilter.", "Reactors are safe zebrafilter."], await TextsAsync("topic=filter-energy"));
        Assert.Equal(["Reactors are safe zebrafilter."], await TextsAsync("topic=filter-energy&country=FR"));
        Assert.Equal(["We need more wind zebrafilter."], await TextsAsync("official=filter-speaker-fr&kind=paraphrase"));
        Assert.Equal(["We need more wind zebrafilter.", "Reactors are safe zebrafilter."], await TextsAsync($"official={frId}&from=2019&to=2020-12"));
        Assert.Equal(["Reactors are safe zebrafilter.", "We need more wind zebrafilter.", "Reactors close zebrafilter."], await TextsAsync("q=zebrafilter&sort=saidOn"));
        Assert.Equal(["Reactors close zebrafilter.", "Reactors are safe zebrafilter."], await TextsAsync("q=reactors%20zebrafilter"));
        Assert.Equal(["Reactors close zebrafilter."], await TextsAsync("official=filter-speaker-fr,filter-speaker-de&q=close"));
    }

    [Fact]
    public async Task CountTrueAddsTheTotalOfAllMatchingStatements()
    {
        var official = await CreateOfficialAsync("counted-speaker");
        for (var i = 0; i < 3; i++)
        {
            await CreateAsync("/api/v1/statements", Statement(official.GetProperty("id").GetInt64(), $"Counted {i}"));
        }

        var counted = await (await reader.GetAsync("/api/v1/statements?official=counted-speaker&limit=1&count=true")).ReadJsonAsync();
        var plain = await (await reader.GetAsync("/api/v1/statements?official=counted-speaker&limit=1")).ReadJsonAsync();

        Assert.Equal(3, counted.GetProperty("total").GetInt64());
        Assert.Equal(1, counted.GetProperty("items").GetArrayLength());
        Assert.False(plain.TryGetProperty("total", out _));
        // The walk counts once: the next page is read without the second query.
        var next = counted.GetProperty("next").GetString()!;
        Assert.DoesNotContain("count=", next);
        Assert.False((await (await reader.GetAsync(next)).ReadJsonAsync()).TryGetProperty("total", out _));
    }

    [Fact]
    public async Task IncludeTakesItsNamesInAnyCase()
    {
        var statement = (await (await reader.GetAsync("/api/v1/statements?official=sergei-lavrov&limit=1&include=OFFICIAL,Topics")).ReadJsonAsync())
            .GetProperty("items")[0];

        Assert.True(statement.GetProperty("official").TryGetProperty("roles", out _));
        Assert.Equal(JsonValueKind.Object, statement.GetProperty("topics")[0].ValueKind);
    }

    [Theory]
    [InlineData("official=nobody-known", "official")]
    [InlineData("topic=no-such-topic", "topic")]
    [InlineData("meeting=no-such-meeting", "meeting")]
    [InlineData("source=abc", "source")]
    [InlineData("source=999999", "source")]
    [InlineData("kind=rumour", "kind")]
    [InlineData("language=English", "language")]
    [InlineData("country=France", "country")]
    [InlineData("from=2021-13-01", "from")]
    [InlineData("to=yesterday", "to")]
    [InlineData("updatedSince=soon", "updatedSince")]
    [InlineData("sort=loudest", "sort")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=1000", "limit")]
    [InlineData("cursor=%%%", "cursor")]
    public async Task BadFilterValuesAreProblemsNamingTheParameter(string query, string field)
    {
        await (await reader.GetAsync("/api/v1/statements?" + query)).AssertInvalidAsync(field);
    }

    [Theory]
    [InlineData("\"unbalanced")]
    [InlineData("AND")]
    [InlineData("*")]
    [InlineData("((()")]
    [InlineData("?!")]
    [InlineData("NEAR(a b,")]
    public async Task MalformedSearchExpressionsAreBadRequests(string q)
    {
        var response = await reader.GetAsync("/api/v1/statements?q=" + Uri.EscapeDataString(q));

        await response.AssertInvalidAsync("q");
    }

    // With other filters that match nothing, the page's plan may never read the full-text index; the check for more hits
    // than the window still does, and must answer the same 400.
    [Theory]
    [InlineData("/api/v1/statements?kind=quote&official=", "")]
    [InlineData("/api/v1/officials/", "/statements?kind=quote")]
    [InlineData("/api/v1/stats/statements?groupBy=month&official=", "")]
    [InlineData("/api/v1/statements?count=true&official=", "")]
    [InlineData("/api/v1/statements?format=csv&official=", "")]
    public async Task AMalformedSearchIsABadRequestWhateverElseTheFiltersMatch(string before, string after)
    {
        var official = await (await writer.PostJsonAsync("/api/v1/officials", new { slug = $"no-statements-{Guid.NewGuid():N}", name = "Nobody Quoted" })).ReadJsonAsync();
        var url = before + official.GetProperty("id").GetInt64() + after;

        var response = await reader.GetAsync(url + (url.Contains('?') ? "&" : "?") + "q=" + Uri.EscapeDataString("\"unclosed strat*"));

        await response.AssertInvalidAsync("q");
    }

    [Theory]
    [InlineData("Russian-American", "Russian-American")]
    [InlineData("non-interference", "non-interference")]
    [InlineData("Russian-American relations", "Russian-American")]
    [InlineData("each other's", "other's")]
    [InlineData("Russian-Amer*", "Russian-American")]
    [InlineData("NEAR(Russian-American non-interference, 20)", "non-interference")]
    [InlineData("(U.S. OR Russian-American) AND mutual", "Russian-American")]
    [InlineData("illusions?", "illusions")]
    public async Task WordsWrittenWithPunctuationAreSearchedAsThePhraseOfTheirParts(string q, string expected)
    {
        var response = await reader.GetAsync("/api/v1/statements?q=" + Uri.EscapeDataString(q));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var texts = (await response.ReadJsonAsync()).GetProperty("items").EnumerateArray().Select(s => s.GetProperty("text").GetString()!).ToList();
        Assert.NotEmpty(texts);
        Assert.All(texts, t => Assert.Contains(expected, t, StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("Biden-Putin")]
    [InlineData("COVID-19")]
    [InlineData("50%")]
    [InlineData("text:dialogue")]
    [InlineData("won't")]
    public async Task WordsWithPunctuationThatMatchNothingAreAnEmptyPageNotAnError(string q)
    {
        var response = await reader.GetAsync("/api/v1/statements?q=" + Uri.EscapeDataString(q));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("POST", "/api/v1/statements", "")]
    [InlineData("POST", "/api/v1/statements", "null")]
    [InlineData("PUT", "/api/v1/officials/1", "")]
    [InlineData("POST", "/api/v1/extract", "null")]
    [InlineData("POST", "/api/v1/statements/1/relations", "")]
    public async Task AMissingBodyIsAProblemNamingTheBody(string method, string url, string body)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), url)
        {
            Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json"),
        };

        var problem = await (await writer.SendAsync(request)).AssertInvalidAsync("$");

        Assert.Equal("The request needs a JSON body.", problem.GetProperty("errors").GetProperty("$")[0].GetString());
    }

    [Theory]
    [InlineData("/api/v1/statements?offical=1", "offical")]
    [InlineData("/api/v1/statements?official=sergei-lavrov&limt=5", "limt")]
    [InlineData("/api/v1/meetings?official=sergei-lavrov", "official")]
    [InlineData("/api/v1/statements/1?format=csv", "format")]
    [InlineData("/api/v1/stats/statements?groupBy=year&q=dialogue&orderBy=count", "orderBy")]
    public async Task AQueryParameterTheOperationDoesNotTakeIsAProblemNamingIt(string url, string parameter)
    {
        var problem = await (await reader.GetAsync(url)).AssertInvalidAsync(parameter);

        Assert.StartsWith($"Unknown query parameter '{parameter}'", problem.GetProperty("errors").GetProperty(parameter)[0].GetString());
    }

    [Theory]
    [InlineData("/api/v1/statements?q=Moscow&q=Biden", "q")]
    [InlineData("/api/v1/officials/sergei-lavrov/statements?q=Moscow&q=Biden", "q")]
    [InlineData("/api/v1/stats/statements?groupBy=kind&q=Moscow&q=Biden", "q")]
    [InlineData("/api/v1/officials?q=Lavrov&q=Blinken", "q")]
    [InlineData("/api/v1/topics?q=stability&q=security", "q")]
    [InlineData("/api/v1/sources?q=Geneva&q=summit", "q")]
    [InlineData("/api/v1/statements?limit=1&limit=2", "limit")]
    public async Task AQueryParameterThatTakesOneValueGivenTwiceIsAProblemNamingIt(string url, string parameter)
    {
        var problem = await (await reader.GetAsync(url)).AssertInvalidAsync(parameter);

        Assert.Equal($"Query parameter '{parameter}' is given more than once; it takes one value.", problem.GetProperty("errors").GetProperty(parameter)[0].GetString());
    }

    [Fact]
    public async Task HeadAnswersLikeGetWithoutTheBody()
    {
        var get = await reader.GetAsync("/api/v1/statements/1");

        var head = await reader.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/api/v1/statements/1"));

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(get.Headers.ETag, head.Headers.ETag);
        Assert.Equal(get.Content.Headers.ContentType?.MediaType, head.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
        var list = await reader.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/api/v1/statements?limit=1"));
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.True(list.Headers.Contains("Link"));
        Assert.Equal(HttpStatusCode.NotFound, (await reader.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/api/v1/statements/987654"))).StatusCode);
        var conditional = new HttpRequestMessage(HttpMethod.Head, "/api/v1/statements/1");
        conditional.Headers.IfNoneMatch.Add(get.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await reader.SendAsync(conditional)).StatusCode);
    }

    [Fact]
    public async Task AHeadOfAnExportSendsItsHeaders()
    {
        var head = await reader.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/api/v1/statements?format=csv"));

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal("text/csv", head.Content.Headers.ContentType?.MediaType);
        Assert.Equal("statements.csv", head.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("/api/v1/statements?kind=QUOTE", "/api/v1/statements?kind=quote")]
    [InlineData("/api/v1/statements?sort=SAIDON", "/api/v1/statements?sort=saidOn")]
    [InlineData("/api/v1/statements?relation=Contradicts", "/api/v1/statements?relation=contradicts")]
    [InlineData("/api/v1/stats/statements?groupBy=Kind", "/api/v1/stats/statements?groupBy=kind")]
    [InlineData("/api/v1/changes?resource=Statement", "/api/v1/changes?resource=statement")]
    public async Task KeywordValuesAreMatchedWithoutRegardToCase(string url, string canonical)
    {
        var expected = await (await reader.GetAsync(canonical)).ReadJsonAsync();

        var response = await reader.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expected.GetProperty("items").GetRawText(), (await response.ReadJsonAsync()).GetProperty("items").GetRawText());
    }

    [Fact]
    public async Task QueryParametersAreMatchedWithoutRegardToCase() =>
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/api/v1/statements?Official=sergei-lavrov&LIMIT=2")).StatusCode);

    [Fact]
    public async Task PuttingBackWhatGetReturnedKeepsTheTopics()
    {
        var official = await CreateOfficialAsync("round-trip-speaker");
        var topic = await CreateAsync("/api/v1/topics", new { slug = "round-trip-statement-topic", name = "Round trip" });
        var created = await CreateAsync("/api/v1/statements",
            Statement(official.GetProperty("id").GetInt64(), "Sent back as it came.", topicIds: [topic.GetProperty("id").GetInt64()]));
        var url = created.GetProperty("links").GetProperty("self").GetString()!;
        var got = await (await reader.GetAsync(url)).ReadJsonAsync();

        var replaced = await writer.PutAsync(url, new StringContent(got.GetRawText(), System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        var body = await replaced.ReadJsonAsync();
        Assert.Equal([topic.GetProperty("id").GetInt64()], body.GetProperty("topicIds").EnumerateArray().Select(t => t.GetInt64()));
        Assert.Equal(got.GetProperty("topics").GetRawText(), body.GetProperty("topics").GetRawText());
    }

    [Fact]
    public async Task ACursorFromAnotherSortIsRejected()
    {
        var official = await CreateOfficialAsync("cursor-sort-speaker");
        for (var i = 0; i < 3; i++)
        {
            await CreateAsync("/api/v1/statements", Statement(official.GetProperty("id").GetInt64(), $"Line {i}", saidOn: $"2020-01-0{i + 1}"));
        }
        var page = await (await reader.GetAsync("/api/v1/statements?official=cursor-sort-speaker&limit=1")).ReadJsonAsync();
        var next = page.GetProperty("next").GetString()!;

        await (await reader.GetAsync(next + "&sort=id")).AssertInvalidAsync("cursor");
    }

    [Theory]
    [InlineData("relevance", "abc")]
    [InlineData("relevance", "NaN")]
    [InlineData("relevance", "Infinity")]
    [InlineData("-saidOn", "notadate")]
    [InlineData("-saidOn", "2021-02-30")]
    [InlineData("-updatedAt", "yesterday")]
    public async Task AnEditedCursorValueIsABadRequest(string sort, string value)
    {
        var cursor = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{sort}\n1\n{value}")).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var search = sort == "relevance" ? "q=dialogue&" : "";

        await (await reader.GetAsync($"/api/v1/statements?{search}sort={sort}&cursor={cursor}")).AssertInvalidAsync("cursor");
    }

    [Fact]
    public async Task AStatementsETagChangesWhenItsOfficialOrATopicDoes()
    {
        var official = await CreateOfficialAsync("etag-embed-speaker");
        var topic = await (await writer.PostJsonAsync("/api/v1/topics", new { slug = "etag-embed-topic", name = "Before" })).ReadJsonAsync();
        var created = await writer.PostJsonAsync("/api/v1/statements",
            Statement(official.GetProperty("id").GetInt64(), "Embedded words.", topicIds: [topic.GetProperty("id").GetInt64()]));
        var url = created.Headers.Location!.OriginalString;

        async Task<HttpResponseMessage> GetIfNoneMatch(string etag)
        {
            var conditional = new HttpRequestMessage(HttpMethod.Get, url);
            conditional.Headers.TryAddWithoutValidation("If-None-Match", etag);
            return await reader.SendAsync(conditional);
        }

        var first = created.Headers.ETag!.Tag;
        Assert.Equal(HttpStatusCode.NotModified, (await GetIfNoneMatch(first)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await writer.PatchMergeAsync("/api/v1/officials/etag-embed-speaker", """{"name":"Renamed Speaker"}""")).StatusCode);
        var afterRename = await GetIfNoneMatch(first);
        Assert.Equal(HttpStatusCode.OK, afterRename.StatusCode);
        Assert.Equal("Renamed Speaker", (await afterRename.ReadJsonAsync()).GetProperty("official").GetProperty("name").GetString());
        var second = afterRename.Headers.ETag!.Tag;
        Assert.NotEqual(first, second);

        Assert.Equal(HttpStatusCode.OK, (await writer.PatchMergeAsync("/api/v1/topics/etag-embed-topic", """{"name":"After"}""")).StatusCode);
        var afterTopic = await GetIfNoneMatch(second);
        Assert.Equal(HttpStatusCode.OK, afterTopic.StatusCode);
        Assert.Equal("After", (await afterTopic.ReadJsonAsync()).GetProperty("topics")[0].GetProperty("name").GetString());
        var third = afterTopic.Headers.ETag!.Tag;
        Assert.Equal(HttpStatusCode.NotModified, (await GetIfNoneMatch(third)).StatusCode);

        // The statement itself did not change: an edit made against any of its ETags still applies.
        Assert.Equal(HttpStatusCode.OK, (await writer.PatchMergeAsync(url, """{"text":"Edited words."}""", ifMatch: first)).StatusCode);
    }

    [Fact]
    public async Task ETagsGuardStatementWritesAndPatchMergesFields()
    {
        var official = await CreateOfficialAsync("etag-statement-speaker");
        var created = await writer.PostJsonAsync("/api/v1/statements", Statement(official.GetProperty("id").GetInt64(), "First words."));
        var url = created.Headers.Location!.OriginalString;
        var etag = created.Headers.ETag!.Tag;

        var conditional = new HttpRequestMessage(HttpMethod.Get, url);
        conditional.Headers.TryAddWithoutValidation("If-None-Match", etag);
        Assert.Equal(HttpStatusCode.NotModified, (await reader.SendAsync(conditional)).StatusCode);

        var patched = await writer.PatchMergeAsync(url, """{"text":"Second words.","context":null}""", ifMatch: etag);
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        var body = await patched.ReadJsonAsync();
        Assert.Equal("Second words.", body.GetProperty("text").GetString());
        Assert.False(body.TryGetProperty("context", out _));
        Assert.Equal("quote", body.GetProperty("kind").GetString());

        await (await writer.PatchMergeAsync(url, """{"text":"Third"}""", ifMatch: etag)).AssertProblemAsync(HttpStatusCode.PreconditionFailed);
        await (await writer.PatchMergeAsync(url, """{"kind":"hearsay"}""")).AssertInvalidAsync("kind");
        await (await writer.PatchMergeAsync(url, """{"officialId":null}""")).AssertInvalidAsync("officialId");
    }

    [Fact]
    public async Task PutReplacesAndDeleteRemovesAStatement()
    {
        var official = await CreateOfficialAsync("put-statement-speaker");
        var id = official.GetProperty("id").GetInt64();
        var created = await CreateAsync("/api/v1/statements", Statement(id, "Original."));
        var url = $"/api/v1/statements/{created.GetProperty("id").GetInt64()}";

        var replaced = await writer.PutJsonAsync(url, Statement(id, "Replaced.", kind: "paraphrase"));
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        Assert.Equal(2, (await replaced.ReadJsonAsync()).GetProperty("version").GetInt64());

        Assert.Equal(HttpStatusCode.NoContent, (await writer.DeleteAsync(url)).StatusCode);
        await (await reader.GetAsync(url)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await writer.PutJsonAsync(url, Statement(id, "Gone."))).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ANonNumericStatementIdIsABadRequest()
    {
        await (await reader.GetAsync("/api/v1/statements/abc")).AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task DeletingAnOfficialWhoSpokeIsAConflictThatExplains()
    {
        var official = await CreateOfficialAsync("spoken-official");
        await CreateAsync("/api/v1/statements", Statement(official.GetProperty("id").GetInt64(), "I was here."));

        var problem = await (await writer.DeleteAsync("/api/v1/officials/spoken-official")).AssertProblemAsync(HttpStatusCode.Conflict);

        Assert.Contains("1 statement", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task RelatedStatementListsAreScopedAndAnswer404ForUnknownOwners()
    {
        var official = await CreateOfficialAsync("related-speaker");
        var topic = await CreateAsync("/api/v1/topics", new { slug = "related-topic", name = "Related" });
        var meeting = await CreateAsync("/api/v1/meetings", new { slug = "related-meeting", title = "Talks", kind = "bilateral", startsOn = "2022-01-01" });
        var source = await CreateAsync("/api/v1/sources", new { title = "Related report" });
        await CreateAsync("/api/v1/statements", Statement(official.GetProperty("id").GetInt64(), "Related words.", topicIds: [topic.GetProperty("id").GetInt64()],
            meetingId: meeting.GetProperty("id").GetInt64(), sourceId: source.GetProperty("id").GetInt64()));

        foreach (var url in new[]
        {
            "/api/v1/officials/related-speaker/statements", "/api/v1/topics/related-topic/statements",
            "/api/v1/meetings/related-meeting/statements", $"/api/v1/sources/{source.GetProperty("id").GetInt64()}/statements",
        })
        {
            var page = await (await reader.GetAsync(url + "?kind=quote")).ReadJsonAsync();
            Assert.Equal("Related words.", Assert.Single(page.GetProperty("items").EnumerateArray()).GetProperty("text").GetString());
        }
        foreach (var url in new[]
        {
            "/api/v1/officials/nobody/statements", "/api/v1/topics/nothing/statements",
            "/api/v1/meetings/never/statements", "/api/v1/sources/999999/statements",
        })
        {
            await (await reader.GetAsync(url)).AssertProblemAsync(HttpStatusCode.NotFound);
        }
    }

    [Fact]
    public async Task APaginationWalkSeesEveryRowOnceWhileRowsAreInserted()
    {
        var official = await CreateOfficialAsync("walk-speaker");
        var officialId = official.GetProperty("id").GetInt64();
        var original = new HashSet<long>();
        await using (var connection = new SqliteConnection($"Data Source={factory.DatabasePath}"))
        {
            await connection.OpenAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            for (var i = 0; i < 2000; i++)
            {
                // Many rows share a day, so the walk must order ties by id.
                var saidOn = new DateOnly(2000, 1, 1).AddDays(i / 3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
                original.Add(await connection.ExecuteScalarAsync<long>("""
                    INSERT INTO statements (official_id, text, kind, language, said_on, said_on_precision, created_at, updated_at)
                    VALUES (@officialId, @text, 'quote', 'en', @saidOn, 'day', '2024-01-01T00:00:00.000Z', '2024-01-01T00:00:00.000Z')
                    RETURNING id
                    """, new { officialId, text = $"Walk {i}", saidOn }, transaction));
            }
            await transaction.CommitAsync();
        }

        var seen = new List<long>();
        string? next = "/api/v1/statements?official=walk-speaker&limit=50";
        var inserted = 0;
        while (next is not null)
        {
            var page = await (await reader.GetAsync(next)).ReadJsonAsync();
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(s => s.GetProperty("id").GetInt64()));
            next = page.TryGetProperty("next", out var n) ? n.GetString() : null;
            // Rows land before, inside and after the part already walked.
            var day = new DateOnly(2000, 1, 1).AddDays(inserted * 37 % 700).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            await CreateAsync("/api/v1/statements", Statement(officialId, $"Inserted {inserted++}", saidOn: day));
        }

        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Subset(seen.ToHashSet(), original);
    }

    [Theory]
    [InlineData("9999-01-01", "year")]
    [InlineData("9999-12-01", "month")]
    [InlineData("9999-12-31", "day")]
    [InlineData("2201-06-16", null)]
    public async Task AStatementDatedInTheFutureIsRefusedNamingSaidOnInPostPutAndPatch(string saidOn, string? precision)
    {
        var official = await CreateOfficialAsync($"future-speaker-{Guid.NewGuid():N}"[..30], roles:
            [new { title = "Minister", organization = "Ministry", start = "2020-01-01" }]);
        var officialId = official.GetProperty("id").GetInt64();

        var posted = await writer.PostJsonAsync("/api/v1/statements", Statement(officialId, "Said later.", saidOn, precision: precision));
        var problem = await posted.AssertInvalidAsync("saidOn");
        Assert.Contains("cannot be in the future", problem.GetProperty("errors").GetProperty("saidOn")[0].GetString());

        var created = await CreateAsync("/api/v1/statements", Statement(officialId, "Said before."));
        var url = created.GetProperty("links").GetProperty("self").GetString()!;
        await (await writer.PutJsonAsync(url, Statement(officialId, "Said later.", saidOn, precision: precision))).AssertInvalidAsync("saidOn");
        var patch = precision is null ? $$"""{"saidOn":"{{saidOn}}"}""" : $$"""{"saidOn":"{{saidOn}}","saidOnPrecision":"{{precision}}"}""";
        await (await writer.PatchMergeAsync(url, patch)).AssertInvalidAsync("saidOn");
        Assert.Equal(1, (await (await reader.GetAsync(url)).ReadJsonAsync()).GetProperty("version").GetInt64());
    }

    [Fact]
    public async Task AStatementDatedTodayOrTomorrowInUtcIsAccepted()
    {
        var official = await CreateOfficialAsync("today-speaker");
        var officialId = official.GetProperty("id").GetInt64();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        foreach (var day in new[] { today, today.AddDays(1) })
        {
            await CreateAsync("/api/v1/statements", Statement(officialId, "Said today.", day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
        }
        await CreateAsync("/api/v1/statements", Statement(officialId, "Said this year.", $"{today.Year}-12-31", precision: "year"));
    }

    [Theory]
    [InlineData("9999-12-01", "month")]
    [InlineData("9999-01-01", "year")]
    [InlineData("9999-12-31", "day")]
    public async Task AStatementStoredAtTheEndOfTheCalendarIsShownWithItsSpeakersRole(string saidOn, string precision)
    {
        var official = await CreateOfficialAsync($"last-speaker-{precision}", roles:
            [new { title = "Minister", organization = "Ministry", start = "2020-01-01" }]);
        var officialId = official.GetProperty("id").GetInt64();
        long id;
        await using (var connection = new SqliteConnection($"Data Source={factory.DatabasePath}"))
        {
            // Written by SQL: the API no longer takes such a date, but a database may hold one from before.
            id = await connection.ExecuteScalarAsync<long>("""
                INSERT INTO statements (official_id, text, kind, language, said_on, said_on_precision, created_at, updated_at)
                VALUES (@officialId, 'At the end of time.', 'quote', 'en', @saidOn, @precision, '2024-01-01T00:00:00.000Z', '2024-01-01T00:00:00.000Z')
                RETURNING id
                """, new { officialId, saidOn, precision });
        }

        var response = await reader.GetAsync($"/api/v1/statements/{id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.ReadJsonAsync();
        Assert.Equal("Minister", body.GetProperty("speakerRole").GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/api/v1/statements?official={officialId}")).StatusCode);
    }

    [Fact]
    public async Task TextLengthsAreCountedInCharactersAsJsonSchemaCountsThem()
    {
        var official = await CreateOfficialAsync("emoji-speaker");
        var officialId = official.GetProperty("id").GetInt64();
        var globe = "\U0001F30D"; // one code point, two UTF-16 code units

        await CreateAsync("/api/v1/statements", Statement(officialId, string.Concat(Enumerable.Repeat(globe, 15_000))));
        await CreateAsync("/api/v1/statements", Statement(officialId, string.Concat(Enumerable.Repeat(globe, 20_000))));
        var tooLong = await writer.PostJsonAsync("/api/v1/statements", Statement(officialId, string.Concat(Enumerable.Repeat(globe, 20_001))));
        await tooLong.AssertInvalidAsync("text");
        await (await writer.PostJsonAsync("/api/v1/statements", Statement(officialId, new string('x', 20_001)))).AssertInvalidAsync("text");

        var aliases = new[] { string.Concat(Enumerable.Repeat(globe, 200)) };
        Assert.Equal(HttpStatusCode.Created, (await writer.PostJsonAsync("/api/v1/officials", new { slug = "emoji-aliases", name = "Emoji", aliases })).StatusCode);
        var longAlias = new[] { string.Concat(Enumerable.Repeat(globe, 201)) };
        await (await writer.PostJsonAsync("/api/v1/officials", new { slug = "emoji-aliases-2", name = "Emoji", aliases = longAlias })).AssertInvalidAsync("aliases");
    }

    [Theory]
    [InlineData("/api/v1/officials/{idOrSlug}/statements", "/api/v1/officials/sergei-lavrov/statements", "official", "official=1")]
    [InlineData("/api/v1/topics/{idOrSlug}/statements", "/api/v1/topics/strategic-stability/statements", "topic", "topic=strategic-stability")]
    [InlineData("/api/v1/meetings/{idOrSlug}/statements", "/api/v1/meetings/geneva-summit-2021/statements", "meeting", "meeting=geneva-summit-2021")]
    [InlineData("/api/v1/sources/{id}/statements", "/api/v1/sources/1/statements", "source", "source=1")]
    public async Task ARelatedListDoesNotTakeTheFilterItsPathFixes(string path, string url, string filter, string query)
    {
        var document = await (await reader.GetAsync("/swagger/v1/swagger.json")).ReadJsonAsync();
        var parameters = document.GetProperty("paths").GetProperty(path).GetProperty("get").GetProperty("parameters")
            .EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToList();
        Assert.DoesNotContain(filter, parameters);
        Assert.Contains("kind", parameters);

        // Even the value the path gives is refused, as any parameter the operation does not take, and the reason is given.
        var body = await (await reader.GetAsync($"{url}?{query}")).AssertInvalidAsync(filter);
        Assert.Contains("given by the path", body.GetProperty("errors").GetProperty(filter)[0].GetString());
        await (await reader.GetAsync($"{url}?{query}&format=csv")).AssertInvalidAsync(filter);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"{url}?kind=quote")).StatusCode);
    }
}
