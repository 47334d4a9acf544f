// What POST /api/v1/statements/bulk reads (one statement per NDJSON line or JSON array item, with the defaults of
// its query) and what it answers: the ids it created, or a report of every line that is not a valid statement.
using System.ComponentModel;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.OpenApi;
using Statements.Api.Statements;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Statements.Api.Import;

/// <summary>
/// One statement of a bulk import: the fields of POST /api/v1/statements, where the official, the topics and the meeting
/// may also be named by slug (official, topics, meeting). A candidate of the extraction endpoint is accepted as it is:
/// its speaker.officialId names the official, and start, end, confidence and the speaker's name are ignored. A member
/// given as null counts as absent: the query's default applies to it as to a missing one.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed class BulkStatementInput
{
    [Description("Id of the official who said it; or give official, or speaker.officialId.")]
    public long? OfficialId { get; init; }

    [Description("The official who said it, by id or slug, in place of officialId.")]
    [JsonConverter(typeof(IdOrSlugConverter))]
    public string? Official { get; init; }

    [Description("The speaker of an extraction candidate; only its officialId is read.")]
    public BulkSpeaker? Speaker { get; init; }

    public string? Text { get; init; }

    [Description("quote for verbatim words, paraphrase for reported speech.")]
    public StatementKind? Kind { get; init; }

    [Description("BCP 47 language of text; the language query parameter when absent.")]
    public string? Language { get; init; }

    public string? OriginalText { get; init; }

    public string? OriginalLanguage { get; init; }

    [Description("The day it was said; the saidOn query parameter when absent.")]
    public DateOnly? SaidOn { get; init; }

    [Description("How exactly saidOn is known; day when absent (or the saidOnPrecision query parameter, for a line that takes saidOn from the query).")]
    public DatePrecision? SaidOnPrecision { get; init; }

    public string? Context { get; init; }

    public long? MeetingId { get; init; }

    [Description("The meeting, by id or slug, in place of meetingId.")]
    [JsonConverter(typeof(IdOrSlugConverter))]
    public string? Meeting { get; init; }

    public List<long>? TopicIds { get; init; }

    [Description("Topics by id or slug, as well as or in place of topicIds.")]
    [JsonConverter(typeof(IdOrSlugListConverter))]
    public List<string>? Topics { get; init; }

    [Description("The source; the sourceId query parameter when absent.")]
    public long? SourceId { get; init; }

    [Description("Ignored: where an extraction candidate starts in its article.")]
    public long? Start { get; init; }

    [Description("Ignored: where an extraction candidate ends in its article.")]
    public long? End { get; init; }

    [Description("Ignored: how sure the extraction was of a candidate.")]
    public double? Confidence { get; init; }
}

/// <summary>The speaker of an extraction candidate. Only officialId is read; the other members are ignored.</summary>
public sealed class BulkSpeaker
{
    public long? OfficialId { get; init; }

    public string? Name { get; init; }

    public string? MatchedBy { get; init; }
}

/// <summary>The outcome of an import: how many statements were created, and their ids in the order of the lines.</summary>
public sealed record BulkImportResult(int Created, IReadOnlyList<long> Ids);

/// <summary>What is wrong with one line: its number (for a JSON array, the item's position, 1 for the first) and errors by field.</summary>
public sealed record BulkLineError(int Line, IDictionary<string, string[]> Errors);

/// <summary>
/// The problem answered when any line is invalid: every invalid line is listed, and nothing was imported. The same status
/// answers an Idempotency-Key reused with a different request, without errors.
/// </summary>
public sealed class BulkImportProblem
{
    public string? Type { get; init; }
    public string? Title { get; init; }
    public int? Status { get; init; }
    public string? Detail { get; init; }
    public string? Instance { get; init; }
    /// <summary>
    /// Every invalid line, in order. Absent when the 422 answers an Idempotency-Key already used with a different request,
    /// which is a plain problem.
    /// </summary>
    public IReadOnlyList<BulkLineError>? Errors { get; init; }
    /// <summary>Names the request in the server's logs, as on every problem.</summary>
    public string? TraceId { get; init; }
}

/// <summary>
/// Members read by <see cref="IdOrSlugConverter"/> take an id (a JSON number) or a slug (a string); the document says so
/// with oneOf, where the .NET type alone would give a string.
/// </summary>
public sealed class IdOrSlugSchemaFilter : ISchemaFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is not OpenApiSchema { Properties: { } properties })
        {
            return;
        }
        foreach (var member in context.Type.GetProperties())
        {
            var converter = member.GetCustomAttribute<JsonConverterAttribute>()?.ConverterType;
            var name = JsonNamingPolicy.CamelCase.ConvertName(member.Name);
            if ((converter != typeof(IdOrSlugConverter) && converter != typeof(IdOrSlugListConverter))
                || !properties.TryGetValue(name, out var property) || property is not OpenApiSchema described)
            {
                continue;
            }
            properties[name] = converter == typeof(IdOrSlugConverter)
                ? new OpenApiSchema { Description = described.Description, OneOf = IdOrSlug() }
                : new OpenApiSchema { Description = described.Description, Type = described.Type, Items = new OpenApiSchema { OneOf = IdOrSlug() } };
        }
    }

    private static List<IOpenApiSchema> IdOrSlug() =>
    [
        new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int64", Description = "An id." },
        new OpenApiSchema { Type = JsonSchemaType.String, Description = "A slug (or an id, as its digits)." },
    ];
}

/// <summary>Reads an id or a slug: a JSON string, or a number taken as its digits.</summary>
public sealed class IdOrSlugConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => ReadValue(ref reader);

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);

    internal static string ReadValue(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString()!,
        JsonTokenType.Number when reader.TryGetInt64(out var id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => throw new JsonException("Give an id or a slug."),
    };
}

/// <summary>Reads a list of ids or slugs (see <see cref="IdOrSlugConverter"/>).</summary>
public sealed class IdOrSlugListConverter : JsonConverter<List<string>>
{
    public override List<string>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException("Give an array of ids or slugs.");
        }
        var values = new List<string>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            values.Add(IdOrSlugConverter.ReadValue(ref reader));
        }
        return values;
    }

    public override void Write(Utf8JsonWriter writer, List<string> value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        foreach (var item in value)
        {
            writer.WriteStringValue(item);
        }
        writer.WriteEndArray();
    }
}
