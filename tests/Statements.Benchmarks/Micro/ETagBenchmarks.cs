// Building a statement's ETag and checking If-None-Match against it (Common/ETags.cs), as GET /statements/{id} does.
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Http;
using Statements.Api.Common;

namespace Statements.Benchmarks.Micro;

[MemoryDiagnoser]
public class ETagBenchmarks
{
    private HttpRequest none = null!;
    private HttpRequest hit = null!;
    private HttpRequest miss = null!;
    private HttpRequest list = null!;

    [GlobalSetup]
    public void Setup()
    {
        none = Request(null);
        hit = Request("\"17-ot\"");
        miss = Request("\"16-ot\"");
        list = Request("W/\"15\", \"16-ot\", \"17-ot\"");
        if (!ETags.NoneMatchHits(hit, ETags.For(17, "ot")) || ETags.NoneMatchHits(miss, ETags.For(17, "ot"))
            || !ETags.NoneMatchHits(list, ETags.For(17, "ot")) || ETags.NoneMatchHits(none, ETags.For(17, "ot")))
        {
            throw new InvalidOperationException("If-None-Match does not answer as expected.");
        }
    }

    [Benchmark]
    public string For() => ETags.For(17);

    [Benchmark]
    public string ForVariant() => ETags.For(17, "ot");

    /// <summary>No If-None-Match: the usual request.</summary>
    [Benchmark]
    public bool NoneMatchAbsent() => ETags.NoneMatchHits(none, "\"17-ot\"");

    [Benchmark]
    public bool NoneMatchHit() => ETags.NoneMatchHits(hit, "\"17-ot\"");

    [Benchmark]
    public bool NoneMatchMiss() => ETags.NoneMatchHits(miss, "\"17-ot\"");

    /// <summary>A list of three tags, the match last.</summary>
    [Benchmark]
    public bool NoneMatchList() => ETags.NoneMatchHits(list, "\"17-ot\"");

    private static HttpRequest Request(string? ifNoneMatch)
    {
        var context = new DefaultHttpContext();
        if (ifNoneMatch is not null)
        {
            context.Request.Headers.IfNoneMatch = ifNoneMatch;
        }
        return context.Request;
    }
}
