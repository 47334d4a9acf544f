// The filters, sort and include options shared by every statement list (/statements and the related
// collections under officials, topics, meetings and sources), turned into one parameterised WHERE clause.
using System.ComponentModel;
using System.Data;
using System.Globalization;
using System.Text.RegularExpressions;
using Dapper;
using Statements.Api.Common;

namespace Statements.Api.Statements;

public sealed record StatementListQuery(
    [property: FromQuery(Name = "official"), Description("Speaker, by official id or slug; repeatable or comma-separated.")] string[]? Official,
    [property: FromQuery(Name = "topic"), Description("Topic id or slug, narrower topics included; repeatable.")] string[]? Topic,
    [property: FromQuery(Name = "meeting"), Description("Meeting id or slug; repeatable.")] string[]? Meeting,
    [property: FromQuery(Name = "source"), Description("Source id; repeatable.")] string[]? Source,
    [property: FromQuery(Name = "kind"), Description("quote or paraphrase; repeatable.")] string[]? Kind,
    [property: FromQuery(Name = "language"), Description("Language of the text (BCP 47); repeatable.")] string[]? Language,
    [property: FromQuery(Name = "country"), Description("Country of the speaker (ISO 3166-1 alpha-2); repeatable.")] string[]? Country,
    [property: FromQuery(Name = "from"), Description("Earliest saidOn: yyyy-MM-dd, yyyy-MM or yyyy (start of that period).")] string? From,
    [property: FromQuery(Name = "to"), Description("Latest saidOn: yyyy-MM-dd, yyyy-MM or yyyy (end of that period).")] string? To,
    [property: FromQuery(Name = "q"), Description("Full-text search in text, original text and context, and in the speaker's name, native name and aliases (SQLite FTS5 syntax: words, \"phrases\", prefix*, OR, NOT, NEAR(a b, 5)); a word with a hyphen, apostrophe or other punctuation (Biden-Putin, Moscow's) is matched as the phrase of its parts.")] string? Q,
    [property: FromQuery(Name = "updatedSince"), Description("Only statements changed after this instant: an ISO 8601 timestamp with Z or an offset, e.g. 2021-06-16T00:00:00Z (a time without a zone is a 400).")] string? UpdatedSince,
    [property: FromQuery(Name = "relatedTo"), Description("Only statements with a relation, either way, to this statement id; repeatable.")] string[]? RelatedTo,
    [property: FromQuery(Name = "relation"), Description("Only statements with a relation of this type, either way: respondsTo, contradicts, repeats, clarifies or retracts; repeatable.")] string[]? Relation,
    [property: FromQuery(Name = "sort"), Description("relevance (the default with q), -saidOn (the default without, except in exports: id, or the order of the page whose cursor is given), saidOn, -updatedAt, updatedAt, -id or id.")] string? Sort,
    [property: FromQuery(Name = "include"), Description("Embed related resources in full: official, meeting, topics, source; comma-separated.")] string[]? Include,
    [property: FromQuery(Name = "limit"), Description("Page size, 1 to 500 (default 50). In an export, the most statements to stream (default: all).")] int? Limit,
    [property: FromQuery(Name = "cursor"), Description("The cursor from the previous page's next link. An export streams the statements after it.")] string? Cursor,
    [property: FromQuery(Name = "count"), Description("true adds the number of all matching statements as total. It costs a second query, as long as counting the whole result; leave it off when paging through.")] bool? Count,
    [property: FromQuery(Name = "format"), Description("json (default: one page), or csv or ndjson: the complete filtered result, streamed, without paging, in id order unless sort or q says otherwise (or a cursor, whose page's order it goes on in); after cursor when it is given, and at most limit statements when it is given (both checked as for a page). Accept: text/csv or application/x-ndjson does the same.")] string? Format);

/// <summary>Which related resources a response embeds in full.</summary>
public sealed record Includes(bool Official, bool Meeting, bool Topics, bool Source)
{
    public static readonly Includes None = new(false, false, false, false);

