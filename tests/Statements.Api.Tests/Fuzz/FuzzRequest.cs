// One generated request as data: what is sent, how it is printed when a property fails (method, path, query, headers
// and an excerpt of the body with every unprintable byte shown), and how it is written into the in-memory server's request,
// the query string byte for byte.
using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using System.Text;

namespace Statements.Api.Tests.Fuzz;

public enum Credentials
{
    AdminKey,
    None,
    BadKey,
}

public sealed record FuzzRequest(
    FuzzOperation Operation,
    string Path,
    string Query,
    IReadOnlyList<(string Name, string Value)> Headers,
    byte[]? Body,
    string? ContentType,
    Credentials Credentials)
{
    public string Target => Query.Length == 0 ? Path : $"{Path}?{Query}";

    /// <summary>
    /// Writes the request into the in-memory server's context: the path as Kestrel would decode it, the query string
    /// exactly as generated (an HttpClient Uri would re-escape or drop part of the junk), the headers and the body.
    /// </summary>
    public void WriteTo(HttpContext context, string adminKey)
    {
        var request = context.Request;
        request.Method = Operation.Method.Method;
        request.Path = PathString.FromUriComponent(Path);
        request.QueryString = Query.Length == 0 ? QueryString.Empty : new QueryString("?" + Query);
        foreach (var (name, value) in Headers)
        {
            request.Headers.Append(name, value);
        }
        switch (Credentials)
        {
            case Credentials.AdminKey:
                request.Headers.Authorization = "Bearer " + adminKey;
                break;
            case Credentials.BadKey:
                request.Headers["X-Api-Key"] = "' OR 1=1 --";
                break;
        }
        if (Body is not null)
        {
            request.Body = new MemoryStream(Body);
            request.ContentLength = Body.Length;
            // Kestrel says a request with a Content-Length above 0 can have a body; the in-memory context does not, so
            // without this every body would be refused as missing before it is read.
            context.Features.Set<IHttpRequestBodyDetectionFeature>(new BodyDetection(Body.Length > 0));
            if (ContentType is not null)
            {
                request.ContentType = ContentType;
            }
        }
    }

    public override string ToString()
    {
        var text = new StringBuilder($"{Operation.Method} {Excerpt(Target, 600)}  [{Operation.Id}, {Credentials}]");
        foreach (var (name, value) in Headers)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n  {name}: {Excerpt(value, 200)}");
        }
        if (Body is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n  Content-Type: {ContentType ?? "(none)"}\n  body ({Body.Length} bytes): {Excerpt(Body, 600)}");
        }
        return text.ToString();
    }

    /// <summary>The start and end of a text, with control characters, lone surrogates and non-ASCII shown as escapes.</summary>
    public static string Excerpt(string text, int length)
    {
        var escaped = new StringBuilder();
        foreach (var c in text.Length <= length ? text : text[..(length / 2)] + "…" + text[^(length / 2)..])
        {
            escaped.Append(c is >= ' ' and <= '~' or '…' ? c.ToString() : $"\\u{(int)c:x4}");
        }
        return text.Length <= length ? escaped.ToString() : $"{escaped} ({text.Length} chars)";
    }

    /// <summary>Bytes that are printable ASCII are shown as they are, every other byte as \xNN.</summary>
    public static string Excerpt(byte[] bytes, int length)
    {
        static string Show(IEnumerable<byte> part) =>
            string.Concat(part.Select(b => b is >= 0x20 and <= 0x7e ? ((char)b).ToString() : $"\\x{b:x2}"));
        return bytes.Length <= length
            ? Show(bytes)
            : Show(bytes.Take(length / 2)) + " … " + Show(bytes.Skip(bytes.Length - length / 2));
    }
}

internal sealed record BodyDetection(bool CanHaveBody) : IHttpRequestBodyDetectionFeature;
