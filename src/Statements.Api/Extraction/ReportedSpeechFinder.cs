// Step 3 of extraction: reported speech, the statements that are not in quote marks. The reported clause
// becomes a paraphrase:
//   Lavrov said that Moscow has no illusions.            X said (on Wednesday / to reporters) that CLAUSE
//   Blinken has repeatedly stated that relations …        auxiliaries and adverbs before the verb
//   According to him, Moscow is in favor of …             according to X, CLAUSE / CLAUSE, according to X.
//   The talks were useful, Lavrov said at a conference.   CLAUSE, X said (adjuncts). / CLAUSE, said X.
//   Lavrov said the summit was significant.               X said CLAUSE (no "that": only when a clause plainly starts)
//   …, Lavrov said, adding that dialogue is better.       a participle continues the sentence's speaker
// Quoted words are opaque here: a speech verb inside a quote is not an attribution, and a clause stops where
// a quote that is a statement of its own begins.
using System.Collections.Frozen;

namespace Statements.Api.Extraction;

public enum ParaphraseForm
{
    /// <summary>X said that CLAUSE.</summary>
    ThatClause,
    /// <summary>According to X, CLAUSE / CLAUSE, according to X.</summary>
    AccordingTo,
    /// <summary>CLAUSE, X said.</summary>
    Fronted,
    /// <summary>X said CLAUSE, with no "that".</summary>
    BareClause,
}

/// <summary>A reported clause and the words naming its speaker.</summary>
public sealed record ReportedClause(TextSpan Clause, SpeakerPhrase Speaker, ParaphraseForm Form)
{
    /// <summary>The attribution inside the clause, left out of its text: "Both sides had spoken frankly[, she said], and …".</summary>
    public TextSpan? Attribution { get; init; }
}

public static class ReportedSpeechFinder
{
    private const int MaxWordsBeforeThat = 12;

    /// <summary>Longer "sentences" are lists, tables or text without full stops, not prose to read clauses from.</summary>
    private const int MaxSentenceWords = 300;

    private const int MinClauseWords = 3;

    /// <summary>
    /// After a comma, words that end what was reported and describe how it was met or another thing said: ", prompting
    /// laughter", ", drawing murmurs of agreement", ", accusing them of …".
    /// </summary>
    private static readonly FrozenSet<string> ReactionParticiples = FrozenSet.ToFrozenSet(
        ["prompting", "drawing", "sparking", "triggering", "earning", "eliciting", "provoking", "accusing", "winning",
         "receiving"],
        StringComparer.Ordinal);

    /// <summary>
    /// After "and", what the speaker did next rather than more of what was reported: "…, and declined to go further",
    /// "and walked out", "and did not elaborate".
    /// </summary>
    private static readonly FrozenSet<string> SpeakerActs = FrozenSet.ToFrozenSet(
        ["declined", "refused", "left", "walked", "stormed", "departed", "hung", "elaborate", "elaborated", "comment",
         "commented", "specify", "specified", "accused", "urged", "called", "pointed", "cited"],
        StringComparer.Ordinal);

    /// <summary>Modals that put an act in the reported clause ("would not comment"), not in the speaker's narrative ("did not comment").</summary>
    private static readonly FrozenSet<string> ReportedModals = FrozenSet.ToFrozenSet(
        ["would", "wouldn", "will", "won", "could", "couldn", "can", "should", "might", "may", "must", "shall"],
        StringComparer.Ordinal);

    /// <summary>
    /// After a comma and "a", nouns that comment on the words just reported: ", a phrase that drew applause", ", a decision
    /// that brought fishermen onto the streets".
    /// </summary>
    private static readonly FrozenSet<string> CommentNouns = FrozenSet.ToFrozenSet(
        ["phrase", "remark", "comment", "claim", "line", "reference", "jibe", "swipe", "dig", "description", "characterisation",
         "characterization", "statement", "view", "position", "message", "warning", "sentiment", "assessment", "point",
         "decision", "move", "step", "announcement"],
        StringComparer.Ordinal);

    /// <summary>Words that open what was asked after "Asked", "Pressed", "Questioned": "Asked whether …", "Pressed on …".</summary>
    private static readonly FrozenSet<string> QuestionOpeners = FrozenSet.ToFrozenSet(
        ["whether", "if", "about", "on", "what", "how", "why", "when", "where", "who", "which", "for"],
        StringComparer.Ordinal);

    /// <summary>Prepositions of place: "said outside the court that …" is an adjunct, not the start of a clause.</summary>
    private static readonly string[] Places = ["outside", "inside", "near", "amid", "through", "throughout", "across", "behind", "beside", "under", "within"];

    /// <summary>Days, which American wire copy names without "on": "said Tuesday that".</summary>
    private static readonly string[] Weekdays = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

    /// <summary>Words that may stand between a verb and its "that": "said on Wednesday that", "said again that".</summary>
    private static readonly FrozenSet<string> AdjunctStarts = FrozenSet.ToFrozenSet(
        ["on", "in", "at", "during", "after", "before", "while", "to", "from", "with", "via", "late", "earlier", "this", "last",
         "over", "following", "ahead", "when", "as", "again", "also", "publicly", "previously", "today", "yesterday", "recently",
         "moreover", "however", "though", "repeatedly", "once", "now", "then", "too", "afterwards", "later", "separately",
         "by", "speaking", "tonight", "overnight", .. Places, .. Weekdays],
        StringComparer.Ordinal);

    /// <summary>Verbs whose bare clause (no "that") is still reported speech: "Lavrov said the summit was significant".</summary>
    private static readonly FrozenSet<string> BareClauseVerbs = FrozenSet.ToFrozenSet(
        ["said", "says", "added", "warned", "insisted", "argued", "claimed", "stressed", "noted", "acknowledged", "admitted", "told",
         "tells", "saying", "adding", "insisting", "warning", "arguing", "telling", "insists", "argues", "warns", "claims", "stresses",
         "notes", "adds", "admits", "acknowledges", "maintains", "contends", "concedes", "say", "concede", "insist", "argue",
         "warn", "admit", "acknowledge", "maintain", "contend"],
        StringComparer.Ordinal);

    /// <summary>Words after "said" that do not start a reported clause: "said on Monday", "said goodbye", "said little".</summary>
    private static readonly FrozenSet<string> NotClauseStarts = FrozenSet.ToFrozenSet(
        ["on", "in", "at", "during", "after", "before", "to", "of", "about", "against", "for", "with", "from", "by", "as", "while",
         "when", "that", "nothing", "so", "yes", "no", "goodbye", "hello", "thanks", "sorry", "today", "yesterday", "tomorrow",
         "earlier", "later", "again", "also", "publicly", "previously", "repeatedly", "recently", "little", "much", "something",
         "more", "less", "very", "only", "just", "what", "how", "why", "whether", "if", "and", "but", "or", "him", "them",
         "me", Tokenizer.UsPronoun, "this", "then", "here", "there's", "otherwise", "simply", "instead", "anything", "everything", "defeat",
         .. Places, .. Weekdays],
        StringComparer.Ordinal);

