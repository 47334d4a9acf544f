using System.Net;

namespace Statements.Api.Tests;

/// <summary>The from and to date filters of the statement list, its exports, statistics and the meeting list.</summary>
public sealed class PeriodFilterTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient reader = factory.CreateClient();

    public static TheoryData<string> ExtremePeriods => new()
    {
        "/api/v1/statements?to=9999-12", "/api/v1/statements?from=9999-12", "/api/v1/statements?from=0001-01&to=9999-12",
        "/api/v1/statements?to=9999", "/api/v1/statements?to=9999-12-31", "/api/v1/statements?from=0001",
        "/api/v1/statements?to=9999-12&format=csv", "/api/v1/statements?to=9999-12&format=ndjson",
        "/api/v1/stats/statements?groupBy=month&to=9999-12", "/api/v1/stats/statements?groupBy=year&from=9999-12",
        "/api/v1/meetings?to=9999-12", "/api/v1/meetings?from=9999-12", "/api/v1/meetings?to=9999-12&format=csv",
        "/api/v1/officials/sergei-lavrov/statements?to=9999-12",
    };

    [Theory]
    [MemberData(nameof(ExtremePeriods))]
    public async Task PeriodsAtTheEndsOfTheCalendarAreAnswered(string url)
    {
        var response = await reader.GetAsync(url);

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    [Fact]
    public async Task ToTheLastMonthOfTheCalendarFindsEveryStatement()
    {
        var all = await (await reader.GetAsync("/api/v1/statements?count=true&limit=1")).ReadJsonAsync();
        var upTo = await (await reader.GetAsync("/api/v1/statements?count=true&limit=1&to=9999-12")).ReadJsonAsync();

        Assert.Equal(all.GetProperty("total").GetInt64(), upTo.GetProperty("total").GetInt64());
    }

    [Theory]
    [InlineData("/api/v1/statements?from=2021-07&to=2021-06")]
    [InlineData("/api/v1/statements?from=2021-06-17&to=2021-06-16")]
    [InlineData("/api/v1/statements?from=2022&to=2021-12-31&format=csv")]
    [InlineData("/api/v1/officials/sergei-lavrov/statements?from=2022&to=2021")]
    [InlineData("/api/v1/stats/statements?groupBy=month&from=2021-07&to=2021-06")]
    [InlineData("/api/v1/meetings?from=2021-07&to=2021-06")]
    public async Task AToBeforeFromIsABadRequestNamingTo(string url)
    {
        var problem = await (await reader.GetAsync(url)).AssertInvalidAsync("to");

        Assert.Contains("before from", problem.GetProperty("errors").GetProperty("to")[0].GetString());
    }

    [Theory]
    [InlineData("/api/v1/statements?from=2021-06&to=2021-06")]
    [InlineData("/api/v1/statements?from=2021-06-16&to=2021-06")]
    [InlineData("/api/v1/statements?from=2021-06&to=2021-06-01")]
    [InlineData("/api/v1/meetings?from=2021&to=2021-01")]
    public async Task PeriodsThatOverlapAreAnswered(string url)
    {
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync(url)).StatusCode);
    }
}
