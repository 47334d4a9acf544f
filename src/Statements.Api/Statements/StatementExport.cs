// The flat CSV layout of a statement: one row each, related resources as id, slug and name columns,
// topic slugs joined by '|'. NDJSON lines carry the same statement as a JSON list item.
using System.Buffers;
using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using CsvHelper;
using Dapper;
using Statements.Api.Common;
using Statements.Api.Data;
using Statements.Api.Export;

namespace Statements.Api.Statements;

/// <summary>A statement as an export streams it: the statement of an NDJSON line, or a CSV row (<see cref="CsvStatement"/>).</summary>
public class StatementExportRow
{
    private static readonly string[] Names =
    [
        "id", "officialId", "officialSlug", "officialName", "speakerRoleTitle", "speakerRoleOrganization", "kind", "text",
        "language", "originalText", "originalLanguage", "saidOn", "saidOnPrecision", "context", "meetingId", "meetingSlug",
        "topics", "sourceId", "sourceUrl", "createdAt", "updatedAt", "version",
    ];

    /// <summary>The CSV header and records of statements (see <see cref="CsvStatement.Write"/>).</summary>
    public static CsvLayout<StatementExportRow> Csv { get; } = new(Names, (csv, row) => ((CsvStatement)row).Write(csv));

    internal StatementExportRow(Statement? statement) => Statement = statement;

    public Statement? Statement { get; }

    /// <summary>
    /// The CSV query: the statement's own columns, the ids first, then its text columns in the order the row writes them
    /// (<see cref="CsvStatement.Write"/>). It is run by <see cref="RowStatement.Query"/>, which hands each column over as
    /// SQLite holds it, so that text goes from the database to the response as UTF-8 bytes, never made a string. The
    /// official, meeting, source and topics are not joined in SQL: joining them for every row took two thirds of the
    /// query's time at a million rows, while they are a few thousand rows, looked up in memory (<see cref="CsvNames"/>).
    /// </summary>
    public const string CsvColumns = """
        SELECT s.id, s.official_id, s.meeting_id, s.source_id, s.version, s.kind, s.text, s.language, s.original_text,
               s.original_language, s.said_on, s.said_on_precision, s.context, s.created_at, s.updated_at
        """;

