// Step 2 of extraction: attach each quotation to the words that say who said it. A speech verb with its
// speaker may follow the quote ("…," Lavrov said / "…," said the head of the Russian Foreign Ministry /
// "…," according to Lavrov) or come before it (Lavrov said: "…" / He added that "…"). A quote with no
// attribution of its own continues a neighbouring one: the second half of a quote split by its attribution
// ("We have …," he said. "…"), the next paragraph of a quote left open, or speech introduced by a dash.
// Otherwise a complete quoted sentence is kept as a continuation of whoever spoke just before; a quoted phrase
// inside a sentence (a scare quote) never becomes a statement.
namespace Statements.Api.Extraction;

public enum AttributionForm
{
    /// <summary>"…," Lavrov said / "…," said Lavrov.</summary>
    VerbAfter,
    /// <summary>Lavrov said: "…" / He added that "…".</summary>
    VerbBefore,
    /// <summary>According to Lavrov, "…" / "…," according to Lavrov.</summary>
    AccordingTo,
    /// <summary>Lavrov's answer was blunt: "…" (a colon after a sentence naming the speaker, with no speech verb).</summary>
    Colon,
    /// <summary>A transcript line: LAVROV: …</summary>
    Label,
    /// <summary>Harrold bristled. "…" (the sentence before has the speaker as its subject, and no speech verb for the quote).</summary>
    Subject,
    /// <summary>No attribution: the words continue the previous speaker's.</summary>
    Continuation,
    /// <summary>"…?" he asked: a question put, not a statement.</summary>
    Question,
}

/// <summary>
/// The words that name a speaker. BeforeVerb: they stand before the speech verb (the speaker is the last
/// subject-like name in them); otherwise after it (the first). KnownOnly: only a known official or a pronoun counts.
/// </summary>
public sealed record SpeakerPhrase(TextSpan Span, bool BeforeVerb, bool KnownOnly = false);

/// <summary>How a statement is attributed; Extent covers the attribution's words (verb and speaker).</summary>
public sealed record Attribution(AttributionForm Form, SpeakerPhrase? Speaker, TextSpan Extent);

/// <summary>A direct quote in one or more parts, and its attribution.</summary>
public sealed class QuoteStatement(QuotedSpan first, Attribution attribution)
{
    public List<QuotedSpan> Parts { get; } = [first];

    public Attribution Attribution { get; } = attribution;

    /// <summary>From the first word of the first part to the last word of the last.</summary>
    public TextSpan Span => new(Parts[0].Inner.Start, Parts[^1].Inner.End);

    /// <summary>The quote marks and, between parts, the attribution.</summary>
    public TextSpan Outer => new(Parts[0].Outer.Start, Parts[^1].Outer.End);
}

public static class AttributionFinder
{
    private const int MaxSpeakerWords = 20;
    private const int MaxWordsAfterVerb = 12;

    /// <summary>The most words after the verb of a sentence whose subject a following quote is given to: "Harrold bristled."</summary>
    private const int MaxWordsAfterSubjectVerb = 8;

    /// <summary>How far before a quote its attribution is looked for, in characters: a long sentence's worth.</summary>
    private const int MaxLookBack = 600;

