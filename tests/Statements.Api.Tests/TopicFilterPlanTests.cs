// A topic filter reads the list one of three ways, by how many statements the topic has (StatementFilter.AddTopicsAsync):
// under 1,000, from 1,000 to 20,000, and more; with an official filter, also by how many statements the topic and the
// officials have in common. Each way must give the same answer: every tagged statement once, in order.
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Statements.Api.Tests;

public sealed class TopicFilterPlanTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private const int Broad = 20_100;
    private const int Narrow = 1_500;
    private const int Few = 300;

    private readonly HttpClient writer = factory.CreateWriter();
    private readonly HttpClient reader = factory.CreateClient();

    [Fact]
    public async Task FewNarrowAndBroadTopicsEachListEveryTaggedStatementOnceInOrder()
    {
        foreach (var slug in new[] { "plan-few", "plan-narrow", "plan-broad" })
        {
            var topic = await writer.PostJsonAsync("/api/v1/topics", new { slug, name = slug });
            Assert.Equal(HttpStatusCode.Created, topic.StatusCode);
        }
        var official = await writer.PostJsonAsync("/api/v1/officials", new { slug = "plan-speaker", name = "Plan Speaker" });
        Assert.Equal(HttpStatusCode.Created, official.StatusCode);

        // Every statement is on the broad topic; the first 1,500 also on the narrow one, the first 300 on all three.
        var lines = new StringBuilder();
        for (var i = 0; i < Broad; i++)
        {
            var topics = i < Few ? "\"plan-few\",\"plan-narrow\",\"plan-broad\"" : i < Narrow ? "\"plan-narrow\",\"plan-broad\"" : "\"plan-broad\"";
            var saidOn = new DateOnly(2000, 1, 1).AddDays(i % 700).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            lines.Append(CultureInfo.InvariantCulture,
                $$"""{"official":"plan-speaker","text":"Plan statement {{i}}.","kind":"quote","language":"en","saidOn":"{{saidOn}}","topics":[{{topics}}]}""").Append('\n');
        }
        var body = new StringContent(lines.ToString(), Encoding.UTF8);
        body.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
        var import = await writer.PostAsync("/api/v1/statements/bulk", body);
        Assert.Equal(HttpStatusCode.OK, import.StatusCode);
        var ids = (await import.ReadJsonAsync()).GetProperty("ids").EnumerateArray().Select(e => e.GetInt64()).ToList();

        await AssertListsAsync("topic=plan-few", ids.Take(Few));
        await AssertListsAsync("topic=plan-narrow", ids.Take(Narrow));
        await AssertListsAsync("topic=plan-broad", ids);
        // The same with an official and dates, which another index then drives.
        await AssertListsAsync("topic=plan-narrow&official=plan-speaker&from=2000-03&to=2000-12",
            ids.Take(Narrow).Where((_, i) => (i % 700) is >= 60 and <= 365));

        // An official and a topic read their statements in common from an index that copies each statement's official:
        // moving statements to another official moves them there too.
        var other = await writer.PostJsonAsync("/api/v1/officials", new { slug = "plan-other", name = "Plan Other" });
        var otherId = (await other.ReadJsonAsync()).GetProperty("id").GetInt64();
        var moved = new[] { ids[0], ids[Few], ids[Narrow], ids[^1] };
        foreach (var id in moved)
        {
            var patch = await writer.PatchMergeAsync($"/api/v1/statements/{id}", $$"""{"officialId":{{otherId}}}""");
            Assert.Equal(HttpStatusCode.OK, patch.StatusCode);
        }
        await AssertListsAsync("topic=plan-broad&official=plan-other", moved);
        await AssertListsAsync("topic=plan-narrow&official=plan-other", moved.Take(2));
        await AssertListsAsync("topic=plan-narrow&official=plan-speaker", ids.Take(Narrow).Except(moved));
        // As many in common as a broad topic has: checked row by row on the official's walk.
        await AssertListsAsync("topic=plan-broad&official=plan-speaker", ids.Except(moved));
        await AssertListsAsync("topic=plan-broad&official=plan-speaker,plan-other", ids);

        // The copy follows any change of a statement's official, also one that does not rewrite its topics.
        await using (var connection = new SqliteConnection($"Data Source={factory.DatabasePath}"))
        {
            await connection.ExecuteAsync("UPDATE statements SET official_id = @otherId WHERE id = @id", new { otherId, id = ids[1] });
        }
        await AssertListsAsync("topic=plan-narrow&official=plan-other", [.. moved.Take(2), ids[1]]);
    }

    /// <summary>Walks the list to its end and checks it holds exactly these statements, newest first, none twice.</summary>
    private async Task AssertListsAsync(string filter, IEnumerable<long> expected)
    {
        var seen = new List<(string SaidOn, long Id)>();
        string? next = $"/api/v1/statements?{filter}&limit=500";
        while (next is not null)
        {
            var page = await (await reader.GetAsync(next)).ReadJsonAsync();
            seen.AddRange(page.GetProperty("items").EnumerateArray()
                .Select(s => (s.GetProperty("saidOn").GetString()!, s.GetProperty("id").GetInt64())));
            next = page.TryGetProperty("next", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
        }
        Assert.Equal(expected.Order(), seen.Select(s => s.Id).Order());
        Assert.Equal(seen.OrderByDescending(s => s.SaidOn, StringComparer.Ordinal).ThenByDescending(s => s.Id), seen);
    }
}
