// Rate limits on /api/v1 with ASP.NET Core's rate limiting middleware: a token bucket per API key, and one per
// client address for requests without a valid key (no key, or a mistyped or revoked one). Every limited response
// says where its client stands in the IETF RateLimit-Policy and RateLimit fields (draft-ietf-httpapi-ratelimit-headers);
// past the limit the answer is a 429 problem with Retry-After. With both limits set to 0 nothing is registered and
// nothing runs.
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Statements.Api.Security;

public static class RateLimits
{
    public const int DefaultKeyPermitsPerMinute = 1200;
    public const int DefaultAnonymousPermitsPerMinute = 300;

    public static IServiceCollection AddStatementsRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var perKey = configuration.GetValue("Statements:RateLimit:PermitsPerMinute", DefaultKeyPermitsPerMinute);
        var anonymous = configuration.GetValue("Statements:RateLimit:AnonymousPermitsPerMinute", DefaultAnonymousPermitsPerMinute);
        if (perKey <= 0 && anonymous <= 0)
        {
            return services;
        }
        var limiter = new ApiRateLimiter(perKey, anonymous);
        services.AddSingleton(limiter);
        services.AddRateLimiter(options =>
        {
            // The global limiter rather than a named policy: only with the limiter instance in hand can a successful
            // response report how many requests remain (the middleware does not expose its leases or statistics).
            options.GlobalLimiter = limiter.Limiter;
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = limiter.RejectAsync;
        });
        return services;
    }

    /// <summary>
    /// After authentication, so that a request with a valid key counts against its key, and before a key that is not
    /// valid is refused: such a request draws on its address's bucket like one without a key, so its 401 says where
    /// the address stands, and an address past its limit gets a 429 whatever key it tries.
    /// </summary>
    public static WebApplication UseStatementsRateLimits(this WebApplication app)
    {
        if (app.Services.GetService<ApiRateLimiter>() is not { } limiter)
        {
            return app;
        }
        app.UseRateLimiter();
        app.Use((context, next) =>
        {
            if (limiter.Classify(context) is { } bucket)
            {
                context.Response.OnStarting(() =>
                {
                    limiter.Announce(context, bucket);
                    return Task.CompletedTask;
                });
            }
            return next(context);
        });
        return app;
    }
}

/// <summary>Which bucket a request draws on: its policy name as the headers give it, its partition, and the quota per minute.</summary>
public sealed record RateLimitBucket(string Policy, string Partition, int PermitsPerMinute)
{
    // A quota q per minute refills q / gcd(q, 60) tokens every 60 / gcd(q, 60) seconds: exactly q a minute, in steps of at least a second.
    public int PeriodSeconds => 60 / Gcd(PermitsPerMinute, 60);

    public int TokensPerPeriod => PermitsPerMinute / Gcd(PermitsPerMinute, 60);

    private static int Gcd(int a, int b) => b == 0 ? a : Gcd(b, a % b);
}

public sealed class ApiRateLimiter(int keyPermitsPerMinute, int anonymousPermitsPerMinute) : IDisposable
{
    private const string NoLimit = "";

    public PartitionedRateLimiter<HttpContext> Limiter { get; } = PartitionedRateLimiter.Create<HttpContext, string>(context =>
        Bucket(context, keyPermitsPerMinute, anonymousPermitsPerMinute) is { } bucket
            ? RateLimitPartition.GetTokenBucketLimiter(bucket.Partition, _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = bucket.PermitsPerMinute,
                TokensPerPeriod = bucket.TokensPerPeriod,
                ReplenishmentPeriod = TimeSpan.FromSeconds(bucket.PeriodSeconds),
                QueueLimit = 0,
            })
            : RateLimitPartition.GetNoLimiter(NoLimit));

    public RateLimitBucket? Classify(HttpContext context) => Bucket(context, keyPermitsPerMinute, anonymousPermitsPerMinute);

    private static RateLimitBucket? Bucket(HttpContext context, int perKey, int anonymous)
    {
        if (!context.Request.Path.StartsWithSegments("/api"))
        {
            return null;
        }
        if (context.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } keyId)
        {
            return perKey > 0 ? new RateLimitBucket("key", "key:" + keyId, perKey) : null;
        }
        return anonymous > 0 ? new RateLimitBucket("anonymous", "address:" + ClientAddress(context), anonymous) : null;
    }

    /// <summary>The client's address; for IPv6 its /64, which one subscriber usually holds whole.</summary>
    private static string ClientAddress(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress;
        if (address is null)
        {
            return "unknown";
        }
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var bytes = address.GetAddressBytes();
            Array.Clear(bytes, 8, 8);
            address = new IPAddress(bytes);
        }
        return address.ToString();
    }

    /// <summary>RateLimit-Policy and RateLimit: the quota, what remains of it, and the seconds until the bucket is full again.</summary>
    public void Announce(HttpContext context, RateLimitBucket bucket)
    {
        var remaining = (int)Math.Min(Limiter.GetStatistics(context)?.CurrentAvailablePermits ?? 0, bucket.PermitsPerMinute);
        var missing = bucket.PermitsPerMinute - remaining;
        var periods = (missing + bucket.TokensPerPeriod - 1) / bucket.TokensPerPeriod;
        WriteHeaders(context.Response, bucket, remaining, periods * bucket.PeriodSeconds);
    }

    public async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var bucket = Classify(context);
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait)
            ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds))
            : bucket?.PeriodSeconds ?? 1;
        context.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        if (bucket is not null)
        {
            WriteHeaders(context.Response, bucket, 0, retryAfter);
        }
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too Many Requests",
                Detail = bucket?.Policy == "key"
                    ? $"This API key may make {bucket.PermitsPerMinute} requests a minute; retry after {retryAfter} s."
                    : $"Requests without an API key may be made {bucket?.PermitsPerMinute} times a minute from one address; " +
                      $"retry after {retryAfter} s, or send a key.",
            },
        });
    }

    private static void WriteHeaders(HttpResponse response, RateLimitBucket bucket, int remaining, int resetSeconds)
    {
        response.Headers["RateLimit-Policy"] = string.Create(CultureInfo.InvariantCulture, $"\"{bucket.Policy}\";q={bucket.PermitsPerMinute};w=60");
        response.Headers["RateLimit"] = string.Create(CultureInfo.InvariantCulture, $"\"{bucket.Policy}\";r={remaining};t={resetSeconds}");
    }

    public void Dispose() => Limiter.Dispose();
}
