// Relevance for the commonest search — one plain word — worked out here instead of by FTS5's bm25(). bm25() reads every
// hit's length from the index's docsize table, a B-tree lookup per hit: most of the time of ranking a word found in
// 30,000 statements, since every hit must be scored before the best can be known. Here the hits and their weighted
// counts come from one pass over the word's occurrences (fts5vocab's instance table), and the lengths from memory:
// every statement's length in tokens, read once and kept in step through the changes feed, which records every write
// in the writing transaction.
//
// The score is bm25()'s to the bit: the same formula with the same operations in the same order, on the same counts
// (SearchRankingTests compares every hit with bm25() itself). So a page and its cursor are the same whichever way they
// were ranked. Anything else is ranked by bm25(): several words or a phrase, where FTS5 scores only the statements that
// have them all and a pass over every word's occurrences here would cost more (measured: twice the time when one of
// two words is common); FTS5 syntax (prefix*, OR, NOT, NEAR); and words beyond ASCII, whose tokens only the index's
// tokenizer knows.
using System.Buffers;
using System.Buffers.Text;
using System.Data.Common;
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

    /// <summary>
    /// The most occurrences of a word read here: a word as common as "the" (in most statements, a million times at a
    /// million statements) is left to bm25(), which is slow on it too, rather than handed over as megabytes of text.
    /// </summary>
    private const int MaxOccurrences = 250_000;

    private readonly SemaphoreSlim gate = new(1, 1);

    // Per statement id: 1 + its length in tokens over all columns, as the index counts them; 0 for none indexed.
    private int[] lengths = [];

    // What the lengths add up to, as the index's own totals say it should (checked before every use), and the position
    // in the changes feed they are as of.
    private long rows;
    private long tokens;
    private long asOf = -1;

    /// <summary>A search's hits by relevance (rank ascending: best first; then id), or null when bm25() must rank it.</summary>
    public async Task<RankedHits?> RankAsync(SqliteConnection connection, string search, CancellationToken cancellationToken)
    {
        if (Word(search) is not { } word || disabled)
        {
            return null;
        }
        if (Volatile.Read(ref asOf) < 0)
        {
            ReadAllInBackground(); // the first search after start: bm25() ranks it, and the ones that come while this reads
            return null;
        }
        // One snapshot for the index's totals, the changes the lengths catch up with and the word's occurrences.
        await using var transaction = connection.BeginTransaction(deferred: true);
        var (seq, rowCount, tokenCount) = await ReadPositionAsync(connection, transaction);
        if (ReadOccurrences(connection, word) is not var (docs, frequencies, count))
        {
            return null;
        }
        var hits = ArrayPool<Hit>.Shared.Rent(count);
        try
        {
            // As FTS5's bm25() for one phrase: its idf from the rows that have it; each hit's weighted count and length.
            var avgdl = (double)tokenCount / (double)rowCount;
            var idf = Math.Log((rowCount - (long)count + 0.5) / ((long)count + 0.5));
            if (idf <= 0.0)
            {
                idf = 1e-6;
            }
            await gate.WaitAsync(cancellationToken);
            try
            {
                if (!await CatchUpAsync(connection, transaction, seq, rowCount, tokenCount))
                {
                    return null;
                }
                for (var i = 0; i < count; i++)
                {
                    if (docs[i] >= lengths.Length || lengths[docs[i]] == 0)
                    {
                        return null; // a hit the lengths do not know: not the index they were read from
                    }
                    var length = (double)(lengths[docs[i]] - 1);
                    var score = 0.0;
                    score += idf * ((frequencies[i] * (K1 + 1.0)) / (frequencies[i] + K1 * (1 - B + B * length / avgdl)));
                    hits[i] = new Hit(-1.0 * score, docs[i]);
                }
            }
            finally
            {
                gate.Release();
            }
            hits.AsSpan(0, count).Sort();
            var ranked = new RankedHits(hits, count);
            hits = null;
            return ranked;
        }
        finally
        {
            ArrayPool<long>.Shared.Return(docs);
            ArrayPool<double>.Shared.Return(frequencies);
            if (hits is not null)
            {
                ArrayPool<Hit>.Shared.Return(hits);
            }
        }
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
        ReadAllInBackground();
        return false;
    }

    private void ReadAllInBackground()
    {
        if (!disabled && Interlocked.CompareExchange(ref reading, 1, 0) == 0)
        {
            _ = Task.Run(ReadAllAsync);
        }
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
            var (seq, rowCount, tokenCount) = await ReadPositionAsync(connection, transaction);
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

    /// <summary>
    /// The snapshot's position in the changes feed, and the index's row count and token count over all columns, from its
    /// averages record (FTS5's %_data row 1).
    /// </summary>
    private static async Task<(long Seq, long Rows, long Tokens)> ReadPositionAsync(DbConnection connection, DbTransaction transaction)
    {
        var seq = await connection.ExecuteScalarAsync<long>("SELECT coalesce(max(seq), 0) FROM changes", transaction: transaction);
        var block = await connection.ExecuteScalarAsync<byte[]>("SELECT block FROM statements_fts_data WHERE id = 1", transaction: transaction);
        if (block is null)
        {
            return (seq, 0, 0);
        }
        var at = 0;
        var rowCount = ReadVarint(block, ref at);
        long tokenCount = 0;
        while (at < block.Length)
        {
            tokenCount += ReadVarint(block, ref at);
        }
        return (seq, rowCount, tokenCount);
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
    /// The word a search is made of, when it is one plain word (an FTS5 bareword of ASCII letters and digits: one token
    /// of the index's tokenizer, unicode61, which lower-cases it); else null.
    /// </summary>
    internal static string? Word(string search)
    {
        var word = search.Trim();
        return word.Length == 0 || SearchExpression.IsOperator(word) || word.AsSpan().ContainsAnyExcept(AsciiLettersAndDigits)
            ? null
            : word.ToLowerInvariant();
    }

    private static readonly SearchValues<char> AsciiLettersAndDigits =
        SearchValues.Create("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");

    /// <summary>A hit: its rank (bm25's, lower is better) and statement id, in the order of a search by relevance.</summary>
    public readonly record struct Hit(double Rank, long Id) : IComparable<Hit>
    {
        public int CompareTo(Hit other) => Rank != other.Rank ? Rank.CompareTo(other.Rank) : Id.CompareTo(other.Id);
    }

    /// <summary>
    /// A word's hits, ascending, with its weighted count in each (bm25's phrase frequency), in pooled arrays. The
    /// occurrences are read as one text (doc * 4 + column, comma-separated) and parsed where SQLite holds it: one value
    /// to fetch rather than a row per occurrence, and no copy of it (a word in 30,000 statements is 120 KB of it). Null if
    /// there are more than <see cref="MaxOccurrences"/>, or if they are not in the order of their statements, as they are.
    /// </summary>
    private static (long[] Docs, double[] Frequencies, int Count)? ReadOccurrences(SqliteConnection connection, string word)
    {
        using var query = new Data.RowStatement(connection, """
            SELECT group_concat(v) FROM (
                SELECT doc * 4 + CASE col WHEN 'text' THEN 0 WHEN 'original_text' THEN 1 WHEN 'context' THEN 2 ELSE 3 END AS v
                FROM statements_fts_instances WHERE term = @word LIMIT @limit)
            """);
        query.Bind("@word", word);
        query.Bind("@limit", MaxOccurrences + 1);
        return query.ReadOne(static text =>
        {
            var occurrences = text.IsEmpty ? 0 : text.Count((byte)',') + 1;
            if (occurrences > MaxOccurrences)
            {
                return ((long[], double[], int)?)null;
            }
            var docs = ArrayPool<long>.Shared.Rent(occurrences);
            var frequencies = ArrayPool<double>.Shared.Rent(occurrences);
            var count = 0;
            var last = -1L;
            while (!text.IsEmpty)
            {
                Utf8Parser.TryParse(text, out long value, out var consumed);
                text = text[Math.Min(consumed + 1, text.Length)..];
                var doc = value >> 2;
                if (doc != last)
                {
                    if (doc < last)
                    {
                        ArrayPool<long>.Shared.Return(docs);
                        ArrayPool<double>.Shared.Return(frequencies);
                        return null;
                    }
                    docs[count] = doc;
                    frequencies[count++] = 0;
                    last = doc;
                }
                frequencies[count - 1] += Weights[(int)(value & 3)];
            }
            return (docs, frequencies, count);
        });
    }

    /// <summary>A search's hits in order, in a pooled array that <see cref="Dispose"/> gives back.</summary>
    public sealed class RankedHits(Hit[] hits, int count) : IDisposable
    {
        public ReadOnlySpan<Hit> All => hits.AsSpan(0, count);

        /// <summary>Where the hits after <paramref name="cursor"/> (a hit's rank and id) begin.</summary>
        public int After(Hit cursor)
        {
            var at = All.BinarySearch(cursor);
            return at >= 0 ? at + 1 : ~at;
        }

        /// <summary>The ids of <paramref name="count"/> hits from <paramref name="first"/>, in order.</summary>
        public IEnumerable<long> Ids(int first, int count)
        {
            for (var i = first; i < first + count; i++)
            {
                yield return hits[i].Id;
            }
        }

        public void Dispose() => ArrayPool<Hit>.Shared.Return(hits);
    }
}
