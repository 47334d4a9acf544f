// The words the extraction rules are written in: speech verbs, pronouns, titles, nouns for people, and the
// institutions that speak in news prose but are not officials. All keys are lower case, as Tokenizer makes them.
using System.Collections.Frozen;

namespace Statements.Api.Extraction;

public static class Lexicon
{
    /// <summary>Verbs that attribute a direct quote on either side of it: "…," Lavrov said / Lavrov said: "…".</summary>
    public static readonly FrozenSet<string> QuoteVerbs = Set("""
        say says said saying stated states adds added adding noted notes noting stressed stresses stressing
        told tells telling warned warns warning explained explains explaining emphasised emphasized emphasises emphasizes
        insisted insists insisting argued argues arguing continued continues remarked observed declared declaring
        announced asked asks asking replied replies responded answered wrote writes writing tweeted posted claimed
        concluded recalled recalls suggested suggests admitted admits acknowledged conceded concedes predicted promised
        vowed urged urges cautioned complained joked quipped shouted exclaimed reiterated reiterates repeated affirmed
        asserted maintained contended countered retorted confirmed commented mentioned underlined underscored assured
        reassured reminded revealed boasted blasted slammed fumed raged snapped scoffed sighed laughed mused thundered
        pleaded begged demanded agreed added insisting called jokes joking quips shouts shouting cried yelled whispered
        muttered interjected interrupted
        """);

    /// <summary>Verbs that introduce reported speech: "Lavrov said that …", "Blinken has repeatedly stated that …".</summary>
    public static readonly FrozenSet<string> ReportingVerbs = Set("""
        said says say saying stated state added adds adding noted noting stressed stresses stressing
        told tells telling warned warns warning explained explains explaining emphasised emphasized emphasises
        emphasizes emphasising emphasizing insisted insists insisting argued argues arguing remarked observed declared
        announced announces replied responded answered wrote writes tweeted claimed claiming concluded recalled
        recalls suggested suggests admitted admits acknowledged acknowledges conceded concedes predicted predicts
        promised cautioned complained reiterated reiterates reiterating repeated affirmed asserted asserts maintained
        maintains contended contends countered confirmed confirms underlined underscored assured reminded revealed
        writing posted posts signalled signaled hinted indicated alleged alleges alleging interjected retorted
        """);

    /// <summary>Nouns for words themselves, which a quote in apposition names rather than reports: "the phrase, “…”".</summary>
    public static readonly FrozenSet<string> WordsNouns = Set("""
        expression phrase term slogan motto catchphrase mantra refrain nickname idiom proverb hashtag
        """);

    /// <summary>Auxiliaries of the passive: "was told that", "were quoted by", "was agreed".</summary>
    public static readonly FrozenSet<string> PassiveAuxiliaries = Set("is are was were be been being");

    /// <summary>Conjunctions that open a subordinate clause: "When the lawmaker asked …, the governor …".</summary>
    public static readonly FrozenSet<string> Subordinators = Set("when as after before while once if although though because since until whenever");

    /// <summary>Speech verbs that take the hearer as an object before the clause: "told reporters that".</summary>
    public static readonly FrozenSet<string> VerbsWithHearer = Set("told tells telling assured reminded warned warns");

    /// <summary>Present participles that continue the sentence's speaker: "…, adding that …" / "…, saying: "…"".</summary>
    public static readonly FrozenSet<string> Participles = Set("""
        saying adding noting stressing warning explaining emphasising emphasizing insisting arguing claiming
        declaring telling asking reiterating
        """);

    /// <summary>
    /// Present participles of what a speaker did besides the words reported, which the reporter adds after a comma: "…,
    /// citing a dispute over coal", "…, pointing to the deficit", "…, declining to give details".
    /// </summary>
    public static readonly FrozenSet<string> AsideParticiples = Set("""
        citing referring pointing speaking describing calling blaming conceding acknowledging admitting declining
        refusing urging vowing pledging promising suggesting dismissing rejecting defending praising criticising
        criticizing welcoming echoing recalling repeating expressing voicing signalling signaling hinting appealing
        apologising apologizing laughing smiling gesturing reading answering responding replying addressing
        """);

    /// <summary>Words that turn a speech verb into its denial or refusal: not, never, didn't, refused to.</summary>
    public static readonly FrozenSet<string> Negations = Set("not never t no declined refused neither nor");

    /// <summary>Auxiliaries and adverbs that may stand between a speaker and the verb: "has repeatedly stated".</summary>
    public static readonly FrozenSet<string> Auxiliaries = Set("""
        has have had is was were will would also then later again further once previously earlier repeatedly
        publicly already often frequently recently separately privately simply only quickly flatly firmly bluntly
        curtly angrily openly reportedly long been has
        """);

    public static readonly FrozenSet<string> Pronouns = Set("he she they him her them");

    /// <summary>Honorifics and titles that may come before a person's name: Mr Grant, Senator Keane, Foreign Minister Lavrov.</summary>
    public static readonly FrozenSet<string> Titles = Set("""
        mr mrs ms miss dr prof professor sir dame lord lady senator sen rep representative congressman congresswoman
        governor gov mayor minister president chancellor premier ambassador general gen colonel col admiral judge
        justice secretary spokesman spokeswoman spokesperson deputy mp mep chairman chairwoman chair leader
        commissioner envoy foreign prime vice state defence defense finance interior top chief head former ex senior
        acting interim opposition analyst lawmaker activist economist expert director foreign affairs affair
        undersecretary under assistant press officer commander sheikh king queen prince princess pope cardinal
        bishop father rabbi imam rev reverend shri smt shrimati tmt thiru kumari
        """);

