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
        var merged = Merge(JsonSerializer.SerializeToNode(current, options), patch);
        return merged.Deserialize<T>(options)
            ?? throw new BadInputException("$", "The patched resource is empty.");
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
