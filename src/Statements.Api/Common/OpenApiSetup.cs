// The OpenAPI document (/swagger/v1/swagger.json) and Swagger UI (/swagger), served in every environment.
// Writes are marked as needing an API key, and every error response is documented as a problem.
using Microsoft.AspNetCore.Authorization;
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

    /// <summary>Marks operations that need an API key, and documents their 401.</summary>
    private sealed class WriteSecurityFilter : IOperationFilter
    {
        public void Apply(OpenApiOperation operation, OperationFilterContext context)
        {
            if (!context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<IAuthorizeData>().Any())
            {
                return;
            }
            operation.Security =
            [
                new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] },
                new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(HeaderScheme, context.Document)] = [] },
            ];
        }
    }
}