    /// <summary>Titles that stand right before a surname as a form of address: Mr Grant, Senator Keane, Dr Ahmed.</summary>
    public static readonly FrozenSet<string> Honorifics = Set("""
        mr mrs ms miss dr prof professor sir dame lord lady senator sen rep congressman congresswoman governor gov mayor
        minister president chancellor premier ambassador general gen colonel col admiral judge justice secretary
        spokesman spokeswoman spokesperson commissioner envoy sheikh king queen prince princess pope cardinal bishop
        father rabbi imam rev reverend economist analyst deputy chairman chairwoman director shri smt shrimati tmt thiru kumari
        """);

    /// <summary>Nouns for people: "a senior official", "the spokeswoman", "diplomats". A speaker not in the database needs one, or a name.</summary>
    public static readonly FrozenSet<string> PersonNouns = Set("""
        official officials spokesman spokeswoman spokesperson spokespeople diplomat diplomats source sources aide
        aides adviser advisers advisor advisors minister ministers secretary president analyst analysts expert
        experts lawmaker lawmakers senator senators mp mps legislator legislators negotiator negotiators envoy
        ambassador representative representatives member members leader leaders chief head director commander
        general officer officers economist economists researcher researchers professor activist activists resident
        residents witness witnesses observer observers critic critics campaigner campaigners politician politicians
        deputy mayor governor colleague counterpart counterparts person people insider insiders chancellor premier
        strategist strategists lawyer lawyers attorney judge spokespeople negotiator candidate candidates nominee nominees voter
        voters worker workers farmer farmers pensioner pensioners mother father man woman men women student
        students teacher veteran veterans chairman chairwoman diplomat commissioner delegate delegates whip whips
        backbencher backbenchers peer peers councillor councillors midwife midwives nurse nurses doctor doctors
        teachers parent parents patient patients employee employees executive executives manager managers tenant tenants
        neighbour neighbours neighbor neighbors landlord landlords owner owners survivor survivors firefighter firefighters
        protester protesters demonstrator demonstrators shopkeeper shopkeepers convenor convener maulana imam cleric clerics
        ayatollah rabbi cardinal archbishop bishop pastor opponent opponents supporter supporters trader traders investor
        investors banker bankers commissioners councilor councilors
        """);

    /// <summary>Organisations, places and documents: they "say" things in news prose, but are not people.</summary>
    public static readonly FrozenSet<string> Institutions = Set("""
        kremlin ministry ministries department government governments white house pentagon embassy office agency
        commission council parliament cabinet administration committee court army military police company bank
        newspaper report reports statement statements document documents letter data study survey poll website
        broadcaster channel network union party nato un eu opec imf alliance bloc state states country countries
        nation nations capital side organisation organization institute foundation group groups
        unions parties agencies companies banks offices summit conference talks forum meeting think tank
        university universities college school hospital museum academy centre center street palace
        service services authority authorities board bureau federation association society
        """);

    /// <summary>Transcript labels of the people who ask, not answer: their lines are not statements.</summary>
    public static readonly FrozenSet<string> AskingLabels = Set("""
        q question moderator host interviewer reporter journalist anchor correspondent participant audience
        operator presenter chair
        """);

    /// <summary>Words that begin a sentence without being a name: capitalised only because they come first.</summary>
    public static readonly FrozenSet<string> NotNames = Set("""
        the a an and but or so yet for in on at by to of from with as if when while after before since during
        however meanwhile nevertheless nonetheless moreover still also then there here this that these those it
        its he she they we i you his her their our my your speaking asked according earlier later today yesterday
        tomorrow monday tuesday wednesday thursday friday saturday sunday january february march april may june
        july august september october november december mr mrs ms dr sir no yes in are is was were do does did can
        could will would should shall must what who why how where which not all every some many most my your
        whatever whoever nobody everyone everybody nothing both each neither either
        """);

    /// <summary>
    /// Particles inside names, as keys (lower case, no accents): Ursula von der Leyen, Charles de Gaulle, Mohammed bin
    /// Salman, and the Irish Ní, Nic and Mac, which are capitalised (Siobhán Ní Bhriain).
    /// </summary>
    public static readonly FrozenSet<string> NameParticles = Set("von van der den de del della di da du la le bin al ibn dos das ter ni nic mac sta sto");

    /// <summary>Determiners and possessives that may open a noun phrase naming a speaker.</summary>
    public static readonly FrozenSet<string> Determiners = Set("the a an his her their its one some two three four five several many another this that these those our both all most few");

    /// <summary>Words after which a speaker phrase that follows its verb ends: "said Lavrov at a conference in Moscow".</summary>
    public static readonly FrozenSet<string> PhraseEnders = Set("""
        at in on during after before while when as who which whose adding saying noting told to from via with
        following ahead late earlier later yesterday today tonight this last that according and but because since in
        """).Union(AsideParticiples).ToFrozenSet(StringComparer.Ordinal);

    private static FrozenSet<string> Set(string words) =>
        words.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).ToFrozenSet(StringComparer.Ordinal);
}
