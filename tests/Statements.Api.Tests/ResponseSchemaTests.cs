// The documented response schemas are the ones returned: real responses of every operation, successes and errors,
// are checked against the schema the OpenAPI document gives for their status and media type.
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Statements.Api.Tests;

public sealed class ResponseSchemaTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly string run = Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task EveryOperationAnswersSuccessesAndErrorsInItsDocumentedSchemas()
    {
        var contract = await OpenApiContract.LoadAsync(factory.CreateClient());
        var calls = new Calls(contract, factory.CreateWriter(), factory.CreateClient());

        await calls.OfficialsAsync(run);
        await calls.TopicsAsync(run);
        await calls.MeetingsAsync(run);
        await calls.SourcesAsync(run);
        await calls.StatementsAsync(run);
        await calls.ChangesAndStatsAsync();
        await calls.HistoryAndRelationsAsync(run);
        await calls.KeysAsync(run);
        await calls.ExtractionAsync();
        await calls.BulkAsync(run);

        Assert.True(contract.Failures.Count == 0, string.Join("\n", contract.Failures));
        var uncovered = contract.OperationIds
            .Where(id => !contract.Checked(id, status => status < 400) || !contract.Checked(id, status => status >= 400))
            .ToList();
        Assert.True(uncovered.Count == 0, "no checked success and error response for: " + string.Join(", ", uncovered));
    }

    [Fact]
    public async Task EveryOperationDocumentsItsAnswerToAnUnknownQueryParameterAndToAKeyThatIsNotValid()
    {
        var contract = await OpenApiContract.LoadAsync(factory.CreateClient());
        var client = factory.CreateClient();
        var document = await (await client.GetAsync("/swagger/v1/swagger.json")).ReadJsonAsync();
        var operations = document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(op => (Url: Regex.Replace(path.Name, "{[^}]+}", "1"), Method: new HttpMethod(op.Name.ToUpperInvariant()))))
            .ToList();

        foreach (var (url, method) in operations)
        {
            using var unknown = await client.SendAsync(new HttpRequestMessage(method, url + "?notAParameter=1"));
            Assert.True(unknown.StatusCode == HttpStatusCode.BadRequest, $"{method} {url}?notAParameter=1: {unknown.StatusCode}");
            await contract.CheckAsync(method, url, unknown);

            var revoked = new HttpRequestMessage(method, url);
            revoked.Headers.TryAddWithoutValidation("X-Api-Key", "not-a-key");
            using var unauthorized = await client.SendAsync(revoked);
            Assert.True(unauthorized.StatusCode == HttpStatusCode.Unauthorized, $"{method} {url} with a key that is not valid: {unauthorized.StatusCode}");
            await contract.CheckAsync(method, url, unauthorized);
        }

        Assert.True(contract.Failures.Count == 0, string.Join("\n", contract.Failures));
    }

    [Theory]
    [InlineData("""{"items":[],"next":"/x","unknown":1}""", "unknown")]
    [InlineData("""{"next":"/x"}""", "items")]
    [InlineData("""{"items":[{"id":"1"}]}""", "/items/0")]
    [InlineData("""{"items":[],"total":"many"}""", "/total")]
    public async Task TheCheckRejectsABodyThatBreaksTheSchema(string body, string named)
    {
        var contract = await OpenApiContract.LoadAsync(factory.CreateClient());

        await contract.CheckAsync(HttpMethod.Get, "/api/v1/officials", JsonResponse(HttpStatusCode.OK, body));

        Assert.Contains(named, Assert.Single(contract.Failures));
    }

    [Fact]
    public async Task TheCheckAcceptsNullWhereTheDocumentSaysNullableAndRejectsAnUndocumentedStatus()
    {
        var contract = await OpenApiContract.LoadAsync(factory.CreateClient());

        await contract.CheckAsync(HttpMethod.Get, "/api/v1/officials", JsonResponse(HttpStatusCode.OK, """{"items":[],"next":null,"total":null}"""));
        Assert.Empty(contract.Failures);
        await contract.CheckAsync(HttpMethod.Get, "/api/v1/officials", JsonResponse(HttpStatusCode.Conflict, """{"status":409}"""));
        Assert.Contains("not documented", Assert.Single(contract.Failures));
    }

    [Fact]
    public async Task TheCheckValidatesDateFormats()
    {
        var contract = await OpenApiContract.LoadAsync(factory.CreateClient());
        var statement = (await (await factory.CreateClient().GetAsync("/api/v1/statements/1")).ReadJsonAsync()).GetRawText();

        await contract.CheckAsync(HttpMethod.Get, "/api/v1/statements/1", JsonResponse(HttpStatusCode.OK, statement));
        Assert.Empty(contract.Failures);
        await contract.CheckAsync(HttpMethod.Get, "/api/v1/statements/1", JsonResponse(HttpStatusCode.OK, statement.Replace("\"saidOn\":\"2021-01-01\"", "\"saidOn\":\"1 January 2021\"", StringComparison.Ordinal)));
        Assert.Contains("saidOn", Assert.Single(contract.Failures));
    }

    private static HttpResponseMessage JsonResponse(HttpStatusCode status, string body) =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, status < HttpStatusCode.BadRequest ? "application/json" : "application/problem+json") };

    /// <summary>The requests, one group per resource: each operation at least once with success and once with an error.</summary>
    private sealed class Calls(OpenApiContract contract, HttpClient writer, HttpClient reader)
    {
        private async Task<JsonElement> SendAsync(
            HttpMethod method, string url, object? body = null, string? ifMatch = null, string? ifNoneMatch = null,
            bool withKey = true, string mediaType = "application/json", string? accept = null)
        {
            using var request = new HttpRequestMessage(method, url);
            if (body is not null)
            {
                var json = body as string ?? JsonSerializer.Serialize(body, Json.Options);
                request.Content = new StringContent(json, Encoding.UTF8, mediaType);
            }
            if (ifMatch is not null)
            {
                request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
            }
            if (ifNoneMatch is not null)
            {
                request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
            }
            if (accept is not null)
            {
                request.Headers.TryAddWithoutValidation("Accept", accept);
            }
            using var response = await (withKey ? writer : reader).SendAsync(request);
            return await contract.CheckAsync(method, url, response);
        }

        private Task<JsonElement> GetAsync(string url, string? ifNoneMatch = null, string? accept = null) =>
            SendAsync(HttpMethod.Get, url, ifNoneMatch: ifNoneMatch, accept: accept);

        private Task<JsonElement> PostAsync(string url, object body, bool withKey = true) => SendAsync(HttpMethod.Post, url, body, withKey: withKey);

        private Task<JsonElement> PutAsync(string url, object body, string? ifMatch = null) => SendAsync(HttpMethod.Put, url, body, ifMatch);

        private Task<JsonElement> PatchAsync(string url, string patch, string? ifMatch = null) =>
            SendAsync(HttpMethod.Patch, url, patch, ifMatch, mediaType: "application/merge-patch+json");

        private Task<JsonElement> DeleteAsync(string url, string? ifMatch = null) => SendAsync(HttpMethod.Delete, url, ifMatch: ifMatch);

        private static string ETag(JsonElement resource) => $"\"{resource.GetProperty("version").GetInt64()}\"";

        public async Task OfficialsAsync(string run)
        {
            object Input(string slug) => new
            {
                slug,
                name = "Contract Official",
                nativeName = "Контракт",
                aliases = new[] { "C. Official" },
                country = "FR",
                roles = new[] { new { title = "Minister", organization = "Government", country = "FR", start = "2020-01-01", end = "2022-12-31" } },
                wikidataId = "Q1",
            };
            const string list = "/api/v1/officials";
            await GetAsync($"{list}?limit=2");
            await GetAsync($"{list}?limit=0");
            await GetAsync($"{list}?format=csv");
            var official = await PostAsync(list, Input($"contract-official-{run}"));
            await PostAsync(list, Input($"contract-official-{run}"));
            await PostAsync(list, new { slug = "Not A Slug", name = "" });
            await PostAsync(list, Input($"keyless-{run}"), withKey: false);
            var self = $"{list}/{official.GetProperty("id").GetInt64()}";
            var read = await GetAsync(self);
            await GetAsync(self, ifNoneMatch: ETag(read));
            await GetAsync($"{list}/nobody-{run}");
            var replaced = await PutAsync(self, Input($"contract-official-{run}"), ETag(read));
            await PutAsync(self, Input($"contract-official-{run}"), ETag(read));
            await PutAsync($"{list}/nobody-{run}", Input($"nobody-{run}"));
            await PutAsync(self, new { slug = $"contract-official-{run}" });
            await PatchAsync(self, """{"nativeName":null,"aliases":["Contract"]}""", ETag(replaced));
            await PatchAsync(self, """{"country":"france"}""");
            await GetAsync($"{list}/sergei-lavrov/statements?limit=2&include=official,meeting,topics,source");
            await GetAsync($"{list}/nobody-{run}/statements");
            await GetAsync($"{list}/sergei-lavrov/meetings");
            await GetAsync($"{list}/nobody-{run}/meetings");
            var doomed = await PostAsync(list, Input($"doomed-official-{run}"));
            await DeleteAsync($"{list}/{doomed.GetProperty("id").GetInt64()}");
            await DeleteAsync($"{list}/nobody-{run}");
            await DeleteAsync($"{list}/sergei-lavrov");
        }

        public async Task TopicsAsync(string run)
        {
            const string list = "/api/v1/topics";
            object Input(string slug) => new { slug, name = "Contract topic", description = "For the contract test.", keywords = new[] { "contract" } };
            await GetAsync($"{list}?limit=2");
            await GetAsync($"{list}?limit=0");
            var topic = await PostAsync(list, Input($"contract-topic-{run}"));
            await PostAsync(list, Input($"contract-topic-{run}"));
            await PostAsync(list, new { slug = "Bad Slug", name = "x" });
            var self = $"{list}/{topic.GetProperty("slug").GetString()}";
            var child = await PostAsync(list, new { slug = $"contract-child-{run}", name = "Child", parentId = topic.GetProperty("id").GetInt64() });
            var read = await GetAsync(self);
            await GetAsync(self, ifNoneMatch: ETag(read));
            await GetAsync($"{list}/nobody-{run}");
            var replaced = await PutAsync(self, Input($"contract-topic-{run}"), ETag(read));
            await PutAsync(self, Input($"contract-topic-{run}"), ETag(read));
            await PutAsync($"{list}/nobody-{run}", Input($"nobody-{run}"));
            await PatchAsync(self, """{"description":null}""", ETag(replaced));
            await PatchAsync(self, """{"name":""}""");
            await GetAsync($"{self}/children");
            await GetAsync($"{list}/nobody-{run}/children");
            await GetAsync($"{list}/strategic-stability/statements?limit=2");
            await GetAsync($"{list}/nobody-{run}/statements");
            await DeleteAsync($"{list}/{child.GetProperty("slug").GetString()}");
            await DeleteAsync($"{list}/nobody-{run}");
            await DeleteAsync(self, ifMatch: "\"999999\"");
        }

        public async Task MeetingsAsync(string run)
        {
            const string list = "/api/v1/meetings";
            object Input(string slug) => new
            {
                slug,
                title = "Contract talks",
                kind = "press-conference",
                startsOn = "2024-03-01",
                endsOn = "2024-03-02",
                location = new { city = "Geneva", country = "CH" },
                participantIds = new[] { 1L },
                topicIds = new[] { 1L },
            };
            await GetAsync($"{list}?limit=1");
            await GetAsync($"{list}?kind=party");
            var meeting = await PostAsync(list, Input($"contract-talks-{run}"));
            await PostAsync(list, Input($"contract-talks-{run}"));
            await PostAsync(list, new { slug = $"bad-dates-{run}", title = "x", kind = "summit", startsOn = "2024-03-02", endsOn = "2024-03-01" });
            var self = $"{list}/{meeting.GetProperty("slug").GetString()}";
            var read = await GetAsync(self);
            await GetAsync(self, ifNoneMatch: ETag(read));
            await GetAsync($"{list}/nobody-{run}");
            var replaced = await PutAsync(self, Input($"contract-talks-{run}"), ETag(read));
            await PutAsync(self, Input($"contract-talks-{run}"), ETag(read));
            await PutAsync($"{list}/nobody-{run}", Input($"nobody-{run}"));
            await PatchAsync(self, """{"location":null,"endsOn":null}""", ETag(replaced));
            await PatchAsync(self, """{"kind":"party"}""");
            await GetAsync($"{list}/geneva-summit-2021/participants");
            await GetAsync($"{list}/nobody-{run}/participants");
            await GetAsync($"{list}/geneva-summit-2021/statements?limit=2");
            await GetAsync($"{list}/nobody-{run}/statements");
            await DeleteAsync(self);
            await DeleteAsync(self);
            await DeleteAsync($"{list}/geneva-summit-2021", ifMatch: "\"999999\"");
        }

        public async Task SourcesAsync(string run)
        {
            const string list = "/api/v1/sources";
            object Input(string url) => new { url, title = "Contract report", publisher = "Contract Press", publishedOn = "2024-03-01", language = "en", text = "Words." };
            await GetAsync($"{list}?limit=1");
            await GetAsync($"{list}?limit=501");
            var source = await PostAsync(list, Input($"https://example.org/contract-{run}"));
            await PostAsync(list, Input($"https://example.org/contract-{run}"));
            await PostAsync(list, Input("not a url"));
            var self = $"{list}/{source.GetProperty("id").GetInt64()}";
            var read = await GetAsync(self);
            await GetAsync(self, ifNoneMatch: ETag(read));
            await GetAsync($"{list}/999999");
            await GetAsync($"{list}/not-a-number");
            var replaced = await PutAsync(self, Input($"https://example.org/contract-{run}"), ETag(read));
            await PutAsync(self, Input($"https://example.org/contract-{run}"), ETag(read));
            await PutAsync($"{list}/999999", Input($"https://example.org/nobody-{run}"));
            await PatchAsync(self, """{"publisher":null}""", ETag(replaced));
            await PatchAsync(self, """{"publishedOn":"yesterday"}""");
            await GetAsync($"{list}/1/statements?limit=2");
            await GetAsync($"{list}/999999/statements");
            await DeleteAsync(self);
            await DeleteAsync(self);
            await DeleteAsync($"{list}/1");
        }

        public async Task StatementsAsync(string run)
        {
            const string list = "/api/v1/statements";
            object Input(string text) => new
            {
                officialId = 1L,
                text,
                kind = "quote",
                language = "en",
                originalText = "Слова.",
                originalLanguage = "ru",
                saidOn = "2024-03-01",
                saidOnPrecision = "month",
                context = "contract test",
                meetingId = 1L,
                topicIds = new[] { 1L },
                sourceId = 1L,
            };
            await GetAsync($"{list}?limit=2&include=official,meeting,topics,source&count=true");
            await GetAsync($"{list}?q=summit&limit=2");
            await GetAsync($"{list}?format=ndjson");
            await GetAsync(list, accept: "text/csv");
            await GetAsync($"{list}?q=%22unclosed");
            var statement = await PostAsync(list, Input($"Contract statement {run}."));
            await PostAsync(list, new { officialId = 1L, text = "", kind = "shout", language = "English", saidOn = "2024-13-01" });
            var self = $"{list}/{statement.GetProperty("id").GetInt64()}";
            var read = await GetAsync($"{self}?include=official,meeting,topics,source");
            await GetAsync(self, ifNoneMatch: ETag(read));
            await GetAsync($"{list}/999999");
            await GetAsync($"{list}/not-a-number");
            var replaced = await PutAsync(self, Input($"Contract statement {run}, replaced."), ETag(read));
            await PutAsync(self, Input($"Contract statement {run}, replaced."), ETag(read));
            await PutAsync($"{list}/999999", Input("Nobody's."));
            await PatchAsync(self, """{"context":null,"topicIds":[]}""", ETag(replaced));
            await PatchAsync(self, """{"saidOnPrecision":"week"}""");
            await DeleteAsync(self, ifMatch: "\"999999\"");
            await DeleteAsync(self);
            await DeleteAsync(self);
        }

        public async Task HistoryAndRelationsAsync(string run)
        {
            const string list = "/api/v1/statements";
            object Input(string text) => new { officialId = 1L, text, kind = "quote", language = "en", saidOn = "2024-03-01" };
            var from = await PostAsync(list, Input($"Relation source {run}."));
            var to = await PostAsync(list, Input($"Relation target {run}."));
            var fromUrl = $"{list}/{from.GetProperty("id").GetInt64()}";
            var toUrl = $"{list}/{to.GetProperty("id").GetInt64()}";
            var relation = await PostAsync($"{fromUrl}/relations", new { type = "respondsTo", targetId = to.GetProperty("id").GetInt64() });
            await PostAsync($"{fromUrl}/relations", new { type = "respondsTo", targetId = from.GetProperty("id").GetInt64() });
            var relationUrl = $"{fromUrl}/relations/{relation.GetProperty("id").GetInt64()}";
            await GetAsync(relationUrl);
            await GetAsync($"{fromUrl}/relations/999999");
            await GetAsync($"{fromUrl}/relations");
            await GetAsync($"{list}/999999/relations");
            await DeleteAsync(relationUrl);
            await DeleteAsync(relationUrl);

            foreach (var item in new[] { "/api/v1/officials/1", "/api/v1/topics/1", "/api/v1/meetings/1", "/api/v1/sources/1", fromUrl })
            {
                await GetAsync($"{item}/revisions?limit=2");
                await GetAsync($"{item}/revisions/1");
                await GetAsync($"{item}/revisions/999999");
            }
            foreach (var missing in new[] { "officials", "topics", "meetings", "sources", "statements" })
            {
                await GetAsync($"/api/v1/{missing}/999999/revisions");
            }

            await DeleteAsync(toUrl);
            await PostAsync($"{toUrl}/restore", new { });
            await PostAsync($"{toUrl}/restore", new { });
            await PostAsync($"{list}/999999/restore", new { });
        }

        public async Task BulkAsync(string run)
        {
            await PostAsync("/api/v1/statements/bulk", new object[]
            {
                new { official = "sergei-lavrov", text = $"Bulk one {run}.", kind = "quote", language = "en", saidOn = "2021-06-01" },
                new { officialId = 1L, text = $"Bulk two {run}.", kind = "paraphrase", language = "en", saidOn = "2021-06-02" },
            });
            await PostAsync("/api/v1/statements/bulk", new object[] { new { official = "nobody-at-all", text = "", kind = "shout" } });
        }

        public async Task ExtractionAsync()
        {
            await PostAsync("/api/v1/extract", new { text = "“We will talk,” Sergei Lavrov said on Monday.", publishedOn = "2021-06-01" }, withKey: false);
            await PostAsync("/api/v1/extract", new { text = "" }, withKey: false);
            await PostAsync("/api/v1/sources/1/extract", new { }, withKey: false);
            await PostAsync("/api/v1/sources/999999/extract", new { }, withKey: false);
        }

        public async Task KeysAsync(string run)
        {
            await GetAsync("/api/v1/keys?limit=2");
            await GetAsync("/api/v1/keys?limit=0");
            var key = await PostAsync("/api/v1/keys", new { name = $"contract {run}", role = "reader" });
            await PostAsync("/api/v1/keys", new { name = "", role = "wizard" });
            var url = $"/api/v1/keys/{key.GetProperty("id").GetInt64()}";
            await GetAsync(url);
            await GetAsync("/api/v1/keys/999999");
            await DeleteAsync(url);
            await DeleteAsync("/api/v1/keys/999999");
        }

        public async Task ChangesAndStatsAsync()
        {
            await GetAsync("/api/v1/changes?limit=5");
            await GetAsync("/api/v1/changes?resource=planet");
            await GetAsync("/api/v1/stats/statements?groupBy=official");
            await GetAsync("/api/v1/stats/statements?groupBy=month&official=sergei-lavrov");
            await GetAsync("/api/v1/stats/statements?groupBy=month&format=csv");
            await GetAsync("/api/v1/stats/statements?groupBy=weather");
        }
    }
}
