// Step 4: who a speaker phrase names, from the directory of officials.
using Statements.Api.Extraction;
using Statements.Api.Officials;

namespace Statements.Api.Tests.Extraction;

public sealed class SpeakerResolverTests
{
    private static readonly SpeakerDirectory Directory = new(TestDirectory.Sample().Officials);
    private static readonly DateOnly Summer2021 = new(2021, 6, 2);

    /// <summary>Resolves each phrase (marked by [brackets] in the text) in order, as the pipeline does.</summary>
    private static List<ResolvedSpeaker?> Resolve(string marked, DateOnly onDate, bool beforeVerb = true)
    {
        var text = marked.Replace("[", "", StringComparison.Ordinal).Replace("]", "", StringComparison.Ordinal);
        var resolver = new SpeakerResolver(Directory, text, onDate);
        var results = new List<ResolvedSpeaker?>();
        var offset = 0;
        for (var open = marked.IndexOf('['); open >= 0; open = marked.IndexOf('[', open + 1))
        {
            var close = marked.IndexOf(']', open);
            var start = open - offset;
            offset++;
            var end = close - offset;
            offset++;
            results.Add(resolver.Resolve(new SpeakerPhrase(new TextSpan(start, end), beforeVerb)));
        }
        return results;
    }

    private static ResolvedSpeaker? One(string marked, DateOnly? onDate = null, bool beforeVerb = true) =>
        Assert.Single(Resolve(marked, onDate ?? Summer2021, beforeVerb));

    [Theory]
    [InlineData("[Sergei Lavrov] said.", TestDirectory.Lavrov, SpeakerMatch.Name)]
    [InlineData("[Lavrov] said.", TestDirectory.Lavrov, SpeakerMatch.Name)]
    [InlineData("[Sergey Lavrov] said.", TestDirectory.Lavrov, SpeakerMatch.Alias)]
    [InlineData("[Сергей Лавров] said.", TestDirectory.Lavrov, SpeakerMatch.Alias)]
    [InlineData("[US Secretary of State Anthony Blinken] said.", TestDirectory.Blinken, SpeakerMatch.Alias)]
    [InlineData("[Lavrov, the Russian foreign minister,] said.", TestDirectory.Lavrov, SpeakerMatch.Name)]
    [InlineData("[Blinken, who met Lavrov on Tuesday,] said.", TestDirectory.Blinken, SpeakerMatch.Name)]
    [InlineData("[Speaking after talks with Lavrov, Blinken] said.", TestDirectory.Blinken, SpeakerMatch.Name)]
    public void NamesAliasesNativeNamesAndSurnamesFindTheOfficial(string marked, long id, SpeakerMatch by)
    {
        var speaker = One(marked);

        Assert.Equal((id, by), (speaker!.OfficialId!.Value, speaker.MatchedBy));
    }

    [Theory]
    [InlineData("[the Russian Foreign Minister] said.", TestDirectory.Lavrov)]
    [InlineData("[the head of Russian diplomacy] said.", TestDirectory.Lavrov)]
    [InlineData("[the head of the Russian Foreign Ministry] said.", TestDirectory.Lavrov)]
    [InlineData("[Russia's top diplomat] said.", TestDirectory.Lavrov)]
    [InlineData("[US Secretary of State] said.", TestDirectory.Blinken)]
    [InlineData("[America's top diplomat] said.", TestDirectory.Blinken)]
    [InlineData("[the Russian president] said.", TestDirectory.Putin)]
    [InlineData("[the Kremlin leader] said.", TestDirectory.Putin)]
    [InlineData("[the UN chief] said.", TestDirectory.Okafor)]
    public void RolePhrasesBuiltFromRolesFindTheHolder(string marked, long id)
    {
        var speaker = One(marked, new DateOnly(2024, 3, 1));

        Assert.Equal((id, SpeakerMatch.Role), (speaker!.OfficialId!.Value, speaker.MatchedBy));
    }

