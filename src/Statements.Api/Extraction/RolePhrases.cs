// The ways news prose names the holder of a role instead of the person: from a role "Minister of Foreign
// Affairs" of Russia come "the Russian Foreign Minister", "Russia's foreign minister", "the head of Russian
// diplomacy", "the head of the Russian Foreign Ministry", "Russia's top diplomat"; from "Secretary of State"
// of the US, "US Secretary of State" and "America's top diplomat". A bare title ("the foreign minister",
// "the minister") names no country, so it only refers back to an official the article has already named.
using System.Text.RegularExpressions;

namespace Statements.Api.Extraction;

/// <summary>A phrase for a role's holder. Bare phrases name no country or organisation.</summary>
public readonly record struct RolePhrase(string Text, bool Bare);

public static partial class RolePhrases
{
    private static readonly string[] SpokespersonWords = ["spokesman", "spokeswoman", "spokesperson", "press secretary"];

    public static IEnumerable<RolePhrase> For(string title, string organization, string? countryCode)
    {
        var country = Countries.Find(countryCode);
        var phrases = new HashSet<RolePhrase>();
        var acronym = Acronym(organization);
        var titles = TitleVariants(title, country, acronym is null ? [organization] : [organization, acronym]);
        var head = HeadNoun(titles);
        var isForeign = Has(title, "foreign") || Has(organization, "foreign") || Has(title, "external affairs")
            || (countryCode == "US" && title.Equals("Secretary of State", StringComparison.OrdinalIgnoreCase));
        var isLeader = LeaderTitle().IsMatch(title);
        var isSpokesperson = Has(title, "spokes") || Has(title, "press secretary");

        foreach (var t in titles)
        {
            phrases.Add(new(t, Bare: true));
            if (country is not null)
            {
                foreach (var adjective in country.Adjectives)
                {
                    phrases.Add(new($"{adjective} {t}", false));
                }
                foreach (var name in country.Names)
                {
                    phrases.Add(new($"{name}'s {t}", false));
                    phrases.Add(new($"{t} of {name}", false));
                }
            }
        }
        if (head is not null)
        {
            phrases.Add(new(head, Bare: true));
            foreach (var adjective in country?.Adjectives ?? [])
            {
                phrases.Add(new($"{adjective} {head}", false));
            }
        }
        if (isForeign)
        {
            phrases.Add(new("top diplomat", Bare: true));
            phrases.Add(new("chief diplomat", Bare: true));
            phrases.Add(new("foreign minister", Bare: true));
            foreach (var adjective in country?.Adjectives ?? [])
            {
                phrases.Add(new($"{adjective} top diplomat", false));
                phrases.Add(new($"top {adjective} diplomat", false));
                phrases.Add(new($"{adjective} chief diplomat", false));
                phrases.Add(new($"head of {adjective} diplomacy", false));
                phrases.Add(new($"chief of {adjective} diplomacy", false));
                phrases.Add(new($"head of the {adjective} Foreign Ministry", false));
                phrases.Add(new($"head of the {adjective} Ministry of Foreign Affairs", false));
                phrases.Add(new($"{adjective} Foreign Ministry chief", false));
                phrases.Add(new($"{adjective} Foreign Ministry head", false));
            }
            foreach (var name in country?.Names ?? [])
            {
                phrases.Add(new($"{name}'s top diplomat", false));
                phrases.Add(new($"{name}'s chief diplomat", false));
                phrases.Add(new($"head of {name}'s diplomacy", false));
                phrases.Add(new($"head of {name}'s Foreign Ministry", false));
            }
            if (countryCode == "US")
            {
                phrases.Add(new("head of the State Department", false));
                phrases.Add(new("State Department chief", false));
            }
        }
        if (isLeader)
        {
            foreach (var adjective in country?.Adjectives ?? [])
            {
                phrases.Add(new($"{adjective} leader", false));
                if (title.StartsWith("President", StringComparison.OrdinalIgnoreCase))
                {
                    phrases.Add(new($"{adjective} head of state", false));
                }
            }
            foreach (var name in country?.Names ?? [])
            {
                phrases.Add(new($"{name}'s leader", false));
            }
            if (countryCode == "RU" && title.StartsWith("President", StringComparison.OrdinalIgnoreCase))
            {
                phrases.Add(new("Kremlin leader", false));
                phrases.Add(new("Kremlin chief", false));
            }
        }
        if (isSpokesperson)
        {
            foreach (var organ in OrganizationShortNames(organization, country))
            {
                foreach (var word in SpokespersonWords)
                {
                    phrases.Add(new($"{organ} {word}", Bare: country is null && !organ.Contains("Kremlin", StringComparison.Ordinal)));
                    phrases.Add(new($"{word} for the {organ}", Bare: country is null));
                    foreach (var adjective in country?.Adjectives ?? [])
                    {
                        phrases.Add(new($"{adjective} {organ} {word}", false));
                        phrases.Add(new($"{word} for the {adjective} {organ}", false));
                    }
                }
            }
            foreach (var word in SpokespersonWords)
            {
                phrases.Add(new(word, Bare: true));
            }
        }
        if (title.StartsWith("Permanent Representative", StringComparison.OrdinalIgnoreCase))
        {
            // A country's ambassador to an international organisation, as prose calls one: the British ambassador,
            // Russia's envoy, the French UN ambassador.
            string[] nouns = Has(title, "United Nations") || Has(organization, "United Nations")
                ? ["ambassador", "envoy", "UN ambassador", "UN envoy"]
                : ["ambassador", "envoy"];
            foreach (var noun in nouns)
            {
                phrases.Add(new(noun, Bare: true));
                foreach (var adjective in country?.Adjectives ?? [])
                {
                    phrases.Add(new($"{adjective} {noun}", false));
                }
                foreach (var name in country?.Names ?? [])
                {
                    phrases.Add(new($"{name}'s {noun}", false));
                }
            }
        }
        if (country is null && acronym is not null)
        {
            // International organisations: UN Secretary-General, the UN chief, head of the United Nations.
            foreach (var t in titles)
            {
                phrases.Add(new($"{acronym} {t}", false));
                phrases.Add(new($"{organization} {t}", false));
                phrases.Add(new($"{t} of the {organization}", false));
                phrases.Add(new($"{t} of the {acronym}", false));
            }
            if (!isSpokesperson)
            {
                phrases.Add(new($"{acronym} chief", false));
                phrases.Add(new($"{acronym} head", false));
                phrases.Add(new($"head of the {organization}", false));
                phrases.Add(new($"head of the {acronym}", false));
            }
        }
        return phrases;
    }

