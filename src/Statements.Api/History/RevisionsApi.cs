// HTTP endpoints for the revision history of every resource, /api/v1/{officials|topics|meetings|sources|statements}/…/revisions,
// and for bringing back a deleted statement, POST /api/v1/statements/{id}/restore. The history is written by
// Changes.RecordAsync inside every write (Revisions.cs); this module only reads it.
using System.ComponentModel;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using Statements.Api.Common;
using Statements.Api.Data;
using Statements.Api.Meetings;
using Statements.Api.Officials;
using Statements.Api.Sources;
using Statements.Api.Statements;
using Statements.Api.Topics;

namespace Statements.Api.History;

public static class RevisionsApi
{
    public static RouteGroupBuilder MapRevisionsApi(this RouteGroupBuilder api)
    {
        MapHistory(api, "/officials/{idOrSlug}", "Officials", "Official", "an official", ListOfficialRevisions, GetOfficialRevision);
        MapHistory(api, "/topics/{idOrSlug}", "Topics", "Topic", "a topic", ListTopicRevisions, GetTopicRevision);
        MapHistory(api, "/meetings/{idOrSlug}", "Meetings", "Meeting", "a meeting", ListMeetingRevisions, GetMeetingRevision);
        MapHistory(api, "/sources/{id}", "Sources", "Source", "a source", ListSourceRevisions, GetSourceRevision);
        MapHistory(api, "/statements/{id}", "Statements", "Statement", "a statement", ListStatementRevisions, GetStatementRevision);

        api.MapPost("/statements/{id}/restore", RestoreStatement).RequireAuthorization().Idempotent().WithTags("Statements")
            .WithName("restoreStatement").WithSummary("Restore a deleted statement from its last revision")
            .WithDescription(
                "The statement comes back with its id, topics and relations, as a new version. Relations to statements " +
                "that no longer exist are left out. 409 when the statement exists, or when its official, meeting, " +
                "source or a topic no longer does: those cannot be restored, so the problem's detail says how to record the " +
                "statement again as a new one from its last revision.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    private static void MapHistory(
        RouteGroupBuilder api, string item, string tag, string name, string what, Delegate list, Delegate get)
    {
        api.MapGet($"{item}/revisions", list).WithTags(tag)
            .WithName($"list{name}Revisions").WithSummary($"List every version of {what}, oldest first, including its deletion")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet($"{item}/revisions/{{version}}", get).WithTags(tag)
            .WithName($"get{name}Revision").WithSummary($"Get one version of {what}")
            .Produces(StatusCodes.Status304NotModified).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
    }

    public sealed record RevisionListQuery(
        [property: FromQuery(Name = "limit"), Description("Page size, 1 to 500 (default 50).")] int? Limit,
        [property: FromQuery(Name = "cursor"), Description("The cursor from the previous page's next link.")] string? Cursor);

    private const string SlugDescription = "Numeric id or slug; a deleted one is found by its id only.";
    private const string VersionDescription = "The version, as in the revision list.";

    private static Task<Results<Ok<Page<Revision<Official>>>, ProblemHttpResult>> ListOfficialRevisions(
        [Description(SlugDescription)] string idOrSlug, [AsParameters] RevisionListQuery query, Db db, HttpContext http) =>
        ListAsync<Official>("official", idOrSlug, query, db, http);

    private static Task<Results<Ok<Revision<Official>>, StatusCodeHttpResult, ProblemHttpResult>> GetOfficialRevision(
        [Description(SlugDescription)] string idOrSlug, [Description(VersionDescription)] long version, Db db, HttpContext http) =>
        GetAsync<Official>("official", idOrSlug, version, db, http);

    private static Task<Results<Ok<Page<Revision<Topic>>>, ProblemHttpResult>> ListTopicRevisions(
        [Description(SlugDescription)] string idOrSlug, [AsParameters] RevisionListQuery query, Db db, HttpContext http) =>
        ListAsync<Topic>("topic", idOrSlug, query, db, http);

    private static Task<Results<Ok<Revision<Topic>>, StatusCodeHttpResult, ProblemHttpResult>> GetTopicRevision(
        [Description(SlugDescription)] string idOrSlug, [Description(VersionDescription)] long version, Db db, HttpContext http) =>
        GetAsync<Topic>("topic", idOrSlug, version, db, http);

    private static Task<Results<Ok<Page<Revision<Meeting>>>, ProblemHttpResult>> ListMeetingRevisions(
        [Description(SlugDescription)] string idOrSlug, [AsParameters] RevisionListQuery query, Db db, HttpContext http) =>
        ListAsync<Meeting>("meeting", idOrSlug, query, db, http);

    private static Task<Results<Ok<Revision<Meeting>>, StatusCodeHttpResult, ProblemHttpResult>> GetMeetingRevision(
        [Description(SlugDescription)] string idOrSlug, [Description(VersionDescription)] long version, Db db, HttpContext http) =>
        GetAsync<Meeting>("meeting", idOrSlug, version, db, http);

    private static Task<Results<Ok<Page<Revision<Source>>>, ProblemHttpResult>> ListSourceRevisions(
        [Description("Numeric id of the source.")] long id, [AsParameters] RevisionListQuery query, Db db, HttpContext http) =>
        ListAsync<Source>("source", Text(id), query, db, http);

    private static Task<Results<Ok<Revision<Source>>, StatusCodeHttpResult, ProblemHttpResult>> GetSourceRevision(
        [Description("Numeric id of the source.")] long id, [Description(VersionDescription)] long version, Db db, HttpContext http) =>
        GetAsync<Source>("source", Text(id), version, db, http);

    private static Task<Results<Ok<Page<Revision<Statement>>>, ProblemHttpResult>> ListStatementRevisions(
        [Description("Numeric id of the statement.")] long id, [AsParameters] RevisionListQuery query, Db db, HttpContext http) =>
        ListAsync<Statement>("statement", Text(id), query, db, http);

    private static Task<Results<Ok<Revision<Statement>>, StatusCodeHttpResult, ProblemHttpResult>> GetStatementRevision(
        [Description("Numeric id of the statement.")] long id, [Description(VersionDescription)] long version, Db db, HttpContext http) =>
        GetAsync<Statement>("statement", Text(id), version, db, http);

    private const string RevisionColumns = """
        SELECT r.version, r.action, r.at, r.api_key_id, k.name AS api_key_name, r.body
        FROM revisions r LEFT JOIN api_keys k ON k.id = r.api_key_id
        """;

    private static async Task<Results<Ok<Page<Revision<T>>>, ProblemHttpResult>> ListAsync<T>(
        string resource, string idOrSlug, RevisionListQuery query, Db db, HttpContext http)
    {
        var limit = Paging.CheckLimit(query.Limit);
        var after = Cursor.Decode(query.Cursor, "version");
        await using var connection = await db.OpenAsync(http.RequestAborted);
        // One snapshot for every read: a write that commits between them would store a body just read as missing.
        await using var snapshot = connection.BeginTransaction(deferred: true);
        if (await ResolveAsync(connection, snapshot, resource, idOrSlug) is not { } id)
        {
            return Problems.NotFound(resource, idOrSlug);
        }
        const string sql = $"""
            {RevisionColumns}
            WHERE r.resource = @resource AND r.resource_id = @id AND r.version > @afterVersion
            ORDER BY r.version
            LIMIT @take
            """;
        var afterVersion = after?.Id ?? 0;
        var rows = (await connection.QueryAsync<RevisionRecordRow>(sql, new { resource, id, afterVersion, take = limit + 1 }, snapshot)).AsList();
        if (rows.Count == 0 && !await connection.ExecuteScalarAsync<bool>(
                "SELECT EXISTS (SELECT 1 FROM revisions WHERE resource = @resource AND resource_id = @id)", new { resource, id }, snapshot))
        {
            // No history stored: a row written without one shows its current state; a row that never was is not found.
            if (await BaselineAsync(connection, snapshot, resource, id) is not { } baseline)
            {
                return Problems.NotFound(resource, idOrSlug);
            }
            rows = baseline.Version > afterVersion ? [baseline] : [];
        }
        foreach (var row in rows.Where(r => r.Body is null))
        {
            row.Body = (await BaselineAsync(connection, snapshot, resource, id))?.Body;
        }
        return TypedResults.Ok(Paging.ToPage(http, rows, limit, r => new Cursor("version", null, r.Version), r => ToRevision<T>(resource, id, r)));
    }

    private static async Task<Results<Ok<Revision<T>>, StatusCodeHttpResult, ProblemHttpResult>> GetAsync<T>(
        string resource, string idOrSlug, long version, Db db, HttpContext http)
    {
        await using var connection = await db.OpenAsync(http.RequestAborted);
        await using var snapshot = connection.BeginTransaction(deferred: true);
        if (await ResolveAsync(connection, snapshot, resource, idOrSlug) is not { } id)
        {
            return Problems.NotFound(resource, idOrSlug);
        }
        const string sql = $"""
            {RevisionColumns}
            WHERE r.resource = @resource AND r.resource_id = @id AND r.version = @version
            """;
        var stored = await connection.QuerySingleOrDefaultAsync<RevisionRecordRow>(sql, new { resource, id, version }, snapshot);
        if ((stored ?? await BaselineAsync(connection, snapshot, resource, id)) is not { } row || row.Version != version)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not Found",
                detail: $"There is no version {version} of {resource} '{idOrSlug}'.");
        }
        // A stored record never changes, so its version is a strong validator for as long as it exists. A record read
        // from the row itself shows others' names as they are now, so its tag changes with its content.
        var recorded = stored?.Body is not null;
        row.Body ??= (await BaselineAsync(connection, snapshot, resource, id))?.Body;
        var etag = recorded
            ? ETags.For(version)
            : ETags.For(version, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(row.Body!)))[..16]);
        http.Response.Headers.ETag = etag;
        return ETags.NoneMatchHits(http.Request, etag)
            ? TypedResults.StatusCode(StatusCodes.Status304NotModified)
            : TypedResults.Ok(ToRevision<T>(resource, id, row));
    }

    /// <summary>The first revision of a row that has none stored with a body (see Revisions.BaselinesAsync), or null.</summary>
    private static async Task<RevisionRecordRow?> BaselineAsync(
        System.Data.IDbConnection connection, System.Data.IDbTransaction snapshot, string resource, long id)
    {
        if ((await Revisions.BaselinesAsync(connection, snapshot, resource, [id])).SingleOrDefault() is not { } baseline)
        {
            return null;
        }
        return new RevisionRecordRow
        {
            Version = baseline.Version,
            Action = baseline.Action,
            At = DateTime.ParseExact(baseline.At, Db.TimestampFormat, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal),
            ApiKeyId = baseline.ApiKeyId,
            ApiKeyName = baseline.ApiKeyId is { } key
                ? await connection.ExecuteScalarAsync<string?>("SELECT name FROM api_keys WHERE id = @key", new { key }, snapshot)
                : null,
            Body = baseline.Body,
        };
    }

    /// <summary>A numeric id is taken as it is, so a deleted resource's history stays reachable; a slug must name a current one.</summary>
    private static async Task<long?> ResolveAsync(System.Data.IDbConnection connection, System.Data.IDbTransaction snapshot, string resource, string idOrSlug) =>
        Ids.TryParse(idOrSlug, out var id)
            ? id
            : await IdOrSlug.FindAsync(connection, Revisions.Tables[resource], idOrSlug, snapshot);

    private static Revision<T> ToRevision<T>(string resource, long id, RevisionRecordRow row)
    {
        var path = $"/api/v1/{Revisions.Tables[resource]}/{id}";
        return new Revision<T>
        {
            Version = row.Version,
            Action = Enum.Parse<RevisionAction>(row.Action, ignoreCase: true),
            At = row.At,
            ApiKey = row.ApiKeyId is { } keyId ? new RevisionApiKey(keyId, row.ApiKeyName) : null,
            Record = JsonDocument.Parse(row.Body!).RootElement.Clone(),
            Links = new RevisionLinks($"{path}/revisions/{row.Version}", path),
        };
    }

    /// <summary>Reads a stored statement whatever fields the API has gained or lost since it was written.</summary>
    private static readonly JsonSerializerOptions StoredJson = new(Revisions.Json)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
    };

    private static async Task<Results<Created<Statement>, ProblemHttpResult>> RestoreStatement(
        [Description("Numeric id of the deleted statement.")] long id, Db db, HttpContext http)
    {
        await using var connection = await db.OpenAsync(http.RequestAborted);
        await using var transaction = await connection.BeginTransactionAsync(http.RequestAborted);
        if (await connection.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM statements WHERE id = @id)", new { id }, transaction))
        {
            return Problems.Conflict($"Statement {id} exists; only a deleted statement can be restored.");
        }
        const string last = """
            SELECT version, body FROM revisions
            WHERE resource = 'statement' AND resource_id = @id
            ORDER BY version DESC
            LIMIT 1
            """;
        if (await connection.QuerySingleOrDefaultAsync<(long Version, string Body)?>(last, new { id }, transaction) is not { } revision)
        {
            return Problems.NotFound("statement", Text(id));
        }
        var stored = JsonSerializer.Deserialize<Statement>(revision.Body, StoredJson)!;
        var input = StatementsApi.ToInput(stored);
        if (await StatementsApi.ValidateAsync(connection, transaction, input) is { Count: > 0 } errors)
        {
            // Officials, topics, meetings and sources cannot be restored, and one made again has a new id, so the way
            // back is a new statement from the deleted one's record, pointing at what stands in for what is gone.
            return Problems.Conflict(
                $"Statement {id} cannot be restored: {string.Join(" ", errors.SelectMany(e => e.Value))} " +
                "Deleted officials, topics, meetings and sources cannot be restored, so the statement cannot come back with its id. " +
                $"To record it again, take its record from /api/v1/statements/{id}/revisions/{revision.Version} and POST it to " +
                "/api/v1/statements with officialId, meetingId, sourceId and topicIds naming what exists now (meetingId, sourceId " +
                "and topics may be left out); it gets a new id.");
        }
        const string sql = """
            INSERT INTO statements (id, official_id, text, kind, language, original_text, original_language, said_on,
                                    said_on_precision, context, meeting_id, source_id, created_at, updated_at, version)
            VALUES (@id, @OfficialId, @Text, @Kind, @Language, @OriginalText, @OriginalLanguage, @SaidOn,
                    @Precision, @Context, @MeetingId, @SourceId, @createdAt, @Now, @version)
            """;
        var version = revision.Version + 1;
        var parameters = new DynamicParameters(StatementsApi.Parameters(input));
        parameters.AddDynamicParams(new { id, createdAt = Db.FormatTimestamp(stored.CreatedAt), version });
        await connection.ExecuteAsync(sql, parameters, transaction);
        await StatementsApi.InsertTopicsAsync(connection, transaction, id, input.TopicIds);
        await Revisions.KeepBaselineAsync(connection, transaction, "statement", [.. stored.Relations.Select(r => r.StatementId)]);
        var relinked = await StatementRelations.RestoreAsync(connection, transaction, id, stored.Relations);
        // Touching the other ends of its relations changes them, not this statement.
        var statement = (await StatementsApi.LoadAsync(connection, id, Includes.None, transaction))!;
        await Changes.RecordAsync(connection, transaction, http, "statement", id, "restored", version, statement);
        await StatementRelations.TouchAsync(connection, transaction, http, relinked);
        await transaction.CommitAsync(http.RequestAborted);

        http.Response.Headers.ETag = StatementsApi.ETagOf(statement, Includes.None);
        return TypedResults.Created(statement.Links.Self, statement);
    }

    private static string Text(long id) => id.ToString(CultureInfo.InvariantCulture);
}
