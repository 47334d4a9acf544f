// The first page of a search in order of relevance is read from the best 1,000 hits only (StatementFilter.RankedWindowFrom).
// It must be the page the whole ranking gives: filled from the window when it can be, read again from every hit when the
// window holds too few of the statements the other filters keep, and continued by its cursor without a gap or a repeat.
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Statements.Api.Tests;

public sealed class SearchWindowTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private const int Loud = 1_100;
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
        for (var i = 0; i < Loud + Quiet; i++)
        {
            var (official, text) = i < Loud
                ? ("window-loud", $"Windowword windowword windowword {i}.")
                : ("window-quiet", $"A long and rambling remark that mentions the windowword only once among very many other words, number {i}.");
            lines.Append(CultureInfo.InvariantCulture,
                $$"""{"official":"{{official}}","text":"{{text}}","kind":"quote","language":"en","saidOn":"2020-01-01"}""").Append('\n');
        }
        var body = new StringContent(lines.ToString(), Encoding.UTF8);
        body.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
        var import = await writer.PostAsync("/api/v1/statements/bulk", body);
        Assert.Equal(HttpStatusCode.OK, import.StatusCode);
        var ids = (await import.ReadJsonAsync()).GetProperty("ids").EnumerateArray().Select(e => e.GetInt64()).ToList();
        var loud = ids.Take(Loud).ToList();
        var quiet = ids.Skip(Loud).ToList();

        // Every hit is in the best 1,000 but the quiet ones: the window holds none of them, so the page is read again.
        Assert.Equal(quiet, await WalkAsync("q=windowword&official=window-quiet&limit=10"));
        Assert.Equal(quiet, await WalkAsync("q=windowword&official=window-quiet&limit=2"));

        // The loud ones tie, so they come in id order, then the quiet ones; the first page comes from the window and the
        // rest through its cursor.
        Assert.Equal([.. loud, .. quiet], await WalkAsync("q=windowword&limit=100"));
        Assert.Equal(loud.Take(50), (await WalkAsync("q=windowword&limit=50", pages: 1)));
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
