using System.Net;

namespace Statements.Api.Tests;

/// <summary>Language tags and country codes are case-insensitive in filters, and compared in the case they are stored in.</summary>
public sealed class LetterCaseTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient reader = factory.CreateClient();
    private readonly HttpClient writer = factory.CreateWriter();

    private async Task<string> ItemsAsync(string url)
    {
        var response = await reader.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var items = (await response.ReadJsonAsync()).GetProperty("items");
        Assert.True(items.GetArrayLength() > 0, $"{url} found nothing");
        return items.GetRawText();
    }

    [Theory]
    [InlineData("/api/v1/statements?language=en", "/api/v1/statements?language=EN")]
    [InlineData("/api/v1/statements?language=en", "/api/v1/statements?language=En")]
    [InlineData("/api/v1/statements?country=RU", "/api/v1/statements?country=ru")]
    [InlineData("/api/v1/statements?country=RU,US", "/api/v1/statements?country=Ru&country=us")]
    [InlineData("/api/v1/stats/statements?groupBy=kind&country=RU", "/api/v1/stats/statements?groupBy=kind&country=rU")]
    [InlineData("/api/v1/officials?country=RU", "/api/v1/officials?country=ru")]
    [InlineData("/api/v1/meetings?country=CH", "/api/v1/meetings?country=ch")]
    [InlineData("/api/v1/sources?language=en", "/api/v1/sources?language=EN")]
    public async Task FiltersTakeCodesInAnyCase(string canonical, string other)
    {
        Assert.Equal(await ItemsAsync(canonical), await ItemsAsync(other));
    }

    [Fact]
    public async Task ALanguageTagWithARegionIsStoredAndFoundInItsCanonicalCase()
    {
        var official = await writer.PostJsonAsync("/api/v1/officials", new { slug = "case-speaker", name = "Case Speaker", country = "GB" });
        var officialId = (await official.ReadJsonAsync()).GetProperty("id").GetInt64();
        var posted = await writer.PostJsonAsync("/api/v1/statements", new
        {
            officialId, text = "Colour.", kind = "quote", language = "en-gb", originalText = "色", originalLanguage = "zh-hant-tw", saidOn = "2021-06-16",
        });
        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        var statement = await posted.ReadJsonAsync();
        Assert.Equal("en-GB", statement.GetProperty("language").GetString());
        Assert.Equal("zh-Hant-TW", statement.GetProperty("originalLanguage").GetString());
        var source = await (await writer.PostJsonAsync("/api/v1/sources", new { title = "Case source", language = "pt-br" })).ReadJsonAsync();
        Assert.Equal("pt-BR", source.GetProperty("language").GetString());

        foreach (var tag in new[] { "en-GB", "en-gb", "EN-GB" })
        {
            Assert.Contains("Colour.", await ItemsAsync($"/api/v1/statements?official={officialId}&language={tag}"));
        }
        Assert.Contains("Case source", await ItemsAsync("/api/v1/sources?language=PT-br"));

        var shouted = await writer.PostJsonAsync("/api/v1/statements", new { officialId, text = "Loud.", kind = "quote", language = "EN-GB", saidOn = "2021-06-16" });
        Assert.Equal("en-GB", (await shouted.ReadJsonAsync()).GetProperty("language").GetString());
    }

    [Fact]
    public async Task CountryCodesInBodiesAreTakenInAnyCaseAndStoredInCapitals()
    {
        var official = await (await writer.PostJsonAsync("/api/v1/officials", new
        {
            slug = "lower-country", name = "Lower Country", country = "gb",
            roles = new[] { new { title = "Envoy", organization = "Foreign Office", country = "us", start = "2020-01-01" } },
        })).ReadJsonAsync();
        var meeting = await (await writer.PostJsonAsync("/api/v1/meetings", new
        {
            slug = "lower-country-talks", title = "Talks", kind = "other", startsOn = "2020-02-02", location = new { city = "Geneva", country = "ch" },
        })).ReadJsonAsync();

        Assert.Equal("GB", official.GetProperty("country").GetString());
        Assert.Equal("US", official.GetProperty("roles")[0].GetProperty("country").GetString());
        Assert.Equal("CH", meeting.GetProperty("location").GetProperty("country").GetString());
    }

    [Theory]
    [InlineData("/api/v1/statements?language=e", "language")]
    [InlineData("/api/v1/statements?country=gbr", "country")]
    [InlineData("/api/v1/officials?country=g1", "country")]
    public async Task CodesThatAreNotCodesInAnyCaseAreStillRefused(string url, string field)
    {
        await (await reader.GetAsync(url)).AssertInvalidAsync(field);
    }
}
