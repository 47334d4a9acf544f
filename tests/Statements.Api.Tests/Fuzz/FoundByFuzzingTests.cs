// Regression tests for what the property-based tests in FuzzTests found, one plain request each.
using System.Net;

namespace Statements.Api.Tests.Fuzz;

public sealed class FoundByFuzzingTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    // An Accept without JSON in it (as a CSV or NDJSON export client sends) left the problem unwritten: an empty 400,
    // or a 500 where the problem came from the exception handler (a path id that is not a number).
    [Theory]
    [InlineData("GET", "/api/v1/changes?after=x", "text/csv", true, HttpStatusCode.BadRequest)]
    [InlineData("GET", "/api/v1/statements?limit=many", "text/csv, application/x-ndjson", false, HttpStatusCode.BadRequest)]
    [InlineData("DELETE", "/api/v1/statements/4/relations/one", "text/csv", true, HttpStatusCode.BadRequest)]
    [InlineData("PUT", "/api/v1/sources/first", "application/xml", true, HttpStatusCode.BadRequest)]
    [InlineData("GET", "/api/v1/officials/nobody-at-all", "application/xml", false, HttpStatusCode.NotFound)]
    [InlineData("POST", "/api/v1/topics", "text/csv", false, HttpStatusCode.Unauthorized)]
    public async Task AnErrorIsAProblemEvenWhenAcceptLeavesJsonOut(string method, string url, string accept, bool withKey, HttpStatusCode status)
    {
        var client = withKey ? factory.CreateWriter() : factory.CreateClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        request.Headers.TryAddWithoutValidation("Accept", accept);
        if (method is "PUT" or "POST")
        {
            request.Content = new StringContent("""{"title":"x"}""", System.Text.Encoding.UTF8, "application/json");
        }

        using var response = await client.SendAsync(request);

        var problem = await response.AssertProblemAsync(status);
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
        Assert.True(problem.TryGetProperty("traceId", out _));
    }

    // A merge patch is read lazily, so a member name or string that is not UTF-8 only failed deep in the merge: a 500.
    [Theory]
    [InlineData("sources/1", new byte[] { 0xfe, 0xfe, 0xff, 0xff }, null)]
    [InlineData("officials/1", new byte[] { 0xc3, 0x28 }, null)]
    [InlineData("topics/1", new byte[] { 0xed, 0xa0, 0x80 }, "description")]
    [InlineData("statements/1", new byte[] { 0xff }, "context")]
    public async Task AMergePatchThatIsNotUtf8IsRejected(string resource, byte[] invalid, string? member)
    {
        byte[] body = member is null
            ? [.. "{\""u8, .. invalid, .. "\":1}"u8]
            : [.. "{\""u8, .. System.Text.Encoding.UTF8.GetBytes(member), .. "\":\"a"u8, .. invalid, .. "\"}"u8];
        using var content = new ByteArrayContent(body);
        content.Headers.TryAddWithoutValidation("Content-Type", "application/merge-patch+json");
        var writer = factory.CreateWriter();
        var before = await (await writer.GetAsync($"/api/v1/{resource}")).ReadJsonAsync();

        using var response = await writer.PatchAsync($"/api/v1/{resource}", content);

        await response.AssertInvalidAsync(member ?? "$");
        var after = await (await writer.GetAsync($"/api/v1/{resource}")).ReadJsonAsync();
        Assert.Equal(before.GetProperty("version").GetInt64(), after.GetProperty("version").GetInt64());
    }

    // The same lazy reading made a \u escape of a lone surrogate, and a member given twice, a 500.
    [Theory]
    [InlineData("topics/1", """{"description":"a\udee8b"}""", "description")]
    [InlineData("meetings/1", """{"location":{"city":"\ud800"}}""", "location.city")]
    [InlineData("statements/4", """{"language":"en","language":"ru"}""", "$")]
    [InlineData("statements/4", """{"text":"a","Text":"b"}""", "$")]
    [InlineData("officials/1", """{"roles":[{"title":"a","title":"b"}]}""", "roles[0]")]
    public async Task AMergePatchWithALoneSurrogateOrARepeatedMemberIsRejected(string resource, string patch, string field)
    {
        var writer = factory.CreateWriter();
        var before = await (await writer.GetAsync($"/api/v1/{resource}")).ReadJsonAsync();

        using var response = await writer.PatchMergeAsync($"/api/v1/{resource}", patch);

        await response.AssertInvalidAsync(field);
        var after = await (await writer.GetAsync($"/api/v1/{resource}")).ReadJsonAsync();
        Assert.Equal(before.GetProperty("version").GetInt64(), after.GetProperty("version").GetInt64());
    }

    // A JSON body is read in the Content-Type's charset; one that .NET does not know threw out of the body binding: a 500.
    [Theory]
    [InlineData("POST", "/api/v1/extract", false)]
    [InlineData("POST", "/api/v1/topics", true)]
    [InlineData("PUT", "/api/v1/topics/1", true)]
    [InlineData("PATCH", "/api/v1/topics/1", true)]
    public async Task ABodyInACharsetThatIsNotKnownIsUnsupported(string method, string url, bool withKey)
    {
        var client = withKey ? factory.CreateWriter() : factory.CreateClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), url)
        {
            Content = new ByteArrayContent("""{"slug":"charset-test","name":"x","text":"x"}"""u8.ToArray()),
        };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", (method == "PATCH" ? "application/merge-patch+json" : "application/json") + "; charset=nonsense");

        using var response = await client.SendAsync(request);

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);
        Assert.Contains("nonsense", problem.GetProperty("detail").GetString());
    }
}
