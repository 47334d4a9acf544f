using System.Net;
using System.Text.Json;

namespace Statements.Api.Tests;

public sealed class SampleDataTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient client = factory.CreateClient();
    private static readonly string Article = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "sample-article.txt"));

    private async Task<JsonElement[]> StatementsAsync(string query)
    {
        var response = await client.GetAsync("/api/v1/statements?limit=500&" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. (await response.ReadJsonAsync()).GetProperty("items").EnumerateArray()];
    }

    [Fact]
    public async Task LavrovsQuotesAreStoredVerbatimAsQuotes()
    {
        var quotes = await StatementsAsync("official=sergei-lavrov&kind=quote");

        Assert.Equal(4, quotes.Length);
        foreach (var expected in new[]
        {
            "We have no overestimated expectations, no illusions that any breakthroughs are coming.",
            "We have common interests in strategic stability",
            "The normalization of Russian-American relations is possible only if the principles of equality, mutual respect and non-interference in each other's internal affairs are observed",
            "However, if our American colleagues continue to follow their own propaganda, which deafens, among other things, the American elite, then we probably won't have to wait much",
        })
        {
            Assert.Contains(expected, Article);
            Assert.Contains(quotes, q => q.GetProperty("text").GetString()!.StartsWith(expected, StringComparison.Ordinal));
        }
        Assert.All(quotes, q => Assert.Equal("Minister of Foreign Affairs", q.GetProperty("speakerRole").GetProperty("title").GetString()));
    }

    [Fact]
    public async Task ReportedSpeechIsStoredAsParaphrasesWithVagueDatesSaidSo()
    {
        var paraphrases = await StatementsAsync("official=sergei-lavrov&kind=paraphrase");

        Assert.Contains(paraphrases, p => p.GetProperty("text").GetString()!.Contains("wide range of issues related to strategic stability", StringComparison.Ordinal));
        Assert.All(paraphrases, p => Assert.Equal("year", p.GetProperty("saidOnPrecision").GetString()));
        Assert.All(paraphrases, p => Assert.Contains("Moscow", p.GetProperty("context").GetString()));
    }

    [Fact]
    public async Task BlinkenIsFoundByTheArticlesSpellingAndCreditedAsSecretaryOfState()
    {
        var officials = await (await client.GetAsync("/api/v1/officials?q=Anthony%20Blinken")).ReadJsonAsync();
        Assert.Equal("antony-blinken", Assert.Single(officials.GetProperty("items").EnumerateArray()).GetProperty("slug").GetString());

        var statement = Assert.Single(await StatementsAsync("official=antony-blinken"));
        Assert.Equal("paraphrase", statement.GetProperty("kind").GetString());
        Assert.Equal("Secretary of State", statement.GetProperty("speakerRole").GetProperty("title").GetString());
    }

    [Fact]
    public async Task TheGenevaSummitHasItsParticipantsAndStatements()
    {
        var summit = await (await client.GetAsync("/api/v1/meetings/geneva-summit-2021")).ReadJsonAsync();
        Assert.Equal("2021-06-16", summit.GetProperty("startsOn").GetString());
        Assert.Equal(["joe-biden", "vladimir-putin"], summit.GetProperty("participants").EnumerateArray().Select(p => p.GetProperty("slug").GetString()).Order());

        var aboutSummit = await StatementsAsync("meeting=geneva-summit-2021");
        Assert.NotEmpty(aboutSummit);
        Assert.All(aboutSummit, s => Assert.Equal("sergei-lavrov", s.GetProperty("official").GetProperty("slug").GetString()));
    }

    [Fact]
    public async Task TopicsTagTheStatementsAndTheSourceHoldsTheArticle()
    {
        var stability = await StatementsAsync("topic=strategic-stability");
        Assert.True(stability.Length >= 3);
        var nonInterference = await StatementsAsync("topic=non-interference");
        Assert.Contains("non-interference", Assert.Single(nonInterference).GetProperty("text").GetString());

        var sourceId = stability[0].GetProperty("sourceId").GetInt64();
        var source = await (await client.GetAsync($"/api/v1/sources/{sourceId}")).ReadJsonAsync();
        Assert.Equal("Lavrov: Moscow Has No Illusions about the Biden-Putin Summit", source.GetProperty("title").GetString());
        Assert.Equal(Article, source.GetProperty("text").GetString());
    }
}