    /// <summary>Reads the rows of the <see cref="CsvColumns"/> query a batch at a time, with the names they show.</summary>
    internal static async IAsyncEnumerable<StatementExportRow> ReadCsvAsync(
        DbConnection connection, DbTransaction transaction, RowStatement query, SpeakerRoles roles,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        const int batchSize = 512;
        var names = await CsvNames.LoadAsync(connection, transaction);
        var scratch = new ArrayBufferWriter<byte>();
        while (query.HasRow)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var batch = new List<CsvStatement>(batchSize);
            for (; query.HasRow && batch.Count < batchSize; query.Next())
            {
                batch.Add(new CsvStatement(query, scratch));
            }
            await names.NameAsync(batch, roles);
            foreach (var row in batch)
            {
                yield return row;
            }
        }
    }

    /// <summary>
    /// The names a CSV row shows for the ids it holds, read from the export's snapshot: every topic at the start (in the
    /// order rows list them: by name, then id), officials, meetings and sources as the rows first name them, and the
    /// topics of each batch of statements by one query over their ids.
    /// </summary>
    private sealed class CsvNames(DbConnection connection, DbTransaction transaction, Dictionary<long, int> topicRanks, string[] topicSlugs)
    {
        // Names as UTF-8, as the CSV writer writes them: encoded once, not on every row that shows them.
        private readonly Dictionary<long, (byte[]? Slug, byte[]? Name)> officials = [];
        private readonly Dictionary<long, (byte[]? Slug, byte[]? Name)> meetings = [];
        private readonly Dictionary<long, (byte[]? Slug, byte[]? Name)> sources = [];
        private readonly List<long> tags = []; // a statement's topics, as they come
        private readonly Dictionary<ulong, byte[]> joinedTags = [];
        private readonly List<long> missing = [];
        private readonly List<CsvStatement> unnamed = [];

        public static async Task<CsvNames> LoadAsync(DbConnection connection, DbTransaction transaction)
        {
            var topics = (await connection.QueryAsync<(long Id, string Slug)>("SELECT id, slug FROM topics ORDER BY name, id", transaction: transaction)).AsList();
            return new CsvNames(connection, transaction, topics.Select((t, rank) => (t.Id, rank)).ToDictionary(), [.. topics.Select(t => t.Slug)]);
        }

        /// <summary>Names the rows from what is known, and the few whose names are not known yet after reading those.</summary>
        public async Task NameAsync(List<CsvStatement> batch, SpeakerRoles roles)
        {
            var topicsOf = await TopicsAsync(batch);
            unnamed.Clear();
            foreach (var row in batch)
            {
                if (!TryName(row, topicsOf, roles))
                {
                    unnamed.Add(row);
                }
            }
            if (unnamed.Count == 0)
            {
                return;
            }
            await ReadMissingAsync(officials, "SELECT id, slug, name FROM officials", r => r.OfficialId);
            await ReadMissingAsync(meetings, "SELECT id, slug, NULL FROM meetings", r => r.MeetingId);
            await ReadMissingAsync(sources, "SELECT id, url, NULL FROM sources", r => r.SourceId);
            foreach (var row in unnamed)
            {
                TryName(row, topicsOf, roles);
            }
        }

        private bool TryName(CsvStatement row, Dictionary<long, byte[]> topicsOf, SpeakerRoles roles)
        {
            (byte[]? Slug, byte[]? Name) meeting = default, source = default;
            if (!officials.TryGetValue(row.OfficialId, out var official)
                || (row.MeetingId is { } meetingId && !meetings.TryGetValue(meetingId, out meeting))
                || (row.SourceId is { } sourceId && !sources.TryGetValue(sourceId, out source)))
            {
                return false;
            }
            row.Name(official, meeting.Slug, source.Slug, topicsOf.GetValueOrDefault(row.Id), roles);
            return true;
        }

        /// <summary>Reads what the unnamed rows name that is not known yet.</summary>
        private async Task ReadMissingAsync(Dictionary<long, (byte[]?, byte[]?)> known, string select, Func<CsvStatement, long?> idOf)
        {
            missing.Clear();
            foreach (var row in unnamed)
            {
                if (idOf(row) is { } id && !known.ContainsKey(id))
                {
                    missing.Add(id);
                }
            }
            if (missing.Count == 0)
            {
                return;
            }
            var rows = await connection.QueryAsync<(long Id, string? Slug, string? Name)>(
                $"{select} WHERE id IN (SELECT value FROM json_each(@ids))", new { ids = Sql.JsonIds(missing) }, transaction);
            foreach (var row in rows)
            {
                known[row.Id] = (Utf8(row.Slug), Utf8(row.Name));
            }
        }

        private static byte[]? Utf8(string? value) => value is null ? null : Encoding.UTF8.GetBytes(value);

        /// <summary>
        /// The topic slugs of the batch's statements, joined by '|'. Statements read in id order lie in a narrow band of
        /// ids, read as one range of statement_topics' primary key; others are looked up one by one. The pairs come as one
        /// value ("statement,topic,statement,topic…", in statement order), since reading a row per pair through
        /// Microsoft.Data.Sqlite cost three calls into SQLite each; each statement's topics are gathered as they pass.
        /// </summary>
        private async Task<Dictionary<long, byte[]>> TopicsAsync(List<CsvStatement> batch)
        {
            var (first, last) = (long.MaxValue, long.MinValue);
            foreach (var row in batch)
            {
                (first, last) = (Math.Min(first, row.Id), Math.Max(last, row.Id));
            }
            var inBand = last - first < 4L * batch.Count;
            var sql = $"""
                SELECT group_concat(statement_id || ',' || topic_id, ',' ORDER BY statement_id) FROM statement_topics
                WHERE {(inBand ? "statement_id BETWEEN @first AND @last" : "statement_id IN (SELECT value FROM json_each(@ids))")}
                """;
            var pairs = await connection.ExecuteScalarAsync<string?>(
                sql, new { first, last, ids = inBand ? null : Sql.JsonIds(batch.Select(r => r.Id)) }, transaction);
            var joined = new Dictionary<long, byte[]>(batch.Count);
            var statement = 0L;
            var rest = pairs.AsSpan();
            while (!rest.IsEmpty)
            {
                var id = Next(ref rest);
                if (id != statement && tags.Count > 0)
                {
                    joined[statement] = JoinTags();
                }
                statement = id;
                tags.Add(Next(ref rest));
            }
            if (tags.Count > 0)
            {
                joined[statement] = JoinTags();
            }
            return joined;
        }

        /// <summary>The number <paramref name="rest"/> starts with, and the rest after the comma that ends it.</summary>
        private static long Next(ref ReadOnlySpan<char> rest)
        {
            var comma = rest.IndexOf(',');
            var number = long.Parse(comma < 0 ? rest : rest[..comma], CultureInfo.InvariantCulture);
            rest = comma < 0 ? [] : rest[(comma + 1)..];
            return number;
        }

        /// <summary>
        /// The gathered topics' slugs in the order rows list them, joined (and the gathering cleared). The same few sets of
        /// topics come back row after row: a set of up to four, each id under 65,536, is joined once and then taken from a
        /// cache, by its ids as they come (in id order, statement_topics' key, though any order only costs an entry more).
        /// </summary>
        private byte[] JoinTags()
        {
            var key = 0UL;
            var cacheable = tags.Count <= 4;
            foreach (var id in tags)
            {
                cacheable &= id is > 0 and < ushort.MaxValue;
                key = key << 16 | (ulong)id;
            }
            if (!cacheable || !joinedTags.TryGetValue(key, out var joined))
            {
                var slugs = tags.Select(id => topicRanks[id]).Order().Select(rank => topicSlugs[rank]);
                joined = Encoding.UTF8.GetBytes(string.Join(SmallListExport.Separator, slugs));
                if (cacheable)
                {
                    joinedTags[key] = joined;
                }
            }
            tags.Clear();
            return joined;
        }
    }
}

