// The extraction pipeline, in order: paragraphs and quotes (QuoteFinder), sentences, attributions of quotes
// (AttributionFinder), reported speech (ReportedSpeechFinder), speakers (SpeakerResolver, in text order so
// that pronouns look back), topics (TopicTagger) and meetings (MeetingMatcher). Built once from a directory,
// it extracts from any number of articles; it keeps no state between them.
using Statements.Api.Statements;

namespace Statements.Api.Extraction;

public sealed partial class StatementExtractor
{
    private const string DefaultLanguage = "en";

    private readonly SpeakerDirectory speakers;
    private readonly TopicTagger topics;
    private readonly MeetingMatcher meetings;

    public StatementExtractor(ExtractionDirectory directory)
    {
        speakers = new SpeakerDirectory(directory.Officials);
        topics = new TopicTagger(directory.Topics);
        meetings = new MeetingMatcher(directory.Meetings, speakers);
    }

    /// <summary>A statement found in the text before its speaker is known.</summary>
    private sealed record Found(StatementKind Kind, TextSpan Span, string Text, SpeakerPhrase? Speaker, double Structure, int Order, TextSpan Extent)
    {
        /// <summary>A transcript line, after its speaker's label.</summary>
        public bool Labelled { get; init; }
    }

    public List<StatementCandidate> Extract(string sent, DateOnly? publishedOn = null, string? language = null, long? sourceId = null)
    {
        var blanked = Markup.BlankTags(sent);
        // Straight single quotes are read as the curly ones (same length, same offsets); what is given back has them straight.
        var text = QuoteMarks.CurlSingleQuotes(blanked);
        var curled = !ReferenceEquals(text, blanked);
        string AsSent(string words) => curled ? words.Replace('‘', '\'').Replace('’', '\'') : words;
        var paragraphs = Paragraphs.Split(text);
        var quotes = QuoteFinder.Find(text, paragraphs);
        var sentences = SentenceSplitter.Split(text, paragraphs, quotes);
        var quoteStatements = AttributionFinder.Find(text, paragraphs, sentences, quotes);
        var reported = ReportedSpeechFinder.Find(text, sentences, quotes, quoteStatements);

        var found = new List<Found>();
        foreach (var quote in quoteStatements)
        {
            var speaker = quote.Attribution.Speaker;
            var order = Math.Min(quote.Span.Start, speaker?.Span.Start ?? int.MaxValue);
            var extent = new TextSpan(Math.Min(quote.Outer.Start, quote.Attribution.Extent.Start), Math.Max(quote.Outer.End, quote.Attribution.Extent.End));
            found.Add(new Found(StatementKind.Quote, quote.Span, QuoteText(text, quote), speaker, StructureConfidence(quote), order, extent)
            {
                Labelled = quote.Attribution.Form == AttributionForm.Label,
            });
        }
        foreach (var clause in KeepDistinct(reported, found))
        {
            var order = Math.Min(clause.Clause.Start, clause.Speaker.Span.Start);
            var extent = new TextSpan(order, Math.Max(clause.Clause.End, clause.Speaker.Span.End));
            found.Add(new Found(StatementKind.Paraphrase, clause.Clause, ParaphraseText(text, clause), clause.Speaker, StructureConfidence(clause.Form), order, extent));
        }
        found.Sort((a, b) => a.Order != b.Order ? a.Order.CompareTo(b.Order) : a.Span.Start.CompareTo(b.Span.Start));

        var resolver = new SpeakerResolver(speakers, text, publishedOn ?? DateOnly.FromDateTime(DateTime.UtcNow), sentences, quotes);
        var meetingContext = meetings.Analyse(text, sentences, publishedOn);
        var candidates = new List<StatementCandidate>();
        var labelledUnknown = new List<(StatementCandidate Candidate, string Label)>();
        var lastSentence = -10;
        foreach (var statement in found)
        {
            var firstSentence = SentenceSplitter.IndexAt(sentences, statement.Extent.Start);
            var speaker = statement.Speaker is { } phrase
                ? resolver.Resolve(phrase)
                : firstSentence - lastSentence <= 2 ? resolver.Previous() : null;
            if (speaker is null)
            {
                continue;
            }
            var endSentence = SentenceSplitter.IndexAt(sentences, Math.Max(statement.Extent.Start, statement.Extent.End - 1));
            lastSentence = endSentence;
            var tagged = topics.Tag(statement.Text);
            var candidate = new StatementCandidate
            {
                Text = AsSent(ReferenceEquals(blanked, sent) ? statement.Text : SpacesLeftByTags().Replace(statement.Text, "")),
                Kind = statement.Kind,
                Start = statement.Span.Start,
                End = statement.Span.End,
                Speaker = new CandidateSpeaker(speaker.OfficialId, speaker.OfficialId is null ? AsSent(speaker.Name) : speaker.Name, speaker.MatchedBy),
                Topics = [.. tagged.Select(t => t.Slug)],
                MeetingId = MeetingMatcher.MeetingFor(meetingContext, Enumerable.Range(firstSentence, endSentence - firstSentence + 1)),
                Confidence = Math.Round(statement.Structure * SpeakerConfidence(speaker.MatchedBy), 2),
                OfficialId = speaker.OfficialId,
                Language = language ?? DefaultLanguage,
                SaidOn = publishedOn,
                TopicIds = [.. tagged.Select(t => t.Id)],
                SourceId = sourceId,
            };
            candidates.Add(candidate);
            if (statement.Labelled && speaker.OfficialId is null)
            {
                labelledUnknown.Add((candidate, speaker.Name));
            }
        }
        candidates.RemoveAll(Interviewers(labelledUnknown).Contains);
        candidates.Sort((a, b) => a.Start.CompareTo(b.Start));
        return candidates;
    }

