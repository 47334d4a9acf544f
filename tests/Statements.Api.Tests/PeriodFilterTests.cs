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

    [Theory]
    [InlineData("to=11/30/2021", "to")]
    [InlineData("to=30.11.2021", "to")]
    [InlineData("from=Nov%202021", "from")]
    [InlineData("from=2021-11-01T00:00:00", "from")]
    [InlineData("from=%202021-11-01", "from")]
    [InlineData("from=2021-7-1", "from")]
    [InlineData("from=2021-12&to=2021-11", "to")]
    public async Task SourceDateFiltersTakeOnlyTheStatementListsForms(string query, string field)
    {
        await (await reader.GetAsync($"/api/v1/sources?{query}")).AssertInvalidAsync(field);
    }

    [Fact]
    public async Task SourceDateFiltersTakeMonthsAndYearsAsWholePeriods()
    {
        var writer = factory.CreateWriter();
        var publisher = $"Periods {Guid.NewGuid():N}";
        foreach (var (title, day) in new[] { ("October", "2021-10-31"), ("Late November", "2021-11-30"), ("December", "2021-12-01") })
        {
            var created = await writer.PostJsonAsync("/api/v1/sources", new { title, publisher, publishedOn = day });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        async Task<string[]> TitlesAsync(string filter) =>
            [.. (await (await reader.GetAsync($"/api/v1/sources?publisher={Uri.EscapeDataString(publisher)}&{filter}")).ReadJsonAsync())
                .GetProperty("items").EnumerateArray().Select(s => s.GetProperty("title").GetString()!)];

        Assert.Equal(["October", "Late November"], await TitlesAsync("to=2021-11"));
        Assert.Equal(["Late November", "December"], await TitlesAsync("from=2021-11"));
        Assert.Equal(["Late November"], await TitlesAsync("from=2021-11&to=2021-11"));
        Assert.Equal(["October", "Late November", "December"], await TitlesAsync("from=2021&to=2021"));
        Assert.Equal(["October", "Late November", "December"], await TitlesAsync("to=9999-12"));
    }

    [Theory]
    [InlineData("11/30/2021")]
    [InlineData("Nov 2021")]
    [InlineData("2021-11-30")]
    [InlineData("2021-11-30T10:00:00")]
    [InlineData("2021-11-30 10:00:00Z")]
    [InlineData("30 Nov 2021 10:00:00 GMT")]
    [InlineData("2021-11-30T10:00:00+0200")]
    public async Task UpdatedSinceTakesOnlyAnIso8601TimestampWithAZone(string value)
    {
        foreach (var url in new[] { "/api/v1/statements", "/api/v1/stats/statements?groupBy=kind" })
        {
            var separator = url.Contains('?') ? '&' : '?';
            await (await reader.GetAsync($"{url}{separator}updatedSince={Uri.EscapeDataString(value)}")).AssertInvalidAsync("updatedSince");
        }
    }

    [Fact]
    public async Task AnOffsetWhosePlusArrivedAsASpaceIsExplained()
    {
        // Typed into a URL unencoded, the + of +02:00 arrives as a space.
        var problem = await (await reader.GetAsync("/api/v1/statements?updatedSince=2021-11-30T10:00:00+02:00")).AssertInvalidAsync("updatedSince");

        Assert.Contains("%2B", problem.GetProperty("errors").GetProperty("updatedSince")[0].GetString());
    }

    [Theory]
    [InlineData("2000-01-01T00:00:00Z", true)]
    [InlineData("2000-01-01T00:00Z", true)]
    [InlineData("2000-01-01t02:00:00.1234567+02:00", true)]
    [InlineData("9999-12-31T23:59:59Z", false)]
    public async Task UpdatedSinceTakesZAndOffsets(string value, bool findsStatements)
    {
        var response = await reader.GetAsync($"/api/v1/statements?updatedSince={Uri.EscapeDataString(value)}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(findsStatements, (await response.ReadJsonAsync()).GetProperty("items").GetArrayLength() > 0);
    }
}
