// HTTP endpoints for extraction: /api/v1/extract and /api/v1/sources/{id}/extract. They propose candidate
// statements and write nothing, so, like every read, they need no API key. The extractor, with its indexes of
// names, role phrases, topics and meetings, is built once per database and rebuilt when those tables change.
using System.ComponentModel;
using System.Data;
using System.Globalization;
using System.Runtime.CompilerServices;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using Statements.Api.Common;
using Statements.Api.Data;
using Statements.Api.Security;

namespace Statements.Api.Extraction;

public static class ExtractionApi
{
    public static RouteGroupBuilder MapExtractionApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("").WithTags("Extraction");

        // The text may be 1,000,000 characters: as UTF-8 JSON, with escapes, that takes more than the default 1 MiB.
        group.MapPost("/extract", ExtractStatements).WithName("extractStatements").WithRequestBodyLimit(Sources.SourceInput.MaxRequestBodyBytes)
            .WithSummary("Propose the statements in an article's text (quotes and reported speech, with speakers, topics and meetings); writes nothing")
            .ProducesValidationProblem();
        group.MapPost("/sources/{id}/extract", ExtractFromSource).WithName("extractFromSource")
            .WithSummary("Propose the statements in a stored source's text, dated by its publication date unless the optional body gives one; writes nothing")
            .WithDescription("The body is optional: a publishedOn or language in it overrides the source's stored one for this extraction only "
                + "(a source without a publication date gives candidates without saidOn unless publishedOn is sent). Nothing is written.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<Results<Ok<ExtractionResult>, ValidationProblem>> ExtractStatements(
        ExtractionRequest request, Db db, HttpContext http)
    {
        if (InputValidation.Validate(request) is { Count: > 0 } errors)
        {
            return Problems.Invalid(errors);
        }
        await using var connection = await db.OpenAsync(http.RequestAborted);
        long? sourceId = null;
        if (!string.IsNullOrEmpty(request.SourceUrl))
        {
            const string sql = """
                SELECT id FROM sources WHERE url = @url
                """;
            sourceId = await connection.ExecuteScalarAsync<long?>(sql, new { url = request.SourceUrl });
        }
        var extractor = await ExtractorAsync(db, connection, http.RequestAborted);
        var candidates = extractor.Extract(request.Text!, request.PublishedOn, request.Language, sourceId);
        return TypedResults.Ok(new ExtractionResult(candidates));
    }

    private static async Task<Results<Ok<ExtractionResult>, ValidationProblem, ProblemHttpResult>> ExtractFromSource(
        [Description("Numeric id of the source.")] long id,
        SourceExtractionRequest? overrides,
        Db db, HttpContext http)
    {
        if (overrides is not null && InputValidation.Validate(overrides) is { Count: > 0 } errors)
        {
            return Problems.Invalid(errors);
        }
        await using var connection = await db.OpenAsync(http.RequestAborted);
        const string sql = """
            SELECT id, text, published_on, language FROM sources WHERE id = @id
            """;
        var source = await connection.QuerySingleOrDefaultAsync<SourceText>(sql, new { id });
        if (source is null)
        {
            return Problems.NotFound("source", id.ToString(CultureInfo.InvariantCulture));
        }
        if (string.IsNullOrWhiteSpace(source.Text))
        {
            return Problems.Invalid("text", $"Source {id} has no text to extract from; add it with PATCH /api/v1/sources/{id}.");
        }
        var extractor = await ExtractorAsync(db, connection, http.RequestAborted);
        var candidates = extractor.Extract(source.Text, overrides?.PublishedOn ?? source.PublishedOn, overrides?.Language ?? source.Language, source.Id);
        return TypedResults.Ok(new ExtractionResult(candidates));
    }

    private sealed record CachedExtractor(string Version, StatementExtractor Extractor);

    private static readonly ConditionalWeakTable<Db, CachedExtractor> Extractors = [];

    /// <summary>
    /// The extractor for the database as it is now. Building its indexes costs far more than an extraction once
    /// there are thousands of officials, so it is kept until an official, topic or meeting is added, changed or deleted.
    /// </summary>
    private static async Task<StatementExtractor> ExtractorAsync(Db db, IDbConnection connection, CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT (SELECT count(*) || '/' || total(version) || '/' || coalesce(max(updated_at), '') FROM officials) || '|'
                || (SELECT count(*) || '/' || total(version) || '/' || coalesce(max(updated_at), '') FROM topics) || '|'
                || (SELECT count(*) || '/' || total(version) || '/' || coalesce(max(updated_at), '') FROM meetings)
            """;
        var version = await connection.ExecuteScalarAsync<string>(new CommandDefinition(sql, cancellationToken: cancellationToken)) ?? "";
        if (Extractors.TryGetValue(db, out var cached) && cached.Version == version)
        {
            return cached.Extractor;
        }
        var extractor = new StatementExtractor(await ExtractionDirectory.LoadAsync(connection, cancellationToken));
        Extractors.AddOrUpdate(db, new CachedExtractor(version, extractor));
        return extractor;
    }

    private sealed class SourceText
    {
        public long Id { get; init; }
        public string? Text { get; init; }
        public DateOnly? PublishedOn { get; init; }
        public string? Language { get; init; }
    }
}
