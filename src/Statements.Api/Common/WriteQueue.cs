// Writes take turns in this process before they reach SQLite. SQLite lets one writer in at a time; the others poll
// for the lock with growing sleeps, and whoever polls at the right moment wins, so under a burst of writes some wait
// seconds while later ones pass. Queued here instead, first come first served, a write waits only for those before it,
// and only once its body has arrived.
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Data.Sqlite;
using Statements.Api.Data;

namespace Statements.Api.Common;

public static class WriteQueue
{
    /// <summary>
    /// Runs requests that write one after another: every POST, PUT, PATCH and DELETE under /api, except the bulk import
    /// (it reads its whole body before it writes, and queues itself only then, inside SQLite) and the extraction
    /// endpoints (they write nothing). A request that cannot get its turn within the database's busy timeout answers
    /// 503 with Retry-After, as a busy database does.
    /// </summary>
    public static IApplicationBuilder UseWriteQueue(this IApplicationBuilder app)
    {
        var db = app.ApplicationServices.GetRequiredService<Db>();
        var turn = new SemaphoreSlim(1, 1);
        var wait = TimeSpan.FromSeconds(new SqliteConnectionStringBuilder(db.ConnectionString).DefaultTimeout);
        return app.Use(async (context, next) =>
        {
            var request = context.Request;
            if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method)
                || !request.Path.StartsWithSegments("/api", StringComparison.Ordinal)
                || request.Path.Value!.EndsWith("/bulk", StringComparison.Ordinal)
                || request.Path.Value.EndsWith("/extract", StringComparison.Ordinal))
            {
                await next(context);
                return;
            }
            // The body is read in before the turn is taken, so that a slow upload holds up no other writer (Kestrel caps
            // bodies at 1 MiB; past 30 KiB the buffer is a temporary file).
            request.EnableBuffering();
            await request.Body.DrainAsync(context.RequestAborted);
            request.Body.Position = 0;
            if (!await turn.WaitAsync(wait, context.RequestAborted))
            {
                // The same answer as SQLite's own "database is locked" past the busy timeout: 503 with Retry-After.
                throw new SqliteException("The database is busy; retry shortly.", 5);
            }
            try
            {
                await next(context);
            }
            finally
            {
                turn.Release();
            }
        });
    }
}
