// HTTP endpoints for API keys: /api/v1/keys, for admin keys only. A key's secret is in the answer to its
// creation and nowhere else (a retry with the creation's Idempotency-Key gets that answer again, kept encrypted under
// the admin key that asked); listings show its first characters (prefix) to recognise it by.
using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Statements.Api.Common;
using Statements.Api.Data;

namespace Statements.Api.Auth;

public static class KeysApi
{
    public static RouteGroupBuilder MapKeysApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/keys").WithTags("Keys").RequireAuthorization(ApiKeyPolicies.ManageKeys);

        group.MapGet("/", ListKeys).WithName("listKeys").WithSummary("List API keys, revoked ones included")
            .ProducesValidationProblem();
        // The kept response holds the new key's secret, so it is stored sealed with the admin key that asked for it.
        group.MapPost("/", CreateKey).Idempotent(responseHoldsSecret: true).WithName("createKey")
            .WithSummary("Create an API key; the answer holds the key, shown this once (and to a retry with its Idempotency-Key)")
            .ProducesValidationProblem();
        group.MapGet("/{id}", GetKey).WithName("getKey").Produces(StatusCodes.Status304NotModified).WithSummary("Get an API key (without its secret)")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapDelete("/{id}", RevokeKey).WithName("revokeKey")
            .WithSummary("Revoke an API key: it stops working at once and stays listed")
            .WithDescription("409 for the last admin key that works: create another admin key first.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    public sealed record KeyListQuery(
        [property: FromQuery(Name = "limit"), Description("Page size, 1 to 500 (default 50).")] int? Limit,
        [property: FromQuery(Name = "cursor"), Description("The cursor from the previous page's next link.")] string? Cursor);

    private static async Task<Ok<Page<ApiKey>>> ListKeys([AsParameters] KeyListQuery query, Db db, HttpContext http)
    {
        var limit = Paging.CheckLimit(query.Limit);
        var after = Cursor.Decode(query.Cursor, "id");
        var keys = await ApiKeys.ListAsync(db, after?.Id, limit + 1, http.RequestAborted);
        return TypedResults.Ok(Paging.ToPage(http, keys, limit, k => new Cursor("id", null, k.Id), ToApiKey));
    }

    private static async Task<Results<Created<ApiKey>, ValidationProblem>> CreateKey(ApiKeyInput input, Db db, HttpContext http)
    {
        if (InputValidation.Validate(input) is { Count: > 0 } errors)
        {
            return Problems.Invalid(errors);
        }
        var created = await ApiKeys.CreateAsync(db, input.Name!.Trim(), input.Role!.Value, CallerKeyId(http), http);
        var key = ToApiKey((await ApiKeys.FindAsync(db, created.Id, http.RequestAborted))!) with { Key = created.Key };
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Created(key.Links.Self, key);
    }

    private static async Task<Results<Ok<ApiKey>, StatusCodeHttpResult, ProblemHttpResult>> GetKey(
        [Description("Numeric id of the key.")] long id, Db db, HttpContext http)
    {
        if (await ApiKeys.FindAsync(db, id, http.RequestAborted) is not { } key)
        {
            return Problems.NotFound("API key", id.ToString(CultureInfo.InvariantCulture));
        }
        // A key has no version column: revocation is the only change it ever sees, so it is version 2 once revoked.
        var etag = ETags.For(key.RevokedAt is null ? 1 : 2);
        http.Response.Headers.ETag = etag;
        return ETags.NoneMatchHits(http.Request, etag) ? TypedResults.StatusCode(StatusCodes.Status304NotModified) : TypedResults.Ok(ToApiKey(key));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeKey(
        [Description("Numeric id of the key.")] long id, Db db, HttpContext http) =>
        await ApiKeys.RevokeAsync(db, id, CallerKeyId(http), keepAnAdmin: true, http.RequestAborted) switch
        {
            null => Problems.NotFound("API key", id.ToString(CultureInfo.InvariantCulture)),
            { RevokedAt: null } => Problems.Conflict(
                "This is the last admin key that works; create another admin key before revoking it (or revoke it with the keys command on the server)."),
            _ => TypedResults.NoContent(),
        };

    private static long? CallerKeyId(HttpContext http) =>
        long.TryParse(http.User.FindFirstValue(ClaimTypes.NameIdentifier), CultureInfo.InvariantCulture, out var id) ? id : null;

    private static ApiKey ToApiKey(ApiKeys.StoredKey key) => new()
    {
        Id = key.Id,
        Name = key.Name,
        Prefix = key.Prefix,
        Role = key.Role,
        CreatedAt = DateTime.Parse(key.CreatedAt, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal),
        CreatedBy = key.CreatedBy,
        RevokedAt = key.RevokedAt is null ? null : DateTime.Parse(key.RevokedAt, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal),
        RevokedBy = key.RevokedBy,
        Links = new ApiKeyLinks($"/api/v1/keys/{key.Id}"),
    };
}

/// <summary>An API key as the server knows it: never its secret, except in the answer that created it.</summary>
public sealed record ApiKey
{
    public required long Id { get; init; }
    public required string Name { get; init; }
    /// <summary>The first characters of the key, to recognise it by.</summary>
    public required string Prefix { get; init; }
    public required ApiKeyRole Role { get; init; }
    public required DateTime CreatedAt { get; init; }
    /// <summary>The admin key that created this one; absent for keys made on the command line.</summary>
    public long? CreatedBy { get; init; }
    /// <summary>When the key was revoked; absent while it works.</summary>
    public DateTime? RevokedAt { get; init; }
    /// <summary>The admin key that revoked this one; absent when it was revoked on the command line.</summary>
    public long? RevokedBy { get; init; }
    /// <summary>The key itself: only in the answer to createKey. Store it then; only its hash is kept.</summary>
    public string? Key { get; init; }
    public required ApiKeyLinks Links { get; init; }
}

[ReadOnly(true)]
public sealed record ApiKeyLinks(string Self);

/// <summary>A key to create.</summary>
public sealed class ApiKeyInput
{
    [Required, StringLength(100, MinimumLength = 1)]
    [Description("What the key is for or who holds it, e.g. newsroom-frontend.")]
    public string? Name { get; init; }

    [Required, Description("reader (reads, where they need a key), editor (also writes content) or admin (also manages keys).")]
    public ApiKeyRole? Role { get; init; }
}
