// Text folded for comparison: lower case in every script, without diacritics. The officials list's q (NameSearch), the
// extractor's word keys (Tokenizer.KeyOf) and the synthetic data's slugs fold with this one table.
using System.Collections.Frozen;
using System.Text;

namespace Statements.Api.Common;

public static class Folding
{
    /// <summary>
    /// Text as it is compared: in lower case (every script's), without diacritics — the combining marks of Latin, Greek
    /// and Cyrillic, whether precomposed (é as e, й as и, ё as е, ά as α) or sent apart (e + U+0301) — with the letters
    /// that carry a stroke or ligature in themselves spelled out (ł as l, ø as o, ß as ss, æ as ae, the ligature ﬁ as fi),
    /// full-width Latin letters as ASCII, final sigma as sigma, and control characters as spaces. Marks of other scripts
    /// (Devanagari vowel signs, Arabic and Hebrew vowel points) are kept.
    /// </summary>
    public static string Fold(string text)
    {
        var lower = text.ToLowerInvariant();
        var folded = new StringBuilder(lower.Length);
        foreach (var c in lower)
        {
            if (char.IsControl(c))
            {
                folded.Append(' ');
            }
            else if (c >= '\u0080' && Plain(c) is { } plain)
            {
                folded.Append(plain);
            }
            else
            {
                folded.Append(c);
            }
        }
        return folded.ToString();
    }

    /// <summary>
    /// What a lower-case character folds to, as <see cref="Fold"/> folds it: its plain letters ("" for a diacritic sent
    /// apart), or null when it stays as it is.
    /// </summary>
    public static string? Plain(char c) => PlainLetters.TryGetValue(c, out var plain) ? plain : IsDiacritic(c) ? "" : null;

    /// <summary>The combining diacritical marks (and their supplement and extensions, and the half marks).</summary>
    private static bool IsDiacritic(char c) =>
        c is >= '\u0300' and <= '\u036F' or >= '\u1AB0' and <= '\u1AFF' or >= '\u1DC0' and <= '\u1DFF' or >= '\u20D0' and <= '\u20FF'
            or >= '\uFE20' and <= '\uFE2F';

