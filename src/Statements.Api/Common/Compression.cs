// Response compression: brotli or gzip, only when the request's Accept-Encoding asks for it, for the API's text
// formats (JSON, problem+json, CSV, NDJSON). A request without Accept-Encoding passes through untouched: the
// middleware looks at that header and nothing else.
using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;

namespace Statements.Api.Common;

public static class Compression
{
    /// <summary>The media types worth compressing; Swagger UI's own files are compressed as text/* and JavaScript.</summary>
    private static readonly string[] MediaTypes =
    [
        "application/json",
        "application/problem+json",
        Export.Exports.CsvMediaType,
        Export.Exports.NdjsonMediaType,
        "text/html",
        "text/css",
        "text/javascript",
        "application/javascript",
    ];

    public static IServiceCollection AddStatementsCompression(this IServiceCollection services)
    {
        services.AddResponseCompression(options =>
        {
            // Brotli is preferred when a client accepts both at the same quality.
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
            options.MimeTypes = MediaTypes;
            // Over HTTPS too: BREACH needs a page that mixes a secret with text an attacker chooses, fetched by a browser
            // with ambient credentials; this API takes keys in headers, never from cookies.
            options.EnableForHttps = true;
        });
        // Fastest: an export streams at the database's pace, and most of the saving is in the first pass over the text.
        services.Configure<BrotliCompressionProviderOptions>(options => options.Level = CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(options => options.Level = CompressionLevel.Fastest);
        return services;
    }

    public static WebApplication UseStatementsCompression(this WebApplication app)
    {
        app.UseResponseCompression();
        return app;
    }
}
