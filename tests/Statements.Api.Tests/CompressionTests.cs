// Responses are compressed (brotli or gzip) only when the client asks, exports still stream through the compressor,
// and lists that choose their format by Accept say so in Vary.
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Statements.Api.Tests;

public sealed class CompressionTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient reader = factory.CreateClient();

    private async Task<HttpResponseMessage> GetAsync(string url, string? acceptEncoding = null, string? accept = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (acceptEncoding is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        }
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }
        return await reader.SendAsync(request);
    }

    private static async Task<string> DecodeAsync(HttpResponseMessage response)
    {
        var raw = await response.Content.ReadAsStreamAsync();
        await using Stream decoded = response.Content.Headers.ContentEncoding.SingleOrDefault() switch
        {
            "gzip" => new GZipStream(raw, CompressionMode.Decompress),
            "br" => new BrotliStream(raw, CompressionMode.Decompress),
            null => raw,
            var other => throw new InvalidOperationException(other),
        };
        using var text = new StreamReader(decoded, Encoding.UTF8);
        return await text.ReadToEndAsync();
    }

    [Theory]
    [InlineData("gzip", "gzip")]
    [InlineData("br", "br")]
    [InlineData("gzip, deflate, br", "br")]
    public async Task AListIsCompressedOnlyWhenTheClientAsks(string acceptEncoding, string expected)
    {
        var plain = await GetAsync("/api/v1/statements?sort=id");
        var compressed = await GetAsync("/api/v1/statements?sort=id", acceptEncoding);

        Assert.Empty(plain.Content.Headers.ContentEncoding);
        Assert.Equal([expected], compressed.Content.Headers.ContentEncoding);
        Assert.Equal(await plain.Content.ReadAsStringAsync(), await DecodeAsync(compressed));
        Assert.Contains("Accept-Encoding", compressed.Headers.Vary);
        Assert.Contains("Accept", compressed.Headers.Vary);
    }

    [Fact]
    public async Task ProblemsAndExportsAreCompressedToo()
    {
        var problem = await GetAsync("/api/v1/statements?kind=shout", "gzip");
        Assert.Equal(HttpStatusCode.BadRequest, problem.StatusCode);
        Assert.Equal(["gzip"], problem.Content.Headers.ContentEncoding);
        Assert.Contains("kind", JsonDocument.Parse(await DecodeAsync(problem)).RootElement.GetProperty("errors").EnumerateObject().Select(e => e.Name));

        foreach (var format in new[] { "csv", "ndjson" })
        {
            var plain = await GetAsync($"/api/v1/statements?format={format}");
            var compressed = await GetAsync($"/api/v1/statements?format={format}", "br");
            Assert.Equal(["br"], compressed.Content.Headers.ContentEncoding);
            Assert.Equal(await plain.Content.ReadAsStringAsync(), await DecodeAsync(compressed));
        }
    }

    [Fact]
    public async Task ACompressedExportIsFlushedAsItStreams()
    {
        var writer = factory.CreateWriter();
        var lines = string.Concat(Enumerable.Range(0, 1200).Select(i =>
            JsonSerializer.Serialize(new { official = "sergei-lavrov", text = $"Streamed statement number {i}.", kind = "quote", language = "en", saidOn = "2021-06-01" }) + "\n"));
        var content = new StringContent(lines, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
        Assert.Equal(HttpStatusCode.OK, (await writer.PostAsync("/api/v1/statements/bulk", content)).StatusCode);

        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/statements?official=sergei-lavrov&format=csv");
        request.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip");
        using var response = await reader.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var raw = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(["gzip"], response.Content.Headers.ContentEncoding);
        // The export flushes every 500 rows; each flush of the compressor is a sync flush, which ends with an empty
        // stored block (00 00 FF FF), so the rows so far can be decompressed by the client before the rest is read.
        var syncFlushes = 0;
        for (var i = 0; i + 3 < raw.Length; i++)
        {
            if (raw[i] == 0 && raw[i + 1] == 0 && raw[i + 2] == 0xFF && raw[i + 3] == 0xFF)
            {
                syncFlushes++;
            }
        }
        Assert.True(syncFlushes >= 2, $"{syncFlushes} sync flushes in {raw.Length} bytes");
        using var decoded = new StreamReader(new GZipStream(new MemoryStream(raw), CompressionMode.Decompress));
        Assert.True((await decoded.ReadToEndAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length > 1200);
    }

    [Fact]
    public async Task EveryListThatChoosesItsFormatByAcceptVariesByAccept()
    {
        var document = await (await reader.GetAsync("/swagger/v1/swagger.json")).ReadJsonAsync();
        var lists = document.GetProperty("paths").EnumerateObject()
            .Where(path => path.Value.TryGetProperty("get", out var get) && get.TryGetProperty("parameters", out var parameters)
                && parameters.EnumerateArray().Any(p => p.GetProperty("name").GetString() == "format"))
            .Select(path => path.Name.Replace("{idOrSlug}", "1", StringComparison.Ordinal).Replace("{id}", "1", StringComparison.Ordinal))
            .ToList();
        Assert.NotEmpty(lists);

        foreach (var url in lists)
        {
            foreach (var accept in new[] { "application/json", "text/csv" })
            {
                var response = await GetAsync(url, accept: accept);
                Assert.True(response.Headers.Vary.Contains("Accept"), $"{url} ({accept}): Vary {response.Headers.Vary}");
            }
        }
    }

    [Fact]
    public async Task AnItemIsNotCompressedWithoutAcceptEncodingAndCarriesNoVaryByAccept()
    {
        var response = await GetAsync("/api/v1/officials/sergei-lavrov");

        Assert.Empty(response.Content.Headers.ContentEncoding);
        Assert.DoesNotContain("Accept", response.Headers.Vary);
    }
}