    /// <summary>
    /// Each lower-case letter that folds to something else, followed by what it folds to, one pair after another, a space
    /// between pairs. The server runs with InvariantGlobalization, where string.Normalize cannot decompose, so the
    /// decompositions are written out here, made with Python's unicodedata (Unicode 14): for every lower-case letter of
    /// the blocks Latin-1 Supplement to Latin Extended-B, Greek, Cyrillic and its supplement, Latin Extended Additional,
    /// Greek Extended, Latin Extended-C and -D, the Latin ligatures and the full-width Latin letters, its NFKD form without
    /// the combining marks above, in lower case; then ł l, ø o, đ d, ð d, ħ h, ı i, ß ss, æ ae, œ oe, þ th, ς σ, ŧ t,
    /// ƀ b, ɨ i and ʉ u, which Unicode does not decompose.
    /// </summary>
    private const string PlainLetterPairs =
        "ßss àa áa âa ãa äa åa æae çc èe ée êe ëe ìi íi îi ïi ðd ñn òo óo ôo õo öo øo ùu úu ûu üu ýy þth ÿy " +
        "āa ăa ąa ćc ĉc ċc čc ďd đd ēe ĕe ėe ęe ěe ĝg ğg ġg ģg ĥh ħh ĩi īi ĭi įi ıi ĳij ĵj ķk ĺl ļl ľl ŀl· " +
        "łl ńn ņn ňn ŉʼn ōo ŏo őo œoe ŕr ŗr řr śs ŝs şs šs ţt ťt ŧt ũu ūu ŭu ůu űu ųu ŵw ŷy źz żz žz ſs ƀb " +
        "ơo ưu ǆdz ǉlj ǌnj ǎa ǐi ǒo ǔu ǖu ǘu ǚu ǜu ǟa ǡa ǣae ǧg ǩk ǫo ǭo ǯʒ ǰj ǳdz ǵg ǹn ǻa ǽae ǿo ȁa ȃa ȅe " +
        "ȇe ȉi ȋi ȍo ȏo ȑr ȓr ȕu ȗu șs țt ȟh ȧa ȩe ȫo ȭo ȯo ȱo ȳy ɨi ʉu ʹʹ ΐι άα έε ήη ίι ΰυ ςσ ϊι ϋυ όο ύυ " +
        "ώω ϐβ ϑθ ϒυ ϓυ ϔυ ϕφ ϖπ ϰκ ϱρ ϲσ ϵε йи ѐе ёе ѓг їі ќк ѝи ўу ѷѵ ӂж ӑа ӓа ӗе ӛә ӝж ӟз ӣи ӥи ӧо ӫө ӭэ " +
        "ӯу ӱу ӳу ӵч ӹы ḁa ḃb ḅb ḇb ḉc ḋd ḍd ḏd ḑd ḓd ḕe ḗe ḙe ḛe ḝe ḟf ḡg ḣh ḥh ḧh ḩh ḫh ḭi ḯi ḱk ḳk ḵk ḷl " +
        "ḹl ḻl ḽl ḿm ṁm ṃm ṅn ṇn ṉn ṋn ṍo ṏo ṑo ṓo ṕp ṗp ṙr ṛr ṝr ṟr ṡs ṣs ṥs ṧs ṩs ṫt ṭt ṯt ṱt ṳu ṵu ṷu ṹu " +
        "ṻu ṽv ṿv ẁw ẃw ẅw ẇw ẉw ẋx ẍx ẏy ẑz ẓz ẕz ẖh ẗt ẘw ẙy ẚaʾ ẛs ạa ảa ấa ầa ẩa ẫa ậa ắa ằa ẳa ẵa ặa ẹe " +
        "ẻe ẽe ếe ềe ểe ễe ệe ỉi ịi ọo ỏo ốo ồo ổo ỗo ộo ớo ờo ởo ỡo ợo ụu ủu ứu ừu ửu ữu ựu ỳy ỵy ỷy ỹy ἀα " +
        "ἁα ἂα ἃα ἄα ἅα ἆα ἇα ἐε ἑε ἒε ἓε ἔε ἕε ἠη ἡη ἢη ἣη ἤη ἥη ἦη ἧη ἰι ἱι ἲι ἳι ἴι ἵι ἶι ἷι ὀο ὁο ὂο ὃο " +
        "ὄο ὅο ὐυ ὑυ ὒυ ὓυ ὔυ ὕυ ὖυ ὗυ ὠω ὡω ὢω ὣω ὤω ὥω ὦω ὧω ὰα άα ὲε έε ὴη ήη ὶι ίι ὸο όο ὺυ ύυ ὼω ώω ᾀα " +
        "ᾁα ᾂα ᾃα ᾄα ᾅα ᾆα ᾇα ᾐη ᾑη ᾒη ᾓη ᾔη ᾕη ᾖη ᾗη ᾠω ᾡω ᾢω ᾣω ᾤω ᾥω ᾦω ᾧω ᾰα ᾱα ᾲα ᾳα ᾴα ᾶα ᾷα ιι ῂη ῃη " +
        "ῄη ῆη ῇη ῐι ῑι ῒι ΐι ῖι ῗι ῠυ ῡυ ῢυ ΰυ ῤρ ῥρ ῦυ ῧυ ῲω ῳω ῴω ῶω ῷω ⱼj ⱽv ꝰꝯ ꟲc ꟳf ꟴq ꟸh ꟹoe ﬀff ﬁfi " +
        "ﬂfl ﬃffi ﬄffl ﬅst ﬆst ａa ｂb ｃc ｄd ｅe ｆf ｇg ｈh ｉi ｊj ｋk ｌl ｍm ｎn ｏo ｐp ｑq ｒr ｓs ｔt ｕu ｖv ｗw ｘx ｙy ｚz ";

    private static readonly FrozenDictionary<char, string> PlainLetters = PlainLetterPairs
        .Split(' ', StringSplitOptions.RemoveEmptyEntries)
        .ToFrozenDictionary(pair => pair[0], pair => pair[1..]);
}