    /// <summary>
    /// Words that show a reported clause has a verb: auxiliaries ("said the talks were useful", "said Moscow has no …")
    /// and the past tenses that do not end in -ed ("said the offer came late", "said prices rose"). Past tenses that are
    /// as often nouns or adjectives (set, put, left, found, felt) are left out.
    /// </summary>
    private static readonly FrozenSet<string> ClauseVerbs = FrozenSet.ToFrozenSet(
        ["is", "are", "was", "were", "had", "has", "have", "will", "would", "could", "can", "should", "must", "may", "might",
         "did", "do", "does", "remained", "remains", "needed", "needs", "wanted", "wants",
         "came", "went", "rose", "fell", "knew", "understood", "thought", "took", "gave", "got", "kept", "lost", "meant", "met",
         "paid", "ran", "sent", "sold", "spent", "stood", "won", "wrote", "began", "became", "brought", "bought", "built",
         "caught", "chose", "drew", "drove", "fought", "flew", "forgot", "grew", "held", "led", "sought", "shook", "spoke",
         "struck", "taught", "threw", "broke", "saw", "made", "told", "heard", "understands", "knows", "thinks", "believes"],
        StringComparer.Ordinal);

    /// <summary>Who is told: "told reporters the talks …", "told Reuters the talks …".</summary>
    private static readonly FrozenSet<string> Hearers = FrozenSet.ToFrozenSet(
        ["reporters", "journalists", "lawmakers", "parliament", "students", "delegates", "supporters", "diplomats", "officials",
         "him", "her", "them", "me", "listeners", "viewers", "colleagues", "parliamentarians", "senators", "voters", "congress",
         "allies", "aides", "friends", "mps", "staff", "donors", "investors", "residents", "troops", "party", "commissioners",
         "councillors", "councilors", "legislators", "members", Tokenizer.UsPronoun],
        StringComparer.Ordinal);

    /// <summary>Bodies that are told, after "the": "told the board the district faces …".</summary>
    private static readonly FrozenSet<string> HearerBodies = FrozenSet.ToFrozenSet(
        ["board", "committee", "council", "panel", "assembly", "audience", "crowd", "court", "jury", "chamber", "house", "senate",
         "conference", "meeting", "commission", "legislature", "parliament", "cabinet", "hearing", "press", "media"],
        StringComparer.Ordinal);

    public static List<ReportedClause> Find(string text, IReadOnlyList<Sentence> sentences, IReadOnlyList<QuotedSpan> quotes, IReadOnlyList<QuoteStatement> statements)
    {
        var taken = new SpanIndex(statements.SelectMany(s => s.Parts.Select(p => p.Outer).Append(s.Attribution.Extent)));
        var quoteSpans = new SpanIndex(quotes.Select(q => q.Outer));
        var quoted = new SpanIndex(statements.SelectMany(s => s.Parts.Select(p => p.Outer)));
        var clauses = new List<ReportedClause>();
        foreach (var sentence in sentences)
        {
            if (!sentence.InHeading)
            {
                // Only the quotes and statements that reach into the sentence matter to it; passing just those keeps
                // the work linear in the length of the article.
                new SentenceReader(text, sentence, quoteSpans.Within(sentence.Span), quoted.Within(sentence.Span), taken.Within(sentence.Span), clauses).Read();
            }
        }
        return clauses;
    }

    /// <summary>Spans sorted by start, with the furthest end reached so far, to find those that reach into a range.</summary>
    private sealed class SpanIndex
    {
        private readonly List<TextSpan> spans;
        private readonly int[] furthestEnd;

        public SpanIndex(IEnumerable<TextSpan> spans)
        {
            this.spans = [.. spans.OrderBy(s => s.Start)];
            furthestEnd = new int[this.spans.Count];
            for (var i = 0; i < furthestEnd.Length; i++)
            {
                furthestEnd[i] = Math.Max(i > 0 ? furthestEnd[i - 1] : 0, this.spans[i].End);
            }
        }

        /// <summary>The spans that overlap the range or end where it starts, in order: a binary search, then a walk back
        /// only as far as some earlier span still reaches the range.</summary>
        public List<TextSpan> Within(TextSpan range)
        {
            int low = 0, high = spans.Count;
            while (low < high)
            {
                var mid = (low + high) / 2;
                if (spans[mid].Start < range.Start)
                {
                    low = mid + 1;
                }
                else
                {
                    high = mid;
                }
            }
            var first = low;
            while (first > 0 && furthestEnd[first - 1] >= range.Start)
            {
                first--;
            }
            var found = new List<TextSpan>();
            for (var i = first; i < spans.Count && spans[i].Start < range.End; i++)
            {
                if (spans[i].Overlap(range) > 0 || spans[i].End == range.Start)
                {
                    found.Add(spans[i]);
                }
            }
            return found;
        }
    }

    /// <summary>
    /// Reads one sentence. quotes are all its quoted spans, spoken those of them that are statements, taken those and
    /// their attributions.
    /// </summary>
    private sealed class SentenceReader(string text, Sentence sentence, List<TextSpan> quotes, List<TextSpan> spoken, List<TextSpan> taken, List<ReportedClause> found)
    {
        private readonly List<Token> tokens = Tokenizer.Tokenize(text, sentence.Span.Start, sentence.Span.End);
        private bool[] quoted = [];

        public void Read()
        {
            if (tokens.Count < MinClauseWords + 2 || tokens.Count > MaxSentenceWords)
            {
                return;
            }
            quoted = [.. tokens.Select(t => InQuote(t.Start))];
            AccordingTo();
            ThatClauses();
            Fronted();
            Interrupted();
            BareClauses();
        }

