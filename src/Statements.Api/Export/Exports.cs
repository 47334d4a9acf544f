// Lists stream their complete filtered result as CSV (RFC 4180, with a header row) or NDJSON when asked with
// format=csv|ndjson or an Accept header, so that pandas.read_csv(url) or read_json(url, lines=True) gets it all.
using System.Globalization;
using System.Reflection;
using System.Buffers;
using System.Text.Json;
using CsvHelper;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Statements.Api.Common;

namespace Statements.Api.Export;

/// <summary>The format a list answers in: a JSON page, or every matching item as CSV or NDJSON.</summary>
public enum ExportFormat
{
    Json,
    Csv,
    Ndjson,
}

public static class Exports
{
    public const string CsvMediaType = "text/csv";
    public const string NdjsonMediaType = "application/x-ndjson";

    /// <summary>The format a list answers in: the format parameter first, then the Accept header; JSON pages by default.</summary>
    public static ExportFormat Requested(HttpRequest request, string? format)
    {
        // The same URL answers JSON, CSV or NDJSON by the Accept header: a cache must keep them apart.
        request.HttpContext.Response.Headers.Append(HeaderNames.Vary, HeaderNames.Accept);
        if (!string.IsNullOrEmpty(format))
        {
            return format.ToLowerInvariant() switch
            {
                "json" => ExportFormat.Json,
                "csv" => ExportFormat.Csv,
                "ndjson" or "jsonl" => ExportFormat.Ndjson,
                _ => throw new BadInputException("format", $"Unknown format '{format}'; use json, csv or ndjson."),
            };
        }
        return Negotiate(request.Headers.Accept);
    }

    private static readonly (ExportFormat Format, MediaTypeHeaderValue[] MediaTypes)[] Offered =
    [
        (ExportFormat.Json, [new("application/json")]),
        (ExportFormat.Csv, [new(CsvMediaType)]),
        (ExportFormat.Ndjson, [new(NdjsonMediaType), new("application/jsonl"), new("application/ndjson")]),
    ];

    /// <summary>
    /// The format the Accept header prefers: the highest quality, a media type named outright before one reached by a
    /// wildcard (text/*, */*), then the one named first; JSON when nothing offered is acceptable or there is no header.
    /// </summary>
    private static ExportFormat Negotiate(Microsoft.Extensions.Primitives.StringValues accept)
    {
        if (accept.Count == 0 || !MediaTypeHeaderValue.TryParseList(accept, out var ranges) || ranges.Count == 0)
        {
            return ExportFormat.Json;
        }
        var best = (Format: ExportFormat.Json, Quality: 0.0, Named: false, Position: int.MaxValue);
        foreach (var (format, mediaTypes) in Offered)
        {
            // The most specific range that matches the format decides its quality (RFC 9110, 12.5.1). Its parameters
            // (text/csv; charset=utf-8, text/csv; header=present) describe what the client takes, which every format
            // here is (UTF-8, with a header row), so they do not keep a range from matching.
            var match = ranges
                .Select((range, position) => (Range: range, Position: position))
                .Where(r => mediaTypes.Any(m => m.IsSubsetOf(new MediaTypeHeaderValue(r.Range.MediaType))))
                .OrderByDescending(r => r.Range.MatchesAllTypes ? 0 : r.Range.MatchesAllSubTypes ? 1 : 2)
                .Select(r => (Quality: r.Range.Quality ?? 1.0, Named: !r.Range.MatchesAllSubTypes, r.Position))
                .FirstOrDefault((Quality: 0.0, Named: false, Position: int.MaxValue));
            if (match.Quality > 0 && (match.Quality, match.Named, -match.Position).CompareTo((best.Quality, best.Named, -best.Position)) > 0)
            {
                best = (format, match.Quality, match.Named, match.Position);
            }
        }
        return best.Format;
    }
}

/// <summary>Lists of the smaller resources: a JSON page, or every row of the page query run without a limit, streamed.</summary>
public static class SmallListExport
{
    public const string FormatDescription =
        "json (default: one page), or csv or ndjson: every matching item, without paging; after cursor when it is given, " +
        "and at most limit items when it is given (checked as for a page). Accept: text/csv or application/x-ndjson does the same.";

    /// <summary>
    /// A JSON page, or the page query's rows streamed: all of them, or with a limit at most that many, and with a cursor those
    /// after it. The limit and cursor are checked as a page checks them, so a malformed one is a 400 in an export too.
    /// </summary>
    public static async Task<Results<Ok<Page<T>>, ExportResult<T>>> ListAsync<T>(
        HttpRequest request, string? format, IReadOnlyList<CsvColumn<T>> columns, string fileName,
        Func<int?, string?, Task<Page<T>>> page, int? limit, string? cursor)
        where T : notnull
    {
        var requested = Exports.Requested(request, format);
        Paging.CheckLimit(limit);
        if (requested == ExportFormat.Json)
        {
            return TypedResults.Ok(await page(limit, cursor));
        }
        var rows = await page(limit ?? Paging.Everything, cursor);
        // An export links no next page, as a statement export, which streams before it knows its last row, cannot.
        request.HttpContext.Response.Headers.Remove(HeaderNames.Link);
        return new ExportResult<T>(requested, rows.Items.ToAsyncEnumerable(), CsvLayout<T>.Of(columns), item => item, fileName, owned: null);
    }

    /// <summary>The same answer, for a handler that can also answer with a problem (a related list whose owner is not found).</summary>
    public static Results<Ok<Page<T>>, ExportResult<T>, ProblemHttpResult> OrProblem<T>(Results<Ok<Page<T>>, ExportResult<T>> list)
        where T : notnull => list.Result switch
        {
            Ok<Page<T>> page => page,
            ExportResult<T> export => export,
            var other => throw new InvalidOperationException($"Unexpected list result {other.GetType()}."),
        };

