// What the changes feed returns, and the row of the changes table behind each entry.
namespace Statements.Api.ChangeFeed;

/// <summary>The kinds of resource whose writes the feed lists.</summary>
public enum ChangedResource
{
    Official,
    Topic,
    Meeting,
    Source,
    Statement,
}

public enum ChangeAction
{
    Created,
    Updated,
    Deleted,
}

/// <summary>One write to one resource.</summary>
/// <param name="Seq">Position in the feed: increases with every write, in commit order. Pass the last one seen as after.</param>
/// <param name="Resource">The kind of resource written.</param>
/// <param name="Id">The resource's id.</param>
/// <param name="Action">What the write did.</param>
/// <param name="Version">The resource's version after the write; a deletion counts as one more version.</param>
/// <param name="At">When the write was made (UTC).</param>
/// <param name="Links">Where the resource is; after a deletion that URL answers 404.</param>
public sealed record Change(long Seq, ChangedResource Resource, long Id, ChangeAction Action, long Version, DateTime At, ChangeLinks Links);

public sealed record ChangeLinks(string Self);

/// <summary>A page of the changes feed.</summary>
/// <param name="Items">The changes after the requested seq, oldest first.</param>
/// <param name="Next">
/// URL of what comes after this page: follow it at once while hasMore is true, poll it later when false.
/// Always present.
/// </param>
/// <param name="HasMore">Whether more changes were already waiting when this page was read.</param>
public sealed record ChangePage(IReadOnlyList<Change> Items, string Next, bool HasMore);

internal sealed class ChangeRow
{
    public long Seq { get; init; }
    public string Resource { get; init; } = "";
    public long ResourceId { get; init; }
    public string Action { get; init; } = "";
    public long Version { get; init; }
    public DateTime At { get; init; }
}
