// What the revision history returns: one version of a resource with who wrote it and when.
using System.Text.Json;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Statements.Api.History;

public enum RevisionAction
{
    Created,
    Updated,
    Deleted,
    /// <summary>A deleted statement brought back, with its id, from its last revision.</summary>
    Restored,
}

/// <summary>One version of a resource: the whole resource as it was after a write, who made the write and when.</summary>
/// <typeparam name="T">The resource.</typeparam>
public sealed class Revision<T>
{
    /// <summary>The resource's version after the write; a deletion counts as one more version.</summary>
    public required long Version { get; init; }
    public required RevisionAction Action { get; init; }
    /// <summary>When the write was made (UTC).</summary>
    public required DateTime At { get; init; }
    /// <summary>The API key that made the write; absent for the sample data and for rows written before history was kept.</summary>
    public RevisionApiKey? ApiKey { get; init; }
    /// <summary>
    /// The resource as GET returned it (without include) after the write; for a deletion, as it was when deleted.
    /// It is stored as it was written, so an old revision keeps the fields the API had then.
    /// </summary>
    public required JsonElement Record { get; init; }
    public required RevisionLinks Links { get; init; }
}

/// <summary>An API key, by id and the name it was given.</summary>
public sealed record RevisionApiKey(long Id, string? Name);

/// <param name="Self">This revision.</param>
/// <param name="Resource">The resource; it answers 404 while the resource is deleted.</param>
public sealed record RevisionLinks(string Self, string Resource);

internal sealed class RevisionRecordRow
{
    public long Version { get; init; }
    public string Action { get; init; } = "";
    public DateTime At { get; init; }
    public long? ApiKeyId { get; init; }
    public string? ApiKeyName { get; init; }
    /// <summary>The stored record; null for a revision stored without one, which is the resource as it is now.</summary>
    public string? Body { get; set; }
}

/// <summary>
/// A revision's record is served as the JSON it was stored as; the document describes it as the resource it is,
/// so generated clients get a typed record.
/// </summary>
public sealed class RevisionRecordSchemaFilter : ISchemaFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (context.Type is not { IsGenericType: true } type || type.GetGenericTypeDefinition() != typeof(Revision<>)
            || schema is not OpenApiSchema { Properties: { } properties })
        {
            return;
        }
        properties["record"] = context.SchemaGenerator.GenerateSchema(type.GetGenericArguments()[0], context.SchemaRepository);
    }
}
