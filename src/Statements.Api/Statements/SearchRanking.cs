// Relevance for the commonest searches — plain words, each of which a hit must contain — worked out here instead of by
// FTS5's bm25(). bm25() reads every hit's length from the index's docsize table, a B-tree lookup per hit: most of the
// time of ranking a word found in 30,000 statements. Here the hits and their weighted counts come from one pass over
// each word's occurrences (fts5vocab's instance table), and the lengths from memory: every statement's length in tokens,
// read once and kept in step through the changes feed, which records every write in the writing transaction.
//
// The score is bm25()'s to the bit: the same formula with the same operations in the same order, on the same counts
// (RankingTests compares every hit with bm25() itself). So a page and its cursor are the same whichever way they were
// ranked, and a query FTS5 syntax makes anything more than plain words ("phrases", prefix*, OR, NOT, NEAR, non-ASCII
// words, whose tokens only the index's tokenizer knows) is still ranked by bm25().
using System.Data.Common;
using System.Globalization;
using System.Text;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Statements.Api.Statements;

public sealed class SearchRanking(Data.Db db, ILogger<SearchRanking> logger)
{
    /// <summary>The ranking SQL: columns text, original_text, context and speaker, weighted as <see cref="Weights"/>.</summary>
    public const string Bm25 = "bm25(statements_fts, 10.0, 8.0, 2.0, 4.0)";

    private static readonly double[] Weights = [10.0, 8.0, 2.0, 4.0];

    // FTS5's bm25 constants.
    private const double K1 = 1.2;
    private const double B = 0.75;

    // More phrases than this are ranked by bm25(): a query that long is rare, and each word is one more pass.
    private const int MaxPhrases = 8;

    private readonly SemaphoreSlim gate = new(1, 1);

    // Per statement id: 1 + its length in tokens over all columns, as the index counts them; 0 for none indexed.
    private int[] lengths = [];

    // What the lengths add up to, as the index's own totals say it should (checked before every use), and the position
    // in the changes feed they are as of.
    private long rows;
    private long tokens;
    private long asOf = -1;

    /// <summary>A search's hits by relevance (rank ascending: best first; then id), or null when bm25() must rank it.</summary>
    public async Task<Hit[]?> RankAsync(SqliteConnection connection, string search, CancellationToken cancellationToken)
    {
        if (Phrases(search) is not { } phrases)
        {
            return null;
        }
        // One snapshot for the index's totals, the changes the lengths catch up with and the words' occurrences.
        await using var transaction = connection.BeginTransaction(deferred: true);
        var (rowCount, tokenCount) = ReadTotals(await connection.ExecuteScalarAsync<byte[]>(
            "SELECT block FROM statements_fts_data WHERE id = 1", transaction: transaction));
        var seq = await connection.ExecuteScalarAsync<long>("SELECT coalesce(max(seq), 0) FROM changes", transaction: transaction);

        // Each word's occurrences, with their places when a phrase needs to see words follow one another.
        var occurrences = new Dictionary<string, Occurrences>();
        foreach (var word in phrases.SelectMany(p => p).Distinct())
        {
            var places = phrases.Any(p => p.Length > 1 && p.Contains(word));
            if (await Occurrences.ReadAsync(connection, transaction, word, places) is not { } found)
            {
                return null;
            }
            occurrences[word] = found;
        }
        var matches = phrases.Select(p => PhraseMatches.Find([.. p.Select(word => occurrences[word])])).ToArray();

        var candidates = Intersect([.. matches.Select(m => m.Docs)]);
        var docLengths = new double[candidates.Length];
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (!await CatchUpAsync(connection, transaction, seq, rowCount, tokenCount))
            {
                return null;
            }
            for (var i = 0; i < candidates.Length; i++)
            {
                if (candidates[i] >= lengths.Length || lengths[candidates[i]] == 0)
                {
                    return null; // a hit the lengths do not know: not the index they were read from
                }
                docLengths[i] = lengths[candidates[i]] - 1;
            }
        }
        finally
        {
            gate.Release();
        }

