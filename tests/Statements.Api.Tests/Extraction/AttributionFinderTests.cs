// Step 2: attaching quotes to their speech verbs and speakers, and joining the parts of split quotes.
using Statements.Api.Extraction;

namespace Statements.Api.Tests.Extraction;

public sealed class AttributionFinderTests
{
    private static List<QuoteStatement> Find(string text)
    {
        var paragraphs = Paragraphs.Split(text);
        var quotes = QuoteFinder.Find(text, paragraphs);
        return AttributionFinder.Find(text, paragraphs, SentenceSplitter.Split(text, paragraphs, quotes), quotes);
    }

    private static (AttributionForm Form, string? Speaker) Attribution(string text)
    {
        var statement = Assert.Single(Find(text));
        return (statement.Attribution.Form, statement.Attribution.Speaker?.Span.Of(text));
    }

    [Theory]
    [InlineData("\"We have no illusions,\" Lavrov said.", AttributionForm.VerbAfter, "Lavrov")]
    [InlineData("\"We have no illusions,\" Lavrov told reporters in Moscow.", AttributionForm.VerbAfter, "Lavrov")]
    [InlineData("\"We have no illusions,\" said the head of the Russian Foreign Ministry.", AttributionForm.VerbAfter, "the head of the Russian Foreign Ministry")]
    [InlineData("\"We have no illusions,\" said Lavrov at a conference in Moscow.", AttributionForm.VerbAfter, "Lavrov")]
    [InlineData("\"We have no illusions,\" Sergei Lavrov, 71, has repeatedly said.", AttributionForm.VerbAfter, "Sergei Lavrov, 71")]
    [InlineData("\"We have no illusions,\" he added.", AttributionForm.VerbAfter, "he")]
    [InlineData("\"We have no illusions,\" according to Lavrov.", AttributionForm.AccordingTo, "Lavrov")]
    [InlineData("Lavrov said: \"We have no illusions.\"", AttributionForm.VerbBefore, "Lavrov")]
    [InlineData("Speaking in Moscow on Wednesday, Lavrov told reporters, \"We have no illusions.\"", AttributionForm.VerbBefore, "Speaking in Moscow on Wednesday, Lavrov")]
    [InlineData("He added that \"we have no illusions.\"", AttributionForm.VerbBefore, "He")]
    [InlineData("According to Lavrov, \"we have no illusions.\"", AttributionForm.AccordingTo, "Lavrov")]
    [InlineData("Lavrov's answer was blunt: \"We have no illusions.\"", AttributionForm.Colon, "Lavrov's answer was blunt")]
    public void AQuoteIsAttributedByASpeechVerbOnEitherSide(string text, AttributionForm form, string speaker) =>
        Assert.Equal((form, speaker), Attribution(text));

    [Fact]
    public void AQuoteSplitByItsAttributionIsOneStatement()
    {
        const string text = "\"We have no illusions,\" Lavrov said at a conference in Moscow. \"But there is a need for dialogue.\"";

        var statement = Assert.Single(Find(text));

        Assert.Equal(2, statement.Parts.Count);
        Assert.Equal("We have no illusions,\" Lavrov said at a conference in Moscow. \"But there is a need for dialogue.", statement.Span.Of(text));
    }

    [Fact]
    public void AQuoteContinuedInTheNextParagraphIsOneStatement()
    {
        const string text = "\"Russia should pay,\" he said. \"There is nothing radical about that.\n\n\"What would be radical is asking taxpayers to pay.\"";

        Assert.Equal(3, Assert.Single(Find(text)).Parts.Count);
    }

    [Fact]
    public void QuotesWithTheirOwnAttributionsStaySeparate()
    {
        const string text = "\"We agree,\" Lavrov said. \"We do not,\" Blinken replied.";

        Assert.Equal(2, Find(text).Count);
    }

    [Fact]
    public void AQuoteEndingWithAFullStopTakesNoAttributionFromTheNextSentence()
    {
        const string text = "Lavrov spoke for an hour. \"We have no illusions about it.\" Critics said the speech was long.";

        var statement = Assert.Single(Find(text));

        // Not the critics': the sentence before, whose subject Lavrov is, gives the quote its speaker.
        Assert.Equal((AttributionForm.Subject, "Lavrov"), (statement.Attribution.Form, statement.Attribution.Speaker?.Span.Of(text)));
    }

    [Theory]
    [InlineData("Asked whether the city had acted quickly enough, Harrold bristled. \"We opened shelters before the rain fell.\"", "Harrold")]
    [InlineData("Mayor Denise Harrold shrugged.\n\n\"We opened shelters before the rain fell.\"", "Mayor Denise Harrold")]
    [InlineData("She paused. \"We opened shelters before the rain fell.\"", "She")]
    public void AQuoteNothingElseClaimsIsBySubjectOfTheSentenceBefore(string text, string speaker) =>
        Assert.Equal((AttributionForm.Subject, speaker), Attribution(text));

    [Theory]
    [InlineData("The Opposition benches erupted. \"We opened shelters before the rain fell.\"")]
    [InlineData("Harrold, who had clearly expected the question, shuffled her notes and looked at the floor for a while. \"We opened shelters before the rain fell.\"")]
    [InlineData("Harrold bristled at the \"impertinent\" question. \"We opened shelters before the rain fell.\"")]
    public void ASentenceBeforeWithoutANamedSubjectLeavesTheQuoteAContinuation(string text) =>
        Assert.Equal(AttributionForm.Continuation, Find(text)[^1].Attribution.Form);

    [Fact]
    public void ScareQuotesAndQuotedTitlesAreNotStatements()
    {
        Assert.Empty(Find("Moscow has no \"high expectations\" or \"illusions\" about the summit, Lavrov said."));
        Assert.Empty(Find("Protesters held signs reading \"No more war\" outside the hall."));
        Assert.Empty(Find("The phrase \"strategic autonomy\" means different things in Paris and Warsaw."));
    }

    [Fact]
    public void QuotesInHeadlinesAreNotStatements() =>
        Assert.Empty(Find("Lavrov: Moscow has \"no illusions\" about summit\n\nThe minister spoke in Moscow."));
}
