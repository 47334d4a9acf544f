// Steps 5 and 6: topics by names and keywords, meetings by title, place, date and participants.
using Statements.Api.Extraction;

namespace Statements.Api.Tests.Extraction;

public sealed class TaggingTests
{
    private static readonly ExtractionDirectory Directory = TestDirectory.Sample();

    [Fact]
    public void TopicsAreFoundByNameAndKeywordsWhateverThePluralOrSpelling()
    {
        var tagger = new TopicTagger(Directory.Topics);

        Assert.Equal(["strategic-stability"], tagger.Tag("Russia and the US are the two largest nuclear powers.").Select(t => t.Slug));
        Assert.Equal(["strategic-stability"], tagger.Tag("It is a nuclear power like no other.").Select(t => t.Slug));
        Assert.Equal(["normalization-of-relations", "us-russia-relations"],
            tagger.Tag("The normalisation of Russian–American relations is possible.").Select(t => t.Slug));
        Assert.Empty(tagger.Tag("Dialogue is better than no dialogue."));
    }

    private static MeetingContext Analyse(string text, DateOnly? publishedOn = null)
    {
        var paragraphs = Paragraphs.Split(text);
        var sentences = SentenceSplitter.Split(text, paragraphs, QuoteFinder.Find(text, paragraphs));
        return new MeetingMatcher(Directory.Meetings, new SpeakerDirectory(Directory.Officials)).Analyse(text, sentences, publishedOn);
    }

    [Theory]
    [InlineData("The fact of the June 16 meeting in Geneva is significant in itself.")]
    [InlineData("Nobody expects a breakthrough at the Biden-Putin summit.")]
    [InlineData("Lavrov spoke ahead of the summit in Geneva on 16 June 2021.")]
    public void AMeetingIsRecognisedByWhatASentenceSaysOfIt(string text) =>
        Assert.Equal(TestDirectory.GenevaSummit, MeetingMatcher.MeetingFor(Analyse(text), [0]));

    [Fact]
    public void AStatementThatOnlySaysTheTalksTakesTheMeetingTheArticleIsAbout()
    {
        var context = Analyse("Lavrov spoke about the Biden-Putin summit in Geneva. The agenda of the talks is not agreed. Dialogue is better.");

        Assert.Equal(TestDirectory.GenevaSummit, context.Dominant);
        Assert.Equal(TestDirectory.GenevaSummit, MeetingMatcher.MeetingFor(context, [1]));
        Assert.Null(MeetingMatcher.MeetingFor(context, [2]));
    }

    [Fact]
    public void AMeetingNeedsMoreThanAPlaceOrAWord()
    {
        Assert.Null(MeetingMatcher.MeetingFor(Analyse("The meeting in Geneva was about trade."), [0]));
        Assert.Null(Analyse("The Biden-Putin summit in Geneva was significant.", publishedOn: new DateOnly(2024, 6, 1)).Dominant);
    }

    [Fact]
    public void DatesAreReadInEitherOrder() =>
        Assert.Equal([(6, 16, (int?)null), (11, 3, 2021)], MeetingMatcher.Dates("the June 16 meeting, and on 3rd November 2021"));
}
