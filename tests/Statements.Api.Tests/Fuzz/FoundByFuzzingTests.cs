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
}
