using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Statements.Api.Tests;

public sealed class BulkImportTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private const string Url = "/api/v1/statements/bulk";
    private readonly HttpClient writer = factory.CreateWriter();
    private readonly HttpClient reader = factory.CreateClient();

    private async Task<JsonElement> CreateAsync(string url, object body)
    {
        var response = await writer.PostJsonAsync(url, body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.ReadJsonAsync();
    }

    /// <summary>A new official and two topics with slugs unique to the test.</summary>
    private async Task<(long OfficialId, string OfficialSlug, long TopicId, string TopicSlug, string OtherTopicSlug)> CreateLinksAsync()
    {
        var suffix = Guid.NewGuid().ToString("N")[..10];
        var official = await CreateAsync("/api/v1/officials", new { slug = $"bulk-speaker-{suffix}", name = $"Bulk Speaker {suffix}", country = "FR", roles = Array.Empty<object>() });
        var topic = await CreateAsync("/api/v1/topics", new { slug = $"bulk-topic-{suffix}", name = "Trade" });
        var other = await CreateAsync("/api/v1/topics", new { slug = $"bulk-other-{suffix}", name = "Energy" });
        return (official.GetProperty("id").GetInt64(), official.GetProperty("slug").GetString()!,
            topic.GetProperty("id").GetInt64(), topic.GetProperty("slug").GetString()!, other.GetProperty("slug").GetString()!);
    }

    private Task<HttpResponseMessage> PostAsync(string body, string mediaType = "application/x-ndjson", string query = "", HttpClient? client = null)
    {
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        return (client ?? writer).PostAsync(Url + query, content);
    }

    private static string Ndjson(params object[] lines) => string.Join("\n", lines.Select(l => l as string ?? JsonSerializer.Serialize(l, Json.Options))) + "\n";

    private static long[] Ids(JsonElement body) => [.. body.GetProperty("ids").EnumerateArray().Select(i => i.GetInt64())];

    private async Task<long> CountStatementsWithTextAsync(string text)
    {
        await using var connection = new SqliteConnection($"Data Source={factory.DatabasePath}");
        return await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM statements WHERE text LIKE '%' || @text || '%'", new { text });
    }

    [Fact]
    public async Task NdjsonLinesAreImportedWithOfficialsAndTopicsNamedBySlugOrId()
    {
        var links = await CreateLinksAsync();

        var response = await PostAsync(Ndjson(
            new { official = links.OfficialSlug, text = "First bulk line.", kind = "quote", language = "en", saidOn = "2021-06-16", topics = new[] { links.TopicSlug, links.OtherTopicSlug } },
            new { officialId = links.OfficialId, text = "Second bulk line.", kind = "paraphrase", language = "en", saidOn = "2021-03-17", saidOnPrecision = "month", topicIds = new[] { links.TopicId } },
            new { official = links.OfficialId.ToString(CultureInfo.InvariantCulture), text = "Third bulk line.", kind = "quote", language = "ru", saidOn = "2020-01-01", topics = new object[] { links.TopicId } }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.ReadJsonAsync();
        Assert.Equal(3, body.GetProperty("created").GetInt32());
        var ids = Ids(body);
        Assert.Equal(3, ids.Length);
        Assert.Equal(3, ids.Distinct().Count());

        var first = await (await reader.GetAsync($"/api/v1/statements/{ids[0]}")).ReadJsonAsync();
        Assert.Equal("First bulk line.", first.GetProperty("text").GetString());
        Assert.Equal(links.OfficialSlug, first.GetProperty("official").GetProperty("slug").GetString());
        Assert.Equal(2, first.GetProperty("topics").GetArrayLength());
        Assert.Equal(1, first.GetProperty("version").GetInt64());
        var second = await (await reader.GetAsync($"/api/v1/statements/{ids[1]}")).ReadJsonAsync();
        Assert.Equal("2021-03-01", second.GetProperty("saidOn").GetString());
        Assert.Equal("month", second.GetProperty("saidOnPrecision").GetString());
        Assert.Equal(links.TopicId, second.GetProperty("topics")[0].GetProperty("id").GetInt64());
        var third = await (await reader.GetAsync($"/api/v1/statements/{ids[2]}")).ReadJsonAsync();
        Assert.Equal(links.OfficialId, third.GetProperty("officialId").GetInt64());
        Assert.Equal("ru", third.GetProperty("language").GetString());
    }

    [Fact]
    public async Task AnImportedStatementReadsBackAsTheSamePostedOneWhateverItsText()
    {
        // Texts are bound through a buffer the import reuses from row to row: long ones after short ones, characters of
        // two to four bytes, and an empty context, which must stay empty rather than become null.
        var links = await CreateLinksAsync();
        var texts = new[]
        {
            "Short.",
            string.Concat(Enumerable.Repeat("Стратегическая стабильность — 🌍 ", 300)),
            "Ещё короче: «да».",
            "Zürich, Kraków, 東京 and Dziękujemy 👍.",
        };
        var lines = texts.Select((text, i) => new
        {
            officialId = links.OfficialId, text, kind = "quote", language = "en", saidOn = $"2021-06-1{i}",
            context = i % 2 == 0 ? "" : "Press conference in Genève", originalText = "Оригинал 🌍", originalLanguage = "ru",
        }).ToArray();

        var imported = Ids(await (await PostAsync(Ndjson(lines))).ReadJsonAsync());

        Assert.Equal(texts.Length, imported.Length);
        for (var i = 0; i < lines.Length; i++)
        {
            var posted = await CreateAsync("/api/v1/statements", lines[i]);
            var bulk = await (await reader.GetAsync($"/api/v1/statements/{imported[i]}")).ReadJsonAsync();
            foreach (var field in new[] { "text", "context", "originalText", "originalLanguage", "saidOn", "kind", "language" })
            {
                Assert.Equal(posted.GetProperty(field).ToString(), bulk.GetProperty(field).ToString());
            }
            Assert.Equal(texts[i], bulk.GetProperty("text").GetString());
        }
        await using var connection = new SqliteConnection($"Data Source={factory.DatabasePath}");
        Assert.Equal(["", "Press conference in Genève", "", "Press conference in Genève"],
            await connection.QueryAsync<string>("SELECT context FROM statements WHERE id IN @imported ORDER BY id", new { imported }));
    }

    [Fact]
    public async Task AJsonArrayIsImportedLikeNdjson()
    {
        var links = await CreateLinksAsync();
        var json = JsonSerializer.Serialize(new object[]
        {
            new { official = links.OfficialSlug, text = "Array item one.", kind = "quote", language = "en", saidOn = "2021-06-16" },
            new { official = links.OfficialSlug, text = "Array item two.", kind = "quote", language = "en", saidOn = "2021-06-17", topics = new[] { links.TopicSlug } },
        }, new JsonSerializerOptions(Json.Options) { WriteIndented = true });

        var response = await PostAsync(json, "application/json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var ids = Ids(await response.ReadJsonAsync());
        Assert.Equal(2, ids.Length);
        var two = await (await reader.GetAsync($"/api/v1/statements/{ids[1]}")).ReadJsonAsync();
        Assert.Equal("Array item two.", two.GetProperty("text").GetString());
        Assert.Equal(links.TopicSlug, two.GetProperty("topics")[0].GetProperty("slug").GetString());
    }

    [Fact]
    public async Task OneBadLineMeansNothingIsImported()
    {
        var links = await CreateLinksAsync();
        var marker = $"allornothing{Guid.NewGuid():N}";

        var response = await PostAsync(Ndjson(
            new { official = links.OfficialSlug, text = $"Good {marker} one.", kind = "quote", language = "en", saidOn = "2021-06-16" },
            new { official = links.OfficialSlug, text = $"Bad {marker}.", kind = "rumour", language = "en", saidOn = "2021-06-16" },
            new { official = links.OfficialSlug, text = $"Good {marker} two.", kind = "quote", language = "en", saidOn = "2021-06-16" }));

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(2, problem.GetProperty("errors")[0].GetProperty("line").GetInt32());
        Assert.Equal("1 of the 3 statements sent are invalid.", problem.GetProperty("detail").GetString());
        Assert.Equal(0, await CountStatementsWithTextAsync(marker));
    }

    [Fact]
    public async Task EveryBadLineIsReportedWithItsNumberAndFields()
    {
        var links = await CreateLinksAsync();
        var marker = $"report{Guid.NewGuid():N}";
        var good = new { official = links.OfficialSlug, text = $"Fine {marker}.", kind = "quote", language = "en", saidOn = "2021-06-16" };

        var response = await PostAsync(Ndjson(
            good,                                                                                                     // 1
            new { official = links.OfficialSlug, text = "", kind = "quote", language = "English", saidOn = "2021-06-16" }, // 2
            "",                                                                                                       // 3: blank, skipped
            new { official = "nobody-by-this-slug", text = "x", kind = "quote", language = "en", saidOn = "2021-06-16", topics = new[] { "no-such-topic" } }, // 4
            "{\"official\": \"broken",                                                                                // 5
            new { official = links.OfficialSlug, text = "x", kind = "quote", language = "en", saidOn = "2021-06-16", sadiOn = "typo" }, // 6
            good,                                                                                                     // 7
            new { text = "No speaker.", kind = "quote", language = "en", saidOn = "2021-06-16" },                    // 8
            new { official = links.OfficialSlug, text = "x", kind = "quote", language = "en", saidOn = "16/06/2021" })); // 9

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        var errors = problem.GetProperty("errors").EnumerateArray().ToList();
        Assert.Equal([2, 4, 5, 6, 8, 9], errors.Select(e => e.GetProperty("line").GetInt32()));
        string[] Fields(int index) => [.. errors[index].GetProperty("errors").EnumerateObject().Select(p => p.Name).Order()];
        Assert.Equal(["language", "text"], Fields(0));
        Assert.Equal(["official", "topics"], Fields(1));
        Assert.Equal(["$"], Fields(2));
        Assert.Equal(["sadiOn"], Fields(3));
        Assert.Equal(["officialId"], Fields(4));
        Assert.Equal(["saidOn"], Fields(5));
        Assert.Contains("nobody-by-this-slug", errors[1].GetProperty("errors").GetProperty("official")[0].GetString());
        Assert.Contains("6 of the 8 statements", problem.GetProperty("detail").GetString());
        Assert.Equal(0, await CountStatementsWithTextAsync(marker));
    }

    [Theory]
    [InlineData(2 * 1024 * 1024)]   // outgrows what is read of the body before its end is found
    [InlineData(1024 * 1024 + 10)]  // just over the limit, which may be read whole
    public async Task ALineOverTheLimitIsReportedAndTheLinesAfterItAreStillReadAndCounted(int textLength)
    {
        var shout = new { officialId = 1, text = "Loud.", kind = "shout", language = "en", saidOn = "2021-06-16" };
        var huge = new { officialId = 1, text = new string('x', textLength), kind = "quote", language = "en", saidOn = "2021-06-16" };

        var response = await PostAsync(Ndjson(shout, huge, shout, shout));

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        var errors = problem.GetProperty("errors").EnumerateArray().ToList();
        Assert.Equal([1, 2, 3, 4], errors.Select(e => e.GetProperty("line").GetInt32()));
        Assert.Contains("longer than 1048576 bytes", errors[1].GetProperty("errors").GetProperty("$")[0].GetString());
        Assert.Equal(["kind"], errors[3].GetProperty("errors").EnumerateObject().Select(p => p.Name));
        Assert.Equal("4 of the 4 statements sent are invalid.", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task AJsonArrayItemIsReportedByItsPosition()
    {
        var links = await CreateLinksAsync();
        var json = $$"""
            [
              {"official": "{{links.OfficialSlug}}", "text": "One.", "kind": "quote", "language": "en", "saidOn": "2021-06-16"},
              {"official": "{{links.OfficialSlug}}", "text": "Two.", "kind": "quote", "language": "en"},
              42
            ]
            """;

        var response = await PostAsync(json, "application/json");

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        var errors = problem.GetProperty("errors").EnumerateArray().ToList();
        Assert.Equal([2, 3], errors.Select(e => e.GetProperty("line").GetInt32()));
        Assert.True(errors[0].GetProperty("errors").TryGetProperty("saidOn", out _));
    }

    [Fact]
    public async Task AMalformedJsonArrayIsReportedAtTheItemWhereItBreaks()
    {
        var links = await CreateLinksAsync();
        var json = $$"""[{"official": "{{links.OfficialSlug}}", "text": "One.", "kind": "quote", "language": "en", "saidOn": "2021-06-16"}, {"text": ]""";

        var response = await PostAsync(json, "application/json");

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(2, problem.GetProperty("errors")[0].GetProperty("line").GetInt32());
    }

    [Fact]
    public async Task ExtractionCandidatesAreImportedUnchangedWithDefaultsFromTheQuery()
    {
        var links = await CreateLinksAsync();
        var source = await CreateAsync("/api/v1/sources", new { url = $"https://example.org/bulk/{Guid.NewGuid():N}", title = "Report" });
        var sourceId = source.GetProperty("id").GetInt64();
        var candidate = new
        {
            text = "We are ready to work with the Americans.",
            kind = "quote",
            start = 120,
            end = 161,
            speaker = new { officialId = links.OfficialId, name = "Some Name", matchedBy = "alias" },
            topics = new[] { links.TopicSlug },
            meetingId = (long?)null,
            confidence = 0.93,
        };

        var response = await PostAsync(Ndjson(candidate), query: $"?language=en&saidOn=2021-06-16&saidOnPrecision=month&sourceId={sourceId}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var id = Ids(await response.ReadJsonAsync())[0];
        var statement = await (await reader.GetAsync($"/api/v1/statements/{id}")).ReadJsonAsync();
        Assert.Equal(links.OfficialId, statement.GetProperty("officialId").GetInt64());
        Assert.Equal("en", statement.GetProperty("language").GetString());
        Assert.Equal("2021-06-01", statement.GetProperty("saidOn").GetString());
        Assert.Equal("month", statement.GetProperty("saidOnPrecision").GetString());
        Assert.Equal(sourceId, statement.GetProperty("sourceId").GetInt64());
        Assert.Equal(links.TopicSlug, statement.GetProperty("topics")[0].GetProperty("slug").GetString());
    }

    [Fact]
    public async Task ALineKeepsItsOwnValuesOverTheQueryDefaults()
    {
        var links = await CreateLinksAsync();

        var response = await PostAsync(
            Ndjson(new { officialId = links.OfficialId, text = "Own values.", kind = "quote", language = "fr", saidOn = "2019-05-05" }),
            query: "?language=en&saidOn=2021-06-16&saidOnPrecision=year");

        var id = Ids(await response.ReadJsonAsync())[0];
        var statement = await (await reader.GetAsync($"/api/v1/statements/{id}")).ReadJsonAsync();
        Assert.Equal("fr", statement.GetProperty("language").GetString());
        Assert.Equal("2019-05-05", statement.GetProperty("saidOn").GetString());
        Assert.Equal("day", statement.GetProperty("saidOnPrecision").GetString());
    }

    [Fact]
    public async Task ACandidateWhoseSpeakerIsUnknownIsReported()
    {
        var response = await PostAsync(
            Ndjson(new { text = "He added something.", kind = "paraphrase", speaker = new { officialId = (long?)null, name = "A spokesman" } }),
            query: "?language=en&saidOn=2021-06-16");

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        var fields = problem.GetProperty("errors")[0].GetProperty("errors");
        Assert.True(fields.TryGetProperty("speaker.officialId", out _), fields.ToString());
        Assert.False(fields.TryGetProperty("officialId", out _), fields.ToString());
    }

    [Fact]
    public async Task OfficialsNamedTwiceMustAgree()
    {
        var links = await CreateLinksAsync();
        var other = await CreateAsync("/api/v1/officials", new { slug = $"bulk-other-speaker-{Guid.NewGuid():N}", name = "Other", country = "FR", roles = Array.Empty<object>() });

        var response = await PostAsync(Ndjson(
            new { officialId = links.OfficialId, official = links.OfficialSlug, text = "Agrees.", kind = "quote", language = "en", saidOn = "2021-06-16" },
            new { officialId = links.OfficialId, official = other.GetProperty("slug").GetString(), text = "Disagrees.", kind = "quote", language = "en", saidOn = "2021-06-16" }));

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        var errors = problem.GetProperty("errors").EnumerateArray().ToList();
        Assert.Single(errors);
        Assert.Equal(2, errors[0].GetProperty("line").GetInt32());
        Assert.True(errors[0].GetProperty("errors").TryGetProperty("official", out _));
    }

    [Theory]
    [InlineData("", "application/x-ndjson")]
    [InlineData("\n\n  \n", "application/x-ndjson")]
    [InlineData("", "application/json")]
    [InlineData("[]", "application/json")]
    [InlineData("{\"text\": \"not an array\"}", "application/json")]
    public async Task ABodyWithoutStatementsIsABadRequest(string body, string mediaType)
    {
        var response = await PostAsync(body, mediaType);

        await response.AssertInvalidAsync("$");
    }

    [Theory]
    [InlineData("application/x-ndjson")]
    [InlineData("application/json")]
    public async Task ABodyWithAByteOrderMarkAndWindowsLineEndsIsRead(string mediaType)
    {
        var links = await CreateLinksAsync();
        var line = JsonSerializer.Serialize(new { officialId = links.OfficialId, text = "Saved by Notepad.", kind = "quote", language = "en", saidOn = "2021-06-16" }, Json.Options);
        var text = mediaType == "application/json" ? $"[\r\n{line},\r\n{line}\r\n]\r\n" : $"{line}\r\n{line}\r\n";
        var content = new ByteArrayContent([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(text)]);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);

        var response = await writer.PostAsync(Url, content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, (await response.ReadJsonAsync()).GetProperty("created").GetInt32());
    }

    [Theory]
    [InlineData("application/x-ndjson; charset=utf-16", false)]
    [InlineData("application/x-ndjson; charset=utf-16", true)]
    [InlineData("application/json; charset=\"utf-16\"", false)]
    [InlineData("application/x-ndjson; charset=iso-8859-1", false)]
    public async Task ABodyInAnotherCharsetIsReadInIt(string contentType, bool byteOrderMark)
    {
        var links = await CreateLinksAsync();
        var charset = MediaTypeHeaderValue.Parse(contentType).CharSet!.Trim('"');
        var text = charset == "utf-16" ? $"Мы готовы работать {Guid.NewGuid():N}." : $"Déjà vu à Genève {Guid.NewGuid():N}.";
        var line = $$"""{"officialId":{{links.OfficialId}},"text":"{{text}}","kind":"quote","language":"ru","saidOn":"2021-06-16"}""";
        var encoding = Encoding.GetEncoding(charset);
        var bytes = encoding.GetBytes(contentType.StartsWith("application/json", StringComparison.Ordinal) ? $"[{line},{line}]" : $"{line}\n{line}\n");
        var content = new ByteArrayContent(byteOrderMark ? [.. encoding.GetPreamble(), .. bytes] : bytes);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);

        var response = await writer.PostAsync(Url, content);

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var ids = Ids(await response.ReadJsonAsync());
        Assert.Equal(2, ids.Length);
        var statement = await (await reader.GetAsync($"/api/v1/statements/{ids[1]}")).ReadJsonAsync();
        Assert.Equal(text, statement.GetProperty("text").GetString());
    }

    [Theory]
    [InlineData("application/x-ndjson; charset=latin-9x")]
    [InlineData("application/json; charset=nonsense")]
    public async Task ABodyInACharsetNotKnownIsUnsupported(string contentType)
    {
        var content = new StringContent("""{"officialId":1,"text":"x","kind":"quote","language":"en","saidOn":"2021-06-16"}""" + "\n");
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);

        var problem = await (await writer.PostAsync(Url, content)).AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);

        Assert.Contains("UTF-8", problem.GetProperty("detail").GetString());
        Assert.Contains(MediaTypeHeaderValue.Parse(contentType).CharSet!, problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task OtherMediaTypesAreUnsupported()
    {
        var response = await PostAsync("official,text\n", "text/csv");

        await response.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [Theory]
    [InlineData("?saidOn=16/06/2021", "saidOn")]
    [InlineData("?language=English", "language")]
    [InlineData("?saidOn=2021-06-16&saidOnPrecision=week", "saidOnPrecision")]
    [InlineData("?saidOnPrecision=month", "saidOnPrecision")]
    [InlineData("?sourceId=99999999", "sourceId")]
    public async Task BadDefaultsAreABadRequest(string query, string field)
    {
        var links = await CreateLinksAsync();

        var response = await PostAsync(Ndjson(new { officialId = links.OfficialId, text = "x", kind = "quote" }), query: query);

        await response.AssertInvalidAsync(field);
    }

    [Fact]
    public async Task ImportingNeedsAKey()
    {
        var response = await PostAsync("{}\n", client: reader);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task EveryImportedStatementIsInTheChangesLogAsCreated()
    {
        var links = await CreateLinksAsync();

        var response = await PostAsync(Ndjson(
            new { officialId = links.OfficialId, text = "Logged one.", kind = "quote", language = "en", saidOn = "2021-06-16" },
            new { officialId = links.OfficialId, text = "Logged two.", kind = "quote", language = "en", saidOn = "2021-06-16" }));

        var ids = Ids(await response.ReadJsonAsync());
        await using var connection = new SqliteConnection($"Data Source={factory.DatabasePath}");
        var changes = (await connection.QueryAsync<(long ResourceId, string Action, long Version, long? ApiKeyId)>(
            "SELECT resource_id, action, version, api_key_id FROM changes WHERE resource = 'statement' AND resource_id IN @ids ORDER BY seq",
            new { ids })).ToList();
        Assert.Equal(ids, changes.Select(c => c.ResourceId));
        Assert.All(changes, c => Assert.Equal(("created", 1L), (c.Action, c.Version)));
        Assert.All(changes, c => Assert.NotNull(c.ApiKeyId));
    }

    [Fact]
    public async Task ImportedTextIsFoundByFullTextSearch()
    {
        var links = await CreateLinksAsync();
        var word = $"zqx{Guid.NewGuid():N}"[..16];

        await PostAsync(Ndjson(new { officialId = links.OfficialId, text = $"A {word} remark.", kind = "quote", language = "en", saidOn = "2021-06-16" }));

        var found = await (await reader.GetAsync($"/api/v1/statements?q={word}")).ReadJsonAsync();
        Assert.Equal(1, found.GetProperty("items").GetArrayLength());
        Assert.Contains($"<mark>{word}</mark>", found.GetProperty("items")[0].GetProperty("snippet").GetString());
    }

    [Fact]
    public async Task EveryImportedStatementHasAFirstRevisionThatIsTheStatementAsGetShowsIt()
    {
        var suffix = Guid.NewGuid().ToString("N")[..10];
        var official = await CreateAsync("/api/v1/officials", new
        {
            slug = $"bulk-roles-{suffix}",
            name = "Bulk Role Holder",
            country = "FR",
            roles = new object[]
            {
                new { title = "Minister of Finance", organization = "Government", start = "2010-01-01", end = "2014-12-31" },
                new { title = "Envoy", organization = "United Nations", start = "2014-06-15", end = "2014-12-31" },
                new { title = "Prime Minister", organization = "Government", start = "2015-01-01" },
            },
        });
        var officialId = official.GetProperty("id").GetInt64();
        // Names whose order by UTF-8 bytes differs from a culture's: upper case before lower, accents last.
        var topics = new List<long>();
        foreach (var name in new[] { "zebra", "Ärger", "Mango", "apple", "Zoo" })
        {
            topics.Add((await CreateAsync("/api/v1/topics", new { slug = $"bulk-rev-{topics.Count}-{suffix}", name })).GetProperty("id").GetInt64());
        }
        var meeting = await CreateAsync("/api/v1/meetings", new { slug = $"bulk-rev-meeting-{suffix}", title = "Talks", kind = "bilateral", startsOn = "2012-05-01" });
        var source = await CreateAsync("/api/v1/sources", new { title = $"Bulk revision source {suffix}" });

        var response = await PostAsync(Ndjson(
            new { official = official.GetProperty("slug").GetString(), text = "In office as minister.", kind = "quote", language = "en", saidOn = "2012-05-01", topicIds = topics, context = "Budget speech" },
            new { officialId, text = "Sometime in December.", kind = "paraphrase", language = "en", saidOn = "2014-12-20", saidOnPrecision = "month", topicIds = new[] { topics[3], topics[3], topics[0] } },
            new { officialId, text = "Sometime that year.", kind = "quote", language = "fr", originalText = "Cette année-là.", originalLanguage = "fr", saidOn = "2014-03-03", saidOnPrecision = "year" },
            new { officialId, text = "Before any office.", kind = "quote", language = "en", saidOn = "2005-05-01", meetingId = meeting.GetProperty("id").GetInt64(), sourceId = source.GetProperty("id").GetInt64() },
            new { officialId, text = "As prime minister.", kind = "quote", language = "en", saidOn = "2019-01-01", topics = new[] { $"bulk-rev-2-{suffix}" } }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var ids = Ids(await response.ReadJsonAsync());
        var roles = new List<string?>();
        foreach (var id in ids)
        {
            var statement = await (await reader.GetAsync($"/api/v1/statements/{id}")).ReadJsonAsync();
            var revisions = await (await reader.GetAsync($"/api/v1/statements/{id}/revisions")).ReadJsonAsync();
            var revision = Assert.Single(revisions.GetProperty("items").EnumerateArray());
            Assert.Equal("created", revision.GetProperty("action").GetString());
            Assert.Equal(1, revision.GetProperty("version").GetInt64());
            Assert.Equal("tests", revision.GetProperty("apiKey").GetProperty("name").GetString());
            Assert.Equal(statement.GetProperty("createdAt").GetString(), revision.GetProperty("at").GetString());
            Assert.Equal(statement.ToString(), revision.GetProperty("record").ToString());
            roles.Add(statement.TryGetProperty("speakerRole", out var role) ? role.GetProperty("title").GetString() : null);
        }
        Assert.Equal(["Minister of Finance", "Envoy", "Envoy", null, "Prime Minister"], roles);
        var first = await (await reader.GetAsync($"/api/v1/statements/{ids[0]}")).ReadJsonAsync();
        Assert.Equal(["Mango", "Zoo", "apple", "zebra", "Ärger"], first.GetProperty("topics").EnumerateArray().Select(t => t.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task AnImportedStatementKeepsItsFirstRevisionThroughAChangeARelationADeletionAndARestore()
    {
        var links = await CreateLinksAsync();
        var response = await PostAsync(Ndjson(
            new { officialId = links.OfficialId, text = "First words.", kind = "quote", language = "en", saidOn = "2021-06-16" },
            new { officialId = links.OfficialId, text = "Other words.", kind = "quote", language = "en", saidOn = "2021-06-17" }));
        var ids = Ids(await response.ReadJsonAsync());
        var (changed, other) = (ids[0], ids[1]);
        var original = (await (await reader.GetAsync($"/api/v1/statements/{changed}")).ReadJsonAsync()).ToString();
        var otherOriginal = (await (await reader.GetAsync($"/api/v1/statements/{other}")).ReadJsonAsync()).ToString();
        await using var connection = new SqliteConnection($"Data Source={factory.DatabasePath}");
        const string firstRevisions = "SELECT count(*) FROM revisions WHERE resource = 'statement' AND resource_id IN @ids AND version = 1 AND body IS NOT NULL";
        // The import stored no revision, only who imported the statements; the first revision is read from each statement.
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM revisions WHERE resource = 'statement' AND resource_id IN @ids", new { ids }));
        Assert.Equal(1, await connection.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM statement_imports WHERE first_id <= @first AND last_id >= @last AND api_key_id IS NOT NULL", new { first = ids.Min(), last = ids.Max() }));
        var unchanged = await (await reader.GetAsync($"/api/v1/statements/{changed}/revisions/1")).ReadJsonAsync();
        Assert.Equal(original, unchanged.GetProperty("record").ToString());
        Assert.Equal("tests", unchanged.GetProperty("apiKey").GetProperty("name").GetString());

        Assert.Equal(HttpStatusCode.OK, (await writer.PatchMergeAsync($"/api/v1/statements/{changed}", """{"text":"Changed words."}""")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await writer.PostJsonAsync($"/api/v1/statements/{other}/relations", new { type = "contradicts", targetId = changed })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await writer.DeleteAsync($"/api/v1/statements/{changed}")).StatusCode);

        // Every write stored the revision it was about to supersede, with its body.
        Assert.Equal(2, await connection.ExecuteScalarAsync<long>(firstRevisions, new { ids }));
        var history = (await (await reader.GetAsync($"/api/v1/statements/{changed}/revisions")).ReadJsonAsync()).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["created", "updated", "updated", "deleted"], history.Select(r => r.GetProperty("action").GetString()));
        Assert.Equal(original, history[0].GetProperty("record").ToString());
        Assert.Equal("tests", history[0].GetProperty("apiKey").GetProperty("name").GetString());
        Assert.Equal("Changed words.", history[3].GetProperty("record").GetProperty("text").GetString());
        var otherHistory = (await (await reader.GetAsync($"/api/v1/statements/{other}/revisions")).ReadJsonAsync()).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(otherOriginal, otherHistory[0].GetProperty("record").ToString());
        Assert.Equal("tests", otherHistory[0].GetProperty("apiKey").GetProperty("name").GetString());

        var restored = await writer.PostAsync($"/api/v1/statements/{changed}/restore", null);
        Assert.Equal(HttpStatusCode.Created, restored.StatusCode);
        Assert.Equal("Changed words.", (await restored.ReadJsonAsync()).GetProperty("text").GetString());
    }

    [Fact]
    public async Task EachImportedStatementsFirstRevisionNamesTheKeyOfItsOwnImport()
    {
        var links = await CreateLinksAsync();
        var created = await (await writer.PostJsonAsync("/api/v1/keys", new { name = "second-importer", role = "editor" })).ReadJsonAsync();
        using var second = factory.CreateClient();
        second.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", created.GetProperty("key").GetString());
        object Line(string text) => new { officialId = links.OfficialId, text, kind = "quote", language = "en", saidOn = "2021-06-16" };

        var first = Ids(await (await PostAsync(Ndjson(Line("By the first key."), Line("Also by the first key.")))).ReadJsonAsync());
        var single = (await CreateAsync("/api/v1/statements", Line("Posted alone."))).GetProperty("id").GetInt64();
        var later = Ids(await (await PostAsync(Ndjson(Line("By the second key.")), client: second)).ReadJsonAsync());

        async Task<string> FirstKeyAsync(long id) =>
            (await (await reader.GetAsync($"/api/v1/statements/{id}/revisions/1")).ReadJsonAsync()).GetProperty("apiKey").GetProperty("name").GetString()!;
        Assert.Equal(["tests", "tests"], [await FirstKeyAsync(first[0]), await FirstKeyAsync(first[1])]);
        Assert.Equal("tests", await FirstKeyAsync(single));
        Assert.Equal("second-importer", await FirstKeyAsync(later[0]));
        var listed = (await (await reader.GetAsync($"/api/v1/statements/{later[0]}/revisions")).ReadJsonAsync()).GetProperty("items");
        Assert.Equal("second-importer", Assert.Single(listed.EnumerateArray()).GetProperty("apiKey").GetProperty("name").GetString());
    }

    [Fact]
    public async Task ReadingTheFirstRevisionWhileTheFirstChangeCommitsGivesTheOriginalRecordNeverA5xx()
    {
        var links = await CreateLinksAsync();
        var lines = Enumerable.Range(0, 40).Select(i => (object)new { officialId = links.OfficialId, text = $"Raced {i}.", kind = "quote", language = "en", saidOn = "2021-06-16" });
        var ids = Ids(await (await PostAsync(Ndjson([.. lines]))).ReadJsonAsync());
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        foreach (var id in ids)
        {
            using var stop = new CancellationTokenSource();
            var readers = Enumerable.Range(0, 4).Select(r => Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    var url = r % 2 == 0 ? $"/api/v1/statements/{id}/revisions/1" : $"/api/v1/statements/{id}/revisions";
                    var response = await reader.GetAsync(url);
                    if ((int)response.StatusCode >= 500)
                    {
                        failures.Add($"{url}: {(int)response.StatusCode}");
                        continue;
                    }
                    var body = await response.ReadJsonAsync();
                    var first = r % 2 == 0 ? body : body.GetProperty("items")[0];
                    if (first.GetProperty("record").GetProperty("version").GetInt64() != 1)
                    {
                        failures.Add($"{url}: version 1 showed version {first.GetProperty("record").GetProperty("version")}");
                    }
                }
            })).ToList();
            Assert.Equal(HttpStatusCode.OK, (await writer.PatchMergeAsync($"/api/v1/statements/{id}", """{"context":"patched"}""")).StatusCode);
            await stop.CancelAsync();
            await Task.WhenAll(readers);
        }
        Assert.Empty(failures);
    }

    [Fact]
    public async Task TheFirstRevisionOfAnImportedStatementShowsNamesAsTheyAreAndItsETagFollowsThem()
    {
        var links = await CreateLinksAsync();
        var id = Ids(await (await PostAsync(Ndjson(
            new { officialId = links.OfficialId, text = "Named words.", kind = "quote", language = "en", saidOn = "2021-06-16" }))).ReadJsonAsync())[0];
        var url = $"/api/v1/statements/{id}/revisions/1";
        var before = await reader.GetAsync(url);
        var etag = before.Headers.ETag!.Tag;

        Assert.Equal(HttpStatusCode.OK, (await writer.PatchMergeAsync($"/api/v1/officials/{links.OfficialId}", """{"name":"Renamed Speaker"}""")).StatusCode);

        using var stale = new HttpRequestMessage(HttpMethod.Get, url);
        stale.Headers.TryAddWithoutValidation("If-None-Match", etag);
        var after = await reader.SendAsync(stale);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.NotEqual(etag, after.Headers.ETag!.Tag);
        Assert.Equal("Renamed Speaker", (await after.ReadJsonAsync()).GetProperty("record").GetProperty("official").GetProperty("name").GetString());
        using var fresh = new HttpRequestMessage(HttpMethod.Get, url);
        fresh.Headers.TryAddWithoutValidation("If-None-Match", after.Headers.ETag!.Tag);
        Assert.Equal(HttpStatusCode.NotModified, (await reader.SendAsync(fresh)).StatusCode);
    }

    [Fact]
    public async Task TheFullTextIndexFollowsImportedStatementsThroughUpdatesAndDeletes()
    {
        var links = await CreateLinksAsync();
        string Word() => $"zqx{Guid.NewGuid():N}"[..16];
        var (kept, replaced, deleted, added, posted) = (Word(), Word(), Word(), Word(), Word());

        var response = await PostAsync(Ndjson(
            new { officialId = links.OfficialId, text = $"A {kept} remark.", kind = "quote", language = "en", saidOn = "2021-06-16" },
            new { officialId = links.OfficialId, text = $"A {replaced} remark.", kind = "quote", language = "en", saidOn = "2021-06-15", context = "Interview" },
            new { officialId = links.OfficialId, text = $"A {deleted} remark.", kind = "quote", language = "en", saidOn = "2021-06-14" }));
        var ids = Ids(await response.ReadJsonAsync());
        Assert.Equal(1, await SearchCountAsync(replaced));
        Assert.Equal(1, await SearchCountAsync(deleted));

        Assert.Equal(HttpStatusCode.OK, (await writer.PatchMergeAsync($"/api/v1/statements/{ids[1]}", $$"""{"text":"A {{added}} remark."}""")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await writer.DeleteAsync($"/api/v1/statements/{ids[2]}")).StatusCode);
        await CreateAsync("/api/v1/statements", new { officialId = links.OfficialId, text = $"A {posted} remark.", kind = "quote", language = "en", saidOn = "2021-06-16" });

        Assert.Equal(1, await SearchCountAsync(kept));
        Assert.Equal(0, await SearchCountAsync(replaced));
        Assert.Equal(1, await SearchCountAsync(added));
        Assert.Equal(0, await SearchCountAsync(deleted));
        Assert.Equal(1, await SearchCountAsync(posted));
        await AssertFullTextIndexMatchesTheTableAsync();
    }

    [Fact]
    public async Task AnImportRefusedAfterItsFirstRowsWereWrittenLeavesNothingBehind()
    {
        var links = await CreateLinksAsync();
        var marker = $"zqx{Guid.NewGuid():N}"[..16];
        var body = new StringBuilder();
        for (var i = 0; i < 10_000; i++) // more than a chunk, so that rows are written before the bad line is read
        {
            body.Append(CultureInfo.InvariantCulture,
                $$"""{"officialId":{{links.OfficialId}},"text":"Line {{i}} {{marker}}.","kind":"quote","language":"en","saidOn":"2021-06-16"}""").Append('\n');
        }
        body.Append("""{"text":"No official.","kind":"quote","language":"en","saidOn":"2021-06-16"}""").Append('\n');
        const string CountRevisions = "SELECT count(*) FROM revisions";
        await using var connection = new SqliteConnection($"Data Source={factory.DatabasePath}");
        var revisions = await connection.ExecuteScalarAsync<long>(CountRevisions);

        var response = await PostAsync(body.ToString());

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal(0, await CountStatementsWithTextAsync(marker));
        Assert.Equal(0, await SearchCountAsync(marker));
        Assert.Equal(revisions, await connection.ExecuteScalarAsync<long>(CountRevisions));
        // The insert trigger of the full-text index is back: a statement written one at a time is found.
        var posted = $"zqx{Guid.NewGuid():N}"[..16];
        await CreateAsync("/api/v1/statements", new { officialId = links.OfficialId, text = $"A {posted} remark.", kind = "quote", language = "en", saidOn = "2021-06-16" });
        Assert.Equal(1, await SearchCountAsync(posted));
        await AssertFullTextIndexMatchesTheTableAsync();
    }

    private async Task<int> SearchCountAsync(string word)
    {
        var found = await (await reader.GetAsync($"/api/v1/statements?q={word}")).ReadJsonAsync();
        return found.GetProperty("items").GetArrayLength();
    }

    /// <summary>FTS5's own check that the index holds exactly what its content (statements_search) says; it fails with an error otherwise.</summary>
    private async Task AssertFullTextIndexMatchesTheTableAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={factory.DatabasePath}");
        await connection.ExecuteAsync("INSERT INTO statements_fts (statements_fts, rank) VALUES ('integrity-check', 1)");
        Assert.Equal(1, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND name = 'statements_fts_insert'"));
    }

    [Fact]
    public async Task ThousandsOfLinesImportInOneRequest()
    {
        var links = await CreateLinksAsync();
        var marker = $"many{Guid.NewGuid():N}";
        const int count = 25_000;
        var body = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            body.Append(CultureInfo.InvariantCulture,
                $$"""{"official":"{{links.OfficialSlug}}","text":"Line {{i}} {{marker}}.","kind":"quote","language":"en","saidOn":"2021-06-16","topics":["{{links.TopicSlug}}"]}""")
                .Append('\n');
        }

        var response = await PostAsync(body.ToString());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var ids = Ids(await response.ReadJsonAsync());
        Assert.Equal(count, ids.Length);
        Assert.Equal(count, ids.Distinct().Count());
        Assert.Equal(count, await CountStatementsWithTextAsync(marker));
        var last = await (await reader.GetAsync($"/api/v1/statements/{ids[^1]}")).ReadJsonAsync();
        Assert.Equal($"Line {count - 1} {marker}.", last.GetProperty("text").GetString());
        Assert.Equal(links.TopicSlug, last.GetProperty("topics")[0].GetProperty("slug").GetString());
    }

    [Fact]
    public async Task IdsGoOnAfterTheHighestEverGiven()
    {
        var links = await CreateLinksAsync();
        var created = await CreateAsync("/api/v1/statements", new { officialId = links.OfficialId, text = "To be deleted.", kind = "quote", language = "en", saidOn = "2021-06-16" });
        var deletedId = created.GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.NoContent, (await writer.DeleteAsync($"/api/v1/statements/{deletedId}")).StatusCode);

        var response = await PostAsync(Ndjson(new { officialId = links.OfficialId, text = "After a deletion.", kind = "quote", language = "en", saidOn = "2021-06-16" }));

        Assert.True(Ids(await response.ReadJsonAsync())[0] > deletedId);
        var next = await CreateAsync("/api/v1/statements", new { officialId = links.OfficialId, text = "Single after bulk.", kind = "quote", language = "en", saidOn = "2021-06-16" });
        Assert.True(next.GetProperty("id").GetInt64() > deletedId + 1);
    }

    [Fact]
    public async Task TheOperationIsDocumentedWithBothBodiesAndTheLineReport()
    {
        var document = await (await reader.GetAsync("/swagger/v1/swagger.json")).ReadJsonAsync();

        var operation = document.GetProperty("paths").GetProperty(Url).GetProperty("post");
        Assert.Equal("importStatements", operation.GetProperty("operationId").GetString());
        var content = operation.GetProperty("requestBody").GetProperty("content");
        Assert.True(content.TryGetProperty("application/x-ndjson", out _));
        Assert.True(content.TryGetProperty("application/json", out _));
        var report = operation.GetProperty("responses").GetProperty("422").GetProperty("content").GetProperty("application/problem+json");
        Assert.Equal("#/components/schemas/BulkImportProblem", report.GetProperty("schema").GetProperty("$ref").GetString());
    }

    [Fact]
    public async Task AReusedIdempotencyKeyIsA422WithoutErrorsAsTheDocumentAllows()
    {
        var links = await CreateLinksAsync();
        var key = Guid.NewGuid().ToString();
        Task<HttpResponseMessage> Send(string text)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, Url)
            {
                Content = new StringContent(Ndjson(new { officialId = links.OfficialId, text, kind = "quote", language = "en", saidOn = "2021-06-16" }), Encoding.UTF8, "application/x-ndjson"),
            };
            request.Headers.Add("Idempotency-Key", key);
            return writer.SendAsync(request);
        }
        Assert.Equal(HttpStatusCode.OK, (await Send("First body.")).StatusCode);

        var problem = await (await Send("Another body.")).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.False(problem.TryGetProperty("errors", out _));
        var document = await (await reader.GetAsync("/swagger/v1/swagger.json")).ReadJsonAsync();
        var schema = document.GetProperty("components").GetProperty("schemas").GetProperty("BulkImportProblem");
        Assert.False(schema.TryGetProperty("required", out var required) && required.EnumerateArray().Any(r => r.GetString() == "errors"));
        var response = document.GetProperty("paths").GetProperty(Url).GetProperty("post").GetProperty("responses").GetProperty("422");
        Assert.Contains("Idempotency-Key", response.GetProperty("description").GetString());
    }

    [Fact]
    public async Task IdsOrSlugsAreDocumentedAsEitherAndAnExplicitNullTakesTheQueryDefault()
    {
        var links = await CreateLinksAsync();
        var line = new { official = links.OfficialId, text = "Either way.", kind = "quote", language = (string?)null, saidOn = (string?)null, topics = new object[] { links.TopicSlug, links.TopicId }, meeting = (string?)null };

        var response = await PostAsync(Ndjson(line), query: "?language=fr&saidOn=2021-06-10");

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var statement = await (await reader.GetAsync($"/api/v1/statements/{Ids(await response.ReadJsonAsync())[0]}")).ReadJsonAsync();
        Assert.Equal(links.OfficialId, statement.GetProperty("officialId").GetInt64());
        Assert.Equal("fr", statement.GetProperty("language").GetString());
        Assert.Equal("2021-06-10", statement.GetProperty("saidOn").GetString());
        Assert.Equal([links.TopicId], statement.GetProperty("topics").EnumerateArray().Select(t => t.GetProperty("id").GetInt64()));

        var document = await (await reader.GetAsync("/swagger/v1/swagger.json")).ReadJsonAsync();
        var properties = document.GetProperty("components").GetProperty("schemas").GetProperty("BulkStatementInput").GetProperty("properties");
        static string[] Types(JsonElement schema) => [.. schema.GetProperty("oneOf").EnumerateArray().Select(s => s.GetProperty("type").GetString()!)];
        Assert.Equal(["integer", "string"], Types(properties.GetProperty("official")));
        Assert.Equal(["integer", "string"], Types(properties.GetProperty("meeting")));
        Assert.Equal(["integer", "string"], Types(properties.GetProperty("topics").GetProperty("items")));
    }

    [Fact]
    public async Task ALineDatedInTheFutureIsReportedUnderSaidOnAndNothingIsImported()
    {
        var links = await CreateLinksAsync();

        var response = await PostAsync(Ndjson(
            new { officialId = links.OfficialId, text = "Future bulk line one.", kind = "quote", language = "en", saidOn = "2021-06-16" },
            new { officialId = links.OfficialId, text = "Future bulk line two.", kind = "quote", language = "en", saidOn = "9999-01-01", saidOnPrecision = "year" },
            new { officialId = links.OfficialId, text = "Future bulk line three.", kind = "quote", language = "en", saidOn = "9999-12-01", saidOnPrecision = "month" }));

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        var lines = problem.GetProperty("errors").EnumerateArray().ToList();
        Assert.Equal([2, 3], lines.Select(l => l.GetProperty("line").GetInt32()));
        Assert.All(lines, l => Assert.True(l.GetProperty("errors").TryGetProperty("saidOn", out _)));
        Assert.Equal(0, await CountStatementsWithTextAsync("Future bulk line"));

        var byQuery = await PostAsync(Ndjson(new { officialId = links.OfficialId, text = "Future bulk default.", kind = "quote", language = "en" }),
            query: "?saidOn=9999-12-31&saidOnPrecision=year");
        await byQuery.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
    }
}
