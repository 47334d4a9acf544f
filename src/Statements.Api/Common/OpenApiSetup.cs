// The OpenAPI document (/swagger/v1/swagger.json) and Swagger UI (/swagger), served in every environment.
// Writes are marked as needing an API key, and every error response is documented as a problem.
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Statements.Api.Common;

public static class OpenApiSetup
{
    private const string BearerScheme = "bearer";
    private const string HeaderScheme = "apiKey";

    public static IServiceCollection AddStatementsOpenApi(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(options =>
        {
            options.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "Statements API",
                Version = "v1",
                Description = "What public officials say: officials, statements, topics, meetings and sources, linked.",
            });
            // Every GET also answers HEAD (HeadRequests.AnswerHeadAsGet); the document lists each operation once, as its GET.
            options.DocInclusionPredicate((_, description) => description.HttpMethod != HttpMethods.Head);
            options.SupportNonNullableReferenceTypes();
            options.NonNullableReferenceTypesAsRequired();
            options.IncludeXmlComments(typeof(OpenApiSetup).Assembly);
            options.AddSecurityDefinition(BearerScheme, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "An API key, sent as 'Authorization: Bearer <key>'.",
            });
            options.AddSecurityDefinition(HeaderScheme, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = Auth.ApiKeys.HeaderName,
                Description = "An API key, sent as 'X-Api-Key: <key>'.",
            });
            options.OperationFilter<WriteSecurityFilter>();
            options.OperationFilter<MergePatchBodyFilter>();
            options.OperationFilter<ExportFormatsFilter>();
            options.OperationFilter<HiddenQueryParametersFilter>();
            options.OperationFilter<QueryParameterDescriptionsFilter>();
            options.OperationFilter<StrictQueryFilter>();
            options.OperationFilter<QueryValuesFilter>();
            options.OperationFilter<ConditionalHeadersFilter>();
            options.OperationFilter<ResponseHeadersFilter>();
            options.SchemaFilter<ReadOnlyMembersFilter>();
            options.SchemaFilter<ProblemTraceIdFilter>();
            options.OperationFilter<IdempotencyKeyFilter>();
            options.DocumentFilter<TagsAndServersFilter>();
            options.SchemaFilter<History.RevisionRecordSchemaFilter>();
            options.SchemaFilter<Import.IdOrSlugSchemaFilter>();
        });
        return services;
    }

    public static WebApplication UseStatementsOpenApi(this WebApplication app)
    {
        app.UseSwagger();
        app.UseSwaggerUI(options =>
        {
            options.SwaggerEndpoint("/swagger/v1/swagger.json", "Statements API v1");
            options.RoutePrefix = "swagger";
        });
        return app;
    }

    /// <summary>
    /// Marks the operations that need an API key, from the policies that guard them (or, on a deployment where reads need
    /// a key, the fallback policy), and documents their 401, their 403 when some keys lack the role, and for writes their
    /// 503 and 507. The rest are public, and document the 401 a key that was sent but is not valid gets.
    /// </summary>
    private sealed class WriteSecurityFilter(IOptions<AuthorizationOptions> authorization) : IOperationFilter
    {
        public void Apply(OpenApiOperation operation, OperationFilterContext context)
        {
            var metadata = context.ApiDescription.ActionDescriptor.EndpointMetadata;
            var options = authorization.Value;
            var policies = metadata.OfType<IAllowAnonymous>().Any()
                ? []
                : metadata.OfType<IAuthorizeData>().Select(a => a.Policy is null ? options.DefaultPolicy : options.GetPolicy(a.Policy)).OfType<AuthorizationPolicy>().ToList();
            if (policies.Count == 0 && !metadata.OfType<IAllowAnonymous>().Any() && options.FallbackPolicy is { } fallback)
            {
                policies.Add(fallback);
            }
            var problem = context.SchemaGenerator.GenerateSchema(typeof(Microsoft.AspNetCore.Mvc.ProblemDetails), context.SchemaRepository);
            operation.Responses ??= [];
            if (policies.Count == 0)
            {
                operation.Security = [new OpenApiSecurityRequirement()];
                // A key sent with a public request is still checked (Auth.ApiKeyPolicies.UseInvalidKeyRefusal).
                if (!metadata.OfType<IAllowAnonymous>().Any())
                {
                    operation.Responses["401"] = new OpenApiResponse
                    {
                        Description = "Unauthorized: an API key was sent that is not valid or has been revoked. No key is needed here; send none or a valid one.",
                        Content = new Dictionary<string, IOpenApiMediaType> { ["application/problem+json"] = new OpenApiMediaType { Schema = problem } },
                    };
                }
                return;
            }
            operation.Security =
            [
                new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] },
                new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(HeaderScheme, context.Document)] = [] },
            ];
            operation.Responses["401"] = new OpenApiResponse
            {
                Description = "Unauthorized: no API key, or one that is not valid or has been revoked.",
                Content = new Dictionary<string, IOpenApiMediaType> { ["application/problem+json"] = new OpenApiMediaType { Schema = problem } },
            };
            if (!HttpMethods.IsGet(context.ApiDescription.HttpMethod ?? HttpMethods.Get))
            {
                DocumentWriteFaults(operation, problem);
            }
            // Every policy must pass, so the roles allowed are those that all of them allow.
            var roles = policies.SelectMany(p => p.Requirements.OfType<RolesAuthorizationRequirement>())
                .Select(r => r.AllowedRoles)
                .Aggregate((IEnumerable<string>?)null, (all, next) => all is null ? next : all.Intersect(next))?.ToList() ?? [];
            if (roles.Count > 0 && Enum.GetValues<Auth.ApiKeyRole>().Select(Auth.ApiKeys.RoleName).Except(roles).Any())
            {
                operation.Responses["403"] = new OpenApiResponse
                {
                    Description = $"Forbidden: the API key's role is not {string.Join(" or ", roles)}.",
                    Content = new Dictionary<string, IOpenApiMediaType> { ["application/problem+json"] = new OpenApiMediaType { Schema = problem } },
                };
            }
        }
    }

    /// <summary>
    /// What only a write meets (ProblemExceptionHandler answers both): a database that stays busy past the write's wait,
    /// or read-only for a moment, is a 503 with Retry-After; a full disk, or the database at its configured cap, a 507.
    /// </summary>
    private static void DocumentWriteFaults(OpenApiOperation operation, IOpenApiSchema problem)
    {
        var content = new Dictionary<string, IOpenApiMediaType> { ["application/problem+json"] = new OpenApiMediaType { Schema = problem } };
        operation.Responses!["503"] = new OpenApiResponse
        {
            Description = "Service Unavailable: the database stayed busy past the wait for the write (or was read-only for a moment); nothing was written. Retry after the seconds in Retry-After.",
            Content = content,
            Headers = new Dictionary<string, IOpenApiHeader>
            {
                ["Retry-After"] = new OpenApiHeader { Description = "Seconds to wait before trying again.", Schema = new OpenApiSchema { Type = JsonSchemaType.String } },
            },
        };
        operation.Responses["507"] = new OpenApiResponse
        {
            Description = "Insufficient Storage: the disk, or the database at its configured cap (Statements:MaxDatabaseSizeMB), is full; nothing was written. Writes succeed again once there is room.",
            Content = content,
        };
    }

    /// <summary>
    /// A PATCH handler reads the raw JSON of the merge patch; the document shows a patch schema in its place: the resource's
    /// input fields with none required (a value replaces, null removes, absent keeps). Only the merge-patch media type is
    /// offered, as it is the only one the endpoints accept.
    /// </summary>
    private sealed class MergePatchBodyFilter : IOperationFilter
    {
        public void Apply(OpenApiOperation operation, OperationFilterContext context)
        {
            var accepts = context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<Microsoft.AspNetCore.Http.Metadata.IAcceptsMetadata>()
                .FirstOrDefault(a => a.ContentTypes.Contains(JsonMergePatch.MediaType));
            if (accepts?.RequestType is null)
            {
                return;
            }
            var input = context.SchemaGenerator.GenerateSchema(accepts.RequestType, context.SchemaRepository);
            var inputId = (input as OpenApiSchemaReference)?.Reference.Id ?? accepts.RequestType.Name;
            var patchId = (inputId.EndsWith("Input", StringComparison.Ordinal) ? inputId[..^"Input".Length] : inputId) + "Patch";
            if (!context.SchemaRepository.Schemas.ContainsKey(patchId) && context.SchemaRepository.Schemas.TryGetValue(inputId, out var full))
            {
                context.SchemaRepository.Schemas[patchId] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Description = $"A JSON Merge Patch (RFC 7396) of {inputId}: a member given replaces, null removes, absent keeps.",
                    Properties = full.Properties is null ? null : new Dictionary<string, IOpenApiSchema>(full.Properties),
                    AdditionalPropertiesAllowed = full.AdditionalPropertiesAllowed,
                };
            }
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Description = "A JSON Merge Patch (RFC 7396) of the resource's input fields.",
                Content = new Dictionary<string, IOpenApiMediaType>
                {
                    [JsonMergePatch.MediaType] = new OpenApiMediaType { Schema = new OpenApiSchemaReference(patchId, context.Document) },
                },
            };
        }
    }

    /// <summary>A list that streams exports answers 200 with CSV and NDJSON as well as its JSON page.</summary>
    private sealed class ExportFormatsFilter : IOperationFilter
    {
        public void Apply(OpenApiOperation operation, OperationFilterContext context)
        {
            if (!context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<Export.StreamsExports>().Any()
                || operation.Responses?.TryGetValue("200", out var ok) != true || ok?.Content is null)
            {
                return;
            }
            ok.Content[Export.Exports.CsvMediaType] = new OpenApiMediaType
            {
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, Description = "RFC 4180 CSV with a header row, one row per item." },
            };
            ok.Content[Export.Exports.NdjsonMediaType] = new OpenApiMediaType
            {
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, Description = "One JSON item per line, as in the page's items." },
            };
        }
    }

    /// <summary>Leaves out of the document the query parameters an endpoint binds but refuses (see <see cref="HiddenQueryParameters"/>).</summary>
    private sealed class HiddenQueryParametersFilter : IOperationFilter
    {
        public void Apply(OpenApiOperation operation, OperationFilterContext context)
        {
            var hidden = context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<HiddenQueryParameters>()
                .SelectMany(h => h.Names).ToHashSet(StringComparer.OrdinalIgnoreCase);
            if (hidden.Count == 0 || operation.Parameters is null)
            {
                return;
            }
            foreach (var parameter in operation.Parameters.Where(p => p.In == ParameterLocation.Query && hidden.Contains(p.Name ?? "")).ToList())
            {
                operation.Parameters.Remove(parameter);
            }
        }
    }

    /// <summary>Gives a shared query parameter the description this endpoint has for it (see <see cref="QueryParameterDescription"/>).</summary>
    private sealed class QueryParameterDescriptionsFilter : IOperationFilter
    {
        public void Apply(OpenApiOperation operation, OperationFilterContext context)
        {
            foreach (var described in context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<QueryParameterDescription>())
            {
                foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>().Where(p => p.In == ParameterLocation.Query && p.Name == described.Name) ?? [])
                {
                    parameter.Description = described.Description;
                }
            }
        }
    }

    /// <summary>
    /// Query parameters are bound as text so that a bad value gets the API's own 400; the document still gives clients
    /// their types: the closed lists as enums (the canonical spellings, though any case is accepted), ids as integers,
    /// timestamps and dates with their formats.
    /// </summary>
    private sealed class QueryValuesFilter : IOperationFilter
    {
        public void Apply(OpenApiOperation operation, OperationFilterContext context)
        {
            var queries = context.MethodInfo?.GetParameters().Select(p => p.ParameterType).ToHashSet() ?? [];
            foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>().Where(p => p.In == ParameterLocation.Query) ?? [])
            {
                IOpenApiSchema? values = parameter.Name switch
                {
                    "kind" when queries.Contains(typeof(Meetings.MeetingsApi.MeetingListQuery)) => Enum<Meetings.MeetingKind>(context),
                    "kind" when queries.Contains(typeof(Statements.StatementListQuery)) => Enum<Statements.StatementKind>(context),
                    "relation" => Enum<Statements.RelationType>(context),
                    "groupBy" => Enum<Stats.StatsGroupBy>(context),
                    "resource" => Enum<ChangeFeed.ChangedResource>(context),
                    "format" => Enum<Export.ExportFormat>(context),
                    "saidOnPrecision" => Enum<Statements.DatePrecision>(context),
                    "sort" when queries.Contains(typeof(Statements.StatementListQuery)) => StatementSortSchema(context),
                    "source" or "relatedTo" when queries.Contains(typeof(Statements.StatementListQuery)) =>
                        new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int64" },
                    "limit" => new OpenApiSchema
                    {
                        Type = JsonSchemaType.Integer, Format = "int32", Minimum = "1",
                        Maximum = (queries.Contains(typeof(ChangeFeed.ChangesApi.ChangeListQuery)) ? ChangeFeed.ChangesApi.MaxLimit : Paging.MaxLimit)
                            .ToString(System.Globalization.CultureInfo.InvariantCulture),
                    },
                    "updatedSince" => new OpenApiSchema { Type = JsonSchemaType.String, Format = "date-time" },
                    "saidOn" => new OpenApiSchema { Type = JsonSchemaType.String, Format = "date" },
                    _ => null,
                };
                // The statistics refuse a request without groupBy (StatsApi), though it is bound as optional text.
                if (parameter.Name == "groupBy")
                {
                    parameter.Required = true;
                }
                if (values is null || parameter.Schema is not OpenApiSchema schema)
                {
                    continue;
                }
                parameter.Schema = schema.Type == JsonSchemaType.Array
                    ? new OpenApiSchema { Type = JsonSchemaType.Array, Items = values }
                    : values;
            }
        }

        private static IOpenApiSchema Enum<T>(OperationFilterContext context) where T : struct, Enum =>
            context.SchemaGenerator.GenerateSchema(typeof(T), context.SchemaRepository);

        private static IOpenApiSchema StatementSortSchema(OperationFilterContext context)
        {
            const string id = "StatementSort";
            context.SchemaRepository.Schemas.TryAdd(id, new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Description = "The order of a statement list: relevance (by a search's rank), or a field, descending when it starts with '-'.",
                Enum = [.. Statements.StatementSort.Names.Select(name => (System.Text.Json.Nodes.JsonNode)name)],
            });
            return new OpenApiSchemaReference(id, context.Document);
        }
    }

    /// <summary>
    /// Every operation answers a query parameter it does not take with a 400 naming it (<see cref="StrictQuery"/>), so
    /// every operation documents a 400, even one that takes no query parameters at all.
    /// </summary>
    private sealed class StrictQueryFilter : IOperationFilter
    {
        public void Apply(OpenApiOperation operation, OperationFilterContext context)
        {
            operation.Responses ??= [];
            if (operation.Responses.ContainsKey("400"))
            {
                return;
            }
            var problem = context.SchemaGenerator.GenerateSchema(typeof(HttpValidationProblemDetails), context.SchemaRepository);
            operation.Responses["400"] = new OpenApiResponse
            {
                Description = "Bad Request: a query parameter this operation does not take, named in errors.",
                Content = new Dictionary<string, IOpenApiMediaType> { ["application/problem+json"] = new OpenApiMediaType { Schema = problem } },
            };
        }
    }

    /// <summary>
    /// Handlers read If-None-Match and If-Match from the request themselves; the document names them where they count
    /// (a 304 or a 412 is documented: writes honour both), so generated clients can send them.
    /// </summary>
    private sealed class ConditionalHeadersFilter : IOperationFilter
    {
        public void Apply(OpenApiOperation operation, OperationFilterContext context)
        {
            if (operation.Responses is null)
            {
                return;
            }
            if (operation.Responses.ContainsKey("304"))
            {
                Add(operation, "If-None-Match", "The ETag of a copy the client holds; a 304 without a body answers when it is still current.");
            }
            if (operation.Responses.ContainsKey("412"))
            {
                Add(operation, "If-Match", "The ETag the client last read, or the resource's version in double quotes (e.g. \"3\"); a 412 answers when the resource has changed since.");
                // A write that is also a read (no 304) takes If-None-Match as a precondition: ETags.FailedPrecondition.
                if (!operation.Responses.ContainsKey("304"))
                {
                    Add(operation, "If-None-Match", "* (or the ETag of the current version): a 412 answers when the resource exists (or is at that version), and nothing is written.");
                }
            }
        }

        private static void Add(OpenApiOperation operation, string name, string description)
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = name,
                In = ParameterLocation.Header,
                Required = false,
                Description = description,
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            });
        }
    }

    /// <summary>
    /// Documents the response headers a client acts on: ETag on what If-None-Match or If-Match can be sent to, Location
    /// (and the new resource's ETag) on a creation, Link (rel="next") on a page that has a cursor.
    /// </summary>
    private sealed class ResponseHeadersFilter : IOperationFilter
    {
        public void Apply(OpenApiOperation operation, OperationFilterContext context)
        {
            if (operation.Responses is null)
            {
                return;
            }
            var conditional = operation.Responses.ContainsKey("304") || operation.Responses.ContainsKey("412");
            // Pages follow a cursor; the changes feed follows the seq after which it starts.
            var paged = operation.Parameters?.Any(p => p.Name is "cursor" or "after" && p.In == ParameterLocation.Query) == true;
            foreach (var (status, response) in operation.Responses)
            {
                if (response is not OpenApiResponse concrete)
                {
                    continue;
                }
                if (status is "200" or "304" && conditional)
                {
                    Add(concrete, "ETag", "The representation's entity tag, for If-None-Match on a later read and If-Match on a write.");
                }
                if (status is "201")
                {
                    Add(concrete, "Location", "The URL of the resource just created.");
                    if (Versioned(context, StatusCodes.Status201Created))
                    {
                        Add(concrete, "ETag", "The new resource's entity tag, for If-Match on a later write and If-None-Match on a later read.");
                    }
                }
                if (status is "200" && paged)
                {
                    Add(concrete, "Link", "<url>; rel=\"next\" while there are more items: the same URL as the body's next.");
                }
            }
        }

        /// <summary>Whether the response of that status is a resource with a version, which is sent as its ETag.</summary>
        private static bool Versioned(OperationFilterContext context, int status) =>
            context.ApiDescription.SupportedResponseTypes.Any(r => r.StatusCode == status && r.Type?.GetProperty("Version") is not null);

        private static void Add(OpenApiResponse response, string name, string description)
        {
            response.Headers ??= new Dictionary<string, IOpenApiHeader>();
            response.Headers[name] = new OpenApiHeader { Description = description, Schema = new OpenApiSchema { Type = JsonSchemaType.String } };
        }
    }

    /// <summary>Documents the Idempotency-Key header on the POST operations that honour it, with its 409 and 422 answers.</summary>
    private sealed class IdempotencyKeyFilter : IOperationFilter
    {
        public void Apply(OpenApiOperation operation, OperationFilterContext context)
        {
            if (!context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<IdempotentEndpoint>().Any())
            {
                return;
            }
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = Idempotency.HeaderName,
                In = ParameterLocation.Header,
                Description = "Makes a retry safe: a request sent again with the same key and body answers with the first "
                    + "response (marked Idempotent-Replayed: true) without writing again. Keys belong to the API key and expire "
                    + "after 24 hours by default; only successful responses are kept.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = Idempotency.MaxKeyLength },
            });
            var problem = context.SchemaGenerator.GenerateSchema(typeof(Microsoft.AspNetCore.Mvc.ProblemDetails), context.SchemaRepository);
            operation.Responses ??= [];
            operation.Responses.TryAdd("409", new OpenApiResponse
            {
                Description = "Conflict, or a request with the same Idempotency-Key is still being answered.",
                Content = new Dictionary<string, IOpenApiMediaType> { ["application/problem+json"] = new OpenApiMediaType { Schema = problem } },
            });
            const string reused = "the Idempotency-Key was already used with a different request";
            if (!operation.Responses.TryAdd("422", new OpenApiResponse
                {
                    Description = $"Unprocessable Content: {reused}.",
                    Content = new Dictionary<string, IOpenApiMediaType> { ["application/problem+json"] = new OpenApiMediaType { Schema = problem } },
                })
                && operation.Responses["422"] is OpenApiResponse own)
            {
                // The operation's own 422 (the bulk import's line report) shares the status: its schema must let that
                // problem's own members be absent, as they are in the answer to a reused key.
                own.Description = $"{own.Description}: the operation's own report, or {reused} (a plain problem, without the report's members).";
            }
        }
    }

    /// <summary>
    /// Server-owned members ([ReadOnly(true)]) are readOnly in the document. OpenAPI 3.0 ignores keywords beside a $ref,
    /// so a member that refers to another schema is marked through that schema's class instead (links, speakerRole);
    /// embedded resources (official, meeting, source) stay plain references, ignored on input all the same.
    /// </summary>
    private sealed class ReadOnlyMembersFilter : ISchemaFilter
    {
        private static readonly System.Text.Json.JsonSerializerOptions JsonNames = Named();

        private static System.Text.Json.JsonSerializerOptions Named()
        {
            var options = new System.Text.Json.JsonSerializerOptions();
            ApiJson.Configure(options);
            return options;
        }

        public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
        {
            if (schema is not OpenApiSchema concrete)
            {
                return;
            }
            if (context.Type.GetCustomAttributes(typeof(System.ComponentModel.ReadOnlyAttribute), false) is [System.ComponentModel.ReadOnlyAttribute { IsReadOnly: true }])
            {
                concrete.ReadOnly = true;
            }
            if (concrete.Properties is null)
            {
                return;
            }
            foreach (var name in ApiJson.ReadOnlyMemberNames(context.Type, JsonNames))
            {
                if (concrete.Properties.TryGetValue(name, out var property) && property is OpenApiSchema member)
                {
                    member.ReadOnly = true;
                }
            }
        }
    }

    /// <summary>Every problem carries the request's trace id (Program's CustomizeProblemDetails); the problem schemas declare it.</summary>
    private sealed class ProblemTraceIdFilter : ISchemaFilter
    {
        public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
        {
            if (typeof(Microsoft.AspNetCore.Mvc.ProblemDetails).IsAssignableFrom(context.Type) && schema is OpenApiSchema { Properties: { } properties })
            {
                properties["traceId"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.String,
                    Description = "The request's trace id, to quote when reporting a problem; the server's log names it too.",
                };
            }
        }
    }

    /// <summary>Describes each tag, and names the server the document was fetched from so clients and Swagger UI call it.</summary>
    private sealed class TagsAndServersFilter : IDocumentFilter
    {
        private static readonly Dictionary<string, string> Descriptions = new()
        {
            ["Officials"] = "Public officials, their names in other spellings and scripts, and the roles they held over time.",
            ["Topics"] = "Subjects officials speak on, as a tree, with keywords that mark a text as on the topic.",
            ["Meetings"] = "Summits, talks, conferences and interviews that statements are made at or about.",
            ["Sources"] = "Reports that statements are taken from.",
            ["Statements"] = "What officials said: verbatim quotes and reported speech, linked to speaker, topics, meeting and source.",
            ["Changes"] = "Every creation, update and deletion, in commit order, for clients that sync incrementally.",
            ["Keys"] = "API keys and their roles (reader, editor, admin); for admin keys only.",
            ["Stats"] = "Counts of statements grouped by speaker, topic, meeting, country, kind, language, year or month, under the statement list's filters.",
            ["Extraction"] = "Candidate statements proposed from an article's text, for an editor to review; nothing is written.",
        };

        public void Apply(OpenApiDocument document, DocumentFilterContext context)
        {
            document.Tags = new HashSet<OpenApiTag>(Descriptions.Select(d => new OpenApiTag { Name = d.Key, Description = d.Value }));
            document.Servers = [new OpenApiServer { Url = "/", Description = "This server" }];
            // PATCH handlers bind the raw JSON; MergePatchBodyFilter documents the input schema in its place.
            document.Components?.Schemas?.Remove("JsonNode");
            document.Components?.Schemas?.Remove("JsonNodeOptions");
        }
    }
}

/// <summary>
/// Endpoint metadata: query parameters that come with a shared [AsParameters] record but that this endpoint refuses,
/// so the OpenAPI document does not offer them and <see cref="StrictQuery"/> answers them with a 400 that gives the reason.
/// </summary>
public sealed record HiddenQueryParameters(IReadOnlyList<string> Names, string Reason);

/// <summary>Endpoint metadata: what a query parameter of a shared [AsParameters] record means for this endpoint.</summary>
public sealed record QueryParameterDescription(string Name, string Description);
