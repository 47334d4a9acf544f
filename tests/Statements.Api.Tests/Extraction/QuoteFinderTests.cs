// Step 1: finding quotations, and the paragraphs and sentences around them.
using Statements.Api.Extraction;

namespace Statements.Api.Tests.Extraction;

public sealed class QuoteFinderTests
{
    private static List<QuotedSpan> Find(string text) => QuoteFinder.Find(text, Paragraphs.Split(text));

    private static string[] Inner(string text) => [.. Find(text).Select(q => q.Inner.Of(text))];

    [Fact]
    public void CurlyQuotesArePairedAndTheCommaBeforeTheAttributionIsLeftOut()
    {
        const string text = "“We have no illusions,” Lavrov said.";

        var quote = Assert.Single(Find(text));

        Assert.Equal("We have no illusions", quote.Inner.Of(text));
        Assert.Equal(0, quote.Outer.Start);
        Assert.Equal(text.IndexOf('”', StringComparison.Ordinal) + 1, quote.Outer.End);
        Assert.True(quote.IsStandalone);
    }

    [Theory]
    [InlineData("«Brussels has chosen to shoot itself in the foot,» Voronova said.", "Brussels has chosen to shoot itself in the foot")]
    [InlineData("„Wir sind keine Kriegspartei“, sagte Brandt.", "Wir sind keine Kriegspartei")]
    [InlineData("„This is a good day for farmers,” Nowak said.", "This is a good day for farmers")]
    [InlineData("‘We will defend our own ships,’ she said.", "We will defend our own ships")]
    [InlineData("« Europe must speak with one voice », Morel said.", "Europe must speak with one voice")]
    [InlineData("»Das ist falsch«, sagte er.", "Das ist falsch")]
    public void QuoteMarksOfOtherLanguagesArePaired(string text, string expected) =>
        Assert.Equal([expected], Inner(text));

    [Fact]
    public void NestedQuotesStayInsideTheOuterQuote()
    {
        const string text = "“When a child asks us, ‘What did you do?’, we need an answer,” Okafor said.";

        Assert.Equal(["When a child asks us, ‘What did you do?’, we need an answer"], Inner(text));
    }

    [Fact]
    public void ApostrophesDoNotCloseASingleQuote()
    {
        const string text = "‘Moscow’s offer ignores the farmers’ union and the ’90s deal,’ she said.";

        Assert.Equal(["Moscow’s offer ignores the farmers’ union and the ’90s deal"], Inner(text));
    }

    [Theory]
    [InlineData("He said the episode raised ‘serious questions’ about funding. Ministers were to blame, he added.", "serious questions")]
    [InlineData("He said ‘the players’ union is wrong’ about funding.", "the players’ union is wrong")]
    public void ASingleQuoteMarkAfterAnSClosesTheOpenQuoteWhenNoLaterMarkCould(string text, string expected) =>
        Assert.Equal([expected], Inner(text));

    [Fact]
    public void ScareQuotesInsideASentenceAreNotStandalone()
    {
        const string text = "Lavrov said Moscow has no \"high expectations\" or \"illusions\" about the summit.";

        Assert.All(Find(text), q => Assert.False(q.IsStandalone));
    }

    [Fact]
    public void ADashAtTheStartOfASentenceAndALoneMarkEnclosesSpeech()
    {
        const string text = "“We have common interests,” Lavrov said. - We have quite intensive contacts. Everything should be discussed. \" \"The normalization is possible,\" he said.";

        var quotes = Find(text);

        Assert.Equal([QuoteForm.Marks, QuoteForm.Dash, QuoteForm.Marks], quotes.Select(q => q.Form));
        Assert.Equal("We have quite intensive contacts. Everything should be discussed.", quotes[1].Inner.Of(text));
        Assert.Equal("The normalization is possible", quotes[2].Inner.Of(text));
    }

    [Fact]
    public void DialogueDashesEncloseSpeechBeforeAndAfterItsAttribution()
    {
        const string text = "Lavrov met the press.\n\n— We are ready to work, — said Lavrov. — But the other side must also be ready.\n\n— It is a question of time! — he added.";

        var quotes = Find(text);

        Assert.All(quotes, q => Assert.Equal((QuoteForm.Dash, true), (q.Form, q.IsStandalone)));
        Assert.Equal(["We are ready to work", "But the other side must also be ready.", "It is a question of time!"], quotes.Select(q => q.Inner.Of(text)));
    }

    [Fact]
    public void AQuoteStillOpenAtTheEndOfItsParagraphIsMarkedSo()
    {
        const string text = "\"There is nothing radical about that.\n\n\"What would be radical is asking taxpayers to pay.\"";

        var quotes = Find(text);

        Assert.True(quotes[0].OpenAtParagraphEnd);
        Assert.False(quotes[1].OpenAtParagraphEnd);
        Assert.Equal(1, quotes[1].Paragraph);
    }

    [Fact]
    public void TranscriptLinesAreQuotesOnlyWhenSeveralParagraphsHaveLabels()
    {
        const string transcript = "QUESTION: Will you travel there?\n\nSECRETARY-GENERAL: If my presence helps, I will go.\n\nMODERATOR: Thank you.";
        const string headline = "Lavrov: Moscow Has No Illusions about the Summit\n\nLavrov spoke on Wednesday.";

        var lines = Find(transcript);
        Assert.All(lines, l => Assert.Equal(QuoteForm.Label, l.Form));
        var line = Assert.Single(lines, l => l.IsStandalone); // the questions are quoted, but never statements
        Assert.Equal("SECRETARY-GENERAL", line.Label!.Value.Of(transcript));
        Assert.Equal("If my presence helps, I will go.", line.Inner.Of(transcript));
        Assert.Empty(Find(headline));
    }

    [Fact]
    public void HeadingsAndDatelinesAreRecognised()
    {
        const string text = "Lavrov: No Illusions about the Summit\n\nBy Staff Reporter\n\nMOSCOW (Reuters) - Lavrov said on Wednesday that talks were useful.";

        var paragraphs = Paragraphs.Split(text);

        Assert.Equal([true, true, false], paragraphs.Select(p => p.IsHeading));
        Assert.Equal(text.IndexOf("Lavrov said", StringComparison.Ordinal), paragraphs[2].ContentStart);
    }

    [Fact]
    public void SentencesDoNotEndAtAbbreviationsInitialsOrFullStopsInsideQuotes()
    {
        const string text = "Mr. Blinken met Antony J. Blinken's U.S. team. \"We agreed. We left,\" he said. Then he flew home.";
        var paragraphs = Paragraphs.Split(text);

        var sentences = SentenceSplitter.Split(text, paragraphs, QuoteFinder.Find(text, paragraphs));

        Assert.Equal(
            ["Mr. Blinken met Antony J. Blinken's U.S. team.", "\"We agreed. We left,\" he said.", "Then he flew home."],
            sentences.Select(s => s.Span.Of(text)));
    }
}
