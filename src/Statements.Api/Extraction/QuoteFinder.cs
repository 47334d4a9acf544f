// Step 1 of extraction: find the quotations. Marks are paired with a stack, so nested quotes stay inside
// their outer quote and only outermost quotations are returned: “ ” and " " (English), ‘ ’ (British, or
// nested), « » and » « (French, Russian, German), „ “ and „ ” (German, Polish), ‚ ‘ (German nested). An
// apostrophe (Moscow’s, don’t, the farmers’ union) is not a closing mark. Two conventions of translated and
// transcribed prose are recognised too: speech introduced by a dash at the start of a sentence and closed by
// a lone quote mark (“…,” Lavrov said. - We have … dialogue. "), and transcript lines ("LAVROV: We …").
namespace Statements.Api.Extraction;

public enum QuoteForm
{
    /// <summary>Words between quote marks.</summary>
    Marks,
    /// <summary>Speech opened by a dash at the start of a sentence and closed by a lone quote mark.</summary>
    Dash,
    /// <summary>A transcript line: the words after a speaker label such as "LAVROV:".</summary>
    Label,
}

/// <summary>
/// A quotation. Outer covers the marks; Inner the words, trimmed of spaces and of the comma that ends a quote
/// followed by its attribution ("…arena,” Lavrov said" gives "…arena").
/// </summary>
public sealed record QuotedSpan(TextSpan Outer, TextSpan Inner, QuoteForm Form)
{
    /// <summary>
    /// The quote begins a sentence, or follows a colon, comma, dash or speech verb. A quote inside a sentence's own
    /// words (no "high expectations", an "objective need") is a scare quote, not a statement.
    /// </summary>
    public bool IsStandalone { get; init; }

    /// <summary>The quote was still open when its paragraph ended: news style for a quote that goes on in the next paragraph.</summary>
    public bool OpenAtParagraphEnd { get; init; }

    /// <summary>For a transcript line, the speaker label before the colon.</summary>
    public TextSpan? Label { get; init; }

    public int Paragraph { get; init; }
}

/// <summary>The quote marks of the languages news is written in.</summary>
public static class QuoteMarks
{
    public static bool IsMark(char c) => c is '"' or '“' or '”' or '„' or '«' or '»' or '‘' or '’' or '‚' or '‹' or '›';

    public static bool IsDouble(char c) => c is '"' or '“' or '”' or '„' or '«' or '»';

    /// <summary>
    /// A text that quotes with straight single quotes ('like this') and has no curly ones, with each straight one made
    /// curly: ‘ where it opens a word (after a space, a bracket, a dash or another mark), ’ elsewhere, as an apostrophe
    /// (It’s) or a closing mark. The British single quotes are then read as in typeset text. Any other text is returned as
    /// it is.
    /// </summary>
    public static string CurlSingleQuotes(string text)
    {
        if (!text.Contains('\'') || text.Contains('‘') || text.Contains('’'))
        {
            return text;
        }
        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (chars[i] == '\'')
            {
                var opens = (i == 0 || char.IsWhiteSpace(chars[i - 1]) || chars[i - 1] is '(' or '[' or '—' or '–' or '"' or '“')
                    && i + 1 < chars.Length && !char.IsWhiteSpace(chars[i + 1]);
                chars[i] = opens ? '‘' : '’';
            }
        }
        return new string(chars);
    }
}

public static class QuoteFinder
{
    private const int MaxLabelLength = 40;

    /// <summary>How far back from a lone closing mark the dash that opened the speech is looked for, in characters.</summary>
    private const int MaxDashSpeech = 5_000;

