// Articles copied from a web page may keep their HTML tags. Extraction reads a tag as spaces, and a block tag (p, br,
// div, li, h1–h6, blockquote, tr …) as a line break, so that paragraphs and sentences are those a reader sees. The
// text keeps its length, so offsets still count the text as sent. Entities (&quot;) are left as they are.
using System.Text.RegularExpressions;

namespace Statements.Api.Extraction;

public static partial class Markup
{
    private static readonly HashSet<string> BlockTags = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "br", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "table", "section",
        "article", "header", "footer", "figure", "figcaption", "hr", "dd", "dt",
    };

    /// <summary>The text with its tags blanked out, or the text itself when it has none.</summary>
    public static string BlankTags(string text) =>
        text.Contains('<')
            ? Tag().Replace(text, m => (BlockTags.Contains(m.Groups["name"].Value) ? "\n" : " ") + new string(' ', m.Length - 1))
            : text;

    [GeneratedRegex(@"<!--.*?-->|</?(?<name>[a-zA-Z][a-zA-Z0-9]*)(?:\s[^<>]{0,2000})?/?>", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex Tag();
}
