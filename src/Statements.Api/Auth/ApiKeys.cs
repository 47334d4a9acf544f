// API keys: random secrets shown once and stored only as SHA-256 hashes, each with a role (reader, editor, admin).
// Requests authenticate with "Authorization: Bearer <key>" or "X-Api-Key: <key>"; every request looks its key up
// afresh, so a revoked key stops working at once. Also the "keys create|list|revoke" command line.
using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Dapper;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Statements.Api.Common;
using Statements.Api.Data;

namespace Statements.Api.Auth;

public static class ApiKeys
{
    public const string Scheme = "ApiKey";
    public const string HeaderName = "X-Api-Key";
    private const string KeyPrefix = "stk_";

    public sealed record CreatedKey(long Id, string Name, ApiKeyRole Role, string Key);

    /// <summary>The key the request carries in X-Api-Key or as a Bearer token, or "".</summary>
    public static string Presented(HttpRequest request)
    {
        var (header, bearer) = Sent(request);
        return header.Length > 0 ? header : bearer;
    }

    /// <summary>
    /// Whether the request carries one key in X-Api-Key and another as a Bearer token: which one was meant cannot be
    /// known, so neither is looked up and the request is refused (ApiKeyPolicies.UseInvalidKeyRefusal). The same key in
    /// both is one key.
    /// </summary>
    public static bool PresentsTwoKeys(HttpRequest request) =>
        Sent(request) is { Header.Length: > 0, Bearer.Length: > 0 } sent && sent.Header != sent.Bearer;

    private static (string Header, string Bearer) Sent(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        var bearer = authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization["Bearer ".Length..].Trim() : "";
        return (request.Headers[HeaderName].ToString().Trim(), bearer);
    }

    /// <summary>The key as the server knows it: everything but the secret.</summary>
    public sealed record StoredKey(long Id, string Name, string Prefix, ApiKeyRole Role, string CreatedAt, long? CreatedBy, string? RevokedAt, long? RevokedBy);

    /// <summary>What a request's key proves: which key it is and what it may do.</summary>
    public sealed record VerifiedKey(long Id, string Name, ApiKeyRole Role);

    private const string StoredColumns = """
        SELECT id, name, prefix, role, created_at, created_by, revoked_at, revoked_by FROM api_keys
        """;

    /// <summary>
    /// Makes a key. Without a role it is an admin key: the command line's first key must be able to do everything. Over
    /// HTTP (<paramref name="http"/>) the request's Idempotency-Key is claimed in the same transaction, as every write does.
    /// </summary>
    public static async Task<CreatedKey> CreateAsync(
        Db db, string name, ApiKeyRole role = ApiKeyRole.Admin, long? createdBy = null, HttpContext? http = null)
    {
        var key = KeyPrefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        await using var connection = await db.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        const string sql = """
            INSERT INTO api_keys (name, prefix, hash, role, created_at, created_by)
            VALUES (@name, @prefix, @hash, @role, @createdAt, @createdBy)
            RETURNING id
            """;
        var id = await connection.ExecuteScalarAsync<long>(sql, new
        {
            name, prefix = key[..10], hash = Hash(key), role = RoleName(role), createdAt = Db.Now(), createdBy,
        }, transaction);
        await Idempotency.ClaimAsync(connection, transaction, http);
        await transaction.CommitAsync();
        return new CreatedKey(id, name, role, key);
    }

