// Request bodies mutated from a valid one: a field's value replaced by junk (raw JSON, so numbers no double holds,
// invalid UTF-8 and deep nesting survive), a field removed, an unknown field added, a key given twice. The body is a
// JsonNode tree whose junk values are RawJson leaves; Render writes it out by hand, as JSON or as NDJSON lines.
using System.Text;
using System.Text.Json.Nodes;
using CsCheck;

namespace Statements.Api.Tests.Fuzz;

/// <summary>Bytes written into the body as they are.</summary>
public sealed record RawJson(byte[] Bytes);

public enum MutationKind
{
    Replace,
    Remove,
    AddUnknown,
    DuplicateKey,
}

/// <summary>One change to a valid body; Target picks the field (by position among all fields, nested ones included).</summary>
public sealed record Mutation(MutationKind Kind, int Target, byte[] Value);

public static class Bodies
{
    // A property name ending in this marker is written without it: how a JsonObject carries a key twice.
    private const char DuplicateMarker = '\ufdd0';

    private static readonly string[] UnknownNames = ["unknown", "id", "version", "createdAt", "__proto__", "", "Text", "$ref", "a\u0000b"];

    public static readonly Gen<Mutation> Mutation = Gen.Select(
        Gen.Frequency((6, Gen.Const(MutationKind.Replace)), (2, Gen.Const(MutationKind.Remove)), (1, Gen.Const(MutationKind.AddUnknown)), (1, Gen.Const(MutationKind.DuplicateKey))),
        Gen.Int[0, 63],
        Junk.JsonValue,
        (kind, target, value) => new Mutation(kind, target, value));

    /// <summary>The valid body with its unique values (slug, URL) made unique again, so that a create can succeed more than once.</summary>
    public static JsonNode? Unique(JsonNode? valid, int suffix)
    {
        var body = valid?.DeepClone();
        foreach (var (parent, key, index) in Slots(body).ToList())
        {
            var value = key is null ? ((JsonArray)parent)[index] : ((JsonObject)parent)[key];
            if (value is JsonValue text && text.TryGetValue<string>(out var s) && s is ApiSurface.UniqueSlug or ApiSurface.UniqueUrl)
            {
                var unique = global::System.Text.Json.Nodes.JsonValue.Create($"{s}-{suffix}");
                if (key is null)
                {
                    ((JsonArray)parent)[index] = unique;
                }
                else
                {
                    ((JsonObject)parent)[key] = unique;
                }
            }
        }
        return body;
    }

    public static JsonNode? Apply(JsonNode? valid, IEnumerable<Mutation> mutations)
    {
        var body = valid?.DeepClone();
        foreach (var mutation in mutations)
        {
            var slots = Slots(body).ToList();
            var objects = Objects(body).ToList();
            var raw = global::System.Text.Json.Nodes.JsonValue.Create(new RawJson(mutation.Value));
            switch (mutation.Kind)
            {
                case MutationKind.Replace when slots.Count == 0:
                    body = raw;
                    break;
                case MutationKind.Replace:
                    var (parent, key, index) = slots[mutation.Target % slots.Count];
                    if (parent is JsonObject obj)
                    {
                        obj[key!] = raw;
                    }
                    else
                    {
                        ((JsonArray)parent)[index] = raw;
                    }
                    break;
                case MutationKind.Remove when slots.Count > 0:
                    var (from, name, position) = slots[mutation.Target % slots.Count];
                    if (from is JsonObject owner)
                    {
                        owner.Remove(name!);
                    }
                    else
                    {
                        ((JsonArray)from).RemoveAt(position);
                    }
                    break;
                case MutationKind.AddUnknown when objects.Count > 0:
                    var target = objects[mutation.Target % objects.Count];
                    var unknown = UnknownNames[mutation.Target % UnknownNames.Length];
                    target[target.ContainsKey(unknown) ? unknown + DuplicateMarker : unknown] = raw;
                    break;
                case MutationKind.DuplicateKey when objects.Count > 0:
                    var twice = objects[mutation.Target % objects.Count];
                    if (twice.Count > 0)
                    {
                        var existing = twice.ElementAt(mutation.Target % twice.Count).Key.TrimEnd(DuplicateMarker);
                        twice[existing + new string(DuplicateMarker, 1 + twice.Count(p => p.Key.TrimEnd(DuplicateMarker) == existing))] = raw;
                    }
                    break;
            }
        }
        return body;
    }

    /// <summary>The body as bytes: NDJSON writes the items of a top-level array one per line.</summary>
    public static byte[] Render(JsonNode? body, bool ndjson)
    {
        var output = new List<byte>();
        if (ndjson && body is JsonArray lines)
        {
            foreach (var line in lines)
            {
                Write(line, output);
                output.Add((byte)'\n');
            }
        }
        else
        {
            Write(body, output);
        }
        return [.. output];
    }

    private static void Write(JsonNode? node, List<byte> output)
    {
        switch (node)
        {
            case null:
                output.AddRange("null"u8);
                break;
            case JsonObject obj:
                output.Add((byte)'{');
                var first = true;
                foreach (var (name, value) in obj)
                {
                    if (!first)
                    {
                        output.Add((byte)',');
                    }
                    first = false;
                    output.AddRange(JsonText.String(name.TrimEnd(DuplicateMarker)));
                    output.Add((byte)':');
                    Write(value, output);
                }
                output.Add((byte)'}');
                break;
            case JsonArray array:
                output.Add((byte)'[');
                for (var i = 0; i < array.Count; i++)
                {
                    if (i > 0)
                    {
                        output.Add((byte)',');
                    }
                    Write(array[i], output);
                }
                output.Add((byte)']');
                break;
            case JsonValue value when value.TryGetValue<RawJson>(out var raw):
                output.AddRange(raw.Bytes);
                break;
            case JsonValue value when value.TryGetValue<string>(out var text):
                output.AddRange(JsonText.String(text));
                break;
            default:
                output.AddRange(Encoding.UTF8.GetBytes(node.ToJsonString()));
                break;
        }
    }

    /// <summary>Every place a value sits: each property of each object and each item of each array, depth first.</summary>
    private static IEnumerable<(JsonNode Parent, string? Key, int Index)> Slots(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj.ToList())
                {
                    yield return (obj, key, -1);
                    foreach (var slot in Slots(value))
                    {
                        yield return slot;
                    }
                }
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    yield return (array, null, i);
                    foreach (var slot in Slots(array[i]))
                    {
                        yield return slot;
                    }
                }
                break;
        }
    }

    private static IEnumerable<JsonObject> Objects(JsonNode? node) => node switch
    {
        JsonObject obj => [obj, .. obj.SelectMany(p => Objects(p.Value))],
        JsonArray array => array.SelectMany(Objects),
        _ => [],
    };
}
