// What extraction accepts (an article's text) and answers (candidate statements for an editor to review).
// A candidate carries everything a statement needs, so accepted candidates post as they are (plus a sourceId)
// to the statement import.
using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Statements.Api.Common;
using Statements.Api.Statements;

namespace Statements.Api.Extraction;

/// <summary>How the speaker of a candidate was recognised.</summary>
public enum SpeakerMatch
{
    /// <summary>The official's name, or its surname.</summary>
    Name,
    /// <summary>One of the official's aliases or their native name.</summary>
    Alias,
    /// <summary>A role phrase ("the head of Russian diplomacy") meaning whoever held the role on the article's date.</summary>
    Role,
    /// <summary>A pronoun ("he added") or a quote without attribution: the previous speaker.</summary>
    Pronoun,
    /// <summary>Someone the database does not know, named as written.</summary>
    Unknown,
}

/// <summary>
/// What dates an extraction and labels its candidates. The optional body of POST /sources/{id}/extract, where each
/// member given overrides the source's stored value for that extraction only; the text extraction takes them too.
/// </summary>
public class SourceExtractionRequest
{
    [Description("When the article was published: role phrases mean whoever held the role that day, and candidates are dated by it (saidOn). " +
        "When absent, a stored source's own publication date; without one, roles are read as of today and candidates have no saidOn.")]
    public DateOnly? PublishedOn { get; init; }

    [RegularExpression(Formats.Language, ErrorMessage = Formats.LanguageMessage)]
    [Description("BCP 47 language of the text; candidates carry it. When absent, a stored source's own language, else en.")]
    public string? Language { get; init; }
}

/// <summary>An article to extract statements from: its text, with the date and language a stored source would give.</summary>
public sealed class ExtractionRequest : SourceExtractionRequest
{
    [Required, StringLength(1_000_000, MinimumLength = 1)]
    [Description("The article's text. Offsets in the answer count UTF-16 code units of exactly this string.")]
    public string? Text { get; init; }

    [Url(ErrorMessage = "Use an absolute http or https URL."), StringLength(2000)]
    [Description("Where the article is published; when a stored source has this URL, candidates carry its id.")]
    public string? SourceUrl { get; init; }
}

/// <summary>The statements found in an article, in text order. Nothing is written.</summary>
public sealed record ExtractionResult(IReadOnlyList<StatementCandidate> Candidates);

/// <summary>
/// A proposed statement. start and end are UTF-16 offsets into the submitted text, end exclusive. For a quote,
/// text is exactly text[start..end]: the words inside the marks. For a quote split by its attribution ("We have
/// …," he said. "…"), start..end runs from the first part's first word to the last part's last word, attribution
/// included, and text joins the parts. For a paraphrase, start..end is the reported clause as written and text is
/// that clause as a sentence (capital first letter, closing full stop).
/// </summary>
public sealed class StatementCandidate
{
    public required string Text { get; init; }

    public required StatementKind Kind { get; init; }

    /// <summary>UTF-16 offset of the statement's first character in the submitted text.</summary>
    public required int Start { get; init; }

    /// <summary>UTF-16 offset just past the statement's last character.</summary>
    public required int End { get; init; }

    public required CandidateSpeaker Speaker { get; init; }

    /// <summary>Slugs of the topics whose name or keywords occur in the statement.</summary>
    public required IReadOnlyList<string> Topics { get; init; }

    /// <summary>The meeting the statement was made at or is about; null when none is recognised.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public required long? MeetingId { get; init; }

    /// <summary>0 to 1: how sure extraction is of the statement and its speaker together.</summary>
    public required double Confidence { get; init; }

    /// <summary>The speaker's official id (as in speaker), null for a speaker not in the database.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public required long? OfficialId { get; init; }

    /// <summary>BCP 47 language of text.</summary>
    public required string Language { get; init; }

    /// <summary>The article's publication date, when it was given: statements are usually made on or just before it.</summary>
    public DateOnly? SaidOn { get; init; }

    /// <summary>Ids of the topics (the same as topics, by id).</summary>
    public required IReadOnlyList<long> TopicIds { get; init; }

    /// <summary>The stored source the article is, when extraction ran on one (or its URL matched one).</summary>
    public long? SourceId { get; init; }
}

/// <summary>Who said it, and how extraction knows.</summary>
public sealed record CandidateSpeaker(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] long? OfficialId,
    string Name,
    SpeakerMatch MatchedBy);