/// <summary>A CSV row: the CSV query's columns as read, and the names its ids stand for.</summary>
internal sealed class CsvStatement : StatementExportRow
{
    private const int FirstText = 5; // the CSV query's text columns follow its five numbers
    private const int TextColumns = 10;
    private const int SaidOn = 5, Precision = 6; // among the text columns

    // Where each text column ends, as ints (a NULL's end is that of the column before it, complemented: ~end, which is
    // negative), then the columns' UTF-8 one after another.
    private const int Header = TextColumns * sizeof(int);
    private readonly byte[] texts;
    private (byte[]? Slug, byte[]? Name) official;
    private byte[]? meetingSlug;
    private byte[]? sourceUrl;
    private byte[]? topics;
    private SpeakerRoles? roles;

    /// <summary>
    /// The query's current row, copied (its columns are SQLite's until the next row) into one array, by way of
    /// <paramref name="scratch"/>; its names come later, a batch at a time.
    /// </summary>
    public CsvStatement(RowStatement query, ArrayBufferWriter<byte> scratch) : base(null)
    {
        (Id, OfficialId, Version) = (query.Int64(0), query.Int64(1), query.Int64(4));
        MeetingId = query.IsNull(2) ? null : query.Int64(2);
        SourceId = query.IsNull(3) ? null : query.Int64(3);
        scratch.ResetWrittenCount();
        scratch.GetSpan(Header);
        scratch.Advance(Header); // the ends, written last
        Span<int> ends = stackalloc int[TextColumns];
        for (var i = 0; i < TextColumns; i++)
        {
            var text = query.Utf8(FirstText + i);
            var isNull = text.IsEmpty && query.IsNull(FirstText + i);
            scratch.Write(text);
            ends[i] = isNull ? ~scratch.WrittenCount : scratch.WrittenCount;
        }
        texts = scratch.WrittenSpan.ToArray();
        MemoryMarshal.AsBytes(ends).CopyTo(texts);
    }

    public long Id { get; }

    public long OfficialId { get; }

    public long? MeetingId { get; }

    public long? SourceId { get; }

    private long Version { get; }

    public void Name((byte[]? Slug, byte[]? Name) official, byte[]? meetingSlug, byte[]? sourceUrl, byte[]? topics, SpeakerRoles roles) =>
        (this.official, this.meetingSlug, this.sourceUrl, this.topics, this.roles) = (official, meetingSlug, sourceUrl, topics, roles);

    /// <summary>
    /// Writes the row's CSV record, the statement's text as the query read it, on the thread that writes the response,
    /// while the one that reads the database goes on with the next rows.
    /// </summary>
    public void Write(CsvWriter csv)
    {
        var saidOn = Text(SaidOn); // yyyy-MM-dd, as stored
        var precision = Text(Precision);
        var role = roles!.For(OfficialId, new DateOnly(Number(saidOn[..4]), Number(saidOn[5..7]), Number(saidOn[8..10])),
            precision.SequenceEqual("year"u8) ? DatePrecision.Year : precision.SequenceEqual("month"u8) ? DatePrecision.Month : DatePrecision.Day);

        csv.WriteField(Id, default);
        csv.WriteField(OfficialId, default);
        WriteField(csv, official.Slug);
        WriteField(csv, official.Name);
        csv.WriteField(role?.Title);
        csv.WriteField(role?.Organization);
        for (var i = 0; i < 5; i++)
        {
            WriteText(csv, i); // kind, text, language, originalText, originalLanguage
        }
        csv.WriteField(saidOn);
        csv.WriteField(precision);
        WriteText(csv, 7); // context
        csv.WriteField(MeetingId, default);
        WriteField(csv, meetingSlug);
        WriteField(csv, topics);
        csv.WriteField(SourceId, default);
        WriteField(csv, sourceUrl);
        WriteText(csv, 8); // createdAt
        WriteText(csv, 9); // updatedAt
        csv.WriteField(Version, default);
    }

    private int End(int column) => MemoryMarshal.Cast<byte, int>(texts.AsSpan(0, Header))[column];

    private bool IsNull(int column) => End(column) < 0;

    private ReadOnlySpan<byte> Text(int column)
    {
        static int Position(int end) => end < 0 ? ~end : end;
        var start = column == 0 ? Header : Position(End(column - 1));
        return texts.AsSpan(start, Position(End(column)) - start);
    }

    private void WriteText(CsvWriter csv, int column)
    {
        if (IsNull(column))
        {
            csv.WriteField((string?)null);
        }
        else
        {
            csv.WriteField(Text(column));
        }
    }

    private static void WriteField(CsvWriter csv, byte[]? utf8)
    {
        if (utf8 is null)
        {
            csv.WriteField((string?)null);
        }
        else
        {
            csv.WriteField(utf8.AsSpan());
        }
    }

    private static int Number(ReadOnlySpan<byte> digits)
    {
        var value = 0;
        foreach (var digit in digits)
        {
            value = value * 10 + digit - '0';
        }
        return value;
    }
}
