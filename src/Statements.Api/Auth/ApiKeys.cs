// API keys: random secrets shown once and stored only as SHA-256 hashes. Writes authenticate with
// "Authorization: Bearer <key>" or "X-Api-Key: <key>"; reads are public.
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Dapper;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Statements.Api.Data;

namespace Statements.Api.Auth;

public static class ApiKeys
{
    public const string Scheme = "ApiKey";
    public const string HeaderName = "X-Api-Key";
    private const string KeyPrefix = "stk_";

    public sealed record CreatedKey(long Id, string Name, string Key);

    public static async Task<CreatedKey> CreateAsync(Db db, string name)
    {
        var key = KeyPrefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        await using var connection = await db.OpenAsync();
        const string sql = """
            INSERT INTO api_keys (name, prefix, hash, created_at)
            VALUES (@name, @prefix, @hash, @createdAt)
            RETURNING id
            """;
        var id = await connection.ExecuteScalarAsync<long>(
            sql, new { name, prefix = key[..10], hash = Hash(key), createdAt = Db.Now() });
        return new CreatedKey(id, name, key);
    }

    /// <summary>The key's id and name when the key exists and is not revoked.</summary>
    public static async Task<(long Id, string Name)?> VerifyAsync(Db db, string key)
    {
        await using var connection = await db.OpenAsync();
        const string sql = "SELECT id, name FROM api_keys WHERE hash = @hash AND revoked_at IS NULL";
        var found = await connection.QuerySingleOrDefaultAsync<(long, string)?>(sql, new { hash = Hash(key) });
        return found;
    }

    private static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>Runs "keys create --name NAME"; returns the process exit code.</summary>
    public static async Task<int> RunCommandAsync(string[] args, Db db, bool loadSampleData)
    {
        if (args is ["keys", "create", "--name", var name] && !string.IsNullOrWhiteSpace(name))
        {
            await Migrator.PrepareAsync(db, loadSampleData);
            var created = await CreateAsync(db, name.Trim());
            Console.WriteLine(created.Key);
            Console.Error.WriteLine($"Created API key {created.Id} '{created.Name}'. It is shown only this once; store it now.");
            return 0;
        }
        Console.Error.WriteLine("usage: keys create --name NAME");
        return 2;
    }
}

public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, Db db)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var key = Request.Headers[ApiKeys.HeaderName].ToString();
        if (key.Length == 0)
        {
            var authorization = Request.Headers.Authorization.ToString();
            if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            {
                key = authorization["Bearer ".Length..].Trim();
            }
        }
        if (key.Length == 0)
        {
            return AuthenticateResult.NoResult();
        }
        if (await ApiKeys.VerifyAsync(db, key) is not { } found)
        {
            return AuthenticateResult.Fail("The API key is not valid.");
        }
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, found.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), new Claim(ClaimTypes.Name, found.Name)],
            ApiKeys.Scheme);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), ApiKeys.Scheme));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        WriteProblemAsync(StatusCodes.Status401Unauthorized, "Unauthorized",
            "Writes need an API key: send 'Authorization: Bearer <key>' or 'X-Api-Key: <key>'.");

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        WriteProblemAsync(StatusCodes.Status403Forbidden, "Forbidden", "This API key may not do that.");

    private async Task WriteProblemAsync(int status, string title, string detail)
    {
        Response.StatusCode = status;
        if (status == StatusCodes.Status401Unauthorized)
        {
            Response.Headers.WWWAuthenticate = "Bearer";
        }
        var problems = Context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }
}
