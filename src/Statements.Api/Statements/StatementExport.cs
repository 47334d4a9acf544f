// The flat CSV layout of a statement: one row each, related resources as id, slug and name columns,
// topic slugs joined by '|'. NDJSON lines carry the same statement as a JSON list item.
using System.Buffers;
using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using CsvHelper;
using Dapper;
using Statements.Api.Common;
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
    /// The CSV query: a row's own columns as one JSON array (in the order <see cref="CsvStatement.Write"/> reads them)
    /// rather than fifteen, because each column read crosses into SQLite through a P/Invoke. The official, meeting,
    /// source and topics are not joined in SQL: joining them for every row took two thirds of the query's time at a
    /// million rows, while they are a few thousand rows, looked up in memory (<see cref="CsvNames"/>).
    /// </summary>
    public const string CsvColumns = """
        SELECT json_array(s.id, s.official_id, s.meeting_id, s.source_id, s.said_on, s.said_on_precision, s.kind, s.text,
                          s.language, s.original_text, s.original_language, s.context, s.created_at, s.updated_at, s.version)
        """;

    /// <summary>Reads the rows of the <see cref="CsvColumns"/> query a batch at a time, with the names they show.</summary>
    internal static async IAsyncEnumerable<StatementExportRow> ReadCsvAsync(
        DbConnection connection, DbTransaction transaction, DbDataReader reader, SpeakerRoles roles,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var names = await CsvNames.LoadAsync(connection, transaction);
        await foreach (var batch in reader.ReadBatchesAsync(512, r => new CsvStatement(r.GetFieldValue<byte[]>(0)), cancellationToken))
        {
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
        private readonly Dictionary<long, (string Slug, string? Name)> officials = [];
        private readonly Dictionary<long, (string Slug, string? Name)> meetings = [];
        private readonly Dictionary<long, (string Slug, string? Name)> sources = [];
        private readonly List<int> tags = []; // the ranks of a statement's topics
        private readonly Dictionary<ulong, string> joinedTags = [];
        private readonly List<long> missing = [];

        public static async Task<CsvNames> LoadAsync(DbConnection connection, DbTransaction transaction)
        {
            var topics = (await connection.QueryAsync<(long Id, string Slug)>("SELECT id, slug FROM topics ORDER BY name, id", transaction: transaction)).AsList();
            return new CsvNames(connection, transaction, topics.Select((t, rank) => (t.Id, rank)).ToDictionary(), [.. topics.Select(t => t.Slug)]);
        }

        public async Task NameAsync(List<CsvStatement> batch, SpeakerRoles roles)
        {
            await ReadMissingAsync(officials, "SELECT id, slug, name FROM officials", batch, r => r.OfficialId);
            await ReadMissingAsync(meetings, "SELECT id, slug, NULL FROM meetings", batch, r => r.MeetingId);
            await ReadMissingAsync(sources, "SELECT id, url, NULL FROM sources", batch, r => r.SourceId);
            var topicsOf = await TopicsAsync(batch);
            foreach (var row in batch)
            {
                row.Name(officials[row.OfficialId], row.MeetingId is { } meeting ? meetings[meeting].Slug : null,
                    row.SourceId is { } source ? sources[source].Slug : null, topicsOf.GetValueOrDefault(row.Id), roles);
            }
        }

        /// <summary>Reads the rows named by the batch that are not known yet.</summary>
        private async Task ReadMissingAsync(
            Dictionary<long, (string, string?)> known, string select, List<CsvStatement> batch, Func<CsvStatement, long?> idOf)
        {
            missing.Clear();
            foreach (var row in batch)
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
            var rows = await connection.QueryAsync<(long Id, string Slug, string? Name)>(
                $"{select} WHERE id IN (SELECT value FROM json_each(@ids))", new { ids = Sql.JsonIds(missing) }, transaction);
            foreach (var row in rows)
            {
                known[row.Id] = (row.Slug, row.Name);
            }
        }

        /// <summary>
        /// The topic slugs of the batch's statements, joined by '|'. Statements read in id order lie in a narrow band of
        /// ids, read as one range of statement_topics' primary key; others are looked up one by one. The pairs come as one
        /// value ("statement,topic,statement,topic…", in statement order), since reading a row per pair through
        /// Microsoft.Data.Sqlite cost three calls into SQLite each; each statement's topics are gathered as they pass.
        /// </summary>
        private async Task<Dictionary<long, string>> TopicsAsync(List<CsvStatement> batch)
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
            var joined = new Dictionary<long, string>(batch.Count);
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
                tags.Add(topicRanks[Next(ref rest)]);
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
        /// topics come back row after row: a set of up to four is joined once and then taken from a cache.
        /// </summary>
        private string JoinTags()
        {
            tags.Sort();
            var key = 0UL;
            var cacheable = tags.Count <= 4 && topicSlugs.Length < ushort.MaxValue;
            foreach (var rank in tags)
            {
                key = key << 16 | (uint)(rank + 1);
            }
            if (!cacheable || !joinedTags.TryGetValue(key, out var joined))
            {
                joined = string.Join(SmallListExport.Separator, tags.Select(rank => topicSlugs[rank]));
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

/// <summary>A CSV row: the CSV query's JSON array of the statement's columns, and the names its ids stand for.</summary>
internal sealed class CsvStatement : StatementExportRow
{
    private readonly byte[] json;
    private (string Slug, string? Name) official;
    private string? meetingSlug;
    private string? sourceUrl;
    private string? topics;
    private SpeakerRoles? roles;

    /// <summary>A row as read, with the ids its array starts with; its names come later, a batch at a time.</summary>
    public CsvStatement(byte[] json) : base(null)
    {
        this.json = json;
        var reader = new Utf8JsonReader(json);
        reader.Read();
        (Id, OfficialId, MeetingId, SourceId) = (Next(ref reader)!.Value, Next(ref reader)!.Value, Next(ref reader), Next(ref reader));
    }

    public long Id { get; }

    public long OfficialId { get; }

    public long? MeetingId { get; }

    public long? SourceId { get; }

    public void Name((string Slug, string? Name) official, string? meetingSlug, string? sourceUrl, string? topics, SpeakerRoles roles) =>
        (this.official, this.meetingSlug, this.sourceUrl, this.topics, this.roles) = (official, meetingSlug, sourceUrl, topics, roles);

    /// <summary>
    /// Writes the row's CSV record, the statement's own text straight from the query's UTF-8 (unescaped where the JSON
    /// escaped it), with no string in between: on the thread that writes the response, while the one that reads the
    /// database goes on with the next rows.
    /// </summary>
    public void Write(CsvWriter csv)
    {
        var json = new Utf8JsonReader(this.json);
        json.Read();
        for (var ids = 0; ids < 4; ids++)
        {
            json.Read(); // read already
        }
        json.Read();
        var saidOn = json.ValueSpan; // yyyy-MM-dd, as stored: never escaped
        json.Read();
        var precision = json.ValueSpan;
        var role = roles!.For(OfficialId, new DateOnly(Number(saidOn[..4]), Number(saidOn[5..7]), Number(saidOn[8..10])),
            precision.SequenceEqual("year"u8) ? DatePrecision.Year : precision.SequenceEqual("month"u8) ? DatePrecision.Month : DatePrecision.Day);

        csv.WriteField(Id, default);
        csv.WriteField(OfficialId, default);
        csv.WriteField(official.Slug);
        csv.WriteField(official.Name);
        csv.WriteField(role?.Title);
        csv.WriteField(role?.Organization);
        WriteItems(ref json, csv, 5); // kind, text, language, originalText, originalLanguage
        csv.WriteField(saidOn);
        csv.WriteField(precision);
        WriteItems(ref json, csv, 1); // context
        csv.WriteField(MeetingId, default);
        csv.WriteField(meetingSlug);
        csv.WriteField(topics);
        csv.WriteField(SourceId, default);
        csv.WriteField(sourceUrl);
        WriteItems(ref json, csv, 3); // createdAt, updatedAt, version
    }

    private static void WriteItems(ref Utf8JsonReader json, CsvWriter csv, int count)
    {
        for (var i = 0; i < count; i++)
        {
            json.Read();
            if (json.TokenType == JsonTokenType.Null)
            {
                csv.WriteField((string?)null);
            }
            else if (json.ValueIsEscaped)
            {
                var buffer = ArrayPool<byte>.Shared.Rent(json.ValueSpan.Length);
                csv.WriteField(buffer.AsSpan(0, json.CopyString(buffer)));
                ArrayPool<byte>.Shared.Return(buffer);
            }
            else
            {
                csv.WriteField(json.ValueSpan); // text or a number
            }
        }
    }

    private static long? Next(ref Utf8JsonReader reader) =>
        reader.Read() && reader.TokenType == JsonTokenType.Number ? reader.GetInt64() : null;

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