    public static Includes Parse(string[]? values)
    {
        // In any case, as every other named value of a query (kind, sort, groupBy…).
        var names = (values ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(n => n.ToLowerInvariant()).ToHashSet();
        if (names.FirstOrDefault(n => n is not ("official" or "meeting" or "topics" or "source")) is { } unknown)
        {
            throw new BadInputException("include", $"Cannot include '{unknown}'; use official, meeting, topics or source.");
        }
        return new(names.Contains("official"), names.Contains("meeting"), names.Contains("topics"), names.Contains("source"));
    }

    /// <summary>A short tag of what is embedded, so each representation has its own ETag.</summary>
    public string? Variant =>
        this == None ? null : string.Concat(Official ? "o" : "", Meeting ? "m" : "", Topics ? "t" : "", Source ? "s" : "");
}

/// <summary>A sort order: its name as the client writes it and the column it walks (then id).</summary>
internal sealed record StatementSort(string Name, string? Column, bool Descending)
{
    private static readonly StatementSort[] All =
    [
        new("relevance", "h.rank", false),
        new("-saidOn", "s.said_on", true),
        new("saidOn", "s.said_on", false),
        new("-updatedAt", "s.updated_at", true),
        new("updatedAt", "s.updated_at", false),
        new("-id", null, true),
        new("id", null, false),
    ];

    /// <summary>Every sort's name, as the client writes it.</summary>
    public static IEnumerable<string> Names => All.Select(s => s.Name);

    /// <summary>
    /// The requested order; by default the best matches first when searching, else the newest first on a page and the
    /// order of creation (id) in an export, which streams in table order rather than sorting the whole result. An export
    /// that goes on from a page's <paramref name="cursor"/> goes on in that page's order, which the cursor names: the next
    /// link of a page, with format=csv added, exports what follows that page.
    /// </summary>
    public static StatementSort Parse(string? value, bool searching, bool exporting = false, string? cursor = null)
    {
        if (string.IsNullOrEmpty(value))
        {
            return searching ? All[0]
                : !exporting ? All[1]
                : All.Skip(1).FirstOrDefault(s => s.Name == Cursor.SortOf(cursor)) ?? All[6];
        }
        var sort = All.FirstOrDefault(s => string.Equals(s.Name, value, StringComparison.OrdinalIgnoreCase))
            ?? throw new BadInputException("sort", $"Unknown sort '{value}'; use one of {string.Join(", ", All.Select(s => s.Name))}.");
        return sort == All[0] && !searching ? throw new BadInputException("sort", "sort=relevance needs a search: give q.") : sort;
    }

    /// <summary>
    /// The cursor's sort value as the column compares it: a rank is a number, the rest are text in the column's own
    /// format. A value that no page could have written is a 400: an edited cursor must not give a wrong page, or a 500.
    /// </summary>
    public object? BindValue(string? value)
    {
        if (Column is null)
        {
            return null; // by id: the cursor's id is all there is
        }
        var valid = Column switch
        {
            "h.rank" => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var rank) && double.IsFinite(rank) ? rank : null,
            "s.said_on" => DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _) ? value : null,
            _ => DateTime.TryParseExact(value, Data.Db.TimestampFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out _) ? value : (object?)null,
        };
        return valid ?? throw new BadInputException("cursor", "The cursor is not valid; use the 'next' link of a previous page.");
    }

    public string OrderBy => (Column, Descending) switch
    {
        (null, true) => "s.id DESC",
        (null, false) => "s.id",
        (_, true) => $"{Column} DESC, s.id DESC",
        _ => $"{Column}, s.id",
    };

    /// <summary>The keyset condition: rows strictly after the cursor in this order.</summary>
    public string After => (Column, Descending) switch
    {
        (null, true) => "s.id < @cursorId",
        (null, false) => "s.id > @cursorId",
        (_, true) => $"({Column}, s.id) < (@cursorValue, @cursorId)",
        _ => $"({Column}, s.id) > (@cursorValue, @cursorId)",
    };

    public Cursor CursorOf(StatementRow row) => Column switch
    {
        "s.said_on" => new Cursor(Name, row.SaidOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), row.Id),
        "s.updated_at" => new Cursor(Name, Data.Db.FormatTimestamp(row.UpdatedAt), row.Id),
        "h.rank" => new Cursor(Name, (row.Rank ?? 0).ToString("R", CultureInfo.InvariantCulture), row.Id),
        _ => new Cursor(Name, null, row.Id),
    };
}