        // As FTS5's bm25(): idf per phrase from the rows that have it; each hit's weighted count per phrase and length.
        var avgdl = (double)tokenCount / (double)rowCount;
        var idf = new double[matches.Length];
        for (var p = 0; p < matches.Length; p++)
        {
            var hitRows = (long)matches[p].Docs.Length;
            idf[p] = Math.Log((rowCount - hitRows + 0.5) / (hitRows + 0.5));
            if (idf[p] <= 0.0)
            {
                idf[p] = 1e-6;
            }
        }
        var cursors = new int[matches.Length];
        var hits = new Hit[candidates.Length];
        for (var i = 0; i < candidates.Length; i++)
        {
            var doc = candidates[i];
            var score = 0.0;
            for (var p = 0; p < matches.Length; p++)
            {
                var freq = matches[p].FrequencyOf(doc, ref cursors[p]);
                score += idf[p] * ((freq * (K1 + 1.0)) / (freq + K1 * (1 - B + B * docLengths[i] / avgdl)));
            }
            hits[i] = new Hit(-1.0 * score, doc);
        }
        Array.Sort(hits);
        return hits;
    }

    /// <summary>
    /// Brings the lengths up to the snapshot's position in the changes feed and checks them against the index's totals.
    /// False when they cannot serve this snapshot: a request that began before the lengths' last update; lengths never
    /// read, far behind, or disagreeing with the index (a write to the database that bypassed the API and its changes
    /// feed would show so). Those are read again in the background, while bm25() ranks.
    /// </summary>
    private async Task<bool> CatchUpAsync(DbConnection connection, DbTransaction transaction, long seq, long rowCount, long tokenCount)
    {
        if (asOf > seq)
        {
            return false;
        }
        if (asOf >= 0 && asOf < seq && seq - asOf <= Math.Max(10_000, rows / 10))
        {
            var changed = await connection.QueryAsync<(long Id, byte[]? Size)>("""
                SELECT c.id, d.sz
                FROM (SELECT resource_id AS id FROM changes WHERE seq > @asOf AND resource = 'statement'
                      UNION
                      SELECT s.id FROM statements s
                      WHERE s.official_id IN (SELECT resource_id FROM changes WHERE seq > @asOf AND resource = 'official')) c
                LEFT JOIN statements_fts_docsize d ON d.id = c.id
                """, new { asOf }, transaction);
            foreach (var (id, size) in changed)
            {
                Set(ref lengths, id, size, ref rows, ref tokens);
            }
            asOf = seq;
        }
        if (asOf == seq && rows == rowCount && tokens == tokenCount)
        {
            return true;
        }
        if (!disabled && Interlocked.CompareExchange(ref reading, 1, 0) == 0)
        {
            _ = Task.Run(ReadAllAsync);
        }
        return false;
    }

    // 1 while every length is being read in the background; and whether a fresh read disagreed with the index's own totals,
    // which no write through the API can cause: bm25() then ranks every search until a restart.
    private int reading;
    private bool disabled;

    private async Task ReadAllAsync()
    {
        try
        {
            await using var connection = await db.OpenAsync();
            await using var transaction = connection.BeginTransaction(deferred: true);
            var maxId = await connection.ExecuteScalarAsync<long?>("SELECT max(id) FROM statements_fts_docsize", transaction: transaction) ?? 0;
            var all = new int[maxId + 1];
            long allRows = 0, allTokens = 0;
            await using (var command = connection.CreateCommand())
            {
                command.Transaction = transaction;
                command.CommandText = "SELECT id, sz FROM statements_fts_docsize";
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    Set(ref all, reader.GetInt64(0), (byte[])reader.GetValue(1), ref allRows, ref allTokens);
                }
            }
            var seq = await connection.ExecuteScalarAsync<long>("SELECT coalesce(max(seq), 0) FROM changes", transaction: transaction);
            var (rowCount, tokenCount) = ReadTotals(await connection.ExecuteScalarAsync<byte[]>(
                "SELECT block FROM statements_fts_data WHERE id = 1", transaction: transaction));
            await gate.WaitAsync();
            try
            {
                (lengths, rows, tokens, asOf) = (all, allRows, allTokens, seq);
                if (rows != rowCount || tokens != tokenCount)
                {
                    disabled = true;
                    logger.LogWarning("The full-text index's totals ({Rows} rows, {Tokens} tokens) disagree with its documents' sizes ({Counted} rows, {CountedTokens} tokens); searches are ranked by bm25() until a restart.",
                        rowCount, tokenCount, rows, tokens);
                }
            }
            finally
            {
                gate.Release();
            }
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Reading the statements' lengths for search ranking failed; searches are ranked by bm25() meanwhile.");
        }
        finally
        {
            Volatile.Write(ref reading, 0);
        }
    }

    /// <summary>Records a statement's length from its docsize record (a varint per column), or its absence (null).</summary>
    private static void Set(ref int[] lengths, long id, byte[]? size, ref long rows, ref long tokens)
    {
        var length = 0;
        if (size is not null)
        {
            var at = 0;
            while (at < size.Length)
            {
                length += (int)ReadVarint(size, ref at);
            }
        }
        if (id >= lengths.Length)
        {
            if (size is null)
            {
                return;
            }
            Array.Resize(ref lengths, (int)Math.Max(id + 1, lengths.Length + lengths.Length / 8));
        }
        var old = lengths[id];
        if (old > 0)
        {
            rows--;
            tokens -= old - 1;
        }
        lengths[id] = size is null ? 0 : length + 1;
        if (size is not null)
        {
            rows++;
            tokens += length;
        }
    }

    /// <summary>The index's row count and token count over all columns, from its averages record (FTS5's %_data row 1).</summary>
    private static (long Rows, long Tokens) ReadTotals(byte[]? block)
    {
        if (block is null)
        {
            return (0, 0);
        }
        var at = 0;
        var rowCount = ReadVarint(block, ref at);
        long tokenCount = 0;
        while (at < block.Length)
        {
            tokenCount += ReadVarint(block, ref at);
        }
        return (rowCount, tokenCount);
    }

    /// <summary>SQLite's varint, as FTS5 writes its records: big-endian groups of 7 bits, the ninth byte whole.</summary>
    private static long ReadVarint(byte[] bytes, ref int at)
    {
        long value = 0;
        for (var i = 0; i < 8; i++)
        {
            var b = bytes[at++];
            value = (value << 7) | (long)(b & 0x7f);
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }
        return (value << 8) | bytes[at++];
    }

    /// <summary>
    /// The phrases of a search made of plain words and "quoted phrases" alone, all of which a hit must contain, each as
    /// the index's tokens (lower case); null for anything else FTS5's syntax offers. Only ASCII is read here: the index's
    /// tokenizer (unicode61) splits it at every character but letters and digits, as this does.
    /// </summary>
    internal static string[][]? Phrases(string search)
    {
        var phrases = new List<string[]>();
        for (var i = 0; i < search.Length;)
        {
            if (char.IsWhiteSpace(search[i]))
            {
                i++;
                continue;
            }
            var start = i;
            if (search[i] == '"')
            {
                // A string closed before a space or the end: no "" inside it, no * or + after it.
                var end = search.IndexOf('"', i + 1);
                if (end < 0 || (end + 1 < search.Length && !char.IsWhiteSpace(search[end + 1])))
                {
                    return null;
                }
                var text = search[(start + 1)..end];
                if (!Ascii.IsValid(text) || Tokens(text) is not { Length: > 0 } tokens)
                {
                    return null;
                }
                phrases.Add(tokens);
                i = end + 1;
                continue;
            }
            while (i < search.Length && !char.IsWhiteSpace(search[i]))
            {
                i++;
            }
            var word = search[start..i];
            if (word is "AND" or "OR" or "NOT" or "NEAR" || word.AsSpan().ContainsAnyExcept(AsciiLettersAndDigits))
            {
                return null;
            }
            phrases.Add([word.ToLowerInvariant()]);
        }
        return phrases.Count is 0 or > MaxPhrases ? null : [.. phrases];
    }

    private static string[] Tokens(string text)
    {
        var tokens = new List<string>();
        for (var i = 0; i < text.Length;)
        {
            var length = text.AsSpan(i).IndexOfAnyExcept(AsciiLettersAndDigits) is var end and >= 0 ? end : text.Length - i;
            if (length > 0)
            {
                tokens.Add(text.Substring(i, length).ToLowerInvariant());
            }
            i += Math.Max(length, 1);
        }
        return [.. tokens];
    }

    private static readonly System.Buffers.SearchValues<char> AsciiLettersAndDigits =
        System.Buffers.SearchValues.Create("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");

    /// <summary>The ids in every one of the ascending lists.</summary>
    private static long[] Intersect(long[][] lists)
    {
        var result = lists[0];
        foreach (var other in lists.Skip(1))
        {
            var both = new List<long>(Math.Min(result.Length, other.Length));
            for (int i = 0, j = 0; i < result.Length && j < other.Length;)
            {
                if (result[i] < other[j])
                {
                    i++;
                }
                else if (result[i] > other[j])
                {
                    j++;
                }
                else
                {
                    both.Add(result[i]);
                    i++;
                    j++;
                }
            }
            result = [.. both];
        }
        return result;
    }

    /// <summary>A hit: its rank (bm25's, lower is better) and statement id, in the order of a search by relevance.</summary>
    public readonly record struct Hit(double Rank, long Id) : IComparable<Hit>
    {
        public int CompareTo(Hit other) => Rank != other.Rank ? Rank.CompareTo(other.Rank) : Id.CompareTo(other.Id);
    }

    /// <summary>
    /// The most occurrences of a word read here: a word as common as "the" (in most statements, a million times at a
    /// million statements) is left to FTS5, which walks its list natively rather than handing it over as text.
    /// </summary>
    private const int MaxOccurrences = 250_000;

    /// <summary>
    /// A word's occurrences: the statements it is in, ascending, and in each its places — column and token offset (packed
    /// as column &lt;&lt; 24 | offset; a statement's text, within the body limit, is far from 2^24 tokens), or the column alone
    /// when no phrase needs the offsets.
    /// </summary>
    private sealed class Occurrences(long[] docs, int[] starts, int[] places)
    {
        public long[] Docs => docs;

        /// <summary>The places in the <paramref name="i"/>th statement.</summary>
        public ReadOnlySpan<int> PlacesAt(int i) => places.AsSpan(starts[i], starts[i + 1] - starts[i]);

        /// <summary>
        /// Reads every occurrence of the word as one text (doc * 4 + column, shifted left 24 bits and or-ed with the
        /// offset when asked for places; comma-separated): one value to fetch rather than a row per occurrence. Null if
        /// there are more than <see cref="MaxOccurrences"/>, or they are not in the order of their statements and places,
        /// as they are.
        /// </summary>
        public static async Task<Occurrences?> ReadAsync(DbConnection connection, DbTransaction transaction, string word, bool withOffsets)
        {
            const string column = "doc * 4 + CASE col WHEN 'text' THEN 0 WHEN 'original_text' THEN 1 WHEN 'context' THEN 2 ELSE 3 END";
            var text = await connection.ExecuteScalarAsync<string?>($"""
                SELECT group_concat(v) FROM (SELECT {(withOffsets ? $"(({column}) << 24) | offset" : column)} AS v
                                             FROM statements_fts_instances WHERE term = @word LIMIT @limit)
                """, new { word, limit = MaxOccurrences + 1 }, transaction);
            var docs = new List<long>();
            var starts = new List<int>();
            var places = new List<int>();
            var last = -1L;
            var lastPlace = -1;
            var all = text ?? "";
            foreach (var range in all.AsSpan().Split(','))
            {
                var (offsetStart, length) = range.GetOffsetAndLength(all.Length);
                if (length == 0)
                {
                    continue;
                }
                var value = long.Parse(all.AsSpan(offsetStart, length), NumberStyles.None, CultureInfo.InvariantCulture);
                var (docAndColumn, offset) = withOffsets ? (value >> 24, (int)(value & 0xFFFFFF)) : (value, 0);
                var doc = docAndColumn >> 2;
                var place = (int)(docAndColumn & 3) << 24 | offset;
                if (doc != last)
                {
                    if (doc < last)
                    {
                        return null;
                    }
                    docs.Add(doc);
                    starts.Add(places.Count);
                    last = doc;
                    lastPlace = -1;
                }
                if (place < lastPlace)
                {
                    return null;
                }
                places.Add(place);
                lastPlace = place;
            }
            if (places.Count > MaxOccurrences)
            {
                return null;
            }
            starts.Add(places.Count);
            return new Occurrences([.. docs], [.. starts], [.. places]);
        }
    }

    /// <summary>A phrase's hits, ascending, with its weighted count in each (bm25's phrase frequency).</summary>
    private sealed class PhraseMatches(long[] docs, double[] frequencies)
    {
        public long[] Docs => docs;

        /// <summary>The count in <paramref name="doc"/>, for docs asked in ascending order (<paramref name="at"/> walks forward).</summary>
        public double FrequencyOf(long doc, ref int at)
        {
            while (docs[at] < doc)
            {
                at++;
            }
            return frequencies[at];
        }

        /// <summary>Where the words follow one another, in one column: each such place counts its column's weight, as FTS5 counts a phrase's instances.</summary>
        public static PhraseMatches Find(Occurrences[] words)
        {
            var docs = new List<long>();
            var frequencies = new List<double>();
            var at = new int[words.Length];
            for (at[0] = 0; at[0] < words[0].Docs.Length; at[0]++)
            {
                var doc = words[0].Docs[at[0]];
                if (!AllIn(words, doc, at))
                {
                    continue;
                }
                var frequency = 0.0;
                foreach (var place in words[0].PlacesAt(at[0]))
                {
                    var follows = true;
                    for (var w = 1; w < words.Length && follows; w++)
                    {
                        follows = words[w].PlacesAt(at[w]).BinarySearch(place + w) >= 0;
                    }
                    if (follows)
                    {
                        frequency += Weights[place >> 24];
                    }
                }
                if (frequency > 0)
                {
                    docs.Add(doc);
                    frequencies.Add(frequency);
                }
            }
            return new PhraseMatches([.. docs], [.. frequencies]);
        }

        /// <summary>Whether every word after the first is in <paramref name="doc"/>, moving each word's place in its list there.</summary>
        private static bool AllIn(Occurrences[] words, long doc, int[] at)
        {
            for (var w = 1; w < words.Length; w++)
            {
                var docs = words[w].Docs;
                while (at[w] < docs.Length && docs[at[w]] < doc)
                {
                    at[w]++;
                }
                if (at[w] == docs.Length || docs[at[w]] != doc)
                {
                    return false;
                }
            }
            return true;
        }
    }
}
