// Who may do what. Endpoints name a policy on their group: reads need nothing (or a reader key when
// Statements:RequireKeyForReads is set), writes need an editor or admin key, key management an admin key.
// No key or a bad one is a 401 (a bad one on a public read too); a good key without the role a 403.
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
            // Endpoints that name no policy (the reads) are public unless the deployment is private; a key sent to them
            // must still be valid, so that a client learns at once that its key was revoked, not at its next write.
            .SetFallbackPolicy(configuration.GetValue("Statements:RequireKeyForReads", false) ? read : PublicRead);
        return services;
    }

    /// <summary>Anyone, with no key or a valid one: a key that is not valid (wrong, revoked) is a 401 even on a read.</summary>
    internal static readonly AuthorizationPolicy PublicRead = new AuthorizationPolicyBuilder(ApiKeys.Scheme)
        .RequireAssertion(context => context.User.Identity?.IsAuthenticated == true
            || context.Resource is not HttpContext http || ApiKeys.Presented(http.Request).Length == 0)
        .Build();

    private static AuthorizationPolicy Policy(params ApiKeyRole[] roles) =>
        new AuthorizationPolicyBuilder(ApiKeys.Scheme).RequireRole(roles.Select(ApiKeys.RoleName)).Build();
}