        /// <summary>
        /// "Britain, the chancellor insisted, was “turning the corner”": the clause's subject, then its attribution between
        /// commas, then the rest of the clause. One statement; its text leaves the attribution out.
        /// </summary>
        private void Interrupted()
        {
            var c = 1;
            while (c < tokens.Count && c <= 8 && !IsCommaBefore(c))
            {
                c++;
            }
            // The words before the comma are a subject: a word in -s there is a plural ("Mortgage arrears, he added, …").
            if (c >= tokens.Count || c > 8 || quoted[0] || !tokens[0].IsCapitalized || HasVerb(0, c, present: false)
                || Overlaps(new TextSpan(tokens[0].Start, sentence.Span.End)))
            {
                return;
            }
            for (var v = c + 1; v < tokens.Count - MinClauseWords && v <= c + 6; v++)
            {
                if (IsCommaBefore(v) || quoted[v])
                {
                    return;
                }
                if (!IsFrontedVerb(v))
                {
                    continue;
                }
                // The attribution may name a hearer ("The Greens, he told Bild, were …") and end with an adjunct
                // ("Regional security, he said in a televised interview, cannot …").
                var next = Hearer(v) ?? v + 1;
                if (next < tokens.Count && AdjunctStarts.Contains(tokens[next].Key) && tokens[next].Key != "that")
                {
                    while (next < tokens.Count && next <= v + 7 && !IsCommaBefore(next) && !quoted[next] && !IsVerbNotAfterDeterminer(next))
                    {
                        next++;
                    }
                }
                var subjectEnd = Clauses.SkipAuxiliariesBack(tokens, v);
                if (next >= tokens.Count || !IsCommaBefore(next) || subjectEnd <= c || !Clauses.CanStartSpeakerPhrase(tokens[c]) || Clauses.IsNegated(tokens, subjectEnd, v)
                    || !HasVerb(next, Math.Min(tokens.Count, next + 3)))
                {
                    return;
                }
                var speaker = new SpeakerPhrase(new TextSpan(tokens[c].Start, tokens[subjectEnd - 1].End), BeforeVerb: true);
                var whole = TrimClause(new TextSpan(tokens[0].Start, ClauseEnd(next)));
                found.Add(new ReportedClause(whole, speaker, ParaphraseForm.Fronted) { Attribution = new TextSpan(CommaBefore(c), tokens[next].Start) });
                return;
            }
        }

        private bool InQuote(int position)
        {
            foreach (var quote in quotes)
            {
                if (quote.Start > position)
                {
                    break;
                }
                if (quote.Contains(position))
                {
                    return true;
                }
            }
            return false;
        }

        /// <summary>
        /// According to X, CLAUSE (at the start of the sentence) and CLAUSE, according to X. (at its end); In her words,
        /// CLAUSE.
        /// </summary>
        private void AccordingTo()
        {
            if (tokens.Count > MinClauseWords + 3 && tokens[0].Key == "in" && tokens[1].Key is "his" or "her" or "their" && tokens[2].Key == "words"
                && IsCommaBefore(3) && !quoted[0])
            {
                Add(3, new SpeakerPhrase(new TextSpan(tokens[1].Start, tokens[1].End), BeforeVerb: false), ParaphraseForm.AccordingTo);
            }
            for (var a = 0; a + 2 < tokens.Count; a++)
            {
                if (quoted[a] || tokens[a].Key != "according" || tokens[a + 1].Key != "to")
                {
                    continue;
                }
                if (a <= 2)
                {
                    var comma = text.IndexOf(',', tokens[a + 1].End, sentence.Span.End - tokens[a + 1].End);
                    if (comma < 0 || Clauses.PhraseAfter(text, tokens, a + 2) is not { } speaker || speaker.End > comma)
                    {
                        continue;
                    }
                    var first = tokens.FindIndex(t => t.Start > comma);
                    if (first >= 0)
                    {
                        Add(first, new SpeakerPhrase(speaker, BeforeVerb: false), ParaphraseForm.AccordingTo);
                    }
                }
                else if (IsCommaBefore(a) && tokens.Count - (a + 2) <= 12 && Clauses.CanStartSpeakerPhrase(tokens[a + 2])
                    && !Enumerable.Range(a + 2, tokens.Count - a - 2).Any(IsVerbAt) && HasVerb(0, a))
                {
                    // "…, according to three people familiar with the negotiations." names the speaker to the end.
                    var speaker = new TextSpan(tokens[a + 2].Start, tokens[^1].End);
                    AddSpan(new TextSpan(SentenceStart(), CommaBefore(a)), new SpeakerPhrase(speaker, BeforeVerb: false), ParaphraseForm.AccordingTo);
                }
            }
        }

        /// <summary>X said (adjuncts) that CLAUSE; …, adding that CLAUSE.</summary>
        private void ThatClauses()
        {
            for (var v = 0; v < tokens.Count; v++)
            {
                if (quoted[v] || !(Clauses.IsReportingVerbAt(tokens, v) || Lexicon.Participles.Contains(tokens[v].Key)) || tokens[v].IsCapitalized
                    || IsPassiveHearing(v))
                {
                    continue;
                }
                var that = FindThat(v);
                if (that < 0 || that + 1 >= tokens.Count)
                {
                    continue;
                }
                if (Speaker(v) is { } speaker)
                {
                    Add(that + 1, speaker, ParaphraseForm.ThatClause);
                }
            }
        }

        /// <summary>CLAUSE, X said (adjuncts). / CLAUSE, said X (adjuncts).</summary>
        private void Fronted()
        {
            for (var c = tokens.Count - 2; c >= MinClauseWords; c--)
            {
                if (quoted[c] || !IsCommaBefore(c))
                {
                    continue;
                }
                var clause = new TextSpan(SentenceStart(), CommaBefore(c));
                if (QuoteMarks.IsMark(text[clause.Start]) || Overlaps(clause) || !HasVerb(0, c) || IsComment(c) || OpensWithQuestionPut())
                {
                    continue;
                }
                if (IsFrontedVerb(c))
                {
                    if (Clauses.PhraseAfter(text, tokens, c + 1) is { } inverted && EndsAttribution(IndexAfter(inverted.End)))
                    {
                        AddSpan(clause, new SpeakerPhrase(inverted, BeforeVerb: false), ParaphraseForm.Fronted);
                        return;
                    }
                    continue;
                }
                for (var v = c + 1; v < tokens.Count && v <= c + MaxWordsBeforeThat; v++)
                {
                    if (Clauses.BreaksPhrase(text, tokens[v - 1].End, tokens[v].Start, allowComma: true))
                    {
                        break;
                    }
                    if (!IsFrontedVerb(v))
                    {
                        continue;
                    }
                    var subjectEnd = Clauses.SkipAuxiliariesBack(tokens, v);
                    if (subjectEnd > c && Clauses.CanStartSpeakerPhrase(tokens[c]) && !Clauses.IsNegated(tokens, subjectEnd, v)
                        && EndsAttribution(Hearer(v) ?? v + 1))
                    {
                        var speaker = new SpeakerPhrase(new TextSpan(tokens[c].Start, tokens[subjectEnd - 1].End), BeforeVerb: true);
                        if (!AddContinued(clause, Hearer(v) ?? v + 1, speaker))
                        {
                            AddSpan(clause, speaker, ParaphraseForm.Fronted);
                        }
                        return;
                    }
                    break;
                }
            }
        }

