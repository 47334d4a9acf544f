// Measures extraction on the evaluation articles (Extraction/Articles): each article is sent through HTTP and
// its candidates are compared with the annotated statements. A candidate matches an annotation when the kind
// and speaker agree and their spans overlap by at least half of the longer one. Precision and recall are
// counted separately for quotes and paraphrases over all articles together, printed, and held to a bar.
using System.Net;
using System.Text.Json;
using Xunit.Abstractions;

namespace Statements.Api.Tests.Extraction;

/// <summary>The API over the sample data, plus the officials the evaluation articles quote (Articles/speakers.json).</summary>
public sealed class ExtractionEvaluationFactory : ApiFactory, IAsyncLifetime
{
    public Dictionary<string, long> OfficialIds { get; } = [];

    public async Task InitializeAsync()
    {
        var writer = CreateWriter();
        var speakers = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(Articles.Folder, "speakers.json"))).RootElement;
        foreach (var speaker in speakers.EnumerateArray())
        {
            var response = await writer.PostJsonAsync("/api/v1/officials", speaker);
            Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        }
        var reader = CreateClient();
        var page = await (await reader.GetAsync("/api/v1/officials?limit=500")).ReadJsonAsync();
        foreach (var official in page.GetProperty("items").EnumerateArray())
        {
            OfficialIds[official.GetProperty("slug").GetString()!] = official.GetProperty("id").GetInt64();
        }
    }

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;
}

/// <summary>An article of the evaluation set and the statements an editor would take from it.</summary>
public sealed record Article(string Name, string Text, string? PublishedOn, IReadOnlyList<Expected> Statements);

/// <summary>An annotated statement: a known official's slug or, for anyone else, the name as written.</summary>
public sealed record Expected(string? Slug, string? Name, string Kind, int Start, int End);

public static class Articles
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Extraction", "Articles");

    public static IEnumerable<Article> All() =>
        Directory.GetFiles(Folder, "*.json").Where(f => !f.EndsWith("speakers.json", StringComparison.Ordinal)).Order().Select(Load);

    /// <summary>Reads an annotation file; the span of each statement is found by its exact text in the article.</summary>
    public static Article Load(string annotationPath)
    {
        var name = Path.GetFileNameWithoutExtension(annotationPath);
        var textPath = Path.ChangeExtension(annotationPath, ".txt");
        var text = File.ReadAllText(File.Exists(textPath) ? textPath : Path.Combine(AppContext.BaseDirectory, "sample-article.txt"));
        var root = JsonDocument.Parse(File.ReadAllText(annotationPath)).RootElement;
        var statements = root.GetProperty("statements").EnumerateArray().Select(s =>
        {
            var span = s.GetProperty("span").GetString()!;
            var start = text.IndexOf(span, StringComparison.Ordinal);
            Assert.True(start >= 0 && text.IndexOf(span, start + 1, StringComparison.Ordinal) < 0, $"{name}: the span must occur once: {span}");
            return new Expected(
                s.TryGetProperty("speaker", out var slug) ? slug.GetString() : null,
                s.TryGetProperty("name", out var written) ? written.GetString() : null,
                s.GetProperty("kind").GetString()!, start, start + span.Length);
        }).ToList();
        var published = root.TryGetProperty("publishedOn", out var date) && date.ValueKind == JsonValueKind.String ? date.GetString() : null;
        return new Article(name, text, published, statements);
    }
}

public sealed class ExtractionEvaluationTests(ExtractionEvaluationFactory factory, ITestOutputHelper output) : IClassFixture<ExtractionEvaluationFactory>
{
    private const double QuotePrecisionBar = 0.90, QuoteRecallBar = 0.90, ParaphrasePrecisionBar = 0.80, ParaphraseRecallBar = 0.70;

    private sealed class Tally
    {
        public int Expected, Found, Matched;
        public double Precision => Found == 0 ? 1 : (double)Matched / Found;
        public double Recall => Expected == 0 ? 1 : (double)Matched / Expected;
    }

