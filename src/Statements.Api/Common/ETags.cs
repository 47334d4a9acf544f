// Strong entity tags derived from a resource's version, and the If-None-Match / If-Match checks on them.
namespace Statements.Api.Common;

public static class ETags
{
    public static string For(long version, string? variant = null) =>
        variant is null ? $"\"{version}\"" : $"\"{version}-{variant}\"";

    /// <summary>
    /// The ETag of a resource that shows parts of others (a statement its official and topics, a meeting its participants
    /// and topics): its version, then the sum of those others' versions. Versions only grow, and any change to a resource
    /// raises its version, so the sum changes whenever an embedded part does and a renamed official is not answered 304.
    /// If-Match compares the version part only.
    /// </summary>
    public static string For(long version, long embeddedVersions, string? variant = null) =>
        For(version, variant is null ? $"e{embeddedVersions}" : $"e{embeddedVersions}-{variant}");

    /// <summary>If-None-Match: true when the client already holds this representation (weak comparison, RFC 9110).</summary>
    public static bool NoneMatchHits(HttpRequest request, string etag)
    {
        var header = request.Headers.IfNoneMatch.ToString();
        if (header.Length == 0)
        {
            return false;
        }
        return header.Split(',').Select(t => t.Trim()).Any(t => t == "*" || StripWeak(t) == etag);
    }

    /// <summary>
    /// The preconditions of a write to an existing resource at <paramref name="version"/> (RFC 9110 §13.2.2): If-Match
    /// passes when it is "*" or any of its tags is this version (strong comparison: a weak tag never matches);
    /// If-None-Match fails when it is "*" (the resource exists) or any of its tags is this version (weak comparison).
    /// Only a tag's version part counts, so a statement's "3-e17" matches version 3 whatever it embeds. Returns the
    /// header that failed, or null when both pass. An If-Match that is neither "*" nor quoted tags is a 400 naming it,
    /// not a 412: the client's mistake is the header's syntax, not a stale version.
    /// </summary>
    public static string? FailedPrecondition(HttpRequest request, long version)
    {
        var ifMatch = request.Headers.IfMatch.ToString();
        if (ifMatch.Trim().Length > 0)
        {
            var tags = Tags(ifMatch).ToList();
            if (tags.FirstOrDefault(t => t != "*" && !IsEntityTag(t)) is { } malformed)
            {
                throw new BadInputException("If-Match",
                    $"If-Match takes * or entity tags in double quotes, such as \"3\" (the ETag last read); '{malformed}' is neither.");
            }
            if (!tags.Any(t => t == "*" || (!t.StartsWith("W/", StringComparison.Ordinal) && VersionOf(t) == version)))
            {
                return "If-Match";
            }
        }
        var ifNoneMatch = request.Headers.IfNoneMatch.ToString();
        return ifNoneMatch.Trim().Length > 0 && Tags(ifNoneMatch).Any(t => t == "*" || VersionOf(StripWeak(t)) == version)
            ? "If-None-Match"
            : null;
    }

    /// <summary>An entity tag as RFC 9110 §8.8.3 writes it: optionally W/, then double quotes around no double quote.</summary>
    private static bool IsEntityTag(string tag)
    {
        var opaque = StripWeak(tag);
        return opaque.Length >= 2 && opaque[0] == '"' && opaque[^1] == '"' && opaque.AsSpan(1, opaque.Length - 2).IndexOf('"') < 0;
    }

    private static IEnumerable<string> Tags(string header) =>
        header.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The version a tag names, or null for a tag that cannot be ours.</summary>
    private static long? VersionOf(string tag)
    {
        if (tag.Length < 2 || tag[0] != '"' || tag[^1] != '"')
        {
            return null;
        }
        var inner = tag[1..^1];
        var dash = inner.IndexOf('-', StringComparison.Ordinal);
        return long.TryParse(dash >= 0 ? inner[..dash] : inner, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var version)
            ? version
            : null;
    }

    private static string StripWeak(string tag) => tag.StartsWith("W/", StringComparison.Ordinal) ? tag[2..] : tag;
}
