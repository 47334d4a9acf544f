using System.Net;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Statements.Api.Auth;

namespace Statements.Api.Tests;

/// <summary>A server with tiny rate limits: three requests a minute without a key, four per key.</summary>
public class TinyRateLimitFactory : ApiFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Statements:RateLimit:AnonymousPermitsPerMinute", "3");
        builder.UseSetting("Statements:RateLimit:PermitsPerMinute", "4");
    }
}

public sealed class RateLimitTests(TinyRateLimitFactory factory) : IClassFixture<TinyRateLimitFactory>
{
    [Fact]
    public async Task RequestsWithoutAKeyPastTheLimitAre429WithRetryAfter()
    {
        var client = factory.CreateClient();

        for (var remaining = 2; remaining >= 0; remaining--)
        {
            var response = await client.GetAsync("/api/v1/topics");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("\"anonymous\";q=3;w=60", response.Headers.GetValues("RateLimit-Policy").Single());
            Assert.StartsWith($"\"anonymous\";r={remaining};t=", response.Headers.GetValues("RateLimit").Single());
        }
        var refused = await client.GetAsync("/api/v1/topics");

        var problem = await refused.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.Contains("3 times a minute", problem.GetProperty("detail").GetString());
        Assert.InRange(refused.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 20);
        Assert.StartsWith("\"anonymous\";r=0;t=", refused.Headers.GetValues("RateLimit").Single());
        Assert.Equal("nosniff", refused.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task EachKeyHasABucketOfItsOwn()
    {
        var (first, _) = await factory.CreateClientWithRoleAsync(ApiKeyRole.Reader);
        var (second, _) = await factory.CreateClientWithRoleAsync(ApiKeyRole.Reader);

        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await first.GetAsync("/api/v1/officials")).StatusCode);
        }
        var refused = await first.GetAsync("/api/v1/officials");
        var other = await second.GetAsync("/api/v1/officials");

        await refused.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.Equal("\"key\";q=4;w=60", refused.Headers.GetValues("RateLimit-Policy").Single());
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        Assert.StartsWith("\"key\";r=3;", other.Headers.GetValues("RateLimit").Single());
    }

    [Fact]
    public async Task HealthAndTheDocumentAreNotLimited()
    {
        var client = factory.CreateClient();

        for (var i = 0; i < 10; i++)
        {
            var response = await client.GetAsync("/health");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.False(response.Headers.Contains("RateLimit"));
        }
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/swagger/v1/swagger.json")).StatusCode);
    }

    [Fact]
    public async Task TheDocumentDescribesThe429AndThe413()
    {
        var paths = (await (await factory.CreateClient().GetAsync("/swagger/v1/swagger.json")).ReadJsonAsync()).GetProperty("paths");

        Assert.True(paths.GetProperty("/api/v1/statements").GetProperty("get").GetProperty("responses").TryGetProperty("429", out _));
        Assert.True(paths.GetProperty("/api/v1/statements").GetProperty("post").GetProperty("responses").TryGetProperty("413", out _));
        Assert.False(paths.GetProperty("/api/v1/statements").GetProperty("get").GetProperty("responses").TryGetProperty("413", out _));
    }
}

/// <summary>The tiny limits again, on a server of its own: its wrong keys must not share an address bucket with other tests.</summary>
public sealed class KeyGuessingFactory : TinyRateLimitFactory;