    /// <summary>
    /// The lines of an interviewer in a transcript: someone the database does not know, labelled like the officials who
    /// answer, whose lines are mostly questions. Questions put by journalists are not statements.
    /// </summary>
    private static HashSet<StatementCandidate> Interviewers(List<(StatementCandidate Candidate, string Label)> labelled) =>
        [.. labelled
            .GroupBy(l => l.Label, StringComparer.OrdinalIgnoreCase)
            .Where(lines => lines.Count(l => l.Candidate.Text.Contains('?')) * 2 >= lines.Count())
            .SelectMany(lines => lines.Select(l => l.Candidate))];

    /// <summary>
    /// A quote's words: exactly the text inside the marks; parts of a split quote are joined with a space, and the
    /// comma that ended a part before its attribution becomes a full stop when the next part starts a sentence.
    /// </summary>
    private static string QuoteText(string text, QuoteStatement quote)
    {
        if (quote.Parts.Count == 1)
        {
            return quote.Parts[0].Inner.Of(text);
        }
        var joined = new System.Text.StringBuilder();
        foreach (var part in quote.Parts)
        {
            var words = part.Inner.Of(text);
            if (joined.Length > 0)
            {
                var last = joined[^1];
                if (char.IsLetterOrDigit(last))
                {
                    joined.Append(char.IsUpper(words[0]) ? ". " : " ");
                }
                else
                {
                    joined.Append(' ');
                }
            }
            joined.Append(words);
        }
        return joined.ToString();
    }

    /// <summary>The reported clause as a sentence: capital first letter, and a full stop if it has no closing punctuation.</summary>
    private static string ParaphraseText(string text, ReportedClause reported)
    {
        var clause = reported.Clause;
        var words = clause.Of(text);
        if (reported.Attribution is { } attribution)
        {
            // "…, Lavrov said, but …" keeps its comma; "Britain, the chancellor insisted, was …" joins subject and verb.
            var rest = new TextSpan(attribution.End, clause.End).Of(text);
            var joiner = rest.StartsWith("and ", StringComparison.Ordinal) || rest.StartsWith("but ", StringComparison.Ordinal) ? ", " : " ";
            words = new TextSpan(clause.Start, attribution.Start).Of(text) + joiner + rest;
        }
        if (words.StartsWith("that ", StringComparison.Ordinal))
        {
            words = words[5..];
        }
        var first = QuoteMarks.IsMark(words[0]) && words.Length > 1 ? 1 : 0; // "“all options remain …” but …": the word after the mark
        words = words[..first] + char.ToUpperInvariant(words[first]) + words[(first + 1)..];
        var last = words.TrimEnd('"', '”', '’', '»', ')')[^1];
        return last is '.' or '!' or '?' or '…' ? words : words + ".";
    }

    /// <summary>
    /// Reported clauses that overlap a quote or an earlier-found clause are dropped; the finder's order is its
    /// order of trust (that-clauses, then according to, fronted clauses, bare clauses).
    /// </summary>
    private static List<ReportedClause> KeepDistinct(List<ReportedClause> reported, List<Found> quotes)
    {
        var occupied = quotes.Select(q => q.Span).OrderBy(s => s.Start).ToList();
        var kept = new List<ReportedClause>();
        foreach (var clause in reported.OrderBy(c => c.Form))
        {
            var at = occupied.BinarySearch(clause.Clause, SpanStartComparer.Instance);
            var next = at >= 0 ? at : ~at;
            var overlaps = false;
            for (var k = Math.Max(0, next - 8); k < occupied.Count && occupied[k].Start < clause.Clause.End && !overlaps; k++)
            {
                overlaps = occupied[k].Overlap(clause.Clause) > 0;
            }
            if (!overlaps)
            {
                occupied.Insert(next, clause.Clause);
                kept.Add(clause);
            }
        }
        return kept;
    }

    private sealed class SpanStartComparer : IComparer<TextSpan>
    {
        public static readonly SpanStartComparer Instance = new();

        public int Compare(TextSpan x, TextSpan y) => x.Start.CompareTo(y.Start);
    }

    private static double StructureConfidence(QuoteStatement quote) => quote.Attribution.Form switch
    {
        AttributionForm.VerbAfter or AttributionForm.VerbBefore or AttributionForm.Label => 0.95,
        AttributionForm.AccordingTo => 0.9,
        AttributionForm.Colon or AttributionForm.Subject => 0.65, // a speaker named beside the quote, with no speech verb
        _ => 0.6,
    };

    private static double StructureConfidence(ParaphraseForm form) => form switch
    {
        ParaphraseForm.ThatClause => 0.85,
        ParaphraseForm.AccordingTo => 0.8,
        ParaphraseForm.Fronted => 0.8,
        _ => 0.65,
    };

    private static double SpeakerConfidence(SpeakerMatch match) => match switch
    {
        SpeakerMatch.Name => 1.0,
        SpeakerMatch.Alias => 0.97,
        SpeakerMatch.Role => 0.9,
        SpeakerMatch.Pronoun => 0.85,
        _ => 0.8,
    };

    /// <summary>Where a tag was blanked: a space after another, or before punctuation ("useful&lt;/em&gt;." reads "useful .").</summary>
    [System.Text.RegularExpressions.GeneratedRegex("(?<= ) +| +(?=[.,;:!?])")]
    private static partial System.Text.RegularExpressions.Regex SpacesLeftByTags();
}