    public static List<QuotedSpan> Find(string text, IReadOnlyList<Paragraph> paragraphs)
    {
        var quotes = new List<QuotedSpan>();
        var labels = TranscriptLabels(text, paragraphs);
        var lastLabel = labels.Count == 0 ? -1 : labels.Keys.Max();
        var answering = false;
        foreach (var paragraph in paragraphs)
        {
            if (labels.TryGetValue(paragraph.Index, out var label))
            {
                answering = label.Speaks;
                // A question (Q:, QUESTION:) is quoted too, but never a statement: nor is what it reports others said.
                var inner = Paragraphs.Trim(text, new TextSpan(label.Colon + 1, paragraph.Span.End));
                quotes.Add(new QuotedSpan(paragraph.Span, inner, QuoteForm.Label)
                {
                    IsStandalone = label.Speaks,
                    Label = new TextSpan(paragraph.Span.Start, label.Colon),
                    Paragraph = paragraph.Index,
                });
                continue;
            }
            if (answering && paragraph.Index < lastLabel && IsPlainSpeech(text, paragraph))
            {
                // A transcript answer that goes on in a paragraph of its own, without a label (before the
                // transcript ends: the paragraphs after the last label are the article's own words).
                quotes.Add(new QuotedSpan(paragraph.Span, paragraph.Span, QuoteForm.Label) { IsStandalone = true, Paragraph = paragraph.Index });
                continue;
            }
            answering = false;
            if (!DialogueDashes(text, paragraph, quotes))
            {
                new MarkScanner(text, paragraph, quotes).Scan();
            }
        }
        return quotes;
    }

    /// <summary>
    /// Dialogue as Russian prose writes it, kept in translation: a paragraph opens with a dash, and a dash after a comma
    /// (or ! ? …) closes the speech before its attribution ("— We are ready to work, — said Lavrov."). Speech that resumes
    /// after the attribution with a dash again (". — But …") runs to the end of the paragraph. Without the closing dash
    /// the paragraph is read for quote marks as any other.
    /// </summary>
    private static bool DialogueDashes(string text, Paragraph paragraph, List<QuotedSpan> quotes)
    {
        var line = Paragraphs.Trim(text, paragraph.Span);
        var (open, end) = (line.Start, line.End);
        if (end - open < 4 || !IsDialogueDash(text, open))
        {
            return false;
        }
        var close = open + 2;
        while (close + 4 < end && !(text[close] is ',' or '!' or '?' or '…' && IsDialogueDash(text, close + 2) && char.IsLetter(text[close + 4])))
        {
            close++;
        }
        if (close + 4 >= end)
        {
            return false;
        }
        var words = new TextSpan(open + 1, text[close] == ',' ? close : close + 1);
        quotes.Add(new QuotedSpan(new TextSpan(open, close + 3), Paragraphs.Trim(text, words), QuoteForm.Dash) { IsStandalone = true, Paragraph = paragraph.Index });
        for (var resumed = close + 4; resumed + 4 < end; resumed++)
        {
            if (text[resumed] is '.' or ',' && IsDialogueDash(text, resumed + 2))
            {
                var rest = new TextSpan(resumed + 2, end);
                quotes.Add(new QuotedSpan(rest, Paragraphs.Trim(text, new TextSpan(rest.Start + 1, end)), QuoteForm.Dash) { IsStandalone = true, Paragraph = paragraph.Index });
                break;
            }
        }
        return true;
    }

    /// <summary>A dash of dialogue at i: an em or en dash with a space after it, and a space or the line's start before it.</summary>
    private static bool IsDialogueDash(string text, int i) =>
        i + 1 < text.Length && text[i] is '—' or '–' && text[i + 1] == ' ' && (i == 0 || char.IsWhiteSpace(text[i - 1]));

    private readonly record struct TranscriptLabel(int Colon, bool Speaks);

