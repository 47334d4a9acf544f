// HTTP endpoints for statements: /api/v1/statements, and the statement lists of officials, topics, meetings
// and sources, which all share the filters, sorting and paging of StatementFilter.
using System.ComponentModel;
using System.Data;
using System.Globalization;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Statements.Api.Auth;
using Statements.Api.Common;
using Statements.Api.Data;
using Statements.Api.Export;
using Statements.Api.History;
using Statements.Api.Officials;
using Statements.Api.Topics;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace Statements.Api.Statements;

public static class StatementsApi
{
    public static RouteGroupBuilder MapStatementsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/statements").WithTags("Statements");

        group.MapGet("/", ListStatements).WithName("listStatements").WithSummary("List statements")
            .ProducesValidationProblem();
        group.MapGet("/{id}", GetStatement).WithName("getStatement").Produces(StatusCodes.Status304NotModified).WithSummary("Get a statement")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);

        var writes = group.MapGroup("").RequireAuthorization(ApiKeyPolicies.Write);
        writes.MapPost("/", CreateStatement).Idempotent().WithName("createStatement").WithSummary("Create a statement")
            .ProducesValidationProblem();
        writes.MapPut("/{id}", ReplaceStatement).WithName("replaceStatement").WithSummary("Replace a statement")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);
        writes.MapPatch("/{id}", PatchStatement).WithName("patchStatement")
            .WithSummary("Change some fields of a statement (JSON Merge Patch)")
            .Accepts<StatementInput>(JsonMergePatch.MediaType)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);
        writes.MapDelete("/{id}", DeleteStatement).WithName("deleteStatement").WithSummary("Delete a statement")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);

        api.MapGet("/officials/{idOrSlug}/statements", ListOfficialStatements).WithTags("Officials")
            .WithName("listOfficialStatements").WithSummary("List the statements of an official")
            .WithMetadata(GivenByThePath("official"))
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/topics/{idOrSlug}/statements", ListTopicStatements).WithTags("Topics")
            .WithName("listTopicStatements").WithSummary("List the statements on a topic or the topics beneath it")
            .WithMetadata(GivenByThePath("topic"))
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/meetings/{idOrSlug}/statements", ListMeetingStatements).WithTags("Meetings")
            .WithName("listMeetingStatements").WithSummary("List the statements made at or about a meeting")
            .WithMetadata(GivenByThePath("meeting"))
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/sources/{id}/statements", ListSourceStatements).WithTags("Sources")
            .WithName("listSourceStatements").WithSummary("List the statements reported by a source")
            .WithMetadata(GivenByThePath("source"))
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    /// <summary>
    /// A list under a resource is not also filtered by that kind of resource: the path fixes it, and a second value
    /// would either repeat it or leave nothing. The parameter is left out of the operation, so StrictQuery refuses it.
    /// </summary>
    private static HiddenQueryParameters GivenByThePath(string filter) =>
        new([filter], $"the {filter} is given by the path; filter by {filter} on /api/v1/statements to combine several.");

    private const string Columns = """
        SELECT s.id, s.official_id, o.slug AS official_slug, o.name AS official_name, o.version AS official_version, s.text, s.kind, s.language,
               s.original_text, s.original_language, s.said_on, s.said_on_precision, s.context, s.meeting_id, s.source_id,
               s.created_at, s.updated_at, s.version
        """;

    private const string SearchColumns = ", h.rank";

    /// <summary>How many of a search's best hits a first page by relevance is read from (at least ten pages' worth).</summary>
    private const int RankedWindow = 1000;

    private static Task<Results<Ok<Page<Statement>>, ExportResult<StatementExportRow>, ProblemHttpResult>> ListStatements([AsParameters] StatementListQuery query, Db db, HttpContext http) =>
        ListAsync(query, db, http, scope: null);

    private static async Task<Results<Ok<Page<Statement>>, ExportResult<StatementExportRow>, ProblemHttpResult>> ListOfficialStatements(
        [Description("Numeric id or slug.")] string idOrSlug, [AsParameters] StatementListQuery query, Db db, HttpContext http) =>
        await ListScopedAsync("officials", "official", idOrSlug, id => ScopeTo("s.official_id", id), query, db, http);

    private static async Task<Results<Ok<Page<Statement>>, ExportResult<StatementExportRow>, ProblemHttpResult>> ListTopicStatements(
        [Description("Numeric id or slug.")] string idOrSlug, [AsParameters] StatementListQuery query, Db db, HttpContext http)
    {
        return await ListScopedAsync("topics", "topic", idOrSlug, id => (filter, connection) => filter.AddTopicsAsync(connection, [id]), query, db, http);
    }

    private static async Task<Results<Ok<Page<Statement>>, ExportResult<StatementExportRow>, ProblemHttpResult>> ListMeetingStatements(
        [Description("Numeric id or slug.")] string idOrSlug, [AsParameters] StatementListQuery query, Db db, HttpContext http) =>
        await ListScopedAsync("meetings", "meeting", idOrSlug, id => ScopeTo("s.meeting_id", id), query, db, http);

    private static async Task<Results<Ok<Page<Statement>>, ExportResult<StatementExportRow>, ProblemHttpResult>> ListSourceStatements(
        [Description("Numeric id of the source.")] long id, [AsParameters] StatementListQuery query, Db db, HttpContext http)
    {
        await using (var connection = await db.OpenAsync(http.RequestAborted))
        {
            if (await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM sources WHERE id = @id", new { id }) == 0)
            {
                return Problems.NotFound("source", id.ToString(CultureInfo.InvariantCulture));
            }
        }
        return await ListAsync(query, db, http, ScopeTo("s.source_id", id));
    }

    /// <summary>A list under a resource: its statements only.</summary>
    private static Func<StatementFilter, IDbConnection, Task> ScopeTo(string column, long id) => (filter, _) =>
    {
        filter.Add($"{column} = @scopeId");
        filter.Parameters.Add("scopeId", id);
        return Task.CompletedTask;
    };

    private static async Task<Results<Ok<Page<Statement>>, ExportResult<StatementExportRow>, ProblemHttpResult>> ListScopedAsync(
        string table, string resource, string idOrSlug, Func<long, Func<StatementFilter, IDbConnection, Task>> scope,
        StatementListQuery query, Db db, HttpContext http)
    {
        long? id;
        await using (var connection = await db.OpenAsync(http.RequestAborted))
        {
            id = await IdOrSlug.FindAsync(connection, table, idOrSlug);
        }
        if (id is null)
        {
            return Problems.NotFound(resource, idOrSlug);
        }
        return await ListAsync(query, db, http, scope(id.Value));
    }

    private static async Task<Results<Ok<Page<Statement>>, ExportResult<StatementExportRow>, ProblemHttpResult>> ListAsync(
        StatementListQuery query, Db db, HttpContext http, Func<StatementFilter, IDbConnection, Task>? scope)
    {
        var format = Exports.Requested(http.Request, query.Format);
        var limit = Paging.CheckLimit(query.Limit);
        var includes = Includes.Parse(query.Include);

        var connection = await db.OpenAsync(http.RequestAborted);
        await using var closeUnlessStreaming = new Owned(connection);
        var filter = await StatementFilter.BuildAsync(connection, query);
        if (scope is not null)
        {
            await scope(filter, connection);
        }
        var sort = StatementSort.Parse(query.Sort, filter.Searching, exporting: format != ExportFormat.Json, query.Cursor);
        var columns = filter.Searching ? Columns + SearchColumns : Columns;
        var after = Cursor.Decode(query.Cursor, sort.Name);

        if (format != ExportFormat.Json)
        {
            // The rows after the cursor, as a page would read them, and with a limit only that many.
            if (after is not null)
            {
                AddAfter(filter, sort, after);
            }
            var limited = "";
            if (query.Limit is not null)
            {
                limited = "\nLIMIT @take";
                filter.Parameters.Add("take", limit);
            }
            // Read from one consistent snapshot as the rows stream: the roles once at the start; for NDJSON the topics
            // and embeds of each batch of statements, by the same transaction.
            var transaction = connection.BeginTransaction(deferred: true);
            var roles = await SpeakerRoles.LoadAsync(connection, officialIds: null, transaction);
            if (format == ExportFormat.Csv)
            {
                var csvSql = $"{StatementExportRow.CsvColumns}\n{filter.FromWith(officials: false)}\n{filter.Where}\nORDER BY {sort.OrderBy}{limited}";
                var rowQuery = await StatementFilter.RunAsync(query.Q, () => Task.FromResult(RowStatement.Query(connection, csvSql, filter.Parameters)));
                return new ExportResult<StatementExportRow>(format, StatementExportRow.ReadCsvAsync(connection, transaction, rowQuery, roles),
                    StatementExportRow.Csv, r => r.Statement!, "statements", closeUnlessStreaming.Release(rowQuery, transaction));
            }
            var sql = $"{columns}\n{filter.From}\n{filter.Where}\nORDER BY {sort.OrderBy}{limited}";
            var reader = await StatementFilter.RunAsync(query.Q, () => connection.ExecuteReaderAsync(
                new CommandDefinition(sql, filter.Parameters, transaction, cancellationToken: http.RequestAborted)));
            return new ExportResult<StatementExportRow>(format, StreamAsync(connection, transaction, reader, includes, roles, filter.SearchQuery),
                StatementExportRow.Csv, r => r.Statement!, "statements", closeUnlessStreaming.Release(reader, transaction));
        }

        long? total = query.Count == true
            ? await StatementFilter.RunAsync(query.Q, () => connection.ExecuteScalarAsync<long>(
                new CommandDefinition($"SELECT count(*)\n{filter.FromWith(officials: false)}\n{filter.Where}", filter.Parameters, cancellationToken: http.RequestAborted)))
            : null;
        var byRelevance = filter.Searching && sort.Column == "h.rank";
        using var ranked = byRelevance
            ? await http.RequestServices.GetRequiredService<SearchRanking>().RankAsync(connection, filter.SearchQuery!, http.RequestAborted)
            : null;
        if (after is not null && ranked is null)
        {
            AddAfter(filter, sort, after);
        }
        filter.Parameters.Add("take", limit + 1);
        Task<IEnumerable<StatementRow>> ReadPage(string from) => StatementFilter.RunAsync(query.Q, () => connection.QueryAsync<StatementRow>(
            new CommandDefinition($"{columns}\n{from}\n{filter.Where}\nORDER BY {sort.OrderBy}\nLIMIT @take", filter.Parameters, cancellationToken: http.RequestAborted)));
        // A page by relevance is read from the best hits only (the window), unless they do not fill it and there are more.
        var window = Math.Max(RankedWindow, 10 * (limit + 1));
        List<StatementRow> page;
        if (ranked is not null)
        {
            // Ranked here (SearchRanking): the hits after the cursor, in order, are the rows to read.
            var first = after is null ? 0 : ranked.After(new SearchRanking.Hit((double)sort.BindValue(after.Value)!, after.Id));
            async Task<List<StatementRow>> ReadRanked(int count)
            {
                filter.Parameters.Add("hits", Sql.JsonIds(ranked.Ids(first, count)));
                var rows = (await ReadPage(StatementFilter.RankedHitsFrom)).AsList();
                foreach (var row in rows)
                {
                    row.Rank = ranked.All[first + (int)row.Rank!.Value].Rank;
                }
                return rows;
            }
            var left = ranked.All.Length - first;
            page = await ReadRanked(Math.Min(window, left));
            if (page.Count <= limit && left > window)
            {
                page = await ReadRanked(left);
            }
        }
        else if (byRelevance && after is null)
        {
            // The first page of a search by relevance: from the best hits only, unless they do not fill it (see RankedWindowFrom).
            filter.Parameters.Add("window", window);
            page = (await ReadPage(StatementFilter.RankedWindowFrom)).AsList();
            // The count reads the full-text index directly: a malformed expression the page's plan never reached fails here.
            if (page.Count <= limit && await StatementFilter.RunAsync(query.Q, () => StatementFilter.MoreHitsThanAsync(connection, filter.SearchQuery!, window)))
            {
                page = (await ReadPage(filter.From)).AsList();
            }
        }
        else
        {
            page = (await ReadPage(filter.From)).AsList();
        }
        var statements = await ToStatementsAsync(connection, page, includes, search: filter.SearchQuery);
        return TypedResults.Ok(Paging.ToPage(http, page, limit, sort.CursorOf, r => statements[r.Id]) with { Total = total });
    }

    /// <summary>Keeps the rows strictly after the cursor in the sort's order.</summary>
    private static void AddAfter(StatementFilter filter, StatementSort sort, Cursor after)
    {
        filter.Add(sort.After);
        filter.Parameters.Add("cursorId", after.Id);
        filter.Parameters.Add("cursorValue", sort.BindValue(after.Value));
    }

    /// <summary>Reads the export query in batches, each turned into statements with one query per embedded collection.</summary>
    private static async IAsyncEnumerable<StatementExportRow> StreamAsync(
        IDbConnection connection, IDbTransaction transaction, System.Data.Common.DbDataReader reader, Includes includes,
        SpeakerRoles roles, string? search,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var parse = reader.GetRowParser<StatementRow>();
        await foreach (var batch in reader.ReadBatchesAsync(1000, parse, cancellationToken))
        {
            var statements = await ToStatementsAsync(connection, batch, includes, transaction, roles, search);
            foreach (var row in batch)
            {
                yield return new StatementExportRow(statements[row.Id]);
            }
        }
    }

    private static async Task<Results<Ok<Statement>, StatusCodeHttpResult, ProblemHttpResult>> GetStatement(
        [Description("Numeric id of the statement.")] long id, Db db, HttpContext http,
        [FromQuery(Name = "include"), Description("Embed related resources in full: official, meeting, topics, source; comma-separated.")] string[]? include)
    {
        var includes = Includes.Parse(include);
        await using var connection = await db.OpenAsync(http.RequestAborted);
        if (await LoadAsync(connection, id, includes) is not { } statement)
        {
            return Problems.NotFound("statement", id.ToString(CultureInfo.InvariantCulture));
        }
        var etag = ETagOf(statement, includes);
        http.Response.Headers.ETag = etag;
        return ETags.NoneMatchHits(http.Request, etag) ? TypedResults.StatusCode(StatusCodes.Status304NotModified) : TypedResults.Ok(statement);
    }

    private static async Task<Results<Created<Statement>, ValidationProblem>> CreateStatement(StatementInput input, Db db, HttpContext http)
    {
        await using var connection = await db.OpenAsync(http.RequestAborted);
        await using var transaction = await connection.BeginTransactionAsync(http.RequestAborted);
        if (await ValidateAsync(connection, transaction, input) is { Count: > 0 } errors)
        {
            return Problems.Invalid(errors);
        }
        const string sql = """
            INSERT INTO statements (official_id, text, kind, language, original_text, original_language, said_on,
                                    said_on_precision, context, meeting_id, source_id, created_at, updated_at, version)
            VALUES (@OfficialId, @Text, @Kind, @Language, @OriginalText, @OriginalLanguage, @SaidOn,
                    @Precision, @Context, @MeetingId, @SourceId, @Now, @Now, 1)
            RETURNING id
            """;
        var id = await connection.ExecuteScalarAsync<long>(sql, Parameters(input), transaction);
        await InsertTopicsAsync(connection, transaction, id, input.TopicIds);
        // Read once, inside the transaction: the revision records it and the response shows it.
        var statement = (await LoadAsync(connection, id, Includes.None, transaction))!;
        await Changes.RecordAsync(connection, transaction, http, "statement", id, "created", 1, statement);
        await transaction.CommitAsync(http.RequestAborted);

        http.Response.Headers.ETag = ETagOf(statement, Includes.None);
        return TypedResults.Created(statement.Links.Self, statement);
    }

    private static async Task<Results<Ok<Statement>, ValidationProblem, ProblemHttpResult>> ReplaceStatement(
        [Description("Numeric id of the statement.")] long id, StatementInput input, Db db, HttpContext http) =>
        await WriteAsync(id, db, http, _ => input);

    private static async Task<Results<Ok<Statement>, ValidationProblem, ProblemHttpResult>> PatchStatement(
        [Description("Numeric id of the statement.")] long id, System.Text.Json.Nodes.JsonNode patch, Db db, HttpContext http, IOptions<HttpJsonOptions> json) =>
        await WriteAsync(id, db, http, current => JsonMergePatch.Apply(ToInput(current), patch, json.Value.SerializerOptions));

    /// <summary>PUT and PATCH: in one transaction, find the statement, work out the new input, check and write it.</summary>
    private static async Task<Results<Ok<Statement>, ValidationProblem, ProblemHttpResult>> WriteAsync(
        long id, Db db, HttpContext http, Func<Statement, StatementInput> change)
    {
        await using var connection = await db.OpenAsync(http.RequestAborted);
        await using var transaction = await connection.BeginTransactionAsync(http.RequestAborted);
        if (await LoadAsync(connection, id, Includes.None, transaction) is not { } current)
        {
            return Problems.NotFound("statement", id.ToString(CultureInfo.InvariantCulture));
        }
        if (ETags.FailedPrecondition(http.Request, current.Version) is { } failed)
        {
            return Problems.PreconditionFailed(failed);
        }
        var input = change(current);
        if (await ValidateAsync(connection, transaction, input) is { Count: > 0 } errors)
        {
            return Problems.Invalid(errors);
        }
        await Revisions.KeepBaselineAsync(connection, transaction, "statement", id);
        const string sql = """
            UPDATE statements
            SET official_id = @OfficialId, text = @Text, kind = @Kind, language = @Language, original_text = @OriginalText,
                original_language = @OriginalLanguage, said_on = @SaidOn, said_on_precision = @Precision, context = @Context,
                meeting_id = @MeetingId, source_id = @SourceId, updated_at = @Now, version = version + 1
            WHERE id = @id
            RETURNING version
            """;
        var parameters = new DynamicParameters(Parameters(input));
        parameters.Add("id", id);
        var version = await connection.ExecuteScalarAsync<long>(sql, parameters, transaction);
        await connection.ExecuteAsync("DELETE FROM statement_topics WHERE statement_id = @id", new { id }, transaction);
        await InsertTopicsAsync(connection, transaction, id, input.TopicIds);
        var statement = await Changes.CommitUpdateAsync(connection, transaction, http, "statement", id, version, current, (await LoadAsync(connection, id, Includes.None, transaction))!);

        http.Response.Headers.ETag = ETagOf(statement, Includes.None);
        return TypedResults.Ok(statement);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteStatement(
        [Description("Numeric id of the statement.")] long id, Db db, HttpContext http)
    {
        await using var connection = await db.OpenAsync(http.RequestAborted);
        await using var transaction = await connection.BeginTransactionAsync(http.RequestAborted);
        var current = await connection.ExecuteScalarAsync<long?>("SELECT version FROM statements WHERE id = @id", new { id }, transaction);
        if (current is null)
        {
            return Problems.NotFound("statement", id.ToString(CultureInfo.InvariantCulture));
        }
        if (ETags.FailedPrecondition(http.Request, current.Value) is { } failed)
        {
            return Problems.PreconditionFailed(failed);
        }
        var related = await StatementRelations.OtherEndsAsync(connection, transaction, id);
        await Revisions.KeepBaselineAsync(connection, transaction, "statement", [id, .. related]);
        await connection.ExecuteAsync("DELETE FROM statements WHERE id = @id", new { id }, transaction);
        await Changes.RecordAsync(connection, transaction, http, "statement", id, "deleted", current.Value + 1);
        await StatementRelations.TouchAsync(connection, transaction, http, related);
        await transaction.CommitAsync(http.RequestAborted);
        return TypedResults.NoContent();
    }

    /// <summary>Field rules, then links: every id the statement names must exist.</summary>
    internal static async Task<Dictionary<string, string[]>> ValidateAsync(IDbConnection connection, IDbTransaction transaction, StatementInput input)
    {
        const string sql = """
            SELECT (SELECT count(*) FROM officials WHERE id = @OfficialId) AS Officials,
                   (SELECT count(*) FROM meetings WHERE id = @MeetingId) AS Meetings,
                   (SELECT count(*) FROM sources WHERE id = @SourceId) AS Sources
            """;
        var (officials, meetings, sources) = await connection.QuerySingleAsync<(long, long, long)>(
            sql, new { input.OfficialId, input.MeetingId, input.SourceId }, transaction);
        var topics = input.TopicIds is { Count: > 0 } topicIds
            ? (await connection.QueryAsync<long>("SELECT id FROM topics WHERE id IN @topicIds", new { topicIds }, transaction)).ToHashSet()
            : [];
        return Validate(input, new KnownIds(_ => officials > 0, _ => meetings > 0, _ => sources > 0, topics.Contains));
    }

    /// <summary>Field rules, then links, with <paramref name="known"/> telling which ids exist (bulk import keeps them in memory).</summary>
    internal static Dictionary<string, string[]> Validate(StatementInput input, KnownIds known)
    {
        var errors = InputValidation.Validate(input);
        if (input.SaidOn is { } saidOn && PeriodStart(saidOn, input.SaidOnPrecision) > LatestSaidOn())
        {
            errors["saidOn"] = ["saidOn cannot be in the future: a statement is dated at most tomorrow (UTC), the first day of its month or year with that precision."];
        }
        if (input.OriginalLanguage is not null && string.IsNullOrEmpty(input.OriginalText))
        {
            errors["originalText"] = ["Give the original text when originalLanguage is set."];
        }
        if (input.OfficialId is { } officialId && !known.Official(officialId))
        {
            errors["officialId"] = [$"There is no official {input.OfficialId}."];
        }
        if (input.MeetingId is { } meetingId && !known.Meeting(meetingId))
        {
            errors["meetingId"] = [$"There is no meeting {input.MeetingId}."];
        }
        if (input.SourceId is { } sourceId && !known.Source(sourceId))
        {
            errors["sourceId"] = [$"There is no source {input.SourceId}."];
        }
        // Checked in a loop first: a bulk import checks every line here, and nearly all name only known topics.
        if (input.TopicIds is { Count: > 0 } topicIds && !topicIds.TrueForAll(t => known.Topic(t)))
        {
            errors["topicIds"] = [$"There is no topic {string.Join(", ", topicIds.Where(t => !known.Topic(t)).Distinct())}."];
        }
        return errors;
    }

    /// <summary>A statement's ETag: its version, the versions of what it embeds, and what the request included.</summary>
    internal static string ETagOf(Statement statement, Includes includes) =>
        ETags.For(statement.Version, statement.EmbeddedVersions, includes.Variant);

    /// <summary>One statement with its links resolved, or null.</summary>
    public static async Task<Statement?> LoadAsync(IDbConnection connection, long id, Includes includes, IDbTransaction? transaction = null)
    {
        var rows = (await connection.QueryAsync<StatementRow>($"{Columns}\nFROM statements s JOIN officials o ON o.id = s.official_id\nWHERE s.id = @id", new { id }, transaction)).AsList();
        if (rows.Count == 0)
        {
            return null;
        }
        return (await ToStatementsAsync(connection, rows, includes, transaction))[id];
    }

    /// <summary>The statements with these ids (those that exist) as GET shows them without include.</summary>
    public static async Task<IReadOnlyCollection<Statement>> LoadAsync(IDbConnection connection, IReadOnlyCollection<long> ids, IDbTransaction? transaction = null)
    {
        var rows = (await connection.QueryAsync<StatementRow>($"{Columns}\nFROM statements s JOIN officials o ON o.id = s.official_id\nWHERE s.id IN (SELECT value FROM json_each(@ids))",
            new { ids = Sql.JsonIds(ids) }, transaction)).AsList();
        return (await ToStatementsAsync(connection, rows, Includes.None, transaction)).Values;
    }

    /// <summary>
    /// Builds the page's statements with a fixed number of queries: one per embedded collection, one for the speakers'
    /// roles unless given, and with a search, one for the snippets of just these rows.
    /// </summary>
    private static async Task<Dictionary<long, Statement>> ToStatementsAsync(
        IDbConnection connection, List<StatementRow> rows, Includes includes, IDbTransaction? transaction = null,
        SpeakerRoles? roles = null, string? search = null)
    {
        if (rows.Count == 0)
        {
            return [];
        }
        roles ??= await SpeakerRoles.LoadAsync(connection, [.. rows.Select(r => r.OfficialId).Distinct()], transaction);
        var snippets = search is null ? null : await StatementFilter.SnippetsAsync(connection, search, [.. rows.Select(r => r.Id)], transaction);
        const string topicsSql = """
            SELECT st.statement_id, t.id, t.slug, t.name, t.parent_id, t.version
            FROM statement_topics st JOIN topics t ON t.id = st.topic_id
            WHERE st.statement_id IN (SELECT value FROM json_each(@ids))
            ORDER BY t.name
            """;
        var topicRows = (await connection.QueryAsync<StatementTopicRow>(topicsSql, new { ids = Sql.JsonIds(rows.Select(r => r.Id)) }, transaction))
            .ToLookup(t => t.StatementId);
        var officials = includes.Official
            ? (await OfficialsApi.LoadAsync(connection, [.. rows.Select(r => r.OfficialId).Distinct()], transaction)).ToDictionary(o => o.Id)
            : null;
        var topics = includes.Topics
            ? (await TopicsApi.LoadAsync(connection, [.. topicRows.SelectMany(g => g).Select(t => t.Id).Distinct()], transaction)).ToDictionary(t => t.Id)
            : null;
        var meetings = includes.Meeting
            ? (await Meetings.MeetingsApi.LoadAsync(connection, [.. rows.Where(r => r.MeetingId is not null).Select(r => r.MeetingId!.Value).Distinct()], transaction)).ToDictionary(m => m.Id)
            : null;
        var sources = includes.Source
            ? (await Sources.SourcesApi.LoadAsync(connection, [.. rows.Where(r => r.SourceId is not null).Select(r => r.SourceId!.Value).Distinct()], withText: false, transaction)).ToDictionary(s => s.Id)
            : null;
        var relations = await StatementRelations.LoadAsync(connection, [.. rows.Select(r => r.Id)], transaction);

        var result = new Dictionary<long, Statement>(rows.Count);
        foreach (var r in rows)
        {
            var precision = Enum.Parse<DatePrecision>(r.SaidOnPrecision, ignoreCase: true);
            result[r.Id] = new Statement
            {
                Id = r.Id,
                OfficialId = r.OfficialId,
                Official = officials?.GetValueOrDefault(r.OfficialId)
                    ?? new Official { Id = r.OfficialId, Slug = r.OfficialSlug, Name = r.OfficialName, Links = OfficialLinks.For(r.OfficialId) },
                SpeakerRole = roles.For(r.OfficialId, r.SaidOn, precision),
                Text = r.Text,
                Kind = Enum.Parse<StatementKind>(r.Kind, ignoreCase: true),
                Language = r.Language,
                OriginalText = r.OriginalText,
                OriginalLanguage = r.OriginalLanguage,
                SaidOn = r.SaidOn,
                SaidOnPrecision = precision,
                Context = r.Context,
                MeetingId = r.MeetingId,
                Meeting = r.MeetingId is { } meetingId ? meetings?.GetValueOrDefault(meetingId) : null,
                Topics = [.. topicRows[r.Id].Select(t => topics?.GetValueOrDefault(t.Id) ?? TopicsApi.Summary(t.Id, t.Slug, t.Name, t.ParentId))],
                SourceId = r.SourceId,
                Source = r.SourceId is { } sourceId ? sources?.GetValueOrDefault(sourceId) : null,
                Relations = [.. relations[r.Id]],
                CreatedAt = r.CreatedAt,
                UpdatedAt = r.UpdatedAt,
                Version = r.Version,
                Snippet = snippets?.GetValueOrDefault(r.Id) is { } snippet ? HighlightedHtml(snippet) : null,
                Links = StatementLinks.For(r.Id, r.OfficialId, r.MeetingId, r.SourceId),
                EmbeddedVersions = r.OfficialVersion + topicRows[r.Id].Sum(t => t.Version)
                    + (r.MeetingId is { } m && meetings?.GetValueOrDefault(m) is { } meeting ? meeting.Version!.Value + meeting.EmbeddedVersions : 0)
                    + (r.SourceId is { } so && sources?.GetValueOrDefault(so)?.Version is { } sourceVersion ? sourceVersion : 0),
            };
        }
        return result;
    }

    /// <summary>Escapes the snippet for HTML, then turns the match markers SQLite put in into &lt;mark&gt; tags.</summary>
    private static string HighlightedHtml(string snippet) =>
        snippet.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal).Replace("\"", "&quot;", StringComparison.Ordinal)
            .Replace("\uE000", "<mark>", StringComparison.Ordinal).Replace("\uE001", "</mark>", StringComparison.Ordinal);

    internal static StatementInput ToInput(Statement statement) => new()
    {
        OfficialId = statement.OfficialId,
        Text = statement.Text,
        Kind = statement.Kind,
        Language = statement.Language,
        OriginalText = statement.OriginalText,
        OriginalLanguage = statement.OriginalLanguage,
        SaidOn = statement.SaidOn,
        SaidOnPrecision = statement.SaidOnPrecision,
        Context = statement.Context,
        MeetingId = statement.MeetingId,
        TopicIds = [.. statement.Topics.Select(t => t.Id)],
        SourceId = statement.SourceId,
    };

    /// <summary>
    /// The latest saidOn a statement may have: tomorrow in UTC, so that a statement made today anywhere on Earth (UTC+14
    /// included) can be recorded, and a mistyped year (2201 for 2021) cannot.
    /// </summary>
    internal static DateOnly LatestSaidOn() => DateOnly.FromDateTime(DateTime.UtcNow).AddDays(1);

    /// <summary>A date known only to the month or year is stored as that period's first day.</summary>
    internal static DateOnly PeriodStart(DateOnly saidOn, DatePrecision? precision) => precision switch
    {
        DatePrecision.Month => new DateOnly(saidOn.Year, saidOn.Month, 1),
        DatePrecision.Year => new DateOnly(saidOn.Year, 1, 1),
        _ => saidOn,
    };

    /// <summary>The row values of an input; a date known only to the month or year is stored as that period's first day.</summary>
    internal static StatementValues Parameters(StatementInput input, string? now = null)
    {
        var precision = input.SaidOnPrecision ?? DatePrecision.Day;
        var saidOn = PeriodStart(input.SaidOn!.Value, precision);
        return new StatementValues(
            input.OfficialId!.Value,
            input.Text!,
            input.Kind!.Value.ToString().ToLowerInvariant(),
            Formats.CanonicalLanguage(input.Language!),
            input.OriginalText,
            input.OriginalLanguage is null ? null : Formats.CanonicalLanguage(input.OriginalLanguage),
            saidOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            precision.ToString().ToLowerInvariant(),
            input.Context,
            input.MeetingId,
            input.SourceId,
            now ?? Db.Now());
    }

    internal static async Task InsertTopicsAsync(IDbConnection connection, IDbTransaction transaction, long statementId, List<long>? topicIds)
    {
        const string sql = """
            INSERT INTO statement_topics (statement_id, topic_id, official_id)
            SELECT id, @topicId, official_id FROM statements WHERE id = @statementId
            """;
        await connection.ExecuteAsync(sql, (topicIds ?? []).Distinct().Select(topicId => new { statementId, topicId }), transaction);
    }
}
