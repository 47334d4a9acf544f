// What the API says about an official, what it accepts, and the rows behind both.
using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Encodings.Web;
using System.Text.Json;
using Statements.Api.Common;

namespace Statements.Api.Officials;

/// <summary>
/// A public official. A statement embeds the same schema with only id, slug, name and links filled.
/// </summary>
public sealed class Official
{
    [ReadOnly(true)]
    public required long Id { get; init; }
    public required string Slug { get; init; }
    public required string Name { get; init; }
    /// <summary>The name in the official's own script, e.g. Сергей Лавров.</summary>
    public string? NativeName { get; init; }
    /// <summary>Other spellings of the name.</summary>
    public IReadOnlyList<string>? Aliases { get; init; }
    /// <summary>ISO 3166-1 alpha-2; absent for officials of international organisations.</summary>
    public string? Country { get; init; }
    /// <summary>Positions held over time; a role with no end is current.</summary>
    public IReadOnlyList<Role>? Roles { get; init; }
    public string? WikidataId { get; init; }
    [ReadOnly(true)]
    public DateTime? CreatedAt { get; init; }
    [ReadOnly(true)]
    public DateTime? UpdatedAt { get; init; }
    [ReadOnly(true)]
    public long? Version { get; init; }
    [ReadOnly(true)]
    public required OfficialLinks Links { get; init; }
}

[ReadOnly(true)]
public sealed record OfficialLinks(string Self, string Statements, string Meetings)
{
    public static OfficialLinks For(long id) =>
        new($"/api/v1/officials/{id}", $"/api/v1/officials/{id}/statements", $"/api/v1/officials/{id}/meetings");
}

/// <summary>A position an official held.</summary>
public sealed record Role(string Title, string Organization, string? Country, DateOnly? Start, DateOnly? End);

/// <summary>An official as written by POST and PUT, and as patched by PATCH.</summary>
[AcceptsReadOnlyMembersOf(typeof(Official))]
public sealed class OfficialInput
{
    [Required, StringLength(100), RegularExpression(Formats.Slug, ErrorMessage = Formats.SlugMessage)]
    [Description("Unique, URL-safe name, e.g. sergei-lavrov.")]
    public string? Slug { get; init; }

    [Required, StringLength(200, MinimumLength = 1)]
    public string? Name { get; init; }

    [StringLength(200)]
    public string? NativeName { get; init; }

    [ItemsLength(200), MaxLength(50), ItemsWithout(Export.SmallListExport.Separator)]
    [Description("Other spellings of the name; none may contain '|', which joins them in CSV.")]
    public List<string>? Aliases { get; init; }

    [RegularExpression(Formats.CountryOrEmpty, ErrorMessage = Formats.CountryMessage)]
    [Description("ISO 3166-1 alpha-2, or empty for officials of international organisations.")]
    public string? Country { get; init; }

    [MaxLength(100)]
    public List<RoleInput>? Roles { get; init; }

    [StringLength(20), RegularExpression("^Q[1-9][0-9]*$", ErrorMessage = "Use a Wikidata item id such as 'Q7747'.")]
    public string? WikidataId { get; init; }
}

public sealed class RoleInput : IValidatableObject
{
    [Required, StringLength(200, MinimumLength = 1)]
    public string? Title { get; init; }

    [Required, StringLength(200, MinimumLength = 1)]
    public string? Organization { get; init; }

    [RegularExpression(Formats.Country, ErrorMessage = Formats.CountryMessage)]
    public string? Country { get; init; }

    public DateOnly? Start { get; init; }

    /// <summary>Absent while the role is held.</summary>
    public DateOnly? End { get; init; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Start is { } start && End is { } end && end < start)
        {
            yield return new ValidationResult("The end of a role cannot be before its start.", [nameof(End)]);
        }
    }
}

internal sealed class OfficialRow
{
    public long Id { get; init; }
    public string Slug { get; init; } = "";
    public string Name { get; init; } = "";
    public string? NativeName { get; init; }
    public string Aliases { get; init; } = "[]";

    /// <summary>
    /// The aliases column's JSON, with letters outside ASCII written as themselves: the full-text index reads the column
    /// as it is (the speaker's names), and would otherwise index "Wa\u0142\u0119sa" where the alias is Wałęsa.
    /// </summary>
    public static string AliasesJson(IEnumerable<string>? aliases) => JsonSerializer.Serialize(aliases ?? [], AliasesOptions);

    private static readonly JsonSerializerOptions AliasesOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public string Country { get; init; } = "";
    public string? WikidataId { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; init; }
    public long Version { get; init; }
}

internal sealed class RoleRow
{
    public long OfficialId { get; init; }
    public string Title { get; init; } = "";
    public string Organization { get; init; } = "";
    public string? Country { get; init; }
    public DateOnly? StartOn { get; init; }
    public DateOnly? EndOn { get; init; }
}
