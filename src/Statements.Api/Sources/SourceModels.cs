// What the API says about a source, what it accepts, and the row behind both.
using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Statements.Api.Common;

namespace Statements.Api.Sources;

/// <summary>
/// A report that statements are taken from: an article, transcript or broadcast. A statement embeds the same
/// schema (with include=source), without the full text.
/// </summary>
public sealed class Source
{
    [ReadOnly(true)]
    public required long Id { get; init; }
    /// <summary>Where the report is published; absent for sources without a web address.</summary>
    public string? Url { get; init; }
    public required string Title { get; init; }
    public string? Publisher { get; init; }
    public DateOnly? PublishedOn { get; init; }
    public string? Language { get; init; }
    /// <summary>The full text of the report, when stored. Only on GET of the source itself.</summary>
    public string? Text { get; init; }
    [ReadOnly(true)]
    public DateTime? CreatedAt { get; init; }
    [ReadOnly(true)]
    public DateTime? UpdatedAt { get; init; }
    [ReadOnly(true)]
    public long? Version { get; init; }
    [ReadOnly(true)]
    public required SourceLinks Links { get; init; }
}

[ReadOnly(true)]
public sealed record SourceLinks(string Self, string Statements)
{
    public static SourceLinks For(long id) => new($"/api/v1/sources/{id}", $"/api/v1/sources/{id}/statements");
}

/// <summary>A source as written by POST and PUT, and as patched by PATCH.</summary>
[AcceptsReadOnlyMembersOf(typeof(Source))]
public sealed class SourceInput : IValidatableObject
{
    /// <summary>
    /// Writes of sources may carry a text of up to a million characters, which JSON can escape to six bytes each, so they
    /// take bodies beyond the server's default limit.
    /// </summary>
    public const long MaxRequestBodyBytes = 8 * 1024 * 1024;

    private const string UrlMessage = "Use an absolute http or https URL, for example 'https://www.reuters.com/world/'.";

    [Url(ErrorMessage = UrlMessage), StringLength(2000)]
    [Description("Absolute http(s) URL; unique among sources.")]
    public string? Url { get; init; }

    [Required, StringLength(500, MinimumLength = 1)]
    public string? Title { get; init; }

    [StringLength(200)]
    public string? Publisher { get; init; }

    public DateOnly? PublishedOn { get; init; }

    [StringLength(35), RegularExpression(Formats.Language, ErrorMessage = Formats.LanguageMessage)]
    public string? Language { get; init; }

    [StringLength(1_000_000)]
    public string? Text { get; init; }

    /// <summary>[Url] alone also lets ftp:// and host-less addresses through; a source is a web page.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Url is not null && !IsWebAddress(Url))
        {
            yield return new ValidationResult(UrlMessage, [nameof(Url)]);
        }
    }

    private static bool IsWebAddress(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && uri.Host.Length > 0;
}

internal sealed class SourceRow
{
    public long Id { get; init; }
    public string? Url { get; init; }
    public string Title { get; init; } = "";
    public string? Publisher { get; init; }
    public DateOnly? PublishedOn { get; init; }
    public string? Language { get; init; }
    public string? Text { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; init; }
    public long Version { get; init; }
}
