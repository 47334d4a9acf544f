// The operations the fuzz tests send requests to, read from the served OpenAPI document (so a new endpoint is
// covered without a change here), with a valid request body for each one that takes a body, made from its schema.
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Statements.Api.Tests.Fuzz;

/// <summary>A parameter; Required when the document marks it so, or its description begins "Required" (groupBy of the statistics).</summary>
public sealed record FuzzParameter(string Name, string Type, string? Format, bool Required);

public sealed record FuzzOperation(
    string Id,
    HttpMethod Method,
    string Template,
    IReadOnlyList<FuzzParameter> PathParameters,
    IReadOnlyList<FuzzParameter> QueryParameters,
    IReadOnlyList<string> Headers,
    IReadOnlyList<string> BodyMediaTypes,
    JsonNode? ValidBody)
{
    public bool TakesBody => BodyMediaTypes.Count > 0;

    /// <summary>The collection a path parameter belongs to: the path segment before it (officials, revisions, relations …).</summary>
    public string CollectionOf(string parameter)
    {
        var segments = Template.Split('/');
        var index = Array.IndexOf(segments, "{" + parameter + "}");
        return index > 0 ? segments[index - 1] : "";
    }

    public override string ToString() => $"{Method} {Template}";
}

public static class ApiSurface
{
    /// <summary>Values of valid bodies that must be unique among rows; the generator appends a number to them.</summary>
    public const string UniqueSlug = "fuzz-slug", UniqueUrl = "https://example.org/fuzz";

    public static async Task<IReadOnlyList<FuzzOperation>> LoadAsync(HttpClient client, KnownRows known)
    {
        using var response = await client.GetAsync("/swagger/v1/swagger.json");
        response.EnsureSuccessStatusCode();
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = document.RootElement;
        var schemas = root.GetProperty("components").GetProperty("schemas");
        var operations = new List<FuzzOperation>();
        foreach (var path in root.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                var parameters = operation.Value.TryGetProperty("parameters", out var list)
                    ? list.EnumerateArray().ToList()
                    : [];
                FuzzParameter Parameter(JsonElement p)
                {
                    var schema = p.TryGetProperty("schema", out var s) ? s : default;
                    return new FuzzParameter(
                        p.GetProperty("name").GetString()!,
                        schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("type", out var type) ? type.GetString()! : "string",
                        schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("format", out var format) ? format.GetString() : null,
                        p.TryGetProperty("required", out var required) && required.GetBoolean()
                            || p.TryGetProperty("description", out var description) && description.GetString()!.StartsWith("Required", StringComparison.Ordinal));
                }
                List<FuzzParameter> In(string place) =>
                    [.. parameters.Where(p => p.GetProperty("in").GetString() == place).Select(Parameter)];
                var mediaTypes = new List<string>();
                JsonNode? body = null;
                if (operation.Value.TryGetProperty("requestBody", out var requestBody))
                {
                    var content = requestBody.GetProperty("content");
                    mediaTypes.AddRange(content.EnumerateObject().Select(c => c.Name));
                    body = new BodySynthesizer(schemas, known).Valid(content.EnumerateObject().First().Value.GetProperty("schema"), "");
                }
                operations.Add(new FuzzOperation(
                    operation.Value.GetProperty("operationId").GetString()!,
                    new HttpMethod(operation.Name.ToUpperInvariant()),
                    path.Name,
                    In("path"),
                    In("query"),
                    [.. In("header").Select(p => p.Name)],
                    mediaTypes,
                    body));
            }
        }
        return operations;
    }

    /// <summary>
    /// Makes a value the schema accepts: every property of an object (so that mutations have fields to work on), values
    /// from enums, dates and URIs by format, ids of sample rows for properties named …Id or …Ids, and a value matching
    /// each of the document's patterns that it knows.
    /// </summary>
    private sealed class BodySynthesizer(JsonElement schemas, KnownRows known)
    {
        private static readonly Dictionary<string, string> PatternExamples = new()
        {
            ["^[a-z0-9]+(?:-[a-z0-9]+)*$"] = UniqueSlug,
            ["^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$"] = "en",
            ["^([A-Z]{2})?$"] = "FR",
            ["^[A-Z]{2}$"] = "CH",
            ["^Q[1-9][0-9]*$"] = "Q42",
        };

        public JsonNode? Valid(JsonElement schema, string name, int depth = 0)
        {
            if (schema.TryGetProperty("$ref", out var reference))
            {
                return Valid(schemas.GetProperty(reference.GetString()!.Split('/')[^1]), name, depth);
            }
            if (schema.TryGetProperty("enum", out var values))
            {
                return JsonValue.Create(values[0].GetString());
            }
            var type = schema.TryGetProperty("type", out var t) ? t.GetString() : "object";
            var format = schema.TryGetProperty("format", out var f) ? f.GetString() : null;
            switch (type)
            {
                case "object" when depth < 4:
                    var result = new JsonObject();
                    if (schema.TryGetProperty("properties", out var properties))
                    {
                        foreach (var property in properties.EnumerateObject())
                        {
                            if (IsAlternative(property.Name, properties))
                            {
                                continue;
                            }
                            result[property.Name] = Valid(property.Value, property.Name, depth + 1);
                        }
                    }
                    return result;
                case "object":
                    return new JsonObject();
                case "array":
                    return new JsonArray(Valid(schema.GetProperty("items"), name.EndsWith('s') ? name[..^1] : name, depth + 1));
                case "integer":
                    return JsonValue.Create(IdFor(name));
                case "number":
                    return JsonValue.Create(0.5);
                case "boolean":
                    return JsonValue.Create(true);
            }
            if (format == "date")
            {
                return JsonValue.Create("2021-06-16");
            }
            if (format == "uri")
            {
                return JsonValue.Create(UniqueUrl);
            }
            if (name is "language" or "originalLanguage")
            {
                return JsonValue.Create("en");
            }
            if (schema.TryGetProperty("pattern", out var pattern))
            {
                return JsonValue.Create(PatternExamples.GetValueOrDefault(pattern.GetString()!, "x"));
            }
            return JsonValue.Create(name is "official" or "meeting" or "topic" ? known.SlugFor(name) : $"Fuzz {name}");
        }

        /// <summary>The bulk format's alternatives to an id (official beside officialId) are left out: one is enough.</summary>
        private static bool IsAlternative(string name, JsonElement properties) =>
            (properties.TryGetProperty(name + "Id", out _) || name == "speaker" && properties.TryGetProperty("officialId", out _))
            || name is "start" or "end" or "confidence" && properties.TryGetProperty("speaker", out _);

        private long IdFor(string name) => name switch
        {
            "officialId" or "participantId" or "participantIds" => known.First("officials"),
            "topicId" or "topicIds" => known.First("topics"),
            // The last rather than the first, so that the statement or topic in the path is not often its own target or parent.
            "parentId" => known.Ids("topics") is [.., var last] ? last : 1,
            "targetId" => known.Ids("statements") is [.., var last] ? last : 1,
            "meetingId" => known.First("meetings"),
            "sourceId" => known.First("sources"),
            _ => 1,
        };
    }
}