    /// <summary>
    /// The key's id, name and role when it exists and is not revoked. The row is found by the SHA-256 of the key; an
    /// index lookup's timing can only tell an attacker about hashes of keys they already hold, never about a stored
    /// key (finding a key whose hash shares a prefix with a stored one is a preimage search). The fetched hash is still
    /// compared in constant time, so no comparison of secret-derived bytes depends on where they first differ.
    /// </summary>
    public static async Task<VerifiedKey?> VerifyAsync(Db db, string key, CancellationToken cancellationToken = default)
    {
        var hash = Hash(key);
        await using var connection = await db.OpenAsync(cancellationToken);
        const string sql = "SELECT id, name, role, hash FROM api_keys WHERE hash = @hash AND revoked_at IS NULL";
        var found = await connection.QuerySingleOrDefaultAsync<(long Id, string Name, string Role, string Hash)?>(
            new CommandDefinition(sql, new { hash }, cancellationToken: cancellationToken));
        if (found is not { } row
            || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(row.Hash), Encoding.ASCII.GetBytes(hash)))
        {
            return null;
        }
        return new VerifiedKey(row.Id, row.Name, ParseRole(row.Role));
    }

    public static async Task<List<StoredKey>> ListAsync(Db db, long? afterId = null, int take = int.MaxValue, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        const string sql = StoredColumns + """

            WHERE (@afterId IS NULL OR id > @afterId)
            ORDER BY id
            LIMIT @take
            """;
        var rows = await connection.QueryAsync<StoredKeyRow>(new CommandDefinition(sql, new { afterId, take }, cancellationToken: cancellationToken));
        return [.. rows.Select(r => r.ToStoredKey())];
    }

    public static async Task<StoredKey?> FindAsync(Db db, long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        const string sql = StoredColumns + " WHERE id = @id";
        var row = await connection.QuerySingleOrDefaultAsync<StoredKeyRow>(new CommandDefinition(sql, new { id }, cancellationToken: cancellationToken));
        return row?.ToStoredKey();
    }

    /// <summary>
    /// Revokes the key (a key already revoked keeps its first revocation); null when there is no such key. With
    /// <paramref name="keepAnAdmin"/> (over HTTP) the last working admin key is left as it is, in the same statement, so
    /// that no one locks the API's key management out; the command line, run on the server, may still revoke it.
    /// </summary>
    public static async Task<StoredKey?> RevokeAsync(
        Db db, long id, long? revokedBy = null, bool keepAnAdmin = false, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        const string sql = """
            UPDATE api_keys SET revoked_at = @now, revoked_by = @revokedBy
            WHERE id = @id AND revoked_at IS NULL
              AND NOT (@keepAnAdmin AND role = 'admin'
                       AND (SELECT count(*) FROM api_keys WHERE role = 'admin' AND revoked_at IS NULL) = 1)
            """;
        await connection.ExecuteAsync(new CommandDefinition(sql, new { id, revokedBy, keepAnAdmin, now = Db.Now() }, cancellationToken: cancellationToken));
        return await FindAsync(db, id, cancellationToken);
    }

    public static string RoleName(ApiKeyRole role) => role switch
    {
        ApiKeyRole.Reader => "reader",
        ApiKeyRole.Editor => "editor",
        _ => "admin",
    };

    public static bool TryParseRole(string? text, out ApiKeyRole role)
    {
        (var known, role) = text switch
        {
            "reader" => (true, ApiKeyRole.Reader),
            "editor" => (true, ApiKeyRole.Editor),
            "admin" => (true, ApiKeyRole.Admin),
            _ => (false, ApiKeyRole.Reader),
        };
        return known;
    }

    private static ApiKeyRole ParseRole(string text) =>
        TryParseRole(text, out var role) ? role : throw new InvalidOperationException($"Unknown key role '{text}' in the database.");

    private static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private sealed class StoredKeyRow
    {
        public long Id { get; init; }
        public string Name { get; init; } = "";
        public string Prefix { get; init; } = "";
        public string Role { get; init; } = "";
        public string CreatedAt { get; init; } = "";
        public long? CreatedBy { get; init; }
        public string? RevokedAt { get; init; }
        public long? RevokedBy { get; init; }

        public StoredKey ToStoredKey() => new(Id, Name, Prefix, ParseRole(Role), CreatedAt, CreatedBy, RevokedAt, RevokedBy);
    }

    private const string Usage = """
        usage: keys create --name NAME [--role reader|editor|admin]   (admin unless --role is given)
               keys list
               keys revoke ID
        """;

    /// <summary>Runs "keys create|list|revoke"; returns the process exit code.</summary>
    public static async Task<int> RunCommandAsync(string[] args, Db db, bool loadSampleData)
    {
        switch (args)
        {
            case ["keys", "create", .. var options] when ParseCreateOptions(options) is ({ } name, var role):
                if (await Migrator.PrepareOrExplainAsync(db, loadSampleData) is { } failure)
                {
                    Console.Error.WriteLine(failure);
                    return 1;
                }
                var created = await CreateAsync(db, name, role);
                Console.WriteLine(created.Key);
                Console.Error.WriteLine(
                    $"Created {RoleName(created.Role)} API key {created.Id} '{created.Name}'. It is shown only this once; store it now.");
                return 0;

            case ["keys", "list"]:
                if (await Migrator.PrepareOrExplainAsync(db, loadSampleData) is { } listFailure)
                {
                    Console.Error.WriteLine(listFailure);
                    return 1;
                }
                Console.WriteLine($"{"id",-6} {"name",-24} {"prefix",-12} {"role",-7} {"created",-25} revoked");
                foreach (var key in await ListAsync(db))
                {
                    Console.WriteLine($"{key.Id,-6} {key.Name,-24} {key.Prefix,-12} {RoleName(key.Role),-7} {key.CreatedAt,-25} {key.RevokedAt}");
                }
                return 0;

            case ["keys", "revoke", var text] when long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id):
                if (await Migrator.PrepareOrExplainAsync(db, loadSampleData) is { } revokeFailure)
                {
                    Console.Error.WriteLine(revokeFailure);
                    return 1;
                }
                if (await RevokeAsync(db, id) is not { } revoked)
                {
                    Console.Error.WriteLine($"There is no API key {id}.");
                    return 1;
                }
                Console.Error.WriteLine($"API key {revoked.Id} '{revoked.Name}' is revoked (since {revoked.RevokedAt}).");
                return 0;

            default:
                Console.Error.WriteLine(Usage);
                return 2;
        }
    }

    /// <summary>--name NAME and optionally --role ROLE, in either order; null name when they do not parse.</summary>
    private static (string? Name, ApiKeyRole Role) ParseCreateOptions(string[] options)
    {
        string? name = null;
        var role = ApiKeyRole.Admin;
        for (var i = 0; i < options.Length; i += 2)
        {
            var value = i + 1 < options.Length ? options[i + 1] : null;
            switch (options[i])
            {
                case "--name" when !string.IsNullOrWhiteSpace(value) && name is null:
                    name = value.Trim();
                    break;
                case "--role" when TryParseRole(value, out var parsed):
                    role = parsed;
                    break;
                default:
                    return (null, role);
            }
        }
        return (name, role);
    }
}