    /// <summary>
    /// "President of Russia" → President, "Secretary General of NATO" → Secretary General (the country's or the
    /// organisation's name, or its acronym, after "of" is left out); "Minister of Foreign Affairs" → Foreign Affairs Minister, Foreign
    /// Minister; "Secretary of State for Foreign … Affairs" → Foreign Secretary; "Federal Chancellor" → Chancellor.
    /// </summary>
    public static List<string> TitleVariants(string title, CountryNames? country, IReadOnlyList<string> organization)
    {
        var variants = new List<string> { title.Trim() };
        var t = title.Trim();
        foreach (var name in (country?.Names ?? []).Concat(organization))
        {
            foreach (var suffix in new[] { $" of {name}", $" of the {name}" })
            {
                if (t.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
                {
                    t = t[..^suffix.Length];
                }
            }
        }
        if (t.StartsWith("Federal ", StringComparison.OrdinalIgnoreCase))
        {
            t = t["Federal ".Length..];
        }
        variants.Add(t);
        if (MinisterOf().Match(t) is { Success: true } match)
        {
            var (rank, portfolio) = (match.Groups["rank"].Value, match.Groups["portfolio"].Value);
            variants.Add($"{portfolio} {rank}");
            if (Has(portfolio, "foreign"))
            {
                variants.Add($"Foreign {rank}");
            }
            if (portfolio.EndsWith(" Affairs", StringComparison.OrdinalIgnoreCase))
            {
                variants.Add($"{portfolio[..^" Affairs".Length]} {rank}");
            }
        }
        else if (HeadOfThe().Match(t) is { Success: true } office)
        {
            // "Leader of the Opposition": "the Opposition Leader"; "Speaker of the House": "the House Speaker".
            variants.Add($"{office.Groups["body"].Value} {office.Groups["head"].Value}");
        }
        return [.. variants.Where(v => v.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase)];
    }

    /// <summary>Nouns that name a kind of office, by which prose refers back to its holder: the minister, the president.</summary>
    public static readonly IReadOnlySet<string> OfficeNouns = new HashSet<string>(
        ["minister", "secretary", "president", "chancellor", "premier", "spokesman", "spokeswoman", "spokesperson", "senator",
         "governor", "mayor", "ambassador", "envoy", "commissioner", "general", "speaker", "chairman", "chairwoman", "chair"],
        StringComparer.Ordinal);

    /// <summary>
    /// Words that make a title another office: the Shadow Chancellor is not the Chancellor, an assistant secretary-general
    /// not the Secretary-General.
    /// </summary>
    public static readonly IReadOnlySet<string> OtherOffice = new HashSet<string>(
        ["shadow", "vice", "deputy", "acting", "assistant", "under"], StringComparer.Ordinal);

    /// <summary>The last word of the title when it names a kind of office: the minister, the president.</summary>
    private static string? HeadNoun(List<string> titles)
    {
        // The noun the title is about: its last word, or the last before "of" or "for" (Chancellor of the Exchequer,
        // Commissioner for Trade).
        var words = titles.MinBy(t => t.Length)!.Split(' ', '-');
        var of = Array.FindIndex(words, w => w.ToLowerInvariant() is "of" or "for");
        var head = of > 0 ? of - 1 : words.Length - 1;
        if (words.Take(head).Any(w => OtherOffice.Contains(w.ToLowerInvariant())))
        {
            return null; // "the Chancellor" is never the Shadow Chancellor, nor "the president" a Vice-President
        }
        var last = words[head].ToLowerInvariant();
        return OfficeNouns.Contains(last) ? last : null;
    }

    /// <summary>Foreign Ministry for "Ministry of Foreign Affairs of the Russian Federation"; Kremlin for a presidential office.</summary>
    private static IEnumerable<string> OrganizationShortNames(string organization, CountryNames? country)
    {
        var o = organization.Trim();
        foreach (var name in country?.Names ?? [])
        {
            foreach (var suffix in new[] { $" of {name}", $" of the {name}" })
            {
                if (o.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
                {
                    o = o[..^suffix.Length];
                }
            }
        }
        yield return o;
        if (Has(o, "foreign"))
        {
            yield return "Foreign Ministry";
        }
        else if (MinistryOf().Match(o) is { Success: true } ministry)
        {
            yield return $"{ministry.Groups["portfolio"].Value} Ministry";
        }
        if (country?.Code == "RU" && (Has(o, "Kremlin") || Has(o, "President")))
        {
            yield return "Kremlin";
        }
        if (country?.Code == "US" && (Has(o, "White House") || Has(o, "Executive Office")))
        {
            yield return "White House";
        }
        if (country?.Code == "US" && Has(o, "Department of State"))
        {
            yield return "State Department";
        }
    }

    /// <summary>UN for United Nations, NATO for North Atlantic Treaty Organization; null for one-word names.</summary>
    private static string? Acronym(string organization)
    {
        var letters = organization.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(w => char.IsUpper(w[0]))
            .Select(w => w[0])
            .ToArray();
        return letters.Length >= 2 ? new string(letters) : null;
    }

    private static bool Has(string text, string word) => text.Contains(word, StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex(@"^(?<rank>Minister|Secretary)\s+(?:of|for)\s+(?:the\s+)?(?<portfolio>.+)$", RegexOptions.IgnoreCase)]
    private static partial Regex MinisterOf();

    [GeneratedRegex(@"^(?<head>\p{Lu}[\p{L}-]*(?:\s\p{Lu}[\p{L}-]*)?)\s+of\s+the\s+(?<body>\p{Lu}[\p{L}-]*(?:\s\p{Lu}[\p{L}-]*){0,2})$")]
    private static partial Regex HeadOfThe();

    [GeneratedRegex(@"^Ministry\s+(?:of|for)\s+(?:the\s+)?(?<portfolio>.+)$", RegexOptions.IgnoreCase)]
    private static partial Regex MinistryOf();

    [GeneratedRegex(@"^(?:President|Prime Minister|Chancellor|Premier|Federal Chancellor|King|Queen|Emir)\b", RegexOptions.IgnoreCase)]
    private static partial Regex LeaderTitle();
}