    public static List<QuoteStatement> Find(string text, IReadOnlyList<Paragraph> paragraphs, IReadOnlyList<Sentence> sentences, IReadOnlyList<QuotedSpan> quotes)
    {
        var own = new Attribution?[quotes.Count];
        for (var i = 0; i < quotes.Count; i++)
        {
            var quote = quotes[i];
            if (!IsCandidate(quote, paragraphs))
            {
                continue;
            }
            own[i] = quote.Form == QuoteForm.Label
                ? quote.Label is null ? null : new Attribution(AttributionForm.Label, new SpeakerPhrase(quote.Label!.Value, BeforeVerb: true), quote.Label.Value)
                : After(text, paragraphs, sentences, quote, i + 1 < quotes.Count ? quotes[i + 1] : null)
                    ?? Before(text, sentences, quote, i > 0 ? quotes[i - 1] : null);
            if (own[i] is { } found && IsAsking(text, found))
            {
                own[i] = found with { Form = AttributionForm.Question };
            }
        }

        var statements = new List<QuoteStatement>();
        var waiting = new List<QuotedSpan>();
        for (var i = 0; i < quotes.Count; i++)
        {
            var quote = quotes[i];
            if (!IsCandidate(quote, paragraphs))
            {
                continue;
            }
            if (own[i] is { Form: AttributionForm.Question })
            {
                waiting.Clear(); // a question is no one's statement, nor does it continue one
                continue;
            }
            if (own[i] is { Form: AttributionForm.VerbBefore } shared && statements.Count > 0 && waiting.Count == 0
                && statements[^1].Attribution is { Form: AttributionForm.VerbAfter } previous && previous.Extent.Overlap(shared.Extent) > 0
                && quote.Paragraph == statements[^1].Parts[^1].Paragraph)
            {
                statements[^1].Parts.Add(quote); // "I have been clear," he said, "that …": one sentence around its attribution
                continue;
            }
            if (own[i] is { } attribution)
            {
                var statement = new QuoteStatement(waiting.Count > 0 ? waiting[0] : quote, attribution);
                statement.Parts.AddRange(waiting.Skip(1));
                if (waiting.Count > 0)
                {
                    statement.Parts.Add(quote);
                }
                waiting.Clear();
                statements.Add(statement);
                continue;
            }
            if (own[i] is null && IsParenthesized(text, quote))
            {
                waiting.Clear(); // «On ne signera pas …», Cormier said. (“We will not sign …”): the reporter's translation
                continue;
            }
            // A continuation is not continued again, unless it was left open at the end of its paragraph: a quote over paragraphs.
            if (statements.Count > 0 && (statements[^1].Attribution.Form != AttributionForm.Continuation || statements[^1].Parts[^1].OpenAtParagraphEnd)
                && Continues(text, statements[^1], quote))
            {
                statements[^1].Parts.Add(quote);
                continue;
            }
            if (AttributedAfterNext(i))
            {
                waiting.Add(quote); // "A." "B," Lavrov said: one quote, attributed after its last part
                continue;
            }
            waiting.Clear();
            if (quote.Form == QuoteForm.Marks && IsCompleteSentence(text, sentences, quote) && Tokenizer.Tokenize(text, quote.Inner.Start, quote.Inner.End).Count >= 3)
            {
                statements.Add(new QuoteStatement(quote, SubjectBefore(text, sentences, quote) ?? new Attribution(AttributionForm.Continuation, null, quote.Inner)));
            }
        }
        return statements;

        // The next quote follows with nothing but space between, and is attributed after it; or it is the next
        // paragraph of a quote left open, and so on to a paragraph attributed at its end ("…," Wojcik said).
        bool AttributedAfterNext(int i)
        {
            for (var j = i + 1; j < quotes.Count && IsOnlySpace(text, quotes[j - 1].Outer.End, quotes[j].Outer.Start); j++)
            {
                if (own[j] is { Form: AttributionForm.VerbAfter or AttributionForm.AccordingTo })
                {
                    return true;
                }
                if (own[j] is not null || !quotes[j - 1].OpenAtParagraphEnd || quotes[j].Paragraph != quotes[j - 1].Paragraph + 1 || !IsCandidate(quotes[j], paragraphs))
                {
                    return false;
                }
            }
            return false;
        }
    }

    /// <summary>A quote that is all a pair of parentheses holds: (“The projects are ready.”)</summary>
    private static bool IsParenthesized(string text, QuotedSpan quote) =>
        text.AsSpan(0, quote.Outer.Start).TrimEnd().EndsWith("(") && text.AsSpan(quote.Outer.End).TrimStart(" .").StartsWith(")");

    /// <summary>The attribution's verb is "asked": "Will you commit?" he asked. (An "asked" inside the speaker phrase,
    /// "a diplomat who asked not to be named", is not the verb.)</summary>
    private static bool IsAsking(string text, Attribution attribution) =>
        Tokenizer.Tokenize(text, attribution.Extent.Start, attribution.Extent.End)
            .Any(t => t.Key is "asked" or "asks" && !(attribution.Speaker?.Span.Contains(t.Start) ?? false));

    /// <summary>Quotes in headlines and scare quotes inside a sentence are never statements.</summary>
    private static bool IsCandidate(QuotedSpan quote, IReadOnlyList<Paragraph> paragraphs) =>
        quote.IsStandalone && (quote.Form == QuoteForm.Label || !paragraphs[quote.Paragraph].IsHeading);

