// Reads the statements of a bulk import as the body streams in, one item at a time: NDJSON split at line ends, or the
// items of a JSON array found with a resumable Utf8JsonReader. Each item is deserialized straight from the request's
// bytes; an item that is not valid JSON, or not a statement, becomes an error for its line and reading goes on (after a
// syntax error in a JSON array nothing more can be read, so that error is the last one).
using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Statements.Api.Common;

namespace Statements.Api.Import;

/// <summary>An item of the body: its line number (its position, for an array item) and the statement or what is wrong with it.</summary>
public readonly record struct BulkLine(int Number, BulkStatementInput? Input, Dictionary<string, string[]>? Errors);

/// <summary>The body as a whole cannot be read as statements (it is not an array, or is empty).</summary>
public sealed class BulkBodyException(string message) : Exception(message);

public static class BulkBodyReader
{
    /// <summary>
    /// No single statement is this large: a longer NDJSON line is reported as invalid and skipped, rather than buffered;
    /// in a JSON array, where the next item cannot be found without reading this one, reading stops there.
    /// </summary>
    public const int MaxItemBytes = 1024 * 1024;

    public static IAsyncEnumerable<BulkLine> ReadAsync(PipeReader body, bool ndjson, JsonSerializerOptions options, CancellationToken cancellationToken) =>
        ndjson ? ReadLinesAsync(body, options, cancellationToken) : ReadArrayAsync(body, options, cancellationToken);

    private static async IAsyncEnumerable<BulkLine> ReadLinesAsync(
        PipeReader body, JsonSerializerOptions options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var parsed = new List<BulkLine>();
        var number = 0;
        var atStart = true;
        // Inside a line already reported as too long: its bytes are let go up to its end, without being kept, and
        // reading goes on with the next line, so that every invalid line is reported and every line counted.
        var skipping = false;
        while (true)
        {
            var result = await body.ReadAsync(cancellationToken);
            var buffer = result.Buffer;
            if (atStart)
            {
                buffer = WithoutBom(buffer);
                atStart = false;
            }
            if (skipping)
            {
                if (buffer.PositionOf((byte)'\n') is { } skippedEnd)
                {
                    buffer = buffer.Slice(buffer.GetPosition(1, skippedEnd));
                    skipping = false;
                }
                else
                {
                    buffer = buffer.Slice(buffer.End);
                }
            }
            while (buffer.PositionOf((byte)'\n') is { } end)
            {
                Parse(buffer.Slice(0, end), ++number, options, parsed);
                buffer = buffer.Slice(buffer.GetPosition(1, end));
            }
            if (result.IsCompleted && buffer.Length > 0)
            {
                Parse(buffer, ++number, options, parsed);
                buffer = buffer.Slice(buffer.End);
            }
            else if (buffer.Length > MaxItemBytes)
            {
                parsed.Add(TooLong(++number));
                buffer = buffer.Slice(buffer.End);
                skipping = true;
            }
            foreach (var line in parsed)
            {
                yield return line;
            }
            parsed.Clear();
            body.AdvanceTo(buffer.Start, buffer.End);
            if (result.IsCompleted)
            {
                yield break;
            }
        }
    }

    private static BulkLine TooLong(int number) => new(number, null, new() { ["$"] = [$"The line is longer than {MaxItemBytes} bytes."] });

    private static void Parse(ReadOnlySequence<byte> line, int number, JsonSerializerOptions options, List<BulkLine> parsed)
    {
        if (IsBlank(line))
        {
            return;
        }
        if (line.Length > MaxItemBytes)
        {
            // Found whole in one read of the body: held to the same limit as a line that outgrows the buffer.
            parsed.Add(TooLong(number));
            return;
        }
        var reader = new Utf8JsonReader(line);
        parsed.Add(Deserialize(ref reader, number, options));
    }

    private static BulkLine Deserialize(ref Utf8JsonReader reader, int number, JsonSerializerOptions options)
    {
        try
        {
            var input = JsonSerializer.Deserialize<BulkStatementInput>(ref reader, options);
            if (input is null)
            {
                return new BulkLine(number, null, new() { ["$"] = ["A statement must be a JSON object."] });
            }
            if (reader.Read())
            {
                return new BulkLine(number, null, new() { ["$"] = ["Put one statement on each line."] });
            }
            return new BulkLine(number, input, null);
        }
        catch (JsonException e)
        {
            var errors = ProblemExceptionHandler.JsonErrors(e).ToDictionary(f => f.Key, f => f.Value.Select(FirstSentence).ToArray());
            return new BulkLine(number, null, errors);
        }
    }

