// HTTP endpoints for sources: /api/v1/sources. Sources are addressed by numeric id only (they have no slug).
// Related statements are mapped by the statements module, which also embeds sources through LoadAsync.
using System.ComponentModel;
using System.Data;
using System.Text.RegularExpressions;
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
using Statements.Api.Security;

namespace Statements.Api.Sources;

public static class SourcesApi
{
    public static RouteGroupBuilder MapSourcesApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/sources").WithTags("Sources");

        group.MapGet("/", ListSources).WithName("listSources").WithSummary("List sources (without their full text)")
            .ProducesValidationProblem();
        group.MapGet("/{id}", GetSource).WithName("getSource").Produces(StatusCodes.Status304NotModified).WithSummary("Get a source, with its full text")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);

        var writes = group.MapGroup("").RequireAuthorization(ApiKeyPolicies.Write).WithRequestBodyLimit(SourceInput.MaxRequestBodyBytes);
        writes.MapPost("/", CreateSource).Idempotent().WithName("createSource").WithSummary("Create a source")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        writes.MapPut("/{id}", ReplaceSource).WithName("replaceSource").WithSummary("Replace a source")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed);
        writes.MapPatch("/{id}", PatchSource).WithName("patchSource")
            .WithSummary("Change some fields of a source (JSON Merge Patch)")
            .Accepts<SourceInput>(JsonMergePatch.MediaType)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed);
        writes.MapDelete("/{id}", DeleteSource).WithName("deleteSource").WithSummary("Delete a source")
            .WithDescription("409 while statements name it as their source: delete them or point them at another source first. A deleted source cannot be restored; one created again gets a new id.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed);
        return api;
    }

    public sealed record SourceListQuery(
        [property: FromQuery(Name = "publisher"), Description("Publisher, matched exactly; repeatable.")] string[]? Publisher,
        [property: FromQuery(Name = "language"), Description("BCP 47 language tag of the source, e.g. en; repeatable.")] string[]? Language,
        [property: FromQuery(Name = "from"), Description("Earliest publishedOn: yyyy-MM-dd, yyyy-MM or yyyy (start of that period).")] string? From,
        [property: FromQuery(Name = "to"), Description("Latest publishedOn: yyyy-MM-dd, yyyy-MM or yyyy (end of that period).")] string? To,
        [property: FromQuery(Name = "url"), Description("The source's URL, matched exactly.")] string? Url,
        [property: FromQuery(Name = "q"), Description("Text contained in the title.")] string? Q,
        [property: FromQuery(Name = "limit"), Description("Page size, 1 to 500 (default 50).")] int? Limit,
        [property: FromQuery(Name = "cursor"), Description("The cursor from the previous page's next link.")] string? Cursor,
        [property: FromQuery(Name = "format"), Description(SmallListExport.FormatDescription)] string? Format);

    private static Task<Results<Ok<Page<Source>>, ExportResult<Source>>> ListSources(
        [AsParameters] SourceListQuery query, Db db, HttpContext http) =>
        SmallListExport.ListAsync(http.Request, query.Format, CsvColumns, "sources",
            (limit, cursor) => ListPageAsync(query, limit, cursor, db, http), query.Limit, query.Cursor);

    private static readonly CsvColumn<Source>[] CsvColumns =
    [
        new("id", s => SmallListExport.Number(s.Id)),
        new("url", s => s.Url),
        new("title", s => s.Title),
        new("publisher", s => s.Publisher),
        new("publishedOn", s => SmallListExport.Date(s.PublishedOn)),
        new("language", s => s.Language),
        new("createdAt", s => s.CreatedAt is { } at ? Db.FormatTimestamp(at) : null),
        new("updatedAt", s => s.UpdatedAt is { } at ? Db.FormatTimestamp(at) : null),
        new("version", s => SmallListExport.Number(s.Version)),
    ];

    private static async Task<Page<Source>> ListPageAsync(SourceListQuery query, int? requestedLimit, string? cursor, Db db, HttpContext http)
    {
        var limit = Paging.PageLimit(requestedLimit);
        var after = Cursor.Decode(cursor, "id");
        var (from, to) = Periods.ParseRange(query.From, query.To);
        var languages = query.Language?.SelectMany(l => l.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(Formats.CanonicalLanguage).ToArray() ?? [];
        if (languages.FirstOrDefault(l => !Regex.IsMatch(l, Formats.Language)) is { } bad)
        {
            throw new BadInputException("language", $"'{bad}' is not a language tag. {Formats.LanguageMessage}");
        }
        // Publisher names may contain commas, so unlike codes they are not split: repeat the parameter instead.
        var publishers = query.Publisher?.Where(p => p.Length > 0).ToArray() ?? [];
        const string sql = """
            SELECT id, url, title, publisher, published_on, language, created_at, updated_at, version
            FROM sources s
            WHERE (@afterId IS NULL OR s.id > @afterId)
              AND (@anyPublisher = 0 OR s.publisher IN @publishers)
              AND (@anyLanguage = 0 OR s.language IN @languages)
              AND (@from IS NULL OR s.published_on >= @from)
              AND (@to IS NULL OR s.published_on <= @to)
              AND (@url IS NULL OR s.url = @url)
              AND (@q IS NULL OR s.title LIKE '%' || @q || '%' ESCAPE '\')
            ORDER BY s.id
            LIMIT @take
            """;
        await using var connection = await db.OpenAsync(http.RequestAborted);
        var rows = (await connection.QueryAsync<SourceRow>(sql, new
        {
            afterId = after?.Id,
            anyPublisher = publishers.Length > 0 ? 1 : 0,
            publishers,
            anyLanguage = languages.Length > 0 ? 1 : 0,
            languages,
            from = Periods.Format(from),
            to = Periods.Format(to),
            url = string.IsNullOrEmpty(query.Url) ? null : query.Url,
            q = string.IsNullOrWhiteSpace(query.Q) ? null : Sql.EscapeLike(query.Q.Trim()),
            take = limit + 1,
        })).AsList();
        return Paging.ToPage(http, rows, limit, r => new Cursor("id", null, r.Id), ToSource);
    }

    private static async Task<Results<Ok<Source>, StatusCodeHttpResult, ProblemHttpResult>> GetSource(
        [Description("Numeric id of the source.")] long id, Db db, HttpContext http)
    {
        await using var connection = await db.OpenAsync(http.RequestAborted);
        if ((await LoadAsync(connection, [id], withText: true)).FirstOrDefault() is not { } source)
        {
            return Problems.NotFound("source", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        var etag = ETags.For(source.Version!.Value);
        http.Response.Headers.ETag = etag;
        return ETags.NoneMatchHits(http.Request, etag) ? TypedResults.StatusCode(StatusCodes.Status304NotModified) : TypedResults.Ok(source);
    }

    private static async Task<Results<Created<Source>, ValidationProblem, ProblemHttpResult>> CreateSource(
        SourceInput input, Db db, HttpContext http)
    {
        if (InputValidation.Validate(input) is { Count: > 0 } errors)
        {
            return Problems.Invalid(errors);
        }
        await using var connection = await db.OpenAsync(http.RequestAborted);
        await using var transaction = await connection.BeginTransactionAsync(http.RequestAborted);
        const string sql = """
            INSERT INTO sources (url, title, publisher, published_on, language, text, created_at, updated_at, version)
            VALUES (@Url, @Title, @Publisher, @PublishedOn, @Language, @Text, @now, @now, 1)
            RETURNING id
            """;
        long id;
        try
        {
            id = await connection.ExecuteScalarAsync<long>(sql, Parameters(input), transaction);
        }
        catch (SqliteException e) when (Sql.IsUniqueViolation(e))
        {
            return await DuplicateUrlAsync(connection, transaction, input.Url);
        }
        var source = (await LoadAsync(connection, [id], withText: true, transaction))[0];
        await Changes.RecordAsync(connection, transaction, http, "source", id, "created", 1, source);
        await transaction.CommitAsync(http.RequestAborted);

        http.Response.Headers.ETag = ETags.For(source.Version!.Value);
        return TypedResults.Created(source.Links.Self, source);
    }

    private static async Task<Results<Ok<Source>, ValidationProblem, ProblemHttpResult>> ReplaceSource(
        [Description("Numeric id of the source.")] long id, SourceInput input, Db db, HttpContext http)
    {
        if (InputValidation.Validate(input) is { Count: > 0 } errors)
        {
            return Problems.Invalid(errors);
        }
        return await WriteAsync(id, db, http, _ => input);
    }

    private static async Task<Results<Ok<Source>, ValidationProblem, ProblemHttpResult>> PatchSource(
        [Description("Numeric id of the source.")] long id, System.Text.Json.Nodes.JsonNode patch,
        Db db, HttpContext http, IOptions<JsonOptions> json)
    {
        return await WriteAsync(id, db, http,
            current => JsonMergePatch.Apply(ToInput(current), patch, json.Value.SerializerOptions));
    }

    /// <summary>PUT and PATCH: in one transaction, find the source, work out the new input, check and write it.</summary>
    private static async Task<Results<Ok<Source>, ValidationProblem, ProblemHttpResult>> WriteAsync(
        long id, Db db, HttpContext http, Func<Source, SourceInput> change)
    {
        await using var connection = await db.OpenAsync(http.RequestAborted);
        await using var transaction = await connection.BeginTransactionAsync(http.RequestAborted);
        if ((await LoadAsync(connection, [id], withText: true, transaction)).FirstOrDefault() is not { } current)
        {
            return Problems.NotFound("source", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        if (ETags.FailedPrecondition(http.Request, current.Version!.Value) is { } failed)
        {
            return Problems.PreconditionFailed(failed);
        }
        var input = change(current);
        if (InputValidation.Validate(input) is { Count: > 0 } errors)
        {
            return Problems.Invalid(errors);
        }
        await Revisions.KeepBaselineAsync(connection, transaction, "source", id);
        const string sql = """
            UPDATE sources
            SET url = @Url, title = @Title, publisher = @Publisher, published_on = @PublishedOn, language = @Language,
                text = @Text, updated_at = @now, version = version + 1
            WHERE id = @id
            RETURNING version
            """;
        var parameters = new DynamicParameters(Parameters(input));
        parameters.Add("id", id);
        long version;
        try
        {
            version = await connection.ExecuteScalarAsync<long>(sql, parameters, transaction);
        }
        catch (SqliteException e) when (Sql.IsUniqueViolation(e))
        {
            return await DuplicateUrlAsync(connection, transaction, input.Url);
        }
        var source = await Changes.CommitUpdateAsync(connection, transaction, http, "source", id, version, current, (await LoadAsync(connection, [id], withText: true, transaction))[0]);

        http.Response.Headers.ETag = ETags.For(source.Version!.Value);
        return TypedResults.Ok(source);
    }

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> DeleteSource(
        [Description("Numeric id of the source.")] long id, Db db, HttpContext http)
    {
        await using var connection = await db.OpenAsync(http.RequestAborted);
        await using var transaction = await connection.BeginTransactionAsync(http.RequestAborted);
        const string usage = """
            SELECT (SELECT version FROM sources WHERE id = @id) AS Version,
                   (SELECT count(*) FROM statements WHERE source_id = @id) AS Statements
            """;
        var (current, statements) = await connection.QuerySingleAsync<(long?, long)>(usage, new { id }, transaction);
        if (current is null)
        {
            return Problems.NotFound("source", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        if (ETags.FailedPrecondition(http.Request, current.Value) is { } failed)
        {
            return Problems.PreconditionFailed(failed);
        }
        if (statements > 0)
        {
            return Problems.Conflict(
                $"Source {id} is the source of {statements} statement(s); delete those or point them at another source first.");
        }
        await Revisions.KeepBaselineAsync(connection, transaction, "source", id);
        const string sql = """
            DELETE FROM sources WHERE id = @id RETURNING version
            """;
        var version = await connection.ExecuteScalarAsync<long>(sql, new { id }, transaction);
        await Changes.RecordAsync(connection, transaction, http, "source", id, "deleted", version + 1);
        await transaction.CommitAsync(http.RequestAborted);
        return TypedResults.NoContent();
    }

    /// <summary>
    /// Full sources for the given ids, in the order given, in one query. Ids with no source are skipped.
    /// The text, which can be long, is read only when <paramref name="withText"/> is set.
    /// </summary>
    public static async Task<List<Source>> LoadAsync(
        IDbConnection connection, IReadOnlyCollection<long> ids, bool withText, IDbTransaction? transaction = null)
    {
        if (ids.Count == 0)
        {
            return [];
        }
        const string sql = """
            SELECT id, url, title, publisher, published_on, language, CASE WHEN @withText THEN text END AS text,
                   created_at, updated_at, version
            FROM sources WHERE id IN @ids
            """;
        var rows = (await connection.QueryAsync<SourceRow>(sql, new { ids, withText }, transaction)).ToDictionary(r => r.Id);
        return [.. ids.Where(rows.ContainsKey).Select(i => ToSource(rows[i]))];
    }

    private static Source ToSource(SourceRow row) => new()
    {
        Id = row.Id,
        Url = row.Url,
        Title = row.Title,
        Publisher = row.Publisher,
        PublishedOn = row.PublishedOn,
        Language = row.Language,
        Text = row.Text,
        CreatedAt = row.CreatedAt,
        UpdatedAt = row.UpdatedAt,
        Version = row.Version,
        Links = SourceLinks.For(row.Id),
    };

    private static SourceInput ToInput(Source source) => new()
    {
        Url = source.Url,
        Title = source.Title,
        Publisher = source.Publisher,
        PublishedOn = source.PublishedOn,
        Language = source.Language,
        Text = source.Text,
    };

    private static object Parameters(SourceInput input) => new
    {
        input.Url,
        input.Title,
        input.Publisher,
        input.PublishedOn,
        Language = input.Language is null ? null : Formats.CanonicalLanguage(input.Language),
        input.Text,
        now = Db.Now(),
    };

    /// <summary>The 409 for a URL another source already has, naming that source so a client can use it instead.</summary>
    private static async Task<ProblemHttpResult> DuplicateUrlAsync(IDbConnection connection, IDbTransaction transaction, string? url)
    {
        var existing = await connection.ExecuteScalarAsync<long?>("SELECT id FROM sources WHERE url = @url", new { url }, transaction);
        return Problems.Conflict(existing is null
            ? $"A source with the URL '{url}' already exists."
            : $"A source with the URL '{url}' already exists: /api/v1/sources/{existing}.");
    }
}
