// An in-memory directory for the unit tests of the extraction steps: the sample article's officials, topics
// and summit, plus a French foreign minister and her predecessor to show that role phrases follow dates.
using Statements.Api.Extraction;
using Statements.Api.Officials;

namespace Statements.Api.Tests.Extraction;

public static class TestDirectory
{
    public const long Lavrov = 1, Blinken = 2, Biden = 3, Putin = 4, Morel = 5, Lambert = 6, Okafor = 7;
    public const long GenevaSummit = 1;

    public static ExtractionDirectory Sample() => new(
        [
            new DirectoryOfficial(Lavrov, "sergei-lavrov", "Sergei Lavrov", "Сергей Лавров", ["Sergey Lavrov"], "RU",
                [new Role("Minister of Foreign Affairs", "Ministry of Foreign Affairs of the Russian Federation", "RU", new DateOnly(2004, 3, 9), null)]),
            new DirectoryOfficial(Blinken, "antony-blinken", "Antony Blinken", null, ["Anthony Blinken", "Tony Blinken"], "US",
                [new Role("Secretary of State", "United States Department of State", "US", new DateOnly(2021, 1, 26), new DateOnly(2025, 1, 20))]),
            new DirectoryOfficial(Biden, "joe-biden", "Joe Biden", null, ["Joseph R. Biden Jr."], "US",
                [new Role("President of the United States", "Government of the United States", "US", new DateOnly(2021, 1, 20), new DateOnly(2025, 1, 20))]),
            new DirectoryOfficial(Putin, "vladimir-putin", "Vladimir Putin", "Владимир Путин", [], "RU",
                [new Role("President of Russia", "Russian Federation", "RU", new DateOnly(2012, 5, 7), null)]),
            new DirectoryOfficial(Morel, "claire-morel", "Claire Morel", null, [], "FR",
                [new Role("Minister for Europe and Foreign Affairs", "Ministry for Europe and Foreign Affairs", null, new DateOnly(2022, 5, 20), null)]),
            new DirectoryOfficial(Lambert, "pierre-lambert", "Pierre Lambert", null, [], "FR",
                [new Role("Minister for Europe and Foreign Affairs", "Ministry for Europe and Foreign Affairs", null, new DateOnly(2017, 6, 21), new DateOnly(2022, 5, 19))]),
            new DirectoryOfficial(Okafor, "daniel-okafor", "Daniel Okafor", null, [], "",
                [new Role("Secretary-General", "United Nations", null, new DateOnly(2022, 1, 1), null)]),
        ],
        [
            new DirectoryTopic(1, "us-russia-relations", "US–Russia relations", ["Russian-American relations", "relations with Russia"]),
            new DirectoryTopic(2, "strategic-stability", "Strategic stability", ["strategic stability", "nuclear powers", "arms control"]),
            new DirectoryTopic(3, "normalization-of-relations", "Normalisation of relations", ["normalization", "improving relations"]),
        ],
        [
            new DirectoryMeeting(GenevaSummit, "geneva-summit-2021", "Biden–Putin summit in Geneva", "summit", new DateOnly(2021, 6, 16), null, "Geneva", "CH", [Biden, Putin]),
            new DirectoryMeeting(2, "paris-peace-forum-2021", "Paris Peace Forum", "conference", new DateOnly(2021, 11, 11), new DateOnly(2021, 11, 13), "Paris", "FR", [Morel]),
        ]);

    public static StatementExtractor Extractor() => new(Sample());

    public static string SampleArticle => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "sample-article.txt"));
}
