// Who may do what. Endpoints name a policy on their group: reads need nothing (or a reader key when
// Statements:RequireKeyForReads is set), writes need an editor or admin key, key management an admin key.
// No key or a bad one is a 401 (a bad one on a public read too); a good key without the role a 403.
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;

namespace Statements.Api.Auth;

public static class ApiKeyPolicies
{
    /// <summary>Any valid key: what reads need on a private deployment.</summary>
    public const string Read = "read";

    /// <summary>An editor or admin key: creating, changing and deleting content.</summary>
    public const string Write = "write";

    /// <summary>An admin key: making, listing and revoking keys.</summary>
    public const string ManageKeys = "manage-keys";

    public static IServiceCollection AddStatementsAuthorization(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddAuthentication(ApiKeys.Scheme)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeys.Scheme, null);
        var read = Policy(ApiKeyRole.Reader, ApiKeyRole.Editor, ApiKeyRole.Admin);
        var write = Policy(ApiKeyRole.Editor, ApiKeyRole.Admin);
        services.AddAuthorizationBuilder()
            .AddPolicy(Read, read)
            .AddPolicy(Write, write)
            .AddPolicy(ManageKeys, Policy(ApiKeyRole.Admin))
            // A bare RequireAuthorization() on a write group means an editor key, like Write.
            .SetDefaultPolicy(write)
            // Endpoints that name no policy (the reads) are public unless the deployment is private.
            .SetFallbackPolicy(configuration.GetValue("Statements:RequireKeyForReads", false) ? read : null);
        return services;
    }

    /// <summary>
    /// A key that is not valid (mistyped, revoked) is a 401 on any endpoint, public reads included, so that a client
    /// learns at once that its key stopped working rather than at its next write. Two different keys (X-Api-Key and a
    /// Bearer token) are a 400: honouring either could act with a role the client did not mean. A request without a
    /// key passes.
    /// </summary>
    public static WebApplication UseInvalidKeyRefusal(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            // Authentication has run: a key that was sent but made no identity is not valid.
            if (context.User.Identity?.IsAuthenticated != true && ApiKeys.Presented(context.Request).Length > 0
                && context.GetEndpoint() is { } endpoint && endpoint.Metadata.GetMetadata<IAllowAnonymous>() is null)
            {
                if (ApiKeys.PresentsTwoKeys(context.Request))
                {
                    await Common.Problems.Invalid(ApiKeys.HeaderName,
                        "Authorization and X-Api-Key carry different API keys; send one key, in one of them.").ExecuteAsync(context);
                    return;
                }
                await context.ChallengeAsync(ApiKeys.Scheme);
                return;
            }
            await next(context);
        });
        return app;
    }

    private static AuthorizationPolicy Policy(params ApiKeyRole[] roles) =>
        new AuthorizationPolicyBuilder(ApiKeys.Scheme).RequireRole(roles.Select(ApiKeys.RoleName)).Build();
}