    /// <summary>
    /// Speaker labels of a transcript. A text is a transcript when two or more paragraphs start with one, so that a
    /// headline ("Lavrov: Moscow Has No Illusions") or a dateline with a colon is not taken for one. Labels of
    /// those who ask (Q, MODERATOR) mark lines that are not statements.
    /// </summary>
    private static Dictionary<int, TranscriptLabel> TranscriptLabels(string text, IReadOnlyList<Paragraph> paragraphs)
    {
        var labels = new Dictionary<int, TranscriptLabel>();
        var dotted = new Dictionary<int, TranscriptLabel>();
        foreach (var paragraph in paragraphs)
        {
            var span = paragraph.Span;
            if (DottedLabel(text, span) is { } dot)
            {
                dotted[paragraph.Index] = new TranscriptLabel(dot, text[span.Start] == 'A');
                continue;
            }
            var colon = text.IndexOf(':', span.Start, Math.Min(MaxLabelLength + 1, span.Length));
            if (colon <= span.Start || colon + 2 >= span.End || !char.IsWhiteSpace(text[colon + 1]) || !LooksLikeLabel(text, span.Start, colon)
                || (paragraph.IsHeading && !IsAllCaps(text, span.Start, colon)))
            {
                continue;
            }
            var first = Tokenizer.Tokenize(text, span.Start, colon)[0].Key;
            labels[paragraph.Index] = new TranscriptLabel(colon, !Lexicon.AskingLabels.Contains(first));
        }
        if (dotted.Values.Any(l => l.Speaks) && dotted.Values.Any(l => !l.Speaks))
        {
            // "Q." and "A." label an interview only together: "A. Smith said …" alone starts with an initial.
            foreach (var (index, label) in dotted)
            {
                labels[index] = label;
            }
        }
        return labels.Count >= 2 ? labels : [];
    }

    /// <summary>The full stop of an interview's "Q." or "A." at the start of a paragraph, before its words; or null.</summary>
    private static int? DottedLabel(string text, TextSpan span) =>
        span.Length > 3 && text[span.Start] is 'Q' or 'A' && text[span.Start + 1] == '.' && char.IsWhiteSpace(text[span.Start + 2])
            ? span.Start + 1
            : null;

    /// <summary>A paragraph with no quote marks and no speech verb: in a transcript, more of the same answer.</summary>
    private static bool IsPlainSpeech(string text, Paragraph paragraph)
    {
        for (var i = paragraph.Span.Start; i < paragraph.Span.End; i++)
        {
            if (QuoteMarks.IsDouble(text[i]))
            {
                return false;
            }
        }
        var tokens = Tokenizer.Tokenize(text, paragraph.Span.Start, paragraph.Span.End);
        return !paragraph.IsHeading && !tokens.Any(t => !t.IsCapitalized && t.Key is "said" or "says" or "told" or "added" or "according");
    }

    /// <summary>
    /// One to five capitalised words (particles allowed), no digits: LAVROV, SECRETARY BLINKEN, Q, Mr Price; a note in
    /// brackets may follow them: QUESTION (Reuters), LAVROV (through an interpreter).
    /// </summary>
    private static bool LooksLikeLabel(string text, int start, int colon)
    {
        if (text[colon - 1] == ')' && text.LastIndexOf('(', colon - 1, colon - start) is var open and > 0 && open > start)
        {
            colon = open;
            while (colon > start && text[colon - 1] == ' ')
            {
                colon--;
            }
        }
        var words = Tokenizer.Tokenize(text, start, colon);
        if (words.Count is 0 or > 5)
        {
            return false;
        }
        for (var i = start; i < colon; i++)
        {
            if (!(char.IsLetter(text[i]) || text[i] is ' ' or '.' or '\'' or '’' or '-'))
            {
                return false;
            }
        }
        return words.All(w => w.IsCapitalized || Lexicon.NameParticles.Contains(w.Key));
    }

