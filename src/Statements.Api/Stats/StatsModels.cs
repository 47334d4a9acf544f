// What the statistics endpoints return.
namespace Statements.Api.Stats;

/// <summary>What statements are counted by.</summary>
public enum StatsGroupBy
{
    Official,
    Topic,
    Meeting,
    Country,
    Kind,
    Language,
    Year,
    Month,
}

/// <summary>Counts of the statements matching the filters, per group.</summary>
/// <param name="GroupBy">What the statements are grouped by.</param>
/// <param name="Items">The groups: years and months in time order, the others by count (largest first), then key.</param>
/// <param name="Total">How many distinct statements match the filters; with groupBy=topic, less than the sum when statements have several topics.</param>
public sealed record StatementStats(StatsGroupBy GroupBy, IReadOnlyList<StatsGroup> Items, long Total);

/// <summary>One group of statements.</summary>
/// <param name="Key">
/// The slug of the official, topic or meeting; the country code, kind or language; the year (2021) or month (2021-06).
/// "" for statements without a topic or meeting, whose speaker has no country, or (by month) known only to the year.
/// </param>
/// <param name="Label">
/// A human-readable name: the official's or topic's name, the meeting's title, the key otherwise;
/// "(none)", or "(month not known)", for key "".
/// </param>
/// <param name="Count">How many statements are in the group.</param>
public sealed record StatsGroup(string Key, string Label, long Count);

/// <summary>
/// A group as read from SQLite. Init properties rather than a constructor: with no rows, SQLite reports
/// the columns' types as BLOB and Dapper finds no constructor to match.
/// </summary>
internal sealed class StatsGroupRow
{
    public string Key { get; init; } = "";
    public string Label { get; init; } = "";
    public long Count { get; init; }
}