        /// <summary>
        /// "Asked whether he would run, …", "Pressed on the deadline, …": the sentence opens with a participle and the
        /// question put to the speaker, whose words (and the verb in them) are no clause of the speaker's.
        /// </summary>
        private bool OpensWithQuestionPut() =>
            tokens.Count > 1 && tokens[0].IsCapitalized && tokens[0].Key.Length > 4 && tokens[0].Key.EndsWith("ed", StringComparison.Ordinal)
            && QuestionOpeners.Contains(tokens[1].Key);

        /// <summary>X said CLAUSE: only when the word after the verb (or its hearer) plainly starts a clause.</summary>
        private void BareClauses()
        {
            for (var v = 1; v < tokens.Count - MinClauseWords; v++)
            {
                if (quoted[v] || tokens[v].IsCapitalized || !(BareClauseVerbs.Contains(tokens[v].Key) || IsSayOfPurpose(v)))
                {
                    continue;
                }
                if (!IsSayOfPurpose(v) && v > 0 && (tokens[v - 1].Key is "to" or "not" or "never" or "t" || ReportedModals.Contains(tokens[v - 1].Key)))
                {
                    continue; // "declined to say whether", "would not say": no finite report
                }
                var first = Hearer(v) ?? v + 1;
                if (tokens[v].Key is "told" or "tells" or "telling" && first == v + 1)
                {
                    continue;
                }
                if (first >= tokens.Count || quoted[first] || Clauses.BreaksPhrase(text, tokens[first - 1].End, tokens[first].Start)
                    || !(StartsClause(tokens[first]) || StartsWithQuantity(first) || StartsWithNo(first)) || tokens.Count - first < MinClauseWords + 1
                    || !(HasVerbSoon(first) || tokens[first].Key is "he" or "she" or "they" or "we" or "i"))
                {
                    continue;
                }
                if (Speaker(v) is { } speaker)
                {
                    Add(first, speaker, ParaphraseForm.BareClause);
                }
            }
        }

        /// <summary>
        /// "emerged from the meeting to say the group was …", "took the floor to say …": the subject went somewhere to speak.
        /// Not "declined to say" or "refused to say", whose clause was not said.
        /// </summary>
        private bool IsSayOfPurpose(int v) =>
            tokens[v].Key == "say" && v >= 2 && tokens[v - 1].Key == "to" && !Lexicon.Negations.Contains(tokens[v - 2].Key);

        /// <summary>"said at least six vessels were …", "said more than 40 …", "said about a dozen …": a subject that counts.</summary>
        private bool StartsWithQuantity(int first)
        {
            var next = tokens[first].Key switch
            {
                "at" when first + 1 < tokens.Count && tokens[first + 1].Key is "least" or "most" => first + 2,
                "more" or "less" or "fewer" when first + 1 < tokens.Count && tokens[first + 1].Key == "than" => first + 2,
                "about" or "only" or "nearly" or "almost" or "around" or "roughly" or "just" => first + 1,
                _ => -1,
            };
            return next > 0 && next < tokens.Count
                && (char.IsDigit(tokens[next].Key[0]) || NumberWords.Contains(tokens[next].Key) || (tokens[next].Key is "a" && next + 1 < tokens.Count && NumberWords.Contains(tokens[next + 1].Key)));
        }

        /// <summary>"said no such decision had been taken", "said no one was hurt": not "said no to the plan" or "said no."</summary>
        private bool StartsWithNo(int first) =>
            tokens[first].Key == "no" && first + 1 < tokens.Count && tokens[first + 1].Key is not ("to" or "comment" or "more")
            && !Clauses.BreaksPhrase(text, tokens[first].End, tokens[first + 1].Start);

        private static readonly FrozenSet<string> NumberWords = FrozenSet.ToFrozenSet(
            ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "twenty", "thirty", "forty", "fifty",
             "hundred", "hundreds", "thousand", "thousands", "million", "millions", "dozen", "dozens", "half", "third", "quarter"],
            StringComparer.Ordinal);

        private bool StartsClause(Token token) =>
            token.IsCapitalized
                ? !Lexicon.NotNames.Contains(token.Key) || token.Key is "the" or "a" or "an" or "there" or "it" or "he" or "she" or "they" or "we" or "i" or "this"
                : !NotClauseStarts.Contains(token.Key) && !token.Key.EndsWith("ly", StringComparison.Ordinal);

        /// <summary>Some word of tokens[from..to) looks like a finite verb: an auxiliary, a past tense, a third person.</summary>
        private bool HasVerb(int from, int to, bool present = true)
        {
            for (var t = from; t < to; t++)
            {
                var key = tokens[t].Key;
                if (!quoted[t] && !tokens[t].IsCapitalized && (ClauseVerbs.Contains(key) || (key.Length > 4 && key.EndsWith("ed", StringComparison.Ordinal))
                    || (present && key.Length > 3 && key.EndsWith('s') && !key.EndsWith("ss", StringComparison.Ordinal) && t > from && !Lexicon.Determiners.Contains(tokens[t - 1].Key))))
                {
                    return true;
                }
            }
            return false;
        }

        /// <summary>
        /// A clause has a verb: an auxiliary or a past tense among its first eight words, or its first twelve when its second
        /// word is not capitalised (a hyphenated word counts as three: "the first two of five 97-meter multi-role vessels
        /// would arrive").
        /// </summary>
        private bool HasVerbSoon(int first)
        {
            var (limit, resumed) = (first + 12, -1);
            for (var t = first + 1; t < tokens.Count && t <= limit; t++)
            {
                // A quoted fragment may carry the clause's verb: said the numbers "simply do not add up".
                if (t != resumed && !quoted[t] && !quoted[t - 1] && Clauses.BreaksPhrase(text, tokens[t - 1].End, tokens[t].Start))
                {
                    // "said the door, which opens onto the alley, had been propped open": past a relative clause.
                    if (tokens[t].Key is "which" or "who" && IsCommaBefore(t)
                        && Enumerable.Range(t + 1, Math.Max(0, Math.Min(tokens.Count, t + 12) - t - 1)).FirstOrDefault(IsCommaBefore) is > 0 and var after)
                    {
                        limit += after - t;
                        (t, resumed) = (after - 1, after);
                        continue;
                    }
                    return false;
                }
                if (ClauseVerbs.Contains(tokens[t].Key) || (!tokens[t].IsCapitalized && tokens[t].Key.Length > 4 && tokens[t].Key.EndsWith("ed", StringComparison.Ordinal))
                    || IsPresentAfterSubject(first, t))
                {
                    // Past the eighth word only when the clause does not open with a run of names and titles: "said the Russian
                    // Foreign Minister Russian Foreign Minister Sergei Lavrov said that …" is a subtitle run into the sentence.
                    return t <= first + 8 || !tokens[first + 1].IsCapitalized;
                }
            }
            return false;
        }

