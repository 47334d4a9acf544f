using System.Net;

namespace Statements.Api.Tests;

/// <summary>A query parameter given with an empty value, as an HTML form sends a blank field, counts as absent everywhere.</summary>
public sealed class EmptyQueryValueTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient reader = factory.CreateClient();

    /// <summary>Every query parameter of the lists, statistics and the changes feed, with the URL it is added to.</summary>
    public static TheoryData<string, string> ParametersOfEveryList()
    {
        var data = new TheoryData<string, string>();
        void Add(string url, params string[] parameters)
        {
            foreach (var parameter in parameters)
            {
                data.Add(url, parameter);
            }
        }
        string[] statementFilters =
        [
            "official", "topic", "meeting", "source", "kind", "language", "country", "from", "to", "q", "updatedSince",
            "relatedTo", "relation",
        ];
        Add("/api/v1/statements", [.. statementFilters, "sort", "include", "limit", "cursor", "count", "format"]);
        Add("/api/v1/officials/sergei-lavrov/statements", "from", "to", "updatedSince", "kind", "limit", "cursor", "format");
        Add("/api/v1/topics/strategic-stability/statements", "from", "q", "cursor");
        Add("/api/v1/meetings/geneva-summit-2021/statements", "to", "sort", "limit");
        Add("/api/v1/stats/statements?groupBy=kind", [.. statementFilters, "format"]);
        Add("/api/v1/changes", "after", "limit", "resource");
        Add("/api/v1/officials", "country", "q", "limit", "cursor", "format");
        Add("/api/v1/topics", "parent", "root", "q", "limit", "cursor", "format");
        Add("/api/v1/meetings", "kind", "participant", "topic", "country", "from", "to", "limit", "cursor", "format");
        Add("/api/v1/officials/sergei-lavrov/meetings", "from", "to", "kind", "limit", "cursor");
        Add("/api/v1/sources", "publisher", "language", "from", "to", "url", "q", "limit", "cursor", "format");
        Add("/api/v1/statements/1/revisions", "limit", "cursor");
        Add("/api/v1/statements/1", "include");
        return data;
    }

    [Theory]
    [MemberData(nameof(ParametersOfEveryList))]
    public async Task AParameterWithAnEmptyValueIsAnsweredAsIfItWereAbsent(string url, string parameter)
    {
        var separator = url.Contains('?') ? '&' : '?';
        var without = await reader.GetAsync(url);
        var empty = await reader.GetAsync($"{url}{separator}{parameter}=");

        var body = await empty.Content.ReadAsStringAsync();
        Assert.True(empty.StatusCode == HttpStatusCode.OK, $"{parameter}= on {url}: {(int)empty.StatusCode} {body}");
        Assert.Equal(await without.Content.ReadAsStringAsync(), body);
    }

    [Theory]
    [MemberData(nameof(ParametersOfEveryList))]
    public async Task AParameterListingNoValueIsABadRequestNamingIt(string url, string parameter)
    {
        var separator = url.Contains('?') ? '&' : '?';
        var problem = await (await reader.GetAsync($"{url}{separator}{parameter}=,%20,")).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("lists no value", problem.GetProperty("errors").GetProperty(parameter)[0].GetString());
    }

    [Fact]
    public async Task EmptyValuesBesideGivenOnesAreLeftOutOfTheFilterAndTheNextLink()
    {
        var given = await (await reader.GetAsync("/api/v1/statements?official=sergei-lavrov&limit=2")).ReadJsonAsync();

        var response = await reader.GetAsync("/api/v1/statements?official=&official=sergei-lavrov&from=&to=&kind=&limit=2&q=&cursor=");

        var withEmpty = await response.ReadJsonAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(given.GetProperty("items").GetRawText(), withEmpty.GetProperty("items").GetRawText());
        var next = withEmpty.GetProperty("next").GetString()!;
        Assert.Equal(given.GetProperty("next").GetString(), next);
        Assert.DoesNotContain("from=", next);
        Assert.Equal($"<{next}>; rel=\"next\"", Assert.Single(response.Headers.GetValues("Link")));
    }

    [Fact]
    public async Task AnEmptyValueDoesNotCountAsASecondValue()
    {
        var once = await reader.GetAsync("/api/v1/officials?q=Lavrov");
        var withEmpty = await reader.GetAsync("/api/v1/officials?q=&q=Lavrov");

        Assert.Equal(HttpStatusCode.OK, withEmpty.StatusCode);
        Assert.Equal(await once.Content.ReadAsStringAsync(), await withEmpty.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/api/v1/statements?offical=", "offical")]
    [InlineData("/api/v1/stats/statements?groupBy=kind&sort=", "sort")]
    [InlineData("/api/v1/officials/sergei-lavrov/statements?official=", "official")]
    public async Task AnEmptyValueDoesNotMakeAParameterTheOperationDoesNotTakeAcceptable(string url, string parameter)
    {
        await (await reader.GetAsync(url)).AssertInvalidAsync(parameter);
    }

    [Fact]
    public async Task StatisticsWithAnEmptyGroupByStillAskForIt()
    {
        await (await reader.GetAsync("/api/v1/stats/statements?groupBy=&from=")).AssertInvalidAsync("groupBy");
    }
}
