// Numeric ids in paths, filters and slugs-or-ids, read one way everywhere: decimal digits as the API writes them in its
// links, without sign, spaces or leading zeros, within Int64. /statements/010, /statements/%2031 and
// /officials/99999999999999999999 are each a 400 naming the parameter, not another spelling of an id or an unknown slug.
using System.Globalization;

namespace Statements.Api.Common;

public static class Ids
{
    /// <summary>The id <paramref name="text"/> is written as, when it is an id as the API writes them.</summary>
    public static bool TryParse(string? text, out long id)
    {
        id = 0;
        return text is { Length: > 0 and <= 19 }
            && (text[0] != '0' || text.Length == 1)
            && AllDigits(text)
            && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out id);
    }

    /// <summary>Digits alone: never a slug (Formats.Slug refuses them), so meant as an id.</summary>
    public static bool AllDigits(string text) => text.Length > 0 && text.AsSpan().IndexOfAnyExceptInRange('0', '9') < 0;

    /// <summary>The route values that hold ids, and those that hold an id or a slug.</summary>
    private static readonly string[] IdRouteValues = ["id", "relationId", "version"];

    /// <summary>
    /// Refuses, with a 400 naming the parameter, a path id that is not written as the API writes ids (leading zeros,
    /// spaces, a sign, past Int64), and an idOrSlug of digits alone that is not. Model binding alone would read "010"
    /// and " 31" as ids 10 and 31, while a slug lookup would answer 404 for a number too long to be one.
    /// </summary>
    public static RouteGroupBuilder RequireCanonicalIds(this RouteGroupBuilder group)
    {
        group.AddEndpointFilter(async (context, next) =>
        {
            var values = context.HttpContext.Request.RouteValues;
            foreach (var name in IdRouteValues)
            {
                if (values.TryGetValue(name, out var value) && value is string text && !TryParse(text, out _))
                {
                    return Problems.Invalid(name, $"'{text}' is not an id; write it in digits, without leading zeros, as links do.");
                }
            }
            if (values.TryGetValue("idOrSlug", out var idOrSlug) && idOrSlug is string given && AllDigits(given) && !TryParse(given, out _))
            {
                return Problems.Invalid("idOrSlug", $"'{given}' is not an id; write it in digits, without leading zeros, as links do.");
            }
            return await next(context);
        });
        return group;
    }
}
