// POST /api/v1/statements/bulk: many statements in one request, as NDJSON or a JSON array, all or nothing. Each item is
// checked like a POST /api/v1/statements body (officials, topics and meetings may also be named by slug, and extraction
// candidates are taken as they are); when any item is wrong nothing is written and every wrong line is reported.
//
// Built for speed, in one transaction: the body is parsed as it streams on one thread while the rows are written on
// another; slugs and ids are checked against dictionaries loaded once; rows are staged through commands prepared once
// into temporary tables and moved into the real ones a few thousand at a time by single INSERT … SELECT statements
// (a statement per row would make the full-text index flush its pending terms on every row).
using System.ComponentModel;
using System.Globalization;
using System.IO.Pipelines;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading.Channels;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Statements.Api.Common;
using Statements.Api.Data;
using Statements.Api.Statements;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace Statements.Api.Import;

public static partial class BulkImportApi
{
    public const string NdjsonMediaType = "application/x-ndjson";
    public const long MaxBodyBytes = 256L * 1024 * 1024;

    public static RouteGroupBuilder MapBulkImportApi(this RouteGroupBuilder api)
    {
        api.MapPost("/statements/bulk", ImportStatements).RequireAuthorization().Idempotent()
            .WithTags("Statements").WithName("importStatements")
            .WithSummary("Import many statements at once, all or nothing")
            .WithDescription("""
                The body is NDJSON (application/x-ndjson, one statement per line) or a JSON array (application/json).
                Each statement takes the fields of createStatement; the official, topics and meeting may also be named by
                id or slug (official, topics, meeting), and candidates of the extraction endpoint are accepted unchanged.
                The query parameters give defaults for lines that lack language, saidOn or sourceId. If any line is not a
                valid statement, nothing is imported and the 422 problem lists every invalid line with its errors.
                """)
            .Accepts<List<BulkStatementInput>>("application/json", NdjsonMediaType)
            .WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes))
            .ProducesValidationProblem()
            .Produces<BulkImportProblem>(StatusCodes.Status422UnprocessableEntity, "application/problem+json")
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        return api;
    }

    /// <summary>Values for the lines that lack them; candidates of the extraction endpoint carry no language, date or source.</summary>
    public sealed record BulkImportDefaults(
        [property: FromQuery(Name = "language"), Description("Language (BCP 47, e.g. en) of the lines that give none.")] string? Language,
        [property: FromQuery(Name = "saidOn"), Description("Date (yyyy-MM-dd) of the lines that give no saidOn.")] string? SaidOn,
        [property: FromQuery(Name = "saidOnPrecision"), Description("day, month or year: how exactly the saidOn parameter is known (day when absent).")] string? SaidOnPrecision,
        [property: FromQuery(Name = "sourceId"), Description("Source of the lines that give none.")] long? SourceId);

    private static async Task<Results<Ok<BulkImportResult>, ValidationProblem, ProblemHttpResult>> ImportStatements(
        [AsParameters] BulkImportDefaults defaults, Db db, HttpContext http, IOptions<HttpJsonOptions> json)
    {
        var cancellationToken = http.RequestAborted;
        if (ReadMediaType(http.Request.ContentType) is not { } ndjson)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported Media Type",
                detail: $"Send the statements as {NdjsonMediaType} (one per line) or as an application/json array.");
        }
        if (CheckDefaults(defaults) is { Count: > 0 } defaultErrors)
        {
            return Problems.Invalid(defaultErrors);
        }

        // Take in the whole body (spilling to a temporary file past 1 MiB) before the write lock, so that a slow upload
        // holds up no other writer.
        http.Request.EnableBuffering(bufferThreshold: 1024 * 1024);
        await http.Request.Body.DrainAsync(cancellationToken);
        http.Request.Body.Position = 0;

        await using var connection = await db.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        var known = await KnownRows.LoadAsync(connection, transaction);
        if (defaults.SourceId is { } defaultSource && !known.SourceIds.Contains(defaultSource))
        {
            return Problems.Invalid("sourceId", $"There is no source {defaultSource}.");
        }

        await using var writer = await BulkWriter.StartAsync(connection, transaction, http);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var resolved = Channel.CreateBounded<ResolvedLine[]>(new BoundedChannelOptions(64) { SingleReader = true, SingleWriter = true });
        var body = PipeReader.Create(http.Request.Body, new StreamPipeReaderOptions(bufferSize: 64 * 1024, leaveOpen: true));
        var reading = Task.Run(() => ResolveAllAsync(body, ndjson, json.Value.SerializerOptions, defaults, known, resolved.Writer, stop.Token), stop.Token);
        var errors = new List<BulkLineError>();
        var lines = 0;
        try
        {
            await foreach (var batch in resolved.Reader.ReadAllAsync(stop.Token))
            {
                foreach (var line in batch)
                {
                    lines++;
                    if (line.Errors is not null)
                    {
                        errors.Add(new BulkLineError(line.Number, line.Errors));
                    }
                    else if (errors.Count == 0)
                    {
                        // Once a line has failed nothing will be kept, so the rest are only checked.
                        writer.Add(line.Values!, line.TopicIds);
                    }
                }
            }
            await reading;
        }
        catch (BulkBodyException e)
        {
            return Problems.Invalid("$", e.Message);
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAny(reading);
            await body.CompleteAsync();
        }

        if (lines == 0)
        {
            return Problems.Invalid("$", "The body holds no statements.");
        }
        if (errors.Count > 0)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status422UnprocessableEntity,
                title: "Some lines are not valid statements; nothing was imported.",
                detail: $"{errors.Count} of {lines} lines are invalid.",
                extensions: new Dictionary<string, object?> { ["errors"] = errors });
        }
        var ids = await writer.FinishAsync();
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(new BulkImportResult(ids.Count, ids));
    }

    /// <summary>A line ready to be written (its row values and topics), or what is wrong with it.</summary>
    private readonly record struct ResolvedLine(int Number, StatementValues? Values, List<long>? TopicIds, Dictionary<string, string[]>? Errors);

    /// <summary>Parses and checks the lines on their own thread, handing them on in batches to the writer.</summary>
    private static async Task ResolveAllAsync(
        PipeReader body, bool ndjson, JsonSerializerOptions options, BulkImportDefaults defaults, KnownRows known,
        ChannelWriter<ResolvedLine[]> output, CancellationToken cancellationToken)
    {
        const int batchSize = 256;
        try
        {
            var batch = new List<ResolvedLine>(batchSize);
            await foreach (var line in BulkBodyReader.ReadAsync(body, ndjson, options, cancellationToken))
            {
                if (line.Input is null)
                {
                    batch.Add(new ResolvedLine(line.Number, null, null, line.Errors));
                }
                else
                {
                    var (input, errors) = Resolve(line.Input, defaults, known);
                    batch.Add(errors.Count > 0
                        ? new ResolvedLine(line.Number, null, null, errors)
                        : new ResolvedLine(line.Number, StatementsApi.Parameters(input), input.TopicIds, null));
                }
                if (batch.Count == batchSize)
                {
                    await output.WriteAsync([.. batch], cancellationToken);
                    batch.Clear();
                }
            }
            if (batch.Count > 0)
            {
                await output.WriteAsync([.. batch], cancellationToken);
            }
        }
        finally
        {
            output.Complete();
        }
    }

    /// <summary>True for NDJSON, false for a JSON array, null for anything else.</summary>
    private static bool? ReadMediaType(string? contentType)
    {
        if (!Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var mediaType))
        {
            return null;
        }
        return mediaType.MediaType.Value?.ToLowerInvariant() switch
        {
            NdjsonMediaType or "application/jsonl" => true,
            "application/json" => false,
            _ => null,
        };
    }

    private static Dictionary<string, string[]> CheckDefaults(BulkImportDefaults defaults)
    {
        var errors = new Dictionary<string, string[]>();
        if (defaults.Language is { } language && !LanguageTag().IsMatch(language))
        {
            errors["language"] = [Formats.LanguageMessage];
        }
        if (defaults.SaidOn is { } saidOn && !DateOnly.TryParseExact(saidOn, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            errors["saidOn"] = ["Use a date as yyyy-MM-dd, for example 2021-06-16."];
        }
        if (defaults.SaidOnPrecision is { } precision && precision is not ("day" or "month" or "year"))
        {
            errors["saidOnPrecision"] = ["Use day, month or year."];
        }
        if (defaults.SaidOnPrecision is not null && defaults.SaidOn is null)
        {
            errors["saidOnPrecision"] = ["saidOnPrecision applies to the saidOn parameter; give that too."];
        }
        return errors;
    }

    /// <summary>
    /// Turns a line into the input of POST /api/v1/statements: slugs become ids, the query's defaults fill gaps, and the
    /// result is checked by the same rules as that endpoint, with ids checked against the rows loaded at the start.
    /// </summary>
    private static (StatementInput Input, Dictionary<string, string[]> Errors) Resolve(
        BulkStatementInput line, BulkImportDefaults defaults, KnownRows known)
    {
        var errors = new Dictionary<string, string[]>();

        var officialId = line.OfficialId;
        if (line.Speaker?.OfficialId is { } speakerId)
        {
            officialId = Agree(officialId, speakerId, "speaker.officialId", "official", errors);
        }
        if (line.Official is { } official)
        {
            if (known.Find(known.OfficialSlugs, known.OfficialIds, official) is { } id)
            {
                officialId = Agree(officialId, id, "official", "official", errors);
            }
            else
            {
                errors["official"] = [$"There is no official '{official}'."];
            }
        }
        if (officialId is null && line.Speaker is not null && line.Official is null)
        {
            errors["speaker.officialId"] = ["The candidate's speaker is not a known official; give officialId or official."];
        }

        var meetingId = line.MeetingId;
        if (line.Meeting is { } meeting)
        {
            if (known.Find(known.MeetingSlugs, known.MeetingIds, meeting) is { } id)
            {
                meetingId = Agree(meetingId, id, "meeting", "meeting", errors);
            }
            else
            {
                errors["meeting"] = [$"There is no meeting '{meeting}'."];
            }
        }

        var topicIds = line.TopicIds;
        if (line.Topics is { Count: > 0 } topics)
        {
            topicIds = [.. topicIds ?? []];
            List<string>? unknown = null;
            foreach (var topic in topics)
            {
                if (known.Find(known.TopicSlugs, known.TopicIds, topic) is { } id)
                {
                    topicIds.Add(id);
                }
                else
                {
                    (unknown ??= []).Add($"'{topic}'");
                }
            }
            if (unknown is not null)
            {
                errors["topics"] = [$"There is no topic {string.Join(", ", unknown)}."];
            }
        }

        var takesDate = line.SaidOn is null && defaults.SaidOn is not null;
        var input = new StatementInput
        {
            OfficialId = officialId,
            Text = line.Text,
            Kind = line.Kind,
            Language = line.Language ?? defaults.Language,
            OriginalText = line.OriginalText,
            OriginalLanguage = line.OriginalLanguage,
            SaidOn = takesDate ? DateOnly.ParseExact(defaults.SaidOn!, "yyyy-MM-dd", CultureInfo.InvariantCulture) : line.SaidOn,
            SaidOnPrecision = takesDate && defaults.SaidOnPrecision is { } precision
                ? Enum.Parse<DatePrecision>(precision, ignoreCase: true)
                : line.SaidOnPrecision,
            Context = line.Context,
            MeetingId = meetingId,
            TopicIds = topicIds,
            SourceId = line.SourceId ?? defaults.SourceId,
        };

        foreach (var (field, messages) in StatementsApi.Validate(input, known.Ids))
        {
            // A name that did not resolve is reported under the member that named it, not again as a missing id.
            var reported = field switch
            {
                "officialId" => errors.ContainsKey("official") || errors.ContainsKey("speaker.officialId"),
                "meetingId" => errors.ContainsKey("meeting"),
                _ => false,
            };
            if (!reported)
            {
                errors.TryAdd(field, messages);
            }
        }
        return (input, errors);
    }

    private static long Agree(long? current, long value, string field, string resource, Dictionary<string, string[]> errors)
    {
        if (current is { } given && given != value)
        {
            errors[field] = [$"Names another {resource} than the line's other {resource} field."];
        }
        return current ?? value;
    }

    [GeneratedRegex(Formats.Language)]
    private static partial Regex LanguageTag();

    /// <summary>The ids and slugs of the rows statements link to, read once inside the import's transaction.</summary>
    private sealed class KnownRows
    {
        public required Dictionary<string, long> OfficialSlugs { get; init; }
        public required HashSet<long> OfficialIds { get; init; }
        public required Dictionary<string, long> TopicSlugs { get; init; }
        public required HashSet<long> TopicIds { get; init; }
        public required Dictionary<string, long> MeetingSlugs { get; init; }
        public required HashSet<long> MeetingIds { get; init; }
        public required HashSet<long> SourceIds { get; init; }
        public required KnownIds Ids { get; init; }

        public static async Task<KnownRows> LoadAsync(SqliteConnection connection, SqliteTransaction transaction)
        {
            const string sql = """
                SELECT id, slug FROM officials;
                SELECT id, slug FROM topics;
                SELECT id, slug FROM meetings;
                SELECT id FROM sources;
                """;
            await using var results = await connection.QueryMultipleAsync(sql, transaction: transaction);
            // Slugs are unique whatever their case (COLLATE NOCASE), so they are looked up the same way.
            var officials = (await results.ReadAsync<(long Id, string Slug)>()).ToDictionary(r => r.Slug, r => r.Id, StringComparer.OrdinalIgnoreCase);
            var topics = (await results.ReadAsync<(long Id, string Slug)>()).ToDictionary(r => r.Slug, r => r.Id, StringComparer.OrdinalIgnoreCase);
            var meetings = (await results.ReadAsync<(long Id, string Slug)>()).ToDictionary(r => r.Slug, r => r.Id, StringComparer.OrdinalIgnoreCase);
            var sources = (await results.ReadAsync<long>()).ToHashSet();
            var officialIds = officials.Values.ToHashSet();
            var topicIds = topics.Values.ToHashSet();
            var meetingIds = meetings.Values.ToHashSet();
            return new KnownRows
            {
                OfficialSlugs = officials,
                OfficialIds = officialIds,
                TopicSlugs = topics,
                TopicIds = topicIds,
                MeetingSlugs = meetings,
                MeetingIds = meetingIds,
                SourceIds = sources,
                Ids = new KnownIds(officialIds.Contains, meetingIds.Contains, sources.Contains, topicIds.Contains),
            };
        }

        /// <summary>The id named by a numeric id or a slug, if that row exists.</summary>
        public long? Find(Dictionary<string, long> slugs, HashSet<long> ids, string idOrSlug) =>
            long.TryParse(idOrSlug, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                ? (ids.Contains(id) ? id : null)
                : (slugs.TryGetValue(idOrSlug, out id) ? id : null);
    }

    /// <summary>
    /// Writes the statements of an import. Each row is staged in a temporary table through a command prepared once, under
    /// the id it will have; every few thousand rows, and at the end, the staged rows move into statements and
    /// statement_topics by one INSERT … SELECT each, so that the full-text index takes them in one go.
    /// </summary>
    private sealed class BulkWriter : IAsyncDisposable
    {
        private const int ChunkSize = 10_000;
        private const string DropTables = "DROP TABLE IF EXISTS temp.bulk_statements; DROP TABLE IF EXISTS temp.bulk_statement_topics;";

        private readonly SqliteConnection connection;
        private readonly SqliteTransaction transaction;
        private readonly HttpContext http;
        private readonly string now = Db.Now();
        private readonly long cacheSize;
        private readonly List<long> ids = [];
        private long nextId;
        private int staged;
        private SqliteCommand? stageStatement;
        private SqliteCommand? stageTopic;
        private SqliteCommand? moveStaged;

        private BulkWriter(SqliteConnection connection, SqliteTransaction transaction, HttpContext http, long cacheSize)
        {
            this.connection = connection;
            this.transaction = transaction;
            this.http = http;
            this.cacheSize = cacheSize;
        }

        public static async Task<BulkWriter> StartAsync(SqliteConnection connection, SqliteTransaction transaction, HttpContext http)
        {
            const string setup = """
                CREATE TEMP TABLE bulk_statements (
                    id INTEGER PRIMARY KEY, official_id INTEGER NOT NULL, text TEXT NOT NULL, kind TEXT NOT NULL,
                    language TEXT NOT NULL, original_text TEXT, original_language TEXT, said_on TEXT NOT NULL,
                    said_on_precision TEXT NOT NULL, context TEXT, meeting_id INTEGER, source_id INTEGER);
                CREATE TEMP TABLE bulk_statement_topics (
                    statement_id INTEGER NOT NULL, topic_id INTEGER NOT NULL, PRIMARY KEY (statement_id, topic_id)) WITHOUT ROWID;
                """;
            // Ids go on from the highest ever given (AUTOINCREMENT never hands out a deleted one again); the
            // transaction holds the write lock, so no other writer can take them meanwhile.
            const string firstId = """
                SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'statements'), 0),
                           coalesce((SELECT max(id) FROM statements), 0)) + 1
                """;
            var cacheSize = await connection.ExecuteScalarAsync<long>("PRAGMA cache_size", transaction: transaction);
            var writer = new BulkWriter(connection, transaction, http, cacheSize);
            // A large page cache keeps the indexes being written in memory (the setting is restored on dispose).
            await connection.ExecuteAsync("PRAGMA cache_size = -131072", transaction: transaction);
            await connection.ExecuteAsync(DropTables + setup, transaction: transaction);
            writer.nextId = await connection.ExecuteScalarAsync<long>(firstId, transaction: transaction);
            writer.stageStatement = writer.Prepare("""
                INSERT INTO temp.bulk_statements (id, official_id, text, kind, language, original_text, original_language,
                                                  said_on, said_on_precision, context, meeting_id, source_id)
                VALUES (@id, @officialId, @text, @kind, @language, @originalText, @originalLanguage,
                        @saidOn, @precision, @context, @meetingId, @sourceId)
                """, "@id", "@officialId", "@text", "@kind", "@language", "@originalText", "@originalLanguage",
                "@saidOn", "@precision", "@context", "@meetingId", "@sourceId");
            writer.stageTopic = writer.Prepare(
                "INSERT OR IGNORE INTO temp.bulk_statement_topics (statement_id, topic_id) VALUES (@statementId, @topicId)",
                "@statementId", "@topicId");
            return writer;
        }

        private SqliteCommand Prepare(string sql, params string[] parameters)
        {
            var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            foreach (var name in parameters)
            {
                command.Parameters.Add(new SqliteParameter { ParameterName = name, Value = DBNull.Value });
            }
            command.Prepare();
            return command;
        }

        public void Add(StatementValues values, List<long>? topicIds)
        {
            var id = nextId++;
            var p = stageStatement!.Parameters;
            p[0].Value = id;
            p[1].Value = values.OfficialId;
            p[2].Value = values.Text;
            p[3].Value = values.Kind;
            p[4].Value = values.Language;
            p[5].Value = (object?)values.OriginalText ?? DBNull.Value;
            p[6].Value = (object?)values.OriginalLanguage ?? DBNull.Value;
            p[7].Value = values.SaidOn;
            p[8].Value = values.Precision;
            p[9].Value = (object?)values.Context ?? DBNull.Value;
            p[10].Value = (object?)values.MeetingId ?? DBNull.Value;
            p[11].Value = (object?)values.SourceId ?? DBNull.Value;
            stageStatement.ExecuteNonQuery();
            if (topicIds is not null)
            {
                foreach (var topicId in topicIds)
                {
                    stageTopic!.Parameters[0].Value = id;
                    stageTopic.Parameters[1].Value = topicId;
                    stageTopic.ExecuteNonQuery();
                }
            }
            ids.Add(id);
            if (++staged == ChunkSize)
            {
                MoveStaged();
            }
        }

        private void MoveStaged()
        {
            moveStaged ??= Prepare("""
                INSERT INTO statements (id, official_id, text, kind, language, original_text, original_language, said_on,
                                        said_on_precision, context, meeting_id, source_id, created_at, updated_at, version)
                SELECT id, official_id, text, kind, language, original_text, original_language, said_on,
                       said_on_precision, context, meeting_id, source_id, @now, @now, 1
                FROM temp.bulk_statements ORDER BY id;
                INSERT INTO statement_topics (statement_id, topic_id)
                SELECT statement_id, topic_id FROM temp.bulk_statement_topics;
                DELETE FROM temp.bulk_statements;
                DELETE FROM temp.bulk_statement_topics;
                """, "@now");
            moveStaged.Parameters[0].Value = now;
            moveStaged.ExecuteNonQuery();
            staged = 0;
        }

        /// <summary>Moves the last staged rows and records a change for every statement; returns the ids in line order.</summary>
        public async Task<List<long>> FinishAsync()
        {
            MoveStaged();
            await Changes.RecordManyAsync(connection, transaction, http, "statement", ids, "created", 1);
            return ids;
        }

        public async ValueTask DisposeAsync()
        {
            stageStatement?.Dispose();
            stageTopic?.Dispose();
            moveStaged?.Dispose();
            // The connection goes back to the pool: leave it as it was (the tables are gone already if the transaction
            // was rolled back, since it created them).
            await connection.ExecuteAsync(
                $"{DropTables} PRAGMA cache_size = {cacheSize};",
                transaction: transaction.Connection is null ? null : transaction);
        }
    }
}
