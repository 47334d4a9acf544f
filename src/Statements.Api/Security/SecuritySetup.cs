// The edge of the server: request body size, the Server banner, which proxies' X-Forwarded-* headers are
// believed, CORS (reads and extraction from any origin, writes only from listed ones) and the security headers every
// response carries. Rate limits are in RateLimits.cs. Settings and defaults are listed in README.md ("Security and limits").
using System.Net;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Statements.Api.Security;

public static class SecuritySetup
{
    /// <summary>1 MiB: far above any JSON resource; endpoints that take more say so with <see cref="WithRequestBodyLimit{TBuilder}"/>.</summary>
    public const long DefaultMaxRequestBodyBytes = 1024 * 1024;

    private const string ApiCsp = "default-src 'none'; frame-ancestors 'none'";

    // Swagger UI loads its own scripts and styles, sets inline styles, draws icons from data: URIs and fetches the document.
    private const string SwaggerUiCsp =
        "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    public static WebApplicationBuilder AddStatementsSecurity(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var maxBody = configuration.GetValue("Statements:MaxRequestBodyBytes", DefaultMaxRequestBodyBytes);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = maxBody > 0 ? maxBody : null;
        });

        var proxies = configuration.GetSection("Statements:KnownProxies").Get<string[]>() ?? [];
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Believe no one by default, not even loopback; walk back through the chain only while the hop is listed.
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            options.ForwardLimit = null;
            foreach (var proxy in proxies)
            {
                if (proxy.Contains('/', StringComparison.Ordinal) && System.Net.IPNetwork.TryParse(proxy, out var network))
                {
                    options.KnownIPNetworks.Add(network);
                }
                else if (IPAddress.TryParse(proxy, out var address))
                {
                    options.KnownProxies.Add(address);
                }
                else
                {
                    throw new InvalidOperationException(
                        $"Statements:KnownProxies: '{proxy}' is neither an IP address nor a CIDR range such as 10.0.0.0/8.");
                }
            }
        });

        var origins = configuration.GetSection("Statements:Cors:AllowedOrigins").Get<string[]>() ?? [];
        builder.Services.AddCors();
        builder.Services.AddSingleton<ICorsPolicyProvider>(new ReadWriteCorsPolicies(origins));

        builder.Services.AddStatementsRateLimits(configuration);
        builder.Services.ConfigureSwaggerGen(options => options.OperationFilter<LimitResponsesFilter>());
        return builder;
    }

    /// <summary>Forwarded headers, security headers and CORS: before the exception handler, so error responses get them too.</summary>
    public static WebApplication UseStatementsSecurity(this WebApplication app)
    {
        var proxies = app.Configuration.GetSection("Statements:KnownProxies").Get<string[]>() ?? [];
        if (proxies.Length > 0)
        {
            app.UseForwardedHeaders();
        }
        app.Use(static (context, next) =>
        {
            context.Response.OnStarting(static state =>
            {
                var http = (HttpContext)state;
                var headers = http.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";
                headers.ContentSecurityPolicy = http.Request.Path.StartsWithSegments("/swagger") ? SwaggerUiCsp : ApiCsp;
                return Task.CompletedTask;
            }, context);
            return next(context);
        });
        app.UseCors();
        return app;
    }

    /// <summary>
    /// Lets an endpoint (or a group) take request bodies up to <paramref name="bytes"/> instead of
    /// Statements:MaxRequestBodyBytes; routing applies it before the body is read. Null lifts the limit.
    /// </summary>
    public static TBuilder WithRequestBodyLimit<TBuilder>(this TBuilder builder, long? bytes) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequestBodyLimit(bytes));

    private sealed record RequestBodyLimit(long? MaxRequestBodySize) : Microsoft.AspNetCore.Http.Metadata.IRequestSizeLimitMetadata;

    /// <summary>
    /// Reads (GET, HEAD) from any origin, and extraction's POSTs, which write nothing; writes only from
    /// Statements:Cors:AllowedOrigins ("*" for any).
    /// </summary>
    private sealed class ReadWriteCorsPolicies : ICorsPolicyProvider
    {
        private static readonly string[] Exposed = ["ETag", "Location", "Link", "Retry-After", "RateLimit", "RateLimit-Policy"];

        private readonly CorsPolicy reads = Policy("GET", "HEAD").AllowAnyOrigin().Build();

        private readonly CorsPolicy extraction = Policy("POST").AllowAnyOrigin().Build();

        private readonly CorsPolicy writes;

        public ReadWriteCorsPolicies(string[] origins)
        {
            var builder = Policy("POST", "PUT", "PATCH", "DELETE");
            if (origins.Contains("*"))
            {
                writes = builder.AllowAnyOrigin().Build();
                return;
            }
            writes = builder.WithOrigins(origins).Build();
            // The allowed origin is echoed, so caches must key on Origin; with one listed origin and the default matcher
            // CorsService sends no Vary: Origin (there is only one value to echo), but the same URL answers reads with
            // "*" and other origins with nothing. Any matcher of our own makes it send Vary: Origin; this one is the default's.
            writes.IsOriginAllowed = writes.Origins.Contains;
        }

        private static CorsPolicyBuilder Policy(params string[] methods) =>
            new CorsPolicyBuilder().WithMethods(methods).AllowAnyHeader().WithExposedHeaders(Exposed).SetPreflightMaxAge(TimeSpan.FromHours(1));

        public Task<CorsPolicy?> GetPolicyAsync(HttpContext context, string? policyName)
        {
            var method = context.Request.Method;
            if (HttpMethods.IsOptions(method) && context.Request.Headers.AccessControlRequestMethod.ToString() is { Length: > 0 } requested)
            {
                method = requested;
            }
            var policy = HttpMethods.IsGet(method) || HttpMethods.IsHead(method) ? reads
                : HttpMethods.IsPost(method) && IsExtraction(context.Request.Path) ? extraction
                : writes;
            return Task.FromResult<CorsPolicy?>(policy);
        }

        /// <summary>
        /// /api/v1/extract and /api/v1/sources/{id}/extract. By path, since a preflight is answered here before routing
        /// picks the endpoint (an OPTIONS request matches none of them).
        /// </summary>
        private static bool IsExtraction(PathString path) =>
            path.Value?.ToLowerInvariant().Trim('/').Split('/') is ["api", "v1", "extract"] or ["api", "v1", "sources", _, "extract"];
    }

    /// <summary>Documents the 413 of operations that take a body and, when rate limits are on, the 429 of every API operation.</summary>
    private sealed class LimitResponsesFilter(IServiceProvider services) : IOperationFilter
    {
        private static OpenApiHeader Header(string description) =>
            new() { Description = description, Schema = new OpenApiSchema { Type = JsonSchemaType.String } };

        public void Apply(OpenApiOperation operation, OperationFilterContext context)
        {
            var limited = services.GetService<ApiRateLimiter>() is not null;
            var takesBody = operation.RequestBody is not null;
            if (!limited && !takesBody)
            {
                return;
            }
            var problem = new Dictionary<string, IOpenApiMediaType>
            {
                ["application/problem+json"] = new OpenApiMediaType
                {
                    Schema = context.SchemaGenerator.GenerateSchema(typeof(Microsoft.AspNetCore.Mvc.ProblemDetails), context.SchemaRepository),
                },
            };
            operation.Responses ??= [];
            if (takesBody)
            {
                operation.Responses["413"] = new OpenApiResponse { Description = "Content Too Large: the body is over the limit.", Content = problem };
                operation.Responses.TryAdd("415", new OpenApiResponse
                {
                    Description = "Unsupported Media Type: send the body as one of the media types listed for it, in UTF-8.",
                    Content = problem,
                });
            }
            if (limited)
            {
                operation.Responses["429"] = new OpenApiResponse
                {
                    Description = "Too Many Requests: wait the seconds in Retry-After. RateLimit and RateLimit-Policy say where the client stands.",
                    Content = problem,
                    Headers = new Dictionary<string, IOpenApiHeader>
                    {
                        ["Retry-After"] = Header("Seconds to wait before trying again."),
                        ["RateLimit"] = Header("Where the client stands (IETF draft): r=0 requests left, t seconds until the next request is allowed."),
                        ["RateLimit-Policy"] = Header("The limit that applies (IETF draft): q requests per w seconds."),
                    },
                };
            }
        }
    }
}
