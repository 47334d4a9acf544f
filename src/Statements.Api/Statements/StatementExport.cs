// The flat CSV layout of a statement: one row each, related resources as id, slug and name columns,
// topic slugs joined by '|'. NDJSON lines carry the same statement as a JSON list item.
using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Statements.Api.Export;

namespace Statements.Api.Statements;

/// <summary>A statement as an export streams it: the statement for an NDJSON line, or the fields of a CSV row.</summary>
public sealed record StatementExportRow(Statement? Statement, string?[] Fields)
{
    private static readonly string[] Names =
    [
        "id", "officialId", "officialSlug", "officialName", "speakerRoleTitle", "speakerRoleOrganization", "kind", "text",
        "language", "originalText", "originalLanguage", "saidOn", "saidOnPrecision", "context", "meetingId", "meetingSlug",
        "topics", "sourceId", "sourceUrl", "createdAt", "updatedAt", "version",
    ];

    public static IReadOnlyList<CsvColumn<StatementExportRow>> Columns { get; } =
        [.. Names.Select((name, i) => new CsvColumn<StatementExportRow>(name, r => r.Fields[i]))];

    /// <summary>
    /// The CSV query's one column: each row as a JSON array of its fields, in the order of <see cref="Names"/> but for
    /// the speaker role (worked out in memory). Everything comes from one query as the stored text, with no per-batch
    /// queries and no objects in between; and one column rather than twenty, because each column read crosses into
    /// SQLite through a P/Invoke, which dominated the export's time. Topics come in the JSON's order (by name).
    /// </summary>
    public const string CsvColumns = """
        SELECT json_array(s.id, s.official_id, o.slug, o.name, s.kind, s.text, s.language, s.original_text,
               s.original_language, s.said_on, s.said_on_precision, s.context, s.meeting_id, m.slug,
               (SELECT group_concat(t.slug, '|' ORDER BY t.name, t.id) FROM statement_topics st JOIN topics t ON t.id = st.topic_id
                WHERE st.statement_id = s.id),
               s.source_id, src.url, s.created_at, s.updated_at, s.version)
        """;

    public const string CsvJoins = """
        LEFT JOIN meetings m ON m.id = s.meeting_id
        LEFT JOIN sources src ON src.id = s.source_id
        """;

    /// <summary>Reads the rows of the <see cref="CsvColumns"/> query as CSV fields, adding each row's speaker role.</summary>
    internal static async IAsyncEnumerable<StatementExportRow> ReadCsvAsync(
        DbDataReader reader, SpeakerRoles roles, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return new StatementExportRow(null, ParseRow(reader.GetFieldValue<byte[]>(0), roles));
        }
    }

    private static string?[] ParseRow(byte[] row, SpeakerRoles roles)
    {
        var fields = new string?[Names.Length];
        var json = new Utf8JsonReader(row);
        json.Read();
        for (var field = 0; json.Read() && json.TokenType != JsonTokenType.EndArray; field++)
        {
            if (field == 4)
            {
                // The speaker role's two columns, from the official (field 1), saidOn (9) and its precision (10).
                field += 2;
            }
            fields[field] = json.TokenType switch
            {
                JsonTokenType.String => json.GetString(),
                JsonTokenType.Number => Encoding.UTF8.GetString(json.ValueSpan),
                _ => null,
            };
        }
        var saidOn = DateOnly.ParseExact(fields[11]!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var precision = Enum.Parse<DatePrecision>(fields[12]!, ignoreCase: true);
        var role = roles.For(long.Parse(fields[1]!, CultureInfo.InvariantCulture), saidOn, precision);
        fields[4] = role?.Title;
        fields[5] = role?.Organization;
        return fields;
    }
}