        /// <summary>
        /// A verb in the present after the clause's subject: "said he respects", "said Moscow wants", "said the economy
        /// grows". Only right after a pronoun or name, or after a determiner and one noun, where a word in -s is a verb
        /// rather than a plural ("said the talks …"), perhaps after an adverb.
        /// </summary>
        private bool IsPresentAfterSubject(int first, int t)
        {
            var key = tokens[t].Key;
            if (tokens[t].IsCapitalized || key.Length < 4 || !key.EndsWith('s') || key.EndsWith("ss", StringComparison.Ordinal)
                || key.EndsWith("'s", StringComparison.Ordinal) || key.EndsWith("’s", StringComparison.Ordinal))
            {
                return false;
            }
            // An adverb may stand between: "said the ministry fully respects", "says she now sees".
            var adverb = t - 1 > first && !tokens[t - 1].IsCapitalized
                && (tokens[t - 1].Key.EndsWith("ly", StringComparison.Ordinal) || tokens[t - 1].Key is "now" or "still" or "also" or "always" or "never" or "often" or "already" or "just");
            var at = adverb ? t - 1 : t;
            var subject = tokens[first];
            // After a possessive the noun may be capitalised: "said his Cabinet upholds …".
            return (at == first + 1 && (subject.Key is "he" or "she" or "it" || (subject.IsCapitalized && !Lexicon.NotNames.Contains(subject.Key))))
                || (at == first + 2 && subject.Key is "the" or "his" or "her" or "its" or "this" or "their"
                    && (!tokens[first + 1].IsCapitalized || subject.Key is "his" or "her" or "its" or "their") && !tokens[first + 1].Key.EndsWith('s'));
        }

        /// <summary>The subject of the verb at v, before it in the sentence; for a participle, the sentence's subject.</summary>
        private SpeakerPhrase? Speaker(int v)
        {
            if (QuotedAsSaying(v) is { } quoted)
            {
                return quoted;
            }
            var participle = Lexicon.Participles.Contains(tokens[v].Key);
            var subjectEnd = participle ? v : Clauses.SkipAuxiliariesBack(tokens, v);
            if (subjectEnd == 0 || Clauses.IsNegated(tokens, subjectEnd, v))
            {
                return null;
            }
            // "a Columbus-based firm that says it will spend …": a "that" or "which" that is the verb's subject speaks for a
            // thing or an institution, for a person only after a person noun ("officials that said"); people take "who".
            if (!participle && subjectEnd >= 2 && tokens[subjectEnd - 1].Key is "that" or "which" && !Lexicon.PersonNouns.Contains(tokens[subjectEnd - 2].Key))
            {
                return null;
            }
            // The subject starts after any quoted statement (for a finite verb, after its attribution too) before it.
            var start = sentence.Span.Start;
            var regions = participle ? spoken : taken;
            foreach (var region in regions)
            {
                if (region.End <= tokens[subjectEnd - 1].End && region.End > start)
                {
                    start = region.End;
                }
            }
            var first = tokens.FindIndex(t => t.Start >= start);
            if (first < 0 || first >= subjectEnd)
            {
                return null;
            }
            // "She accused them of obstruction and said …", "…, but insisted that …": the second verb shares the first one's subject.
            var coordinated = !participle && subjectEnd - 1 > first && tokens[subjectEnd - 1].Key is "and" or "but";
            for (var k = subjectEnd - 1; k > first && !participle && !coordinated; k--)
            {
                if (tokens[k].Key is "though" or "although" or "while" or "whereas" or "because" or "since" or "unless" or "but" or "yet"
                    && IsCommaBefore(k))
                {
                    first = k + 1; // "…, though Hungary has said": the subject is the new clause's, not the sentence's
                    break;
                }
                // (Not "as", as often a preposition: "who attended as an observer"; nor "if", "while", "though": taken above.)
                if (k > first && Lexicon.Subordinators.Contains(tokens[k].Key) && tokens[k].Key is not ("as" or "if" or "while" or "though" or "although")
                    && subjectEnd - k <= 4 && (Lexicon.Pronouns.Contains(tokens[k + 1].Key) || tokens[k + 1].IsCapitalized || tokens[k + 1].Key == "the")
                    && !Enumerable.Range(k + 1, subjectEnd - k - 1).Any(t => IsVerbAt(t) || IsCommaBefore(t)))
                {
                    first = k + 1; // "The interview came days after he told Parliament that …": the subject follows "after"
                    break;
                }
            }
            if (coordinated)
            {
                var k = first + 1;
                while (k < subjectEnd - 1 && !IsVerbAt(k))
                {
                    k++;
                }
                subjectEnd = k < subjectEnd - 1 ? k : subjectEnd;
            }
            if (first >= subjectEnd || (!participle && ReportsTheSubject(first, subjectEnd)))
            {
                return null;
            }
            // A participle continues the sentence's subject, which comes first: "Falk backed the Chancellor, saying …".
            return new SpeakerPhrase(new TextSpan(tokens[first].Start, tokens[subjectEnd - 1].End), BeforeVerb: !participle);
        }

        /// <summary>
        /// "Al-Qahera News quoted a senior Egyptian source as saying that …": the speaker is whom the subject quoted.
        /// </summary>
        private SpeakerPhrase? QuotedAsSaying(int v)
        {
            if (tokens[v].Key != "saying" || v < 3 || tokens[v - 1].Key != "as")
            {
                return null;
            }
            for (var k = v - 2; k >= Math.Max(0, v - 10); k--)
            {
                if (tokens[k].Key is "quoted" or "quotes" or "quoting" or "cited" or "cites" or "citing")
                {
                    // Not the passive "Wang Yi was quoted by Xinhua as saying …", whose subject spoke.
                    var passive = (k > 0 && Lexicon.PassiveAuxiliaries.Contains(tokens[k - 1].Key)) || tokens[k + 1].Key == "by";
                    return k + 1 < v - 1 && !passive ? new SpeakerPhrase(new TextSpan(tokens[k + 1].Start, tokens[v - 2].End), BeforeVerb: false) : null;
                }
            }
            return null;
        }

