// The q of a statement search, made into an FTS5 expression. People type words as they are written — Biden-Putin,
// non-interference, Moscow's, COVID-19, U.S., "breakthrough?" — and FTS5 takes a word with a hyphen, an apostrophe or
// other punctuation as syntax (Biden-Putin is read as a column filter, "no such column: Putin"). So each such word is
// quoted, which makes it the phrase of its parts: "Biden-Putin" finds "Biden-Putin" and "Biden Putin", as the index
// (unicode61) split the text the same way. Everything FTS5 documents as syntax keeps its meaning: "quoted phrases",
// prefix*, AND/OR/NOT, NEAR(a b, 5), parentheses, ^initial; and a word that opens with a minus is left out, as search
// engines take it (Moscow -Biden is Moscow NOT Biden). What has no word in it (a bare *, punctuation alone, an unbalanced
// quote) is left as it is, for FTS5 to refuse as malformed.
using System.Text;

namespace Statements.Api.Statements;

public static class SearchExpression
{
    public static string Normalize(string q)
    {
        var result = new StringBuilder(q.Length + 8);
        var depth = 0;
        var nearDepth = 0; // the depth of the innermost NEAR( … ), inside which a comma gives the distance
        var afterNear = false;
        for (var i = 0; i < q.Length;)
        {
            var c = q[i];
            if (char.IsWhiteSpace(c))
            {
                result.Append(c);
                i++;
                continue;
            }
            if (c == '"')
            {
                var end = ClosingQuote(q, i);
                result.Append(q, i, end - i);
                i = end;
                afterNear = false;
                continue;
            }
            if (c == '(')
            {
                depth++;
                nearDepth = afterNear ? depth : nearDepth;
                afterNear = false;
                result.Append(c);
                i++;
                continue;
            }
            if (c == ')' || (c == ',' && nearDepth > 0 && nearDepth == depth))
            {
                if (c == ')' && depth-- == nearDepth)
                {
                    nearDepth = 0;
                }
                result.Append(c);
                i++;
                continue;
            }
            var start = i;
            while (i < q.Length && !char.IsWhiteSpace(q[i]) && q[i] is not ('"' or '(' or ')') && !(q[i] == ',' && nearDepth > 0 && nearDepth == depth))
            {
                i++;
            }
            var word = q[start..i];
            afterNear = word == "NEAR";
            if (IsExclusion(word, q, i) && nearDepth == 0)
            {
                // -word, as search engines take it: the matches of what comes before, without those of the word.
                if (!FollowsOperand(result))
                {
                    throw new Common.BadInputException("q",
                        $"'{word}' leaves out the matches of a word, so it needs words to match before it, as in Moscow {word}.");
                }
                result.Append("NOT ");
                word = word[1..];
            }
            result.Append(Bareword(word));
        }
        return result.ToString();
    }

    /// <summary>A word that opens with a minus: -Biden, or - right before a "quoted phrase".</summary>
    private static bool IsExclusion(string word, string q, int end) =>
        word.StartsWith('-') && (word.Length > 1 ? char.IsLetterOrDigit(word[1]) : end < q.Length && q[end] == '"');

    /// <summary>Whether the expression so far ends with something to match (a word, a phrase, a group), not an operator or "(".</summary>
    private static bool FollowsOperand(StringBuilder result)
    {
        var text = result.ToString().TrimEnd();
        return text.Length > 0 && !text.EndsWith('(') && !IsOperator(text[(text.LastIndexOfAny([' ', '\t', '\n', '\r', '(']) + 1)..]);
    }

    /// <summary>The end of the "string" that starts at <paramref name="start"/> ("" inside it is a quote), or of q when it is not closed.</summary>
    private static int ClosingQuote(string q, int start)
    {
        for (var i = start + 1; i < q.Length; i++)
        {
            if (q[i] == '"')
            {
                if (i + 1 < q.Length && q[i + 1] == '"')
                {
                    i++;
                    continue;
                }
                return i + 1;
            }
        }
        return q.Length;
    }

    private static string Bareword(string word)
    {
        if (IsOperator(word))
        {
            return word;
        }
        var initial = word.StartsWith('^') ? "^" : "";
        var core = word[initial.Length..].TrimEnd('*');
        var prefix = word[(initial.Length + core.Length)..];
        if (core.All(IsBarewordChar) || !core.Any(char.IsLetterOrDigit))
        {
            return word;
        }
        return $"{initial}\"{core}\"{prefix}";
    }

    /// <summary>FTS5's operators, which it reads as syntax only in capitals.</summary>
    internal static bool IsOperator(string word) => word is "AND" or "OR" or "NOT" or "NEAR";

    /// <summary>What FTS5 reads as part of a bareword: ASCII letters and digits, the underscore and anything beyond ASCII.</summary>
    private static bool IsBarewordChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '_' || c > '\u007f';
}
