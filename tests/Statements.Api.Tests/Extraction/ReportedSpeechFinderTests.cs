// Step 3: reported speech, the clauses an official is said to have said.
using Statements.Api.Extraction;

namespace Statements.Api.Tests.Extraction;

public sealed class ReportedSpeechFinderTests
{
    private static List<(string Clause, string Speaker, ParaphraseForm Form)> Find(string text)
    {
        var paragraphs = Paragraphs.Split(text);
        var quotes = QuoteFinder.Find(text, paragraphs);
        var sentences = SentenceSplitter.Split(text, paragraphs, quotes);
        var statements = AttributionFinder.Find(text, paragraphs, sentences, quotes);
        return [.. ReportedSpeechFinder.Find(text, sentences, quotes, statements).Select(c => (c.Clause.Of(text), c.Speaker.Span.Of(text), c.Form))];
    }

    [Theory]
    [InlineData("Lavrov said that Moscow has no illusions.", "Moscow has no illusions.", "Lavrov")]
    [InlineData("Lavrov said on Wednesday at a conference in Moscow that the talks were useful.", "the talks were useful.", "Lavrov")]
    [InlineData("By contrast, US Secretary of State Anthony Blinken has repeatedly stated that improving relations depends on Moscow.",
        "improving relations depends on Moscow.", "By contrast, US Secretary of State Anthony Blinken")]
    [InlineData("Blinken told a Senate committee on Wednesday that aid was urgent.", "aid was urgent.", "Blinken")]
    [InlineData("Blinken made it clear that aid was urgent.", "aid was urgent.", "Blinken")]
    public void ASpeechVerbWithAThatClauseReportsTheClause(string text, string clause, string speaker) =>
        Assert.Contains((clause, speaker, ParaphraseForm.ThatClause), Find(text));

    [Fact]
    public void AccordingToReportsTheClauseBeforeOrAfterIt()
    {
        Assert.Equal([("dialogue is better than no dialogue.", "Lavrov", ParaphraseForm.AccordingTo)], Find("According to Lavrov, dialogue is better than no dialogue."));
        Assert.Equal([("The deal collapsed over sequencing", "three people familiar with the talks", ParaphraseForm.AccordingTo)],
            Find("The deal collapsed over sequencing, according to three people familiar with the talks."));
    }

    [Theory]
    [InlineData("The talks were useful, Lavrov said at a conference in Moscow on Wednesday.", "Lavrov")]
    [InlineData("The talks were useful, the head of Russian diplomacy said.", "the head of Russian diplomacy")]
    [InlineData("The talks were useful, said Lavrov.", "Lavrov")]
    public void AClauseBeforeItsAttributionIsReported(string text, string speaker) =>
        Assert.Equal([("The talks were useful", speaker, ParaphraseForm.Fronted)], Find(text));

    [Fact]
    public void AClauseWithoutThatIsReportedWhenItPlainlyHasAVerb()
    {
        Assert.Equal([("Berlin was ready to help.", "Falk", ParaphraseForm.BareClause)], Find("Falk said Berlin was ready to help."));
        Assert.Empty(Find("Falk said goodbye to his staff on Friday."));
        Assert.Empty(Find("Falk said on Friday in Berlin."));
    }

    [Theory]
    [InlineData("Vaitkute welcomed the move but said it came far too late.", "it came far too late.", "Vaitkute")]
    [InlineData("Ostrander said prices rose sharply in March.", "prices rose sharply in March.", "Ostrander")]
    [InlineData("Ostrander said the allies knew the risks well.", "the allies knew the risks well.", "Ostrander")]
    [InlineData("Malhotra said her party would force a vote next week.", "her party would force a vote next week.", "Malhotra")]
    public void AClauseWithoutThatMayHaveAnIrregularPastOrStartWithHer(string text, string clause, string speaker) =>
        Assert.Equal([(clause, speaker, ParaphraseForm.BareClause)], Find(text));

