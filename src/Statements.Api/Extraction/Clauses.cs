// Small tests on words that the attribution and reported-speech steps share: is this token a speech verb,
// where does the subject before it end, is the verb negated, can these words name a speaker.
using System.Collections.Frozen;

namespace Statements.Api.Extraction;

public static class Clauses
{
    /// <summary>Modal and negated auxiliaries between a subject and its verb: "did not say", "would argue".</summary>
    private static readonly FrozenSet<string> Modals = FrozenSet.ToFrozenSet(
        ["do", "does", "did", "would", "could", "can", "should", "may", "might", "must", "will", "shall",
         "didn", "doesn", "don", "wouldn", "couldn", "won", "not", "never", "t", "s"], StringComparer.Ordinal);

    /// <summary>Unambiguous finite speech verbs: one inside a speaker phrase means the phrase is really a new clause.</summary>
    private static readonly FrozenSet<string> FiniteSpeechVerbs = FrozenSet.ToFrozenSet(
        ["said", "says", "stated", "added", "told", "stressed", "warned", "noted", "insisted", "argued", "explained", "declared"],
        StringComparer.Ordinal);

    /// <summary>Auxiliaries: one after "said X" shows that X began a clause ("said the Secretary-General would speak").</summary>
    private static readonly FrozenSet<string> PhraseBreakingAuxiliaries = FrozenSet.ToFrozenSet(
        ["is", "are", "was", "were", "has", "have", "had", "will", "would", "could", "can", "should", "must", "may", "might", "did", "does"],
        StringComparer.Ordinal);

    /// <summary>A speech verb that attributes a quote. Capitalised only as the first word ("Said Lavrov: …").</summary>
    public static bool IsQuoteVerbAt(IReadOnlyList<Token> tokens, int v)
    {
        var token = tokens[v];
        if (token.IsCapitalized && v > 0)
        {
            return false;
        }
        if (Lexicon.QuoteVerbs.Contains(token.Key))
        {
            return true;
        }
        return IsTwoWordVerb(tokens, v);
    }

    /// <summary>A verb that introduces reported speech: said, has repeatedly stated, pointed out, made clear.</summary>
    public static bool IsReportingVerbAt(IReadOnlyList<Token> tokens, int v)
    {
        var token = tokens[v];
        if (token.IsCapitalized)
        {
            return false;
        }
        return Lexicon.ReportingVerbs.Contains(token.Key) || IsTwoWordVerb(tokens, v)
            || (token.Key is "made" or "makes" && v + 1 < tokens.Count && tokens[v + 1].Key is "clear" or "it");
    }

    /// <summary>pointed out, hit out, hit back, went on (to say), put it ("As Marchetti put it, “…”").</summary>
    private static bool IsTwoWordVerb(IReadOnlyList<Token> tokens, int v) =>
        v + 1 < tokens.Count && !tokens[v].IsCapitalized
        && ((tokens[v].Key is "pointed" or "points" or "hit" or "hits" && tokens[v + 1].Key == "out")
            || (tokens[v].Key is "hit" or "hits" or "shot" or "fired" or "wrote" or "shoots" or "fires" or "writes" && tokens[v + 1].Key == "back")
            || (tokens[v].Key == "went" && tokens[v + 1].Key == "on")
            || (tokens[v].Key is "put" or "puts" && tokens[v + 1].Key == "it"));

    /// <summary>Where the verb at v ends, taking in the second word of a two-word verb.</summary>
    public static int VerbEnd(IReadOnlyList<Token> tokens, int v) =>
        IsTwoWordVerb(tokens, v) ? tokens[v + 1].End : tokens[v].End;

    /// <summary>The index just after the subject of the verb at v: auxiliaries and adverbs (has repeatedly) are skipped.</summary>
    public static int SkipAuxiliariesBack(IReadOnlyList<Token> tokens, int v)
    {
        var e = v;
        while (e > 0 && !tokens[e - 1].IsCapitalized && IsAuxiliary(tokens[e - 1].Key))
        {
            e--;
        }
        return e;
    }

    /// <summary>An auxiliary, modal, negation or adverb that may stand before a verb: "has", "did not", "repeatedly".</summary>
    public static bool IsAuxiliary(string key) =>
        Lexicon.Auxiliaries.Contains(key) || Modals.Contains(key)
        || (key.Length > 4 && key.EndsWith("ly", StringComparison.Ordinal) && key is not ("family" or "ally" or "assembly" or "supply" or "rally"));

