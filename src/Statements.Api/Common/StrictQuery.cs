// A query parameter an operation does not take is a 400 naming it, as a JSON member a resource does not have is:
// a typo such as ?offical=1 must not silently answer with every statement. What each operation takes is read from the
// API description the OpenAPI document is generated from, so the check and the document cannot disagree. A parameter
// that takes one value (q, from, limit…) given more than once is a 400 naming it too: ?q=Moscow&q=Biden would be bound
// as the one search "Moscow,Biden".
// A parameter given with an empty value (?from=&kind=, as an HTML form sends its empty fields) is treated as absent, in
// every operation: it is taken out of the query here, before anything binds or reads it, so no handler has a rule of its own.
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Primitives;

namespace Statements.Api.Common;

public static class StrictQuery
{
    public static WebApplication UseStrictQuery(this WebApplication app)
    {
        var taken = new Lazy<IReadOnlyDictionary<string, HashSet<string>>>(() => QueryParametersByOperation(app.Services));
        var hidden = new Lazy<IReadOnlyDictionary<string, HiddenQueryParameters>>(() => HiddenByOperation(app.Services));
        var single = new Lazy<IReadOnlyDictionary<string, HashSet<string>>>(() => SingleValuedByOperation(app.Services));
        app.Use((context, next) =>
        {
            if (context.Request.QueryString.HasValue
                && context.GetEndpoint()?.Metadata.GetMetadata<IEndpointNameMetadata>() is { } operation
                && taken.Value.TryGetValue(operation.EndpointName, out var parameters))
            {
                foreach (var key in context.Request.Query.Keys)
                {
                    if (hidden.Value.TryGetValue(operation.EndpointName, out var refused) && refused.Names.Contains(key, StringComparer.OrdinalIgnoreCase))
                    {
                        throw new BadInputException(key, $"Query parameter '{key}' is not taken here: {refused.Reason}");
                    }
                    if (!parameters.Contains(key))
                    {
                        throw new BadInputException(key, parameters.Count == 0
                            ? $"Unknown query parameter '{key}': this operation takes none."
                            : $"Unknown query parameter '{key}': this operation takes {string.Join(", ", parameters.Order(StringComparer.Ordinal))}.");
                    }
                    if (context.Request.Query[key].Any(value => value is not null && value.Contains(',') && value.All(c => c == ',' || char.IsWhiteSpace(c))))
                    {
                        // ?official=, is a list with nothing in it, not the absent filter an empty value is: refused
                        // rather than answered with every statement.
                        throw new BadInputException(key, $"Query parameter '{key}' lists no value: give one or more, separated by commas, or leave it out.");
                    }
                    if (context.Request.Query[key].Count(value => !string.IsNullOrEmpty(value)) > 1 && single.Value.TryGetValue(operation.EndpointName, out var once) && once.Contains(key))
                    {
                        throw new BadInputException(key, $"Query parameter '{key}' is given more than once; it takes one value.");
                    }
                }
                if (WithoutEmptyValues(context.Request.Query) is { } kept)
                {
                    // Setting the query rewrites the request's query string too, so next links leave the empty values out.
                    context.Request.Query = kept;
                }
            }
            return next(context);
        });
        return app;
    }

    /// <summary>The query without its empty values (and without the names left with none), or null when it has none.</summary>
    private static QueryCollection? WithoutEmptyValues(IQueryCollection query)
    {
        if (!query.Any(p => p.Value.Any(string.IsNullOrEmpty)))
        {
            return null;
        }
        var kept = new Dictionary<string, StringValues>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, values) in query)
        {
            if (values.Where(v => !string.IsNullOrEmpty(v)).ToArray() is { Length: > 0 } given)
            {
                kept[key] = new StringValues(given);
            }
        }
        return new QueryCollection(kept);
    }

    private static IEnumerable<ApiDescription> Descriptions(IServiceProvider services) =>
        services.GetRequiredService<IApiDescriptionGroupCollectionProvider>().ApiDescriptionGroups.Items.SelectMany(group => group.Items);

    private static string? OperationOf(ApiDescription description) =>
        description.ActionDescriptor.EndpointMetadata.OfType<IEndpointNameMetadata>().FirstOrDefault()?.EndpointName;

    /// <summary>The query parameters each operation takes: those it binds, less those it hides (<see cref="HiddenQueryParameters"/>).</summary>
    private static IReadOnlyDictionary<string, HashSet<string>> QueryParametersByOperation(IServiceProvider services) =>
        Descriptions(services)
            .Select(description => (
                Operation: OperationOf(description),
                Parameters: description.ParameterDescriptions.Where(p => p.Source == BindingSource.Query).Select(p => p.Name)
                    .Except(description.ActionDescriptor.EndpointMetadata.OfType<HiddenQueryParameters>().SelectMany(h => h.Names), StringComparer.OrdinalIgnoreCase)))
            .Where(d => d.Operation is not null)
            .GroupBy(d => d.Operation!)
            .ToDictionary(g => g.Key, g => g.SelectMany(d => d.Parameters).ToHashSet(StringComparer.OrdinalIgnoreCase));

    /// <summary>The query parameters of each operation that bind one value, not a list.</summary>
    private static IReadOnlyDictionary<string, HashSet<string>> SingleValuedByOperation(IServiceProvider services) =>
        Descriptions(services)
            .Select(description => (
                Operation: OperationOf(description),
                Parameters: description.ParameterDescriptions
                    .Where(p => p.Source == BindingSource.Query && !(p.Type is { } type && type != typeof(string) && typeof(System.Collections.IEnumerable).IsAssignableFrom(type)))
                    .Select(p => p.Name)))
            .Where(d => d.Operation is not null)
            .GroupBy(d => d.Operation!)
            .ToDictionary(g => g.Key, g => g.SelectMany(d => d.Parameters).ToHashSet(StringComparer.OrdinalIgnoreCase));

    private static IReadOnlyDictionary<string, HiddenQueryParameters> HiddenByOperation(IServiceProvider services) =>
        Descriptions(services)
            .Select(description => (Operation: OperationOf(description), Hidden: description.ActionDescriptor.EndpointMetadata.OfType<HiddenQueryParameters>().FirstOrDefault()))
            .Where(d => d.Operation is not null && d.Hidden is not null)
            .DistinctBy(d => d.Operation)
            .ToDictionary(d => d.Operation!, d => d.Hidden!);
}
