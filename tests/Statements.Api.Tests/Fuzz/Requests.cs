// The generator of whole requests: an operation of the document; its path parameters filled with ids and slugs of
// existing rows or with junk; a query string from its declared parameters (sensible or junk values, repeated,
// comma-joined, unknown names, raw percent garbage); its headers; a body; and an admin key, no key or a bad one.
using System.Text;
using CsCheck;

namespace Statements.Api.Tests.Fuzz;

public sealed class Requests(KnownRows known)
{
    /// <summary>Sensible values per query parameter name, so that junk in one parameter meets real filters in the others.</summary>
    private string[] Sensible(FuzzParameter parameter)
    {
        string[] Officials() => [.. known.Ids("officials").Take(2).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), .. known.Slugs("officials").Take(2)];
        string[] Topics() => [.. known.Slugs("topics").Take(2), "1"];
        string[] Meetings() => [.. known.Slugs("meetings").Take(1), "1"];
        return parameter.Name switch
        {
            "official" or "participant" => [.. Officials(), "1,2"],
            "topic" or "parent" => Topics(),
            "meeting" => Meetings(),
            "source" or "sourceId" or "relatedTo" => ["1", "2"],
            "kind" => ["quote", "paraphrase", "summit", "press-conference"],
            "language" => ["en", "ru"],
            "country" => ["RU", "US", "CH"],
            "from" or "to" or "saidOn" => ["2021", "2021-06", "2021-06-16"],
            "q" => ["summit", "Лавров", "\"strategic stability\"", "strat*", "Geneve"],
            "updatedSince" => ["2020-01-01T00:00:00Z", "2020-01-01"],
            "relation" => ["contradicts", "respondsTo"],
            "sort" => ["-saidOn", "relevance", "id", "-updatedAt"],
            "include" => ["official,meeting,topics,source", "topics"],
            "limit" => ["1", "500"],
            "count" or "root" => ["true", "false"],
            "format" => ["csv", "ndjson", "json"],
            "groupBy" => ["official", "month", "topic", "year"],
            "after" => ["0", "5"],
            "resource" => ["statement", "official,topic"],
            "url" => ["https://example.org/a"],
            "publisher" => ["Reuters"],
            "saidOnPrecision" => ["month", "year", "day"],
            _ => parameter.Type switch { "integer" => ["1"], "boolean" => ["true"], _ => ["x"] },
        };
    }

    private static readonly string[] UnknownParameters = ["unknown", "LIMIT", "limit[]", "$filter", "__proto__", "", "q\u0000", "Official"];

    /// <summary>A query or path value, encoded: UTF-8 (a lone surrogate as the three bytes of its code point) percent-escaped.</summary>
    public static string Encode(string value)
    {
        var text = new StringBuilder();
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            byte[] bytes;
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                bytes = Encoding.UTF8.GetBytes(value.Substring(i++, 2));
            }
            else if (char.IsSurrogate(c))
            {
                bytes = [(byte)(0xe0 | c >> 12), (byte)(0x80 | c >> 6 & 0x3f), (byte)(0x80 | c & 0x3f)];
            }
            else if (c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '-' or '.' or '_' or '~')
            {
                text.Append(c);
                continue;
            }
            else
            {
                bytes = Encoding.UTF8.GetBytes(c.ToString());
            }
            foreach (var b in bytes)
            {
                text.Append($"%{b:X2}");
            }
        }
        return text.ToString();
    }

    /// <summary>An encoded value: sensible, junk, a comma-joined list, or raw URL garbage.</summary>
    private Gen<string> Value(FuzzParameter parameter) => Gen.Frequency(
        (4, Gen.OneOf(Sensible(parameter)).Select(Encode)),
        (6, Junk.Text.Select(Encode)),
        (2, (parameter.Name == "q" ? Junk.FtsSoup : Gen.OneOf(Junk.SqlFragments)).Select(Encode)),
        (1, Gen.Select(Gen.OneOf(Sensible(parameter)), Junk.Text, (a, b) => Encode(a) + "," + Encode(b))),
        (2, Gen.OneOf(Junk.RawUrlGarbage)));

    /// <summary>
    /// name=value pairs for one of the operation's parameters: none, one, the same name two or three times, or the name
    /// with garbage. About three parameters of an operation are given, so that junk in one does not always hide the rest.
    /// </summary>
    private Gen<string[]> Pairs(FuzzParameter parameter, int parameters) => Gen.Frequency(
        (parameter.Required ? 1 : Math.Max(3, 2 * parameters), Gen.Const(Array.Empty<string>())),
        (4, Value(parameter).Select(v => new[] { $"{Encode(parameter.Name)}={v}" })),
        (1, Value(parameter).Array[2, 3].Select(vs => vs.Select(v => $"{Encode(parameter.Name)}={v}").ToArray())),
        (1, Gen.OneOf(Junk.RawUrlGarbage).Select(g => new[] { Encode(parameter.Name) + g })));

    private static readonly Gen<string[]> Extras = Gen.Frequency(
        (6, Gen.Const(Array.Empty<string>())),
        (2, Gen.Select(Gen.OneOf(UnknownParameters), Junk.Text, (name, value) => new[] { $"{Encode(name)}={Encode(value)}" })),
        (1, Gen.OneOf(Junk.RawUrlGarbage).Select(g => new[] { g })));

    public Gen<string> Query(FuzzOperation operation) =>
        operation.QueryParameters
            .Select(parameter => Pairs(parameter, operation.QueryParameters.Count))
            .Append(Extras)
            .Aggregate(Gen.Const(Array.Empty<string>()), (all, next) => Gen.Select(all, next, (a, b) => (string[])[.. a, .. b]))
            .Select(pairs => string.Join("&", pairs));

    private string[] Existing(FuzzOperation operation, FuzzParameter parameter)
    {
        static string[] Text(IEnumerable<long> ids) => [.. ids.Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))];
        var collection = operation.CollectionOf(parameter.Name);
        return collection switch
        {
            "officials" or "topics" or "meetings" => [.. Text(known.Ids(collection)), .. known.Slugs(collection)],
            "sources" or "statements" => Text(known.Ids(collection)),
            "keys" => Text(known.Ids("api_keys")),
            "relations" => Text(known.Ids("statement_relations")),
            "revisions" => ["1", "2", "3"],
            _ => ["1"],
        } is { Length: > 0 } values ? values : ["1"];
    }

    private Gen<string> PathValue(FuzzOperation operation, FuzzParameter parameter) => Gen.Frequency(
        (6, Gen.OneOf(Existing(operation, parameter))),
        (4, Junk.Text.Select(Encode)),
        (1, Gen.OneOf(Junk.RawUrlGarbage)));

    /// <summary>
    /// The template with its parameters filled in. A NUL in the path never reaches the application: Kestrel answers 400
    /// itself, and the in-memory server throws instead, so an encoded NUL becomes %01.
    /// </summary>
    public Gen<string> Path(FuzzOperation operation) =>
        operation.PathParameters
            .Aggregate(Gen.Const(operation.Template), (path, parameter) =>
                Gen.Select(path, PathValue(operation, parameter), (p, value) => p.Replace("{" + parameter.Name + "}", value, StringComparison.Ordinal)))
            .Select(path => path.Replace("%00", "%01", StringComparison.Ordinal));

    public static Gen<(string, string)[]> Headers(FuzzOperation operation) =>
        operation.Headers
            .Select(name => Gen.Frequency(
                (3, Gen.Const(Array.Empty<(string, string)>())),
                (1, Gen.OneOf(Junk.HeaderValues).Select(v => new[] { (name, v) }))))
            .Append(Gen.Frequency(
                (4, Gen.Const(Array.Empty<(string, string)>())),
                (1, Gen.OneOf(Junk.AcceptValues).Select(v => new[] { ("Accept", v) }))))
            .Aggregate(Gen.Const(Array.Empty<(string, string)>()), (all, next) => Gen.Select(all, next, (a, b) => ((string, string)[])[.. a, .. b]));

    /// <summary>The body and its content type: mutations of the valid body under a declared or junk type, or a junk body.</summary>
    public static Gen<(byte[]? Body, string? ContentType)> Body(FuzzOperation operation)
    {
        var junk = Gen.Select(Junk.Body, Gen.OneOf(Junk.ContentTypes), (body, type) => ((byte[]?)body, (string?)type));
        if (!operation.TakesBody)
        {
            return Gen.Frequency((8, Gen.Const(((byte[]?)null, (string?)null))), (2, junk));
        }
        var declared = Gen.OneOf(operation.BodyMediaTypes.ToArray());
        var mutated = Gen.Select(Bodies.Mutation.Array[0, 3], declared, Gen.Int[1, 999_999], (mutations, type, suffix) =>
            ((byte[]?)Bodies.Render(Bodies.Apply(Bodies.Unique(operation.ValidBody, suffix), mutations), type == "application/x-ndjson"), (string?)type));
        var mistyped = Gen.Select(Bodies.Mutation.Array[0, 1], Gen.OneOf(Junk.ContentTypes), Gen.Int[1, 999_999], (mutations, type, suffix) =>
            ((byte[]?)Bodies.Render(Bodies.Apply(Bodies.Unique(operation.ValidBody, suffix), mutations), ndjson: false), (string?)type));
        var declaredJunk = Gen.Select(Junk.Body, declared, (body, type) => ((byte[]?)body, (string?)type));
        var truncated = Gen.Select(Gen.Double.Unit, declared, (cut, type) =>
        {
            var whole = Bodies.Render(operation.ValidBody, ndjson: false);
            return ((byte[]?)whole[..(int)(whole.Length * cut)], (string?)type);
        });
        var missing = Gen.OneOf(((byte[]?)null, (string?)null), ((byte[]?)null, (string?)operation.BodyMediaTypes[0]), ((byte[]?)[], (string?)operation.BodyMediaTypes[0]));
        return Gen.Frequency((10, mutated), (2, mistyped), (3, declaredJunk), (1, truncated), (1, missing));
    }

    public static readonly Gen<Credentials> Credentials = Gen.Frequency(
        (5, Gen.Const(Fuzz.Credentials.AdminKey)), (4, Gen.Const(Fuzz.Credentials.None)), (1, Gen.Const(Fuzz.Credentials.BadKey)));

    public Gen<FuzzRequest> For(IReadOnlyList<FuzzOperation> operations) =>
        from operation in Gen.OneOf(operations.ToArray())
        from request in Gen.Select(Path(operation), Query(operation), Headers(operation), Body(operation), Credentials,
            (path, query, headers, body, credentials) => new FuzzRequest(operation, path, query, headers, body.Body, body.ContentType, credentials))
        select request;
}