    [Fact]
    public void ARolePhraseMeansWhoeverHeldTheRoleOnTheArticlesDate()
    {
        Assert.Equal(TestDirectory.Lambert, One("[The French foreign minister] said.", new DateOnly(2021, 11, 3))!.OfficialId);
        Assert.Equal(TestDirectory.Morel, One("[The French foreign minister] said.", new DateOnly(2024, 6, 16))!.OfficialId);
        Assert.Equal(TestDirectory.Lambert, One("[The former French foreign minister] said.", new DateOnly(2024, 6, 16))!.OfficialId);
        var nobody = One("[US Secretary of State] said.", new DateOnly(2026, 1, 1))!;
        Assert.Null(nobody.OfficialId);
        Assert.Equal(SpeakerMatch.Unknown, nobody.MatchedBy);
    }

    [Fact]
    public void ABareTitleRefersToTheOfficialTheArticleLastNamed()
    {
        var speakers = Resolve("Blinken met Lavrov. [The minister] said.", Summer2021);

        Assert.Equal(TestDirectory.Lavrov, speakers[0]!.OfficialId);
        Assert.Null(One("[Qatar's foreign minister] said.")!.OfficialId);
        Assert.Null(One("[a foreign minister] said.")!.OfficialId);
    }

    [Fact]
    public void PronounsReferBackToTheLastSpeakerOfTheirGender()
    {
        var speakers = Resolve("[Ms Morel] said. [Lavrov] said. [He] added. [She] replied.", Summer2021);

        Assert.Equal([TestDirectory.Morel, TestDirectory.Lavrov, TestDirectory.Lavrov, TestDirectory.Morel], speakers.Select(s => s!.OfficialId!.Value));
        Assert.Equal(SpeakerMatch.Pronoun, speakers[2]!.MatchedBy);
    }

    [Fact]
    public void SpeakersNotInTheDatabaseAreReturnedAsWritten()
    {
        var speakers = Resolve("[Jean Dupont, a centrist senator,] said. [Dupont] added. [A senior European diplomat] said. [Officials] said.", Summer2021);

        Assert.Equal(["Jean Dupont", "Jean Dupont", "A senior European diplomat", "Officials"], speakers.Select(s => s!.Name));
        Assert.All(speakers, s => Assert.Equal((null, SpeakerMatch.Unknown), (s!.OfficialId, s.MatchedBy)));
    }

    [Theory]
    [InlineData("[The Kremlin] said.")]
    [InlineData("[Moscow] said.")]
    [InlineData("[The ministry] said in a statement.")]
    [InlineData("[A survey by the broadcaster ZDF] said.")]
    public void InstitutionsAndPlacesAreNotSpeakers(string marked) => Assert.Null(One(marked));

    [Theory]
    [InlineData("[The American Red Cross] said.")]
    [InlineData("[the Palestine Red Crescent] said.")]
    [InlineData("[The Sierra Club] said.")]
    public void NameWordsAfterTheNameAnOrganisation(string marked) => Assert.Null(One(marked));

    [Fact]
    public void NameWordsAfterTheRevNameAPersonAndCrossAloneIsASurname()
    {
        var speakers = Resolve("[The Rev. Curtis Bell] said. [Amelia Cross] said. [Cross] added.", Summer2021);

        Assert.Equal(["Curtis Bell", "Amelia Cross", "Amelia Cross"], speakers.Select(s => s?.Name));
    }

    [Fact]
    public void SomeoneWhoSharesASurnameIsNotTheOfficial() =>
        Assert.Equal("Hunter Biden", One("[Hunter Biden] said.")!.Name);
}

public sealed class RolePhrasesTests
{
    [Theory]
    [InlineData("Chancellor of the Exchequer", "chancellor")]
    [InlineData("Secretary of State", "secretary")]
    [InlineData("Minister of Foreign Affairs", "minister")]
    public void ATitleWithOfIsAlsoNamedByItsHeadNounAlone(string title, string head) =>
        Assert.Contains(new RolePhrase(head, Bare: true), RolePhrases.For(title, "Government", "GB"));