public sealed class KeyGuessingTests(KeyGuessingFactory factory) : IClassFixture<KeyGuessingFactory>
{
    [Fact]
    public async Task RequestsWithWrongKeysAreChargedToTheAddressAndRefusedPastItsLimit()
    {
        for (var remaining = 2; remaining >= 0; remaining--)
        {
            var guess = await factory.CreateClientWithKey($"stk_bogus{remaining}").GetAsync("/api/v1/topics");
            await guess.AssertProblemAsync(HttpStatusCode.Unauthorized);
            Assert.Equal("\"anonymous\";q=3;w=60", guess.Headers.GetValues("RateLimit-Policy").Single());
            Assert.StartsWith($"\"anonymous\";r={remaining};t=", guess.Headers.GetValues("RateLimit").Single());
        }

        var refused = await factory.CreateClientWithKey("stk_bogus3").GetAsync("/api/v1/topics");
        var withoutKey = await factory.CreateClient().GetAsync("/api/v1/topics");
        var (valid, _) = await factory.CreateClientWithRoleAsync(ApiKeyRole.Reader);
        var withValidKey = await valid.GetAsync("/api/v1/topics");

        await refused.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.StartsWith("\"anonymous\";r=0;t=", refused.Headers.GetValues("RateLimit").Single());
        await withoutKey.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.Equal(HttpStatusCode.OK, withValidKey.StatusCode);
        Assert.Equal("\"key\";q=4;w=60", withValidKey.Headers.GetValues("RateLimit-Policy").Single());
    }
}

/// <summary>
/// The API on real Kestrel (which enforces the body size limit and sends no Server header), with a 64 KiB body limit,
/// loopback as a trusted proxy and two requests a minute per client address.
/// </summary>
public sealed class KestrelApiFactory : ApiFactory
{
    public KestrelApiFactory() => UseKestrel(0);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Statements:MaxRequestBodyBytes", "65536");
        builder.UseSetting("Statements:KnownProxies:0", "127.0.0.1");
        builder.UseSetting("Statements:RateLimit:AnonymousPermitsPerMinute", "2");
    }
}

public sealed class KestrelLimitsTests(KestrelApiFactory factory) : IClassFixture<KestrelApiFactory>
{
    [Fact]
    public async Task ThereIsNoServerBanner()
    {
        var response = await factory.CreateClient().GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Server"));
    }

    [Fact]
    public async Task ABodyOverTheLimitIs413()
    {
        var body = $$"""{"slug":"big","name":"Big","aliases":["{{new string('x', 100_000)}}"]}""";

        var response = await factory.CreateWriter().PostAsync("/api/v1/officials", new StringContent(body, Encoding.UTF8, "application/json"));

        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task SourcesTakeLongerTextsThanTheDefaultLimit()
    {
        var response = await factory.CreateWriter().PostJsonAsync("/api/v1/sources", new { title = "A long transcript", text = new string('y', 200_000) });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task AKnownProxyNamesTheClientWhoseBucketIsUsed()
    {
        var client = factory.CreateClient();
        var (first, second) = ($"203.0.113.{Random.Shared.Next(1, 127)}", $"203.0.113.{Random.Shared.Next(128, 255)}");

        await ForwardedGetAsync(client, first);
        var firstAgain = await ForwardedGetAsync(client, first);
        var other = await ForwardedGetAsync(client, second);

        Assert.StartsWith("\"anonymous\";r=0;", firstAgain.Headers.GetValues("RateLimit").Single());
        Assert.StartsWith("\"anonymous\";r=1;", other.Headers.GetValues("RateLimit").Single());
    }

    internal static Task<HttpResponseMessage> ForwardedGetAsync(HttpClient client, string address)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/topics");
        request.Headers.Add("X-Forwarded-For", address);
        return client.SendAsync(request);
    }
}

/// <summary>Kestrel again, but with no proxy listed: X-Forwarded-For is nobody's word.</summary>
public sealed class UntrustingKestrelApiFactory : ApiFactory
{
    public UntrustingKestrelApiFactory() => UseKestrel(0);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Statements:RateLimit:AnonymousPermitsPerMinute", "2");
    }
}

public sealed class UntrustedProxyTests(UntrustingKestrelApiFactory factory) : IClassFixture<UntrustingKestrelApiFactory>
{
    [Fact]
    public async Task ForwardedHeadersFromAnUnlistedProxyAreIgnored()
    {
        var client = factory.CreateClient();

        await KestrelLimitsTests.ForwardedGetAsync(client, "198.51.100.1");
        var other = await KestrelLimitsTests.ForwardedGetAsync(client, "198.51.100.2");

        Assert.StartsWith("\"anonymous\";r=0;", other.Headers.GetValues("RateLimit").Single());
    }
}

