// Property-based tests over the whole API: CsCheck generates requests to every operation of the served OpenAPI
// document (junk in path, query, headers and body; with an admin key, without one, with a bad one) and each answer
// must hold three properties: never a 5xx; a 4xx is an RFC 9457 problem; and a 4xx changed nothing in the database.
// A failure prints the request (method, path, query, headers, body excerpt), the answer, and the seed to replay it
// with (CsCheck_Seed=…); CsCheck_Iter=… runs more or fewer requests than the default.
using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text.Json;
using CsCheck;
using Microsoft.AspNetCore.TestHost;
using Xunit.Abstractions;

namespace Statements.Api.Tests.Fuzz;

public sealed class FuzzTests(ApiFactory factory, ITestOutputHelper output) : IClassFixture<ApiFactory>
{
    /// <summary>About 25 requests per operation: some 11 s on two busy cores.</summary>
    private const long DefaultIterations = 1500;

    [Fact]
    public async Task GeneratedRequestsNeverGetA5xxAndWhenRejectedAreProblemsThatChangedNothing()
    {
        var writer = factory.CreateWriter();
        var adminKey = writer.DefaultRequestHeaders.Authorization!.Parameter!;
        // Targets for the paths that no sample data fills: a relation, and a key that may be revoked.
        using (var relation = await writer.PostJsonAsync("/api/v1/statements/1/relations", new { type = "respondsTo", targetId = 2 }))
        {
            Assert.Equal(System.Net.HttpStatusCode.Created, relation.StatusCode);
        }
        using (var key = await writer.PostJsonAsync("/api/v1/keys", new { name = "fuzz target", role = "reader" }))
        {
            Assert.Equal(System.Net.HttpStatusCode.Created, key.StatusCode);
        }
        var client = factory.CreateClient();
        using var probe = new DatabaseProbe(factory.DatabasePath);
        var known = probe.Known();
        var operations = await ApiSurface.LoadAsync(client, known);
        var statuses = new ConcurrentDictionary<string, ConcurrentBag<int>>();
        using var gate = new SemaphoreSlim(1);
        var before = probe.Take();

        async Task CheckAsync(FuzzRequest request)
        {
            // Requests go one at a time, so that the fingerprint after one is the fingerprint before the next.
            await gate.WaitAsync();
            try
            {
                var (status, mediaType, body) = await SendAsync(factory.Server, request, adminKey);
                var after = probe.Take();
                var previous = before;
                before = after;
                statuses.GetOrAdd(request.Operation.Id, _ => []).Add(status);
                string Answer() => $"{request}\nanswered {status} {mediaType}: {FuzzRequest.Excerpt(body, 600)}";
                if (status >= 500)
                {
                    Assert.Fail($"A 5xx answer.\n{Answer()}");
                }
                if (status >= 400)
                {
                    if (ProblemError(status, mediaType, body) is { } error)
                    {
                        Assert.Fail($"A {status} answer that is not an RFC 9457 problem: {error}.\n{Answer()}");
                    }
                    if (!previous.SameAs(after))
                    {
                        Assert.Fail($"A rejected request changed the database: {previous.Difference(after)}.\n{Answer()}");
                    }
                }
            }
            finally
            {
                gate.Release();
            }
        }

        await new Requests(known).For(operations).SampleAsync(
            CheckAsync,
            writeLine: output.WriteLine,
            iter: Environment.GetEnvironmentVariable("CsCheck_Iter") is null ? DefaultIterations : -1,
            threads: 1,
            print: request => request.ToString());

        foreach (var (operation, answers) in statuses.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"{operation}: {string.Join(", ", answers.GroupBy(s => s).OrderBy(g => g.Key).Select(g => $"{g.Key}×{g.Count()}"))}");
        }
        var missed = operations.Where(o => !statuses.ContainsKey(o.Id)).Select(o => o.Id).ToList();
        Assert.True(missed.Count == 0, "no request was generated for: " + string.Join(", ", missed));
        Assert.Contains(statuses.Values.SelectMany(s => s), s => s is >= 200 and < 300);
    }

    [Fact]
    public async Task TheFingerprintStaysTheSameAfterAReadAndChangesAfterAWrite()
    {
        var writer = factory.CreateWriter();
        using var probe = new DatabaseProbe(factory.DatabasePath);
        var start = probe.Take();

        using (var read = await factory.CreateClient().GetAsync("/api/v1/statements?q=summit&include=official,topics"))
        {
            Assert.Equal(System.Net.HttpStatusCode.OK, read.StatusCode);
        }
        var afterRead = probe.Take();
        using (var write = await writer.PatchMergeAsync("/api/v1/topics/1", $$"""{"description":"Fingerprinted {{Guid.NewGuid():N}}."}"""))
        {
            Assert.Equal(System.Net.HttpStatusCode.OK, write.StatusCode);
        }
        var afterWrite = probe.Take();

        Assert.True(start.SameAs(afterRead), start.Difference(afterRead));
        Assert.False(afterRead.SameAs(afterWrite));
        var difference = afterRead.Difference(afterWrite);
        Assert.Contains("changes max seq", difference);
        Assert.Contains("table topics: ", difference);
        Assert.Contains("table revisions: ", difference);
    }

    [Fact]
    public void AMutatedBodyCarriesWhatSystemTextJsonWouldNotWrite()
    {
        var valid = System.Text.Json.Nodes.JsonNode.Parse("""{"text":"a","topicIds":[1]}""");
        var mutations = new[]
        {
            new Mutation(MutationKind.Replace, 0, "1e400"u8.ToArray()),
            new Mutation(MutationKind.Replace, 2, JsonText.String("x\ud800y")),
            new Mutation(MutationKind.DuplicateKey, 0, [(byte)'"', 0xff, (byte)'"']),
        };

        var body = Bodies.Render(Bodies.Apply(valid, mutations), ndjson: false);

        Assert.Equal("""{"text":1e400,"topicIds":["x\ud800y"],"text":"\xff"}""", FuzzRequest.Excerpt(body, 1000));
    }

    private static async Task<(int Status, string? MediaType, byte[] Body)> SendAsync(TestServer server, FuzzRequest request, string adminKey)
    {
        try
        {
            var context = await server.SendAsync(c => request.WriteTo(c, adminKey));
            using var body = new MemoryStream();
            await context.Response.Body.CopyToAsync(body);
            var mediaType = context.Response.ContentType is { } type ? MediaTypeHeaderValue.Parse(type).MediaType : null;
            return (context.Response.StatusCode, mediaType, body.ToArray());
        }
        catch (Exception exception) when (exception is not Xunit.Sdk.XunitException)
        {
            // The in-memory server hands an exception that escaped every handler to the caller: a 500 on a real server.
            Assert.Fail($"The server threw {exception}\n{request}");
            throw;
        }
    }

    /// <summary>Why the answer is not an RFC 9457 problem with this status and a title, or null when it is one.</summary>
    private static string? ProblemError(int status, string? mediaType, byte[] body)
    {
        if (mediaType != "application/problem+json")
        {
            return $"media type {mediaType ?? "(none)"}";
        }
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return "the body is not an object";
            }
            if (!root.TryGetProperty("status", out var s) || s.ValueKind != JsonValueKind.Number || s.GetInt32() != status)
            {
                return "no status member equal to the response's status";
            }
            if (!root.TryGetProperty("title", out var title) || title.ValueKind != JsonValueKind.String || title.GetString()!.Length == 0)
            {
                return "no title";
            }
            return null;
        }
        catch (JsonException)
        {
            return "the body is not JSON";
        }
    }
}
