// What the API says about a topic, what it accepts, and the row behind both.
using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Statements.Api.Common;

namespace Statements.Api.Topics;

/// <summary>
/// A subject officials speak on. Topics form a tree through parentId. Statements and meetings embed the same
/// schema with only id, slug, name and links filled.
/// </summary>
public sealed class Topic
{
    [ReadOnly(true)]
    public required long Id { get; init; }
    public required string Slug { get; init; }
    public required string Name { get; init; }
    public string? Description { get; init; }
    /// <summary>The broader topic this one belongs to; absent for a root topic.</summary>
    public long? ParentId { get; init; }
    /// <summary>Words and phrases that mark a text as being on this topic.</summary>
    public IReadOnlyList<string>? Keywords { get; init; }
    [ReadOnly(true)]
    public DateTime? CreatedAt { get; init; }
    [ReadOnly(true)]
    public DateTime? UpdatedAt { get; init; }
    [ReadOnly(true)]
    public long? Version { get; init; }
    [ReadOnly(true)]
    public required TopicLinks Links { get; init; }
}

[ReadOnly(true)]
public sealed record TopicLinks(string Self, string Statements, string Children, string? Parent)
{
    public static TopicLinks For(long id, long? parentId) => new(
        $"/api/v1/topics/{id}", $"/api/v1/topics/{id}/statements", $"/api/v1/topics/{id}/children",
        parentId is null ? null : $"/api/v1/topics/{parentId}");
}

/// <summary>A topic as written by POST and PUT, and as patched by PATCH.</summary>
[AcceptsReadOnlyMembersOf(typeof(Topic))]
public sealed class TopicInput
{
    [Required, StringLength(100), RegularExpression(Formats.Slug, ErrorMessage = Formats.SlugMessage)]
    [Description("Unique, URL-safe name, e.g. strategic-stability.")]
    public string? Slug { get; init; }

    [Required, StringLength(200, MinimumLength = 1)]
    public string? Name { get; init; }

    [StringLength(4000)]
    public string? Description { get; init; }

    [Description("Id of the broader topic; absent for a root topic.")]
    public long? ParentId { get; init; }

    [ItemsLength(200), MaxLength(100), ItemsWithout(Export.SmallListExport.Separator)]
    [Description("Words and phrases that mark a text as on the topic; none may contain '|', which joins them in CSV.")]
    public List<string>? Keywords { get; init; }
}

internal sealed class TopicRow
{
    public long Id { get; init; }
    public string Slug { get; init; } = "";
    public string Name { get; init; } = "";
    public string Description { get; init; } = "";
    public long? ParentId { get; init; }
    public string Keywords { get; init; } = "[]";
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; init; }
    public long Version { get; init; }
}