        /// <summary>
        /// "A diplomat said five countries had warned that …": the subject of the verb at subjectEnd is inside the clause
        /// that another speech verb before it reports, so that clause, read by BareClauses, is the statement. Not when the
        /// earlier verb is in a relative clause ("Lavrov, who has said he will go, told …") or names its speaker after
        /// it ("…, said the Russian Foreign Minister Sergei Lavrov said that …": a name or title follows it).
        /// </summary>
        private bool ReportsTheSubject(int first, int subjectEnd)
        {
            for (var k = first + 1; k < subjectEnd - 1; k++)
            {
                if (!quoted[k] && !tokens[k].IsCapitalized && BareClauseVerbs.Contains(tokens[k].Key)
                    && !tokens[k + 1].IsCapitalized && !(tokens[k + 1].Key == "the" && tokens[k + 2].IsCapitalized)
                    && (StartsClause(tokens[k + 1]) || StartsWithQuantity(k + 1))
                    && !tokens.Skip(Math.Max(first, k - 3)).Take(k - Math.Max(first, k - 3)).Any(t => t.Key is "who" or "which" or "whom"))
                {
                    return true;
                }
            }
            return false;
        }

        /// <summary>"told state broadcaster ERT that", "told state media that": "state" names no verb there.</summary>
        private bool IsStateMedia(int t) =>
            tokens[t].Key == "state" && t + 1 < tokens.Count
            && tokens[t + 1].Key is "media" or "broadcaster" or "television" or "tv" or "radio" or "news" or "agency" or "newspaper" or "outlet" or "channel";

        /// <summary>"Residents were told that …", "were warned that …": the subject heard the report, it did not make it.</summary>
        private bool IsPassiveHearing(int v) =>
            v > 0 && tokens[v].Key is "told" or "warned" or "assured" or "reminded" or "informed"
            && Lexicon.PassiveAuxiliaries.Contains(tokens[v - 1].Key);

        /// <summary>The "that" after the verb at v, past a hearer and adjuncts ("told reporters on Sunday that"), or -1.</summary>
        private int FindThat(int v)
        {
            var from = Clauses.VerbEnd(tokens, v) != tokens[v].End ? v + 2 : v + 1;
            if (tokens[v].Key is "made" or "makes")
            {
                from = tokens.FindIndex(from, t => t.Key == "clear") + 1;
                if (from <= 0)
                {
                    return -1;
                }
            }
            if (Lexicon.VerbsWithHearer.Contains(tokens[v].Key))
            {
                // told reporters that / told a meeting of his security council on Monday that
                for (var t = from; t < tokens.Count && t <= v + MaxWordsBeforeThat; t++)
                {
                    if ((quoted[t] && !InQuotedTitle(t)) || (IsVerbNotAfterDeterminer(t) && !IsStateMedia(t))
                        || (t > from && !quoted[t] && !quoted[t - 1] && Clauses.BreaksPhrase(text, tokens[t - 1].End, tokens[t].Start, allowComma: true))
                        || OpensReportersAside(t))
                    {
                        return -1;
                    }
                    if (tokens[t].Key == "that")
                    {
                        return t;
                    }
                }
                return -1;
            }
            for (var t = from; t < tokens.Count && t <= v + MaxWordsBeforeThat; t++)
            {
                if ((quoted[t] && !InQuotedTitle(t)) || (t > from && !quoted[t] && !quoted[t - 1] && Clauses.BreaksPhrase(text, tokens[t - 1].End, tokens[t].Start, allowComma: true))
                    || OpensReportersAside(t))
                {
                    return -1;
                }
                if (tokens[t].Key == "that")
                {
                    return t;
                }
                if (t == from && !(AdjunctStarts.Contains(tokens[t].Key) || tokens[t].Key.EndsWith("ly", StringComparison.Ordinal) || tokens[t].Key is "to" or "it"))
                {
                    return -1;
                }
                // "said the draft was …": a clause has begun, so a later "that" is not the verb's.
                if (IsVerbNotAfterDeterminer(t) && !(tokens[v].Key == "went" && tokens[t].Key == "say"))
                {
                    return -1;
                }
            }
            return -1;
        }

        /// <summary>
        /// ", escalating a dispute that has simmered …", ", to laughter that …": after a comma, a present participle or a
        /// reaction opens the reporter's own words about the speaker, so a "that" in them belongs to their noun, not to the
        /// speech verb. (A speech participle, ", adding that", is read as a verb of its own; "speaking" and "following" open
        /// adjuncts.)
        /// </summary>
        private bool OpensReportersAside(int t)
        {
            var key = tokens[t].Key;
            return IsCommaBefore(t) && !quoted[t] && !tokens[t].IsCapitalized
                && ((key.Length > 5 && key.EndsWith("ing", StringComparison.Ordinal) && !AdjunctStarts.Contains(key)) || IsReaction(t));
        }

        /// <summary>
        /// A word of a quoted title in the adjuncts before "that": told CNN's “State of the Union” that, said on “Meet the
        /// Press” that. Titles are capitalized but for their small words.
        /// </summary>
        private bool InQuotedTitle(int t) =>
            tokens[t].IsCapitalized || tokens[t].Key is "of" or "the" or "and" or "a" or "an" or "to" or "for" or "in" or "on" or "at";

        /// <summary>
        /// A verb, unless a determiner comes before it: a participle after one describes a noun ("a packed room", "an
        /// emailed statement", "a televised interview").
        /// </summary>
        private bool IsVerbNotAfterDeterminer(int t) => IsVerbAt(t) && !Lexicon.Determiners.Contains(tokens[t - 1].Key);

        private bool IsVerbAt(int t) =>
            !tokens[t].IsCapitalized && (ClauseVerbs.Contains(tokens[t].Key) || Clauses.IsReportingVerbAt(tokens, t)
                || (tokens[t].Key.Length > 4 && tokens[t].Key.EndsWith("ed", StringComparison.Ordinal)));

        /// <summary>The hearer after told/tells: one word (reporters, Reuters) or "the" and a name (the BBC).</summary>
        private int? Hearer(int v)
        {
            if (!Lexicon.VerbsWithHearer.Contains(tokens[v].Key) || v + 1 >= tokens.Count)
            {
                return null;
            }
            var h = v + 1;
            if (tokens[h].Key is "the" or "a" && h + 1 < tokens.Count && tokens[h + 1].IsCapitalized)
            {
                h++;
                while (h + 1 < tokens.Count && tokens[h + 1].IsCapitalized && !Clauses.BreaksPhrase(text, tokens[h].End, tokens[h + 1].Start))
                {
                    h++;
                }
                return h + 1;
            }
            if (tokens[h].Key == "the" && h + 1 < tokens.Count && HearerBodies.Contains(tokens[h + 1].Key))
            {
                return h + 2; // told the board the district faces …
            }
            if (h + 1 < tokens.Count && tokens[h + 1].Key == "s" && tokens[h + 1].Start == tokens[h].End + 1)
            {
                return null; // told CNN's “State of the Union”: the hearer goes on past the possessive
            }
            return Hearers.Contains(tokens[h].Key) || (tokens[h].IsCapitalized && !Lexicon.NotNames.Contains(tokens[h].Key)) ? h + 1 : null;
        }