    [Fact]
    public void AShadowTitleIsNotNamedByItsHeadNoun() =>
        Assert.DoesNotContain(new RolePhrase("chancellor", Bare: true), RolePhrases.For("Shadow Chancellor of the Exchequer", "Labour Party", "GB"));

    [Fact]
    public void ANameWithAPatronymicIsAlsoKnownByItsGivenName()
    {
        var directory = new SpeakerDirectory([new DirectoryOfficial(9, "faisal-bin-khalid", "Faisal bin Khalid", null, [], "SA",
            [new Role("Minister of Energy", "Government of Saudi Arabia", "SA", new DateOnly(2020, 1, 1), null)])]);
        const string text = "“We are not afraid of it,” Prince Faisal said. “Nor are we,” said Faisal Al-Ibrahim, an analyst.";
        var resolver = new SpeakerResolver(directory, text, new DateOnly(2025, 10, 14));

        var prince = resolver.Resolve(new SpeakerPhrase(Span(text, "Prince Faisal"), BeforeVerb: true));
        var analyst = resolver.Resolve(new SpeakerPhrase(Span(text, "Faisal Al-Ibrahim, an analyst"), BeforeVerb: false));

        Assert.Equal(9, prince?.OfficialId);
        Assert.Null(analyst?.OfficialId);
    }

    [Fact]
    public void AnIrishSurnameWithItsParticleAndAccentsFindsTheOfficial()
    {
        var directory = new SpeakerDirectory([new DirectoryOfficial(9, "siobhan-ni-bhriain", "Siobhán Ní Bhriain", null, ["Siobhan Ni Bhriain"], "GB",
            [new Role("Leader of the Liberal Democrats", "Liberal Democrats", "GB", new DateOnly(2025, 1, 10), null)])]);
        const string text = "Ms Ní Bhriain said that care homes were closing. Ni Bhriain added that families were selling their houses.";
        var resolver = new SpeakerResolver(directory, text, new DateOnly(2026, 11, 25));

        Assert.Equal("Ní Bhriain", SpeakerDirectory.Surname("Siobhán Ní Bhriain", "GB"));
        Assert.Equal(9, resolver.Resolve(new SpeakerPhrase(Span(text, "Ms Ní Bhriain"), BeforeVerb: true))?.OfficialId);
        Assert.Equal(9, resolver.Resolve(new SpeakerPhrase(Span(text, "Ni Bhriain"), BeforeVerb: true))?.OfficialId);
    }

    [Fact]
    public void TwoFamilyNamesTogetherOrTheFirstAloneFindTheOfficial()
    {
        var directory = new SpeakerDirectory([
            new DirectoryOfficial(4, "tomas-ferreira-lobo", "Tomás Ferreira Lobo", null, [], "PT",
                [new Role("Minister of Energy", "Government of Portugal", "PT", new DateOnly(2024, 4, 2), null)]),
            new DirectoryOfficial(5, "carlos-huaman-villena", "Carlos Huamán Villena", null, [], "PE",
                [new Role("Minister of Health", "Government of Peru", "PE", new DateOnly(2025, 2, 1), null)])]);
        const string text = "Mr Ferreira Lobo said the talks went well. Huamán said the wards were full. Huaman Villena added that more help was coming.";
        var resolver = new SpeakerResolver(directory, text, new DateOnly(2026, 11, 25));

        Assert.Equal(4, resolver.Resolve(new SpeakerPhrase(Span(text, "Mr Ferreira Lobo"), BeforeVerb: true))?.OfficialId);
        Assert.Equal(5, resolver.Resolve(new SpeakerPhrase(Span(text, "Huamán"), BeforeVerb: true))?.OfficialId);
        Assert.Equal(5, resolver.Resolve(new SpeakerPhrase(Span(text, "Huaman Villena"), BeforeVerb: true))?.OfficialId);
    }

    private static TextSpan Span(string text, string words) => new(text.IndexOf(words, StringComparison.Ordinal), text.IndexOf(words, StringComparison.Ordinal) + words.Length);
}
