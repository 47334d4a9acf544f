// How long extraction takes on a 5,000-word article (the bar is 50 ms). The article is the evaluation articles
// one after another until 5,000 words; the directory holds the evaluation set's officials, topics and meetings,
// and optionally a few thousand more officials to show that look-ups do not grow with the database.
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Statements.Api.Extraction;
using Statements.Api.Officials;

namespace Statements.Benchmarks.Extraction;

[MemoryDiagnoser]
public class ExtractionBenchmarks
{
    public const int ArticleWords = 5_000;

    private string article = "";
    private ExtractionDirectory directory = null!;
    private StatementExtractor extractor = null!;

    /// <summary>Officials added to the evaluation set's, with a role each.</summary>
    [Params(0, 5_000)]
    public int ExtraOfficials { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        article = FiveThousandWordArticle();
        directory = Directory(ExtraOfficials);
        extractor = new StatementExtractor(directory);
    }

    /// <summary>Extraction itself, with the directory's indexes built.</summary>
    [Benchmark(Baseline = true)]
    public int Extract() => extractor.Extract(article, new DateOnly(2024, 3, 12), "en").Count;

    /// <summary>What a request does after loading the directory: build its indexes, then extract.</summary>
    [Benchmark]
    public int BuildIndexesAndExtract() => new StatementExtractor(directory).Extract(article, new DateOnly(2024, 3, 12), "en").Count;

    /// <summary>
    /// Text made only of short quotes, 5,000 of them: per sentence, the work must not grow with the quotes before it
    /// (finding the quotes that reach into a sentence once looked back over 20,000 characters of them).
    /// </summary>
    [Benchmark]
    public int ShortQuotesOneAfterAnother() => extractor.Extract(shortQuotes, new DateOnly(2024, 3, 12), "en").Count;

    private readonly string shortQuotes = string.Concat(Enumerable.Repeat("\"Yes,\" he said. ", 5_000));

    public static string FiveThousandWordArticle()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "Articles");
        var texts = System.IO.Directory.GetFiles(folder, "*.txt").Order().Select(File.ReadAllText).ToList();
        var builder = new StringBuilder();
        var words = 0;
        for (var i = 0; words < ArticleWords; i++)
        {
            var text = texts[i % texts.Count];
            builder.Append(text).Append("\n\n");
            words += text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
        }
        return builder.ToString();
    }

    public static ExtractionDirectory Directory(int extraOfficials)
    {
        var speakers = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Articles", "speakers.json"))).RootElement;
        var officials = new List<DirectoryOfficial>
        {
            new(1, "sergei-lavrov", "Sergei Lavrov", "Сергей Лавров", ["Sergey Lavrov"], "RU",
                [new Role("Minister of Foreign Affairs", "Ministry of Foreign Affairs of the Russian Federation", "RU", new DateOnly(2004, 3, 9), null)]),
            new(2, "antony-blinken", "Antony Blinken", null, ["Anthony Blinken"], "US",
                [new Role("Secretary of State", "United States Department of State", "US", new DateOnly(2021, 1, 26), new DateOnly(2025, 1, 20))]),
            new(3, "vladimir-putin", "Vladimir Putin", "Владимир Путин", [], "RU",
                [new Role("President of Russia", "Russian Federation", "RU", new DateOnly(2012, 5, 7), null)]),
        };
        foreach (var speaker in speakers.EnumerateArray())
        {
            officials.Add(new DirectoryOfficial(
                officials.Count + 1,
                speaker.GetProperty("slug").GetString()!,
                speaker.GetProperty("name").GetString()!,
                speaker.TryGetProperty("nativeName", out var native) ? native.GetString() : null,
                speaker.TryGetProperty("aliases", out var aliases) ? [.. aliases.EnumerateArray().Select(a => a.GetString()!)] : [],
                speaker.GetProperty("country").GetString()!,
                [.. speaker.GetProperty("roles").EnumerateArray().Select(r => new Role(
                    r.GetProperty("title").GetString()!, r.GetProperty("organization").GetString()!, null,
                    DateOnly.Parse(r.GetProperty("start").GetString()!, System.Globalization.CultureInfo.InvariantCulture),
                    r.TryGetProperty("end", out var end) ? DateOnly.Parse(end.GetString()!, System.Globalization.CultureInfo.InvariantCulture) : null))]));
        }
        string[] countries = ["FR", "DE", "IT", "ES", "PL", "BR", "JP", "IN", "CA", "AU"];
        string[] titles = ["Minister of Finance", "Minister of Defence", "Ambassador to the United Nations", "Governor", "Member of Parliament"];
        for (var i = 0; i < extraOfficials; i++)
        {
            officials.Add(new DirectoryOfficial(
                officials.Count + 1, $"official-{i}", $"Firstname{i} Lastname{i}", null, [$"F. Lastname{i}"], countries[i % countries.Length],
                [new Role(titles[i % titles.Length], "Government", countries[i % countries.Length], new DateOnly(2020, 1, 1), null)]));
        }
        var topics = new List<DirectoryTopic>
        {
            new(1, "us-russia-relations", "US–Russia relations", ["Russian-American relations", "relations with Russia"]),
            new(2, "strategic-stability", "Strategic stability", ["strategic stability", "nuclear powers", "arms control"]),
            new(3, "ukraine", "Ukraine", ["Kyiv", "Ukrainian grain", "air defence"]),
            new(4, "climate", "Climate", ["climate", "loss and damage", "adaptation"]),
            new(5, "trade", "Trade", ["trade agreement", "sanctions", "tariffs"]),
        };
        var meetings = new List<DirectoryMeeting>
        {
            new(1, "geneva-summit-2021", "Biden–Putin summit in Geneva", "summit", new DateOnly(2021, 6, 16), null, "Geneva", "CH", [3]),
            new(2, "cop29", "UN Climate Change Conference COP29", "conference", new DateOnly(2024, 11, 11), new DateOnly(2024, 11, 22), "Baku", "AZ", []),
            new(3, "nato-summit-2024", "NATO summit in Washington", "summit", new DateOnly(2024, 7, 9), new DateOnly(2024, 7, 11), "Washington", "US", []),
        };
        return new ExtractionDirectory(officials, topics, meetings);
    }
}
