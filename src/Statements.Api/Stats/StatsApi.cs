// Aggregates over statements, GET /api/v1/stats/statements: counts grouped by official, topic, meeting, country,
// kind, language, year or month, under exactly the filters of the statement list (StatementFilter).
using System.ComponentModel;
using System.Data;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using Statements.Api.Common;
using Statements.Api.Data;
using Statements.Api.Export;
using Statements.Api.Statements;

namespace Statements.Api.Stats;

public static class StatsApi
{
    /// <summary>Parameters of the statement list that shape a page, not the set of statements; stats refuse them (StrictQuery).</summary>
    private static readonly string[] ListOnlyParameters = ["sort", "include", "limit", "cursor", "count"];

    private const string FormatDescription =
        "json (default), or csv or ndjson: the groups alone, one row or line each with key, label and count (no total). " +
        "Accept: text/csv or application/x-ndjson does the same.";

    private static readonly CsvColumn<StatsGroup>[] CsvColumns =
    [
        new("key", g => g.Key),
        new("label", g => g.Label),
        new("count", g => SmallListExport.Number(g.Count)),
    ];

    public static RouteGroupBuilder MapStatsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/stats").WithTags("Stats");

        group.MapGet("/statements", StatementStats).WithName("statementStats")
            .WithSummary("Count statements grouped by official, topic, meeting, country, kind, language, year or month")
            .WithDescription(
                "Takes every filter of the statement list and counts the same statements. " +
                "With groupBy=topic a statement counts once under each topic it is tagged with, so the counts can add up " +
                "to more than total; statements without topics, without a meeting, or whose speaker has no country are " +
                "counted under the key \"\" (label \"(none)\"), and so, with groupBy=month, are statements known only to " +
                "the year (label \"(month not known)\"). Years and months come in time order (that key \"\" first), " +
                "the others by count, largest first, then by key. sort, include, limit and cursor belong to the list and are refused here. " +
                "format=csv (or Accept: text/csv) gives the groups as CSV with the columns key, label and count, for spreadsheets and pandas.")
            .WithMetadata(new HiddenQueryParameters(ListOnlyParameters,
                "it belongs to the statement list; statistics cover every matching statement and take only its filters."))
            .WithMetadata(new QueryParameterDescription("format", FormatDescription))
            .ProducesValidationProblem();
        return api;
    }

    private static async Task<Results<Ok<StatementStats>, ExportResult<StatsGroup>, ValidationProblem>> StatementStats(
        [FromQuery(Name = "groupBy"), Description("Required: official, topic, meeting, country, kind, language, year or month.")] string? groupBy,
        [AsParameters] StatementListQuery query, Db db, HttpContext http)
    {
        var format = Exports.Requested(http.Request, query.Format);
        var errors = new Dictionary<string, string[]>();
        var grouping = ParseGroupBy(groupBy);
        if (grouping is null)
        {
            errors["groupBy"] = [string.IsNullOrEmpty(groupBy)
                ? "groupBy is required: official, topic, meeting, country, kind, language, year or month."
                : $"Unknown groupBy '{groupBy}'; use official, topic, meeting, country, kind, language, year or month."];
        }
        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        await using var connection = await db.OpenAsync(http.RequestAborted);
        var filter = await StatementFilter.BuildAsync(connection, query);
        // Groups and total read from one snapshot, so they agree even while writes go on.
        await using var transaction = connection.BeginTransaction(deferred: true);
        var groups = await StatementFilter.RunAsync(query.Q, () => grouping!.Value is StatsGroupBy.Year or StatsGroupBy.Month
            ? DatesAsync(connection, transaction, grouping.Value, filter)
            : GroupsAsync(connection, transaction, grouping.Value, filter));
        // Every statement is in exactly one group, except by topic, where it is in one per topic.
        var total = grouping == StatsGroupBy.Topic
            ? await connection.ExecuteScalarAsync<long>($"""
                SELECT count(*)
                {filter.FromWith(officials: false)}
                {filter.Where}
                """, filter.Parameters, transaction)
            : groups.Sum(g => g.Count);
        await transaction.CommitAsync(http.RequestAborted);
        if (format != ExportFormat.Json)
        {
            return new ExportResult<StatsGroup>(format, groups.ToAsyncEnumerable(), CsvLayout<StatsGroup>.Of(CsvColumns), g => g,
                $"statement-stats-by-{grouping!.Value.ToString().ToLowerInvariant()}", owned: null);
        }
        return TypedResults.Ok(new StatementStats(grouping!.Value, groups, total));
    }

    private static StatsGroupBy? ParseGroupBy(string? value) => value?.ToLowerInvariant() switch
    {
        "official" => StatsGroupBy.Official,
        "topic" => StatsGroupBy.Topic,
        "meeting" => StatsGroupBy.Meeting,
        "country" => StatsGroupBy.Country,
        "kind" => StatsGroupBy.Kind,
        "language" => StatsGroupBy.Language,
        "year" => StatsGroupBy.Year,
        "month" => StatsGroupBy.Month,
        _ => null,
    };

    /// <summary>
    /// Counts by day, summed here into years or months: the database groups in the order of its said_on index without
    /// reading the table or sorting, where grouping by a substring of the date would sort every row. Statements known
    /// only to the year (stored on its first day) are counted apart, from a small partial index, and moved from their
    /// January to the month-not-known group.
    /// </summary>
    private static async Task<List<StatsGroup>> DatesAsync(IDbConnection connection, IDbTransaction transaction, StatsGroupBy groupBy, StatementFilter filter)
    {
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var days = await connection.QueryAsync<(string Day, long Count)>($"""
            SELECT s.said_on, count(*)
            {filter.FromWith(officials: false)}
            {filter.Where}
            GROUP BY s.said_on
            """, filter.Parameters, transaction);
        foreach (var (day, count) in days)
        {
            var key = groupBy == StatsGroupBy.Year ? day[..4] : day[..7];
            counts[key] = counts.GetValueOrDefault(key) + count;
        }
        if (groupBy == StatsGroupBy.Month)
        {
            var where = filter.Where.Length == 0 ? "WHERE" : filter.Where + "\n  AND";
            var years = await connection.QueryAsync<(string Day, long Count)>($"""
                SELECT s.said_on, count(*)
                {filter.FromWith(officials: false)}
                {where} s.said_on_precision = 'year'
                GROUP BY s.said_on
                """, filter.Parameters, transaction);
            foreach (var (day, count) in years)
            {
                counts[day[..7]] -= count;
                counts[""] = counts.GetValueOrDefault("") + count;
            }
        }
        return [.. counts.Where(c => c.Value > 0).Select(c => new StatsGroup(c.Key, c.Key == "" ? "(month not known)" : c.Key, c.Value))];
    }

    /// <summary>
    /// The grouping query: a fixed SELECT, join, GROUP BY and ORDER BY per groupBy, around the statement list's
    /// WHERE clause (itself built from fixed conditions with parameters). Nothing here comes from the request's text.
    /// The topic and meeting joins use aliases (g, gt, m) that the filter's conditions do not.
    /// </summary>
    private static async Task<List<StatsGroup>> GroupsAsync(IDbConnection connection, IDbTransaction transaction, StatsGroupBy groupBy, StatementFilter filter)
    {
        var (select, join, group) = groupBy switch
        {
            StatsGroupBy.Official => ("o.slug AS key, o.name AS label", "", "o.id"),
            StatsGroupBy.Topic => (
                "coalesce(gt.slug, '') AS key, coalesce(gt.name, '(none)') AS label",
                "LEFT JOIN statement_topics g ON g.statement_id = s.id LEFT JOIN topics gt ON gt.id = g.topic_id",
                "gt.id"),
            StatsGroupBy.Meeting => (
                "coalesce(m.slug, '') AS key, coalesce(m.title, '(none)') AS label",
                "LEFT JOIN meetings m ON m.id = s.meeting_id",
                "m.id"),
            StatsGroupBy.Country => ("o.country AS key, CASE o.country WHEN '' THEN '(none)' ELSE o.country END AS label", "", "o.country"),
            StatsGroupBy.Kind => ("s.kind AS key, s.kind AS label", "", "s.kind"),
            StatsGroupBy.Language => ("s.language AS key, s.language AS label", "", "s.language"),
            _ => throw new ArgumentOutOfRangeException(nameof(groupBy), groupBy, null),
        };
        var rows = await connection.QueryAsync<StatsGroupRow>($"""
            SELECT {select}, count(*) AS count
            {filter.FromWith(officials: groupBy is StatsGroupBy.Official or StatsGroupBy.Country)}
            {join}
            {filter.Where}
            GROUP BY {group}
            ORDER BY count DESC, key
            """, filter.Parameters, transaction);
        return [.. rows.Select(g => new StatsGroup(g.Key, g.Label, g.Count))];
    }
}
