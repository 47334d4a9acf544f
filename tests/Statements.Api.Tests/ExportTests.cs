using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using CsvHelper;
using Microsoft.AspNetCore.WebUtilities;

namespace Statements.Api.Tests;

public sealed class ExportTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient writer = factory.CreateWriter();
    private readonly HttpClient reader = factory.CreateClient();

    private static readonly string[] AwkwardTexts =
    [
        "Commas, \"quotes\" and a line\nbreak, all in one.",
        "Мы за всеобъемлющий подход, сказал он.",
        "Trailing spaces and a \r\nCRLF  ",
        "=SUM(1,2) is not a formula here; 'single' quotes too",
    ];

    private async Task<long> SeedAsync(string slug, int count)
    {
        var official = await writer.PostJsonAsync("/api/v1/officials", new { slug, name = "Анна Export, Jr.", country = "RU" });
        var officialId = (await official.ReadJsonAsync()).GetProperty("id").GetInt64();
        var topic = await writer.PostJsonAsync("/api/v1/topics", new { slug = slug + "-topic", name = "Export topic" });
        var topicId = (await topic.ReadJsonAsync()).GetProperty("id").GetInt64();
        for (var i = 0; i < count; i++)
        {
            var response = await writer.PostJsonAsync("/api/v1/statements", new
            {
                officialId,
                text = AwkwardTexts[i % AwkwardTexts.Length] + $" #{i}",
                kind = i % 2 == 0 ? "quote" : "paraphrase",
                language = "en",
                saidOn = new DateOnly(2020, 1, 1).AddDays(i).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                context = i % 3 == 0 ? null : "Briefing, Moscow",
                topicIds = i % 2 == 0 ? new[] { topicId } : [],
            });
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }
        return officialId;
    }

    private async Task<List<JsonElement>> JsonItemsAsync(string query)
    {
        var items = new List<JsonElement>();
        string? next = "/api/v1/statements?limit=500&" + query;
        while (next is not null)
        {
            var page = await (await reader.GetAsync(next)).ReadJsonAsync();
            items.AddRange(page.GetProperty("items").EnumerateArray());
            next = page.TryGetProperty("next", out var n) ? n.GetString() : null;
        }
        return items;
    }

    private static string? Text(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) ? value.ValueKind == JsonValueKind.Number ? value.GetRawText() : value.GetString() : null;

    [Fact]
    public async Task CsvHasOneRowPerStatementMatchingTheJsonFieldByField()
    {
        await SeedAsync("csv-speaker", 12);
        // Without sort, an export streams in id order.
        var expected = await JsonItemsAsync("official=csv-speaker&sort=id");

        var response = await reader.GetAsync("/api/v1/statements?official=csv-speaker&format=csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        using var csv = CsvReader.FromText(await response.Content.ReadAsStringAsync(), CsvReaderOptions.Default);
        var rows = 0;
        while (csv.Read())
        {
            var item = expected[rows++];
            Assert.Equal(Text(item, "id"), csv.GetString("id"));
            Assert.Equal(Text(item, "text"), csv.GetString("text"));
            Assert.Equal(Text(item, "kind"), csv.GetString("kind"));
            Assert.Equal(Text(item, "saidOn"), csv.GetString("saidOn"));
            Assert.Equal(Text(item, "context") ?? "", csv.GetString("context"));
            Assert.Equal(item.GetProperty("official").GetProperty("slug").GetString(), csv.GetString("officialSlug"));
            Assert.Equal(item.GetProperty("official").GetProperty("name").GetString(), csv.GetString("officialName"));
            Assert.Equal(string.Join('|', item.GetProperty("topics").EnumerateArray().Select(t => t.GetProperty("slug").GetString())), csv.GetString("topics"));
            Assert.Equal(Text(item, "updatedAt"), csv.GetString("updatedAt"));
        }
        Assert.Equal(expected.Count, rows);
    }

    [Fact]
    public async Task EveryCsvColumnMatchesTheJsonInAnyOrder()
    {
        var official = await writer.PostJsonAsync("/api/v1/officials", new
        {
            slug = "csv-columns-speaker",
            name = "Csv \"Columns\", Speaker",
            country = "FR",
            roles = new object[]
            {
                new { title = "Minister, \"of\" Finance", organization = "Government", start = "2010-01-01", end = "2014-12-31" },
                // Held during 2014 as a year, not on its first day.
                new { title = "Prime Minister", organization = "Government", start = "2014-06-01" },
            },
        });
        var officialId = (await official.ReadJsonAsync()).GetProperty("id").GetInt64();
        // Names whose order differs from the slugs' and, by UTF-8 bytes, from a culture's.
        var topicIds = new List<long>();
        foreach (var name in new[] { "zebra", "Ärger", "Mango" })
        {
            var topic = await writer.PostJsonAsync("/api/v1/topics", new { slug = $"csv-columns-{topicIds.Count}", name });
            topicIds.Add((await topic.ReadJsonAsync()).GetProperty("id").GetInt64());
        }
        var meeting = await writer.PostJsonAsync("/api/v1/meetings", new { slug = "csv-columns-meeting", title = "Columns", kind = "other", startsOn = "2016-02-02" });
        var meetingId = (await meeting.ReadJsonAsync()).GetProperty("id").GetInt64();
        var source = await writer.PostJsonAsync("/api/v1/sources", new { title = "Columns", url = "https://example.org/a,b?c=\"d\"" });
        var sourceId = (await source.ReadJsonAsync()).GetProperty("id").GetInt64();
        string[] texts = ["Tab\there, a back\\slash, \"quotes\" and\nlines", "Эмодзи 😀 и кавычки «»", "plain"];
        for (var i = 0; i < 9; i++)
        {
            var response = await writer.PostJsonAsync("/api/v1/statements", new
            {
                officialId,
                text = texts[i % 3] + $" {i}",
                kind = "quote",
                language = "en",
                originalText = i % 2 == 0 ? "Оригинал, \"текст\"\r\nи строка" : null,
                originalLanguage = i % 2 == 0 ? "ru" : null,
                // Dates out of id order, some before any role, some as a month or year only.
                saidOn = new[] { "2016-05-01", "2009-03-03", "2012-01-01", "2014-01-01", "2015-07-01" }[i % 5],
                saidOnPrecision = new[] { "day", "month", "year" }[i % 3],
                context = i % 3 == 0 ? null : "Briefing,\n\"Paris\"",
                meetingId = i % 2 == 0 ? meetingId : (long?)null,
                sourceId = i % 3 == 0 ? (long?)null : sourceId,
                topicIds = topicIds.Take(i % 4).ToArray(),
            });
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }

        foreach (var sort in new[] { "id", "-saidOn" })
        {
            var expected = await JsonItemsAsync($"official=csv-columns-speaker&sort={sort}");
            using var csv = CsvReader.FromText(await reader.GetStringAsync($"/api/v1/statements?official=csv-columns-speaker&sort={sort}&format=csv"), CsvReaderOptions.Default);
            var rows = 0;
            while (csv.Read())
            {
                var item = expected[rows++];
                foreach (var field in new[] { "id", "kind", "text", "language", "originalText", "originalLanguage", "saidOn", "saidOnPrecision", "context", "meetingId", "sourceId", "createdAt", "updatedAt", "version" })
                {
                    Assert.Equal(Text(item, field) ?? "", csv.GetString(field));
                }
                Assert.Equal(officialId.ToString(System.Globalization.CultureInfo.InvariantCulture), csv.GetString("officialId"));
                Assert.Equal(item.GetProperty("official").GetProperty("slug").GetString(), csv.GetString("officialSlug"));
                Assert.Equal(item.GetProperty("official").GetProperty("name").GetString(), csv.GetString("officialName"));
                var role = item.TryGetProperty("speakerRole", out var r) ? r : default;
                Assert.Equal(role.ValueKind == JsonValueKind.Object ? role.GetProperty("title").GetString() : "", csv.GetString("speakerRoleTitle"));
                Assert.Equal(role.ValueKind == JsonValueKind.Object ? role.GetProperty("organization").GetString() : "", csv.GetString("speakerRoleOrganization"));
                Assert.Equal(item.TryGetProperty("meetingId", out _) ? "csv-columns-meeting" : "", csv.GetString("meetingSlug"));
                Assert.Equal(item.TryGetProperty("sourceId", out _) ? "https://example.org/a,b?c=\"d\"" : "", csv.GetString("sourceUrl"));
                Assert.Equal(string.Join('|', item.GetProperty("topics").EnumerateArray().Select(t => t.GetProperty("slug").GetString())), csv.GetString("topics"));
            }
            Assert.Equal(9, rows);
        }
    }

    [Fact]
    public async Task NdjsonLinesAreTheJsonItems()
    {
        await SeedAsync("ndjson-speaker", 7);
        var expected = await JsonItemsAsync("official=ndjson-speaker&sort=id");

        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/statements?official=ndjson-speaker");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/x-ndjson"));
        var response = await reader.SendAsync(request);

        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(expected.Select(e => e.GetRawText()), lines);
    }

    [Theory]
    [InlineData("-saidOn")]
    [InlineData("updatedAt")]
    [InlineData("-id")]
    public async Task ExportsFollowAGivenSort(string sort)
    {
        var slug = "sorted-by-" + sort.TrimStart('-').ToLowerInvariant() + (sort.StartsWith('-') ? "-desc" : "");
        await SeedAsync(slug, 9);
        var expected = await JsonItemsAsync($"official={slug}&sort={sort}");

        var response = await reader.GetAsync($"/api/v1/statements?official={slug}&sort={sort}&format=ndjson");

        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(expected.Select(e => e.GetRawText()), lines);
    }

    /// <summary>
    /// The CSV export runs its query itself (RowStatement), binding the filter's parameters by name: every kind of
    /// filter, lists of several values and a ranked search give the same statements as the JSON pages, in the same order.
    /// </summary>
    [Theory]
    [InlineData("official=sergei-lavrov,antony-blinken&kind=quote,paraphrase&sort=-saidOn")]
    [InlineData("topic=us-russia-relations&language=EN&country=ru,US&sort=id")]
    [InlineData("meeting=geneva-summit-2021&source=1&from=2021&to=2021-12&sort=-id")]
    [InlineData("relatedTo=7&relation=contradicts,respondsTo&sort=updatedAt")]
    [InlineData("q=strategic%20stability&sort=relevance")]
    [InlineData("q=dialogue*&updatedSince=2000-01-01T00:00:00Z&sort=-saidOn")]
    public async Task ACsvExportHoldsTheStatementsOfTheJsonPagesForEveryFilter(string query)
    {
        var expected = (await JsonItemsAsync(query)).Select(item => item.GetProperty("id").GetRawText()).ToList();

        var csv = await reader.GetStringAsync($"/api/v1/statements?{query}&format=csv");

        Assert.NotEmpty(expected);
        Assert.Equal(expected, CsvIds(csv));
    }

    [Fact]
    public async Task ExportsStreamTheWholeResultWithoutPaging()
    {
        await SeedAsync("bulk-export-speaker", 1100);

        var csv = await reader.GetStringAsync("/api/v1/statements?official=bulk-export-speaker&format=csv");
        var ndjson = await reader.GetStringAsync("/api/v1/topics/bulk-export-speaker-topic/statements?format=ndjson");

        using var rows = CsvReader.FromText(csv, CsvReaderOptions.Default);
        var count = 0;
        while (rows.Read())
        {
            count++;
        }
        Assert.Equal(1100, count);
        Assert.Equal(550, ndjson.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task TheAcceptHeaderChoosesCsvAndAnUnknownFormatIsABadRequest()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/statements?official=sergei-lavrov");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        var response = await reader.SendAsync(request);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("id,officialId,officialSlug", await response.Content.ReadAsStringAsync());

        await (await reader.GetAsync("/api/v1/statements?format=xml")).AssertInvalidAsync("format");
        await (await reader.GetAsync("/api/v1/statements?format=csv&q=%22open")).AssertInvalidAsync("q");
        await (await reader.GetAsync("/api/v1/statements?format=csv&official=nobody-here")).AssertInvalidAsync("official");

        // A client that accepts only CSV still gets its errors as problems, typed like any other.
        var unknown = new HttpRequestMessage(HttpMethod.Get, "/api/v1/no-such-list");
        unknown.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        var problem = await (await reader.SendAsync(unknown)).AssertProblemAsync(System.Net.HttpStatusCode.NotFound);
        Assert.Equal("https://tools.ietf.org/html/rfc9110#section-15.5.5", problem.GetProperty("type").GetString());
    }

    [Theory]
    [InlineData("text/csv", "text/csv")]
    [InlineData("text/csv, */*", "text/csv")]
    [InlineData("application/json, text/csv", "application/json")]
    [InlineData("text/csv, application/json", "text/csv")]
    [InlineData("text/csv;q=0.1, application/json", "application/json")]
    [InlineData("application/json;q=0.5, application/x-ndjson", "application/x-ndjson")]
    [InlineData("application/ndjson", "application/x-ndjson")]
    [InlineData("application/jsonl", "application/x-ndjson")]
    [InlineData("text/*", "text/csv")]
    [InlineData("text/csv; charset=utf-8", "text/csv")]
    [InlineData("text/csv;header=present", "text/csv")]
    [InlineData("application/x-ndjson; charset=utf-8", "application/x-ndjson")]
    [InlineData("*/*", "application/json")]
    [InlineData("application/xml", "application/json")]
    public async Task TheAcceptHeadersPreferenceChoosesTheFormat(string accept, string expected)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/statements?official=sergei-lavrov&limit=1");
        request.Headers.TryAddWithoutValidation("Accept", accept);

        var response = await reader.SendAsync(request);

        Assert.Equal(expected, response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("/api/v1/officials", "slug")]
    [InlineData("/api/v1/topics", "slug")]
    [InlineData("/api/v1/meetings", "slug")]
    [InlineData("/api/v1/sources", "title")]
    public async Task EveryResourceListExportsAllItemsAsCsvAndNdjson(string url, string field)
    {
        await writer.PostJsonAsync("/api/v1/officials", new { slug = "export-list-official", name = "Export, \"List\" Official", country = "FR" });
        await writer.PostJsonAsync("/api/v1/topics", new { slug = "export-list-topic", name = "Export list", keywords = new[] { "a", "b" } });
        await writer.PostJsonAsync("/api/v1/meetings", new { slug = "export-list-meeting", title = "Export, list", kind = "other", startsOn = "2020-02-02" });
        await writer.PostJsonAsync("/api/v1/sources", new { title = "Export \"list\" source" });
        var expected = new List<string>();
        string? next = url + "?limit=2";
        while (next is not null)
        {
            var page = await (await reader.GetAsync(next)).ReadJsonAsync();
            expected.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty(field).GetString()!));
            next = page.TryGetProperty("next", out var n) ? n.GetString() : null;
        }

        var csvText = await reader.GetStringAsync(url + "?format=csv");
        var ndjson = await reader.GetStringAsync(url + "?format=ndjson");

        using var csv = CsvReader.FromText(csvText, CsvReaderOptions.Default);
        var fromCsv = new List<string>();
        while (csv.Read())
        {
            fromCsv.Add(csv.GetString(field));
        }
        Assert.Equal(expected, fromCsv);
        Assert.Equal(expected, ndjson.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonDocument.Parse(line).RootElement.GetProperty(field).GetString()!));
    }

    private static List<string> CsvIds(string text)
    {
        using var csv = CsvReader.FromText(text, CsvReaderOptions.Default);
        var ids = new List<string>();
        while (csv.Read())
        {
            ids.Add(csv.GetString("id"));
        }
        return ids;
    }

    private static List<string> NdjsonIds(string text) =>
        [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement.GetProperty("id").GetRawText())];

    private async Task<string> CursorOfFirstPageAsync(string url)
    {
        var next = (await (await reader.GetAsync(url)).ReadJsonAsync()).GetProperty("next").GetString()!;
        return QueryHelpers.ParseQuery(new Uri("http://host" + next).Query)["cursor"].ToString();
    }

    [Theory]
    [InlineData("csv")]
    [InlineData("ndjson")]
    public async Task AnExportWithALimitStreamsThatManyStatementsInItsOrder(string format)
    {
        await SeedAsync("limited-export-" + format, 9);
        var byId = (await JsonItemsAsync($"official=limited-export-{format}&sort=id")).Select(i => i.GetProperty("id").GetRawText()).ToList();
        var newest = (await JsonItemsAsync($"official=limited-export-{format}&sort=-saidOn")).Select(i => i.GetProperty("id").GetRawText()).ToList();

        var first4 = await reader.GetStringAsync($"/api/v1/statements?official=limited-export-{format}&format={format}&limit=4");
        var newest2 = await reader.GetStringAsync($"/api/v1/topics/limited-export-{format}-topic/statements?format={format}&limit=2&sort=-saidOn");

        Assert.Equal(byId.Take(4), format == "csv" ? CsvIds(first4) : NdjsonIds(first4));
        // The topic tags every other statement, the newest and the third newest among them.
        Assert.Equal([newest[0], newest[2]], format == "csv" ? CsvIds(newest2) : NdjsonIds(newest2));
    }

    [Theory]
    [InlineData("csv", "sort=id&")]
    [InlineData("ndjson", "sort=id&")]
    [InlineData("csv", "")]
    [InlineData("ndjson", "")]
    public async Task AnExportStartsAfterTheCursorOfAJsonPage(string format, string sort)
    {
        var slug = $"cursor-export-{format}-{sort.Length}";
        await SeedAsync(slug, 11);
        var all = (await JsonItemsAsync($"official={slug}&{sort}")).Select(i => i.GetProperty("id").GetRawText()).ToList();
        // Without sort, the page is newest first, and the export goes on in the cursor's order, not in id order.
        var cursor = await CursorOfFirstPageAsync($"/api/v1/statements?official={slug}&{sort}limit=3");

        var rest = await reader.GetStringAsync($"/api/v1/statements?official={slug}&{sort}format={format}&cursor={cursor}");
        var next4 = await reader.GetStringAsync($"/api/v1/statements?official={slug}&{sort}format={format}&cursor={cursor}&limit=4");

        Assert.Equal(all.Skip(3), format == "csv" ? CsvIds(rest) : NdjsonIds(rest));
        Assert.Equal(all.Skip(3).Take(4), format == "csv" ? CsvIds(next4) : NdjsonIds(next4));
    }

    [Fact]
    public async Task ASearchExportStartsAfterTheCursorOfARankedPage()
    {
        await SeedAsync("ranked-cursor-export", 14);
        var all = (await JsonItemsAsync("official=ranked-cursor-export&q=Moscow")).Select(i => i.GetProperty("id").GetRawText()).ToList();
        Assert.True(all.Count > 5, $"{all.Count} hits");
        var cursor = await CursorOfFirstPageAsync("/api/v1/statements?official=ranked-cursor-export&q=Moscow&limit=5");

        var rest = await reader.GetStringAsync($"/api/v1/statements?official=ranked-cursor-export&q=Moscow&format=ndjson&cursor={cursor}");

        Assert.Equal(all.Skip(5), NdjsonIds(rest));
    }

    [Theory]
    [InlineData("/api/v1/officials", "id")]
    [InlineData("/api/v1/topics", "id")]
    [InlineData("/api/v1/meetings", "id")]
    [InlineData("/api/v1/sources", "id")]
    [InlineData("/api/v1/officials/vladimir-putin/meetings", "id")]
    public async Task ASmallListsExportHonoursLimitAndCursor(string url, string field)
    {
        await writer.PostJsonAsync("/api/v1/officials", new { slug = "paged-export-official", name = "Paged export" });
        await writer.PostJsonAsync("/api/v1/topics", new { slug = "paged-export-topic", name = "Paged export" });
        // Putin (official 4 of the sample data) takes part, so that his meetings are more than the summit.
        await writer.PostJsonAsync("/api/v1/meetings", new { slug = "paged-export-meeting", title = "Paged export", kind = "other", startsOn = "2020-03-03", participantIds = new[] { 4 } });
        await writer.PostJsonAsync("/api/v1/sources", new { title = "Paged export source" });
        var separator = url.Contains('?') ? '&' : '?';
        var all = new List<string>();
        string? next = url + separator + "limit=1";
        while (next is not null)
        {
            var page = await (await reader.GetAsync(next)).ReadJsonAsync();
            all.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty(field).GetRawText()));
            next = page.TryGetProperty("next", out var n) ? n.GetString() : null;
        }
        Assert.True(all.Count >= 2, $"{url}: {all.Count} items");
        var cursor = await CursorOfFirstPageAsync(url + separator + "limit=1");

        var first = await reader.GetAsync(url + separator + "format=csv&limit=1");
        var rest = await reader.GetStringAsync(url + separator + $"format=ndjson&cursor={cursor}");
        var second = await reader.GetStringAsync(url + separator + $"format=csv&cursor={cursor}&limit=1");

        Assert.Equal(all.Take(1), CsvIds(await first.Content.ReadAsStringAsync()));
        Assert.False(first.Headers.Contains("Link"), "an export links no next page");
        Assert.Equal(all.Skip(1), NdjsonIds(rest));
        Assert.Equal(all.Skip(1).Take(1), CsvIds(second));
    }

    [Theory]
    [InlineData("/api/v1/statements?format=csv&cursor=garbage", "cursor")]
    [InlineData("/api/v1/statements?format=ndjson&cursor=garbage", "cursor")]
    [InlineData("/api/v1/officials/sergei-lavrov/statements?format=csv&cursor=garbage", "cursor")]
    [InlineData("/api/v1/statements?format=csv&limit=0", "limit")]
    [InlineData("/api/v1/statements?format=ndjson&limit=501", "limit")]
    [InlineData("/api/v1/statements?format=csv&limit=many", "limit")]
    [InlineData("/api/v1/statements?format=csv&limit=2147483646", "limit")]
    [InlineData("/api/v1/statements?limit=2147483646", "limit")]
    [InlineData("/api/v1/officials?format=csv&cursor=garbage", "cursor")]
    [InlineData("/api/v1/topics?format=ndjson&limit=0", "limit")]
    [InlineData("/api/v1/meetings?format=csv&cursor=garbage", "cursor")]
    [InlineData("/api/v1/sources?format=ndjson&limit=501", "limit")]
    [InlineData("/api/v1/officials/sergei-lavrov/meetings?format=csv&limit=-1", "limit")]
    [InlineData("/api/v1/officials?limit=2147483646", "limit")]
    public async Task AnExportWithAMalformedCursorOrLimitIsABadRequestNamingIt(string url, string parameter)
    {
        await (await reader.GetAsync(url)).AssertInvalidAsync(parameter);
    }

    [Fact]
    public async Task AnExportRefusesACursorOfAnotherSortAsAPageDoes()
    {
        var cursor = await CursorOfFirstPageAsync("/api/v1/statements?sort=saidOn&limit=1");

        await (await reader.GetAsync($"/api/v1/statements?sort=-updatedAt&cursor={cursor}")).AssertInvalidAsync("cursor");
        await (await reader.GetAsync($"/api/v1/statements?sort=-updatedAt&format=csv&cursor={cursor}")).AssertInvalidAsync("cursor");
        await (await reader.GetAsync($"/api/v1/statements?q=Lavrov&format=ndjson&cursor={cursor}")).AssertInvalidAsync("cursor");
    }

    /// <summary>A path of the document with its parameters filled from the sample data.</summary>
    private static string SampleUrl(string path) => path
        .Replace("/officials/{idOrSlug}", "/officials/sergei-lavrov", StringComparison.Ordinal)
        .Replace("/topics/{idOrSlug}", "/topics/strategic-stability", StringComparison.Ordinal)
        .Replace("/meetings/{idOrSlug}", "/meetings/geneva-summit-2021", StringComparison.Ordinal)
        .Replace("/sources/{id}", "/sources/1", StringComparison.Ordinal);

    [Fact]
    public async Task EveryOperationThatDocumentsAFormatExportsCsvByParameterAndByAccept()
    {
        var document = await (await reader.GetAsync("/swagger/v1/swagger.json")).ReadJsonAsync();
        var exporting = document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(op => (Path: path.Name, Method: op.Name, Operation: op.Value)))
            .Where(o => o.Method == "get" && o.Operation.TryGetProperty("parameters", out var parameters)
                && parameters.EnumerateArray().Any(p => p.GetProperty("name").GetString() == "format"))
            .ToList();
        Assert.Contains(exporting, o => o.Path == "/api/v1/officials/{idOrSlug}/meetings");

        foreach (var (path, _, operation) in exporting)
        {
            // Statistics need their grouping; every other list needs nothing but its path.
            var url = SampleUrl(path) + (path.Contains("/stats/", StringComparison.Ordinal) ? "?groupBy=month" : "?limit=50");
            Assert.DoesNotContain("{", url);
            var byParameter = await reader.GetAsync(url + "&format=csv");
            Assert.True(byParameter.StatusCode == HttpStatusCode.OK, $"{path}: {byParameter.StatusCode}");
            Assert.True("text/csv" == byParameter.Content.Headers.ContentType?.MediaType, $"{path} format=csv: {byParameter.Content.Headers.ContentType}");
            Assert.Matches("^(id|key),", await byParameter.Content.ReadAsStringAsync());

            var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
            var byAccept = await reader.SendAsync(request);
            Assert.True("text/csv" == byAccept.Content.Headers.ContentType?.MediaType, $"{path} Accept: text/csv: {byAccept.Content.Headers.ContentType}");

            var ndjson = await reader.GetAsync(url + "&format=ndjson");
            Assert.True("application/x-ndjson" == ndjson.Content.Headers.ContentType?.MediaType, $"{path} ?format=ndjson");
            Assert.True(operation.GetProperty("responses").GetProperty("200").GetProperty("content").TryGetProperty("text/csv", out _), $"{path}: text/csv undocumented");
        }
    }

    [Fact]
    public async Task ListsInACsvFieldReadBackAsTheyWere()
    {
        var refused = await writer.PostJsonAsync("/api/v1/officials", new { slug = "pipe-alias", name = "Pipe", aliases = new[] { "Plain", "A|B" } });
        await refused.AssertInvalidAsync("aliases[1]");
        await (await writer.PostJsonAsync("/api/v1/topics", new { slug = "pipe-keyword", name = "Pipe", keywords = new[] { "x|y" } })).AssertInvalidAsync("keywords[0]");

        var roles = new object[]
        {
            new { title = "Head | Chief, of \"Things\"", organization = "Org (X), Y", country = "FR", start = "2020-01-01" },
            new { title = "Глава", organization = "Министерство", start = "2010-05-01", end = "2019-12-31" },
        };
        var created = await writer.PostJsonAsync("/api/v1/officials", new { slug = "csv-roles", name = "Roles, Many", aliases = new[] { "R, M", "Р. М." }, roles });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var json = await created.ReadJsonAsync();

        using var csv = CsvReader.FromText(await reader.GetStringAsync("/api/v1/officials?format=csv"), CsvReaderOptions.Default);
        while (csv.Read() && csv.GetString("slug") != "csv-roles")
        {
        }
        Assert.Equal("csv-roles", csv.GetString("slug"));
        Assert.Equal(["R, M", "Р. М."], csv.GetString("aliases").Split('|'));
        var fromCsv = JsonDocument.Parse(csv.GetString("roles")).RootElement;
        Assert.Equal(
            json.GetProperty("roles").Deserialize<List<Dictionary<string, string>>>(),
            fromCsv.Deserialize<List<Dictionary<string, string>>>());
        Assert.Equal("FR", fromCsv[0].GetProperty("country").GetString());
        Assert.Equal("Head | Chief, of \"Things\"", fromCsv[0].GetProperty("title").GetString());
        Assert.Equal("2019-12-31", fromCsv[1].GetProperty("end").GetString());
    }
}
