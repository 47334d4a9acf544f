// Paragraphs and sentences of an article. Headlines, breadcrumbs and bylines (short lines without closing
// punctuation) are marked so that no statement is taken from them, and a wire dateline ("MOSCOW (Reuters) -")
// is not part of the first sentence. Full stops inside a quotation do not end the sentence around it.
using System.Text.RegularExpressions;

namespace Statements.Api.Extraction;

/// <summary>A line of the text. Content starts after a dateline, if the paragraph has one.</summary>
public sealed record Paragraph(int Index, TextSpan Span, int ContentStart, bool IsHeading);

/// <summary>A sentence, in the paragraph it belongs to.</summary>
public sealed record Sentence(int Index, TextSpan Span, int Paragraph, bool InHeading);

public static partial class Paragraphs
{
    private const int HeadingMaxWords = 25;
    private static readonly char[] LineBreaks = ['\n', '\r'];

    public static List<Paragraph> Split(string text)
    {
        var paragraphs = new List<Paragraph>();
        var start = 0;
        while (start <= text.Length)
        {
            var newline = text.IndexOfAny(LineBreaks, start); // \n, \r\n, and \r alone as old Mac files have it
            var end = newline < 0 ? text.Length : newline;
            var span = Trim(text, new TextSpan(start, end));
            if (span.Length > 0)
            {
                var dateline = Dateline().Match(text, span.Start, span.Length);
                var contentStart = dateline.Success ? dateline.Index + dateline.Length : span.Start;
                paragraphs.Add(new Paragraph(paragraphs.Count, span, contentStart, IsHeading(text, span)));
            }
            if (newline < 0)
            {
                break;
            }
            start = newline + 1;
        }
        return paragraphs;
    }

    public static TextSpan Trim(string text, TextSpan span)
    {
        var (s, e) = (span.Start, span.End);
        while (s < e && char.IsWhiteSpace(text[s]))
        {
            s++;
        }
        while (e > s && char.IsWhiteSpace(text[e - 1]))
        {
            e--;
        }
        return new TextSpan(s, e);
    }

    /// <summary>A headline, breadcrumb or byline: a short line that does not end as a sentence does.</summary>
    private static bool IsHeading(string text, TextSpan span)
    {
        var end = EndBeforeMarks(text, span);
        if (end == span.Start)
        {
            return true;
        }
        var last = text[end - 1];
        var beforeLast = end - span.Start > 1 ? text[end - 2] : ' ';
        var endsLikeSentence = last is '.' or '!' or '?' or '…'
            || (QuoteMarks.IsMark(last) || last is ')' or ']') && beforeLast is '.' or '!' or '?' or '…' or ',';
        if (endsLikeSentence)
        {
            return false;
        }
        var words = 0;
        for (var i = span.Start; i < span.End && words <= HeadingMaxWords; i++)
        {
            if (char.IsWhiteSpace(text[i]) && i > span.Start && !char.IsWhiteSpace(text[i - 1]))
            {
                words++;
            }
        }
        return words < HeadingMaxWords;
    }

    /// <summary>Where the line ends before a footnote mark ([1]), a note in brackets, emoji or other symbols after its last sentence.</summary>
    private static int EndBeforeMarks(string text, TextSpan span)
    {
        var end = span.End;
        while (end > span.Start)
        {
            var c = text[end - 1];
            if (char.IsWhiteSpace(c) || char.IsSurrogate(c) || char.IsSymbol(c) || c is '*' or '†' or '\u200d' or '\ufe0f')
            {
                end--;
            }
            else if (c == ']' && text.LastIndexOf('[', end - 1, end - span.Start) is var open and >= 0 && open < end - 2
                && text.AsSpan(open + 1, end - open - 2).ContainsAnyExceptInRange('0', '9') == false)
            {
                end = open;
            }
            else if (c == ')' && text.LastIndexOf('(', end - 1, end - span.Start) is var paren and > 0 && end - paren <= 40
                && text.AsSpan(span.Start, paren - span.Start).TrimEnd() is [.., '.' or '!' or '?' or '…' or '"' or '”' or '“' or '’' or '»'])
            {
                end = paren; // "…,” Böhme said. (translated)": a note after the last sentence
            }
            else
            {
                break;
            }
        }
        return end;
    }

    /// <summary>"MOSCOW (Reuters) - ", "GENEVA, June 16 (AP) — ", "MANILA, Philippines (AP) — ", "WASHINGTON — ".</summary>
    [GeneratedRegex(@"\G[A-Z][A-Z'.\-]+(?:[ /][A-Z][A-Z'.\-]+)*(?:,\s*(?:[A-Z][a-z]{2,}\.?\s+\d{1,2}(?:,\s*\d{4})?|[A-Z][a-z]+(?: [A-Z][a-z]+)?)){0,2}\s*(?:\([^)]{1,40}\)\s*)?[-–—]{1,2}\s+")]
    private static partial Regex Dateline();
}

