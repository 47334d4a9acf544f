// HTTP endpoints for officials: /api/v1/officials. Related statements are mapped by the statements module.
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

namespace Statements.Api.Officials;

public static class OfficialsApi
{
    public static RouteGroupBuilder MapOfficialsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/officials").WithTags("Officials");

        group.MapGet("/", ListOfficials).WithName("listOfficials").WithSummary("List officials")
            .ProducesValidationProblem();
        group.MapGet("/{idOrSlug}", GetOfficial).WithName("getOfficial").Produces(StatusCodes.Status304NotModified).WithSummary("Get an official by id or slug")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);

        var writes = group.MapGroup("").RequireAuthorization(ApiKeyPolicies.Write);
        writes.MapPost("/", CreateOfficial).Idempotent().WithName("createOfficial").WithSummary("Create an official")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        writes.MapPut("/{idOrSlug}", ReplaceOfficial).WithName("replaceOfficial").WithSummary("Replace an official")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed);
        writes.MapPatch("/{idOrSlug}", PatchOfficial).WithName("patchOfficial")
            .WithSummary("Change some fields of an official (JSON Merge Patch)")
            .Accepts<OfficialInput>(JsonMergePatch.MediaType)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed);
        writes.MapDelete("/{idOrSlug}", DeleteOfficial).WithName("deleteOfficial").WithSummary("Delete an official")
            .WithDescription("409 while the official is the speaker of any statement or a participant of any meeting: delete or reassign those first. A deleted official cannot be restored; one created again gets a new id.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);
        return api;
    }

    public sealed record OfficialListQuery(
        [property: FromQuery(Name = "country"), Description("ISO 3166-1 alpha-2 country of the official; repeatable.")] string[]? Country,
        [property: FromQuery(Name = "q"), Description("Text contained in the name, the native name or one of the aliases, ignoring case in every script and diacritics (лавров finds Лавров, Antonio finds António); % and _ are matched as themselves.")] string? Q,
        [property: FromQuery(Name = "limit"), Description("Page size, 1 to 500 (default 50).")] int? Limit,
        [property: FromQuery(Name = "cursor"), Description("The cursor from the previous page's next link.")] string? Cursor,
        [property: FromQuery(Name = "format"), Description(SmallListExport.FormatDescription)] string? Format);

    private static Task<Results<Ok<Page<Official>>, ExportResult<Official>>> ListOfficials(
        [AsParameters] OfficialListQuery query, Db db, HttpContext http) =>
        SmallListExport.ListAsync(http.Request, query.Format, CsvColumns, "officials",
            (limit, cursor) => QueryPageAsync(query, limit, cursor, db, http), query.Limit, query.Cursor);

    private static readonly CsvColumn<Official>[] CsvColumns =
    [
        new("id", o => SmallListExport.Number(o.Id)),
        new("slug", o => o.Slug),
        new("name", o => o.Name),
        new("nativeName", o => o.NativeName),
        new("aliases", o => SmallListExport.Joined(o.Aliases)),
        new("country", o => o.Country),
        new("roles", o => SmallListExport.JsonArray(o.Roles)),
        new("wikidataId", o => o.WikidataId),
        new("createdAt", o => o.CreatedAt is { } at ? Db.FormatTimestamp(at) : null),
        new("updatedAt", o => o.UpdatedAt is { } at ? Db.FormatTimestamp(at) : null),
        new("version", o => SmallListExport.Number(o.Version)),
    ];

    private static async Task<Page<Official>> QueryPageAsync(OfficialListQuery query, int? requestedLimit, string? cursor, Db db, HttpContext http)
    {
        var limit = Paging.PageLimit(requestedLimit);
        var after = Cursor.Decode(cursor, "id");
        var countries = query.Country?.SelectMany(c => c.Split(',', StringSplitOptions.RemoveEmptyEntries)).Select(Formats.CanonicalCountry).ToArray() ?? [];
        if (countries.FirstOrDefault(c => !System.Text.RegularExpressions.Regex.IsMatch(c, Formats.Country)) is { } bad)
        {
            throw new BadInputException("country", $"'{bad}' is not an assigned country code. {Formats.CountryMessage}");
        }
        const string sql = """
            SELECT id, slug, name, native_name, aliases, country, wikidata_id, created_at, updated_at, version
            FROM officials o
            WHERE (@afterId IS NULL OR o.id > @afterId)
              AND (@anyCountry = 0 OR o.country IN @countries)
              AND (@q IS NULL OR instr(o.names_folded, @q) > 0)
            ORDER BY o.id
            LIMIT @take
            """;
        await using var connection = await db.OpenAsync(http.RequestAborted);
        var rows = (await connection.QueryAsync<OfficialRow>(sql, new
        {
            afterId = after?.Id,
            anyCountry = countries.Length > 0 ? 1 : 0,
            countries,
            q = NameSearch.Query(query.Q),
            take = limit + 1,
        })).AsList();
        var officials = await ToOfficialsAsync(connection, rows);
        return Paging.ToPage(http, officials, limit, o => new Cursor("id", null, o.Id), o => o);
    }

    private static async Task<Results<Ok<Official>, StatusCodeHttpResult, ProblemHttpResult>> GetOfficial(
        [Description("Numeric id or slug.")] string idOrSlug, Db db, HttpContext http)
    {
        await using var connection = await db.OpenAsync(http.RequestAborted);
        var id = await IdOrSlug.FindAsync(connection, "officials", idOrSlug);
        if (id is null || (await LoadAsync(connection, [id.Value])).FirstOrDefault() is not { } official)
        {
            return Problems.NotFound("official", idOrSlug);
        }
        var etag = ETags.For(official.Version!.Value);
        http.Response.Headers.ETag = etag;
        return ETags.NoneMatchHits(http.Request, etag) ? TypedResults.StatusCode(StatusCodes.Status304NotModified) : TypedResults.Ok(official);
    }

    private static async Task<Results<Created<Official>, ValidationProblem, ProblemHttpResult>> CreateOfficial(
        OfficialInput input, Db db, HttpContext http)
    {
        if (InputValidation.Validate(input) is { Count: > 0 } errors)
        {
            return Problems.Invalid(errors);
        }
        await using var connection = await db.OpenAsync(http.RequestAborted);
        await using var transaction = await connection.BeginTransactionAsync(http.RequestAborted);
        const string sql = """
            INSERT INTO officials (slug, name, native_name, aliases, country, wikidata_id, names_folded, created_at, updated_at, version)
            VALUES (@Slug, @Name, @NativeName, @aliases, @country, @WikidataId, @namesFolded, @now, @now, 1)
            RETURNING id
            """;
        long id;
        try
        {
            id = await connection.ExecuteScalarAsync<long>(sql, Parameters(input), transaction);
        }
        catch (SqliteException e) when (Sql.IsUniqueViolation(e))
        {
            return Problems.Conflict($"An official with the slug '{input.Slug}' already exists.");
        }
        await InsertRolesAsync(connection, transaction, id, input.Roles);
        var official = (await LoadAsync(connection, [id], transaction))[0];
        await Changes.RecordAsync(connection, transaction, http, "official", id, "created", 1, official);
        await transaction.CommitAsync(http.RequestAborted);

        http.Response.Headers.ETag = ETags.For(official.Version!.Value);
        return TypedResults.Created(official.Links.Self, official);
    }

    private static async Task<Results<Ok<Official>, ValidationProblem, ProblemHttpResult>> ReplaceOfficial(
        [Description("Numeric id or slug.")] string idOrSlug, OfficialInput input, Db db, HttpContext http)
    {
        if (InputValidation.Validate(input) is { Count: > 0 } errors)
        {
            return Problems.Invalid(errors);
        }
        return await WriteAsync(idOrSlug, db, http, _ => input);
    }

    private static async Task<Results<Ok<Official>, ValidationProblem, ProblemHttpResult>> PatchOfficial(
        [Description("Numeric id or slug.")] string idOrSlug, System.Text.Json.Nodes.JsonNode patch,
        Db db, HttpContext http, IOptions<JsonOptions> json)
    {
        return await WriteAsync(idOrSlug, db, http,
            current => JsonMergePatch.Apply(ToInput(current), patch, json.Value.SerializerOptions));
    }

    /// <summary>PUT and PATCH: in one transaction, find the official, work out the new input, check and write it.</summary>
    private static async Task<Results<Ok<Official>, ValidationProblem, ProblemHttpResult>> WriteAsync(
        string idOrSlug, Db db, HttpContext http, Func<Official, OfficialInput> change)
    {
        await using var connection = await db.OpenAsync(http.RequestAborted);
        await using var transaction = await connection.BeginTransactionAsync(http.RequestAborted);
        var id = await IdOrSlug.FindAsync(connection, "officials", idOrSlug, transaction);
        if (id is null)
        {
            return Problems.NotFound("official", idOrSlug);
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
        await Revisions.KeepBaselineAsync(connection, transaction, "official", id.Value);
        const string sql = """
            UPDATE officials
            SET slug = @Slug, name = @Name, native_name = @NativeName, aliases = @aliases, country = @country,
                wikidata_id = @WikidataId, names_folded = @namesFolded, updated_at = @now, version = version + 1
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
            return Problems.Conflict($"An official with the slug '{input.Slug}' already exists.");
        }
        await connection.ExecuteAsync("DELETE FROM official_roles WHERE official_id = @id", new { id }, transaction);
        await InsertRolesAsync(connection, transaction, id.Value, input.Roles);
        var official = await Changes.CommitUpdateAsync(connection, transaction, http, "official", id.Value, version, current, (await LoadAsync(connection, [id.Value], transaction))[0]);

        http.Response.Headers.ETag = ETags.For(official.Version!.Value);
        return TypedResults.Ok(official);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteOfficial(
        [Description("Numeric id or slug.")] string idOrSlug, Db db, HttpContext http)
    {
        await using var connection = await db.OpenAsync(http.RequestAborted);
        await using var transaction = await connection.BeginTransactionAsync(http.RequestAborted);
        var id = await IdOrSlug.FindAsync(connection, "officials", idOrSlug, transaction);
        if (id is null)
        {
            return Problems.NotFound("official", idOrSlug);
        }
        var current = await connection.ExecuteScalarAsync<long>("SELECT version FROM officials WHERE id = @id", new { id }, transaction);
        if (ETags.FailedPrecondition(http.Request, current) is { } failed)
        {
            return Problems.PreconditionFailed(failed);
        }
        const string usage = """
            SELECT (SELECT count(*) FROM statements WHERE official_id = @id) AS Statements,
                   (SELECT count(*) FROM meeting_participants WHERE official_id = @id) AS Meetings
            """;
        var (statements, meetings) = await connection.QuerySingleAsync<(long, long)>(usage, new { id }, transaction);
        if (statements > 0 || meetings > 0)
        {
            return Problems.Conflict(
                $"Official '{idOrSlug}' is the speaker of {statements} statement(s) and a participant of {meetings} meeting(s); " +
                "delete or reassign those first.");
        }
        await Revisions.KeepBaselineAsync(connection, transaction, "official", id.Value);
        const string sql = """
            DELETE FROM officials WHERE id = @id RETURNING version
            """;
        var version = await connection.ExecuteScalarAsync<long>(sql, new { id }, transaction);
        await Changes.RecordAsync(connection, transaction, http, "official", id.Value, "deleted", version + 1);
        await transaction.CommitAsync(http.RequestAborted);
        return TypedResults.NoContent();
    }

    /// <summary>Full officials for the given ids, in the order given, with roles: two queries whatever the count.</summary>
    public static async Task<List<Official>> LoadAsync(IDbConnection connection, IReadOnlyCollection<long> ids, IDbTransaction? transaction = null)
    {
        const string sql = """
            SELECT id, slug, name, native_name, aliases, country, wikidata_id, created_at, updated_at, version
            FROM officials WHERE id IN @ids
            """;
        var rows = (await connection.QueryAsync<OfficialRow>(sql, new { ids }, transaction)).ToDictionary(r => r.Id);
        var officials = await ToOfficialsAsync(connection, [.. ids.Where(rows.ContainsKey).Select(i => rows[i])], transaction);
        return officials;
    }

    private static async Task<List<Official>> ToOfficialsAsync(IDbConnection connection, List<OfficialRow> rows, IDbTransaction? transaction = null)
    {
        const string sql = """
            SELECT official_id, title, organization, country, start_on, end_on
            FROM official_roles WHERE official_id IN @ids ORDER BY official_id, position
            """;
        var roles = (rows.Count == 0 ? [] : await connection.QueryAsync<RoleRow>(sql, new { ids = rows.Select(r => r.Id) }, transaction))
            .ToLookup(r => r.OfficialId);
        return [.. rows.Select(r => new Official
        {
            Id = r.Id,
            Slug = r.Slug,
            Name = r.Name,
            NativeName = r.NativeName,
            Aliases = JsonSerializer.Deserialize<List<string>>(r.Aliases) ?? [],
            // Stored as "" (so filters and statistics compare it as text) but absent in JSON, as every absent value is.
            Country = r.Country.Length > 0 ? r.Country : null,
            Roles = [.. roles[r.Id].Select(x => new Role(x.Title, x.Organization, x.Country, x.StartOn, x.EndOn))],
            WikidataId = r.WikidataId,
            CreatedAt = r.CreatedAt,
            UpdatedAt = r.UpdatedAt,
            Version = r.Version,
            Links = OfficialLinks.For(r.Id),
        })];
    }

    private static OfficialInput ToInput(Official official) => new()
    {
        Slug = official.Slug,
        Name = official.Name,
        NativeName = official.NativeName,
        Aliases = official.Aliases?.ToList(),
        Country = official.Country,
        Roles = official.Roles?.Select(r => new RoleInput
        {
            Title = r.Title, Organization = r.Organization, Country = r.Country, Start = r.Start, End = r.End,
        }).ToList(),
        WikidataId = official.WikidataId,
    };

    private static object Parameters(OfficialInput input) => new
    {
        input.Slug,
        input.Name,
        input.NativeName,
        aliases = OfficialRow.AliasesJson(input.Aliases),
        country = Formats.CanonicalCountry(input.Country ?? ""),
        input.WikidataId,
        namesFolded = NameSearch.Folded(input.Name!, input.NativeName, input.Aliases),
        now = Db.Now(),
    };

    private static async Task InsertRolesAsync(IDbConnection connection, IDbTransaction transaction, long officialId, List<RoleInput>? roles)
    {
        const string sql = """
            INSERT INTO official_roles (official_id, position, title, organization, country, start_on, end_on)
            VALUES (@officialId, @position, @Title, @Organization, @Country, @Start, @End)
            """;
        var rows = (roles ?? []).Select((r, i) => new
        {
            officialId, position = i, r.Title, r.Organization, Country = r.Country is null ? null : Formats.CanonicalCountry(r.Country), r.Start, r.End,
        });
        await connection.ExecuteAsync(sql, rows, transaction);
    }
}