        private bool IsFrontedVerb(int v) =>
            !quoted[v] && !tokens[v].IsCapitalized && Lexicon.QuoteVerbs.Contains(tokens[v].Key)
            && !Lexicon.Participles.Contains(tokens[v].Key) && tokens[v].Key is not ("asked" or "asks" or "say" or "continued");

        /// <summary>
        /// After an attribution only adjuncts may follow to the end of the sentence: "at a conference in Moscow on
        /// Wednesday", ", adding that …", "in a statement". A "that" or a new clause means it was not an attribution.
        /// </summary>
        private bool EndsAttribution(int next)
        {
            if (next >= tokens.Count)
            {
                return true;
            }
            var key = tokens[next].Key;
            // ", traders said, supported by strong remittance inflows": a participle and its agent describe the clause's subject.
            var describes = key.EndsWith("ed", StringComparison.Ordinal) && next + 1 < tokens.Count && tokens[next + 1].Key == "by" && IsCommaBefore(next);
            if (!(describes || Lexicon.PhraseEnders.Contains(key) || AdjunctStarts.Contains(key) || Lexicon.Participles.Contains(key) || key is "by" or "for" or "of"))
            {
                return false;
            }
            // "said on Wednesday that …" reports a clause of its own: the words before were not a reported clause.
            for (var t = next; t < tokens.Count && !IsCommaBefore(t); t++)
            {
                if (tokens[t].Key == "that" && !quoted[t])
                {
                    return false;
                }
            }
            return true;
        }

        /// <summary>
        /// "Both sides had spoken frankly, she said, and frank talk was …": a clause that goes on after its attribution with
        /// ", and" or ", but" to the end of the sentence is one statement; its text leaves the attribution out.
        /// </summary>
        private bool AddContinued(TextSpan clause, int next, SpeakerPhrase speaker)
        {
            if (next + MinClauseWords >= tokens.Count || tokens[next].Key is not ("and" or "but") || !IsCommaBefore(next)
                || quoted[next] || !HasVerb(next + 1, tokens.Count) || Overlaps(new TextSpan(tokens[next].Start, sentence.Span.End)))
            {
                return false;
            }
            var whole = TrimClause(new TextSpan(clause.Start, sentence.Span.End));
            found.Add(new ReportedClause(whole, speaker, ParaphraseForm.Fronted) { Attribution = new TextSpan(clause.End, tokens[next].Start) });
            return true;
        }

        private void Add(int firstToken, SpeakerPhrase speaker, ParaphraseForm form) =>
            AddSpan(new TextSpan(tokens[firstToken].Start, ClauseEnd(firstToken, InSubordinateClause(speaker))), speaker, form);

        /// <summary>
        /// "When the Shadow Treasurer interjected that …, the Treasurer turned …": the speaker is the subject of a clause
        /// that opens the sentence with a subordinator, so the report ends with that clause, at a comma. (Not "When asked,
        /// she said …", whose subordinate clause has no subject.)
        /// </summary>
        private bool InSubordinateClause(SpeakerPhrase speaker) =>
            speaker.BeforeVerb && Lexicon.Subordinators.Contains(tokens[0].Key) && speaker.Span.Start <= tokens[1].Start
            && !tokens[1].Key.EndsWith("ed", StringComparison.Ordinal) && !tokens[1].Key.EndsWith("ing", StringComparison.Ordinal)
            && tokens[1].Key != "told";

        private void AddSpan(TextSpan clause, SpeakerPhrase speaker, ParaphraseForm form)
        {
            clause = TrimClause(CutAtTaken(clause));
            if (clause.Start > 0 && quotes.Any(q => q.Start == clause.Start - 1))
            {
                clause = new TextSpan(clause.Start - 1, clause.End); // a clause that opens with quoted words keeps their mark
            }
            if (Tokenizer.Tokenize(text, clause.Start, clause.End).Count < MinClauseWords)
            {
                return;
            }
            found.Add(new ReportedClause(clause, speaker, form));
        }

        /// <summary>
        /// The clause runs to the end of the sentence, or to where another report starts: ", adding that", "and
        /// added that", ", according to"; in a subordinate clause, to its first comma.
        /// </summary>
        private int ClauseEnd(int first, bool subordinate = false)
        {
            for (var t = first + 1; t < tokens.Count; t++)
            {
                if (quoted[t])
                {
                    continue;
                }
                var afterComma = IsCommaBefore(t);
                if (afterComma && subordinate)
                {
                    return StopBefore(t);
                }
                if (afterComma && (IsAsideParticiple(tokens[t].Key) || (tokens[t].Key == "according" && t + 1 < tokens.Count && tokens[t + 1].Key == "to")))
                {
                    return StopBefore(t);
                }
                if (afterComma && tokens[t].Key is "although" or "though" or "while" or "whereas" or "but" && ReportFollows(t + 1))
                {
                    return StopBefore(t); // "…, although she conceded that …": a report of its own
                }
                if (afterComma && tokens[t].Key == "as" && OpensNarration(t + 1))
                {
                    return StopBefore(t); // "…, as rescuers pulled more residents from rooftops": what went on meanwhile
                }
                if (afterComma && (IsReaction(t) || IsComment(t)))
                {
                    return StopBefore(t); // "…, prompting laughter from his own benches", "…, a phrase that drew applause"
                }
                if (tokens[t].Key is "and" or "but" && (IsCoordinatedReport(t + 1) || IsCoordinatedAct(t + 1)))
                {
                    var end = tokens[t - 1].End;
                    while (end < tokens[t].Start && QuoteMarks.IsMark(text[end]))
                    {
                        end++; // the closing mark of quoted words that end the clause: was "the mission", and insisted
                    }
                    return end;
                }
                if (afterComma && Lexicon.Pronouns.Contains(tokens[t].Key) && t + 1 < tokens.Count && Lexicon.QuoteVerbs.Contains(tokens[t + 1].Key) && IsSentenceEnd(tokens[t + 1].End))
                {
                    return StopBefore(t); // "…, he added." repeating the attribution
                }
            }
            return sentence.Span.End;
        }

