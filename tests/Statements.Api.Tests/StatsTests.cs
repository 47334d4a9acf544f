using System.Net;
using System.Text.Json;

namespace Statements.Api.Tests;

public sealed class StatsTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static readonly string[] GroupBys = ["official", "topic", "meeting", "country", "kind", "language", "year", "month"];

    private readonly HttpClient writer = factory.CreateWriter();
    private readonly HttpClient reader = factory.CreateClient();

    private async Task<long> CreateAsync(string url, object body)
    {
        var response = await writer.PostJsonAsync(url, body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.ReadJsonAsync()).GetProperty("id").GetInt64();
    }

    /// <summary>Three speakers (one without a country), a small topic tree, a meeting, and statements spread over them.</summary>
    private async Task SeedAsync(string tag)
    {
        var a = await CreateAsync("/api/v1/officials", new { slug = $"anna-{tag}", name = $"Anna {tag}", country = "DE" });
        var b = await CreateAsync("/api/v1/officials", new { slug = $"bruno-{tag}", name = $"Bruno {tag}", country = "BR" });
        var c = await CreateAsync("/api/v1/officials", new { slug = $"clara-{tag}", name = $"Clara {tag}" });
        var parent = await CreateAsync("/api/v1/topics", new { slug = $"parent-{tag}", name = $"Parent {tag}" });
        var child = await CreateAsync("/api/v1/topics", new { slug = $"child-{tag}", name = $"Child {tag}", parentId = parent });
        var other = await CreateAsync("/api/v1/topics", new { slug = $"other-{tag}", name = $"Other {tag}" });
        var meeting = await CreateAsync("/api/v1/meetings", new { slug = $"meeting-{tag}", title = $"Meeting {tag}", kind = "conference", startsOn = "2021-06-01" });

        async Task StatementAsync(long officialId, string kind, string language, string saidOn, long[] topicIds,
            long? meetingId = null, string precision = "day", string text = "Words")
        {
            await CreateAsync("/api/v1/statements", new
            {
                officialId, text = $"{text} {tag} {Guid.NewGuid():N}", kind, language, saidOn, saidOnPrecision = precision, topicIds, meetingId,
            });
        }
        await StatementAsync(a, "quote", "en", "2021-06-16", [child], meeting);
        await StatementAsync(a, "paraphrase", "en", "2021-06-20", [parent, other], meeting);
        await StatementAsync(a, "quote", "fr", "2020-03-15", [], precision: "month", text: "Sanctions");
        await StatementAsync(a, "quote", "en", "2019-05-05", [other], precision: "year");
        await StatementAsync(b, "paraphrase", "pt", "2021-02-10", [child, other], text: "Sanctions");
        await StatementAsync(b, "quote", "en", "2021-06-16", [parent]);
        await StatementAsync(c, "quote", "en", "2018-12-31", [], meeting);
    }

    private async Task<JsonElement> StatsAsync(string query)
    {
        var response = await reader.GetAsync($"/api/v1/stats/statements?{query}");
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{query}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.ReadJsonAsync();
    }

    private static List<(string Key, string Label, long Count)> Groups(JsonElement stats) =>
        [.. stats.GetProperty("items").EnumerateArray()
            .Select(g => (g.GetProperty("key").GetString()!, g.GetProperty("label").GetString()!, g.GetProperty("count").GetInt64()))];

    /// <summary>Every statement the list returns for the filters, walking its pages.</summary>
    private async Task<List<JsonElement>> WalkListAsync(string filters)
    {
        var statements = new List<JsonElement>();
        string? url = $"/api/v1/statements?{filters}&include=official,meeting,topics&limit=7";
        while (url is not null)
        {
            var page = await (await reader.GetAsync(url)).ReadJsonAsync();
            statements.AddRange(page.GetProperty("items").EnumerateArray());
            url = page.TryGetProperty("next", out var next) ? next.GetString() : null;
        }
        return statements;
    }

    /// <summary>The groups worked out by hand from the list, ordered as the endpoint promises.</summary>
    private static List<(string Key, string Label, long Count)> Expected(List<JsonElement> statements, string groupBy)
    {
        static string? Text(JsonElement e, string name) => e.TryGetProperty(name, out var v) ? v.GetString() : null;
        IEnumerable<(string, string)> Of(JsonElement s)
        {
            var official = s.GetProperty("official");
            var saidOn = Text(s, "saidOn")!;
            return groupBy switch
            {
                "official" => [(Text(official, "slug")!, Text(official, "name")!)],
                "topic" => s.GetProperty("topics").GetArrayLength() == 0
                    ? [("", "(none)")]
                    : s.GetProperty("topics").EnumerateArray().Select(t => (Text(t, "slug")!, Text(t, "name")!)),
                "meeting" => s.TryGetProperty("meeting", out var m) ? [(Text(m, "slug")!, Text(m, "title")!)] : [("", "(none)")],
                "country" => Text(official, "country") is { Length: > 0 } country ? [(country, country)] : [("", "(none)")],
                "kind" => [(Text(s, "kind")!, Text(s, "kind")!)],
                "language" => [(Text(s, "language")!, Text(s, "language")!)],
                "year" => [(saidOn[..4], saidOn[..4])],
                "month" => Text(s, "saidOnPrecision") == "year" ? [("", "(month not known)")] : [(saidOn[..7], saidOn[..7])],
                _ => throw new ArgumentOutOfRangeException(nameof(groupBy)),
            };
        }
        var groups = statements.SelectMany(Of).GroupBy(g => g).Select(g => (g.Key.Item1, g.Key.Item2, (long)g.Count()));
        return groupBy is "year" or "month"
            ? [.. groups.OrderBy(g => g.Item1, StringComparer.Ordinal)]
            : [.. groups.OrderByDescending(g => g.Item3).ThenBy(g => g.Item1, StringComparer.Ordinal)];
    }

    [Fact]
    public async Task CountsAgreeExactlyWithWalkingTheFilteredList()
    {
        await SeedAsync("agree");
        string[] filters =
        [
            "",
            "official=anna-agree",
            "official=anna-agree,bruno-agree&kind=paraphrase",
            "topic=parent-agree",
            "topic=child-agree&topic=other-agree",
            "meeting=meeting-agree",
            "kind=quote",
            "language=en&language=pt",
            "country=DE",
            "country=RU",
            "from=2020&to=2021-06",
            "q=sanctions",
            "topic=parent-agree&from=2021-03",
        ];
        foreach (var filter in filters)
        {
            var statements = await WalkListAsync(filter);
            foreach (var groupBy in GroupBys)
            {
                var stats = await StatsAsync($"groupBy={groupBy}&{filter}");

                Assert.Equal(groupBy, stats.GetProperty("groupBy").GetString());
                Assert.Equal(statements.Count, stats.GetProperty("total").GetInt64());
                var groups = Groups(stats);
                Assert.True(Expected(statements, groupBy).SequenceEqual(groups), $"groupBy={groupBy}&{filter}: {stats}");
                var sum = groups.Sum(g => g.Count);
                Assert.True(groupBy == "topic" ? sum >= statements.Count : sum == statements.Count, $"groupBy={groupBy}&{filter}: sum {sum}");
            }
        }
    }

    [Fact]
    public async Task GroupsAreLabelledAndOrderedAsDocumented()
    {
        await SeedAsync("order");

        var months = Groups(await StatsAsync("groupBy=month&official=anna-order"));
        var years = Groups(await StatsAsync("groupBy=year&official=anna-order"));
        var topics = await StatsAsync("groupBy=topic&official=anna-order");
        var meetings = Groups(await StatsAsync("groupBy=meeting&official=anna-order"));
        var countries = Groups(await StatsAsync("groupBy=country&topic=parent-order"));
        var speakers = Groups(await StatsAsync("groupBy=official&topic=child-order"));

        Assert.Equal([("", "(month not known)", 1L), ("2020-03", "2020-03", 1L), ("2021-06", "2021-06", 2L)], months);
        Assert.Equal([("2019", "2019", 1L), ("2020", "2020", 1L), ("2021", "2021", 2L)], years);
        // A statement counts under each of its topics, so the groups add up to more than the total.
        Assert.Equal([("other-order", "Other order", 2L), ("", "(none)", 1L), ("child-order", "Child order", 1L), ("parent-order", "Parent order", 1L)],
            Groups(topics));
        Assert.Equal(4, topics.GetProperty("total").GetInt64());
        Assert.Equal([("", "(none)", 2L), ("meeting-order", "Meeting order", 2L)], meetings);
        Assert.Equal([("BR", "BR", 2L), ("DE", "DE", 2L)], countries);
        Assert.Equal([("anna-order", "Anna order", 1L), ("bruno-order", "Bruno order", 1L)], speakers);
        Assert.Equal([("", "(none)", 1L)], Groups(await StatsAsync("groupBy=country&official=clara-order")));
    }

    [Fact]
    public async Task NoMatchingStatementsGiveNoGroupsAndATotalOfZero()
    {
        var stats = await StatsAsync("groupBy=official&from=1900&to=1900");

        Assert.Empty(stats.GetProperty("items").EnumerateArray());
        Assert.Equal(0, stats.GetProperty("total").GetInt64());
    }

    [Theory]
    [InlineData("", "groupBy")]
    [InlineData("groupBy=", "groupBy")]
    [InlineData("groupBy=week", "groupBy")]
    [InlineData("groupBy=kind&sort=-id", "sort")]
    [InlineData("groupBy=kind&include=official", "include")]
    [InlineData("groupBy=kind&limit=10", "limit")]
    [InlineData("groupBy=kind&cursor=abc", "cursor")]
    [InlineData("groupBy=kind&official=nobody-at-all", "official")]
    [InlineData("groupBy=kind&kind=rumour", "kind")]
    [InlineData("groupBy=kind&from=June", "from")]
    [InlineData("groupBy=kind&country=Russia", "country")]
    [InlineData("groupBy=kind&q=%22unclosed", "q")]
    public async Task InvalidStatsRequestsAreRejectedNamingTheField(string query, string field)
    {
        var response = await reader.GetAsync($"/api/v1/stats/statements?{query}");

        await response.AssertInvalidAsync(field);
    }

    [Fact]
    public async Task TheOpenApiDocumentOffersTheListFiltersButNotItsPaging()
    {
        var document = await (await reader.GetAsync("/swagger/v1/swagger.json")).ReadJsonAsync();
        var operation = document.GetProperty("paths").GetProperty("/api/v1/stats/statements").GetProperty("get");
        var parameters = operation.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToList();

        Assert.Equal("statementStats", operation.GetProperty("operationId").GetString());
        Assert.Contains("groupBy", parameters);
        Assert.Contains("topic", parameters);
        Assert.Contains("updatedSince", parameters);
        Assert.DoesNotContain("sort", parameters);
        Assert.DoesNotContain("include", parameters);
        Assert.DoesNotContain("limit", parameters);
        Assert.DoesNotContain("cursor", parameters);
        Assert.Contains(document.GetProperty("tags").EnumerateArray(), t => t.GetProperty("name").GetString() == "Stats");
    }

    [Theory]
    [InlineData("month", "format=csv", null)]
    [InlineData("official", "", "text/csv")]
    [InlineData("topic", "format=csv", "application/json")]
    public async Task StatsComeAsCsvWithKeyLabelAndCount(string groupBy, string query, string? accept)
    {
        await SeedAsync($"csv-{groupBy}");
        var json = await (await reader.GetAsync($"/api/v1/stats/statements?groupBy={groupBy}")).ReadJsonAsync();
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/stats/statements?groupBy={groupBy}&{query}");
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        var response = await reader.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        using var csv = CsvHelper.CsvReader.FromText(await response.Content.ReadAsStringAsync(), CsvHelper.CsvReaderOptions.Default);
        var rows = new List<(string, string, long)>();
        while (csv.Read())
        {
            rows.Add((csv.GetString("key"), csv.GetString("label"), long.Parse(csv.GetString("count"), System.Globalization.CultureInfo.InvariantCulture)));
        }
        Assert.Equal(
            json.GetProperty("items").EnumerateArray().Select(g => (g.GetProperty("key").GetString()!, g.GetProperty("label").GetString()!, g.GetProperty("count").GetInt64())),
            rows);
        Assert.NotEmpty(rows);
    }

    [Fact]
    public async Task TheDocumentOffersStatsAsCsv()
    {
        var document = await (await reader.GetAsync("/swagger/v1/swagger.json")).ReadJsonAsync();
        var operation = document.GetProperty("paths").GetProperty("/api/v1/stats/statements").GetProperty("get");

        var format = operation.GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "format");
        Assert.Contains("key, label and count", format.GetProperty("description").GetString());
        Assert.True(operation.GetProperty("responses").GetProperty("200").GetProperty("content").TryGetProperty("text/csv", out _));
    }
}
