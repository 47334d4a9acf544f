using System.Net;
using System.Text;

namespace Statements.Api.Tests;

/// <summary>If-Match and If-None-Match on the writes of every resource (RFC 9110 §13.1).</summary>
public sealed class ConditionalRequestTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient writer = factory.CreateWriter();
    private readonly HttpClient reader = factory.CreateClient();

    public static TheoryData<string> Resources => new() { "officials", "topics", "meetings", "sources", "statements" };

    /// <summary>A new resource of the kind; returns its URL and the body to PUT back.</summary>
    private async Task<(string Url, string Body)> CreateAsync(string resource)
    {
        var unique = Guid.NewGuid().ToString("N")[..12];
        var body = resource switch
        {
            "officials" => $$"""{"slug":"cond-{{unique}}","name":"Conditional {{unique}}","country":"FR","roles":[]}""",
            "topics" => $$"""{"slug":"cond-{{unique}}","name":"Conditional {{unique}}"}""",
            "meetings" => $$"""{"slug":"cond-{{unique}}","title":"Conditional {{unique}}","kind":"summit","startsOn":"2021-06-16"}""",
            "sources" => $$"""{"title":"Conditional {{unique}}","url":"https://example.org/{{unique}}"}""",
            _ => """{"officialId":1,"text":"Conditional.","kind":"quote","language":"en","saidOn":"2021-06-16"}""",
        };
        var response = await writer.PostAsync($"/api/v1/{resource}", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (response.Headers.Location!.OriginalString, body);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, string? body, string header, string value)
    {
        var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, method == HttpMethod.Patch ? "application/merge-patch+json" : "application/json");
        }
        request.Headers.TryAddWithoutValidation(header, value);
        return await writer.SendAsync(request);
    }

    private async Task<long> VersionAsync(string url) => (await (await reader.GetAsync(url)).ReadJsonAsync()).GetProperty("version").GetInt64();

    [Theory]
    [MemberData(nameof(Resources))]
    public async Task IfNoneMatchStarOnAnExistingResourceIsAPreconditionFailureAndChangesNothing(string resource)
    {
        var (url, body) = await CreateAsync(resource);

        await (await SendAsync(HttpMethod.Put, url, body, "If-None-Match", "*")).AssertProblemAsync(HttpStatusCode.PreconditionFailed);
        var field = resource switch { "statements" => "text", "meetings" or "sources" => "title", _ => "name" };
        await (await SendAsync(HttpMethod.Patch, url, $$"""{"{{field}}":"Changed."}""", "If-None-Match", "*")).AssertProblemAsync(HttpStatusCode.PreconditionFailed);
        await (await SendAsync(HttpMethod.Put, url, body, "If-None-Match", "\"1\"")).AssertProblemAsync(HttpStatusCode.PreconditionFailed);
        await (await SendAsync(HttpMethod.Delete, url, null, "If-None-Match", "*")).AssertProblemAsync(HttpStatusCode.PreconditionFailed);

        Assert.Equal(1, await VersionAsync(url));
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Put, url, body, "If-None-Match", "\"7\", W/\"8\"")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Resources))]
    public async Task APreconditionFailureNamesTheHeaderThatFailed(string resource)
    {
        var (url, body) = await CreateAsync(resource);

        var noneMatch = await (await SendAsync(HttpMethod.Delete, url, null, "If-None-Match", "*")).AssertProblemAsync(HttpStatusCode.PreconditionFailed);
        var match = await (await SendAsync(HttpMethod.Put, url, body, "If-Match", "\"99\"")).AssertProblemAsync(HttpStatusCode.PreconditionFailed);

        Assert.StartsWith("If-None-Match failed", noneMatch.GetProperty("detail").GetString());
        Assert.DoesNotContain("If-Match", noneMatch.GetProperty("detail").GetString());
        Assert.Contains("If-Match", match.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("3")]
    [InlineData("\"1\", garbage")]
    [InlineData("\"1")]
    public async Task AMalformedIfMatchIsABadRequestNamingItAndChangesNothing(string ifMatch)
    {
        var (url, body) = await CreateAsync("statements");

        var put = await (await SendAsync(HttpMethod.Put, url, body, "If-Match", ifMatch)).AssertInvalidAsync("If-Match");
        await (await SendAsync(HttpMethod.Delete, url, null, "If-Match", ifMatch)).AssertInvalidAsync("If-Match");

        Assert.Contains("double quotes", put.GetProperty("errors").GetProperty("If-Match")[0].GetString());
        Assert.Equal(1, await VersionAsync(url));
        Assert.Equal(HttpStatusCode.NoContent, (await SendAsync(HttpMethod.Delete, url, null, "If-Match", "W/\"5\", \"1\"")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Resources))]
    public async Task IfMatchWithAListPassesWhenAnyTagMatches(string resource)
    {
        var (url, body) = await CreateAsync(resource);
        var field = resource switch { "statements" => "text", "meetings" or "sources" => "title", _ => "name" };

        var patched = await SendAsync(HttpMethod.Patch, url, $$"""{"{{field}}":"Changed under a list."}""", "If-Match", "\"41\", \"1\"");
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        Assert.Equal(2, (await patched.ReadJsonAsync()).GetProperty("version").GetInt64());
        await (await SendAsync(HttpMethod.Put, url, body, "If-Match", "\"41\", W/\"2\"")).AssertProblemAsync(HttpStatusCode.PreconditionFailed);
        await (await SendAsync(HttpMethod.Put, url, body, "If-Match", "\"41\", \"42\"")).AssertProblemAsync(HttpStatusCode.PreconditionFailed);
        await (await SendAsync(HttpMethod.Delete, url, null, "If-Match", "\"41\", \"1\"")).AssertProblemAsync(HttpStatusCode.PreconditionFailed);
        Assert.Equal(HttpStatusCode.NoContent, (await SendAsync(HttpMethod.Delete, url, null, "If-Match", "\"41\", \"2\"")).StatusCode);
    }

    [Fact]
    public async Task DeletingARelationThatDoesNotExistIsNotFoundWhateverIfMatchSays()
    {
        var (url, _) = await CreateAsync("statements");

        var response = await SendAsync(HttpMethod.Delete, $"{url}/relations/999999", null, "If-Match", "\"41\"");

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task DeletingARelationWithAStaleIfMatchIsAPreconditionFailure()
    {
        var (first, _) = await CreateAsync("statements");
        var (second, _) = await CreateAsync("statements");
        var targetId = long.Parse(second[(second.LastIndexOf('/') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        var created = await writer.PostJsonAsync($"{first}/relations", new { type = "repeats", targetId });
        var relation = created.Headers.Location!.OriginalString;

        await (await SendAsync(HttpMethod.Delete, relation, null, "If-Match", "\"1\"")).AssertProblemAsync(HttpStatusCode.PreconditionFailed);
        Assert.Equal(HttpStatusCode.NoContent, (await SendAsync(HttpMethod.Delete, relation, null, "If-Match", "\"1\", \"2\"")).StatusCode);
    }
}
