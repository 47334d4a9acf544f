// Start-up: routing builds every endpoint (the request delegate of each Map… call, about 5 ms apiece) when the first
// request arrives, on the thread that serves it. Here they are built on another thread while the database is prepared
// and the server starts, and routing, OpenAPI and the health checks read them from there.
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Primitives;

namespace Statements.Api.Common;

public sealed class PrebuiltEndpoints : EndpointDataSource
{
    private readonly Task<Endpoint[]> building;

    private PrebuiltEndpoints(EndpointDataSource[] sources) =>
        building = Task.Run(() => sources.SelectMany(source => source.Endpoints).ToArray());

    /// <summary>Starts building the endpoints mapped so far and puts them in place of their sources; call after the last Map….</summary>
    public static void BuildInBackground(IEndpointRouteBuilder app)
    {
        var sources = app.DataSources.ToArray();
        app.DataSources.Clear();
        app.DataSources.Add(new PrebuiltEndpoints(sources));
    }

    public override IReadOnlyList<Endpoint> Endpoints => building.GetAwaiter().GetResult();

    // The endpoints are fixed once the app starts.
    public override IChangeToken GetChangeToken() => NullChangeToken.Singleton;
}
