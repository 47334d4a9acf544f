using System.Net;
using System.Text.Json;

namespace Statements.Api.Tests.Extraction;

public sealed class ExtractionApiTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient reader = factory.CreateClient();

    private async Task<long> SampleSourceIdAsync()
    {
        var sources = await (await reader.GetAsync("/api/v1/sources?q=Biden-Putin%20Summit")).ReadJsonAsync();
        return sources.GetProperty("items")[0].GetProperty("id").GetInt64();
    }

    private static string Normalize(string text) => text.Trim().TrimEnd('.');

    [Fact]
    public async Task TheSampleArticleGivesExactlyTheStatementsStoredForIt()
    {
        var sourceId = await SampleSourceIdAsync();
        var stored = (await (await reader.GetAsync($"/api/v1/statements?source={sourceId}&limit=500")).ReadJsonAsync())
            .GetProperty("items").EnumerateArray().ToList();

        var response = await reader.PostAsync($"/api/v1/sources/{sourceId}/extract", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var candidates = (await response.ReadJsonAsync()).GetProperty("candidates").EnumerateArray().ToList();
        Assert.Equal(stored.Count, candidates.Count);
        foreach (var statement in stored)
        {
            var match = Assert.Single(candidates, c => Normalize(c.GetProperty("text").GetString()!) == Normalize(statement.GetProperty("text").GetString()!));
            Assert.Equal(statement.GetProperty("officialId").GetInt64(), match.GetProperty("speaker").GetProperty("officialId").GetInt64());
            Assert.Equal(statement.GetProperty("officialId").GetInt64(), match.GetProperty("officialId").GetInt64());
            Assert.Equal(statement.GetProperty("kind").GetString(), match.GetProperty("kind").GetString());
            Assert.Equal(sourceId, match.GetProperty("sourceId").GetInt64());
        }
        var blinken = Assert.Single(candidates, c => c.GetProperty("speaker").GetProperty("name").GetString() == "Antony Blinken");
        Assert.Equal("alias", blinken.GetProperty("speaker").GetProperty("matchedBy").GetString());
    }

    [Fact]
    public async Task ExtractingATextNeedsNoKeyAndWritesNothing()
    {
        var before = (await (await reader.GetAsync("/api/v1/statements?limit=500")).ReadJsonAsync()).GetProperty("items").GetArrayLength();

        var response = await reader.PostJsonAsync("/api/v1/extract", new
        {
            text = "“We have no illusions,” Lavrov said. Jean Dupont, a French senator, said the talks were useful.",
            publishedOn = "2021-06-02",
            language = "en",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var candidates = (await response.ReadJsonAsync()).GetProperty("candidates");
        Assert.Equal(2, candidates.GetArrayLength());
        var quote = candidates[0];
        Assert.Equal("quote", quote.GetProperty("kind").GetString());
        Assert.Equal(1, quote.GetProperty("start").GetInt32());
        Assert.Equal("name", quote.GetProperty("speaker").GetProperty("matchedBy").GetString());
        Assert.Equal("2021-06-02", quote.GetProperty("saidOn").GetString());
        var unknown = candidates[1];
        Assert.Equal(JsonValueKind.Null, unknown.GetProperty("speaker").GetProperty("officialId").ValueKind);
        Assert.Equal(JsonValueKind.Null, unknown.GetProperty("officialId").ValueKind);
        Assert.Equal("Jean Dupont", unknown.GetProperty("speaker").GetProperty("name").GetString());
        Assert.Equal("unknown", unknown.GetProperty("speaker").GetProperty("matchedBy").GetString());
        Assert.Equal(JsonValueKind.Null, unknown.GetProperty("meetingId").ValueKind);
        var after = (await (await reader.GetAsync("/api/v1/statements?limit=500")).ReadJsonAsync()).GetProperty("items").GetArrayLength();
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task ASourceUrlOfAStoredSourceGivesTheCandidatesItsId()
    {
        var writer = factory.CreateWriter();
        var source = await (await writer.PostJsonAsync("/api/v1/sources", new { url = "https://example.org/extract-by-url", title = "Report" })).ReadJsonAsync();

        var response = await reader.PostJsonAsync("/api/v1/extract", new { text = "“We have no illusions,” Lavrov said.", sourceUrl = "https://example.org/extract-by-url" });

        var candidate = (await response.ReadJsonAsync()).GetProperty("candidates")[0];
        Assert.Equal(source.GetProperty("id").GetInt64(), candidate.GetProperty("sourceId").GetInt64());
    }

    [Fact]
    public async Task AcceptedCandidatesPostAsStatementsAsTheyAre()
    {
        var writer = factory.CreateWriter();
        var text = "“Dialogue is better than no dialogue,” Lavrov said ahead of the June 16 summit in Geneva. Blinken said that relations depended on Moscow.";
        var candidates = (await (await reader.PostJsonAsync("/api/v1/extract", new { text, publishedOn = "2021-06-02" })).ReadJsonAsync())
            .GetProperty("candidates").EnumerateArray().ToList();

        Assert.Equal(2, candidates.Count);
        // Review is one request: the candidates, unchanged, to the bulk import (POST /statements is strict about unknown fields).
        var body = "[" + string.Join(",", candidates.Select(c => c.GetRawText())) + "]";
        var response = await writer.PostAsync("/api/v1/statements/bulk", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        foreach (var candidate in candidates)
        {
            var page = await (await reader.GetAsync($"/api/v1/statements?official={candidate.GetProperty("officialId").GetInt64()}&from=2021-06-02&to=2021-06-02")).ReadJsonAsync();
            Assert.Contains(page.GetProperty("items").EnumerateArray(), s => s.GetProperty("text").GetString() == candidate.GetProperty("text").GetString());
        }
    }

    [Fact]
    public async Task AnOfficialAddedOrChangedIsRecognisedByTheNextExtraction()
    {
        var writer = factory.CreateWriter();
        var body = new { text = "Amelie Fontaine-Rocher, a senator, said the talks were useful. The Belgian foreign minister said that talks were over.", publishedOn = "2024-05-01" };
        async Task<JsonElement> SpeakersAsync() =>
            (await (await reader.PostJsonAsync("/api/v1/extract", body)).ReadJsonAsync()).GetProperty("candidates");

        Assert.All((await SpeakersAsync()).EnumerateArray(), c => Assert.Equal(JsonValueKind.Null, c.GetProperty("officialId").ValueKind));

        var official = await (await writer.PostJsonAsync("/api/v1/officials", new { slug = "amelie-fontaine-rocher", name = "Amelie Fontaine-Rocher", country = "BE" })).ReadJsonAsync();
        var id = official.GetProperty("id").GetInt64();
        Assert.Equal(id, (await SpeakersAsync())[0].GetProperty("officialId").GetInt64());

        await writer.PutJsonAsync($"/api/v1/officials/{id}", new
        {
            slug = "amelie-fontaine-rocher", name = "Amelie Fontaine-Rocher", country = "BE",
            roles = new[] { new { title = "Minister of Foreign Affairs", organization = "Federal Public Service Foreign Affairs", start = "2024-01-01" } },
        });
        var second = (await SpeakersAsync())[1];
        Assert.Equal((id, "role"), (second.GetProperty("officialId").GetInt64(), second.GetProperty("speaker").GetProperty("matchedBy").GetString()));
    }

    [Fact]
    public async Task AnArticleSentAsHtmlGivesItsStatementsWithOffsetsIntoTheHtml()
    {
        const string html = "<article><h1>Talks in Geneva</h1><p>“We have no illusions,” Sergei Lavrov said.</p>" +
            "<p>Antony Blinken said the talks had been <em>useful</em>.</p></article>";

        var response = await reader.PostJsonAsync("/api/v1/extract", new { text = html, publishedOn = "2021-06-16" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var candidates = (await response.ReadJsonAsync()).GetProperty("candidates").EnumerateArray().ToList();
        Assert.Equal(["We have no illusions", "The talks had been useful."], candidates.Select(c => c.GetProperty("text").GetString()));
        var quote = candidates[0];
        Assert.Equal("We have no illusions", html[quote.GetProperty("start").GetInt32()..quote.GetProperty("end").GetInt32()]);
    }

    [Fact]
    public async Task AnEmptyTextIsAValidationProblemNamingIt()
    {
        await (await reader.PostJsonAsync("/api/v1/extract", new { text = "" })).AssertInvalidAsync("text");
        await (await reader.PostJsonAsync("/api/v1/extract", new { text = "x", language = "English" })).AssertInvalidAsync("language");
        await (await reader.PostJsonAsync("/api/v1/extract", new { text = "x", publishedOn = "16/06/2021" })).AssertInvalidAsync("publishedOn");
    }

    [Fact]
    public async Task AMillionCharactersOfAnyScriptAreAcceptedAndOneMoreIsAProblem()
    {
        var cyrillic = new string('ж', 999_992) + " Лавров.";
        Assert.Equal(1_000_000, cyrillic.Length);
        var response = await reader.PostJsonAsync("/api/v1/extract", new { text = cyrillic });
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);

        await (await reader.PostJsonAsync("/api/v1/extract", new { text = new string('ж', 1_000_001) })).AssertInvalidAsync("text");
    }

    [Fact]
    public async Task AnUnknownSourceIsNotFoundAndOneWithoutTextIsABadRequest()
    {
        await (await reader.PostAsync("/api/v1/sources/999999/extract", null)).AssertProblemAsync(HttpStatusCode.NotFound);

        var writer = factory.CreateWriter();
        var source = await (await writer.PostJsonAsync("/api/v1/sources", new { title = "A source without text" })).ReadJsonAsync();
        await (await reader.PostAsync($"/api/v1/sources/{source.GetProperty("id").GetInt64()}/extract", null)).AssertInvalidAsync("text");
    }

    private async Task<long> SourceToExtractAsync(string? publishedOn)
    {
        var writer = factory.CreateWriter();
        var source = await (await writer.PostJsonAsync("/api/v1/sources", new
        {
            title = "Talks in Geneva",
            text = "“We have no illusions,” Lavrov said. Jean Dupont, a French senator, said the talks were useful.",
            publishedOn,
        })).ReadJsonAsync();
        return source.GetProperty("id").GetInt64();
    }

    private async Task<List<JsonElement>> CandidatesAsync(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return [.. (await response.ReadJsonAsync()).GetProperty("candidates").EnumerateArray()];
    }

    private static StringContent JsonBody(string body) => new(body, System.Text.Encoding.UTF8, "application/json");

    [Fact]
    public async Task ASourceWithoutAPublicationDateIsDatedByThePublishedOnSentAsATextIsAndKeepsNoDate()
    {
        var id = await SourceToExtractAsync(publishedOn: null);

        var undated = await CandidatesAsync(await reader.PostAsync($"/api/v1/sources/{id}/extract", null));
        var dated = await CandidatesAsync(await reader.PostJsonAsync($"/api/v1/sources/{id}/extract", new { publishedOn = "2021-06-02" }));

        Assert.Equal(2, undated.Count);
        Assert.All(undated, c => Assert.False(c.TryGetProperty("saidOn", out _)));
        var text = await CandidatesAsync(await reader.PostJsonAsync("/api/v1/extract", new
        {
            text = "“We have no illusions,” Lavrov said. Jean Dupont, a French senator, said the talks were useful.",
            publishedOn = "2021-06-02",
        }));
        Assert.Equal(text.Select(c => c.GetProperty("saidOn").GetString()), dated.Select(c => c.GetProperty("saidOn").GetString()));
        Assert.All(dated, c => Assert.Equal("2021-06-02", c.GetProperty("saidOn").GetString()));
        Assert.All(dated, c => Assert.Equal(id, c.GetProperty("sourceId").GetInt64()));
        var source = await (await reader.GetAsync($"/api/v1/sources/{id}")).ReadJsonAsync();
        Assert.False(source.TryGetProperty("publishedOn", out _));
    }

    [Fact]
    public async Task ASourceExtractionBodyOverridesTheStoredDateAndLanguageAndNoBodyKeepsThem()
    {
        var id = await SourceToExtractAsync(publishedOn: "2021-06-16");
        var url = $"/api/v1/sources/{id}/extract";

        foreach (var none in new HttpContent?[] { null, JsonBody(""), JsonBody("{}"), JsonBody("null") })
        {
            var candidates = await CandidatesAsync(await reader.PostAsync(url, none));
            Assert.All(candidates, c => Assert.Equal(("2021-06-16", "en"), (c.GetProperty("saidOn").GetString(), c.GetProperty("language").GetString())));
        }
        var overridden = await CandidatesAsync(await reader.PostJsonAsync(url, new { publishedOn = "2021-06-02", language = "fr" }));
        Assert.All(overridden, c => Assert.Equal(("2021-06-02", "fr"), (c.GetProperty("saidOn").GetString(), c.GetProperty("language").GetString())));
        var source = await (await reader.GetAsync($"/api/v1/sources/{id}")).ReadJsonAsync();
        Assert.Equal("2021-06-16", source.GetProperty("publishedOn").GetString());
    }

    [Fact]
    public async Task AnUnknownMemberInASourceExtractionBodyIsAProblemNamingIt()
    {
        var id = await SourceToExtractAsync(publishedOn: null);

        var problem = await (await reader.PostAsync($"/api/v1/sources/{id}/extract", JsonBody("""{"bogus":1}"""))).AssertInvalidAsync("bogus");

        Assert.Equal("This field is not part of the resource.", problem.GetProperty("errors").GetProperty("bogus")[0].GetString());
    }

    [Fact]
    public async Task AnInvalidPublishedOnOrLanguageInASourceExtractionBodyIsAProblemNamingIt()
    {
        var id = await SourceToExtractAsync(publishedOn: null);
        var url = $"/api/v1/sources/{id}/extract";

        var date = await (await reader.PostJsonAsync(url, new { publishedOn = "16/06/2021" })).AssertInvalidAsync("publishedOn");
        await (await reader.PostJsonAsync(url, new { publishedOn = "2021-02-30" })).AssertInvalidAsync("publishedOn");
        await (await reader.PostJsonAsync(url, new { language = "English" })).AssertInvalidAsync("language");

        Assert.StartsWith("Not a date", date.GetProperty("errors").GetProperty("publishedOn")[0].GetString());
    }

    [Fact]
    public async Task ASourceExtractionBodyThatIsNotJsonIsUnsupported()
    {
        var id = await SourceToExtractAsync(publishedOn: null);

        var response = await reader.PostAsync($"/api/v1/sources/{id}/extract", new StringContent("publishedOn=2021-06-02", System.Text.Encoding.UTF8, "text/plain"));

        await response.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }
}
