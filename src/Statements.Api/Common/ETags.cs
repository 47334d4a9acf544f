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
    /// The version a write must find, from If-Match. Null when the header is absent or "*".
    /// A tag that cannot be ours yields -1, which matches no row and so answers 412.
    /// </summary>
    public static long? ExpectedVersion(HttpRequest request)
    {
        var header = request.Headers.IfMatch.ToString().Trim();
        if (header.Length == 0 || header == "*")
        {
            return null;
        }
        var first = header.Split(',')[0].Trim();
        if (first.StartsWith("W/", StringComparison.Ordinal))
        {
            return -1; // strong comparison: a weak tag never matches
        }
        var inner = first.Trim('"');
        var dash = inner.IndexOf('-');
        if (dash >= 0)
        {
            inner = inner[..dash];
        }
        return long.TryParse(inner, out var version) ? version : -1;
    }

    private static string StripWeak(string tag) => tag.StartsWith("W/", StringComparison.Ordinal) ? tag[2..] : tag;
}