    [Fact]
    public async Task PrecisionAndRecallOnTheEvaluationArticlesMeetTheBar()
    {
        var client = factory.CreateClient();
        var tallies = new Dictionary<string, Tally> { ["quote"] = new(), ["paraphrase"] = new() };
        var articles = Articles.All().ToList();
        Assert.True(articles.Count >= 16, "the evaluation set has at least 15 articles besides the sample");

        foreach (var article in articles)
        {
            var response = await client.PostJsonAsync("/api/v1/extract", new { text = article.Text, publishedOn = article.PublishedOn });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var candidates = (await response.ReadJsonAsync()).GetProperty("candidates").EnumerateArray().ToList();
            var used = new bool[candidates.Count];
            foreach (var expected in article.Statements)
            {
                tallies[expected.Kind].Expected++;
                var match = candidates.FindIndex(c => !used[candidates.IndexOf(c)] && Matches(expected, c));
                if (match >= 0)
                {
                    used[match] = true;
                    tallies[expected.Kind].Matched++;
                }
                else
                {
                    output.WriteLine($"{article.Name}: missed {expected.Kind} by {expected.Slug ?? expected.Name}: {Excerpt(article.Text[expected.Start..expected.End])}");
                }
            }
            for (var i = 0; i < candidates.Count; i++)
            {
                var kind = candidates[i].GetProperty("kind").GetString()!;
                tallies[kind].Found++;
                if (!used[i])
                {
                    output.WriteLine($"{article.Name}: spurious {kind} by {candidates[i].GetProperty("speaker")}: {Excerpt(candidates[i].GetProperty("text").GetString()!)}");
                }
            }
        }

        foreach (var (kind, tally) in tallies)
        {
            output.WriteLine($"{kind}s: precision {tally.Precision:0.000} ({tally.Matched}/{tally.Found}), recall {tally.Recall:0.000} ({tally.Matched}/{tally.Expected})");
        }
        Assert.True(tallies["quote"].Precision >= QuotePrecisionBar, $"quote precision {tallies["quote"].Precision:0.000}");
        Assert.True(tallies["quote"].Recall >= QuoteRecallBar, $"quote recall {tallies["quote"].Recall:0.000}");
        Assert.True(tallies["paraphrase"].Precision >= ParaphrasePrecisionBar, $"paraphrase precision {tallies["paraphrase"].Precision:0.000}");
        Assert.True(tallies["paraphrase"].Recall >= ParaphraseRecallBar, $"paraphrase recall {tallies["paraphrase"].Recall:0.000}");
    }

    /// <summary>Same kind, same speaker, and spans overlapping by at least half of the longer one.</summary>
    private bool Matches(Expected expected, JsonElement candidate)
    {
        if (candidate.GetProperty("kind").GetString() != expected.Kind)
        {
            return false;
        }
        var speaker = candidate.GetProperty("speaker");
        var officialId = speaker.GetProperty("officialId");
        if (expected.Slug is not null)
        {
            if (officialId.ValueKind != JsonValueKind.Number || officialId.GetInt64() != factory.OfficialIds[expected.Slug])
            {
                return false;
            }
        }
        else if (officialId.ValueKind != JsonValueKind.Null || !SameName(expected.Name!, speaker.GetProperty("name").GetString()!))
        {
            return false;
        }
        int start = candidate.GetProperty("start").GetInt32(), end = candidate.GetProperty("end").GetInt32();
        var overlap = Math.Max(0, Math.Min(end, expected.End) - Math.Max(start, expected.Start));
        return overlap >= 0.5 * Math.Max(end - start, expected.End - expected.Start);
    }

    /// <summary>Names as written agree when the words of one are among the other's: "Kurt Weber" and "Weber".</summary>
    private static bool SameName(string expected, string actual)
    {
        static HashSet<string> Words(string name) => name.ToLowerInvariant()
            .Split([' ', ',', '.', '\'', '’'], StringSplitOptions.RemoveEmptyEntries)
            .Where(w => w is not ("a" or "an" or "the"))
            .ToHashSet();
        var (e, a) = (Words(expected), Words(actual));
        return e.Count > 0 && a.Count > 0 && (e.IsSubsetOf(a) || a.IsSubsetOf(e));
    }

    private static string Excerpt(string text) => text.Length <= 90 ? text.ReplaceLineEndings(" ") : text[..90].ReplaceLineEndings(" ") + "…";
}