    /// <summary>A negation among the auxiliaries: "did not say", "never said", "declined to say".</summary>
    public static bool IsNegated(IReadOnlyList<Token> tokens, int from, int to)
    {
        for (var i = Math.Max(0, from - 1); i < to; i++)
        {
            if (Lexicon.Negations.Contains(tokens[i].Key) && (i >= from || tokens[i].Key is "declined" or "refused"))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Words a speaker phrase may start with: a name, a determiner, a pronoun, a title or a noun for a person.</summary>
    public static bool CanStartSpeakerPhrase(Token token) =>
        token.IsCapitalized
        || Lexicon.NameParticles.Contains(token.Key) // "von Hessling said"
        || Lexicon.Determiners.Contains(token.Key)
        || Lexicon.Pronouns.Contains(token.Key)
        || Lexicon.Titles.Contains(token.Key)
        || Lexicon.PersonNouns.Contains(token.Key);

    /// <summary>
    /// Whether the characters between two words end a phrase: sentence punctuation, a colon or semicolon, a quote
    /// mark, a dash or a line break (and a comma unless allowed). The full stop after an initial (J. Blinken) or a title
    /// (Mr. Pell, Dr. Ahmed) does not, nor a comma or full stop inside a number (2,300; 2.5).
    /// </summary>
    public static bool BreaksPhrase(string text, int from, int to, bool allowComma = false, bool allowInitial = false)
    {
        if (!allowInitial && from >= 1 && from - 1 >= 0 && char.IsUpper(text[from - 1]) && (from < 2 || !char.IsLetter(text[from - 2])))
        {
            allowInitial = true;
        }
        for (var i = from; i < to; i++)
        {
            var c = text[i];
            if (c == ',' && allowComma || IsInNumber(text, i))
            {
                continue;
            }
            if (c == '.' && i == from && (allowInitial || AfterAbbreviatedTitle(text, from)))
            {
                continue;
            }
            if (c is '\'' or '’' && IsApostrophe(text, i))
            {
                continue;
            }
            if (c is '.' or '!' or '?' or ';' or ':' or ',' or '—' or '–' or '\n' or '\r' or '(' or ')' || QuoteMarks.IsMark(c))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>A comma or full stop between digits: a thousands separator or a decimal point.</summary>
    private static bool IsInNumber(string text, int i) =>
        text[i] is ',' or '.' && i > 0 && i + 1 < text.Length && char.IsAsciiDigit(text[i - 1]) && char.IsAsciiDigit(text[i + 1]);

    /// <summary>The full stop of "Mr." or "Dr." (an honorific of up to four letters, capitalized) is not the end of the phrase.</summary>
    private static bool AfterAbbreviatedTitle(string text, int dot)
    {
        var start = dot;
        while (start > 0 && dot - start < 5 && char.IsLetter(text[start - 1]))
        {
            start--;
        }
        var word = text[start..dot];
        return word.Length is > 1 and <= 4 && char.IsUpper(word[0]) && (start == 0 || !char.IsLetter(text[start - 1]))
            && Lexicon.Honorifics.Contains(word.ToLowerInvariant());
    }

    /// <summary>An apostrophe rather than a quote mark: between letters (Moscow's), or after the s of a plural possessive (farmers’ union).</summary>
    private static bool IsApostrophe(string text, int i) =>
        i > 0 && char.IsLetter(text[i - 1])
        && ((i + 1 < text.Length && char.IsLetter(text[i + 1]))
            || (text[i - 1] is 's' && i + 2 < text.Length && text[i + 1] == ' ' && char.IsLower(text[i + 2])));

    /// <summary>The speaker phrase after a verb: up to a comma, a preposition that starts an adjunct, or the end.</summary>
    public static TextSpan? PhraseAfter(string text, List<Token> tokens, int first)
    {
        if (first >= tokens.Count || !CanStartSpeakerPhrase(tokens[first]))
        {
            return null;
        }
        var last = first;
        for (var i = first + 1; i < tokens.Count && i - first < 14; i++)
        {
            if (BreaksPhrase(text, tokens[i - 1].End, tokens[i].Start, allowInitial: tokens[i - 1].End - tokens[i - 1].Start == 1))
            {
                break;
            }
            if (Lexicon.PhraseEnders.Contains(tokens[i].Key) && !tokens[i].IsCapitalized)
            {
                break;
            }
            if (!tokens[i].IsCapitalized && (FiniteSpeechVerbs.Contains(tokens[i].Key) || PhraseBreakingAuxiliaries.Contains(tokens[i].Key)))
            {
                return null; // "…, said the minister said that" or "said the minister would": a clause, not a speaker
            }
            last = i;
        }
        return new TextSpan(tokens[first].Start, tokens[last].End);
    }
}