    /// <summary>
    /// "…," Lavrov said. / "…," said the head of the Russian Foreign Ministry. / "…," according to him. The
    /// attribution must follow the closing mark at once, in the same sentence. A quote that ends with a full stop
    /// has finished its sentence, so what follows is not its attribution.
    /// </summary>
    private static Attribution? After(string text, IReadOnlyList<Paragraph> paragraphs, IReadOnlyList<Sentence> sentences, QuotedSpan quote, QuotedSpan? next)
    {
        if (quote.Form == QuoteForm.Marks && quote.Inner.Length > 0 && text[quote.Inner.End - 1] is '.' or '…' && quote.Outer.End == quote.Inner.End + 1)
        {
            return null;
        }
        var start = quote.Outer.End;
        var limit = paragraphs[quote.Paragraph].Span.End;
        if (next is not null && next.Paragraph == quote.Paragraph)
        {
            limit = Math.Min(limit, next.Outer.Start);
        }
        var p = start;
        while (p < limit && (char.IsWhiteSpace(text[p]) || text[p] is ',' or '—' or '–' or '-'))
        {
            p++;
        }
        if (p >= limit || p - start > 4)
        {
            return null;
        }
        var sentence = sentences[SentenceSplitter.IndexAt(sentences, p)];
        limit = Math.Min(limit, Math.Max(sentence.Span.End, p));
        var tokens = Tokenizer.Tokenize(text, p, limit);
        if (tokens.Count == 0)
        {
            return null;
        }
        if (tokens.Count > 2 && tokens[0].Key == "according" && tokens[1].Key == "to")
        {
            return Clauses.PhraseAfter(text, tokens, 2) is { } heard
                ? new Attribution(AttributionForm.AccordingTo, new SpeakerPhrase(heard, BeforeVerb: false), new TextSpan(start, heard.End))
                : null;
        }
        for (var v = 0; v < tokens.Count && v <= MaxSpeakerWords; v++)
        {
            if (v > 0 && Clauses.BreaksPhrase(text, tokens[v - 1].End, tokens[v].Start, allowComma: true)
                && !(tokens[v - 1].Key is "sta" or "sto" && text.AsSpan(tokens[v - 1].End, tokens[v].Start - tokens[v - 1].End) is ". "))
            {
                return null; // but "Sta. Ana said": the abbreviated Santa of a Filipino surname
            }
            if (!Clauses.IsQuoteVerbAt(tokens, v))
            {
                continue;
            }
            var subjectEnd = Clauses.SkipAuxiliariesBack(tokens, v);
            if (subjectEnd == 0)
            {
                return Clauses.PhraseAfter(text, tokens, v + 1) is { } inverted
                    ? new Attribution(AttributionForm.VerbAfter, new SpeakerPhrase(inverted, BeforeVerb: false), new TextSpan(start, inverted.End))
                    : null;
            }
            if (Clauses.IsNegated(tokens, subjectEnd, v) || !Clauses.CanStartSpeakerPhrase(tokens[0]))
            {
                return null;
            }
            var speaker = new TextSpan(tokens[0].Start, tokens[subjectEnd - 1].End);
            return new Attribution(AttributionForm.VerbAfter, new SpeakerPhrase(speaker, BeforeVerb: true), new TextSpan(start, Clauses.VerbEnd(tokens, v)));
        }
        return null;
    }