    private static bool IsAllCaps(string text, int start, int end)
    {
        for (var i = start; i < end; i++)
        {
            if (char.IsLower(text[i]))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Pairs the marks of one paragraph.</summary>
    private sealed class MarkScanner(string text, Paragraph paragraph, List<QuotedSpan> quotes)
    {
        private readonly List<(char Mark, int Position)> stack = [];
        private int lastEnd = paragraph.Span.Start;
        private int searchedForDash = paragraph.Span.Start;

        private int Start => paragraph.Span.Start;
        private int End => paragraph.Span.End;

        public void Scan()
        {
            for (var i = paragraph.ContentStart; i < End; i++)
            {
                var c = text[i];
                if (!QuoteMarks.IsMark(c))
                {
                    continue;
                }
                var opening = OpeningLike(i);
                var closing = ClosingLike(i);
                switch (c)
                {
                    case '„':
                        Push(c, i);
                        break;
                    case '«':
                        if (NearestDouble() is { } reversed && stack[reversed].Mark == '»' && closing && !opening)
                        {
                            CloseDouble(reversed, i);
                        }
                        else
                        {
                            Push(c, i);
                        }
                        break;
                    case '»':
                        if (NearestDouble() is { } guillemet && stack[guillemet].Mark == '«')
                        {
                            CloseDouble(guillemet, i);
                        }
                        else if (opening)
                        {
                            Push(c, i);
                        }
                        break;
                    case '“':
                        // Opens in English, closes „ in German.
                        if (NearestDouble() is { } low && stack[low].Mark == '„')
                        {
                            CloseDouble(low, i);
                        }
                        else if (!opening && closing && NearestDouble() is { } open)
                        {
                            CloseDouble(open, i);
                        }
                        else
                        {
                            Push(c, i);
                        }
                        break;
                    case '”':
                        if (NearestDouble() is { } english && !(opening && !closing))
                        {
                            CloseDouble(english, i);
                        }
                        else if (opening && !closing)
                        {
                            Push(c, i);
                        }
                        else
                        {
                            Orphan(i);
                        }
                        break;
                    case '"':
                        if (closing && !opening)
                        {
                            if (NearestDouble() is { } straight)
                            {
                                CloseDouble(straight, i);
                            }
                            else
                            {
                                Orphan(i);
                            }
                        }
                        else if (opening && !closing)
                        {
                            Push(c, i);
                        }
                        else if (NearestDouble() is { } pending)
                        {
                            CloseDouble(pending, i);
                        }
                        else if (!opening && !closing)
                        {
                            Orphan(i);
                        }
                        else
                        {
                            Push(c, i);
                        }
                        break;
                    case '‘':
                        if (stack.Count > 0 && stack[^1].Mark == '‚')
                        {
                            CloseTop(i);
                        }
                        else if (opening && (i == Start || !char.IsLetterOrDigit(text[i - 1])))
                        {
                            Push(c, i);
                        }
                        break;
                    case '’':
                        if (stack.Count > 0 && stack[^1].Mark == '‘' && closing && !IsApostrophe(i))
                        {
                            CloseTop(i);
                        }
                        break;
                    case '‚':
                        if (opening && i + 1 < End && char.IsLetter(text[i + 1]) && (i == Start || char.IsWhiteSpace(text[i - 1])))
                        {
                            Push(c, i);
                        }
                        break;
                    case '‹':
                        Push(c, i);
                        break;
                    case '›':
                        if (stack.Count > 0 && stack[^1].Mark == '‹')
                        {
                            CloseTop(i);
                        }
                        break;
                }
            }
            if (stack.Count > 0)
            {
                // Still open at the end of the paragraph: the quote goes on in the next one (or was never closed).
                Emit(stack[0].Position, null);
                stack.Clear();
            }
        }

        private void Push(char mark, int position) => stack.Add((mark, position));

        private int? NearestDouble()
        {
            for (var k = stack.Count - 1; k >= 0; k--)
            {
                if (QuoteMarks.IsDouble(stack[k].Mark))
                {
                    return k;
                }
            }
            return null;
        }

        /// <summary>Closes the double mark at stack index k, and any single marks left open inside it.</summary>
        private void CloseDouble(int k, int close)
        {
            if (k == 0)
            {
                Emit(stack[0].Position, close);
            }
            stack.RemoveRange(k, stack.Count - k);
        }

        private void CloseTop(int close)
        {
            if (stack.Count == 1)
            {
                Emit(stack[0].Position, close);
            }
            stack.RemoveAt(stack.Count - 1);
        }

        private void Emit(int open, int? close)
        {
            var innerEnd = close ?? End;
            var inner = TrimInner(new TextSpan(open + 1, innerEnd));
            lastEnd = close is null ? End : close.Value + 1;
            if (inner.Length == 0)
            {
                return;
            }
            quotes.Add(new QuotedSpan(new TextSpan(open, lastEnd), inner, QuoteForm.Marks)
            {
                IsStandalone = IsStandalone(open, close),
                OpenAtParagraphEnd = close is null,
                Paragraph = paragraph.Index,
            });
        }

        /// <summary>
        /// A lone closing mark with nothing open: the end of dash-introduced speech, if a sentence since the last
        /// quote starts with "- " or "— ".
        /// </summary>
        private void Orphan(int mark)
        {
            // Text already searched for an opening dash, after an earlier lone mark, need not be searched again.
            var from = Math.Max(Math.Max(lastEnd, searchedForDash), Math.Max(Start, mark - MaxDashSpeech));
            searchedForDash = mark - 1;
            for (var d = mark - 2; d >= from; d--)
            {
                if (text[d] is '-' or '–' or '—' && char.IsWhiteSpace(text[d + 1]) && StartsSentence(d) && NextLetterIsCapital(d + 1, mark))
                {
                    var inner = TrimInner(new TextSpan(d + 1, mark));
                    if (inner.Length > 0)
                    {
                        quotes.Add(new QuotedSpan(new TextSpan(d, mark + 1), inner, QuoteForm.Dash)
                        {
                            IsStandalone = true,
                            Paragraph = paragraph.Index,
                        });
                        lastEnd = mark + 1;
                    }
                    return;
                }
            }
        }

        private bool StartsSentence(int position)
        {
            var j = position - 1;
            while (j >= Start && char.IsWhiteSpace(text[j]))
            {
                j--;
            }
            return j < Start || text[j] is '.' or '!' or '?' or '…' || (QuoteMarks.IsMark(text[j]) && j > Start && text[j - 1] is '.' or '!' or '?');
        }

        private bool NextLetterIsCapital(int from, int to)
        {
            for (var j = from; j < to; j++)
            {
                if (char.IsLetter(text[j]))
                {
                    return char.IsUpper(text[j]);
                }
            }
            return false;
        }

        private TextSpan TrimInner(TextSpan span)
        {
            span = Paragraphs.Trim(text, span);
            var end = span.End;
            while (end > span.Start && (text[end - 1] == ',' || char.IsWhiteSpace(text[end - 1])))
            {
                end--;
            }
            return new TextSpan(span.Start, end);
        }

        /// <summary>After a space, bracket, dash or another mark, and followed by a word: an opening mark.</summary>
        private bool OpeningLike(int i)
        {
            var before = i > Start ? text[i - 1] : ' ';
            var after = i + 1 < End ? text[i + 1] : ' ';
            return (char.IsWhiteSpace(before) || before is '(' or '[' or '—' or '–' or '-' or '/' or ':' || QuoteMarks.IsMark(before))
                && !char.IsWhiteSpace(after);
        }

        /// <summary>After a word or punctuation, and followed by a space, punctuation or the end: a closing mark.</summary>
        private bool ClosingLike(int i)
        {
            var before = i > Start ? text[i - 1] : ' ';
            var after = i + 1 < End ? text[i + 1] : ' ';
            return !char.IsWhiteSpace(before)
                && (char.IsWhiteSpace(after) || char.IsPunctuation(after) || QuoteMarks.IsMark(after));
        }

        /// <summary>
        /// ’ after a letter and before a letter is an apostrophe (Moscow’s); after an s and before a lower-case word that
        /// is not an attribution it is a plural possessive (the farmers’ union), unless no later ’ could close the open ‘
        /// (the episode raised ‘serious questions’ about funding).
        /// </summary>
        private bool IsApostrophe(int i)
        {
            if (i + 1 < End && char.IsLetter(text[i + 1]))
            {
                return true;
            }
            if (text[i - 1] != 's' || i + 2 >= End || !char.IsWhiteSpace(text[i + 1]) || !char.IsLower(text[i + 2]))
            {
                return false;
            }
            var next = Tokenizer.Tokenize(text, i + 2, Math.Min(End, i + 30)).FirstOrDefault();
            return next.Key is not null && !Lexicon.QuoteVerbs.Contains(next.Key) && !Lexicon.Pronouns.Contains(next.Key)
                && next.Key is not ("according" or "the" or "a") && ClosedLater(i);
        }

        /// <summary>
        /// Whether a ’ after i, before the paragraph ends or another ‘ opens, could close the ‘ that is open: if none can, a
        /// quote closes at i, since British single quotes are far more often closed than left open to the paragraph's end.
        /// </summary>
        private bool ClosedLater(int i)
        {
            for (var k = i + 1; k < End; k++)
            {
                if (text[k] == '‘')
                {
                    return false;
                }
                if (text[k] == '’' && ClosingLike(k) && !(k + 1 < End && char.IsLetter(text[k + 1])))
                {
                    return true;
                }
            }
            return false;
        }

        /// <summary>
        /// Whether the quote at open stands on its own: at the start of the paragraph or a sentence, after a colon,
        /// comma, dash or bracket, or right after a speech verb (said "…", said that "…"; but not when the clause goes on
        /// after the closing mark, as in replied that "all options remain open" but that …: quoted words in a report).
        /// </summary>
        private bool IsStandalone(int open, int? close)
        {
            var j = open - 1;
            while (j >= Start && char.IsWhiteSpace(text[j]))
            {
                j--;
            }
            if (j < paragraph.ContentStart)
            {
                return true;
            }
            if (!char.IsLetterOrDigit(text[j]))
            {
                // After . ! ? : ; , a dash, a bracket, another quote mark, a bullet or an emoji; but not after a noun
                // for words, which the quote names: "using an expression — “sento ni tatte” — that …", "the slogan, “…”".
                return !(text[j] is ',' or '—' or '–' && Tokenizer.Tokenize(text, Math.Max(Start, j - 20), j) is [.., var noun]
                    && noun.End >= j - 2 && Lexicon.WordsNouns.Contains(noun.Key));
            }
            var words = Tokenizer.Tokenize(text, Math.Max(Start, j - 40), j + 1);
            if (words.Count == 0)
            {
                return false;
            }
            // Only the words within 40 characters were read, so the label must start that close to the paragraph.
            if (words.Count <= 3 && words[0].Start >= paragraph.ContentStart && words[0].Start - paragraph.ContentStart <= 40
                && !text.AsSpan(paragraph.ContentStart, words[0].Start - paragraph.ContentStart).ContainsAnyExcept(" \t\u00a0")
                && words.All(w => w.End - w.Start > 1 && IsAllCaps(text, w.Start, w.End)))
            {
                return true; // "UPDATE “…”", "BREAKING NEWS: …": a label in capitals opens the paragraph
            }
            var verb = words.Count - 1;
            if (words[verb].Key == "that" && verb > 0)
            {
                if (close is { } c && ClauseGoesOn(c))
                {
                    return false;
                }
                verb--;
            }
            // "was agreed “after some very long coffee breaks”": a passive is no speech verb; nor does "so-called “…”" or
            // "in what its leader called ‘the toughest budget in a generation’" report words, it names them.
            var passive = verb > 0 && Lexicon.PassiveAuxiliaries.Contains(words[verb - 1].Key);
            var naming = (verb > 0 && words[verb - 1].Key == "so" && words[verb].Start - words[verb - 1].End == 1)
                || (words[verb].Key == "called" && words.Take(verb).Any(w => w.Key == "what"));
            return !passive && !naming && (Lexicon.QuoteVerbs.Contains(words[verb].Key) || Lexicon.Participles.Contains(words[verb].Key));
        }

        /// <summary>
        /// Words in lower case follow the closing mark, with no punctuation on either side of it: the quoted words began a
        /// clause, they were not all of it ("…" but that …, not "…," adding that …).
        /// </summary>
        private bool ClauseGoesOn(int close)
        {
            if (text[close - 1] is ',' or '.' or '!' or '?' or '…' or ';' or ':')
            {
                return false;
            }
            var i = close + 1;
            while (i < End && text[i] is ' ' or '\u00a0')
            {
                i++;
            }
            return i < End && char.IsLower(text[i]);
        }
    }
}
