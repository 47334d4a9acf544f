// HTTP endpoints for topics: /api/v1/topics and the child topics of each. Topics form a tree through
// parent_id, kept free of cycles on every write. Related statements are mapped by the statements module.
using System.ComponentModel;
using System.Data;
using System.Text.Json;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Statements.Api.Auth;
using Statements.Api.Common;
using Statements.Api.Data;
using Statements.Api.Export;
using Statements.Api.History;

namespace Statements.Api.Topics;

public static class TopicsApi
{
    public static RouteGroupBuilder MapTopicsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/topics").WithTags("Topics");

        group.MapGet("/", ListTopics).WithName("listTopics").WithSummary("List topics")
            .ProducesValidationProblem();
        group.MapGet("/{idOrSlug}", GetTopic).WithName("getTopic").Produces(StatusCodes.Status304NotModified).WithSummary("Get a topic by id or slug")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{idOrSlug}/children", ListTopicChildren).WithName("listTopicChildren")
            .WithSummary("List the direct children of a topic")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);

        var writes = group.MapGroup("").RequireAuthorization(ApiKeyPolicies.Write);
        writes.MapPost("/", CreateTopic).Idempotent().WithName("createTopic").WithSummary("Create a topic")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        writes.MapPut("/{idOrSlug}", ReplaceTopic).WithName("replaceTopic").WithSummary("Replace a topic")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed);
        writes.MapPatch("/{idOrSlug}", PatchTopic).WithName("patchTopic")
            .WithSummary("Change some fields of a topic (JSON Merge Patch)")
            .Accepts<TopicInput>(JsonMergePatch.MediaType)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed);
        writes.MapDelete("/{idOrSlug}", DeleteTopic).WithName("deleteTopic").WithSummary("Delete a topic")
            .WithDescription("409 while any statement or meeting is tagged with it or it has child topics: remove it from those and move the children first. A deleted topic cannot be restored; one created again gets a new id.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);
        return api;
    }

    public sealed record TopicListQuery(
        [property: FromQuery(Name = "parent"), Description("Id or slug of a topic: lists its direct children.")] string? Parent,
        [property: FromQuery(Name = "root"), Description("true lists only topics without a parent; false or absent does not filter.")] bool? Root,
        [property: FromQuery(Name = "q"), Description("Text contained in the name, the description or a keyword.")] string? Q,
        [property: FromQuery(Name = "limit"), Description("Page size, 1 to 500 (default 50).")] int? Limit,
        [property: FromQuery(Name = "cursor"), Description("The cursor from the previous page's next link.")] string? Cursor,
        [property: FromQuery(Name = "format"), Description(SmallListExport.FormatDescription)] string? Format);

    public sealed record TopicChildrenQuery(
        [property: FromQuery(Name = "limit"), Description("Page size, 1 to 500 (default 50).")] int? Limit,
        [property: FromQuery(Name = "cursor"), Description("The cursor from the previous page's next link.")] string? Cursor);

    private static Task<Results<Ok<Page<Topic>>, ExportResult<Topic>>> ListTopics(
        [AsParameters] TopicListQuery query, Db db, HttpContext http) =>
        SmallListExport.ListAsync(http.Request, query.Format, CsvColumns, "topics",
            (limit, cursor) => ListPageAsync(query, limit, cursor, db, http), query.Limit, query.Cursor);

    private static readonly CsvColumn<Topic>[] CsvColumns =
    [
        new("id", t => SmallListExport.Number(t.Id)),
        new("slug", t => t.Slug),
        new("name", t => t.Name),
        new("description", t => t.Description),
        new("parentId", t => SmallListExport.Number(t.ParentId)),
        new("keywords", t => SmallListExport.Joined(t.Keywords)),
        new("createdAt", t => t.CreatedAt is { } at ? Db.FormatTimestamp(at) : null),
        new("updatedAt", t => t.UpdatedAt is { } at ? Db.FormatTimestamp(at) : null),
        new("version", t => SmallListExport.Number(t.Version)),
    ];

    private static async Task<Page<Topic>> ListPageAsync(TopicListQuery query, int? requestedLimit, string? cursor, Db db, HttpContext http)
    {
        var limit = Paging.PageLimit(requestedLimit);
        var after = Cursor.Decode(cursor, "id");
        var rootOnly = query.Root == true;
        if (rootOnly && !string.IsNullOrWhiteSpace(query.Parent))
        {
            throw new BadInputException("root", "root=true lists topics without a parent; it cannot be combined with parent.");
        }
        await using var connection = await db.OpenAsync(http.RequestAborted);
        long? parentId = null;
        if (!string.IsNullOrWhiteSpace(query.Parent))
        {
            parentId = await IdOrSlug.FindAsync(connection, "topics", query.Parent.Trim())
                ?? throw new BadInputException("parent", $"There is no topic '{query.Parent}'.");
        }
        var q = string.IsNullOrWhiteSpace(query.Q) ? null : Sql.EscapeLike(query.Q.Trim());
        var rows = await QueryPageAsync(connection, parentId, rootOnly, q, after, limit);
        return Paging.ToPage(http, rows, limit, r => new Cursor("id", null, r.Id), ToTopic);
    }

    private static async Task<Results<Ok<Page<Topic>>, ProblemHttpResult>> ListTopicChildren(
        [Description("Numeric id or slug.")] string idOrSlug, [AsParameters] TopicChildrenQuery query, Db db, HttpContext http)
    {
        var limit = Paging.CheckLimit(query.Limit);
        var after = Cursor.Decode(query.Cursor, "id");
        await using var connection = await db.OpenAsync(http.RequestAborted);
        if (await IdOrSlug.FindAsync(connection, "topics", idOrSlug) is not { } id)
        {
            return Problems.NotFound("topic", idOrSlug);
        }
        var rows = await QueryPageAsync(connection, id, rootOnly: false, q: null, after, limit);
        return TypedResults.Ok(Paging.ToPage(http, rows, limit, r => new Cursor("id", null, r.Id), ToTopic));
    }

    /// <summary>One page of topics in id order, fetched with one extra row so the caller knows whether a next page exists.</summary>
    private static async Task<List<TopicRow>> QueryPageAsync(
        IDbConnection connection, long? parentId, bool rootOnly, string? q, Cursor? after, int limit)
    {
        const string sql = """
            SELECT id, slug, name, description, parent_id, keywords, created_at, updated_at, version
            FROM topics t
            WHERE (@afterId IS NULL OR t.id > @afterId)
              AND (@parentId IS NULL OR t.parent_id = @parentId)
              AND (@rootOnly = 0 OR t.parent_id IS NULL)
              AND (@q IS NULL
                   OR t.name LIKE '%' || @q || '%' ESCAPE '\'
                   OR t.description LIKE '%' || @q || '%' ESCAPE '\'
                   OR EXISTS (SELECT 1 FROM json_each(t.keywords) k WHERE k.value LIKE '%' || @q || '%' ESCAPE '\'))
            ORDER BY t.id
            LIMIT @take
            """;
        return (await connection.QueryAsync<TopicRow>(sql, new
        {
            afterId = after?.Id,
            parentId,
            rootOnly = rootOnly ? 1 : 0,
            q,
            take = limit + 1,
        })).AsList();
    }

    private static async Task<Results<Ok<Topic>, StatusCodeHttpResult, ProblemHttpResult>> GetTopic(
        [Description("Numeric id or slug.")] string idOrSlug, Db db, HttpContext http)
    {
        await using var connection = await db.OpenAsync(http.RequestAborted);
        var id = await IdOrSlug.FindAsync(connection, "topics", idOrSlug);
        if (id is null || (await LoadAsync(connection, [id.Value])).FirstOrDefault() is not { } topic)
        {
            return Problems.NotFound("topic", idOrSlug);
        }
        var etag = ETags.For(topic.Version!.Value);
        http.Response.Headers.ETag = etag;
        return ETags.NoneMatchHits(http.Request, etag) ? TypedResults.StatusCode(StatusCodes.Status304NotModified) : TypedResults.Ok(topic);
    }

    private static async Task<Results<Created<Topic>, ValidationProblem, ProblemHttpResult>> CreateTopic(
        TopicInput input, Db db, HttpContext http)
    {
        if (InputValidation.Validate(input) is { Count: > 0 } errors)
        {
            return Problems.Invalid(errors);
        }
        await using var connection = await db.OpenAsync(http.RequestAborted);
        await using var transaction = await connection.BeginTransactionAsync(http.RequestAborted);
        if (await CheckParentAsync(connection, transaction, topicId: null, input.ParentId) is { } badParent)
        {
            return badParent;
        }
        const string sql = """
            INSERT INTO topics (slug, name, description, parent_id, keywords, created_at, updated_at, version)
            VALUES (@Slug, @Name, @description, @ParentId, @keywords, @now, @now, 1)
            RETURNING id
            """;
        long id;
        try
        {
            id = await connection.ExecuteScalarAsync<long>(sql, Parameters(input), transaction);
        }
        catch (SqliteException e) when (Sql.IsUniqueViolation(e))
        {
            return Problems.Conflict($"A topic with the slug '{input.Slug}' already exists.");
        }
        var topic = (await LoadAsync(connection, [id], transaction))[0];
        await Changes.RecordAsync(connection, transaction, http, "topic", id, "created", 1, topic);
        await transaction.CommitAsync(http.RequestAborted);

        http.Response.Headers.ETag = ETags.For(topic.Version!.Value);
        return TypedResults.Created(topic.Links.Self, topic);
    }

    private static async Task<Results<Ok<Topic>, ValidationProblem, ProblemHttpResult>> ReplaceTopic(
        [Description("Numeric id or slug.")] string idOrSlug, TopicInput input, Db db, HttpContext http)
    {
        if (InputValidation.Validate(input) is { Count: > 0 } errors)
        {
            return Problems.Invalid(errors);
        }
        return await WriteAsync(idOrSlug, db, http, _ => input);
    }

    private static async Task<Results<Ok<Topic>, ValidationProblem, ProblemHttpResult>> PatchTopic(
        [Description("Numeric id or slug.")] string idOrSlug, System.Text.Json.Nodes.JsonNode patch,
        Db db, HttpContext http, IOptions<JsonOptions> json)
    {
        return await WriteAsync(idOrSlug, db, http,
            current => JsonMergePatch.Apply(ToInput(current), patch, json.Value.SerializerOptions));
    }

    /// <summary>PUT and PATCH: in one transaction, find the topic, work out the new input, check and write it.</summary>
    private static async Task<Results<Ok<Topic>, ValidationProblem, ProblemHttpResult>> WriteAsync(
        string idOrSlug, Db db, HttpContext http, Func<Topic, TopicInput> change)
    {
        await using var connection = await db.OpenAsync(http.RequestAborted);
        await using var transaction = await connection.BeginTransactionAsync(http.RequestAborted);
        var id = await IdOrSlug.FindAsync(connection, "topics", idOrSlug, transaction);
        if (id is null)
        {
            return Problems.NotFound("topic", idOrSlug);
        }
        var current = (await LoadAsync(connection, [id.Value], transaction))[0];
        if (ETags.FailedPrecondition(http.Request, current.Version!.Value) is { } failed)
        {
            return Problems.PreconditionFailed(failed);
        }
        var input = change(current);
        if (InputValidation.Validate(input) is { Count: > 0 } errors)
        {
            return Problems.Invalid(errors);
        }
        if (await CheckParentAsync(connection, transaction, id.Value, input.ParentId) is { } badParent)
        {
            return badParent;
        }
        await Revisions.KeepBaselineAsync(connection, transaction, "topic", id.Value);
        const string sql = """
            UPDATE topics
            SET slug = @Slug, name = @Name, description = @description, parent_id = @ParentId, keywords = @keywords,
                updated_at = @now, version = version + 1
            WHERE id = @id
            RETURNING version
            """;
        var parameters = new DynamicParameters(Parameters(input));
        parameters.Add("id", id.Value);
        long version;
        try
        {
            version = await connection.ExecuteScalarAsync<long>(sql, parameters, transaction);
        }
        catch (SqliteException e) when (Sql.IsUniqueViolation(e))
        {
            return Problems.Conflict($"A topic with the slug '{input.Slug}' already exists.");
        }
        var topic = await Changes.CommitUpdateAsync(connection, transaction, http, "topic", id.Value, version, current, (await LoadAsync(connection, [id.Value], transaction))[0]);

        http.Response.Headers.ETag = ETags.For(topic.Version!.Value);
        return TypedResults.Ok(topic);
    }

    /// <summary>
    /// The parent must exist and must not be the topic itself nor below it: walking up from the proposed
    /// parent must never reach the topic, or the tree would get a cycle.
    /// </summary>
    private static async Task<ValidationProblem?> CheckParentAsync(
        IDbConnection connection, IDbTransaction transaction, long? topicId, long? parentId)
    {
        if (parentId is null)
        {
            return null;
        }
        if (parentId == topicId)
        {
            return Problems.Invalid("parentId", "A topic cannot be its own parent.");
        }
        const string exists = "SELECT EXISTS (SELECT 1 FROM topics WHERE id = @parentId)";
        if (!await connection.ExecuteScalarAsync<bool>(exists, new { parentId }, transaction))
        {
            return Problems.Invalid("parentId", $"There is no topic {parentId}.");
        }
        if (topicId is null)
        {
            return null;
        }
        const string cycle = """
            WITH RECURSIVE ancestors (id) AS (
                SELECT @parentId
                UNION
                SELECT t.parent_id FROM topics t JOIN ancestors a ON t.id = a.id WHERE t.parent_id IS NOT NULL
            )
            SELECT EXISTS (SELECT 1 FROM ancestors WHERE id = @topicId)
            """;
        if (await connection.ExecuteScalarAsync<bool>(cycle, new { parentId, topicId }, transaction))
        {
            return Problems.Invalid("parentId", $"Topic {parentId} lies below this topic; making it the parent would create a cycle.");
        }
        return null;
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteTopic(
        [Description("Numeric id or slug.")] string idOrSlug, Db db, HttpContext http)
    {
        await using var connection = await db.OpenAsync(http.RequestAborted);
        await using var transaction = await connection.BeginTransactionAsync(http.RequestAborted);
        var id = await IdOrSlug.FindAsync(connection, "topics", idOrSlug, transaction);
        if (id is null)
        {
            return Problems.NotFound("topic", idOrSlug);
        }
        var current = await connection.ExecuteScalarAsync<long>("SELECT version FROM topics WHERE id = @id", new { id }, transaction);
        if (ETags.FailedPrecondition(http.Request, current) is { } failed)
        {
            return Problems.PreconditionFailed(failed);
        }
        const string usage = """
            SELECT (SELECT count(*) FROM statement_topics WHERE topic_id = @id) AS Statements,
                   (SELECT count(*) FROM meeting_topics WHERE topic_id = @id) AS Meetings,
                   (SELECT count(*) FROM topics WHERE parent_id = @id) AS Children
            """;
        var (statements, meetings, children) = await connection.QuerySingleAsync<(long, long, long)>(usage, new { id }, transaction);
        if (statements > 0 || meetings > 0 || children > 0)
        {
            return Problems.Conflict(
                $"Topic '{idOrSlug}' is a topic of {statements} statement(s) and {meetings} meeting(s) and has {children} child topic(s); " +
                "remove it from those or move the children elsewhere first.");
        }
        await Revisions.KeepBaselineAsync(connection, transaction, "topic", id.Value);
        const string sql = """
            DELETE FROM topics WHERE id = @id RETURNING version
            """;
        var version = await connection.ExecuteScalarAsync<long>(sql, new { id }, transaction);
        await Changes.RecordAsync(connection, transaction, http, "topic", id.Value, "deleted", version + 1);
        await transaction.CommitAsync(http.RequestAborted);
        return TypedResults.NoContent();
    }

    /// <summary>Full topics for the given ids, in the order given: one query whatever the count.</summary>
    public static async Task<List<Topic>> LoadAsync(IDbConnection connection, IReadOnlyCollection<long> ids, IDbTransaction? transaction = null)
    {
        const string sql = """
            SELECT id, slug, name, description, parent_id, keywords, created_at, updated_at, version
            FROM topics WHERE id IN @ids
            """;
        var rows = (await connection.QueryAsync<TopicRow>(sql, new { ids }, transaction)).ToDictionary(r => r.Id);
        return [.. ids.Where(rows.ContainsKey).Select(i => ToTopic(rows[i]))];
    }

    /// <summary>
    /// The summary of a topic that statements and meetings embed: the same schema with only id, slug, name
    /// and links filled, built from the caller's own join.
    /// </summary>
    public static Topic Summary(long id, string slug, string name, long? parentId) => new()
    {
        Id = id,
        Slug = slug,
        Name = name,
        Links = TopicLinks.For(id, parentId),
    };

    // An empty description is stored as '' and answered as absent, so that a merge patch's null and a
    // missing member read back the same way.
    private static Topic ToTopic(TopicRow r) => new()
    {
        Id = r.Id,
        Slug = r.Slug,
        Name = r.Name,
        Description = r.Description.Length == 0 ? null : r.Description,
        ParentId = r.ParentId,
        Keywords = JsonSerializer.Deserialize<List<string>>(r.Keywords) ?? [],
        CreatedAt = r.CreatedAt,
        UpdatedAt = r.UpdatedAt,
        Version = r.Version,
        Links = TopicLinks.For(r.Id, r.ParentId),
    };

    private static TopicInput ToInput(Topic topic) => new()
    {
        Slug = topic.Slug,
        Name = topic.Name,
        Description = topic.Description,
        ParentId = topic.ParentId,
        Keywords = topic.Keywords?.ToList(),
    };

    private static object Parameters(TopicInput input) => new
    {
        input.Slug,
        input.Name,
        description = input.Description ?? "",
        input.ParentId,
        keywords = JsonSerializer.Serialize(input.Keywords ?? []),
        now = Db.Now(),
    };
}