    [Fact]
    public void AQuotedFragmentMayCarryTheVerbOfAClauseWithoutThat() =>
        Assert.Equal([("the numbers \"simply do not add up\" without tax rises.", "Okonjo", ParaphraseForm.BareClause)],
            Find("Okonjo said the numbers \"simply do not add up\" without tax rises."));

    [Fact]
    public void AHearerDescribedByAParticipleStillLeadsToTheThatClause() =>
        Assert.Equal([("the country could no longer rely on its provinces.", "Tremblay called for a national agency", ParaphraseForm.ThatClause)],
            Find("Tremblay called for a national agency, telling a packed room in Ottawa that the country could no longer rely on its provinces."));

    [Fact]
    public void AParticipleContinuesTheSentencesSpeaker()
    {
        var found = Find("Falk backed the Chancellor, saying that the systems were purely defensive.");

        Assert.Equal([("the systems were purely defensive.", "Falk backed the Chancellor", ParaphraseForm.ThatClause)], found);
    }

    [Fact]
    public void ACoordinatedReportEndsTheFirstClause()
    {
        var found = Find("Negotiators said the draft remained unbalanced and warned they would not sign it.");

        Assert.Contains(("the draft remained unbalanced", "Negotiators", ParaphraseForm.BareClause), found);
        Assert.Contains(("they would not sign it.", "Negotiators", ParaphraseForm.BareClause), found); // the second verb shares the first one's subject
    }

    [Fact]
    public void AParticipleClauseAfterTheAttributionIsTheReportersAndReportsNothing()
    {
        Assert.Equal([("The talks were useful", "Lavrov", ParaphraseForm.Fronted)],
            Find("The talks were useful, Lavrov said on Tuesday, escalating a dispute that has simmered since the summer."));
        Assert.Empty(Find("Lavrov spoke on Tuesday, escalating a dispute that has simmered since the summer."));
        Assert.Empty(Find("Lavrov said on Tuesday, escalating a dispute that has simmered since the summer."));
    }

    [Fact]
    public void AReactionAfterTheAttributionReportsNothing() =>
        Assert.Empty(Find("\"Members will come to order,\" he said, to laughter that rather undermined the point."));

    [Fact]
    public void TheReportersAsClauseAfterTheReportedClauseEndsIt()
    {
        Assert.Equal([("Britain would not stand by", "Hale", ParaphraseForm.ThatClause)],
            Find("Hale warned that Britain would not stand by, as rescuers pulled more residents from rooftops."));
        Assert.Equal([("Britain would send ships, as well as aircraft, to the Gulf.", "Hale", ParaphraseForm.ThatClause)],
            Find("Hale said that Britain would send ships, as well as aircraft, to the Gulf."));
    }

    [Fact]
    public void NegatedAndRefusedSpeechIsNotReported()
    {
        Assert.Empty(Find("Sokolov did not say that the president would travel."));
        Assert.Empty(Find("Sokolov declined to say whether the president would travel."));
    }

    [Fact]
    public void ScareQuotesStayInsideTheReportedClause()
    {
        var (clause, _, _) = Assert.Single(Find("Lavrov said that Moscow has no \"high expectations\" or \"illusions\" about the summit."));

        Assert.Equal("Moscow has no \"high expectations\" or \"illusions\" about the summit.", clause);
    }

    [Fact]
    public void ABrokenSentenceIsNotReadAsAClauseBeforeItsAttribution()
    {
        // The sample article's subtitle runs into its first sentence without a full stop.
        const string text = "Nevertheless, there is an \"objective need\" for a dialogue, said the Russian Foreign Minister Russian Foreign Minister Sergei Lavrov said that Moscow has no illusions.";

        var (clause, speaker, form) = Assert.Single(Find(text));

        Assert.Equal(("Moscow has no illusions.", ParaphraseForm.ThatClause), (clause, form));
        Assert.EndsWith("Sergei Lavrov", speaker, StringComparison.Ordinal);
    }

    [Fact]
    public void AnAttributionInsideAQuoteIsNotReportedSpeech() =>
        Assert.Empty(Find("\"The president has said many times that Russia is ready,\" Sokolov told reporters."));
}
