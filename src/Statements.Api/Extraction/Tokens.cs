// Words of the text with their offsets, and a dictionary of multi-word phrases (names, role phrases, topic
// keywords) matched over them. Matching works on normalised keys, so "Russia's", "U.S.", "Biden–Putin" and
// "António" meet "russia s", "us", "biden putin" and "antonio" whatever the punctuation or accents.
using System.Text;
using Statements.Api.Common;

namespace Statements.Api.Extraction;

/// <summary>A range of UTF-16 code units in the text, end exclusive.</summary>
public readonly record struct TextSpan(int Start, int End)
{
    public int Length => End - Start;

    public bool Contains(int position) => position >= Start && position < End;

    public int Overlap(TextSpan other) => Math.Max(0, Math.Min(End, other.End) - Math.Max(Start, other.Start));

    public string Of(string text) => text[Start..End];
}

/// <summary>A word: its offsets, the lower-case accent-free key it is looked up by, and whether it is written capitalised.</summary>
public readonly record struct Token(int Start, int End, string Key, bool IsCapitalized);

public static class Tokenizer
{
    public static List<Token> Tokenize(string text) => Tokenize(text, 0, text.Length);

    /// <summary>
    /// Runs of letters and digits between start and end. Dotted initials (U.S., U.K.) are one token; apostrophes and
    /// hyphens separate words, so a possessive 's is its own token.
    /// </summary>
    public static List<Token> Tokenize(string text, int start, int end)
    {
        var tokens = new List<Token>();
        var i = start;
        while (i < end)
        {
            if (!char.IsLetterOrDigit(text[i]))
            {
                i++;
                continue;
            }
            if (DottedInitialsEnd(text, i, end) is { } dotted)
            {
                var letters = new StringBuilder();
                for (var j = i; j < dotted; j++)
                {
                    if (char.IsLetter(text[j]))
                    {
                        letters.Append(char.ToLowerInvariant(text[j]));
                    }
                }
                tokens.Add(new Token(i, dotted, letters.ToString(), true));
                i = dotted;
                continue;
            }
            var s = i;
            while (i < end && char.IsLetterOrDigit(text[i]))
            {
                i++;
            }
            tokens.Add(new Token(s, i, KeyOf(text.AsSpan(s, i - s)), IsCapital(text[s]) || ContinuesHyphenatedName(text, tokens, s, i)));
        }
        return tokens;
    }

    /// <summary>
    /// Whether the word from s to e is the lower-case second half of a given name written with a hyphen, as Korean names
    /// are romanised (Choi Dong-hyun, Kang Min-ji): a short word right after "Capitalised-", which is not one of the
    /// words that make adjectives of names (Moscow-based, Kremlin-backed, Biden-era).
    /// </summary>
    private static bool ContinuesHyphenatedName(string text, List<Token> tokens, int s, int e) =>
        tokens.Count > 0 && tokens[^1] is { IsCapitalized: true } before && before.End == s - 1 && text[s - 1] == '-'
        && e - s <= 6 && char.IsLower(text[s]) && !NameCompounds.Contains(text[s..e]);

    private static readonly HashSet<string> NameCompounds =
    [
        "based", "led", "backed", "era", "style", "owned", "born", "run", "made", "funded", "allied", "linked", "like", "bound",
        "wide", "held", "bred", "free", "only", "first", "proof", "ready", "sized", "scale", "type", "class", "level", "built",
        "armed", "aided", "ruled", "facing", "sided", "minded", "tied", "area", "zone", "wing", "bloc",
    ];

    /// <summary>The keys of a phrase, as its words would be looked up.</summary>
    public static string[] Keys(string phrase) => [.. Tokenize(phrase).Select(t => t.Key)];

    /// <summary>The key of the pronoun "us".</summary>
    public const string UsPronoun = "us\u00b7pronoun";

    /// <summary>
    /// A word's key: lower case without accents. The pronoun "us" gets a key of its own, so that it never
    /// meets the country US ("told us foreign ministers" is not a US foreign minister).
    /// </summary>
    public static string KeyOf(ReadOnlySpan<char> word)
    {
        if (word is "us")
        {
            return UsPronoun;
        }
        var ascii = true;
        foreach (var c in word)
        {
            ascii &= c < 128;
        }
        if (ascii)
        {
            return word.ToString().ToLowerInvariant();
        }
        return Folding.Fold(word.ToString());
    }