    /// <summary>Skips the UTF-8 byte order mark some editors and shells put at the start of a file.</summary>
    private static ReadOnlySequence<byte> WithoutBom(ReadOnlySequence<byte> buffer)
    {
        return buffer.Length >= 3 && buffer.Slice(0, 3).ToArray() is [0xEF, 0xBB, 0xBF] ? buffer.Slice(3) : buffer;
    }

    private static bool IsBlank(ReadOnlySequence<byte> bytes)
    {
        foreach (var segment in bytes)
        {
            foreach (var b in segment.Span)
            {
                if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
                {
                    return false;
                }
            }
        }
        return true;
    }

    /// <summary>Where a JSON array is between reads of the body.</summary>
    private sealed class ArrayProgress
    {
        public JsonReaderState State;
        public bool Started;
        public bool Ended;
        public int Position;
        public bool Failed;
    }

    private static async IAsyncEnumerable<BulkLine> ReadArrayAsync(
        PipeReader body, JsonSerializerOptions options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var progress = new ArrayProgress();
        var parsed = new List<BulkLine>();
        while (true)
        {
            var result = await body.ReadAsync(cancellationToken);
            var buffer = result.Buffer;
            var consumed = ParseItems(buffer, result.IsCompleted, progress, options, parsed);
            foreach (var item in parsed)
            {
                yield return item;
            }
            parsed.Clear();
            if (progress.Failed)
            {
                body.AdvanceTo(buffer.End);
                yield break;
            }
            if (!result.IsCompleted && buffer.Slice(consumed).Length > MaxItemBytes)
            {
                yield return new BulkLine(progress.Position + 1, null, new() { ["$"] = [$"The item is longer than {MaxItemBytes} bytes."] });
                body.AdvanceTo(buffer.End);
                yield break;
            }
            body.AdvanceTo(consumed, buffer.End);
            if (result.IsCompleted)
            {
                if (!progress.Started)
                {
                    throw new BulkBodyException("The body is empty; send a JSON array of statements.");
                }
                yield break;
            }
        }
    }

    /// <summary>Deserializes the items complete in this part of the body; returns where the first incomplete one starts.</summary>
    private static SequencePosition ParseItems(
        ReadOnlySequence<byte> buffer, bool isFinal, ArrayProgress progress, JsonSerializerOptions options, List<BulkLine> parsed)
    {
        if (!progress.Started)
        {
            buffer = WithoutBom(buffer);
            if (isFinal && IsBlank(buffer))
            {
                return buffer.End;
            }
        }
        var reader = new Utf8JsonReader(buffer, isFinal, progress.State);
        var consumed = buffer.Start;
        try
        {
            while (reader.Read())
            {
                if (!progress.Started)
                {
                    if (reader.TokenType != JsonTokenType.StartArray)
                    {
                        throw new BulkBodyException("A JSON body must be an array of statements; send NDJSON as application/x-ndjson.");
                    }
                    progress.Started = true;
                }
                else if (reader.TokenType == JsonTokenType.EndArray && reader.CurrentDepth == 0)
                {
                    progress.Ended = true;
                }
                else
                {
                    var start = reader.TokenStartIndex;
                    if (!reader.TrySkip())
                    {
                        break; // the item goes on past this part of the body
                    }
                    var item = new Utf8JsonReader(buffer.Slice(start, reader.BytesConsumed - start));
                    parsed.Add(Deserialize(ref item, ++progress.Position, options));
                }
                consumed = buffer.GetPosition(reader.BytesConsumed);
                progress.State = reader.CurrentState;
            }
            if (isFinal && progress.Started && !progress.Ended)
            {
                throw new JsonException("The array is not closed: the body ends inside it.");
            }
        }
        catch (JsonException e)
        {
            parsed.Add(new BulkLine(progress.Position + 1, null, new() { ["$"] = [$"Not valid JSON: {FirstSentence(e.Message)}"] }));
            progress.Failed = true;
        }
        return consumed;
    }

    /// <summary>A reader's message without the position inside the item, which means nothing to the sender.</summary>
    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut].TrimEnd(' ', '|', '.') + "." : message;
    }
}
