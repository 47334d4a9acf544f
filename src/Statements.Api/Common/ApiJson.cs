// The JSON conventions of the API: camelCase, enums as their kebab-case names, dates as yyyy-MM-dd,
// timestamps as UTC with Z, and absent members rather than nulls. Input is strict: a member the resource does not
// have is a 400 naming it (a typo must not be dropped silently), so is a member given twice and a number sent as a
// string, documents nest at most MaxDepth deep, and the server-owned members of a resource ([ReadOnly(true)] on its
// response class) are accepted and ignored, so that a client can PUT back what it got.
using System.ComponentModel;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Statements.Api.Common;

public static class ApiJson
{
    /// <summary>Far deeper than any resource (a statement with everything included is about 6).</summary>
    public const int MaxDepth = 32;

    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false));
        options.Converters.Add(new UtcTimestampConverter());
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        // A number is a JSON number: "officialId": "1" is a mistake, not a number.
        options.NumberHandling = JsonNumberHandling.Strict;
        options.MaxDepth = MaxDepth;
        // A member given twice is refused: which of the two was meant cannot be known, and the last silently winning
        // hides the mistake as a typo would be hidden.
        options.AllowDuplicateProperties = false;
        options.Converters.Add(new MergePatchNodeConverter());
        // Source-generated metadata first for the types it covers, reflection for the rest.
        options.TypeInfoResolver = JsonTypeInfoResolver.Combine(ApiJsonContext.Default, options.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver())
            .WithAddedModifier(AcceptReadOnlyMembers);
    }

    /// <summary>
    /// On an input class marked <see cref="AcceptsReadOnlyMembersOfAttribute"/>, adds a write-only member that reads
    /// and discards the value for each [ReadOnly(true)] member of the resource class that the input does not have.
    /// </summary>
    private static void AcceptReadOnlyMembers(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Kind != JsonTypeInfoKind.Object
            || typeInfo.Type.GetCustomAttribute<AcceptsReadOnlyMembersOfAttribute>() is not { } accepts)
        {
            return;
        }
        var names = typeInfo.Properties.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var name in ReadOnlyMemberNames(accepts.Resource, typeInfo.Options))
        {
            if (names.Add(name))
            {
                var ignored = typeInfo.CreateJsonPropertyInfo(typeof(JsonElement), name);
                ignored.Set = static (_, _) => { };
                typeInfo.Properties.Add(ignored);
            }
        }
    }

    /// <summary>The JSON names of the members of <paramref name="resource"/> marked [ReadOnly(true)].</summary>
    public static IEnumerable<string> ReadOnlyMemberNames(Type resource, JsonSerializerOptions options) =>
        resource.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetCustomAttribute<ReadOnlyAttribute>() is { IsReadOnly: true })
            .Select(p => p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name
                ?? options.PropertyNamingPolicy?.ConvertName(p.Name) ?? p.Name);

    /// <summary>
    /// A JsonNode (a merge patch) is read as without the rule on members given twice: JsonObject's reader would throw
    /// an ArgumentException from its dictionary, not a JsonException. <see cref="JsonMergePatch"/> reports a repeated
    /// member itself, naming the object that holds it.
    /// </summary>
    private sealed class MergePatchNodeConverter : JsonConverter<System.Text.Json.Nodes.JsonNode>
    {
        private JsonSerializerOptions? allowingDuplicates;

        public override System.Text.Json.Nodes.JsonNode? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            allowingDuplicates ??= AllowingDuplicates(options);
            return JsonSerializer.Deserialize<System.Text.Json.Nodes.JsonNode>(ref reader, allowingDuplicates);
        }

        public override void Write(Utf8JsonWriter writer, System.Text.Json.Nodes.JsonNode value, JsonSerializerOptions options) =>
            value.WriteTo(writer, options);

        private static JsonSerializerOptions AllowingDuplicates(JsonSerializerOptions options)
        {
            var copy = new JsonSerializerOptions(options) { AllowDuplicateProperties = true };
            copy.Converters.Remove(copy.Converters.OfType<MergePatchNodeConverter>().Single());
            return copy;
        }
    }

    private sealed class UtcTimestampConverter : JsonConverter<DateTime>
    {
        public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            DateTime.Parse(reader.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

        public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.ToUniversalTime().ToString(Data.Db.TimestampFormat, CultureInfo.InvariantCulture));
    }
}

/// <summary>
/// Metadata written at compile time for the responses on the hot path (statement pages and statements), so a process
/// does not build it by reflection on its first request. The property names and null handling here must be those of
/// <see cref="ApiJson.Configure"/>; converters (enums, timestamps) come from the options at run time.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Page<Statements.Statement>))]
[JsonSerializable(typeof(Statements.Statement))]
internal sealed partial class ApiJsonContext : JsonSerializerContext;

/// <summary>
/// Marks an input class as the writable part of <see cref="Resource"/>: the resource's server-owned members
/// ([ReadOnly(true)], such as id, version and links) are accepted on input and ignored.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class AcceptsReadOnlyMembersOfAttribute(Type resource) : Attribute
{
    public Type Resource { get; } = resource;
}