    /// <summary>
    /// Lavrov said: "…" / Lavrov told reporters in Moscow on Wednesday, "…" / He added that "…" / According to
    /// Lavrov, "…". Looks back from the opening mark to the start of the sentence (or the previous quote in it).
    /// </summary>
    private static Attribution? Before(string text, IReadOnlyList<Sentence> sentences, QuotedSpan quote, QuotedSpan? previous)
    {
        var end = quote.Outer.Start;
        var sentence = sentences[SentenceSplitter.IndexAt(sentences, end)];
        if (sentence.Span.Start == end && ColonEndingParagraphBefore(text, end) is { } colon)
        {
            // "Tremblay laid out the plan in detail:" ending the paragraph before the one the quote opens.
            end = colon + 1;
            sentence = sentences[SentenceSplitter.IndexAt(sentences, colon)];
        }
        var left = Math.Max(sentence.Span.Start, end - MaxLookBack);
        if (previous is not null && previous.Outer.End > left && previous.Outer.End <= end)
        {
            left = previous.Outer.End;
        }
        var tokens = Tokenizer.Tokenize(text, left, end);
        if (tokens.Count == 0)
        {
            return null;
        }
        var trailing = text.AsSpan(tokens[^1].End, end - tokens[^1].End).Trim();
        var extent = new TextSpan(tokens[0].Start, end);

        for (var a = tokens.Count - 3; a >= Math.Max(0, tokens.Count - 10); a--)
        {
            if (tokens[a].Key == "according" && tokens[a + 1].Key == "to" && trailing is "," or ":" or "")
            {
                var heard = new TextSpan(tokens[a + 2].Start, tokens[^1].End);
                return new Attribution(AttributionForm.AccordingTo, new SpeakerPhrase(heard, BeforeVerb: false), extent);
            }
        }
        for (var v = tokens.Count - 1; v >= Math.Max(0, tokens.Count - 1 - MaxWordsAfterVerb); v--)
        {
            if (v < tokens.Count - 1 && Clauses.BreaksPhrase(text, tokens[v].End, tokens[v + 1].Start, allowComma: true))
            {
                return null;
            }
            if (!Clauses.IsQuoteVerbAt(tokens, v))
            {
                continue;
            }
            if (Lexicon.Participles.Contains(tokens[v].Key))
            {
                // "…, adding: "…"": the speaker is the subject at the start of the sentence, before any earlier quote.
                var subject = Tokenizer.Tokenize(text, Math.Max(sentence.Span.Start, tokens[v].Start - MaxLookBack), tokens[v].Start);
                return subject.Count == 0 ? null : new Attribution(AttributionForm.VerbBefore,
                    new SpeakerPhrase(new TextSpan(subject[0].Start, subject[^1].End), BeforeVerb: false), new TextSpan(tokens[v].Start, end));
            }
            var subjectEnd = Clauses.SkipAuxiliariesBack(tokens, v);
            if (subjectEnd == 0)
            {
                return Clauses.PhraseAfter(text, tokens, v + 1) is { } inverted
                    ? new Attribution(AttributionForm.VerbBefore, new SpeakerPhrase(inverted, BeforeVerb: false), extent)
                    : null;
            }
            if (Clauses.IsNegated(tokens, subjectEnd, v))
            {
                return null;
            }
            var speaker = new TextSpan(tokens[0].Start, tokens[subjectEnd - 1].End);
            return new Attribution(AttributionForm.VerbBefore, new SpeakerPhrase(speaker, BeforeVerb: true), extent);
        }
        if (trailing is ":")
        {
            var named = new TextSpan(tokens[0].Start, tokens[^1].End);
            return new Attribution(AttributionForm.Colon, new SpeakerPhrase(named, BeforeVerb: true, KnownOnly: true), extent);
        }
        return null;
    }

    /// <summary>
    /// "Asked whether the city had acted quickly enough, Harrold bristled. “We opened shelters …”": a quote that nothing
    /// else claims, right after a short sentence whose last clause opens with a name (or he, she) and a verb, is that
    /// person's. A sentence with quoted words of its own, or a subject that is no name ("The Opposition benches
    /// erupted"), gives nothing, and the quote continues whoever spoke before.
    /// </summary>
    private static Attribution? SubjectBefore(string text, IReadOnlyList<Sentence> sentences, QuotedSpan quote)
    {
        var at = SentenceSplitter.IndexAt(sentences, quote.Outer.Start);
        if (at == 0 || sentences[at - 1] is not { InHeading: false } before || !IsOnlySpace(text, before.Span.End, quote.Outer.Start)
            || text.AsSpan(before.Span.Start, before.Span.Length).ContainsAny(['"', '“', '”', '«', '»', '„', '‘']))
        {
            return null;
        }
        var tokens = Tokenizer.Tokenize(text, before.Span.Start, before.Span.End);
        var first = 0;
        for (var t = 1; t < tokens.Count; t++)
        {
            if (text.AsSpan(tokens[t - 1].End, tokens[t].Start - tokens[t - 1].End).Contains(','))
            {
                first = t;
            }
        }
        var verb = first;
        while (verb < tokens.Count && verb - first < 5 && (tokens[verb].IsCapitalized || (verb > first && Lexicon.NameParticles.Contains(tokens[verb].Key))))
        {
            verb++;
        }
        var pronoun = tokens.Count > first && tokens[first].Key is "he" or "she";
        if (verb == first || verb >= tokens.Count || tokens.Count - verb > MaxWordsAfterSubjectVerb || !IsNarrativeVerb(tokens[verb])
            || (pronoun ? verb - first > 1 : Lexicon.NotNames.Contains(tokens[first].Key)))
        {
            return null;
        }
        var subject = new TextSpan(tokens[first].Start, tokens[verb - 1].End);
        return new Attribution(AttributionForm.Subject, new SpeakerPhrase(subject, BeforeVerb: true), subject);
    }