/// <summary>What a key may do. Each role includes the ones before it.</summary>
public enum ApiKeyRole
{
    /// <summary>Reads, on deployments where reads need a key (Statements:RequireKeyForReads).</summary>
    Reader,
    /// <summary>Also creates, changes and deletes content.</summary>
    Editor,
    /// <summary>Also manages API keys.</summary>
    Admin,
}

public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, Db db)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var key = PresentedKey();
        if (key.Length == 0)
        {
            return AuthenticateResult.NoResult();
        }
        if (ApiKeys.PresentsTwoKeys(Request))
        {
            return AuthenticateResult.Fail("The request carries two different API keys.");
        }
        if (await ApiKeys.VerifyAsync(db, key, Context.RequestAborted) is not { } found)
        {
            return AuthenticateResult.Fail("The API key is not valid.");
        }
        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, found.Id.ToString(CultureInfo.InvariantCulture)),
                new Claim(ClaimTypes.Name, found.Name),
                new Claim(ClaimTypes.Role, ApiKeys.RoleName(found.Role)),
            ],
            ApiKeys.Scheme);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), ApiKeys.Scheme));
    }

    private string PresentedKey() => ApiKeys.Presented(Request);

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        WriteProblemAsync(StatusCodes.Status401Unauthorized, "Unauthorized", PresentedKey().Length == 0
            ? "This needs an API key: send 'Authorization: Bearer <key>' or 'X-Api-Key: <key>'."
            : "The API key is not valid, or it has been revoked.");

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        WriteProblemAsync(StatusCodes.Status403Forbidden, "Forbidden",
            $"This API key's role ({Context.User.FindFirstValue(ClaimTypes.Role) ?? "none"}) does not allow this; " +
            "writes need an editor or admin key, and managing keys an admin key.");

    private async Task WriteProblemAsync(int status, string title, string detail)
    {
        Response.StatusCode = status;
        if (status == StatusCodes.Status401Unauthorized)
        {
            Response.Headers.WWWAuthenticate = PresentedKey().Length == 0 ? "Bearer" : "Bearer error=\"invalid_token\"";
        }
        var problems = Context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }
}
