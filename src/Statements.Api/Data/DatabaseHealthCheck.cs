// Health probes. GET /health/live: the process is up and serving HTTP; no database work, so a slow or broken
// database never gets the process restarted. GET /health/ready (and GET /health, as before): the database answers a
// query, so the instance can take traffic. Both answer 200 when healthy, 503 when not.
using System.Text.Json;
using Dapper;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Statements.Api.Data;

public sealed class DatabaseHealthCheck(Db db) : IHealthCheck
{
    /// <summary>The tag of the checks that readiness runs.</summary>
    public const string ReadyTag = "ready";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM schema_migrations");
            return HealthCheckResult.Healthy("The database answers.");
        }
        catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy("The database does not answer.");
        }
    }

    /// <summary>Runs no check: writes {"status":"Healthy","checks":{}} while the process serves requests.</summary>
    public static HealthCheckOptions Liveness { get; } = new()
    {
        Predicate = _ => false,
        ResponseWriter = WriteReport,
    };

    /// <summary>Runs the checks tagged ready: writes {"status":"Healthy","checks":{"database":"Healthy"}}.</summary>
    public static HealthCheckOptions Readiness { get; } = new()
    {
        Predicate = check => check.Tags.Contains(ReadyTag),
        ResponseWriter = WriteReport,
    };

    private static Task WriteReport(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => e.Value.Status.ToString()),
        }));
    }
}
