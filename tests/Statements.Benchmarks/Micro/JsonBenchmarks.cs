// Serializing a page of 50 statements with the API's JSON options: with metadata built by reflection at run time,
// and with the source-generated metadata of ApiJsonContext that the API uses. "Warm" reuses one options instance
// (every request after the first); "Cold" builds the options and their metadata first, as the first request of a
// process does.
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using BenchmarkDotNet.Attributes;
using Statements.Api.Common;
using Statements.Api.Statements;

namespace Statements.Benchmarks.Micro;

[MemoryDiagnoser]
public class JsonBenchmarks
{
    private PageOfStatements data = null!;
    private Page<Statement> page = null!;
    private JsonSerializerOptions reflection = null!;
    private JsonSerializerOptions sourceGenerated = null!;
    private readonly MemoryStream stream = new();

    [GlobalSetup]
    public async Task Setup()
    {
        data = await PageOfStatements.CreateAsync();
        page = data.Page;
        reflection = ReflectionOptions();
        sourceGenerated = ApiOptions();
        var a = JsonSerializer.Serialize(page, reflection);
        var b = JsonSerializer.Serialize(page, sourceGenerated);
        if (a != b)
        {
            throw new InvalidOperationException("The two serializers write different JSON.");
        }
    }

    [GlobalCleanup]
    public ValueTask Cleanup() => data.DisposeAsync();

    [Benchmark(Baseline = true)]
    public long WarmReflection() => Serialize(reflection);

    [Benchmark]
    public long WarmSourceGenerated() => Serialize(sourceGenerated);

    [Benchmark]
    public long ColdReflection() => Serialize(ReflectionOptions());

    [Benchmark]
    public long ColdSourceGenerated() => Serialize(ApiOptions());

    private long Serialize(JsonSerializerOptions options)
    {
        stream.Position = 0;
        JsonSerializer.Serialize(stream, page, options);
        return stream.Position;
    }

    /// <summary>The API's options (Web defaults, as ASP.NET Core starts from, then ApiJson.Configure).</summary>
    private static JsonSerializerOptions ApiOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        ApiJson.Configure(options);
        return options;
    }

    /// <summary>The same options with the reflection-based resolver alone.</summary>
    private static JsonSerializerOptions ReflectionOptions()
    {
        var options = ApiOptions();
        options.TypeInfoResolver = new DefaultJsonTypeInfoResolver();
        return options;
    }
}
