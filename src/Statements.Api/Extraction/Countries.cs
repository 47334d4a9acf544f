// How news prose names a country: "Russia", "the Russian Federation", "Russian", "Moscow". Role phrases are
// built from these ("the Russian Foreign Minister", "Russia's top diplomat"), and a capital or a country on its
// own ("Moscow said") is a government, not an official, so it is never a speaker.
using System.Collections.Frozen;

namespace Statements.Api.Extraction;

/// <summary>The ways a country is written: names (possessive-capable), adjectives, and its capital.</summary>
public sealed record CountryNames(string Code, IReadOnlyList<string> Names, IReadOnlyList<string> Adjectives, string? Capital);

public static class Countries
{
    private static readonly CountryNames[] All =
    [
        new("US", ["United States", "the United States", "US", "America", "the US", "USA", "United States of America"], ["US", "American"], "Washington"),
        new("RU", ["Russia", "Russian Federation", "the Russian Federation"], ["Russian"], "Moscow"),
        new("GB", ["Britain", "United Kingdom", "the United Kingdom", "UK", "the UK", "Great Britain"], ["British", "UK"], "London"),
        new("FR", ["France"], ["French"], "Paris"),
        new("DE", ["Germany"], ["German"], "Berlin"),
        new("CN", ["China", "People's Republic of China"], ["Chinese"], "Beijing"),
        new("UA", ["Ukraine"], ["Ukrainian"], "Kyiv"),
        new("IT", ["Italy"], ["Italian"], "Rome"),
        new("ES", ["Spain"], ["Spanish"], "Madrid"),
        new("PL", ["Poland"], ["Polish"], "Warsaw"),
        new("JP", ["Japan"], ["Japanese"], "Tokyo"),
        new("IN", ["India"], ["Indian"], "New Delhi"),
        new("BR", ["Brazil"], ["Brazilian"], "Brasilia"),
        new("CA", ["Canada"], ["Canadian"], "Ottawa"),
        new("AU", ["Australia"], ["Australian"], "Canberra"),
        new("TR", ["Turkey", "Türkiye"], ["Turkish"], "Ankara"),
        new("IR", ["Iran"], ["Iranian"], "Tehran"),
        new("IL", ["Israel"], ["Israeli"], "Jerusalem"),
        new("SA", ["Saudi Arabia"], ["Saudi"], "Riyadh"),
        new("EG", ["Egypt"], ["Egyptian"], "Cairo"),
        new("KP", ["North Korea"], ["North Korean"], "Pyongyang"),
        new("KR", ["South Korea"], ["South Korean"], "Seoul"),
        new("SE", ["Sweden"], ["Swedish"], "Stockholm"),
        new("FI", ["Finland"], ["Finnish"], "Helsinki"),
        new("NO", ["Norway"], ["Norwegian"], "Oslo"),
        new("DK", ["Denmark"], ["Danish"], "Copenhagen"),
        new("NL", ["the Netherlands", "Netherlands"], ["Dutch"], "The Hague"),
        new("BE", ["Belgium"], ["Belgian"], "Brussels"),
        new("CH", ["Switzerland"], ["Swiss"], "Bern"),
        new("AT", ["Austria"], ["Austrian"], "Vienna"),
        new("GR", ["Greece"], ["Greek"], "Athens"),
        new("PT", ["Portugal"], ["Portuguese"], "Lisbon"),
        new("IE", ["Ireland"], ["Irish"], "Dublin"),
        new("HU", ["Hungary"], ["Hungarian"], "Budapest"),
        new("CZ", ["the Czech Republic", "Czech Republic", "Czechia"], ["Czech"], "Prague"),
        new("SK", ["Slovakia"], ["Slovak"], "Bratislava"),
        new("RO", ["Romania"], ["Romanian"], "Bucharest"),
        new("BG", ["Bulgaria"], ["Bulgarian"], "Sofia"),
        new("RS", ["Serbia"], ["Serbian"], "Belgrade"),
        new("HR", ["Croatia"], ["Croatian"], "Zagreb"),
        new("EE", ["Estonia"], ["Estonian"], "Tallinn"),
        new("LV", ["Latvia"], ["Latvian"], "Riga"),
        new("LT", ["Lithuania"], ["Lithuanian"], "Vilnius"),
        new("MD", ["Moldova"], ["Moldovan"], "Chisinau"),
        new("BY", ["Belarus"], ["Belarusian"], "Minsk"),
        new("KZ", ["Kazakhstan"], ["Kazakh"], "Astana"),
        new("GE", ["Georgia"], ["Georgian"], "Tbilisi"),
        new("AM", ["Armenia"], ["Armenian"], "Yerevan"),
        new("AZ", ["Azerbaijan"], ["Azerbaijani"], "Baku"),
        new("PK", ["Pakistan"], ["Pakistani"], "Islamabad"),
        new("AF", ["Afghanistan"], ["Afghan"], "Kabul"),
        new("IQ", ["Iraq"], ["Iraqi"], "Baghdad"),
        new("SY", ["Syria"], ["Syrian"], "Damascus"),
        new("LB", ["Lebanon"], ["Lebanese"], "Beirut"),
        new("JO", ["Jordan"], ["Jordanian"], "Amman"),
        new("QA", ["Qatar"], ["Qatari"], "Doha"),
        new("AE", ["the United Arab Emirates", "United Arab Emirates", "UAE", "the UAE"], ["Emirati"], "Abu Dhabi"),
        new("MX", ["Mexico"], ["Mexican"], "Mexico City"),
        new("AR", ["Argentina"], ["Argentine", "Argentinian"], "Buenos Aires"),
        new("CL", ["Chile"], ["Chilean"], "Santiago"),
        new("CO", ["Colombia"], ["Colombian"], "Bogota"),
        new("VE", ["Venezuela"], ["Venezuelan"], "Caracas"),
        new("CU", ["Cuba"], ["Cuban"], "Havana"),
        new("ZA", ["South Africa"], ["South African"], "Pretoria"),
        new("NG", ["Nigeria"], ["Nigerian"], "Abuja"),
        new("KE", ["Kenya"], ["Kenyan"], "Nairobi"),
        new("ET", ["Ethiopia"], ["Ethiopian"], "Addis Ababa"),
        new("GH", ["Ghana"], ["Ghanaian"], "Accra"),
        new("ID", ["Indonesia"], ["Indonesian"], "Jakarta"),
        new("MY", ["Malaysia"], ["Malaysian"], "Kuala Lumpur"),
        new("PH", ["the Philippines", "Philippines"], ["Philippine", "Filipino"], "Manila"),
        new("VN", ["Vietnam"], ["Vietnamese"], "Hanoi"),
        new("TH", ["Thailand"], ["Thai"], "Bangkok"),
        new("NZ", ["New Zealand"], ["New Zealand"], "Wellington"),
        new("TW", ["Taiwan"], ["Taiwanese"], "Taipei"),
    ];

