// Measures POST /api/v1/statements/bulk through HTTP: makes a few officials and topics, generates statements that name
// them by slug, then imports the whole set several times (each run a new transaction of `count` statements) and prints
// the wall time of each request, from the first byte sent to the last byte of the answer, as statements per second.
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Statements.Benchmarks.Bulk;

public static class BulkImportBenchmark
{
    private static readonly string[] Words =
    [
        "strategic", "stability", "dialogue", "summit", "sanctions", "security", "cooperation", "relations", "treaty",
        "arms", "control", "cyber", "climate", "trade", "energy", "normalisation", "interference", "sovereignty",
        "partners", "negotiations", "embassies", "diplomats", "agenda", "progress", "interests", "respect", "mutual",
        "Geneva", "Moscow", "Washington", "Brussels", "Beijing", "we", "will", "not", "accept", "expect", "hope",
        "believe", "must", "should", "continue", "discuss", "agree", "reject", "propose", "the", "a", "of", "on", "with",
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        var options = ParseArgs(args);
        if (!options.TryGetValue("url", out var url) || !options.TryGetValue("key", out var key))
        {
            Console.Error.WriteLine("bulk needs --url and --key");
            return 2;
        }
        var count = int.Parse(options.GetValueOrDefault("count", "200000"), CultureInfo.InvariantCulture);
        var runs = int.Parse(options.GetValueOrDefault("runs", "3"), CultureInfo.InvariantCulture);
        var format = options.GetValueOrDefault("format", "ndjson");

        using var client = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromMinutes(10) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);

        var run = DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
        var officials = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            var slug = $"bench-{run}-official-{i}";
            await CreateAsync(client, "/api/v1/officials", new { slug, name = $"Bench Official {i}", country = "FR", roles = Array.Empty<object>() });
            officials.Add(slug);
        }
        var topics = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            var slug = $"bench-{run}-topic-{i}";
            await CreateAsync(client, "/api/v1/topics", new { slug, name = $"Bench Topic {i}" });
            topics.Add(slug);
        }

        var body = Generate(count, officials, topics, format);
        var mediaType = format == "json" ? "application/json" : "application/x-ndjson";
        Console.WriteLine($"bulk import: {count:N0} statements per request, {format}, {body.Length / 1024.0 / 1024.0:F1} MiB, {runs} runs");

        var rates = new List<double>();
        for (var r = 1; r <= runs; r++)
        {
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
            var watch = Stopwatch.StartNew();
            using var response = await client.PostAsync("/api/v1/statements/bulk", content);
            var answer = await response.Content.ReadAsStringAsync();
            watch.Stop();
            if (!response.IsSuccessStatusCode)
            {
                Console.Error.WriteLine($"run {r}: {(int)response.StatusCode} {answer[..Math.Min(answer.Length, 2000)]}");
                return 1;
            }
            var created = JsonDocument.Parse(answer).RootElement.GetProperty("created").GetInt32();
            if (created != count)
            {
                Console.Error.WriteLine($"run {r}: created {created}, expected {count}");
                return 1;
            }
            var rate = count / watch.Elapsed.TotalSeconds;
            rates.Add(rate);
            Console.WriteLine($"run {r}: {watch.Elapsed.TotalSeconds:F2} s, {rate:N0} statements/s");
        }
        rates.Sort();
        Console.WriteLine($"median {rates[rates.Count / 2]:N0} statements/s, best {rates[^1]:N0}, worst {rates[0]:N0}");
        return 0;
    }

    private static async Task CreateAsync(HttpClient client, string url, object body)
    {
        using var response = await client.PostAsJsonAsync(url, body);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"POST {url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    /// <summary>Statements of 15 to 40 words, each naming its official and one or two topics by slug.</summary>
    private static byte[] Generate(int count, List<string> officials, List<string> topics, string format)
    {
        var random = new Random(42);
        var text = new StringBuilder();
        using var output = new MemoryStream();
        using (var writer = new Utf8JsonWriter(output))
        {
            if (format == "json")
            {
                writer.WriteStartArray();
            }
            for (var i = 0; i < count; i++)
            {
                text.Clear();
                for (var w = random.Next(15, 40); w > 0; w--)
                {
                    text.Append(Words[random.Next(Words.Length)]).Append(' ');
                }
                text.Append(i.ToString(CultureInfo.InvariantCulture)).Append('.');
                writer.WriteStartObject();
                writer.WriteString("official", officials[random.Next(officials.Count)]);
                writer.WriteString("text", text.ToString());
                writer.WriteString("kind", random.Next(2) == 0 ? "quote" : "paraphrase");
                writer.WriteString("language", "en");
                writer.WriteString("saidOn", new DateOnly(2015, 1, 1).AddDays(random.Next(3000)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                writer.WriteString("context", "Press conference");
                writer.WriteStartArray("topics");
                writer.WriteStringValue(topics[random.Next(topics.Count)]);
                if (random.Next(2) == 0)
                {
                    writer.WriteStringValue(topics[random.Next(topics.Count)]);
                }
                writer.WriteEndArray();
                writer.WriteEndObject();
                if (format != "json")
                {
                    writer.Flush();
                    output.WriteByte((byte)'\n');
                    writer.Reset();
                }
            }
            if (format == "json")
            {
                writer.WriteEndArray();
            }
        }
        return output.ToArray();
    }

    private static Dictionary<string, string> ParseArgs(string[] args)
    {
        var options = new Dictionary<string, string>();
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            options[args[i].TrimStart('-')] = args[i + 1];
        }
        return options;
    }
}