public static class SentenceSplitter
{
    private static readonly HashSet<string> Abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        "mr", "mrs", "ms", "dr", "prof", "st", "sta", "sto", "gen", "sen", "rep", "gov", "col", "lt", "sgt", "capt", "jr", "sr",
        "vs", "etc", "inc", "ltd", "co", "corp", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
        "nov", "dec", "e.g", "i.e", "approx", "dept", "fig", "mt", "ft", "adm", "maj", "cmdr", "supt", "hon", "rev", "smt", "tmt",
        "shri",
    };

    /// <summary>Sentences of every paragraph. Quotations (from QuoteFinder) are not split inside.</summary>
    public static List<Sentence> Split(string text, IReadOnlyList<Paragraph> paragraphs, IReadOnlyList<QuotedSpan> quotes)
    {
        var sentences = new List<Sentence>();
        var q = 0;
        foreach (var paragraph in paragraphs)
        {
            var start = paragraph.ContentStart;
            var end = paragraph.Span.End;
            var i = start;
            while (i < end)
            {
                while (q < quotes.Count && quotes[q].Outer.End <= i)
                {
                    q++;
                }
                if (q < quotes.Count && quotes[q].Outer.Start <= i)
                {
                    // Inside a quotation: jump over it; it ends the sentence only if it ends with a full stop and
                    // what follows starts a new sentence ("…dialogue." "The normalization …").
                    var quote = quotes[q];
                    i = Math.Min(quote.Outer.End, end);
                    if (EndsWithStop(text, quote) && StartsNewSentence(text, i, end))
                    {
                        Add(sentences, text, new TextSpan(start, i), paragraph);
                        start = i;
                    }
                    continue;
                }
                var c = text[i];
                if (c is '.' or '!' or '?' or '…' && !IsAbbreviation(text, i, start))
                {
                    var after = i + 1;
                    while (after < end && (text[after] is '.' or '!' or '?' or ')' or ']' || (QuoteMarks.IsMark(text[after]) && !IsQuoteOpening(quotes, q, after))))
                    {
                        after++;
                    }
                    if (StartsNewSentence(text, after, end))
                    {
                        Add(sentences, text, new TextSpan(start, after), paragraph);
                        start = after;
                    }
                    i = after;
                    continue;
                }
                i++;
            }
            Add(sentences, text, new TextSpan(start, end), paragraph);
        }
        return sentences;
    }

    /// <summary>The sentence that holds the position, or the last one before it.</summary>
    public static int IndexAt(IReadOnlyList<Sentence> sentences, int position)
    {
        int low = 0, high = sentences.Count - 1, found = 0;
        while (low <= high)
        {
            var mid = (low + high) / 2;
            if (sentences[mid].Span.Start <= position)
            {
                found = mid;
                low = mid + 1;
            }
            else
            {
                high = mid - 1;
            }
        }
        return found;
    }

    private static void Add(List<Sentence> sentences, string text, TextSpan span, Paragraph paragraph)
    {
        span = Paragraphs.Trim(text, span);
        if (span.Length > 0)
        {
            sentences.Add(new Sentence(sentences.Count, span, paragraph.Index, paragraph.IsHeading));
        }
    }

    private static bool IsQuoteOpening(IReadOnlyList<QuotedSpan> quotes, int from, int position)
    {
        for (var k = from; k < quotes.Count && quotes[k].Outer.Start <= position; k++)
        {
            if (quotes[k].Outer.Start == position)
            {
                return true;
            }
        }
        return false;
    }

    private static bool EndsWithStop(string text, QuotedSpan quote)
    {
        var last = quote.Inner.End - 1;
        return last >= quote.Inner.Start && text[last] is '.' or '!' or '?' or '…';
    }

    /// <summary>After whitespace, a capital, digit, opening quote or dash begins the next sentence.</summary>
    private static bool StartsNewSentence(string text, int position, int end)
    {
        if (position >= end)
        {
            return true;
        }
        if (!char.IsWhiteSpace(text[position]))
        {
            return false;
        }
        while (position < end && char.IsWhiteSpace(text[position]))
        {
            position++;
        }
        if (position >= end)
        {
            return true;
        }
        // Anything but a word in lower case or punctuation that goes on a sentence: a capital, a digit, a quote mark, a
        // dash or bracket, a footnote ([1]), an emoji.
        var c = text[position];
        return !char.IsLower(c) && c is not (',' or ';' or ':' or '.' or '!' or '?' or ')' or ']' or '%' or '}');
    }

    /// <summary>Mr. and Jan. and the initials in "Antony J. Blinken" or "U.S." do not end a sentence.</summary>
    private static bool IsAbbreviation(string text, int dot, int sentenceStart)
    {
        if (text[dot] != '.')
        {
            return false;
        }
        var s = dot;
        while (s > sentenceStart && (char.IsLetter(text[s - 1]) || text[s - 1] == '.'))
        {
            s--;
        }
        var word = text[s..dot];
        if (word.Length == 0)
        {
            return false;
        }
        if (word.Length == 1 && char.IsUpper(word[0]))
        {
            return true;
        }
        return Abbreviations.Contains(word) || (word.Contains('.', StringComparison.Ordinal) && word.Length <= 5);
    }
}
