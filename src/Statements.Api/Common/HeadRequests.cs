// HEAD wherever GET works (RFC 9110, 9.3.2): the same status and headers — ETag, Link, RateLimit, Content-Type —
// and no body. Kestrel leaves the body of a HEAD response out by itself; other servers (the in-memory test server)
// may not, so the response body of a HEAD request goes nowhere.
namespace Statements.Api.Common;

public static class HeadRequests
{
    public static RouteGroupBuilder AnswerHeadAsGet(this RouteGroupBuilder group)
    {
        ((IEndpointConventionBuilder)group).Add(endpoint =>
        {
            var index = endpoint.Metadata.ToList().FindIndex(m => m is HttpMethodMetadata);
            if (index >= 0 && endpoint.Metadata[index] is HttpMethodMetadata methods
                && methods.HttpMethods.Contains(HttpMethods.Get) && !methods.HttpMethods.Contains(HttpMethods.Head))
            {
                endpoint.Metadata[index] = new HttpMethodMetadata([.. methods.HttpMethods, HttpMethods.Head], methods.AcceptCorsPreflight);
            }
        });
        return group;
    }

    /// <summary>Sends the body of a HEAD response nowhere; one comparison per request (a filter on every endpoint cost more).</summary>
    public static WebApplication UseHeadWithoutBody(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            if (HttpMethods.IsHead(context.Request.Method))
            {
                context.Response.Body = Stream.Null;
            }
            return next(context);
        });
        return app;
    }
}
