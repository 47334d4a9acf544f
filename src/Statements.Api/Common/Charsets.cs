// The charset a request body is sent in (the charset parameter of its Content-Type). ASP.NET Core reads JSON bodies in
// it, transcoding to UTF-8, and the bulk import does the same for its NDJSON and arrays; one .NET does not know is a 415.
using System.Text;

namespace Statements.Api.Common;

public static class Charsets
{
    /// <summary>The encoding a charset names (quoted or not), as ASP.NET Core looks it up; null when .NET does not know it.</summary>
    public static Encoding? Find(string charset)
    {
        try
        {
            return Encoding.GetEncoding(charset.Trim('"'));
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    public static string UnsupportedDetail(string charset) => $"The charset '{charset}' is not supported; send UTF-8.";
}
