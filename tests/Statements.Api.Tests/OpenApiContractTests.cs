using System.Net;
using System.Text.Json;

namespace Statements.Api.Tests;

/// <summary>Reads /swagger/v1/swagger.json in process and checks what generated clients rely on.</summary>
public sealed class OpenApiContractTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private async Task<JsonElement> DocumentAsync()
    {
        var response = await factory.CreateClient().GetAsync("/swagger/v1/swagger.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadJsonAsync();
    }

    private static IEnumerable<(string Path, string Method, JsonElement Operation)> Operations(JsonElement document) =>
        document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(op => (path.Name, op.Name, op.Value)));

    [Fact]
    public async Task EveryOperationHasAUniqueOperationIdSummaryAndTag()
    {
        var operations = Operations(await DocumentAsync()).ToList();

        var ids = operations.Select(o => o.Operation.GetProperty("operationId").GetString()).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(operations, o => Assert.False(string.IsNullOrWhiteSpace(o.Operation.GetProperty("summary").GetString()), $"{o.Method} {o.Path}"));
        Assert.All(operations, o => Assert.Equal(1, o.Operation.GetProperty("tags").GetArrayLength()));
    }

    [Theory]
    [InlineData("/api/v1/officials/{idOrSlug}")]
    [InlineData("/api/v1/topics/{idOrSlug}")]
    [InlineData("/api/v1/meetings/{idOrSlug}")]
    [InlineData("/api/v1/sources/{id}")]
    public async Task DeletingWhatIsStillInUseIsDocumentedAsAConflict(string path)
    {
        var delete = (await DocumentAsync()).GetProperty("paths").GetProperty(path).GetProperty("delete");

        Assert.True(delete.GetProperty("responses").TryGetProperty("409", out _));
        Assert.StartsWith("409 while", delete.GetProperty("description").GetString());
        Assert.Contains("cannot be restored", delete.GetProperty("description").GetString());
    }

    [Theory]
    [InlineData("/api/v1/statements", "get", "listStatements")]
    [InlineData("/api/v1/statements", "post", "createStatement")]
    [InlineData("/api/v1/statements/{id}", "get", "getStatement")]
    [InlineData("/api/v1/statements/{id}", "put", "replaceStatement")]
    [InlineData("/api/v1/statements/{id}", "patch", "patchStatement")]
    [InlineData("/api/v1/statements/{id}", "delete", "deleteStatement")]
    [InlineData("/api/v1/officials/{idOrSlug}", "get", "getOfficial")]
    [InlineData("/api/v1/officials/{idOrSlug}/statements", "get", "listOfficialStatements")]
    [InlineData("/api/v1/topics/{idOrSlug}/statements", "get", "listTopicStatements")]
    [InlineData("/api/v1/meetings/{idOrSlug}/statements", "get", "listMeetingStatements")]
    [InlineData("/api/v1/meetings/{idOrSlug}/participants", "get", "listMeetingParticipants")]
    [InlineData("/api/v1/sources/{id}/statements", "get", "listSourceStatements")]
    [InlineData("/api/v1/extract", "post", "extractStatements")]
    [InlineData("/api/v1/sources/{id}/extract", "post", "extractFromSource")]
    public async Task KeyOperationsKeepTheirStableIds(string path, string method, string operationId)
    {
        var document = await DocumentAsync();

        Assert.Equal(operationId, document.GetProperty("paths").GetProperty(path).GetProperty(method).GetProperty("operationId").GetString());
    }

    [Fact]
    public async Task ExtractingASourceDocumentsItsOptionalBodyOfPublishedOnAndLanguage()
    {
        var document = await DocumentAsync();
        var body = document.GetProperty("paths").GetProperty("/api/v1/sources/{id}/extract").GetProperty("post").GetProperty("requestBody");

        Assert.False(body.TryGetProperty("required", out var required) && required.GetBoolean());
        var reference = body.GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString()!;
        var schema = document.GetProperty("components").GetProperty("schemas").GetProperty(reference.Split('/')[^1]);
        Assert.Equal(["language", "publishedOn"], schema.GetProperty("properties").EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal("date", schema.GetProperty("properties").GetProperty("publishedOn").GetProperty("format").GetString());
        Assert.False(schema.GetProperty("additionalProperties").GetBoolean());
    }

    [Fact]
    public async Task EveryParameterIsFlatAndDescribed()
    {
        foreach (var (path, method, operation) in Operations(await DocumentAsync()))
        {
            if (!operation.TryGetProperty("parameters", out var parameters))
            {
                continue;
            }
            foreach (var parameter in parameters.EnumerateArray())
            {
                var name = parameter.GetProperty("name").GetString()!;
                Assert.DoesNotContain("[", name);
                if (parameter.GetProperty("in").GetString() != "header") // headers keep their HTTP spelling (If-Match)
                {
                    Assert.Equal(char.ToLowerInvariant(name[0]), name[0]);
                }
                Assert.False(parameter.TryGetProperty("style", out var style) && style.GetString() == "deepObject", $"{method} {path} {name}");
                Assert.True(parameter.TryGetProperty("description", out _), $"{method} {path}: parameter {name} has no description");
            }
        }
    }

    [Fact]
    public async Task TheHeadersAClientActsOnAreDocumented()
    {
        foreach (var (path, method, operation) in Operations(await DocumentAsync()))
        {
            var responses = operation.GetProperty("responses");
            bool Documents(string status, string header) =>
                responses.GetProperty(status).TryGetProperty("headers", out var headers) && headers.TryGetProperty(header, out _);
            if (responses.TryGetProperty("201", out _))
            {
                Assert.True(Documents("201", "Location"), $"{method} {path}: Location");
            }
            if (responses.TryGetProperty("304", out _))
            {
                Assert.True(Documents("200", "ETag"), $"{method} {path}: ETag");
            }
            if (operation.TryGetProperty("parameters", out var parameters) && parameters.EnumerateArray().Any(p => p.GetProperty("name").GetString() == "cursor"))
            {
                Assert.True(Documents("200", "Link"), $"{method} {path}: Link");
            }
            if (operation.TryGetProperty("requestBody", out _))
            {
                Assert.True(responses.TryGetProperty("415", out _), $"{method} {path}: 415");
            }
            if (responses.TryGetProperty("429", out _))
            {
                Assert.True(Documents("429", "Retry-After"), $"{method} {path}: Retry-After");
            }
        }
    }

    [Fact]
    public async Task EveryWriteDocumentsABusyDatabaseAndAFullDisk()
    {
        var writes = Operations(await DocumentAsync())
            .Where(o => o.Method != "get" && !ReadOnlyPosts.Contains(o.Operation.GetProperty("operationId").GetString()!))
            .ToList();

        Assert.Contains(writes, o => o.Operation.GetProperty("operationId").GetString() == "importStatements");
        foreach (var (path, method, operation) in writes)
        {
            var responses = operation.GetProperty("responses");
            foreach (var status in new[] { "503", "507" })
            {
                Assert.True(responses.TryGetProperty(status, out var response), $"{method} {path}: {status}");
                Assert.True(response.GetProperty("content").TryGetProperty("application/problem+json", out _), $"{method} {path}: {status}");
            }
            Assert.True(responses.GetProperty("503").GetProperty("headers").TryGetProperty("Retry-After", out _), $"{method} {path}: Retry-After");
        }
        foreach (var (path, method, operation) in Operations(await DocumentAsync()).Where(o => o.Method == "get"))
        {
            Assert.False(operation.GetProperty("responses").TryGetProperty("507", out _), $"{method} {path}");
        }
    }

    /// <summary>POSTs that write nothing: extraction only proposes statements, so it is public like every read.</summary>
    private static readonly HashSet<string> ReadOnlyPosts = ["extractStatements", "extractFromSource"];

    [Fact]
    public async Task ErrorsAreDocumentedAsProblemsAndWritesNeedAKey()
    {
        foreach (var (path, method, operation) in Operations(await DocumentAsync()))
        {
            var responses = operation.GetProperty("responses");
            foreach (var response in responses.EnumerateObject().Where(r => r.Name.StartsWith('4')))
            {
                var content = response.Value.GetProperty("content");
                Assert.True(content.TryGetProperty("application/problem+json", out _), $"{method} {path} {response.Name}");
            }
            // Reads are public (unless Statements:RequireKeyForReads, see SecurityTests), and so are POSTs that write nothing
            // (extraction); key management is for admins.
            var needsKey = (method != "get" && !ReadOnlyPosts.Contains(operation.GetProperty("operationId").GetString()!))
                || path.StartsWith("/api/v1/keys", StringComparison.Ordinal);
            var security = operation.GetProperty("security");
            Assert.Equal(needsKey, security.EnumerateArray().Any(s => s.EnumerateObject().Any()));
            // A key that is sent is checked on every operation, public or not; every operation refuses an unknown query parameter.
            Assert.True(responses.TryGetProperty("401", out _), $"{method} {path}: 401");
            Assert.True(responses.TryGetProperty("400", out _), $"{method} {path}: 400");
            Assert.Equal(needsKey, responses.TryGetProperty("403", out _));
        }
    }

    [Fact]
    public async Task EnumsAreStringEnumsWithTheirWireNames()
    {
        var schemas = (await DocumentAsync()).GetProperty("components").GetProperty("schemas");

        Assert.Equal(["quote", "paraphrase"], schemas.GetProperty("StatementKind").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["day", "month", "year"], schemas.GetProperty("DatePrecision").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("press-conference", schemas.GetProperty("MeetingKind").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
    }

    [Theory]
    [InlineData("/api/v1/statements", "kind", "StatementKind")]
    [InlineData("/api/v1/statements", "relation", "RelationType")]
    [InlineData("/api/v1/statements", "sort", "StatementSort")]
    [InlineData("/api/v1/statements", "format", "ExportFormat")]
    [InlineData("/api/v1/officials/{idOrSlug}/meetings", "kind", "MeetingKind")]
    [InlineData("/api/v1/meetings", "format", "ExportFormat")]
    [InlineData("/api/v1/stats/statements", "groupBy", "StatsGroupBy")]
    [InlineData("/api/v1/changes", "resource", "ChangedResource")]
    public async Task QueryParametersWithAClosedListOfValuesAreEnums(string path, string name, string schema)
    {
        var document = await DocumentAsync();
        var parameter = document.GetProperty("paths").GetProperty(path).GetProperty("get").GetProperty("parameters")
            .EnumerateArray().Single(p => p.GetProperty("name").GetString() == name).GetProperty("schema");
        var reference = parameter.TryGetProperty("items", out var items) ? items : parameter;

        Assert.Equal("#/components/schemas/" + schema, reference.GetProperty("$ref").GetString());
        var values = document.GetProperty("components").GetProperty("schemas").GetProperty(schema).GetProperty("enum").EnumerateArray().Select(v => v.GetString()!).ToList();
        Assert.NotEmpty(values);
    }

    [Fact]
    public async Task StatementFiltersGiveGeneratorsTheirTypes()
    {
        var parameters = (await DocumentAsync()).GetProperty("paths").GetProperty("/api/v1/statements").GetProperty("get").GetProperty("parameters")
            .EnumerateArray().ToDictionary(p => p.GetProperty("name").GetString()!);

        foreach (var ids in new[] { "source", "relatedTo" })
        {
            Assert.Equal("array", parameters[ids].GetProperty("schema").GetProperty("type").GetString());
            Assert.Equal("integer", parameters[ids].GetProperty("schema").GetProperty("items").GetProperty("type").GetString());
        }
        Assert.Equal("date-time", parameters["updatedSince"].GetProperty("schema").GetProperty("format").GetString());
        Assert.Contains("speaker", parameters["q"].GetProperty("description").GetString());
        Assert.Equal(["relevance", "-saidOn", "saidOn", "-updatedAt", "updatedAt", "-id", "id"],
            (await DocumentAsync()).GetProperty("components").GetProperty("schemas").GetProperty("StatementSort").GetProperty("enum").EnumerateArray().Select(v => v.GetString()));
    }

    [Fact]
    public async Task EmbeddedResourcesHaveOneSchemaWhetherSummaryOrFull()
    {
        var statement = (await DocumentAsync()).GetProperty("components").GetProperty("schemas").GetProperty("Statement").GetProperty("properties");

        Assert.Equal("#/components/schemas/Official", statement.GetProperty("official").GetProperty("$ref").GetString());
        Assert.Equal("#/components/schemas/Topic", statement.GetProperty("topics").GetProperty("items").GetProperty("$ref").GetString());
        Assert.Equal("integer", statement.GetProperty("officialId").GetProperty("type").GetString());
    }

    [Fact]
    public async Task WhatTheServerEnforcesOnQueryParametersIsInTheSchema()
    {
        var document = await DocumentAsync();
        JsonElement Parameter(string path, string name) =>
            document.GetProperty("paths").GetProperty(path).GetProperty("get").GetProperty("parameters").EnumerateArray()
                .Single(p => p.GetProperty("name").GetString() == name);

        Assert.True(Parameter("/api/v1/stats/statements", "groupBy").GetProperty("required").GetBoolean());
        foreach (var (path, maximum) in new[] { ("/api/v1/statements", 500), ("/api/v1/officials", 500), ("/api/v1/keys", 500), ("/api/v1/changes", 1000) })
        {
            var limit = Parameter(path, "limit").GetProperty("schema");
            Assert.Equal((1, maximum), (limit.GetProperty("minimum").GetInt32(), limit.GetProperty("maximum").GetInt32()));
        }
    }

    [Theory]
    [InlineData("/api/v1/officials/{idOrSlug}", "put")]
    [InlineData("/api/v1/topics/{idOrSlug}", "patch")]
    [InlineData("/api/v1/statements/{id}", "delete")]
    [InlineData("/api/v1/statements/{id}/relations", "post")]
    public async Task WritesDocumentBothPreconditionHeaders(string path, string method)
    {
        var headers = (await DocumentAsync()).GetProperty("paths").GetProperty(path).GetProperty(method).GetProperty("parameters").EnumerateArray()
            .Where(p => p.GetProperty("in").GetString() == "header").Select(p => p.GetProperty("name").GetString()).ToList();

        Assert.Contains("If-Match", headers);
        Assert.Contains("If-None-Match", headers);
    }

    [Theory]
    [InlineData("ProblemDetails")]
    [InlineData("HttpValidationProblemDetails")]
    public async Task ProblemSchemasDeclareTheTraceIdEveryProblemCarries(string schema)
    {
        var properties = (await DocumentAsync()).GetProperty("components").GetProperty("schemas").GetProperty(schema).GetProperty("properties");

        Assert.Equal("string", properties.GetProperty("traceId").GetProperty("type").GetString());
    }

    [Fact]
    public async Task SwaggerUiIsServed()
    {
        var response = await factory.CreateClient().GetAsync("/swagger/index.html");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("swagger-ui", await response.Content.ReadAsStringAsync());
    }
}
