// The changes feed, GET /api/v1/changes: every creation, update and deletion of every resource, in commit
// order, read from the changes table that each write appends to (Common/Changes.cs) inside its own transaction.
// The namespace is ChangeFeed, not Changes, so that Changes.RecordAsync keeps naming the recorder everywhere.
using System.ComponentModel;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Statements.Api.Common;
using Statements.Api.Data;

namespace Statements.Api.ChangeFeed;

public static class ChangesApi
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    public static RouteGroupBuilder MapChangesApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/changes").WithTags("Changes");

        group.MapGet("/", ListChanges).WithName("listChanges")
            .WithSummary("List creations, updates and deletions after a sequence number, in commit order")
            .WithDescription(
                "Page through with `next` while `hasMore` is true; when it is false, `next` is the URL to poll later. " +
                "A deleted resource's `links.self` still names it and now answers 404.")
            .ProducesValidationProblem();
        return api;
    }

    public sealed record ChangeListQuery(
        [property: FromQuery(Name = "after"), Description("Only changes with a greater seq: the last seq already seen (default 0, the start).")] long? After,
        [property: FromQuery(Name = "limit"), Description("Page size, 1 to 1000 (default 100).")] int? Limit,
        [property: FromQuery(Name = "resource"), Description("official, topic, meeting, source or statement; repeatable or comma-separated.")] string[]? Resource);

    // Reading `seq > after` is only safe because seq order is commit order: a poller that has seen seq N must
    // never later find a newly committed change with a smaller seq. SQLite gives that here. AUTOINCREMENT assigns
    // seq when the row is inserted, inside the writing transaction, and writers are serialised: every write begins
    // with BEGIN IMMEDIATE (Microsoft.Data.Sqlite's default for BeginTransaction), and SQLite has one writer at a
    // time anyway, holding the lock until commit. So no transaction can take a seq while an earlier one is
    // uncommitted, and a reader's snapshot holds a prefix of the seq order.
    // A PostgreSQL backend would not have this: sequence values are handed out before commit and concurrent
    // transactions commit in any order, so a poller could skip a change. It would need, for example, to record
    // the writing transaction id (xid8) and only show rows below pg_snapshot_xmin(pg_current_snapshot()), or
    // to serialise writes to the changes table with a lock, or to read from logical decoding instead.
    private static async Task<Ok<ChangePage>> ListChanges([AsParameters] ChangeListQuery query, Db db, HttpContext http)
    {
        var after = query.After ?? 0;
        if (after < 0)
        {
            throw new BadInputException("after", "after must be 0 or a seq from this feed.");
        }
        var limit = query.Limit ?? DefaultLimit;
        if (limit is < 1 or > MaxLimit)
        {
            throw new BadInputException("limit", $"limit must be between 1 and {MaxLimit}.");
        }
        var resources = ParseResources(query.Resource);

        const string sql = """
            SELECT seq, resource, resource_id, action, version, at
            FROM changes
            WHERE seq > @after AND (@anyResource = 0 OR resource IN @resources)
            ORDER BY seq
            LIMIT @take
            """;
        await using var connection = await db.OpenAsync(http.RequestAborted);
        var rows = (await connection.QueryAsync<ChangeRow>(sql, new
        {
            after,
            anyResource = resources.Length > 0 ? 1 : 0,
            resources,
            take = limit + 1,
        })).AsList();

        if (rows.Count == 0 && after > 0
            && await connection.ExecuteScalarAsync<long>("SELECT coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'changes'), 0)") is var latest
            && after > latest)
        {
            // No write ever had this seq: the number came from another feed, or from this database before it was
            // replaced by an older copy. Polling it would wait for ever without saying so.
            throw new BadInputException("after", $"after={after} is past the latest change of this feed ({latest}); start again from 0, or from {latest} to see only new changes.");
        }
        var hasMore = rows.Count > limit;
        var items = rows.Take(limit).Select(ToChange).ToList();
        var next = NextUrl(http.Request, items.Count > 0 ? items[^1].Seq : after);
        if (hasMore)
        {
            http.Response.Headers.Append("Link", $"<{next}>; rel=\"next\"");
        }
        return TypedResults.Ok(new ChangePage(items, next, hasMore));
    }

    private static string[] ParseResources(string[]? values)
    {
        var names = (values ?? [])
            .SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(n => n.ToLowerInvariant())
            .Distinct()
            .ToArray();
        if (names.FirstOrDefault(n => PathOf(n) is null) is { } unknown)
        {
            throw new BadInputException("resource", $"Unknown resource '{unknown}'; use official, topic, meeting, source or statement.");
        }
        return names;
    }

    /// <summary>The collection a resource name lives under; null for a name that is not a resource.</summary>
    private static string? PathOf(string resource) => resource switch
    {
        "official" => "officials",
        "topic" => "topics",
        "meeting" => "meetings",
        "source" => "sources",
        "statement" => "statements",
        _ => null,
    };

    private static Change ToChange(ChangeRow row) => new(
        row.Seq,
        Enum.Parse<ChangedResource>(row.Resource, ignoreCase: true),
        row.ResourceId,
        Enum.Parse<ChangeAction>(row.Action, ignoreCase: true),
        row.Version,
        row.At,
        new ChangeLinks($"/api/v1/{PathOf(row.Resource)}/{row.ResourceId}"));

    /// <summary>The same request with after moved on; limit and resource filters are kept.</summary>
    private static string NextUrl(HttpRequest request, long after)
    {
        var kept = QueryHelpers.ParseQuery(request.QueryString.Value)
            .Where(p => !p.Key.Equals("after", StringComparison.OrdinalIgnoreCase))
            .SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string?>(p.Key, v)))
            .Append(new("after", after.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return QueryHelpers.AddQueryString($"{request.PathBase}{request.Path}", kept);
    }
}
