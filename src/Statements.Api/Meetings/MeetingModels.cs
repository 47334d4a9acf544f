// What the API says about a meeting, what it accepts, and the row behind both.
using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Statements.Api.Common;
using Statements.Api.Officials;
using Statements.Api.Topics;

namespace Statements.Api.Meetings;

public enum MeetingKind
{
    Summit,
    Bilateral,
    Conference,
    PressConference,
    Interview,
    Other,
}

/// <summary>
/// A summit, talk, conference or interview that statements are made at or about. A statement embeds the
/// same schema (with include=meeting).
/// </summary>
public sealed class Meeting
{
    [ReadOnly(true)]
    public required long Id { get; init; }
    public required string Slug { get; init; }
    public required string Title { get; init; }
    public MeetingKind? Kind { get; init; }
    public DateOnly? StartsOn { get; init; }
    /// <summary>Absent for a meeting of one day.</summary>
    public DateOnly? EndsOn { get; init; }
    public Location? Location { get; init; }
    /// <summary>The officials taking part, as summaries (id, slug, name, links).</summary>
    [ReadOnly(true)]
    public IReadOnlyList<Official>? Participants { get; init; }
    /// <summary>The participants' ids, as a PUT takes them: a client can send back what it got.</summary>
    public IReadOnlyList<long>? ParticipantIds => Participants?.Select(p => p.Id).ToList();
    /// <summary>The topics on the agenda, as summaries (id, slug, name, links).</summary>
    [ReadOnly(true)]
    public IReadOnlyList<Topic>? Topics { get; init; }
    /// <summary>The topics' ids, as a PUT takes them.</summary>
    public IReadOnlyList<long>? TopicIds => Topics?.Select(t => t.Id).ToList();
    [ReadOnly(true)]
    public DateTime? CreatedAt { get; init; }
    [ReadOnly(true)]
    public DateTime? UpdatedAt { get; init; }
    [ReadOnly(true)]
    public long? Version { get; init; }
    [ReadOnly(true)]
    public required MeetingLinks Links { get; init; }

    /// <summary>The sum of the versions of the participants and topics the meeting shows: for the ETag (ETags.For), not the JSON.</summary>
    internal long EmbeddedVersions { get; init; }
}

/// <summary>Where a meeting takes place.</summary>
/// <param name="City">e.g. Geneva.</param>
/// <param name="Country">ISO 3166-1 alpha-2, e.g. CH.</param>
public sealed record Location(string? City, string? Country);

[ReadOnly(true)]
public sealed record MeetingLinks(string Self, string Statements, string Participants)
{
    public static MeetingLinks For(long id) =>
        new($"/api/v1/meetings/{id}", $"/api/v1/meetings/{id}/statements", $"/api/v1/meetings/{id}/participants");
}

/// <summary>A meeting as written by POST and PUT, and as patched by PATCH.</summary>
[AcceptsReadOnlyMembersOf(typeof(Meeting))]
public sealed class MeetingInput : IValidatableObject
{
    [Required, StringLength(100), RegularExpression(Formats.Slug, ErrorMessage = Formats.SlugMessage)]
    [Description("Unique, URL-safe name, e.g. geneva-summit-2021.")]
    public string? Slug { get; init; }

    [Required, StringLength(300, MinimumLength = 1)]
    public string? Title { get; init; }

    [Required]
    public MeetingKind? Kind { get; init; }

    [Required]
    public DateOnly? StartsOn { get; init; }

    public DateOnly? EndsOn { get; init; }

    public LocationInput? Location { get; init; }

    [Description("Ids of the officials taking part.")]
    [MaxLength(500)]
    public List<long>? ParticipantIds { get; init; }

    [Description("Ids of the topics on the agenda.")]
    [MaxLength(100)]
    public List<long>? TopicIds { get; init; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (StartsOn is { } start && EndsOn is { } end && end < start)
        {
            yield return new ValidationResult("A meeting cannot end before it starts.", [nameof(EndsOn)]);
        }
    }
}

public sealed class LocationInput
{
    [StringLength(200)]
    public string? City { get; init; }

    [RegularExpression(Formats.Country, ErrorMessage = Formats.CountryMessage)]
    public string? Country { get; init; }
}

internal sealed class MeetingRow
{
    public long Id { get; init; }
    public string Slug { get; init; } = "";
    public string Title { get; init; } = "";
    public string Kind { get; init; } = "";
    public DateOnly StartsOn { get; init; }
    public DateOnly? EndsOn { get; init; }
    public string? LocationCity { get; init; }
    public string? LocationCountry { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; init; }
    public long Version { get; init; }
}

/// <summary>An official taking part in a meeting, as much of it as a summary needs.</summary>
internal sealed class ParticipantRow
{
    public long MeetingId { get; init; }
    public long Id { get; init; }
    public string Slug { get; init; } = "";
    public string Name { get; init; } = "";
    public long Version { get; init; }
}

/// <summary>A topic on a meeting's agenda, as much of it as a summary needs.</summary>
internal sealed class MeetingTopicRow
{
    public long MeetingId { get; init; }
    public long Id { get; init; }
    public string Slug { get; init; } = "";
    public string Name { get; init; } = "";
    public long? ParentId { get; init; }
    public long Version { get; init; }
}
