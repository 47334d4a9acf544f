// What the API says about a statement, what it accepts, and the row behind both.
using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Statements.Api.Common;
using Statements.Api.Meetings;
using Statements.Api.Officials;
using Statements.Api.Sources;
using Statements.Api.Topics;

namespace Statements.Api.Statements;

public enum StatementKind
{
    /// <summary>Verbatim words.</summary>
    Quote,
    /// <summary>Reported speech.</summary>
    Paraphrase,
}

public enum DatePrecision
{
    Day,
    Month,
    Year,
}

/// <summary>Something an official said, as reported by a source.</summary>
public sealed class Statement
{
    [ReadOnly(true)]
    public required long Id { get; init; }
    /// <summary>The speaker.</summary>
    public required long OfficialId { get; init; }
    /// <summary>The speaker: a summary (id, slug, name, links), or the full official with include=official.</summary>
    [ReadOnly(true)]
    public required Official Official { get; init; }
    /// <summary>The role the speaker held when the statement was made, worked out from the official's roles.</summary>
    [ReadOnly(true)]
    public SpeakerRole? SpeakerRole { get; init; }
    public required string Text { get; init; }
    public required StatementKind Kind { get; init; }
    /// <summary>BCP 47 language of text.</summary>
    public required string Language { get; init; }
    /// <summary>The words in the language they were said in, when text is a translation.</summary>
    public string? OriginalText { get; init; }
    public string? OriginalLanguage { get; init; }
    /// <summary>When it was said; with month or year precision, the first day of that month or year.</summary>
    public required DateOnly SaidOn { get; init; }
    public required DatePrecision SaidOnPrecision { get; init; }
    /// <summary>Where and how it was said, e.g. "conference in Moscow".</summary>
    public string? Context { get; init; }
    /// <summary>The meeting it was made at or is about.</summary>
    public long? MeetingId { get; init; }
    /// <summary>The meeting in full, with include=meeting.</summary>
    [ReadOnly(true)]
    public Meeting? Meeting { get; init; }
    /// <summary>Summaries (id, slug, name, links), or full topics with include=topics.</summary>
    [ReadOnly(true)]
    public required IReadOnlyList<Topic> Topics { get; init; }
    /// <summary>The topics' ids, as a PUT takes them: a client can send back what it got.</summary>
    public IReadOnlyList<long> TopicIds => [.. Topics.Select(t => t.Id)];
    public long? SourceId { get; init; }
    /// <summary>The source in full (without its text), with include=source.</summary>
    [ReadOnly(true)]
    public Source? Source { get; init; }
    /// <summary>Typed links to and from other statements, listed on both ends.</summary>
    [ReadOnly(true)]
    public IReadOnlyList<StatementRelation> Relations { get; init; } = [];
    [ReadOnly(true)]
    public required DateTime CreatedAt { get; init; }
    [ReadOnly(true)]
    public required DateTime UpdatedAt { get; init; }
    [ReadOnly(true)]
    public required long Version { get; init; }
    /// <summary>
    /// With q: the part of the text around the matches (of the original text or context when the matches are there alone), as HTML: the text is escaped and each match is wrapped in &lt;mark&gt;.
    /// </summary>
    [ReadOnly(true)]
    public string? Snippet { get; init; }
    [ReadOnly(true)]
    public required StatementLinks Links { get; init; }

    /// <summary>
    /// The sum of the versions of what the statement shows of other resources: its official (name, slug, the role it
    /// held), its topics, and the meeting and source when included. It goes into the ETag (ETags.For), not the JSON.
    /// </summary>
    internal long EmbeddedVersions { get; init; }
}

/// <summary>A position as held by the speaker on the day of a statement.</summary>
[ReadOnly(true)]
public sealed record SpeakerRole(string Title, string Organization);

[ReadOnly(true)]
public sealed record StatementLinks(string Self, string Official, string? Meeting, string? Source)
{
    public static StatementLinks For(long id, long officialId, long? meetingId, long? sourceId) => new(
        $"/api/v1/statements/{id}",
        $"/api/v1/officials/{officialId}",
        meetingId is null ? null : $"/api/v1/meetings/{meetingId}",
        sourceId is null ? null : $"/api/v1/sources/{sourceId}");
}

/// <summary>A statement as written by POST and PUT, and as patched by PATCH.</summary>
[AcceptsReadOnlyMembersOf(typeof(Statement))]
public sealed class StatementInput
{
    [Required, Description("Id of the official who said it.")]
    public long? OfficialId { get; init; }

    [Required, StringLength(20_000, MinimumLength = 1)]
    public string? Text { get; init; }

    [Required, Description("quote for verbatim words, paraphrase for reported speech.")]
    public StatementKind? Kind { get; init; }

    [Required, StringLength(35), RegularExpression(Formats.Language, ErrorMessage = Formats.LanguageMessage)]
    public string? Language { get; init; }

    [StringLength(20_000)]
    public string? OriginalText { get; init; }

    [StringLength(35), RegularExpression(Formats.Language, ErrorMessage = Formats.LanguageMessage)]
    public string? OriginalLanguage { get; init; }

    [Required, Description("The day it was said; with month or year precision, any day in it (stored as the first). At most tomorrow (UTC): a statement cannot be in the future.")]
    public DateOnly? SaidOn { get; init; }

    [Description("How exactly saidOn is known; day when absent.")]
    public DatePrecision? SaidOnPrecision { get; init; }

    [StringLength(1000)]
    public string? Context { get; init; }

    public long? MeetingId { get; init; }

    [MaxLength(50)]
    public List<long>? TopicIds { get; init; }

    public long? SourceId { get; init; }
}

/// <summary>The column values of a statement as POST, PUT and bulk import write them (see StatementsApi.Parameters).</summary>
internal sealed record StatementValues(
    long OfficialId, string Text, string Kind, string Language, string? OriginalText, string? OriginalLanguage,
    string SaidOn, string Precision, string? Context, long? MeetingId, long? SourceId, string Now);

/// <summary>Which ids exist, for the link checks of StatementsApi.Validate.</summary>
internal sealed record KnownIds(Func<long, bool> Official, Func<long, bool> Meeting, Func<long, bool> Source, Func<long, bool> Topic);

internal sealed class StatementRow
{
    public long Id { get; init; }
    public long OfficialId { get; init; }
    public string OfficialSlug { get; init; } = "";
    public string OfficialName { get; init; } = "";
    public long OfficialVersion { get; init; }
    public string Text { get; init; } = "";
    public string Kind { get; init; } = "";
    public string Language { get; init; } = "";
    public string? OriginalText { get; init; }
    public string? OriginalLanguage { get; init; }
    public DateOnly SaidOn { get; init; }
    public string SaidOnPrecision { get; init; } = "";
    public string? Context { get; init; }
    public long? MeetingId { get; init; }
    public long? SourceId { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; init; }
    public long Version { get; init; }
    public double? Rank { get; set; }
}

internal sealed class StatementTopicRow
{
    public long StatementId { get; init; }
    public long Id { get; init; }
    public string Slug { get; init; } = "";
    public string Name { get; init; } = "";
    public long? ParentId { get; init; }
    public long Version { get; init; }
}