/// <summary>A server on real Kestrel (so request bodies stream in as sent) that waits only a second for a database lock.</summary>
public sealed class ImpatientApiFactory : ApiFactory
{
    public ImpatientApiFactory() => UseKestrel(0);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("ConnectionStrings:Statements", $"Data Source={DatabasePath};Default Timeout=1");
    }
}

public sealed class BusyDatabaseTests(ImpatientApiFactory factory) : IClassFixture<ImpatientApiFactory>
{
    [Fact]
    public async Task AWriteThatCannotGetTheLockInTimeIs503WithRetryAfter()
    {
        var writer = factory.CreateWriter();
        await using (await HoldWriteLockAsync())
        {
            var response = await writer.PostJsonAsync("/api/v1/topics", new { slug = "busy-topic", name = "Busy" });

            await response.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
            Assert.NotNull(response.Headers.RetryAfter);
        }

        Assert.Equal(HttpStatusCode.Created, (await writer.PostJsonAsync("/api/v1/topics", new { slug = "busy-topic", name = "Busy" })).StatusCode);
    }

    [Fact]
    public async Task WritesQueuedPastTheBusyTimeoutAre503WithRetryAfterAndWriteNothing()
    {
        var writer = factory.CreateWriter();
        await using (await HoldWriteLockAsync())
        {
            // Writes take turns, and each waits a second for the lock: the first two hold the turn a second each, so the
            // third cannot get its turn within its second of waiting in the queue.
            var responses = await Task.WhenAll(Enumerable.Range(0, 3).Select(i =>
                writer.PostJsonAsync("/api/v1/topics", new { slug = $"queued-topic-{i}", name = "Queued" })));

            foreach (var response in responses)
            {
                await response.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
                Assert.NotNull(response.Headers.RetryAfter);
            }
        }

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await writer.GetAsync($"/api/v1/topics/queued-topic-{i}")).StatusCode);
        }
    }

    /// <summary>Holds SQLite's write lock (BEGIN IMMEDIATE) from a connection of the test's own until disposed, then rolls back.</summary>
    private async Task<WriteLock> HoldWriteLockAsync()
    {
        var connection = new SqliteConnection($"Data Source={factory.DatabasePath};Pooling=False");
        await connection.OpenAsync();
        return new WriteLock(connection, connection.BeginTransaction(deferred: false));
    }

    private sealed class WriteLock(SqliteConnection connection, SqliteTransaction transaction) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await transaction.DisposeAsync();
            await connection.DisposeAsync();
        }
    }

    [Fact]
    public async Task ASlowUploadDoesNotHoldUpOtherWrites()
    {
        var writer = factory.CreateWriter();
        // Sent by hand on a connection of its own: half the body, a pause longer than the server waits for a write's
        // turn (a second), then the rest.
        var body = Encoding.UTF8.GetBytes("""{"slug":"slow-topic","name":"Slow"}""");
        using var socket = new System.Net.Sockets.TcpClient();
        await socket.ConnectAsync(writer.BaseAddress!.Host, writer.BaseAddress.Port);
        var stream = socket.GetStream();
        var head = $"POST /api/v1/topics HTTP/1.1\r\nHost: {writer.BaseAddress.Authority}\r\nContent-Type: application/json\r\n" +
            $"Authorization: {writer.DefaultRequestHeaders.Authorization}\r\nContent-Length: {body.Length}\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        await stream.WriteAsync(body.AsMemory(0, body.Length / 2));
        await Task.Delay(TimeSpan.FromSeconds(0.5));

        var quick = await writer.PostJsonAsync("/api/v1/topics", new { slug = "quick-topic", name = "Quick" });
        Assert.Equal(HttpStatusCode.Created, quick.StatusCode);

        await Task.Delay(TimeSpan.FromSeconds(1));
        await stream.WriteAsync(body.AsMemory(body.Length / 2));
        var answer = new byte[64];
        var read = await stream.ReadAsync(answer);
        Assert.StartsWith("HTTP/1.1 201", Encoding.ASCII.GetString(answer, 0, read));
    }
}
