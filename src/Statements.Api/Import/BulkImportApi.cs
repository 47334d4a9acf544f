// POST /api/v1/statements/bulk: many statements in one request, as NDJSON or a JSON array, all or nothing. Each item is
// checked like a POST /api/v1/statements body (officials, topics and meetings may also be named by slug, and extraction
// candidates are taken as they are); when any item is wrong nothing is written and every wrong line is reported.
//
// Built for speed, in one transaction: the body is parsed and checked as it streams on one thread while the rows are
// written on another; slugs and ids are checked against dictionaries loaded once (KnownRows.cs). Rows go to statements
// and statement_topics through statements prepared once and re-bound per row (RowStatement.cs), without SQLite's
// foreign key checks, which the import has made itself; the full-text index is filled once, after the last row (see
// BulkWriter). Within a chunk rows are written in date order, so that the indexes on said_on are filled in sequence.
// No statement gets a first revision of its own: one row records who imported them all, and when, and until a statement
// changes, the statement is its first revision (see Revisions.cs).
using System.Buffers;
using System.ComponentModel;
using System.Globalization;
using System.IO.Pipelines;
using System.Text;
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
using Statements.Api.History;
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
        if (!TryReadCharset(http.Request.ContentType, out var charset, out var transcodeFrom))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported Media Type",
                detail: Charsets.UnsupportedDetail(charset!));
        }
        if (CheckDefaults(defaults) is { Count: > 0 } defaultErrors)
        {
            return Problems.Invalid(defaultErrors);
        }

        if (transcodeFrom is not null)
        {
            // As ASP.NET Core does for every other JSON body: the rest reads UTF-8, so the body becomes UTF-8 as it arrives,
            // before the temporary file. A UTF-8 body (the usual one) is read as it comes, with no such step.
            var transcoded = Encoding.CreateTranscodingStream(http.Request.Body, transcodeFrom, Encoding.UTF8, leaveOpen: true);
            http.Response.RegisterForDisposeAsync(transcoded);
            http.Request.Body = transcoded;
        }
        // Take in the whole body (spilling to a temporary file past 1 MiB) before the write lock, so that a slow upload
        // holds up no other writer.
        http.Request.EnableBuffering(bufferThreshold: 1024 * 1024);
        await http.Request.Body.DrainAsync(cancellationToken);
        http.Request.Body.Position = 0;

        await using var connection = await db.OpenAsync(cancellationToken);
        // Every id a line links to is checked against rows read inside the import's own transaction, which holds the
        // write lock from its start: SQLite's foreign key checks would only repeat that for every row.
        await db.SkipForeignKeyChecksAsync(connection, cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        var known = await KnownRows.LoadAsync(connection, transaction);
        if (defaults.SourceId is { } defaultSource && !known.SourceIds.Contains(defaultSource))
        {
            return Problems.Invalid("sourceId", $"There is no source {defaultSource}.");
        }

        using var writer = await BulkWriter.StartAsync(connection, transaction, http);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var chunks = Channel.CreateBounded<BulkRow[]>(new BoundedChannelOptions(4) { SingleReader = true, SingleWriter = true });
        var body = PipeReader.Create(http.Request.Body, new StreamPipeReaderOptions(bufferSize: 64 * 1024, leaveOpen: true));
        var lineReader = new LineReader(defaults, known, writer.FirstId, writer.Now);
        var reading = Task.Run(() => lineReader.ReadAsync(body, ndjson, json.Value.SerializerOptions, chunks.Writer, stop.Token), stop.Token);
        try
        {
            await foreach (var chunk in chunks.Reader.ReadAllAsync(stop.Token))
            {
                writer.Write(chunk);
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

        if (lineReader.Lines == 0)
        {
            return Problems.Invalid("$", "The body holds no statements.");
        }
        if (lineReader.Errors.Count > 0)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status422UnprocessableEntity,
                title: "Some lines are not valid statements; nothing was imported.",
                detail: $"{lineReader.Errors.Count} of the {lineReader.Lines} statements sent are invalid.",
                extensions: new Dictionary<string, object?> { ["errors"] = lineReader.Errors });
        }
        await writer.FinishAsync(lineReader.Ids);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(new BulkImportResult(lineReader.Ids.Count, lineReader.Ids));
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

    /// <summary>
    /// False when the Content-Type names a charset .NET does not know. Otherwise true, with the encoding to transcode from
    /// when the charset is not UTF-8, and null for UTF-8 or no charset (NDJSON and JSON are UTF-8 unless they say).
    /// </summary>
    private static bool TryReadCharset(string? contentType, out string? charset, out Encoding? transcodeFrom)
    {
        transcodeFrom = null;
        charset = Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var mediaType) ? mediaType.Charset.Value : null;
        if (string.IsNullOrEmpty(charset))
        {
            return true;
        }
        if (Charsets.Find(charset) is not { } encoding)
        {
            return false;
        }
        transcodeFrom = encoding.CodePage == Encoding.UTF8.CodePage ? null : encoding;
        return true;
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
            if (KnownRows.Find(known.OfficialSlugs, known.OfficialIds, official) is { } id)
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
            if (KnownRows.Find(known.MeetingSlugs, known.MeetingIds, meeting) is { } id)
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
                if (KnownRows.Find(known.TopicSlugs, known.TopicIds, topic) is { } id)
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

    /// <summary>A statement ready to be written: its id, column values and distinct topics.</summary>
    private sealed record BulkRow(long Id, StatementValues Values, long[] TopicIds);

    /// <summary>
    /// Reads, resolves and checks the lines on its own thread. It collects every line's errors, and while there are none
    /// it gathers the valid rows into chunks: sorted by date, given their ids in that order, and handed to the writer.
    /// </summary>
    private sealed class LineReader(BulkImportDefaults defaults, KnownRows known, long firstId, string now)
    {
        // The first chunk is small, so that the writer starts soon; each next one is twice as large, up to the last size.
        private const int FirstChunkSize = 1024;
        private const int LastChunkSize = 8192; // below 2^16: see TakeChunk
        private int chunkSize = FirstChunkSize;
        private readonly List<(int Index, int Day, StatementValues Values, List<long>? TopicIds)> pending = new(LastChunkSize);
        private long nextId = firstId;

        public int Lines { get; private set; }
        public List<BulkLineError> Errors { get; } = [];

        /// <summary>The id of each valid line, in line order.</summary>
        public List<long> Ids { get; } = [];

        public async Task ReadAsync(PipeReader body, bool ndjson, JsonSerializerOptions options, ChannelWriter<BulkRow[]> output, CancellationToken cancellationToken)
        {
            try
            {
                await foreach (var line in BulkBodyReader.ReadAsync(body, ndjson, options, cancellationToken))
                {
                    Lines++;
                    var (input, errors) = line.Input is null ? (null, line.Errors!) : Resolve(line.Input, defaults, known);
                    if (errors.Count > 0)
                    {
                        Errors.Add(new BulkLineError(line.Number, errors));
                        pending.Clear(); // nothing will be kept: the rest are only checked
                    }
                    else if (Errors.Count == 0)
                    {
                        var day = StatementsApi.PeriodStart(input!.SaidOn!.Value, input.SaidOnPrecision).DayNumber;
                        pending.Add((Ids.Count, day, StatementsApi.Parameters(input, now), input.TopicIds));
                        Ids.Add(0);
                        if (pending.Count == chunkSize)
                        {
                            await output.WriteAsync(TakeChunk(), cancellationToken);
                        }
                    }
                }
                if (Errors.Count == 0 && pending.Count > 0)
                {
                    await output.WriteAsync(TakeChunk(), cancellationToken);
                }
            }
            finally
            {
                output.Complete();
            }
        }

        private BulkRow[] TakeChunk()
        {
            // By date, then in line order: each key is the day, shifted past the row's place in the chunk (below 2^16).
            var order = new long[pending.Count];
            for (var i = 0; i < order.Length; i++)
            {
                order[i] = (long)pending[i].Day << 16 | (uint)i;
            }
            Array.Sort(order);
            var rows = new BulkRow[order.Length];
            for (var k = 0; k < rows.Length; k++)
            {
                var (index, _, values, topicIds) = pending[(int)(order[k] & 0xFFFF)];
                var id = nextId++;
                Ids[index] = id;
                rows[k] = new BulkRow(id, values, Distinct(topicIds));
            }
            chunkSize = Math.Min(chunkSize * 2, LastChunkSize);
            pending.Clear(); // its rows are the chunk's now
            return rows;
        }

        /// <summary>The topics without repeats, in their order; a line names a few at most, so no set is built.</summary>
        private static long[] Distinct(List<long>? topicIds)
        {
            if (topicIds is null)
            {
                return [];
            }
            var distinct = new List<long>(topicIds.Count);
            foreach (var topicId in topicIds)
            {
                if (!distinct.Contains(topicId))
                {
                    distinct.Add(topicId);
                }
            }
            return [.. distinct];
        }
    }

    /// <summary>
    /// Writes the chunks of an import under the ids the line reader gave them, each statement with its topics, and at the
    /// end the full-text entries of them all, a change for every statement, and the import's row in statement_imports.
    ///
    /// Rows are bound one at a time to commands prepared once, with plain ADO.NET: Dapper would build and bind a new
    /// parameter set on every call, and SQLite would otherwise have to parse every row out of a JSON parameter; binding
    /// values to a prepared statement is the cheapest way in.
    ///
    /// The full-text index is filled once, after the last row, by one INSERT … SELECT FROM statements_search (what the
    /// insert trigger inserts for one row), because FTS5 flushes its pending terms at the end of every statement that
    /// writes to it: through the trigger, each row would write its own small segment, and each chunk its own few (FTS5
    /// also flushes whenever its pending terms outgrow its hashsize, 64 MiB since migration 15). Fewer, larger segments
    /// leave FTS5 less to merge. So the trigger is dropped inside the import's transaction and created again from its
    /// own stored SQL before the commit: other connections never see it missing (they see the transaction's result or
    /// nothing of it), and a failed import rolls the drop back with everything else. The full-text tests check the
    /// index against the table after imports, updates and deletes.
    /// </summary>
    private sealed class BulkWriter : IDisposable
    {
        private const string FtsTrigger = "statements_fts_insert";

        private const string InsertStatement = """
            INSERT INTO statements (id, official_id, text, kind, language, original_text, original_language, said_on,
                                    said_on_precision, context, meeting_id, source_id, created_at, updated_at, version)
            VALUES (@id, @officialId, @text, @kind, @language, @originalText, @originalLanguage, @saidOn,
                    @precision, @context, @meetingId, @sourceId, @now, @now, 1)
            """;

        private const string InsertTopic = """
            INSERT INTO statement_topics (statement_id, topic_id, official_id) VALUES (@statementId, @topicId, @officialId)
            """;

        private readonly SqliteConnection connection;
        private readonly SqliteTransaction transaction;
        private readonly HttpContext http;
        private readonly long cacheSize;
        private string? triggerSql;
        private RowStatement? insertStatement;
        private RowStatement? insertTopic;

        private BulkWriter(SqliteConnection connection, SqliteTransaction transaction, HttpContext http, long cacheSize)
        {
            this.connection = connection;
            this.transaction = transaction;
            this.http = http;
            this.cacheSize = cacheSize;
        }

        /// <summary>The id of the first statement imported.</summary>
        public long FirstId { get; private set; }

        /// <summary>When the statements are created: the same instant for all of them, their changes and revisions.</summary>
        public string Now { get; } = Db.Now();

        public static async Task<BulkWriter> StartAsync(SqliteConnection connection, SqliteTransaction transaction, HttpContext http)
        {
            var cacheSize = await connection.ExecuteScalarAsync<long>("PRAGMA cache_size", transaction: transaction);
            var writer = new BulkWriter(connection, transaction, http, cacheSize);
            try
            {
                await writer.PrepareAsync();
                return writer;
            }
            catch
            {
                // The database may be full even for the trigger's drop: the connection still goes back to the pool as it was.
                writer.Dispose();
                throw;
            }
        }

        private async Task PrepareAsync()
        {
            // Ids go on from the highest ever given (AUTOINCREMENT never hands out a deleted one again); the
            // transaction holds the write lock, so no other writer can take them meanwhile.
            const string firstId = """
                SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'statements'), 0),
                           coalesce((SELECT max(id) FROM statements), 0)) + 1
                """;
            // A large page cache (256 MiB) keeps the tables and indexes being written in memory (restored on Dispose).
            await connection.ExecuteAsync("PRAGMA cache_size = -262144", transaction: transaction);
            FirstId = await connection.ExecuteScalarAsync<long>(firstId, transaction: transaction);

            triggerSql = await connection.ExecuteScalarAsync<string?>(
                "SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = @name", new { name = FtsTrigger }, transaction)
                ?? throw new InvalidOperationException($"The trigger {FtsTrigger} that keeps the full-text index is missing.");
            await connection.ExecuteAsync($"DROP TRIGGER {FtsTrigger}", transaction: transaction);

            // Prepared after the drop, so that they are compiled without the trigger. Values that are the same for every
            // row are bound once: SQLite keeps bindings from one run to the next.
            insertStatement = new RowStatement(connection, InsertStatement);
            insertStatement.Bind("@now", Now);
            insertTopic = new RowStatement(connection, InsertTopic);
        }

        public void Write(BulkRow[] rows)
        {
            var statement = insertStatement!;
            foreach (var row in rows)
            {
                var v = row.Values;
                // In the order of InsertStatement's parameters, which are numbered 1 to 12 as they first appear.
                statement.Bind(1, row.Id);
                statement.Bind(2, v.OfficialId);
                statement.Bind(3, v.Text);
                statement.Bind(4, v.Kind);
                statement.Bind(5, v.Language);
                statement.Bind(6, v.OriginalText);
                statement.Bind(7, v.OriginalLanguage);
                statement.Bind(8, v.SaidOn);
                statement.Bind(9, v.Precision);
                statement.Bind(10, v.Context);
                statement.Bind(11, v.MeetingId);
                statement.Bind(12, v.SourceId);
                statement.Run();
                foreach (var topicId in row.TopicIds)
                {
                    insertTopic!.Bind(1, row.Id);
                    insertTopic.Bind(2, topicId);
                    insertTopic.Bind(3, v.OfficialId);
                    insertTopic.Run();
                }
            }
        }

        public async Task FinishAsync(IReadOnlyCollection<long> ids)
        {
            // The ids run on without a gap from the first (the line reader hands them out in order).
            var lastId = FirstId + ids.Count - 1;
            await connection.ExecuteAsync(FullTextIndex.FillRange, new { first = FirstId, last = lastId }, transaction);
            await connection.ExecuteAsync(triggerSql!, transaction: transaction);
            triggerSql = null;
            await Changes.RecordManyWithoutRevisionsAsync(connection, transaction, http, "statement", ids, "created", 1, Now);
            await Revisions.RecordImportAsync(connection, transaction, FirstId, lastId, Changes.ApiKeyId(http), Now);
        }

        public void Dispose()
        {
            insertStatement?.Dispose();
            insertTopic?.Dispose();
            // The connection goes back to the pool: leave it as it was. (A transaction not committed rolls back, trigger
            // and all.) The pragma goes straight to SQLite, because SqliteCommand refuses to run on a transaction that
            // SQLite itself rolled back, as it does on SQLITE_FULL: that refusal, thrown here, would hide the error
            // that is being answered (a 507). Setting cache_size does not fail on an open connection, so nothing
            // thrown here can hide it either.
            SQLitePCL.raw.sqlite3_exec(connection.Handle, $"PRAGMA cache_size = {cacheSize}");
        }
    }
}
