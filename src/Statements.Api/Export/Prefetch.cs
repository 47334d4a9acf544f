// Reading a streamed export: ahead, so that the rows are read from the database on one thread while the previous ones
// are formatted and written on another (an export of a million rows then uses both cores instead of taking turns on
// one), and in batches, so that what the rows name is looked up once per batch.
using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace Statements.Api.Export;

public static class Prefetch
{
    /// <summary>
    /// The same items, read by a background task in batches of <paramref name="batchSize"/>, up to
    /// <paramref name="batches"/> batches ahead of the consumer. The source is enumerated (and its reader used) by that
    /// task alone; stopping early cancels it and waits for it, so whatever the source reads from can be disposed after.
    /// </summary>
    public static async IAsyncEnumerable<T> PrefetchAsync<T>(
        this IAsyncEnumerable<T> source, int batchSize = 256, int batches = 4, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var channel = Channel.CreateBounded<List<T>>(new BoundedChannelOptions(batches) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var producer = Task.Run(async () =>
        {
            try
            {
                var batch = new List<T>(batchSize);
                await foreach (var item in source.WithCancellation(stop.Token))
                {
                    batch.Add(item);
                    if (batch.Count == batchSize)
                    {
                        await channel.Writer.WriteAsync(batch, stop.Token);
                        batch = new List<T>(batchSize);
                    }
                }
                if (batch.Count > 0)
                {
                    await channel.Writer.WriteAsync(batch, stop.Token);
                }
                channel.Writer.Complete();
            }
            catch (Exception e)
            {
                // The consumer sees the failure when it reaches it (or never, when it stopped first).
                channel.Writer.Complete(e);
            }
        }, CancellationToken.None);
        try
        {
            await foreach (var batch in channel.Reader.ReadAllAsync(cancellationToken))
            {
                foreach (var item in batch)
                {
                    yield return item;
                }
            }
        }
        finally
        {
            await stop.CancelAsync();
            await producer;
        }
    }

    /// <summary>
    /// The rows of a reader, read with <paramref name="read"/>, in lists of up to <paramref name="size"/>: for exports that
    /// look up what a batch of rows names with one query per batch rather than one per row.
    /// </summary>
    public static async IAsyncEnumerable<List<T>> ReadBatchesAsync<T>(
        this DbDataReader reader, int size, Func<DbDataReader, T> read, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var batch = new List<T>(size);
        while (await reader.ReadAsync(cancellationToken))
        {
            batch.Add(read(reader));
            if (batch.Count == size)
            {
                yield return batch;
                batch = new List<T>(size);
            }
        }
        if (batch.Count > 0)
        {
            yield return batch;
        }
    }
}
