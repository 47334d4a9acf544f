// A search of one plain word is ranked in memory (SearchRanking) rather than by FTS5's bm25(). Its order and its ranks must be
// bm25()'s exactly — every hit, every page, every cursor — and stay so as statements are created, edited, deleted and
// their officials renamed, and after a write that bypasses the API.
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Statements.Api.Statements;

namespace Statements.Api.Tests;

public sealed class SearchRankingTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static readonly string[] Vocabulary =
        ["rankalpha", "rankbeta", "rankgamma", "treaty", "border", "talks", "stability", "the", "and", "of", "2024", "Rankdelta"];

    // One plain word: ranked in memory.
    private static readonly string[] Queries = ["rankalpha", "rankbeta", "RankAlpha", "rankdelta", "ranksinger", "2024", "the", " treaty "];

    // Several words, phrases, FTS5 syntax and words beyond ASCII: ranked by bm25() itself.
    private static readonly string[] Bm25Queries =
        ["rankalpha rankbeta", "rankalpha rankalpha", "\"rankalpha rankbeta\"", "\"the rankalpha\" rankbeta", "rankalpha OR rankbeta", "rankal*",
         "rankalpha NOT rankbeta", "NEAR(rankalpha rankbeta, 2)", "rankalpha AND rankbeta", "ränkalpha"];

    private readonly HttpClient writer = factory.CreateWriter();
    private readonly HttpClient reader = factory.CreateClient();

    [Fact]
    public async Task PlainWordSearchesRankAsBm25DoesThroughWrites()
    {
        Assert.Equal(HttpStatusCode.Created, (await writer.PostJsonAsync("/api/v1/officials", new { slug = "rank-speaker", name = "Ranksinger Rankalpha" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await writer.PostJsonAsync("/api/v1/officials", new { slug = "rank-other", name = "Other Speaker" })).StatusCode);
        var random = new Random(7);
        string Words(int count) => string.Join(' ', Enumerable.Range(0, count).Select(_ => Vocabulary[random.Next(Vocabulary.Length)]));
        var lines = new StringBuilder();
        for (var i = 0; i < 300; i++)
        {
            var official = i % 3 == 0 ? "rank-speaker" : "rank-other";
            var original = i % 4 == 0 ? $""","originalText":"{Words(random.Next(1, 8))}","originalLanguage":"fr" """ : "";
            var context = i % 5 == 0 ? $""","context":"{Words(random.Next(1, 12))}" """ : "";
            lines.Append(CultureInfo.InvariantCulture,
                $$"""{"official":"{{official}}","text":"{{Words(random.Next(1, 40))}}","kind":"quote","language":"en","saidOn":"2020-01-01"{{original}}{{context}}}""").Append('\n');
        }
        var body = new StringContent(lines.ToString(), Encoding.UTF8);
        body.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
        var import = await writer.PostAsync("/api/v1/statements/bulk", body);
        Assert.Equal(HttpStatusCode.OK, import.StatusCode);
        var ids = (await import.ReadJsonAsync()).GetProperty("ids").EnumerateArray().Select(e => e.GetInt64()).ToList();

        await AssertRankedAsBm25Async();

        // Edits that change statements' lengths, a deletion, a new statement and a renamed official.
        Assert.Equal(HttpStatusCode.OK, (await writer.PatchMergeAsync($"/api/v1/statements/{ids[1]}", """{"text":"rankalpha"}""")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await writer.PatchMergeAsync($"/api/v1/statements/{ids[2]}", $$"""{"text":"{{Words(60)}} rankalpha"}""")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await writer.DeleteAsync($"/api/v1/statements/{ids[3]}")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await writer.PostJsonAsync("/api/v1/statements",
            new { officialId = await OfficialIdAsync("rank-other"), text = "Rankalpha rankbeta rankalpha.", kind = "quote", language = "en", saidOn = "2021-05-01" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await writer.PatchMergeAsync("/api/v1/officials/rank-speaker", """{"name":"Ranksinger Rankalpha Rankbeta the Elder"}""")).StatusCode);
        await AssertRankedAsBm25Async();

        // A write by SQL, past the API and its changes feed: the index's totals no longer agree with the lengths held.
        await using (var connection = new SqliteConnection($"Data Source={factory.DatabasePath}"))
        {
            // Longer than any generated text, so the statement's length changes.
            await connection.ExecuteAsync("UPDATE statements SET text = @text WHERE id = @id", new { text = "rankalpha " + Words(45), id = ids[4] });
        }
        await AssertRankedAsBm25Async();
    }

    private async Task<long> OfficialIdAsync(string slug) =>
        (await (await reader.GetAsync($"/api/v1/officials/{slug}")).ReadJsonAsync()).GetProperty("id").GetInt64();

    /// <summary>Walks every query's pages and compares each hit's place, and each cursor's rank, with bm25() over the database.</summary>
    private async Task AssertRankedAsBm25Async()
    {
        await using var connection = new SqliteConnection($"Data Source={factory.DatabasePath};Mode=ReadOnly");
        await connection.OpenAsync();
        foreach (var q in Queries.Concat(Bm25Queries))
        {
            var expected = (await connection.QueryAsync<(long Id, double Rank)>(
                $"SELECT rowid, {SearchRanking.Bm25} AS rank FROM statements_fts WHERE statements_fts MATCH @q ORDER BY rank, rowid",
                new { q })).ToList();
            Assert.True(expected.Count > 3, $"'{q}' should find several statements");
            // And the ranking held in memory, which the pages below come from once it has read the statements' lengths (in the
            // background, at the first search and after a write past the API), is the same.
            if (Queries.Contains(q))
            {
                Assert.Equal(expected, await RankedInMemoryAsync(connection, q));
            }
            else
            {
                Assert.Null(await factory.Services.GetRequiredService<SearchRanking>().RankAsync(connection, q, CancellationToken.None));
            }
            var seen = new List<long>();
            string? next = $"/api/v1/statements?q={Uri.EscapeDataString(q)}&limit=7";
            while (next is not null)
            {
                var page = await (await reader.GetAsync(next)).ReadJsonAsync();
                seen.AddRange(page.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("id").GetInt64()));
                next = page.TryGetProperty("next", out var link) && link.ValueKind == System.Text.Json.JsonValueKind.String ? link.GetString() : null;
                if (next is not null)
                {
                    // The cursor holds the last hit's rank, which must be bm25()'s to the bit.
                    var cursor = Encoding.UTF8.GetString(Convert.FromBase64String(Pad(Uri.UnescapeDataString(next.Split("cursor=")[1].Split('&')[0])))).Split('\n');
                    var last = expected[seen.Count - 1];
                    Assert.Equal(last.Id.ToString(CultureInfo.InvariantCulture), cursor[1]);
                    Assert.Equal(last.Rank, double.Parse(cursor[2], CultureInfo.InvariantCulture));
                }
            }
            Assert.Equal(expected.Select(e => e.Id), seen);
        }
    }

    private async Task<List<(long Id, double Rank)>> RankedInMemoryAsync(SqliteConnection connection, string q)
    {
        var ranking = factory.Services.GetRequiredService<SearchRanking>();
        for (var attempt = 0; attempt < 100; attempt++)
        {
            using var hits = await ranking.RankAsync(connection, q, CancellationToken.None);
            if (hits is not null)
            {
                return [.. hits.All.ToArray().Select(hit => (hit.Id, hit.Rank))];
            }
            await Task.Delay(50);
        }
        throw new Xunit.Sdk.XunitException($"'{q}' was not ranked in memory within 5 s.");
    }

    private static string Pad(string base64Url)
    {
        var text = base64Url.Replace('-', '+').Replace('_', '/');
        return text + new string('=', (4 - text.Length % 4) % 4);
    }
}
