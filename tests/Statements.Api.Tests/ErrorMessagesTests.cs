// What a client reads in a 4xx: the field by its JSON name, the values or format it would have taken, the media type
// an operation accepts.
using System.Net;
using System.Text;
using System.Text.Json;

namespace Statements.Api.Tests;

public sealed class ErrorMessagesTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient writer = factory.CreateWriter();

    private static string Message(JsonElement problem, string field) => problem.GetProperty("errors").GetProperty(field)[0].GetString()!;

    private Task<HttpResponseMessage> PostRawAsync(string url, string json, string mediaType = "application/json") =>
        writer.PostAsync(url, new StringContent(json, Encoding.UTF8, mediaType));

    [Theory]
    [InlineData("official")]
    [InlineData("from")]
    [InlineData("topic")]
    public async Task ALongBadValueIsQuotedBackByItsFirstHundredCharacters(string parameter)
    {
        var value = new string('x', 5000);

        var problem = await (await factory.CreateClient().GetAsync($"/api/v1/statements?{parameter}={value}")).AssertProblemAsync(HttpStatusCode.BadRequest);

        var message = Message(problem, parameter);
        Assert.Contains($"'{value[..100]}…'", message);
        Assert.True(message.Length < 400, message);
    }

    [Fact]
    public async Task TextThatIsNotUtf8SaysSoRatherThanThatItIsNoString()
    {
        var body = Encoding.UTF8.GetBytes("""{"slug":"bad-bytes","name":"Na""").Concat(new byte[] { 0xC3, 0x28 }).Concat(Encoding.UTF8.GetBytes("""me"}""")).ToArray();
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");

        var problem = await (await writer.PostAsync("/api/v1/topics", content)).AssertProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal("Not valid UTF-8: the text holds bytes that encode no character.", Message(problem, "name"));
    }

    [Fact]
    public async Task AMissingFieldIsNamedAsInTheJson()
    {
        var meeting = await (await writer.PostJsonAsync("/api/v1/meetings", new { slug = "missing-starts-on", title = "No date", kind = "summit" }))
            .AssertInvalidAsync("startsOn");
        Assert.Equal("startsOn is required.", Message(meeting, "startsOn"));

        var role = await (await writer.PostJsonAsync("/api/v1/officials", new { slug = "missing-role-title", name = "No title", roles = new[] { new { organization = "Org" } } }))
            .AssertInvalidAsync("roles[0].title");
        Assert.Equal("title is required.", Message(role, "roles[0].title"));
    }

    [Theory]
    [InlineData("""{"officialId":1,"text":"x","kind":"quote","language":"en","saidOn":"2021-06-01","saidOnPrecision":"week"}""", "saidOnPrecision", "day, month, year")]
    [InlineData("""{"officialId":1,"text":"x","kind":"shout","language":"en","saidOn":"2021-06-01"}""", "kind", "quote, paraphrase")]
    [InlineData("""{"officialId":1,"text":"x","kind":"quote","language":"en","saidOn":"2021-1-1"}""", "saidOn", "yyyy-MM-dd")]
    [InlineData("""{"officialId":"one","text":"x","kind":"quote","language":"en","saidOn":"2021-06-01"}""", "officialId", "integer")]
    public async Task AValueOfTheWrongShapeSaysWhatIsExpected(string body, string field, string expected)
    {
        var problem = await (await PostRawAsync("/api/v1/statements", body)).AssertInvalidAsync(field);

        Assert.Contains(expected, Message(problem, field));
        Assert.Equal("One or more fields are invalid.", problem.GetProperty("title").GetString()); // the JSON itself is fine
    }

    [Theory]
    [InlineData("{\"slug\":\"a\",}", "The body is not valid JSON: a trailing comma at line 1, after byte 12.")]
    [InlineData("{", "The body is not valid JSON: an object or array is not closed at line 1, after byte 1.")]
    [InlineData("{\"slug\":\n  \"a\" \"b\"}", "at line 2, after byte 6.")]
    [InlineData("]", "at the start of line 1.")]
    public async Task ABodyThatIsNotJsonSaysWhereInPlainWords(string body, string expected)
    {
        var problem = await (await PostRawAsync("/api/v1/officials", body)).AssertInvalidAsync("$");

        Assert.True(Message(problem, "$").Contains(expected, StringComparison.Ordinal), Message(problem, "$"));
        Assert.Equal("The request body is not valid JSON.", problem.GetProperty("title").GetString());
        Assert.DoesNotContain("reader options", Message(problem, "$"));
        Assert.DoesNotContain("depth", Message(problem, "$"));
    }

    [Theory]
    [InlineData("/api/v1/statements?limit=abc", "limit", "it takes a whole number")]
    [InlineData("/api/v1/statements?count=1", "count", "it takes true or false")]
    [InlineData("/api/v1/changes?after=abc", "after", "it takes a whole number")]
    public async Task AQueryValueOfTheWrongTypeSaysWhatItTakes(string url, string field, string expected)
    {
        var problem = await (await writer.GetAsync(url)).AssertInvalidAsync(field);

        Assert.True(Message(problem, field).EndsWith($"is not a valid value here: {expected}.", StringComparison.Ordinal), Message(problem, field));
    }

    [Theory]
    [InlineData("a AND", "The search expression q is malformed: it ends where a search term should follow")]
    [InlineData("\"open", "The search expression q is malformed: a double quote is not closed.")]
    [InlineData("a ) b", "The search expression q is malformed: ')' cannot stand where it does.")]
    public async Task AMalformedSearchSaysWhatIsWrongInPlainWords(string q, string expected)
    {
        var problem = await (await writer.GetAsync($"/api/v1/statements?q={Uri.EscapeDataString(q)}")).AssertInvalidAsync("q");

        Assert.StartsWith(expected, Message(problem, "q"));
        Assert.DoesNotContain("fts5", Message(problem, "q"));
    }

    [Fact]
    public async Task ATooLongStringSaysHowLongItMayBe()
    {
        var problem = await (await writer.PostJsonAsync("/api/v1/officials", new { slug = "too-long-name", name = new string('a', 201), country = "GB" }))
            .AssertInvalidAsync("name");

        Assert.Equal("name must be 1 to 200 characters long.", Message(problem, "name"));
    }

    [Fact]
    public async Task AMeetingKindListsTheKindsAsWritten()
    {
        var problem = await (await PostRawAsync("/api/v1/meetings", """{"slug":"bad-kind","title":"x","kind":"party","startsOn":"2021-01-01"}"""))
            .AssertInvalidAsync("kind");

        Assert.Contains("press-conference", Message(problem, "kind"));
    }

    [Fact]
    public async Task AnUnsupportedMediaTypeNamesTheOneAccepted()
    {
        var post = await (await PostRawAsync("/api/v1/officials", """{"slug":"x","name":"x"}""", "text/plain"))
            .AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);
        Assert.Contains("application/json", post.GetProperty("detail").GetString());

        var patch = await (await writer.PatchAsync("/api/v1/officials/1", new StringContent("""{"name":"x"}""", Encoding.UTF8, "application/json")))
            .AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);
        Assert.Contains("application/merge-patch+json", patch.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("/api/v1/officials/1")]
    [InlineData("/api/v1/topics/1")]
    [InlineData("/api/v1/meetings/1")]
    [InlineData("/api/v1/sources/1")]
    [InlineData("/api/v1/statements/1")]
    public async Task APatchSentAsPlainJsonIsToldItTakesOnlyMergePatch(string url)
    {
        var problem = await (await writer.PatchAsync(url, new StringContent("""{"name":"x"}""", Encoding.UTF8, "application/json")))
            .AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);

        Assert.Equal("The body was sent with Content-Type 'application/json; charset=utf-8'; this operation accepts application/merge-patch+json.",
            problem.GetProperty("detail").GetString());
    }
}
