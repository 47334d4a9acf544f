using System.Net;
using System.Text.Json;

namespace Statements.Api.Tests;

public sealed class SearchTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient writer = factory.CreateWriter();
    private readonly HttpClient reader = factory.CreateClient();

    private async Task<long> OfficialAsync(string slug, string name, string? nativeName = null)
    {
        var response = await writer.PostJsonAsync("/api/v1/officials", new { slug, name, nativeName, country = "RU" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.ReadJsonAsync()).GetProperty("id").GetInt64();
    }

    private async Task<long> StatementAsync(long officialId, string text, string? originalText = null, string saidOn = "2021-01-01")
    {
        var response = await writer.PostJsonAsync("/api/v1/statements", new
        {
            officialId, text, kind = "quote", language = "en", saidOn,
            originalText, originalLanguage = originalText is null ? null : "ru",
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.ReadJsonAsync()).GetProperty("id").GetInt64();
    }

    private async Task<JsonElement[]> SearchAsync(string query)
    {
        var response = await reader.GetAsync("/api/v1/statements?" + query);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return [.. (await response.ReadJsonAsync()).GetProperty("items").EnumerateArray()];
    }

    [Fact]
    public async Task ResultsAreRankedByRelevanceWithHighlightedSnippets()
    {
        var official = await OfficialAsync("ranking-speaker", "Ranking Speaker");
        var weak = await StatementAsync(official, "Quasar talks will resume after a long pause in the negotiations between the two delegations.");
        var strong = await StatementAsync(official, "Quasar, quasar, quasar: the quasar question is all that matters.");

        var hits = await SearchAsync("q=quasar");

        Assert.Equal([strong, weak], hits.Select(h => h.GetProperty("id").GetInt64()));
        Assert.Contains("<mark>quasar</mark>", hits[0].GetProperty("snippet").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.False((await SearchAsync("official=ranking-speaker"))[0].TryGetProperty("snippet", out _));
    }

    [Fact]
    public async Task SnippetsAreEscapedHtml()
    {
        var official = await OfficialAsync("html-speaker", "Html Speaker");
        await StatementAsync(official, "Use <script>alert(1)</script> & zanzibar carefully.");

        var snippet = Assert.Single(await SearchAsync("q=zanzibar")).GetProperty("snippet").GetString();

        Assert.Contains("&lt;script&gt;", snippet);
        Assert.Contains("&amp;", snippet);
        Assert.Contains("<mark>zanzibar</mark>", snippet);
    }

    [Fact]
    public async Task SnippetsComeFromTheFieldThatMatched()
    {
        var official = await OfficialAsync("snippet-speaker", "Vasily Snippetov", "Василий Сниппетов");
        await StatementAsync(official, "We discussed the tungsten agreement at length.", originalText: "Мы долго спорили о вольфраму.");

        var original = Assert.Single(await SearchAsync("q=вольфраму")).GetProperty("snippet").GetString();
        var text = Assert.Single(await SearchAsync("q=tungsten")).GetProperty("snippet").GetString();
        var speaker = Assert.Single(await SearchAsync("q=Snippetov")).GetProperty("snippet").GetString();

        Assert.Equal("Мы долго спорили о <mark>вольфраму</mark>.", original);
        Assert.Equal("We discussed the <mark>tungsten</mark> agreement at length.", text);
        Assert.Equal("We discussed the tungsten agreement at length.", speaker);
    }

    [Fact]
    public async Task AliasesInAnyScriptFindTheSpeakersStatements()
    {
        var created = await writer.PostJsonAsync("/api/v1/officials", new
        {
            slug = "alias-speaker", name = "Kyriakos Aliasakis", country = "GR",
            aliases = new[] { "Kyriakos Aliasákis", "Κυριάκος Αλιασάκης", "Lech \"Wałęsowski\"" },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var statement = await StatementAsync((await created.ReadJsonAsync()).GetProperty("id").GetInt64(), "The harbour reopens on Monday.");

        foreach (var q in new[] { "Aliasákis", "Αλιασάκης", "Wałęsowski" })
        {
            Assert.Equal([statement], (await SearchAsync("q=" + Uri.EscapeDataString(q))).Select(h => h.GetProperty("id").GetInt64()));
        }
        // The escapes the aliases were once stored with are no words of theirs.
        Assert.Empty(await SearchAsync("q=u00e1kis"));
    }

    [Fact]
    public async Task AWordWithAMinusIsLeftOut()
    {
        var official = await OfficialAsync("minus-speaker", "Minus Speaker");
        var both = await StatementAsync(official, "Zeppelin talks with the Krakatoa delegation resume.");
        var one = await StatementAsync(official, "Zeppelin talks alone resume.");
        var phrase = await StatementAsync(official, "Zeppelin talks under the volcano rules resume.");

        Assert.Equal([one, phrase], (await SearchAsync("q=zeppelin%20-krakatoa&sort=id")).Select(h => h.GetProperty("id").GetInt64()));
        Assert.Equal([both, one], (await SearchAsync("q=zeppelin%20-%22volcano%20rules%22&sort=id")).Select(h => h.GetProperty("id").GetInt64()));
        Assert.Equal([one], (await SearchAsync("q=zeppelin%20-krakatoa%20-volcano&sort=id")).Select(h => h.GetProperty("id").GetInt64()));
        // A hyphen inside a word is no exclusion.
        Assert.Equal([both], (await SearchAsync("q=zeppelin-talks%20krakatoa")).Select(h => h.GetProperty("id").GetInt64()));
    }

    [Theory]
    [InlineData("-krakatoa")]
    [InlineData("zeppelin OR -krakatoa")]
    [InlineData("(-krakatoa)")]
    public async Task AWordWithAMinusAndNothingToLeaveItOutOfIsABadRequest(string q)
    {
        var response = await reader.GetAsync("/api/v1/statements?q=" + Uri.EscapeDataString(q));

        Assert.Contains("needs words to match before it", (await response.AssertInvalidAsync("q")).GetProperty("errors").GetProperty("q")[0].GetString());
    }

    [Theory]
    [InlineData("—")]
    [InlineData("¿ 。")]
    [InlineData("😀")]
    [InlineData("*")]
    public async Task ASearchWithNoWordInItIsABadRequest(string q)
    {
        var response = await reader.GetAsync("/api/v1/statements?format=csv&q=" + Uri.EscapeDataString(q));

        Assert.Contains("has no word in it", (await response.AssertInvalidAsync("q")).GetProperty("errors").GetProperty("q")[0].GetString());
    }

    [Fact]
    public async Task PhrasePrefixCyrillicAndDiacriticQueriesWork()
    {
        var official = await OfficialAsync("cyrillic-speaker", "Mikhail Galuzin", "Михаил Галузин");
        var phrase = await StatementAsync(official, "Hyperborean stability matters to everyone.");
        await StatementAsync(official, "Stability of hyperborean markets matters.");
        var original = await StatementAsync(official, "We discussed the plutonium agreement.", originalText: "Мы обсудили соглашение по плутонию.");
        var accented = await StatementAsync(official, "The talks in Genève on xylophones went well.");

        Assert.Equal([phrase], (await SearchAsync("q=%22hyperborean%20stability%22")).Select(h => h.GetProperty("id").GetInt64()));
        Assert.Equal(2, (await SearchAsync("q=hyperbor*")).Length);
        Assert.Equal([original], (await SearchAsync("q=" + Uri.EscapeDataString("соглашение"))).Select(h => h.GetProperty("id").GetInt64()));
        Assert.Equal(4, (await SearchAsync("q=" + Uri.EscapeDataString("Галузин"))).Length);
        Assert.Equal([accented], (await SearchAsync("q=geneve%20xylophones")).Select(h => h.GetProperty("id").GetInt64()));
        Assert.Equal([accented], (await SearchAsync("q=" + Uri.EscapeDataString("Genève xylophones"))).Select(h => h.GetProperty("id").GetInt64()));
    }

    [Fact]
    public async Task RenamingAnOfficialKeepsTheSearchIndexInStep()
    {
        var official = await OfficialAsync("renamed-speaker", "Oldname Person");
        var statement = await StatementAsync(official, "Words worth finding.");
        Assert.Single(await SearchAsync("q=oldname"));

        var patched = await writer.PatchMergeAsync($"/api/v1/officials/{official}", """{"name":"Newname Person"}""");
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);

        Assert.Empty(await SearchAsync("q=oldname"));
        Assert.Equal(statement, Assert.Single(await SearchAsync("q=newname")).GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task SearchCombinesWithFiltersAndPagesInRankOrder()
    {
        var official = await OfficialAsync("paged-search-speaker", "Paged Search");
        var other = await OfficialAsync("other-search-speaker", "Other Search");
        var expected = new HashSet<long>();
        for (var i = 0; i < 12; i++)
        {
            expected.Add(await StatementAsync(official, string.Join(' ', Enumerable.Repeat("marmalade", i + 1)) + $" item {i} and some filler words"));
            await StatementAsync(other, $"marmalade elsewhere {i}");
        }

        var seen = new List<long>();
        string? next = "/api/v1/statements?q=marmalade&official=paged-search-speaker&limit=5";
        while (next is not null)
        {
            var page = await (await reader.GetAsync(next)).ReadJsonAsync();
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(s => s.GetProperty("id").GetInt64()));
            next = page.TryGetProperty("next", out var n) ? n.GetString() : null;
        }

        Assert.Equal(expected.Order(), seen.Order());
        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Equal(expected.Max(), seen[0]);
        var newest = await SearchAsync("q=marmalade&official=paged-search-speaker&sort=-id&limit=3");
        Assert.Equal(expected.Order().TakeLast(3).Reverse(), newest.Select(s => s.GetProperty("id").GetInt64()));
    }

    [Fact]
    public async Task SortingByRelevanceNeedsASearch()
    {
        await (await reader.GetAsync("/api/v1/statements?sort=relevance")).AssertInvalidAsync("sort");
    }
}
