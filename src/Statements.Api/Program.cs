// Wiring only: configuration, services, middleware and one Map…Api() call per resource.
using Microsoft.AspNetCore.Http.Json;
using Statements.Api.Auth;
using Statements.Api.ChangeFeed;
using Statements.Api.Common;
using Statements.Api.Data;
using Statements.Api.History;
using Statements.Api.Extraction;
using Statements.Api.Import;
using Statements.Api.Meetings;
using Statements.Api.Officials;
using Statements.Api.Security;
using Statements.Api.Sources;
using Statements.Api.Statements;
using Statements.Api.Stats;
using Statements.Api.Topics;

var isCommand = args is ["keys", ..] or ["seed-synthetic", ..] or ["backup", ..];
var builder = WebApplication.CreateBuilder(isCommand ? [] : args);

DapperSetup.Configure();
var connectionString = builder.Configuration.GetConnectionString("Statements")
    ?? $"Data Source={Path.Combine(builder.Environment.ContentRootPath, "data", "statements.db")}";
var db = new Db(connectionString).FollowConfiguration(builder.Configuration);
var loadSampleData = builder.Configuration.GetValue("Statements:SampleData", true);
builder.Services.AddSingleton(db);
builder.Services.AddSingleton<Statements.Api.Statements.SearchRanking>();

if (args is ["seed-synthetic", ..])
{
    return await SyntheticData.RunCommandAsync(args, db);
}
if (args is ["backup", ..])
{
    return await Backup.RunCommandAsync(args, db);
}
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
{
    context.ProblemDetails.Type ??= context.ProblemDetails.Status is { } status ? Problems.TypeFor(status) : null;
    if (context.ProblemDetails.Status == StatusCodes.Status415UnsupportedMediaType)
    {
        context.ProblemDetails.Detail ??= Problems.UnsupportedMediaTypeDetail(context.HttpContext);
    }
    Problems.ShortenEchoes(context.ProblemDetails);
    context.ProblemDetails.Extensions["traceId"] = context.HttpContext.TraceIdentifier;
});
builder.Services.AddSingleton<IProblemDetailsWriter, ProblemJsonWriter>();
builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
builder.Services.AddStatementsAuthorization(builder.Configuration);
builder.AddStatementsSecurity();
builder.Services.AddStatementsOpenApi();
builder.Services.AddStatementsCompression();
// The build's OpenAPI document generator (GetDocument.Insider) starts this host only to read the document: no database work then.
var generatingDocument = System.Reflection.Assembly.GetEntryAssembly()?.GetName().Name == "GetDocument.Insider";
if (!generatingDocument)
{
    builder.Services.AddHostedService<Checkpoints>();
}
builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: [DatabaseHealthCheck.ReadyTag]);

var app = builder.Build();

app.UseStatementsSecurity();
// Outside the exception handler, so problems are compressed too, and outside idempotency, which keeps plain bodies.
app.UseStatementsCompression();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseStrictQuery();
app.UseHeadWithoutBody();
// The document and Swagger UI stay open even where reads need a key; rate limits and keys apply to the API.
app.UseStatementsOpenApi();
app.UseAuthentication();
// Before a bad key is refused, so that a request with one is charged to its address (guessing keys is limited too).
app.UseStatementsRateLimits();
app.UseInvalidKeyRefusal();
app.UseAuthorization();
// Writes take turns here rather than polling for SQLite's lock (the idempotency store's writes included).
app.UseWriteQueue();
// After authorization: a replayed response is for the key that made the first request.
app.UseIdempotency();

app.MapHealthChecks("/health/live", DatabaseHealthCheck.Liveness).AllowAnonymous();
app.MapHealthChecks("/health/ready", DatabaseHealthCheck.Readiness).AllowAnonymous();
app.MapHealthChecks("/health", DatabaseHealthCheck.Readiness).AllowAnonymous();
var api = app.MapGroup("/api/v1").AnswerHeadAsGet().RequireCanonicalIds();
api.MapOfficialsApi();
api.MapTopicsApi();
api.MapMeetingsApi();
api.MapSourcesApi();
api.MapStatementsApi();
api.MapStatementRelationsApi();
api.MapRevisionsApi();
api.MapBulkImportApi();
api.MapChangesApi();
api.MapStatsApi();
api.MapKeysApi();
api.MapExtractionApi();

PrebuiltEndpoints.BuildInBackground(app);

// Otherwise a database that cannot be opened or written stops start-up with one line on stderr, not a stack trace.
if (!generatingDocument && await Migrator.PrepareOrExplainAsync(db, loadSampleData) is { } failure)
{
    Console.Error.WriteLine(failure);
    return 1;
}

app.Run();
return 0;
