// JSON Merge Patch (RFC 7396): a patch document is applied to the resource's input representation,
// which is then validated and written exactly as a PUT of the merged document would be.
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Statements.Api.Common;

public static class JsonMergePatch
{
    public const string MediaType = "application/merge-patch+json";

    public static T Apply<T>(T current, JsonNode? patch, JsonSerializerOptions options)
    {
        if (patch is not JsonObject)
        {
            throw new BadInputException("$", "A merge patch must be a JSON object.");
        }
        EnsureReadable(patch);
        var merged = Merge(JsonSerializer.SerializeToNode(current, options), patch);
        return merged.Deserialize<T>(options)
            ?? throw new BadInputException("$", "The patched resource is empty.");
    }

    /// <summary>
    /// The patch is parsed lazily: a member name or string that is not valid UTF-8, a \u escape of a lone surrogate, or a
    /// member given twice (names match without regard to case) would only fail when first read, deep in the merge (a 500),
    /// or be written with replacement characters. Reading each one now makes it a 400 naming the member (or, for a bad
    /// or repeated name, the object holding it).
    /// </summary>
    private static void EnsureReadable(JsonNode patch)
    {
        var path = "$";
        try
        {
            Visit(patch, "$");
        }
        catch (InvalidOperationException)
        {
            throw new BadInputException(path, "The text is not valid UTF-8, or escapes a lone surrogate.");
        }
        catch (ArgumentException)
        {
            throw new BadInputException(path, "A member of this object is given more than once.");
        }

        void Visit(JsonNode? node, string at)
        {
            path = at;
            switch (node)
            {
                case JsonObject obj:
                    foreach (var (name, value) in obj)
                    {
                        Visit(value, at == "$" ? name : $"{at}.{name}");
                        path = at;
                    }
                    break;
                case JsonArray array:
                    for (var i = 0; i < array.Count; i++)
                    {
                        Visit(array[i], $"{(at == "$" ? "" : at)}[{i}]");
                    }
                    break;
                case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                    value.GetValue<string>();
                    break;
            }
        }
    }

    private static JsonNode? Merge(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject)
        {
            return patch?.DeepClone();
        }
        var result = target is JsonObject targetObject ? (JsonObject)targetObject.DeepClone() : new JsonObject();
        foreach (var (name, value) in patchObject)
        {
            if (value is null)
            {
                result.Remove(name);
            }
            else
            {
                result[name] = Merge(result[name], value);
            }
        }
        return result;
    }
}