    /// <summary>Folds plurals and British spellings so that topic keywords meet their variants (powers, normalisation).</summary>
    public static string Fold(string key)
    {
        if (key.EndsWith("isation", StringComparison.Ordinal))
        {
            key = key[..^7] + "ization";
        }
        if (key.Length > 4 && key.EndsWith("ies", StringComparison.Ordinal))
        {
            return key[..^3] + "y";
        }
        if (key.Length > 3 && key[^1] == 's' && key[^2] is not ('s' or 'u' or 'i'))
        {
            return key[..^1];
        }
        return key;
    }

    private static bool IsCapital(char c) => char.IsUpper(c) || (char.IsLetter(c) && !char.IsLower(c));

    /// <summary>The end of "U.S." or "U.K." starting at i: two or more single capitals each followed by a dot.</summary>
    private static int? DottedInitialsEnd(string text, int i, int end)
    {
        var j = i;
        var count = 0;
        while (j + 1 < end && char.IsUpper(text[j]) && text[j + 1] == '.' && (j + 2 >= end || !char.IsLetter(text[j + 2]) || IsSingleCapital(text, j + 2, end)))
        {
            count++;
            j += 2;
        }
        return count >= 2 ? j - 1 : null;
    }

    private static bool IsSingleCapital(string text, int i, int end) =>
        char.IsUpper(text[i]) && (i + 1 >= end || !char.IsLetterOrDigit(text[i + 1]));
}

/// <summary>A phrase found in a token list: which tokens, and what it stands for.</summary>
public readonly record struct PhraseMatch<T>(int First, int Count, IReadOnlyList<T> Values);

/// <summary>
/// A dictionary of phrases keyed by their words, matched longest first over tokens. A trie of word keys, so a
/// look-up costs a few hash probes per word of the text however many phrases it holds.
/// </summary>
public sealed class PhraseIndex<T>(Func<string, string>? fold = null)
{
    private sealed class Node
    {
        public Dictionary<string, Node>? Children;
        public List<T>? Values;
    }

    private readonly Node root = new();

    public void Add(string phrase, T value) => Add(Tokenizer.Keys(phrase), value);

    public void Add(IReadOnlyList<string> keys, T value)
    {
        if (keys.Count == 0)
        {
            return;
        }
        var node = root;
        foreach (var raw in keys)
        {
            var key = fold is null ? raw : fold(raw);
            node.Children ??= [];
            if (!node.Children.TryGetValue(key, out var child))
            {
                node.Children[key] = child = new Node();
            }
            node = child;
        }
        node.Values ??= [];
        if (!node.Values.Contains(value))
        {
            node.Values.Add(value);
        }
    }

    /// <summary>The longest phrase that starts at tokens[first], if any; accept can refuse a match (e.g. a name written in lower case).</summary>
    public PhraseMatch<T>? LongestAt(IReadOnlyList<Token> tokens, int first, Func<int, int, bool>? accept = null)
    {
        var node = root;
        PhraseMatch<T>? best = null;
        for (var i = first; i < tokens.Count; i++)
        {
            var key = fold is null ? tokens[i].Key : fold(tokens[i].Key);
            if (node.Children is null || !node.Children.TryGetValue(key, out var child))
            {
                break;
            }
            node = child;
            if (node.Values is { Count: > 0 } values && (accept is null || accept(first, i - first + 1)))
            {
                best = new PhraseMatch<T>(first, i - first + 1, values);
            }
        }
        return best;
    }

    /// <summary>Every phrase in the tokens, left to right, longest first, not overlapping.</summary>
    public List<PhraseMatch<T>> FindAll(IReadOnlyList<Token> tokens, Func<int, int, bool>? accept = null)
    {
        var matches = new List<PhraseMatch<T>>();
        for (var i = 0; i < tokens.Count;)
        {
            if (LongestAt(tokens, i, accept) is { } match)
            {
                matches.Add(match);
                i += match.Count;
            }
            else
            {
                i++;
            }
        }
        return matches;
    }
}
