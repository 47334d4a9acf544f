// Typed links between statements — A respondsTo, contradicts, repeats, clarifies or retracts B — under
// /api/v1/statements/{id}/relations. A relation is listed on both statements (outgoing on A, incoming on B), can be
// removed from either, and is part of both: creating or removing one gives both statements a new version, an
// 'updated' change and a revision. Deleting a statement removes its relations (and so updates the other ends).
using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Data;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using Statements.Api.Common;
using Statements.Api.Data;

namespace Statements.Api.Statements;

/// <summary>How the statement a relation starts from relates to the one it points at.</summary>
public enum RelationType
{
    /// <summary>Answers the other statement.</summary>
    [JsonStringEnumMemberName("respondsTo")] RespondsTo,
    /// <summary>Says the opposite (counted once between two statements, whichever way it was made).</summary>
    [JsonStringEnumMemberName("contradicts")] Contradicts,
    /// <summary>Says the same again.</summary>
    [JsonStringEnumMemberName("repeats")] Repeats,
    /// <summary>Explains what the other meant.</summary>
    [JsonStringEnumMemberName("clarifies")] Clarifies,
    /// <summary>Takes the other back.</summary>
    [JsonStringEnumMemberName("retracts")] Retracts,
}

/// <summary>Which end of a relation a statement is.</summary>
public enum RelationDirection
{
    /// <summary>This statement is the subject: this (type) the other.</summary>
    Outgoing,
    /// <summary>The other statement is the subject: the other (type) this.</summary>
    Incoming,
}

/// <summary>A typed link between two statements, as seen from one of them.</summary>
/// <param name="Id">The relation's id.</param>
/// <param name="Type">What the subject does to the object: respondsTo, contradicts, repeats, clarifies or retracts.</param>
/// <param name="Direction">outgoing when this statement is the subject, incoming when the other one is.</param>
/// <param name="StatementId">The statement at the other end.</param>
public sealed record StatementRelation(long Id, RelationType Type, RelationDirection Direction, long StatementId, StatementRelationLinks Links);

/// <param name="Self">The relation, under this statement.</param>
/// <param name="Statement">The statement at the other end.</param>
public sealed record StatementRelationLinks(string Self, string Statement)
{
    public static StatementRelationLinks For(long statementId, long relationId, long otherId) =>
        new($"/api/v1/statements/{statementId}/relations/{relationId}", $"/api/v1/statements/{otherId}");
}

/// <summary>A relation from the statement in the path to another.</summary>
public sealed class StatementRelationInput
{
    [Required, Description("What the statement in the path does to the target: respondsTo, contradicts, repeats, clarifies or retracts (in any case).")]
    [JsonConverter(typeof(StatementRelations.TypeNameConverter))]
    public RelationType? Type { get; init; }

    [Required, Description("Id of the statement the relation points at.")]
    public long? TargetId { get; init; }
}

public static class StatementRelations
{
    public static RouteGroupBuilder MapStatementRelationsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/statements/{id}/relations").WithTags("Statements");

