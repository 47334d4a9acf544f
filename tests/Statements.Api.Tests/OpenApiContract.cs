// Checks real responses against the OpenAPI document: the status must be documented for the operation, the media
// type documented for that status, and a JSON body valid against its schema. OpenAPI 3.0 schemas are turned into
// JSON Schema 2020-12 (components become $defs; nullable becomes a "null" type) and evaluated by JsonSchema.Net.
using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;

namespace Statements.Api.Tests;

public sealed class OpenApiContract
{
    private const string ComponentsPrefix = "#/components/schemas/";
    private static readonly EvaluationOptions Evaluation = new() { OutputFormat = OutputFormat.List, RequireFormatValidation = true };

    private readonly List<Operation> operations;
    private readonly JsonObject defs;
    private readonly ConcurrentDictionary<string, JsonSchema> schemas = new();
    private readonly BuildOptions registry = new() { SchemaRegistry = new SchemaRegistry() };
    private readonly ConcurrentDictionary<string, HashSet<int>> checkedStatuses = new();

    private sealed record Operation(string Id, HttpMethod Method, string Template, Regex Path, JsonElement Responses);

    private OpenApiContract(JsonElement document)
    {
        operations = document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(op => new Operation(
                op.Value.GetProperty("operationId").GetString()!,
                new HttpMethod(op.Name.ToUpperInvariant()),
                path.Name,
                new Regex("^" + Regex.Replace(Regex.Escape(path.Name), @"\\\{[^}]+}", "[^/]+") + "$"),
                op.Value.GetProperty("responses"))))
            .ToList();
        defs = new JsonObject();
        foreach (var schema in document.GetProperty("components").GetProperty("schemas").EnumerateObject())
        {
            defs[schema.Name] = ToJsonSchema(JsonNode.Parse(schema.Value.GetRawText()));
        }
    }

    /// <summary>Response headers a generated client acts on: whenever one is sent, the document must name it.</summary>
    private static readonly string[] ActedOnHeaders = ["ETag", "Location", "Link", "Retry-After"];

    public static async Task<OpenApiContract> LoadAsync(HttpClient client) =>
        new(await (await client.GetAsync("/swagger/v1/swagger.json")).ReadJsonAsync());

    public IEnumerable<string> OperationIds => operations.Select(o => o.Id);

    public List<string> Failures { get; } = [];

    /// <summary>Whether a response of the operation with a status that passes the test was checked.</summary>
    public bool Checked(string operationId, Func<int, bool> status) =>
        checkedStatuses.TryGetValue(operationId, out var statuses) && statuses.Any(status);

    /// <summary>Checks the response against the document, records any failure, and returns its JSON body (or default).</summary>
    public async Task<JsonElement> CheckAsync(HttpMethod method, string url, HttpResponseMessage response)
    {
        var path = url.Split('?')[0];
        var status = (int)response.StatusCode;
        var call = $"{method} {url} → {status}";
        var operation = operations
            .Where(o => o.Method == method && o.Path.IsMatch(path))
            .OrderBy(o => o.Template.Count(c => c == '{'))
            .FirstOrDefault();
        if (operation is null)
        {
            Failures.Add($"{call}: no operation in the document");
            return default;
        }
        var text = await response.Content.ReadAsStringAsync();
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (!operation.Responses.TryGetProperty(status.ToString(CultureInfo.InvariantCulture), out var documented)
            && !operation.Responses.TryGetProperty("default", out documented))
        {
            Failures.Add($"{call}: status not documented for {operation.Id}; body {Shorten(text)}");
            return default;
        }
        checkedStatuses.GetOrAdd(operation.Id, _ => []).Add(status);
        foreach (var header in ActedOnHeaders.Where(h => response.Headers.Contains(h)))
        {
            if (!documented.TryGetProperty("headers", out var headers) || !headers.EnumerateObject().Any(h => h.NameEquals(header)))
            {
                Failures.Add($"{call}: header {header} sent but not documented for {operation.Id} {status}");
            }
        }
        if (text.Length == 0)
        {
            return default;
        }
        if (mediaType is null || !documented.TryGetProperty("content", out var content) || !content.TryGetProperty(mediaType, out var media))
        {
            Failures.Add($"{call}: body of type {mediaType} not documented for {operation.Id}");
            return default;
        }
        if (mediaType != "application/json" && !mediaType.EndsWith("+json", StringComparison.Ordinal))
        {
            return default;
        }
        var body = JsonDocument.Parse(text).RootElement.Clone();
        var schema = schemas.GetOrAdd($"{operation.Id}/{status}/{mediaType}", key => Build(key, media.GetProperty("schema")));
        var result = schema.Evaluate(body, Evaluation);
        if (!result.IsValid)
        {
            var errors = (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
                .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} ({d.EvaluationPath}): {e.Value}"))
                .Take(10);
            Failures.Add($"{call}: body does not match the schema of {operation.Id}: {string.Join("; ", errors)}; body {Shorten(text)}");
        }
        return body;
    }

    private JsonSchema Build(string key, JsonElement openApiSchema)
    {
        var root = ToJsonSchema(JsonNode.Parse(openApiSchema.GetRawText())) as JsonObject ?? [];
        root["$schema"] = "https://json-schema.org/draft/2020-12/schema";
        root["$defs"] = defs.DeepClone();
        var baseUri = new Uri($"https://contract.statements.test/{Uri.EscapeDataString(key)}");
        return JsonSchema.FromText(root.ToJsonString(), registry, baseUri);
    }

    /// <summary>OpenAPI 3.0 schema → JSON Schema 2020-12: refs into components point at $defs, and nullable allows null.</summary>
    private static JsonNode? ToJsonSchema(JsonNode? node)
    {
        switch (node)
        {
            case JsonArray array:
                return new JsonArray(array.Select(ToJsonSchema).ToArray());
            case JsonObject schema:
                var result = new JsonObject();
                foreach (var (name, value) in schema)
                {
                    if (name == "$ref" && value?.GetValue<string>() is { } reference && reference.StartsWith(ComponentsPrefix, StringComparison.Ordinal))
                    {
                        result[name] = "#/$defs/" + reference[ComponentsPrefix.Length..];
                    }
                    else if (name != "nullable")
                    {
                        result[name] = ToJsonSchema(value);
                    }
                }
                if (schema["nullable"] is JsonValue nullable && nullable.GetValue<bool>())
                {
                    if (result["type"] is JsonValue type)
                    {
                        result["type"] = new JsonArray(type.GetValue<string>(), "null");
                    }
                    else
                    {
                        return new JsonObject { ["anyOf"] = new JsonArray(result, new JsonObject { ["type"] = "null" }) };
                    }
                }
                return result;
            default:
                return node?.DeepClone();
        }
    }

    private static string Shorten(string text) => text.Length <= 400 ? text : text[..400] + "…";
}
