// The officials as extraction looks them up: every full name, alias, native name and short name (surname),
// and every role phrase built from the roles they held, each with the dates it applies between. Built once
// per directory; looking a phrase up costs a few hash probes per word.
namespace Statements.Api.Extraction;

/// <summary>A name of an official. Short: the surname alone ("Lavrov"), which another person may share.</summary>
public sealed record NameEntry(long OfficialId, SpeakerMatch MatchedBy, bool IsShort);

/// <summary>A role phrase for an official, applying from Start to End (open ends: always). Bare: no country named.</summary>
public sealed record RoleEntry(long OfficialId, DateOnly? Start, DateOnly? End, bool Bare)
{
    public bool HeldOn(DateOnly date) => (Start is null || Start <= date) && (End is null || End >= date);
}

public sealed class SpeakerDirectory
{
    private static readonly string[] NameSuffixes = ["jr", "sr", "ii", "iii", "iv"];

    public SpeakerDirectory(IEnumerable<DirectoryOfficial> officials)
    {
        foreach (var official in officials)
        {
            Officials[official.Id] = official;
            AddName(official.Name, official, SpeakerMatch.Name);
            foreach (var alias in official.Aliases)
            {
                AddName(alias, official, SpeakerMatch.Alias);
            }
            if (!string.IsNullOrWhiteSpace(official.NativeName))
            {
                AddName(official.NativeName, official, SpeakerMatch.Alias);
            }
            foreach (var role in official.Roles)
            {
                var country = string.IsNullOrEmpty(role.Country) ? official.Country : role.Country;
                foreach (var phrase in RolePhrases.For(role.Title, role.Organization, country))
                {
                    Roles.Add(phrase.Text, new RoleEntry(official.Id, role.Start, role.End, phrase.Bare));
                }
            }
        }
    }

    public Dictionary<long, DirectoryOfficial> Officials { get; } = [];

    public PhraseIndex<NameEntry> Names { get; } = new();

    public PhraseIndex<RoleEntry> Roles { get; } = new();

    private void AddName(string name, DirectoryOfficial official, SpeakerMatch matchedBy)
    {
        // A name of one word ("Kowalczyk" given as an alias, "Lula") may be anyone's: it counts as a surname alone does.
        Names.Add(name, new NameEntry(official.Id, matchedBy, IsShort: !name.Trim().Contains(' ') && matchedBy == SpeakerMatch.Alias));
        if (Surname(name, official.Country) is { } surname && !surname.Equals(name, StringComparison.OrdinalIgnoreCase))
        {
            Names.Add(surname, new NameEntry(official.Id, matchedBy, IsShort: true));
        }
        if (GivenNameOfPatronymic(name) is { } given)
        {
            Names.Add(given, new NameEntry(official.Id, matchedBy, IsShort: true));
        }
        foreach (var familyName in TwoFamilyNames(name, official.Country))
        {
            Names.Add(familyName, new NameEntry(official.Id, matchedBy, IsShort: true));
        }
        if (KnightlyShortName(name) is { } knightly)
        {
            Names.Add(knightly, new NameEntry(official.Id, matchedBy, IsShort: true));
        }
    }

    /// <summary>"Sir Keir" of Sir Keir Starmer, "Dame Priti" of Dame Priti Patel: the title and the given name, as news prose calls knights and dames.</summary>
    private static string? KnightlyShortName(string name)
    {
        var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Length >= 3 && words[0] is "Sir" or "Dame" ? $"{words[0]} {words[1]}" : null;
    }

    /// <summary>
    /// "Huamán Villena" and "Huamán" of Carlos Huamán Villena: where names end with two family names, both together and the
    /// first alone are second references too (the last alone is the surname, as everywhere). With a particle, the surname
    /// runs from it (dos Anjos Ribeiro), and the last family name alone is a second reference too: "Ribeiro" of Teresa dos
    /// Anjos Ribeiro.
    /// </summary>
    private static IEnumerable<string> TwoFamilyNames(string name, string? country)
    {
        var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (!Countries.UsesTwoFamilyNames(country) || words.Length < 3)
        {
            return [];
        }
        return words.Skip(1).Any(w => Lexicon.NameParticles.Contains(Tokenizer.KeyOf(w)))
            ? [words[^1]]
            : [$"{words[^2]} {words[^1]}", words[^2]];
    }

    /// <summary>
    /// The given name of an Arabic name with a patronymic or a family name with the article, by which news prose calls its
    /// bearer: Faisal (Prince Faisal) of Faisal bin Khalid, Fahad (Sheikh Fahad) of Fahad Nasser al-Mubarak al-Sabah.
    /// </summary>
    private static string? GivenNameOfPatronymic(string name)
    {
        var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Length >= 3 && words.Skip(1).Any(w => w.ToLowerInvariant() is "bin" or "ibn" or "bint" || w.StartsWith("al-", StringComparison.OrdinalIgnoreCase))
            ? words[0]
            : null;
    }

    /// <summary>
    /// The name a second reference uses: the last word (Lavrov), from a particle on (von der Leyen, Ní Bhriain), or the first
    /// word where the family name comes first (Xi). Null for a one-word name.
    /// </summary>
    public static string? Surname(string name, string? country)
    {
        var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        while (words.Count > 1 && NameSuffixes.Contains(words[^1].Trim('.', ',').ToLowerInvariant()))
        {
            words.RemoveAt(words.Count - 1);
        }
        // A name given with its title ("Trade Minister Goh Seung-woo", as an alias may be): the surname is the name's.
        var title = words.Count < 2 ? -1 : words.FindLastIndex(words.Count - 2, w => Lexicon.Titles.Contains(Tokenizer.KeyOf(w)));
        if (title >= 0)
        {
            words.RemoveRange(0, title + 1);
        }
        if (words.Count < 2)
        {
            return null;
        }
        if (Countries.WritesFamilyNameFirst(country))
        {
            return words[0];
        }
        for (var i = 1; i < words.Count - 1; i++)
        {
            if (Lexicon.NameParticles.Contains(Tokenizer.KeyOf(words[i])))
            {
                return string.Join(' ', words.Skip(i));
            }
        }
        return words[^1];
    }
}
