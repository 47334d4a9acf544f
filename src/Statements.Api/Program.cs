// Wiring only: configuration, services, middleware and one Map…Api() call per resource.
using Microsoft.AspNetCore.Http.Json;
using Statements.Api.Auth;
using Statements.Api.ChangeFeed;
using Statements.Api.Common;
using Statements.Api.Data;
using Statements.Api.Import;
using Statements.Api.Meetings;
using Statements.Api.Officials;
using Statements.Api.Sources;
using Statements.Api.Statements;
using Statements.Api.Stats;
using Statements.Api.Topics;

var isCommand = args is ["keys", ..];
var builder = WebApplication.CreateBuilder(isCommand ? [] : args);

DapperSetup.Configure();
var connectionString = builder.Configuration.GetConnectionString("Statements")
    ?? $"Data Source={Path.Combine(builder.Environment.ContentRootPath, "data", "statements.db")}";
var db = new Db(connectionString);
var loadSampleData = builder.Configuration.GetValue("Statements:SampleData", true);
builder.Services.AddSingleton(db);

if (isCommand)
{
    return await ApiKeys.RunCommandAsync(args, db, loadSampleData);
}

// Without --urls, ASPNETCORE_URLS or *_PORTS, listen where the README says.
if (new[] { "urls", "http_ports", "https_ports" }.All(key => string.IsNullOrEmpty(builder.Configuration[key])))
{
    builder.WebHost.UseUrls("http://localhost:5080");
}
builder.Services.Configure<JsonOptions>(options => ApiJson.Configure(options.SerializerOptions));
builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
    context.ProblemDetails.Extensions["traceId"] = context.HttpContext.TraceIdentifier);
builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
builder.Services.AddAuthentication(ApiKeys.Scheme)
    .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeys.Scheme, null);
builder.Services.AddAuthorization();
builder.Services.AddStatementsOpenApi();
builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");

var app = builder.Build();

await Migrator.PrepareAsync(db, loadSampleData);

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseAuthentication();
app.UseAuthorization();
app.UseIdempotency();
app.UseStatementsOpenApi();

app.MapHealthChecks("/health", DatabaseHealthCheck.Options);
var api = app.MapGroup("/api/v1");
api.MapOfficialsApi();
api.MapTopicsApi();
api.MapMeetingsApi();
api.MapSourcesApi();
api.MapStatementsApi();
api.MapBulkImportApi();
api.MapChangesApi();
api.MapStatsApi();

app.Run();
return 0;