    /// <summary>A verb of what someone did, past or present: bristled, paused, shrugs, was, took.</summary>
    private static bool IsNarrativeVerb(Token token) =>
        !token.IsCapitalized
        && ((token.Key.Length > 3 && token.Key.EndsWith("ed", StringComparison.Ordinal))
            || (token.Key.Length > 3 && token.Key.EndsWith('s') && !token.Key.EndsWith("ss", StringComparison.Ordinal))
            || token.Key is "was" or "is" or "had" or "has" or "took" or "shook" or "stood" or "sat" or "rose" or "grew" or "fell" or "went"
                or "came" or "kept" or "gave" or "spoke" or "held" or "drew" or "threw" or "began" or "ran" or "saw" or "got");

    /// <summary>The colon that ends the previous paragraph, when only the paragraph break stands between it and <paramref name="start"/>.</summary>
    private static int? ColonEndingParagraphBefore(string text, int start)
    {
        var p = start - 1;
        var newline = false;
        while (p >= 0 && char.IsWhiteSpace(text[p]))
        {
            newline |= text[p] is '\n' or '\r';
            p--;
        }
        return newline && p >= 0 && text[p] == ':' ? p : null;
    }

    /// <summary>
    /// Whether an unattributed quote goes on with the previous statement: only its attribution, spaces and
    /// punctuation stand between them, or the previous one was left open at the end of its paragraph.
    /// </summary>
    private static bool Continues(string text, QuoteStatement previous, QuotedSpan quote)
    {
        var last = previous.Parts[^1];
        if (quote.Form == QuoteForm.Label && quote.Label is null)
        {
            return last.Form == QuoteForm.Label && quote.Paragraph == last.Paragraph + 1;
        }
        if (last.OpenAtParagraphEnd)
        {
            return quote.Paragraph == last.Paragraph + 1 && IsOnlySpace(text, last.Outer.End, quote.Outer.Start);
        }
        if (quote.Paragraph != last.Paragraph)
        {
            return false;
        }
        // Between the parts: the attribution, and at most a description of the speaker or where they spoke
        // (", a campaigner with the group …", "in an interview at …"), with no clause of its own.
        var extent = previous.Attribution.Extent;
        var from = extent.Start >= last.Outer.End && extent.End <= quote.Outer.Start ? extent.End : last.Outer.End;
        if (from > quote.Outer.Start || (from == last.Outer.End && !IsOnlySpace(text, last.Outer.End, quote.Outer.Start)))
        {
            return false;
        }
        var between = Tokenizer.Tokenize(text, from, quote.Outer.Start);
        return between.Count <= 14 && !between.Any(t => !t.IsCapitalized && (t.Key == "that" || Lexicon.ReportingVerbs.Contains(t.Key) || Lexicon.QuoteVerbs.Contains(t.Key)))
            && !text.AsSpan(from, quote.Outer.Start - from).ContainsAny(['"', '“', '”', '«', '»', '„', ';']);
    }

    private static bool IsOnlySpace(string text, int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            if (!char.IsWhiteSpace(text[i]))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>A quote that makes up a whole sentence: it starts one and nothing but a full stop follows it.</summary>
    private static bool IsCompleteSentence(string text, IReadOnlyList<Sentence> sentences, QuotedSpan quote)
    {
        var sentence = sentences[SentenceSplitter.IndexAt(sentences, quote.Outer.Start)];
        if (sentence.Span.Start != quote.Outer.Start)
        {
            return false;
        }
        for (var i = quote.Outer.End; i < sentence.Span.End; i++)
        {
            if (!char.IsWhiteSpace(text[i]) && text[i] is not ('.' or '!' or '?' or '…'))
            {
                return false;
            }
        }
        return true;
    }
}
