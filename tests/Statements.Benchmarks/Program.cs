// Benchmarks of the Statements API that run against a live server, by hand (not by dotnet test).
//   bulk --url URL --key KEY [--count 200000] [--runs 3] [--format ndjson|json]   (see Bulk/run.sh)
using Statements.Benchmarks.Bulk;

return args is ["bulk", .. var rest]
    ? await BulkImportBenchmark.RunAsync(rest)
    : Usage();

static int Usage()
{
    Console.Error.WriteLine("usage: bulk --url URL --key KEY [--count 200000] [--runs 3] [--format ndjson|json]");
    return 2;
}
