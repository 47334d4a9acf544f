// Liveness (/health/live: the process serves HTTP, no database work) and readiness (/health/ready and /health: the
// database answers), healthy and with a database that has become unreadable under the running server.
using System.Net;
using Microsoft.Data.Sqlite;

namespace Statements.Api.Tests;

public sealed class HealthyDatabaseFactory : ApiFactory;

public sealed class BrokenDatabaseFactory : ApiFactory;

public sealed class HealthTests(HealthyDatabaseFactory healthy) : IClassFixture<HealthyDatabaseFactory>
{
    [Theory]
    [InlineData("/health/ready")]
    [InlineData("/health")]
    public async Task ReadinessReportsTheDatabase(string path)
    {
        var response = await healthy.CreateClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.ReadJsonAsync();
        Assert.Equal("Healthy", body.GetProperty("status").GetString());
        Assert.Equal("Healthy", body.GetProperty("checks").GetProperty("database").GetString());
    }

    [Fact]
    public async Task LivenessRunsNoCheck()
    {
        var response = await healthy.CreateClient().GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.ReadJsonAsync();
        Assert.Equal("Healthy", body.GetProperty("status").GetString());
        Assert.Empty(body.GetProperty("checks").EnumerateObject());
    }

    [Fact]
    public async Task ProbesNeedNoKeyAndAreNeverCached()
    {
        foreach (var path in new[] { "/health/live", "/health/ready", "/health" })
        {
            var response = await healthy.CreateClient().GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True(response.Headers.CacheControl?.NoStore, $"{path} may be cached");
        }
    }
}

public sealed class BrokenDatabaseHealthTests(BrokenDatabaseFactory factory) : IClassFixture<BrokenDatabaseFactory>
{
    [Fact]
    public async Task AnUnreadableDatabaseMakesTheServerUnreadyButStillAlive()
    {
        var client = factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);

        // The file is replaced by something that is not a database while the server runs.
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "-wal", "-shm" })
        {
            File.Delete(factory.DatabasePath + suffix);
        }
        await File.WriteAllTextAsync(factory.DatabasePath, new string('x', 8192));

        foreach (var path in new[] { "/health/ready", "/health" })
        {
            var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            var body = await response.ReadJsonAsync();
            Assert.Equal("Unhealthy", body.GetProperty("status").GetString());
            Assert.Equal("Unhealthy", body.GetProperty("checks").GetProperty("database").GetString());
        }
        var live = await client.GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal("Healthy", (await live.ReadJsonAsync()).GetProperty("status").GetString());
    }
}
