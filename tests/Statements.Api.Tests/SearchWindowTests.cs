// The first page of a search in order of relevance is read from the best 1,000 hits only (StatementFilter.RankedWindowFrom),
// here in two halves of the ids at once, as on a large table.
// It must be the page the whole ranking gives: filled from the window when it can be, read again from every hit when the
// window holds too few of the statements the other filters keep, and continued by its cursor without a gap or a repeat.
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Hosting;

namespace Statements.Api.Tests;

public sealed class SearchWindowTests(SplitSearchApiFactory factory) : IClassFixture<SplitSearchApiFactory>
{
    // More loud hits than the window in each half of the ids, once the search is split.
    private const int Loud = 2_100;
    private const int Quiet = 5;

    private readonly HttpClient writer = factory.CreateWriter();
    private readonly HttpClient reader = factory.CreateClient();

    [Fact]
    public async Task AFirstPageByRelevanceIsTheWholeRankingsFirstPage()
    {
        foreach (var slug in new[] { "window-loud", "window-quiet" })
        {
            Assert.Equal(HttpStatusCode.Created, (await writer.PostJsonAsync("/api/v1/officials", new { slug, name = slug })).StatusCode);
        }
        // The loud statements say the word three times in a few words, and so rank above every quiet one, which says it
        // once among many.
        var lines = new StringBuilder();
        // The last statement, in the upper half of the ids, says it five times and so ranks above all of them.
        for (var i = 0; i <= Loud + Quiet; i++)
        {
            var (official, text) = i < Loud
                ? ("window-loud", $"Windowword windowword windowword {i}.")
                : i < Loud + Quiet
                    ? ("window-quiet", $"A long and rambling remark that mentions the windowword only once among very many other words, number {i}.")
                    : ("window-loud", "Windowword windowword windowword windowword windowword.");
            lines.Append(CultureInfo.InvariantCulture,
                $$"""{"official":"{{official}}","text":"{{text}}","kind":"quote","language":"en","saidOn":"2020-01-01"}""").Append('\n');
        }
        var body = new StringContent(lines.ToString(), Encoding.UTF8);
        body.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
        var import = await writer.PostAsync("/api/v1/statements/bulk", body);
        Assert.Equal(HttpStatusCode.OK, import.StatusCode);
        var ids = (await import.ReadJsonAsync()).GetProperty("ids").EnumerateArray().Select(e => e.GetInt64()).ToList();
        var loud = ids.Take(Loud).ToList();
        var quiet = ids.Skip(Loud).Take(Quiet).ToList();
        var loudest = ids[^1];

        // Every hit is in the best 1,000 of its half of the ids but the quiet ones: the window holds none of them, so
        // the page is read again.
        Assert.Equal(quiet, await WalkAsync("q=windowword&official=window-quiet&limit=10"));
        Assert.Equal(quiet, await WalkAsync("q=windowword&official=window-quiet&limit=2"));

        // The loudest first, then the loud ones, which tie and so come in id order, then the quiet ones; the first page
        // comes from the windows and the rest through its cursor.
        Assert.Equal([loudest, .. loud, .. quiet], await WalkAsync("q=windowword&limit=100"));
        Assert.Equal([loudest, .. loud.Take(49)], await WalkAsync("q=windowword&limit=50", pages: 1));
    }

    /// <summary>The ids of the list, following next for up to this many pages.</summary>
    private async Task<List<long>> WalkAsync(string filter, int pages = int.MaxValue)
    {
        var ids = new List<long>();
        string? next = $"/api/v1/statements?{filter}";
        for (var page = 0; next is not null && page < pages; page++)
        {
            var response = await reader.GetAsync(next);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = await response.ReadJsonAsync();
            ids.AddRange(body.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("id").GetInt64()));
            next = body.TryGetProperty("next", out var link) && link.ValueKind == System.Text.Json.JsonValueKind.String ? link.GetString() : null;
        }
        return ids;
    }
}

/// <summary>The API with every first page by relevance ranked in two halves of the ids, as on a large table.</summary>
public sealed class SplitSearchApiFactory : ApiFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Statements:Search:SplitFrom", "1");
    }
}
