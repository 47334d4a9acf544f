// Keyset pagination shared by every list: a page of items, an opaque cursor naming the last row seen,
// and the URL of the next page in the body and in a Link header.
using System.Buffers.Text;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace Statements.Api.Common;

/// <summary>One page of a collection.</summary>
/// <param name="Items">The resources on this page.</param>
/// <param name="Next">URL of the next page, absent on the last one.</param>
/// <param name="Total">How many items match in all, when the list was asked with count=true.</param>
public sealed record Page<T>(IReadOnlyList<T> Items, string? Next, long? Total = null);

/// <summary>The position after the last row of a page: its sort value and id, tied to the sort that made it.</summary>
public sealed record Cursor(string Sort, string? Value, long Id)
{
    public string Encode() => Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{Sort}\n{Id}\n{Value}"));

    /// <summary>The sort a cursor made by <see cref="Encode"/> belongs to; null for text that is no such cursor.</summary>
    public static string? SortOf(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        try
        {
            return Encoding.UTF8.GetString(Base64Url.DecodeFromChars(text)).Split('\n', 3) is [var sort, _, _] ? sort : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>Reads a cursor made by <see cref="Encode"/> for the same sort, or throws a 400.</summary>
    public static Cursor? Decode(string? text, string sort)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        try
        {
            var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(text)).Split('\n', 3);
            if (parts.Length == 3 && long.TryParse(parts[1], out var id))
            {
                if (parts[0] != sort)
                {
                    throw new BadInputException("cursor", "The cursor belongs to another sort order; start again without it.");
                }
                return new Cursor(parts[0], parts[2].Length == 0 ? null : parts[2], id);
            }
        }
        catch (FormatException)
        {
        }
        throw new BadInputException("cursor", "The cursor is not valid; use the 'next' link of a previous page.");
    }
}

public static class Paging
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;

    /// <summary>The limit an export without one passes to a list's page query to read every row in one go.</summary>
    public const int Everything = int.MaxValue - 1;

    /// <summary>A client's limit: 1 to <see cref="MaxLimit"/>, <see cref="DefaultLimit"/> when absent; anything else is a 400.</summary>
    public static int CheckLimit(int? limit) => limit switch
    {
        null => DefaultLimit,
        >= 1 and <= MaxLimit => limit.Value,
        _ => throw new BadInputException("limit", $"limit must be between 1 and {MaxLimit}."),
    };

    /// <summary>
    /// The limit of a list's page query: a client's, checked, or <see cref="Everything"/> from an export given none (which
    /// has checked the client's limit itself, so a client cannot send Everything to get a page of every row).
    /// </summary>
    public static int PageLimit(int? limit) => limit == Everything ? Everything : CheckLimit(limit);

    /// <summary>
    /// Builds the page from rows fetched with limit + 1: the extra row only proves that a next page exists.
    /// </summary>
    public static Page<TOut> ToPage<TRow, TOut>(
        HttpContext context, IReadOnlyList<TRow> rows, int limit, Func<TRow, Cursor> cursorOf, Func<TRow, TOut> map)
    {
        var hasMore = rows.Count > limit;
        var items = new List<TOut>(Math.Min(rows.Count, limit));
        for (var i = 0; i < rows.Count && i < limit; i++)
        {
            items.Add(map(rows[i]));
        }
        string? next = null;
        if (hasMore)
        {
            next = NextUrl(context.Request, cursorOf(rows[limit - 1]).Encode());
            context.Response.Headers.Append("Link", $"<{next}>; rel=\"next\"");
        }
        return new Page<TOut>(items, next);
    }

    /// <summary>
    /// The request's URL with the next cursor, without count: the total, a second query as long as the list itself, is
    /// asked for once, not again on every page of a walk.
    /// </summary>
    private static string NextUrl(HttpRequest request, string cursor)
    {
        var query = QueryHelpers.ParseQuery(request.QueryString.Value);
        var kept = query
            .Where(p => !p.Key.Equals("cursor", StringComparison.OrdinalIgnoreCase) && !p.Key.Equals("count", StringComparison.OrdinalIgnoreCase))
            .SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string?>(p.Key, v)))
            .Append(new("cursor", cursor));
        return QueryHelpers.AddQueryString($"{request.PathBase}{request.Path}", kept);
    }
}
