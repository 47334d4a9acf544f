// Encoding the cursor of a page's next link and decoding it from the next request (Common/Paging.cs).
using BenchmarkDotNet.Attributes;
using Statements.Api.Common;

namespace Statements.Benchmarks.Micro;

[MemoryDiagnoser]
public class CursorBenchmarks
{
    private readonly Cursor cursor = new("-saidOn", "2021-06-16", 1_234_567);
    private string encoded = "";

    [GlobalSetup]
    public void Setup()
    {
        encoded = cursor.Encode();
        if (Cursor.Decode(encoded, "-saidOn") != cursor)
        {
            throw new InvalidOperationException("The cursor does not survive a round trip.");
        }
    }

    [Benchmark]
    public string Encode() => cursor.Encode();

    [Benchmark]
    public Cursor? Decode() => Cursor.Decode(encoded, "-saidOn");
}