    /// <summary>Joins a list of slugs, aliases or keywords in one CSV field; the inputs refuse it inside an item.</summary>
    public const char Separator = '|';

    public static string? Joined(IEnumerable<string>? values) => values is null ? null : string.Join(Separator, values);

    /// <summary>
    /// A list of objects in one CSV field, as the JSON array the API returns for it (json.loads reads it back): free text
    /// with commas, pipes and brackets in it cannot be joined with a separator.
    /// </summary>
    public static string? JsonArray<TItem>(IReadOnlyList<TItem>? values) => values is null ? null : JsonSerializer.Serialize(values, WireJson);

    private static readonly JsonSerializerOptions WireJson = Named();

    private static JsonSerializerOptions Named()
    {
        var options = new JsonSerializerOptions();
        ApiJson.Configure(options);
        // Names in their own script stay readable in a spreadsheet; the HTML-sensitive escapes do not matter in CSV.
        options.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        return options;
    }

    public static string? Number(long? value) => value?.ToString(CultureInfo.InvariantCulture);

    public static string? Date(DateOnly? value) => value?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>One column of a CSV export: its header and how to read it from an item.</summary>
public sealed record CsvColumn<T>(string Name, Func<T, string?> Value);

/// <summary>How an export writes its items as CSV: the header row, and the fields of each item's record.</summary>
public sealed record CsvLayout<T>(IReadOnlyList<string> Header, Action<CsvWriter, T> WriteFields)
{
    /// <summary>A column per value, each read from the item as text.</summary>
    public static CsvLayout<T> Of(IReadOnlyList<CsvColumn<T>> columns) => new([.. columns.Select(c => c.Name)], (csv, item) =>
    {
        foreach (var column in columns)
        {
            csv.WriteField(column.Value(item));
        }
    });
}

/// <summary>
/// Streams items as CSV or NDJSON while they are read, flushing every few hundred rows: the first bytes leave before
/// the query has finished and memory stays flat whatever the row count. Disposes the resources it is given at the end.
/// </summary>
public sealed class ExportResult<T>(
    ExportFormat format, IAsyncEnumerable<T> items, CsvLayout<T> csvLayout, Func<T, object> toJson, string fileName,
    IAsyncDisposable? owned)
    : IResult, IEndpointMetadataProvider
{
    private const int FlushEvery = 500;
    private static readonly byte[] NewLine = "\n"u8.ToArray();

    public async Task ExecuteAsync(HttpContext http)
    {
        await using var _ = owned;
        var response = http.Response;
        response.Headers.CacheControl = "no-store";
        var cancel = http.RequestAborted;
        response.ContentType = format == ExportFormat.Csv ? "text/csv; charset=utf-8" : Exports.NdjsonMediaType + "; charset=utf-8";
        if (format == ExportFormat.Csv)
        {
            response.Headers.ContentDisposition = $"inline; filename=\"{fileName}.csv\"";
        }
        if (HttpMethods.IsHead(http.Request.Method))
        {
            return; // the headers a GET would send, without reading the rows it would stream
        }
        if (format == ExportFormat.Csv)
        {
            // The writer fills a buffer that is drained to the response asynchronously: Kestrel refuses synchronous writes.
            using var buffer = new MemoryStream();
            using (var csv = CsvWriter.Create(buffer, CsvWriterOptions.Default, leaveOpen: true))
            {
                foreach (var name in csvLayout.Header)
                {
                    csv.WriteField(name);
                }
                csv.EndRecord();
                var count = 0;
                await foreach (var item in items.PrefetchAsync(cancellationToken: cancel))
                {
                    csvLayout.WriteFields(csv, item);
                    csv.EndRecord();
                    if (++count % FlushEvery == 0)
                    {
                        csv.Flush();
                        await DrainAsync(buffer, response.Body, cancel);
                    }
                }
            }
            await DrainAsync(buffer, response.Body, cancel);
            return;
        }

        var options = http.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        var body = response.BodyWriter;
        await using var json = new Utf8JsonWriter(body, new JsonWriterOptions { Encoder = options.Encoder });
        var written = 0;
        await foreach (var item in items.PrefetchAsync(cancellationToken: cancel))
        {
            JsonSerializer.Serialize(json, toJson(item), options);
            json.Flush();
            json.Reset(body);
            body.Write(NewLine);
            if (++written % FlushEvery == 0)
            {
                await body.FlushAsync(cancel);
            }
        }
        await body.FlushAsync(cancel);
    }

    private static async Task DrainAsync(MemoryStream buffer, Stream body, CancellationToken cancel)
    {
        await body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), cancel);
        await body.FlushAsync(cancel);
        buffer.SetLength(0);
    }

    /// <summary>Marks the endpoint, so the OpenAPI document lists CSV and NDJSON beside its JSON page.</summary>
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new StreamsExports(typeof(T)));
}

/// <summary>Endpoint metadata: the list also streams its items as CSV and NDJSON.</summary>
public sealed record StreamsExports(Type ItemType)
{
}

/// <summary>
/// Disposes what a handler opened unless it hands them on: a streamed export takes the connection, transaction and reader
/// with <see cref="Release"/> and disposes them when the last byte is written.
/// </summary>
public sealed class Owned(params IAsyncDisposable[] resources) : IAsyncDisposable
{
    private IAsyncDisposable[] resources = resources;

    /// <summary>Hands these resources, and more, to the caller; this instance then disposes nothing.</summary>
    public Owned Release(params IAsyncDisposable[] more)
    {
        var all = new Owned([.. more, .. resources]);
        resources = [];
        return all;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var resource in resources)
        {
            await resource.DisposeAsync();
        }
        resources = [];
    }
}