        group.MapGet("/", ListStatementRelations).WithName("listStatementRelations").Produces(StatusCodes.Status304NotModified)
            .WithSummary("List a statement's relations, both ways, as the statement shows them")
            .WithDescription("All of them in one page, in id order. The ETag is the statement's version, which every change to its relations raises; it can be sent as If-Match when creating a relation.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{relationId}", GetStatementRelation).WithName("getStatementRelation").Produces(StatusCodes.Status304NotModified)
            .WithSummary("Get a relation of a statement, as seen from it")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);

        var writes = group.MapGroup("").RequireAuthorization();
        writes.MapPost("/", CreateStatementRelation).Idempotent().WithName("createStatementRelation")
            .WithSummary("Link a statement to another: it respondsTo, contradicts, repeats, clarifies or retracts it")
            .WithDescription("Both statements get a new version. If-Match, when given, is checked against the statement in the path.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed);
        writes.MapDelete("/{relationId}", DeleteStatementRelation).WithName("deleteStatementRelation")
            .WithSummary("Remove a relation, from either of its statements")
            .WithDescription("Both statements get a new version. If-Match, when given, is checked against the statement in the path.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);
        return api;
    }

    /// <summary>The stored (and query) name of each type: its JSON name.</summary>
    private static readonly Dictionary<RelationType, string> Names =
        Enum.GetValues<RelationType>().ToDictionary(t => t, t => JsonNamingPolicy.CamelCase.ConvertName(t.ToString()));

    /// <summary>The type of each name; a query may write it in any case (relation=RespondsTo).</summary>
    private static readonly Dictionary<string, RelationType> Types =
        Names.ToDictionary(n => n.Value, n => n.Key, StringComparer.OrdinalIgnoreCase);

    private static async Task<Results<Ok<Page<StatementRelation>>, StatusCodeHttpResult, ProblemHttpResult>> ListStatementRelations(
        [Description("Numeric id of the statement.")] long id, Db db, HttpContext http)
    {
        await using var connection = await db.OpenAsync(http.RequestAborted);
        // One snapshot: the version that tags the list is the one its relations belong to.
        await using var transaction = connection.BeginTransaction(deferred: true);
        var version = await connection.ExecuteScalarAsync<long?>("SELECT version FROM statements WHERE id = @id", new { id }, transaction);
        if (version is null)
        {
            return Problems.NotFound("statement", id.ToString(CultureInfo.InvariantCulture));
        }
        var etag = ETags.For(version.Value);
        http.Response.Headers.ETag = etag;
        if (ETags.NoneMatchHits(http.Request, etag))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }
        var relations = (await LoadAsync(connection, [id], transaction))[id].ToList();
        return TypedResults.Ok(new Page<StatementRelation>(relations, null));
    }

    private static async Task<Results<Ok<StatementRelation>, StatusCodeHttpResult, ProblemHttpResult>> GetStatementRelation(
        [Description("Numeric id of either statement of the relation.")] long id,
        [Description("Numeric id of the relation.")] long relationId, Db db, HttpContext http)
    {
        await using var connection = await db.OpenAsync(http.RequestAborted);
        if (await FindAsync(connection, null, id, relationId) is not { } row)
        {
            return RelationNotFound(id, relationId);
        }
        // A relation never changes: it is created and removed whole (a restore puts it back as it was), so one tag serves.
        var etag = ETags.For(1);
        http.Response.Headers.ETag = etag;
        return ETags.NoneMatchHits(http.Request, etag) ? TypedResults.StatusCode(StatusCodes.Status304NotModified) : TypedResults.Ok(ToRelation(row, id));
    }

    private static async Task<Results<Created<StatementRelation>, ValidationProblem, ProblemHttpResult>> CreateStatementRelation(
        [Description("Numeric id of the statement the relation starts from.")] long id, StatementRelationInput input, Db db, HttpContext http)
    {
        if (InputValidation.Validate(input) is { Count: > 0 } errors)
        {
            return Problems.Invalid(errors);
        }
        var (type, targetId) = (input.Type!.Value, input.TargetId!.Value);
        await using var connection = await db.OpenAsync(http.RequestAborted);
        await using var transaction = await connection.BeginTransactionAsync(http.RequestAborted);
        if (await CheckStatementAsync(connection, transaction, id, http) is { } problem)
        {
            return problem;
        }
        if (targetId == id)
        {
            return Problems.Invalid("targetId", "A statement cannot be related to itself.");
        }
        if (!await connection.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM statements WHERE id = @targetId)", new { targetId }, transaction))
        {
            return Problems.Invalid("targetId", $"There is no statement {targetId}.");
        }
        // Contradiction goes both ways: B contradicts A duplicates A contradicts B. The other types have a direction.
        const string duplicate = """
            SELECT id, statement_id, type, target_id FROM statement_relations
            WHERE type = @type
              AND ((statement_id = @id AND target_id = @targetId) OR (@symmetric AND statement_id = @targetId AND target_id = @id))
            """;
        var name = Names[type];
        if (await connection.QueryFirstOrDefaultAsync<RelationRow>(duplicate,
                new { type = name, id, targetId, symmetric = type == RelationType.Contradicts }, transaction) is { } existing)
        {
            return Problems.Conflict(
                $"Statement {existing.StatementId} already {name} statement {existing.TargetId} (relation {existing.Id}).");
        }
        await History.Revisions.KeepBaselineAsync(connection, transaction, "statement", id, targetId);
        const string sql = """
            INSERT INTO statement_relations (statement_id, type, target_id, created_at)
            VALUES (@id, @type, @targetId, @now)
            RETURNING id
            """;
        var relationId = await connection.ExecuteScalarAsync<long>(sql, new { id, type = name, targetId, now = Db.Now() }, transaction);
        await TouchAsync(connection, transaction, http, [id, targetId]);
        await transaction.CommitAsync(http.RequestAborted);

        var relation = ToRelation(new RelationRow { Id = relationId, StatementId = id, Type = name, TargetId = targetId }, id);
        return TypedResults.Created(relation.Links.Self, relation);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteStatementRelation(
        [Description("Numeric id of either statement of the relation.")] long id,
        [Description("Numeric id of the relation.")] long relationId, Db db, HttpContext http)
    {
        await using var connection = await db.OpenAsync(http.RequestAborted);
        await using var transaction = await connection.BeginTransactionAsync(http.RequestAborted);
        var version = await connection.ExecuteScalarAsync<long?>("SELECT version FROM statements WHERE id = @id", new { id }, transaction);
        if (version is null)
        {
            return Problems.NotFound("statement", id.ToString(CultureInfo.InvariantCulture));
        }
        // A relation that is not there is a 404 whatever If-Match says: no version of the statement has it to delete.
        if (await FindAsync(connection, transaction, id, relationId) is not { } row)
        {
            return RelationNotFound(id, relationId);
        }
        if (ETags.FailedPrecondition(http.Request, version.Value) is { } failed)
        {
            return Problems.PreconditionFailed(failed);
        }
        await History.Revisions.KeepBaselineAsync(connection, transaction, "statement", row.StatementId, row.TargetId);
        await connection.ExecuteAsync("DELETE FROM statement_relations WHERE id = @relationId", new { relationId }, transaction);
        await TouchAsync(connection, transaction, http, [row.StatementId, row.TargetId]);
        await transaction.CommitAsync(http.RequestAborted);
        return TypedResults.NoContent();
    }

    /// <summary>404 when the statement in the path does not exist, 412 when its preconditions (If-Match, If-None-Match) fail.</summary>
    private static async Task<ProblemHttpResult?> CheckStatementAsync(IDbConnection connection, IDbTransaction transaction, long id, HttpContext http)
    {
        var version = await connection.ExecuteScalarAsync<long?>("SELECT version FROM statements WHERE id = @id", new { id }, transaction);
        if (version is null)
        {
            return Problems.NotFound("statement", id.ToString(CultureInfo.InvariantCulture));
        }
        return ETags.FailedPrecondition(http.Request, version.Value) is { } failed ? Problems.PreconditionFailed(failed) : null;
    }

    private static Task<RelationRow?> FindAsync(IDbConnection connection, IDbTransaction? transaction, long id, long relationId)
    {
        const string sql = """
            SELECT id, statement_id, type, target_id FROM statement_relations
            WHERE id = @relationId AND (statement_id = @id OR target_id = @id)
            """;
        return connection.QuerySingleOrDefaultAsync<RelationRow?>(sql, new { id, relationId }, transaction);
    }

    private static ProblemHttpResult RelationNotFound(long id, long relationId) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not Found",
            detail: $"Statement {id} has no relation {relationId}.");

    /// <summary>The relations of the given statements, both ways, in one query, keyed by the statement they are seen from.</summary>
    internal static async Task<ILookup<long, StatementRelation>> LoadAsync(
        IDbConnection connection, IReadOnlyCollection<long> ids, IDbTransaction? transaction = null)
    {
        const string sql = """
            SELECT id, statement_id, type, target_id FROM statement_relations WHERE statement_id IN (SELECT value FROM json_each(@ids))
            UNION
            SELECT id, statement_id, type, target_id FROM statement_relations WHERE target_id IN (SELECT value FROM json_each(@ids))
            ORDER BY id
            """;
        var rows = await connection.QueryAsync<RelationRow>(sql, new { ids = Sql.JsonIds(ids) }, transaction);
        var wanted = ids.ToHashSet();
        return rows
            .SelectMany(r => new[] { r.StatementId, r.TargetId }.Where(wanted.Contains).Select(end => (end, relation: ToRelation(r, end))))
            .ToLookup(x => x.end, x => x.relation);
    }

    /// <summary>
    /// Gives the statements a new version each and records the change: their relations changed. The caller keeps their
    /// first revisions (Revisions.KeepBaselineAsync) before it changes the relations.
    /// </summary>
    internal static async Task TouchAsync(IDbConnection connection, IDbTransaction transaction, HttpContext http, IReadOnlyCollection<long> ids)
    {
        if (ids.Count == 0)
        {
            return;
        }
        const string sql = """
            UPDATE statements SET version = version + 1, updated_at = @now
            WHERE id IN @ids
            RETURNING id, version
            """;
        var touched = (await connection.QueryAsync<(long Id, long Version)>(sql, new { ids = ids.Distinct(), now = Db.Now() }, transaction)).AsList();
        foreach (var (statementId, version) in touched.OrderBy(t => t.Id))
        {
            await Changes.RecordAsync(connection, transaction, http, "statement", statementId, "updated", version);
        }
    }

    /// <summary>The statements at the other ends of a statement's relations.</summary>
    internal static async Task<List<long>> OtherEndsAsync(IDbConnection connection, IDbTransaction transaction, long id)
    {
        const string sql = """
            SELECT target_id FROM statement_relations WHERE statement_id = @id
            UNION
            SELECT statement_id FROM statement_relations WHERE target_id = @id
            """;
        return (await connection.QueryAsync<long>(sql, new { id }, transaction)).AsList();
    }

    /// <summary>
    /// Puts back the relations a restored statement had, with their ids, where the other statement still exists;
    /// returns those other statements, whose relations changed.
    /// </summary>
    internal static async Task<List<long>> RestoreAsync(
        IDbConnection connection, IDbTransaction transaction, long id, IReadOnlyList<StatementRelation> relations)
    {
        const string sql = """
            INSERT OR IGNORE INTO statement_relations (id, statement_id, type, target_id, created_at)
            SELECT @Id, @from, @type, @to, @now
            WHERE EXISTS (SELECT 1 FROM statements WHERE id = @other)
            """;
        var relinked = new List<long>();
        foreach (var relation in relations)
        {
            var (from, to) = relation.Direction == RelationDirection.Outgoing ? (id, relation.StatementId) : (relation.StatementId, id);
            var inserted = await connection.ExecuteAsync(sql,
                new { relation.Id, from, to, type = Names[relation.Type], other = relation.StatementId, now = Db.Now() }, transaction);
            if (inserted > 0)
            {
                relinked.Add(relation.StatementId);
            }
        }
        return relinked;
    }

    /// <summary>relatedTo (statement ids) and relation (types) on a statement list: statements with such a relation, either way.</summary>
    internal static async Task AddFilterAsync(IDbConnection connection, StatementFilter filter, string[]? relatedTo, string[]? relation)
    {
        var related = Split(relatedTo)
            .Select(v => Ids.TryParse(v, out var id)
                ? id
                : throw new BadInputException("relatedTo", $"'{v}' is not a statement id."))
            .ToArray();
        if (related.Length > 0)
        {
            var known = (await connection.QueryAsync<long>("SELECT id FROM statements WHERE id IN @related", new { related })).ToHashSet();
            if (related.Where(r => !known.Contains(r)).Select(r => (long?)r).FirstOrDefault() is { } missing)
            {
                throw new BadInputException("relatedTo", $"There is no statement '{missing}'.");
            }
        }
        var types = Split(relation)
            .Select(t => Types.TryGetValue(t, out var type)
                ? Names[type]
                : throw new BadInputException("relation", $"Unknown relation '{t}'; use {string.Join(", ", Names.Values)}."))
            .Distinct()
            .ToArray();
        if (related.Length == 0 && types.Length == 0)
        {
            return;
        }
        var relatedList = related.Length > 0 ? Sql.In(filter.Parameters, "relatedTo", related) : null;
        var toRelated = related.Length > 0 ? $" AND sr.target_id IN {relatedList}" : "";
        var fromRelated = related.Length > 0 ? $" AND sr.statement_id IN {relatedList}" : "";
        var ofType = types.Length > 0 ? $" AND sr.type IN {Sql.In(filter.Parameters, "relation", types)}" : "";
        filter.Add($"""
            EXISTS (SELECT 1 FROM statement_relations sr
                    WHERE ((sr.statement_id = s.id{toRelated}) OR (sr.target_id = s.id{fromRelated})){ofType})
            """);
    }

    private static string[] Split(string[]? values) =>
        [.. (values ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Distinct()];

    private static StatementRelation ToRelation(RelationRow row, long seenFrom)
    {
        var outgoing = row.StatementId == seenFrom;
        var other = outgoing ? row.TargetId : row.StatementId;
        return new StatementRelation(row.Id, Types[row.Type], outgoing ? RelationDirection.Outgoing : RelationDirection.Incoming, other,
            StatementRelationLinks.For(seenFrom, row.Id, other));
    }

    /// <summary>
    /// Reads a relation type in any case (Clarifies, RESPONDSTO), as every other enum in a body is read: the
    /// JsonStringEnumMemberName names the types need (respondsTo, not responds-to) are matched case-sensitively.
    /// </summary>
    internal sealed class TypeNameConverter : JsonConverter<RelationType>
    {
        public override RelationType Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.String && Types.TryGetValue(reader.GetString()!, out var type)
                ? type
                : throw new JsonException(); // its message names RelationType; Problems lists the allowed values

        public override void Write(Utf8JsonWriter writer, RelationType value, JsonSerializerOptions options) =>
            writer.WriteStringValue(Names[value]);
    }

    internal sealed class RelationRow
    {
        public long Id { get; init; }
        public long StatementId { get; init; }
        public string Type { get; init; } = "";
        public long TargetId { get; init; }
    }
}