/// <summary>A statement list's conditions, resolved against the database (slugs to ids) and checked.</summary>
public sealed partial class StatementFilter
{
    private readonly List<string> conditions = [];

    public DynamicParameters Parameters { get; } = new();

    public string Where
    {
        get
        {
            var all = TopicCondition is { } topics ? [.. conditions, topics] : conditions;
            return all.Count == 0 ? "" : "WHERE " + string.Join("\n  AND ", all);
        }
    }

    /// <summary>The search expression q, when given: the rows then come from the full-text index, ranked, with a snippet each.</summary>
    public string? SearchQuery { get; private set; }

    public bool Searching => SearchQuery is not null;

    /// <summary>
    /// The FROM clause every statement query starts with: statements s joined to their officials o, and with q,
    /// to the full-text hits h (h.rank: bm25, lower is better).
    /// </summary>
    public string From => FromWith(officials: true);

    /// <summary>The FROM clause, joining the officials o only when asked or when a condition needs them (counts don't).</summary>
    public string FromWith(bool officials) =>
        (Searching ? SearchFrom : "FROM statements s") + (officials || needsOfficials ? "\nJOIN officials o ON o.id = s.official_id" : "");

    private bool needsOfficials;

    /// <summary>
    /// The FROM clause of a first page in order of relevance, for a search with many hits: only the best
    /// <c>@window</c> hits (by rank, then id: the page's own order) are joined to their statements and officials, rather
    /// than every hit before the sort (half the time of a search whose word is in 3 % of a million statements). The page
    /// is the same whenever it fills up from the window; one that does not is read again with <see cref="From"/> if
    /// there are more hits than the window (<see cref="MoreHitsThanAsync"/>).
    /// </summary>
    public const string RankedWindowFrom = $"""
        FROM ({Hits}
              ORDER BY rank, rowid
              LIMIT @window) h
        JOIN statements s ON s.id = h.id
        JOIN officials o ON o.id = s.official_id
        """;

    /// <summary>
    /// The FROM clause of a page of hits ranked in memory (<see cref="SearchRanking"/>), their ids given in order as
    /// @hits (<see cref="Sql.JsonIds"/>): h.rank is a hit's place in that list, which the caller replaces with its rank. The hits
    /// drive the query (CROSS JOIN), each looked up by id.
    /// </summary>
    public const string RankedHitsFrom = """
        FROM (SELECT key AS rank, value AS id FROM json_each(@hits)) h
        CROSS JOIN statements s ON s.id = h.id
        JOIN officials o ON o.id = s.official_id
        """;

