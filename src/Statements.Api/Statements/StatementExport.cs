// The flat CSV layout of a statement: one row each, related resources as id, slug and name columns,
// topic slugs joined by '|'. NDJSON lines carry the same statement as a JSON list item.
using System.Globalization;
using Statements.Api.Export;

namespace Statements.Api.Statements;

public sealed record StatementExportRow(Statement Statement, string? MeetingSlug, string? SourceUrl)
{
    public static IReadOnlyList<CsvColumn<StatementExportRow>> Columns { get; } =
    [
        new("id", r => Number(r.Statement.Id)),
        new("officialId", r => Number(r.Statement.OfficialId)),
        new("officialSlug", r => r.Statement.Official.Slug),
        new("officialName", r => r.Statement.Official.Name),
        new("speakerRoleTitle", r => r.Statement.SpeakerRole?.Title),
        new("speakerRoleOrganization", r => r.Statement.SpeakerRole?.Organization),
        new("kind", r => r.Statement.Kind == StatementKind.Quote ? "quote" : "paraphrase"),
        new("text", r => r.Statement.Text),
        new("language", r => r.Statement.Language),
        new("originalText", r => r.Statement.OriginalText),
        new("originalLanguage", r => r.Statement.OriginalLanguage),
        new("saidOn", r => r.Statement.SaidOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        new("saidOnPrecision", r => r.Statement.SaidOnPrecision.ToString().ToLowerInvariant()),
        new("context", r => r.Statement.Context),
        new("meetingId", r => Number(r.Statement.MeetingId)),
        new("meetingSlug", r => r.MeetingSlug),
        new("topics", r => string.Join('|', r.Statement.Topics.Select(t => t.Slug))),
        new("sourceId", r => Number(r.Statement.SourceId)),
        new("sourceUrl", r => r.SourceUrl),
        new("createdAt", r => Data.Db.FormatTimestamp(r.Statement.CreatedAt)),
        new("updatedAt", r => Data.Db.FormatTimestamp(r.Statement.UpdatedAt)),
        new("version", r => Number(r.Statement.Version)),
    ];

    private static string? Number(long? value) => value?.ToString(CultureInfo.InvariantCulture);
}
