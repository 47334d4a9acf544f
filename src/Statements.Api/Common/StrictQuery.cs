// A query parameter an operation does not take is a 400 naming it, as a JSON member a resource does not have is:
// a typo such as ?offical=1 must not silently answer with every statement. What each operation takes is read from the
// API description the OpenAPI document is generated from, so the check and the document cannot disagree.
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Statements.Api.Common;

public static class StrictQuery
{
    public static WebApplication UseStrictQuery(this WebApplication app)
    {
        var taken = new Lazy<IReadOnlyDictionary<string, HashSet<string>>>(() => QueryParametersByOperation(app.Services));
        app.Use((context, next) =>
        {
            if (context.Request.QueryString.HasValue
                && context.GetEndpoint()?.Metadata.GetMetadata<IEndpointNameMetadata>() is { } operation
                && taken.Value.TryGetValue(operation.EndpointName, out var parameters))
            {
                foreach (var key in context.Request.Query.Keys)
                {
                    if (!parameters.Contains(key))
                    {
                        throw new BadInputException(key, parameters.Count == 0
                            ? $"Unknown query parameter '{key}': this operation takes none."
                            : $"Unknown query parameter '{key}': this operation takes {string.Join(", ", parameters.Order(StringComparer.Ordinal))}.");
                    }
                }
            }
            return next(context);
        });
        return app;
    }

    private static IReadOnlyDictionary<string, HashSet<string>> QueryParametersByOperation(IServiceProvider services) =>
        services.GetRequiredService<IApiDescriptionGroupCollectionProvider>().ApiDescriptionGroups.Items
            .SelectMany(group => group.Items)
            .Select(description => (
                Operation: description.ActionDescriptor.EndpointMetadata.OfType<IEndpointNameMetadata>().FirstOrDefault()?.EndpointName,
                Parameters: description.ParameterDescriptions.Where(p => p.Source == BindingSource.Query).Select(p => p.Name)))
            .Where(d => d.Operation is not null)
            .GroupBy(d => d.Operation!)
            .ToDictionary(g => g.Key, g => g.SelectMany(d => d.Parameters).ToHashSet(StringComparer.OrdinalIgnoreCase));
}