    /// <summary>Whether the search has more hits than <paramref name="window"/>; it stops counting there.</summary>
    public static async Task<bool> MoreHitsThanAsync(IDbConnection connection, string search, int window) =>
        await connection.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM (SELECT 1 FROM statements_fts WHERE statements_fts MATCH @q LIMIT @limit)",
            new { q = search, limit = window + 1 }) > window;

    // The full-text hits with their rank. Matches weigh most in the statement's own words, then in the original, the
    // speaker's names and the context.
    private const string Hits = $"""
        SELECT rowid AS id, {SearchRanking.Bm25} AS rank
              FROM statements_fts WHERE statements_fts MATCH @q
        """;

    private const string SearchFrom = $"""
        FROM ({Hits}) h
        JOIN statements s ON s.id = h.id
        """;

    /// <summary>Adds a condition written in code; its values go through <see cref="Parameters"/>.</summary>
    public void Add(string condition) => conditions.Add(condition);

    public static async Task<StatementFilter> BuildAsync(IDbConnection connection, StatementListQuery query)
    {
        var filter = new StatementFilter();
        var officials = await IdOrSlug.FindAllAsync(connection, "officials", "official", query.Official);
        if (officials.Length > 0)
        {
            filter.officialList = Sql.In(filter.Parameters, "official", officials);
            filter.Add($"s.official_id IN {filter.officialList}");
            filter.officialIds = officials;
        }
        var topics = await IdOrSlug.FindAllAsync(connection, "topics", "topic", query.Topic);
        if (topics.Length > 0)
        {
            await filter.AddTopicsAsync(connection, topics);
        }
        var meetings = await IdOrSlug.FindAllAsync(connection, "meetings", "meeting", query.Meeting);
        if (meetings.Length > 0)
        {
            filter.Add($"s.meeting_id IN {Sql.In(filter.Parameters, "meeting", meetings)}");
        }
        var sources = Split(query.Source);
        if (sources.Length > 0)
        {
            var ids = sources.Select(s => Ids.TryParse(s, out var id) ? id : throw new BadInputException("source", $"'{s}' is not a source id.")).ToArray();
            var known = (await connection.QueryAsync<long>("SELECT id FROM sources WHERE id IN @ids", new { ids })).ToHashSet();
            if (ids.Where(id => !known.Contains(id)).Select(id => (long?)id).FirstOrDefault() is { } missing)
            {
                throw new BadInputException("source", $"There is no source '{missing}'.");
            }
            filter.Add($"s.source_id IN {Sql.In(filter.Parameters, "source", ids)}");
        }
        var kinds = Split(query.Kind).Select(k => k.ToLowerInvariant()).Distinct().ToArray();
        if (kinds.FirstOrDefault(k => k is not ("quote" or "paraphrase")) is { } badKind)
        {
            throw new BadInputException("kind", $"Unknown kind '{badKind}'; use quote or paraphrase.");
        }
        if (kinds.Length > 0)
        {
            filter.Add($"s.kind IN {Sql.In(filter.Parameters, "kind", kinds)}");
        }
        // Codes in any case, compared in the form they are stored in (so the column's index still serves).
        var languages = Split(query.Language).Select(Formats.CanonicalLanguage).Distinct().ToArray();
        if (languages.FirstOrDefault(l => !Regex.IsMatch(l, Formats.Language)) is { } badLanguage)
        {
            throw new BadInputException("language", $"'{badLanguage}' is not a language tag. {Formats.LanguageMessage}");
        }
        if (languages.Length > 0)
        {
            filter.Add($"s.language IN {Sql.In(filter.Parameters, "language", languages)}");
        }
        var countries = Split(query.Country).Select(Formats.CanonicalCountry).Distinct().ToArray();
        if (countries.FirstOrDefault(c => !Regex.IsMatch(c, Formats.Country)) is { } badCountry)
        {
            throw new BadInputException("country", $"'{badCountry}' is not an assigned country code. {Formats.CountryMessage}");
        }
        if (countries.Length > 0)
        {
            filter.Add($"o.country IN {Sql.In(filter.Parameters, "country", countries)}");
            filter.needsOfficials = true;
        }
        var (from, to) = Periods.ParseRange(query.From, query.To);
        if (from is not null)
        {
            filter.Add("s.said_on >= @from");
            filter.Parameters.Add("from", Periods.Format(from));
        }
        if (to is not null)
        {
            filter.Add("s.said_on <= @to");
            filter.Parameters.Add("to", Periods.Format(to));
        }
        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            if (!query.Q.Any(char.IsLetterOrDigit))
            {
                // Punctuation, symbols or emoji alone: the index holds words of letters and digits only, so nothing could match.
                throw new BadInputException("q", "The search expression q has no word in it: give at least one word of letters or digits.");
            }
            filter.SearchQuery = SearchExpression.Normalize(query.Q.Trim());
            filter.Parameters.Add("q", filter.SearchQuery);
        }
        if (query.UpdatedSince is not null)
        {
            var since = Periods.ParseTimestamp("updatedSince", query.UpdatedSince);
            filter.Add("s.updated_at > @updatedSince");
            filter.Parameters.Add("updatedSince", Data.Db.FormatTimestamp(since));
        }
        await StatementRelations.AddFilterAsync(connection, filter, query.RelatedTo, query.Relation);
        return filter;
    }

    /// <summary>Runs a statement query, turning FTS5's complaint about a malformed q into a 400 naming q.</summary>
    public static async Task<T> RunAsync<T>(string? q, Func<Task<T>> run)
    {
        try
        {
            return await run();
        }
        catch (Microsoft.Data.Sqlite.SqliteException e) when (e.SqliteErrorCode == 1 && !string.IsNullOrWhiteSpace(q))
        {
            // FTS5 reports a malformed MATCH expression as a plain SQL error, in its own terms.
            throw new BadInputException("q", $"The search expression q is malformed: {SearchErrorReason(e.Message)}. " +
                "Use words, \"quoted phrases\", prefix* and OR/NOT between terms.");
        }
    }

    /// <summary>What FTS5's complaint ("fts5: syntax error near \"\"") means, in the client's terms.</summary>
    private static string SearchErrorReason(string message)
    {
        var reason = message.Replace("SQLite Error 1: ", "", StringComparison.Ordinal).Trim('\'', '.', ' ');
        if (FtsSyntaxError().Match(reason) is { Success: true } near)
        {
            return near.Groups[1].Value.Length == 0
                ? "it ends where a search term should follow (after AND, OR, NOT, NEAR or an opening parenthesis, say)"
                : $"'{near.Groups[1].Value}' cannot stand where it does";
        }
        if (reason.StartsWith("no such column: ", StringComparison.Ordinal))
        {
            return $"'{reason["no such column: ".Length..]}:' names no column to search in (a word followed by a colon restricts a search to a column)";
        }
        return reason switch
        {
            "unterminated string" => "a double quote is not closed",
            _ => reason.StartsWith("fts5: ", StringComparison.Ordinal) ? reason["fts5: ".Length..] : reason,
        };
    }

    [GeneratedRegex("^fts5: syntax error near \"(.*)\"$")]
    private static partial Regex FtsSyntaxError();

    /// <summary>
    /// The text around the matches of <paramref name="q"/> in each of these statements, worked out for the rows shown
    /// only (snippet() reads and tokenizes the text, too costly for every match of a broad query). The matches are
    /// marked with U+E000/U+E001, which the API turns into &lt;mark&gt; after HTML-escaping the text. The snippet is of
    /// the first of text, original text and context that holds a match (a Cyrillic query that found the original text
    /// shows it), and of the text, unmarked, when only the speaker's name matched.
    /// </summary>
    public static async Task<Dictionary<long, string>> SnippetsAsync(IDbConnection connection, string q, IReadOnlyCollection<long> ids, IDbTransaction? transaction)
    {
        const string sql = """
            SELECT id, CASE WHEN instr(text, char(57344)) THEN text
                            WHEN instr(original_text, char(57344)) THEN original_text
                            WHEN instr(context, char(57344)) THEN context
                            ELSE text END AS snippet
            FROM (SELECT rowid AS id,
                         snippet(statements_fts, 0, char(57344), char(57345), '…', 24) AS text,
                         snippet(statements_fts, 1, char(57344), char(57345), '…', 24) AS original_text,
                         snippet(statements_fts, 2, char(57344), char(57345), '…', 24) AS context
                  FROM statements_fts WHERE statements_fts MATCH @q AND rowid IN @ids)
            """;
        var rows = await connection.QueryAsync<(long Id, string Snippet)>(sql, new { q, ids }, transaction);
        return rows.ToDictionary(r => r.Id, r => r.Snippet);
    }

    /// <summary>
    /// Statements tagged with any of the topics or a topic beneath them, checked in the way that suits how many statements
    /// the topics have (measured at a million statements): a few are looked up one by one and sorted (SQLite drives the
    /// query from them); a narrow topic's statement ids are gathered once and looked up in memory while the list walks its
    /// index (by official, by date…); a broad topic is checked row by row on that walk, which finds a page of matches
    /// after a few rows without reading the topic's whole, long list of statements. With an official filter, the
    /// statements the topics and officials have in common are gathered from ix_statement_topics_topic (topic, official)
    /// instead of all the topic's, unless they are as many as a broad topic's.
    /// </summary>
    public async Task AddTopicsAsync(IDbConnection connection, long[] topicIds)
    {
        const string treeSql = """
            WITH RECURSIVE tree (id) AS (
                SELECT id FROM topics WHERE id IN @topicIds
                UNION SELECT t.id FROM topics t JOIN tree ON t.parent_id = tree.id)
            SELECT id FROM tree
            """;
        var tree = (await connection.QueryAsync<long>(treeSql, new { topicIds })).AsList();
        taggedStatements = await TaggedAsync(connection, tree, officials: null);
        if (officialIds is not null && taggedStatements >= FewStatements)
        {
            sharedWithOfficials = await TaggedAsync(connection, tree, officialIds);
        }
        topicList = Sql.In(Parameters, "topic", tree);
    }

    private long[]? officialIds;
    private string? officialList;
    private string? topicList;
    private long? taggedStatements;
    private long? sharedWithOfficials;

    /// <summary>The topic condition, by the number of statements the topics have (see <see cref="AddTopicsAsync"/>).</summary>
    private string? TopicCondition => taggedStatements switch
    {
        null => null,
        < FewStatements => $"s.id IN (SELECT st.statement_id FROM statement_topics st WHERE st.topic_id IN {topicList})",
        _ when sharedWithOfficials < NarrowTopic =>
            $"s.id IN (SELECT st.statement_id FROM statement_topics st WHERE st.topic_id IN {topicList} AND st.official_id IN {officialList})",
        // The unary + keeps SQLite from driving the query from the topic's statements: they are only looked up.
        < NarrowTopic => $"+s.id IN (SELECT st.statement_id FROM statement_topics st WHERE st.topic_id IN {topicList})",
        _ => $"EXISTS (SELECT 1 FROM statement_topics st WHERE st.statement_id = s.id AND st.topic_id IN {topicList})",
    };

    /// <summary>
    /// How many statements the topics have (of these officials, when given), counted up to <see cref="NarrowTopic"/> (a
    /// walk of up to that many index entries, a few milliseconds at the top) and remembered for a minute: it only chooses
    /// how the list is read, so a count a little out of date costs nothing but, at worst, a slower plan.
    /// </summary>
    private static async Task<long> TaggedAsync(IDbConnection connection, List<long> tree, long[]? officials)
    {
        var key = $"{connection.Database}|{connection.ConnectionString}|{string.Join(',', tree.Order())}|{string.Join(',', (officials ?? []).Order())}";
        if (TaggedCounts.TryGetValue(key, out var known) && known.At > DateTime.UtcNow.AddMinutes(-1))
        {
            return known.Count;
        }
        var count = await connection.ExecuteScalarAsync<long>(officials is null
            ? "SELECT count(*) FROM (SELECT 1 FROM statement_topics WHERE topic_id IN @tree LIMIT @narrow)"
            : "SELECT count(*) FROM (SELECT 1 FROM statement_topics WHERE topic_id IN @tree AND official_id IN @officials LIMIT @narrow)",
            new { tree, officials, narrow = NarrowTopic });
        if (TaggedCounts.Count >= 10_000)
        {
            TaggedCounts.Clear();
        }
        TaggedCounts[key] = (count, DateTime.UtcNow);
        return count;
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, (long Count, DateTime At)> TaggedCounts = new();

    /// <summary>Up to this many tagged statements, reading each one and sorting them is cheaper than walking an index.</summary>
    private const int FewStatements = 1_000;

    /// <summary>
    /// Up to this many tagged statements, gathering a topic's ids (about 0.2 µs each) costs less than checking the rows
    /// of a walk one by one (about 1.5 µs each; a broad topic needs fewer of them per page).
    /// </summary>
    private const int NarrowTopic = 20_000;

    private static string[] Split(string[]? values) =>
        [.. (values ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Distinct()];
}