        /// <summary>
        /// After ", as": a subject of a few words and a past tense, the reporter telling what happened meanwhile ("as
        /// rescuers pulled", "as the death toll rose"); not "as well as", "as expected" or "as part of".
        /// </summary>
        private bool OpensNarration(int t)
        {
            if (t >= tokens.Count || quoted[t] || tokens[t].Key is "well" or "much" or "many" or "long" or "soon" or "far" or "part" or "such" or "if" or "though"
                || tokens[t].Key.EndsWith("ly", StringComparison.Ordinal) || IsVerbAt(t))
            {
                return false;
            }
            for (var v = t + 1; v < tokens.Count && v <= t + 3; v++)
            {
                if (quoted[v] || Clauses.BreaksPhrase(text, tokens[v - 1].End, tokens[v].Start))
                {
                    return false;
                }
                if (IsVerbAt(v) || IsPresentAfterSubject(t, v))
                {
                    return true;
                }
            }
            return false;
        }

        /// <summary>A subject of a few words and a speech verb: "she conceded that", "the minister said".</summary>
        private bool ReportFollows(int t)
        {
            for (var v = t + 1; v < tokens.Count && v <= t + 4; v++)
            {
                if (quoted[v] || Clauses.BreaksPhrase(text, tokens[v - 1].End, tokens[v].Start))
                {
                    return false;
                }
                if (Clauses.IsReportingVerbAt(tokens, v))
                {
                    return Clauses.CanStartSpeakerPhrase(tokens[t]);
                }
            }
            return false;
        }

        /// <summary>"a phrase that drew applause", "a phrase several diplomats repeated": a comment on the words just reported.</summary>
        private bool IsComment(int t) => tokens[t].Key is "a" or "an" && t + 1 < tokens.Count && CommentNouns.Contains(tokens[t + 1].Key);

        /// <summary>", prompting laughter", ", to applause from …": how the words were met, not part of them.</summary>
        private bool IsReaction(int t) =>
            ReactionParticiples.Contains(tokens[t].Key)
            || (tokens[t].Key == "to" && t + 1 < tokens.Count && tokens[t + 1].Key is "applause" or "laughter" or "cheers" or "jeers" or "groans");

        /// <summary>
        /// A participle the reporter adds about the speaker, not the speaker's words: ", adding that", ", citing a
        /// dispute", ", joking that". Other participles may belong to the clause: "the plan was working, creating jobs".
        /// </summary>
        private static bool IsAsideParticiple(string key) =>
            Lexicon.Participles.Contains(key) || Lexicon.AsideParticiples.Contains(key)
            || (key.EndsWith("ing", StringComparison.Ordinal) && (Lexicon.QuoteVerbs.Contains(key) || Lexicon.ReportingVerbs.Contains(key)));

        /// <summary>
        /// "and declined to go further", "and did not elaborate", ", but she declined to": the speaker's next act. Under a
        /// modal it is the reported subject's, in the tense of reported speech: "the commission had taken note and would
        /// not comment further".
        /// </summary>
        private bool IsCoordinatedAct(int t)
        {
            // ", but she declined to commit to …": after a comma and "but", he or she is the speaker, turning from what was said.
            var v = t < tokens.Count && tokens[t].Key is "he" or "she" && tokens[t - 1].Key == "but" && IsCommaBefore(t - 1) ? t + 1 : t;
            var first = v;
            while (v < tokens.Count && v < first + 3 && !tokens[v].IsCapitalized && Clauses.IsAuxiliary(tokens[v].Key))
            {
                if (ReportedModals.Contains(tokens[v].Key))
                {
                    return false;
                }
                v++;
            }
            return v < tokens.Count && !quoted[v] && !tokens[v].IsCapitalized && SpeakerActs.Contains(tokens[v].Key);
        }

        /// <summary>"and (also) added that …", "and urged …": a second report by the same speaker.</summary>
        private bool IsCoordinatedReport(int t)
        {
            var v = t;
            while (v < tokens.Count && v < t + 2 && !tokens[v].IsCapitalized && Lexicon.Auxiliaries.Contains(tokens[v].Key))
            {
                v++;
            }
            return v < tokens.Count && !quoted[v] && !tokens[v].IsCapitalized
                && (Clauses.IsQuoteVerbAt(tokens, v) || Clauses.IsReportingVerbAt(tokens, v)) && tokens[v].Key is not ("say" or "state");
        }

        private TextSpan CutAtTaken(TextSpan clause)
        {
            foreach (var region in taken)
            {
                if (region.Start >= clause.End)
                {
                    break;
                }
                if (region.Overlap(clause) > 0)
                {
                    clause = region.Start > clause.Start ? new TextSpan(clause.Start, region.Start) : new TextSpan(clause.Start, clause.Start);
                }
            }
            return clause;
        }

        private TextSpan TrimClause(TextSpan clause)
        {
            var (s, e) = (clause.Start, clause.End);
            while (e > s && (char.IsWhiteSpace(text[e - 1]) || text[e - 1] is ',' or ';' or ':' or '—' or '–' or '-'))
            {
                e--;
            }
            while (s < e && char.IsWhiteSpace(text[s]))
            {
                s++;
            }
            return new TextSpan(s, e);
        }

        private bool Overlaps(TextSpan clause) => taken.Any(r => r.Overlap(clause) > 0);

        private int SentenceStart() => sentence.Span.Start;

        /// <summary>A comma between the word before t and t, perhaps with a closing quote mark: "…," / "…",.</summary>
        private bool IsCommaBefore(int t) =>
            t > 0 && text.AsSpan(tokens[t - 1].End, tokens[t].Start - tokens[t - 1].End).Trim() is "," or ",\"" or ",”" or ",’" or "\"," or "”," or "’," or "»,";

        /// <summary>Where a clause ends before the comma ahead of t: after a closing mark that follows the comma ("sound,").</summary>
        private int StopBefore(int t)
        {
            var end = tokens[t - 1].End;
            while (end < tokens[t].Start && (text[end] == ',' || QuoteMarks.IsMark(text[end])))
            {
                end++;
            }
            return QuoteMarks.IsMark(text[end - 1]) ? end : CommaBefore(t);
        }

        private int CommaBefore(int t) => text.IndexOf(',', tokens[t - 1].End, tokens[t].Start - tokens[t - 1].End);

        private int IndexAfter(int position)
        {
            var i = tokens.FindIndex(t => t.Start >= position);
            return i < 0 ? tokens.Count : i;
        }

        private bool IsSentenceEnd(int position)
        {
            for (var i = position; i < sentence.Span.End; i++)
            {
                if (char.IsLetterOrDigit(text[i]))
                {
                    return false;
                }
            }
            return true;
        }
    }
}