    private static readonly FrozenDictionary<string, CountryNames> ByCode = All.ToFrozenDictionary(c => c.Code, StringComparer.OrdinalIgnoreCase);

    /// <summary>Lower-case keys of every country name, adjective and capital: words that name a state, not a person.</summary>
    public static readonly FrozenSet<string> PlaceWords = All
        .SelectMany(c => c.Names.Concat(c.Adjectives).Append(c.Capital ?? ""))
        .SelectMany(name => Tokenizer.Keys(name))
        .Where(k => k is not ("the" or "of" or "new" or "south" or "north" or "united"))
        .ToFrozenSet();

    public static CountryNames? Find(string? code) =>
        code is { Length: 2 } && ByCode.TryGetValue(code, out var names) ? names : null;

    /// <summary>Country codes whose names are written family name first, so the short name is the first word (Xi, Wang).</summary>
    public static bool WritesFamilyNameFirst(string? code) => code is "CN" or "TW" or "KR" or "KP" or "VN";

    /// <summary>
    /// Country codes of the Spanish- and Portuguese-speaking world, where a name ends with two family names (Carlos Huamán
    /// Villena, Tomás Ferreira Lobo), and a second reference gives both or the first of them (Huamán Villena, Huamán).
    /// </summary>
    public static bool UsesTwoFamilyNames(string? code) => code is "ES" or "PT" or "BR" or "MX" or "AR" or "CO" or "CL" or "PE"
        or "VE" or "EC" or "BO" or "PY" or "UY" or "CU" or "DO" or "GT" or "HN" or "SV" or "NI" or "CR" or "PA" or "PR" or "AO"
        or "MZ" or "CV" or "GW" or "ST" or "TL" or "GQ";
}
