// Step 4 of extraction: who is the speaker a phrase names? In the words of an attribution it looks for, in
// order of trust: a known official's name, alias, native name or surname; a role phrase, meaning whoever held
// that role on the article's date (or, for a bare "the minister", the official the article last named who
// holds it); a pronoun, meaning someone a sentence has opened with since the last statement or else the last
// speaker of a compatible gender; a name not in the database; a noun for a person ("a senior European
// diplomat"), or a definite one ("the diplomat") that refers back. Institutions and places ("the Kremlin",
// "Moscow") are not officials: no speaker. Statements are resolved in text order, so that pronouns and second
// references look back.
using System.Collections.Frozen;

namespace Statements.Api.Extraction;

/// <summary>A resolved speaker: an official (OfficialId) or someone the database does not know (the name as written).</summary>
public sealed record ResolvedSpeaker(long? OfficialId, string Name, SpeakerMatch MatchedBy);

public sealed class SpeakerResolver
{
    private const int PronounLookBack = 4;

    private static readonly HashSet<string> ObjectMarkers =
    [
        "with", "to", "by", "for", "from", "about", "against", "of", "on", "at", "in", "toward", "towards", "between",
        "among", "met", "meet", "meets", "meeting", "called", "urged", "told", "asked", "accused", "criticised",
        "criticized", "praised", "thanked", "replaced", "succeeded", "like", "than", "whom", "including", "versus", "vs",
        "unlike", "under", "over", "reassure", "thank", "meet", "join", "visit", "accompany", "urge", "criticise", "criticize",
        "praise", "blame", "attack", "support", "back", "replace", "succeed", "warn", "tell", "ask", "call", "after", "before",
        "whether", "if", "beside", "behind", "near", "alongside", "next", "opposite", "across", "around", "into", "onto",
        "upon", "without", "within", "through", "throughout", "despite", "during", "until", "along", "via", "per",
    ];

    private static readonly HashSet<string> FormerMarkers = ["former", "ex", "then", "previous", "late", "erstwhile"];

    private enum MentionKind { Name, Role, Pronoun, UnknownName, PersonNoun }

    private sealed record Mention(MentionKind Kind, int First, int Count, TextSpan Span)
    {
        public IReadOnlyList<NameEntry> Names { get; init; } = [];
        public IReadOnlyList<RoleEntry> Roles { get; init; } = [];
        public string? Written { get; init; }
        public string? Head { get; init; }
        public int Last => First + Count - 1;
    }

    /// <summary>Someone who has spoken in the article, with what the text has shown of their gender.</summary>
    private sealed class Entity(long? officialId, string name)
    {
        public long? OfficialId { get; } = officialId;
        public string Name { get; } = name;
        public char Gender { get; set; } = '?';
        public bool Is(long? id, string name) => id is null ? OfficialId is null && Name == name : OfficialId == id;
    }

    private const int SubjectWords = 12;
    private const int MentionLookBack = 300;

    private readonly SpeakerDirectory directory;
    private readonly string text;
    private readonly DateOnly onDate;
    private readonly List<(int Position, long OfficialId)> mentions = [];
    private readonly List<(int Position, ResolvedSpeaker Speaker, char Gender)> subjects = [];
    private readonly List<int> sentenceStarts = [];
    private readonly List<Entity> speakers = [];
    private readonly Dictionary<string, string> unknownBySurname = new(StringComparer.Ordinal);
    // Where the text first gives an official's surname to someone else, and where it first names each official in full.
    private readonly Dictionary<string, int> otherPersons = new(StringComparer.Ordinal);
    private readonly Dictionary<long, int> namedInFull = [];
    // The first word of each official's name given in full: "Bayu says", as Indonesian papers write after "Bayu Widyatmoko".
    // Null when two officials named in the text share it.
    private readonly Dictionary<string, NameEntry?> byFirstName = new(StringComparer.Ordinal);
    private int lastResolvedAt = -1;

    /// <param name="sentences">Sentences whose subject may be a pronoun's antecedent ("Hausmann accused … „…,“ he said").</param>
    /// <param name="quotes">Quoted words, which are never a sentence's subject.</param>
    public SpeakerResolver(SpeakerDirectory directory, string text, DateOnly onDate, IReadOnlyList<Sentence>? sentences = null, IReadOnlyList<QuotedSpan>? quotes = null)
    {
        this.directory = directory;
        this.text = text;
        this.onDate = onDate;
        var tokens = Tokenizer.Tokenize(text);
        foreach (var match in directory.Names.FindAll(tokens, (first, count) => AllCapitalized(tokens, first, count)))
        {
            if (IsOtherPersonsName(tokens, match))
            {
                otherPersons.TryAdd(tokens[match.First + match.Count - 1].Key, tokens[match.First].Start);
                continue;
            }
            if (!match.Values.All(v => v.IsShort))
            {
                foreach (var value in match.Values)
                {
                    namedInFull.TryAdd(value.OfficialId, tokens[match.First].Start);
                }
                NoteFirstName(tokens, match);
            }
            if (IsShadowed(tokens, match))
            {
                continue;
            }
            var ids = match.Values.Select(v => v.OfficialId).Distinct().ToList();
            if (ids.Count == 1)
            {
                mentions.Add((tokens[match.First].Start, ids[0]));
            }
        }
        var q = 0;
        quotes ??= [];
        foreach (var sentence in sentences ?? [])
        {
            sentenceStarts.Add(sentence.Span.Start);
            while (q < quotes.Count && quotes[q].Outer.End <= sentence.Span.Start)
            {
                q++;
            }
            if (!sentence.InHeading && text[sentence.Span.End - 1] != '?' && WordsBeforeQuote(sentence, quotes, q) is { } before
                && WithoutOpeningAdjunct(before) is { Count: > 0 } words
                && (SubjectOf(words, sentence.Span.Start) ?? SoleNamed(words, sentence.Span.Start)) is { } subject)
            {
                subjects.Add(subject);
            }
        }
    }

    /// <summary>The words of a sentence before its first quote; null when it starts inside one.</summary>
    private List<Token>? WordsBeforeQuote(Sentence sentence, IReadOnlyList<QuotedSpan> quotes, int firstQuote)
    {
        var end = sentence.Span.End;
        for (var k = firstQuote; k < quotes.Count && quotes[k].Outer.Start < sentence.Span.End; k++)
        {
            if (quotes[k].Outer.Contains(sentence.Span.Start))
            {
                return null;
            }
            if (quotes[k].Outer.Start >= sentence.Span.Start)
            {
                end = quotes[k].Outer.Start;
                break;
            }
        }
        return Tokenizer.Tokenize(text, sentence.Span.Start, end);
    }

    /// <summary>
    /// The words after an opening adjunct, which holds no subject: "Speaking at Camp Aguinaldo last week, the former general
    /// …", "After the vote, …". The adjunct opens with a participle or a preposition and ends at the first comma.
    /// </summary>
    private List<Token> WithoutOpeningAdjunct(List<Token> words)
    {
        if (words.Count < 3 || !words[0].IsCapitalized || !IsAdjunctOpener(words))
        {
            return words;
        }
        for (var k = 1; k < words.Count; k++)
        {
            if (text.AsSpan(words[k - 1].End, words[k].Start - words[k - 1].End).Contains(','))
            {
                return words[k..];
            }
        }
        return words;
    }

    /// <summary>
    /// "At …", "During …" (not the title "Under Secretary …"); or a participle and its preposition or object: "Speaking
    /// at …", "Addressing the …" (not a name in -ing and its apposition: "Kettering, asked by reporters …").
    /// </summary>
    private bool IsAdjunctOpener(List<Token> words) =>
        (ObjectMarkers.Contains(words[0].Key) && !Lexicon.Titles.Contains(words[0].Key))
        || (words[0].Key.Length > 5 && words[0].Key.EndsWith("ing", StringComparison.Ordinal) && !words[1].IsCapitalized
            && !Clauses.BreaksPhrase(text, words[0].End, words[1].Start)
            && (ObjectMarkers.Contains(words[1].Key) || Lexicon.Determiners.Contains(words[1].Key)));

    /// <summary>
    /// In a sentence whose subject is no person, the one person it names: "The announcement drew an angry response from
    /// Owen Pritchard, … He said …".
    /// </summary>
    private (int, ResolvedSpeaker, char)? SoleNamed(List<Token> words, int sentenceStart)
    {
        var named = FindMentions(words).Where(m => m.Kind is MentionKind.Name or MentionKind.UnknownName).ToList();
        if (named.Count != 1)
        {
            return null;
        }
        var speaker = Speak(words, named[0], sentenceStart);
        return speaker is null ? null : (sentenceStart, speaker, GenderNear(words, named[0]));
    }

    /// <summary>The person a sentence opens with, before its first quote or verb: a pronoun may refer to them.</summary>
    private (int, ResolvedSpeaker, char)? SubjectOf(List<Token> words, int sentenceStart)
    {
        if (words.Count > 2 && Lexicon.Subordinators.Contains(words[0].Key))
        {
            // "When an opposition lawmaker asked …, the governor shook his head": the main clause's subject, after the comma.
            var main = Enumerable.Range(1, words.Count - 1).FirstOrDefault(k => text.AsSpan(words[k - 1].End, words[k].Start - words[k - 1].End).Contains(','));
            if (main == 0)
            {
                return null;
            }
            words = words[main..];
        }
        var verb = words.FindIndex(t => !t.IsCapitalized && (Lexicon.QuoteVerbs.Contains(t.Key) || Lexicon.Auxiliaries.Contains(t.Key)));
        var take = Math.Min(verb < 0 ? words.Count : verb, SubjectWords);
        while (take < words.Count && take > 0 && IsNameWord(words[take]) && IsNameWord(words[take - 1])
            && !Clauses.BreaksPhrase(text, words[take - 1].End, words[take].Start))
        {
            take++; // a name is not cut in two where the subject's words run out
        }
        List<Token> tokens = [.. words.Take(take)];
        if (tokens.Count == 0)
        {
            return null;
        }
        var chosen = Choose(tokens, FindMentions(tokens), beforeVerb: false);
        if (chosen is null || chosen.Kind is MentionKind.Pronoun || IsPlural(chosen)
            || (chosen.Kind is MentionKind.PersonNoun && IsDefiniteSingular(tokens, chosen)))
        {
            return null;
        }
        var speaker = Speak(tokens, chosen, sentenceStart);
        if (speaker is null || (chosen.Kind is MentionKind.Role && speaker.OfficialId is null && IsDefiniteRole(speaker)))
        {
            return null; // "the former general" that is no official of ours refers back, like "the diplomat"
        }
        return (sentenceStart, speaker, GenderNear(tokens, chosen));
    }

    private static bool IsDefiniteRole(ResolvedSpeaker speaker) => speaker.Name.StartsWith("the ", StringComparison.OrdinalIgnoreCase);

    /// <summary>The speaker the phrase names, or null when it names no person (an institution, a place, nothing).</summary>
    public ResolvedSpeaker? Resolve(SpeakerPhrase phrase)
    {
        var tokens = Tokenizer.Tokenize(text, phrase.Span.Start, phrase.Span.End);
        if (tokens.Count == 0)
        {
            return null;
        }
        if (tokens is [{ Key: "a" }] && phrase.Span.Length == 1)
        {
            // "A:" in an interview transcript: the person being interviewed, who answered before; for the first answer,
            // the official the introduction named ("Kerr was asked about …") or else whom it was about ("In an interview,
            // Villaseñor-Cruz spoke about the sea."), rather than whoever was quoted last before the interview.
            answerer ??= LastNamed(phrase.Span.Start) ?? LastSubject(phrase.Span.Start) ?? Previous();
            return Keep(answerer, '?');
        }
        var chosen = Choose(tokens, FindMentions(tokens), phrase.BeforeVerb);
        if (chosen is null)
        {
            return null;
        }
        var resolved = Speak(tokens, chosen, phrase.Span.Start);
        if (resolved is null || (phrase.KnownOnly && resolved.OfficialId is null))
        {
            return null;
        }
        lastResolvedAt = phrase.Span.Start;
        return Keep(resolved, IsPlural(chosen) ? 'p' : GenderNear(tokens, chosen));
    }

    private ResolvedSpeaker? answerer;

    private ResolvedSpeaker? Keep(ResolvedSpeaker? speaker, char gender)
    {
        if (speaker is not null)
        {
            Remember(speaker, gender);
        }
        return speaker;
    }

    private ResolvedSpeaker? Speak(List<Token> tokens, Mention chosen, int position) => chosen.Kind switch
    {
        MentionKind.Name => FromName(chosen, position),
        MentionKind.Role => FromRole(tokens, chosen, position),
        MentionKind.Pronoun => FromPronoun(tokens[chosen.First].Key, position),
        MentionKind.PersonNoun when IsDefiniteSingular(tokens, chosen) && speakers.Count > 0 => ReferBack(tokens, chosen, position),
        _ => new ResolvedSpeaker(null, chosen.Written!, SpeakerMatch.Unknown),
    };

    /// <summary>
    /// "the diplomat" refers back to whoever spoke; "the president" only to an official who holds an office of that name,
    /// not to a Vice-President or a foreign minister who spoke last.
    /// </summary>
    private ResolvedSpeaker? ReferBack(List<Token> tokens, Mention mention, int position)
    {
        var back = FromPronoun("they", position);
        if (back?.OfficialId is not { } id || !RolePhrases.OfficeNouns.Contains(mention.Head!))
        {
            return back;
        }
        var head = tokens.FindIndex(mention.First, mention.Count, t => t.Key == mention.Head);
        var holds = directory.Roles.LongestAt(tokens, head) is { Count: 1 } office && office.Values.Any(r => r.OfficialId == id);
        return holds ? back : new ResolvedSpeaker(null, mention.Written!, SpeakerMatch.Unknown);
    }

    /// <summary>
    /// "the diplomat", "the official", "the former Kenyan diplomat": a definite description of one person refers back to
    /// someone already speaking ("the spokesman for the ministry" only when short).
    /// </summary>
    private static bool IsDefiniteSingular(List<Token> tokens, Mention mention) =>
        tokens[mention.First].Key == "the" && !IsPlural(mention)
        && (mention.Count <= 3 || (mention.Count <= 5 && tokens[mention.First + mention.Count - 1].Key == mention.Head));

    private static bool IsPlural(Mention mention) =>
        mention.Kind == MentionKind.PersonNoun && mention.Head is { } head
        && (head is "people" or "men" or "women" or "spokespeople" || (head.EndsWith('s') && Tokenizer.Fold(head) != head));

    /// <summary>For a quote with no attribution: whoever spoke last, as a back-reference.</summary>
    public ResolvedSpeaker? Previous() =>
        speakers.Count == 0 ? null : new ResolvedSpeaker(speakers[^1].OfficialId, speakers[^1].Name, SpeakerMatch.Pronoun);

    private List<Mention> FindMentions(List<Token> tokens)
    {
        var found = new List<Mention>();
        var covered = new bool[tokens.Count];
        for (var i = 0; i < tokens.Count;)
        {
            var name = directory.Names.LongestAt(tokens, i, (first, count) => AllCapitalized(tokens, first, count));
            // "the assistant secretary-general" holds another office than the Secretary-General (whose own title, had it
            // been his, would have matched from "assistant" on).
            var role = i > 0 && RolePhrases.OtherOffice.Contains(tokens[i - 1].Key) ? null : directory.Roles.LongestAt(tokens, i);
            if (name is { } n && (role is null || n.Count >= role.Value.Count) && !IsOtherPersonsName(tokens, n) && !IsShadowed(tokens, n))
            {
                found.Add(new Mention(MentionKind.Name, i, n.Count, SpanOf(tokens, i, n.Count)) { Names = n.Values });
            }
            else if (role is { } r)
            {
                found.Add(new Mention(MentionKind.Role, i, r.Count, SpanOf(tokens, i, r.Count)) { Roles = r.Values });
            }
            else if (FirstNameAt(tokens, i) is { } entry)
            {
                found.Add(new Mention(MentionKind.Name, i, 1, SpanOf(tokens, i, 1)) { Names = [entry] });
            }
            else
            {
                i++;
                continue;
            }
            for (var k = i; k < i + found[^1].Count; k++)
            {
                covered[k] = true;
            }
            i += found[^1].Count;
        }
        for (var i = 0; i < tokens.Count; i++)
        {
            var key = tokens[i].Key;
            if (!covered[i] && Lexicon.Pronouns.Contains(key) && IsLastOfPhrase(tokens, i))
            {
                found.Add(new Mention(MentionKind.Pronoun, i, 1, SpanOf(tokens, i, 1)));
                covered[i] = true;
            }
        }
        FindUnknownNames(tokens, covered, found);
        FindPersonNouns(tokens, covered, found);
        found.Sort((a, b) => a.First.CompareTo(b.First));
        return found;
    }

    /// <summary>Names not in the database: two or more capitalised words (Jean Dupont), a title and a name (Mr Grant), or a surname seen in full before.</summary>
    private void FindUnknownNames(List<Token> tokens, bool[] covered, List<Mention> found)
    {
        for (var i = 0; i < tokens.Count;)
        {
            if (covered[i] || !IsNameWord(tokens[i]))
            {
                i++;
                continue;
            }
            var end = i + 1;
            while (end < tokens.Count && !covered[end] && !Clauses.BreaksPhrase(text, tokens[end - 1].End, tokens[end].Start, allowInitial: true)
                && (IsNameWord(tokens[end]) || ParticlesBeforeName(tokens, end)))
            {
                end++;
            }
            if (OrganisationEnd(tokens, end) is var organisationEnd and > 0)
            {
                // King Saud University, Downing Street, the International Boundary and Water Commission: not a person.
                for (var k = i; k < organisationEnd; k++)
                {
                    covered[k] = true;
                }
                i = organisationEnd;
                continue;
            }
            if (i > 0 && !tokens[i - 1].IsCapitalized && Lexicon.Institutions.Contains(tokens[i - 1].Key)
                && !Clauses.BreaksPhrase(text, tokens[i - 1].End, tokens[i].Start))
            {
                for (var k = i; k < end; k++)
                {
                    covered[k] = true; // "the civil society group Bantay Pondo": the group's name
                }
                i = end;
                continue;
            }
            if (IsPluralPossessive(tokens, end - 1))
            {
                i = end; // "the German Greens’ lead negotiator": a group's, not a name; the person noun takes it in
                continue;
            }
            if (IsNamedOrganisation(tokens, i, end))
            {
                // Not a name either way; but "the Red Cross official" is a person, found among the person nouns.
                if (!IsFollowedByPersonNoun(tokens, end))
                {
                    for (var k = i; k < end; k++)
                    {
                        covered[k] = true;
                    }
                }
                i = end;
                continue;
            }
            var count = end - i;
            var span = SpanOf(tokens, i, count);
            var written = span.Of(text);
            var titled = i > 0 && tokens[i - 1].IsCapitalized && Lexicon.Honorifics.Contains(tokens[i - 1].Key);
            if (DescriptionStart(tokens, i) is var described and >= 0 && IsPartisanNoun(tokens[end - 1].Key)
                && (end >= tokens.Count || !Lexicon.Institutions.Contains(tokens[end].Key)) && (tokens[described].Key == "the" || count >= 2))
            {
                // "the Ohio Republican", "a German Social Democrat": a description of someone, not a name. ("a Democrat who
                // …" alone would be no mention at all, and is left so: it is not to stand between a name and its clause.)
                var description = SpanOf(tokens, described, end - described);
                found.Add(new Mention(MentionKind.PersonNoun, described, end - described, description) { Written = description.Of(text), Head = tokens[end - 1].Key });
            }
            else if (count >= 2)
            {
                // A later mention may give any of the names after the first: Alcántar of Salvador Alcántar Ríos.
                for (var k = i + 1; k < end; k++)
                {
                    if (!Lexicon.NameParticles.Contains(tokens[k].Key))
                    {
                        unknownBySurname.TryAdd(tokens[k].Key, written);
                    }
                }
                found.Add(new Mention(MentionKind.UnknownName, i, count, span) { Written = written });
            }
            else if (unknownBySurname.TryGetValue(tokens[i].Key, out var full))
            {
                found.Add(new Mention(MentionKind.UnknownName, i, 1, span) { Written = full });
            }
            else if (titled)
            {
                found.Add(new Mention(MentionKind.UnknownName, i, 1, span) { Written = written });
            }
            if (found.Count > 0 && found[^1].Last == end - 1)
            {
                for (var k = i; k < end; k++)
                {
                    covered[k] = true;
                }
            }
            i = end;
        }
    }

    /// <summary>
    /// The article that opens a description before the name words at i, past the places that qualify it: "the" in "the
    /// Ohio Republican", "a" in "a German Social Democrat"; or -1.
    /// </summary>
    private int DescriptionStart(List<Token> tokens, int i)
    {
        var j = i - 1;
        while (j >= 0 && i - j <= 2 && tokens[j].IsCapitalized && Countries.PlaceWords.Contains(tokens[j].Key))
        {
            j--;
        }
        return j >= 0 && tokens[j].Key is "the" or "a" or "an" && !Clauses.BreaksPhrase(text, tokens[j].End, tokens[i].Start) ? j : -1;
    }

    /// <summary>
    /// Two or more capitalised words after "the": "the American Red Cross", "the Sierra Club". A person's name takes no
    /// article, so these name an organisation, even when their last word may be a surname (Cross); "the Ohio
    /// Republican" describes a person by party.
    /// </summary>
    private bool IsNamedOrganisation(List<Token> tokens, int i, int end) =>
        DescriptionStart(tokens, i) is var described and >= 0 && tokens[described].Key == "the" && end - described >= 3
        && !IsPartisanNoun(tokens[end - 1].Key);

    private static bool IsFollowedByPersonNoun(List<Token> tokens, int end) => end < tokens.Count && Lexicon.PersonNouns.Contains(tokens[end].Key);

    /// <summary>"van der" in Marc van der Woude, "bin" in Faisal bin Khalid: particles, then a name word.</summary>
    private static bool ParticlesBeforeName(List<Token> tokens, int at)
    {
        var k = at;
        while (k < tokens.Count && k - at < 3 && Lexicon.NameParticles.Contains(tokens[k].Key))
        {
            k++;
        }
        return k > at && k < tokens.Count && IsNameWord(tokens[k]);
    }

    /// <summary>
    /// Past the capitalised institution word that a run of name words ending before <paramref name="end"/> is part of
    /// ("Saud University", "Downing Street", "Boundary and Water Commission"), or -1 when the run stands alone.
    /// </summary>
    private int OrganisationEnd(List<Token> tokens, int end)
    {
        for (var j = end; j < tokens.Count && !Clauses.BreaksPhrase(text, tokens[j - 1].End, tokens[j].Start); j++)
        {
            if ((tokens[j].IsCapitalized && Lexicon.Institutions.Contains(tokens[j].Key)) || (j == end && !tokens[j].IsCapitalized && FacilityNouns.Contains(tokens[j].Key)))
            {
                return j + 1; // "the Nuevos Ministerios complex" too: a place
            }
            var and = tokens[j].Key == "and" && j + 1 < tokens.Count && IsNameWord(tokens[j + 1]);
            var afterAnd = tokens[j - 1].Key == "and" && IsNameWord(tokens[j]);
            if (!and && !afterAnd)
            {
                return -1;
            }
        }
        return -1;
    }

    /// <summary>Common nouns of places that a name before them qualifies: "the Nuevos Ministerios complex".</summary>
    private static readonly FrozenSet<string> FacilityNouns = FrozenSet.ToFrozenSet(
        ["complex", "compound", "building", "buildings", "headquarters", "campus", "estate", "airport", "stadium", "arena",
         "residence", "palace", "auditorium", "hotel", "district", "neighbourhood", "neighborhood"], StringComparer.Ordinal);

    /// <summary>Nouns that describe a person by party or origin: Republican, Democrat, Conservative, Socialist, Tory.</summary>
    private static bool IsPartisanNoun(string key) =>
        key is "tory" or "briton" or "republican" or "democrat"
        || key.EndsWith("crat", StringComparison.Ordinal) || key.EndsWith("ist", StringComparison.Ordinal)
        || key.EndsWith("ive", StringComparison.Ordinal) || key.EndsWith("ican", StringComparison.Ordinal);

    private static bool IsNameWord(Token token) =>
        token.IsCapitalized && token.End - token.Start > 1 && token.Key is not ("one" or "two" or "three" or "several" or "some" or "another")
        && !Lexicon.NotNames.Contains(token.Key) && !Lexicon.Titles.Contains(token.Key) && !Lexicon.Institutions.Contains(token.Key)
        && !Countries.PlaceWords.Contains(token.Key) && !Lexicon.Pronouns.Contains(token.Key) && !Lexicon.PersonNouns.Contains(token.Key);

    /// <summary>"a senior European diplomat", "officials", "a spokesman for the ministry": people the text does not name.</summary>
    private void FindPersonNouns(List<Token> tokens, bool[] covered, List<Mention> found)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            if (covered[i] || !Lexicon.PersonNouns.Contains(tokens[i].Key) || IsModifierOfNextNoun(tokens, i) || IsPossessiveAt(tokens, i))
            {
                continue; // "government official" is an official; "the People’s Party spokesman" is no "people"
            }
            var first = i;
            while (first > 0 && i - first < 5 && !covered[first - 1]
                && (!Clauses.BreaksPhrase(text, tokens[first - 1].End, tokens[first].Start) || IsPluralPossessive(tokens, first - 1))
                && !ObjectMarkers.Contains(tokens[first - 1].Key) && !Lexicon.QuoteVerbs.Contains(tokens[first - 1].Key) && tokens[first - 1].Key != "and")
            {
                first--;
                if (Lexicon.Determiners.Contains(tokens[first].Key))
                {
                    break;
                }
            }
            if (first > 0 && tokens[first].Key == "s" && tokens[first].Start - tokens[first - 1].End == 1
                && text[tokens[first - 1].End] is '\'' or '’')
            {
                first--; // "Costa's spokesperson": the possessor belongs to the phrase
            }
            var last = i;
            if (i + 1 < tokens.Count && tokens[i + 1].Key is "for" or "of" or "on" or "at" or "close" or "familiar" or "from" or "with" or "in"
                && !Clauses.BreaksPhrase(text, tokens[i].End, tokens[i + 1].Start))
            {
                last = i + 1;
                while (last + 1 < tokens.Count && last - i < 6 && !Clauses.BreaksPhrase(text, tokens[last].End, tokens[last + 1].Start)
                    && !IsVerbLike(tokens[last + 1]))
                {
                    last++;
                }
            }
            var span = SpanOf(tokens, first, last - first + 1);
            found.Add(new Mention(MentionKind.PersonNoun, first, last - first + 1, span) { Written = span.Of(text), Head = tokens[i].Key });
            for (var k = first; k <= last; k++)
            {
                covered[k] = true;
            }
            i = last;
        }
    }

    private static bool IsVerbLike(Token token) =>
        !token.IsCapitalized && (Lexicon.QuoteVerbs.Contains(token.Key) || Lexicon.ReportingVerbs.Contains(token.Key)
            || Lexicon.Auxiliaries.Contains(token.Key) || token.Key is "who" or "which" or "that");

    /// <summary>
    /// A person noun right before another noun modifies it: "government official" is an official, "farmers' unions"
    /// are unions (an organisation, so not a speaker).
    /// </summary>
    private static bool IsModifierOfNextNoun(List<Token> tokens, int i) =>
        i + 1 < tokens.Count && tokens[i + 1].Start - tokens[i].End <= 2
        && (Lexicon.PersonNouns.Contains(tokens[i + 1].Key) || Lexicon.Institutions.Contains(tokens[i + 1].Key));

    /// <summary>
    /// Picks the speaker among the mentions. Before a verb the subject is the last mention that is neither an object
    /// (with Lavrov, met Lavrov) nor a possessor (Lavrov's aide); after a verb, the first. A role or a noun next to a
    /// name is that name's apposition (Lavrov, the Russian foreign minister): the name wins.
    /// </summary>
    private Mention? Choose(List<Token> tokens, List<Mention> found, bool beforeVerb)
    {
        // Not what brackets hold after a name: "Heráclito Damasceno (PSD-MG), said" (party and state).
        var candidates = found.Where(m => !IsObject(tokens, m) && !IsPossessor(tokens, m) && !InBrackets(m)).ToList();
        var relative = tokens.FindIndex(t => t.Key is "who" or "which" or "whose" or "whom");
        if (beforeVerb && relative > 0 && candidates.Any(m => m.Last < relative))
        {
            // "Hale, who was sitting beside the Prime Minister, told …": the relative clause is about the subject.
            candidates = [.. candidates.Where(m => m.Last < relative)];
        }
        if (candidates.Count == 0)
        {
            return null;
        }
        var chosen = beforeVerb ? candidates[^1] : candidates[0];
        if (chosen.Kind is MentionKind.Role or MentionKind.PersonNoun)
        {
            var index = candidates.IndexOf(chosen);
            return NameInApposition(tokens, candidates, index, -1) ?? NameInApposition(tokens, candidates, index, +1) ?? chosen;
        }
        return chosen;
    }

    private void NoteFirstName(List<Token> tokens, PhraseMatch<NameEntry> match)
    {
        var ids = match.Values.Select(v => v.OfficialId).Distinct().ToList();
        var first = tokens[match.First];
        if (match.Count < 2 || !first.IsCapitalized || Lexicon.NotNames.Contains(first.Key) || Lexicon.NameParticles.Contains(first.Key))
        {
            return;
        }
        var entry = ids.Count == 1 ? new NameEntry(ids[0], SpeakerMatch.Name, IsShort: true) : null;
        byFirstName[first.Key] = byFirstName.TryGetValue(first.Key, out var known) && known?.OfficialId != entry?.OfficialId ? null : entry;
    }

    /// <summary>A first name alone, after the official's full name, and not the start of another name.</summary>
    private NameEntry? FirstNameAt(List<Token> tokens, int i) =>
        tokens[i].IsCapitalized && byFirstName.TryGetValue(tokens[i].Key, out var entry) && entry is not null
        && namedInFull.TryGetValue(entry.OfficialId, out var at) && at < tokens[i].Start
        && (i + 1 >= tokens.Count || !tokens[i + 1].IsCapitalized || Clauses.BreaksPhrase(text, tokens[i].End, tokens[i + 1].Start))
            ? entry
            : null;

    private bool InBrackets(Mention mention) =>
        mention.Span.Start > 0 && text[mention.Span.Start - 1] == '(' && mention.Span.End < text.Length && text[mention.Span.End] == ')';

    /// <summary>
    /// The name that descriptions in apposition lead to, one after another in the direction step: "The summit president,
    /// Turkey’s environment minister Selin Aydoğan"; "Katharina Schöllhorn, a German Social Democrat member of …".
    /// </summary>
    private Mention? NameInApposition(List<Token> tokens, List<Mention> candidates, int index, int step)
    {
        for (var k = index + step; k >= 0 && k < candidates.Count && IsApposition(tokens, candidates[k], candidates[k - step]); k += step)
        {
            if (candidates[k].Kind is MentionKind.Name or MentionKind.UnknownName)
            {
                return candidates[k];
            }
        }
        return null;
    }

    /// <summary>Only spaces, commas, determiners and titles between the two mentions, or a role's complement and a comma.</summary>
    private bool IsApposition(List<Token> tokens, Mention a, Mention b)
    {
        var (left, right) = a.First < b.First ? (a, b) : (b, a);
        if (IsRoleWithComplement(tokens, left, right))
        {
            return true;
        }
        // A description may run to more words when it opens with a determiner: "Paul Reddy, the union's Haverleigh branch secretary",
        // or with "one of": "Sheila Dombrowski, one of the three members".
        var start = left.Last + 1;
        if (start + 1 < right.First && tokens[start].Key == "one" && tokens[start + 1].Key == "of")
        {
            start += 2;
        }
        var determined = start < right.First && Lexicon.Determiners.Contains(tokens[start].Key);
        if (right.First - start > (determined ? 6 : 4))
        {
            return false;
        }
        var afterDeterminer = false;
        for (var k = start; k < right.First; k++)
        {
            if (!Lexicon.Determiners.Contains(tokens[k].Key) && !Lexicon.Titles.Contains(tokens[k].Key) && !Countries.PlaceWords.Contains(tokens[k].Key)
                // Capitalised words after a determiner qualify the noun that follows: "the People’s Party spokesman".
                && ((tokens[k].IsCapitalized && !Lexicon.NotNames.Contains(tokens[k].Key) && !afterDeterminer)
                    || ObjectMarkers.Contains(tokens[k].Key) || IsVerbLike(tokens[k])))
            {
                return false;
            }
            afterDeterminer |= Lexicon.Determiners.Contains(tokens[k].Key);
        }
        for (var i = left.Span.End; i < right.Span.Start; i++)
        {
            // Brackets hold an abbreviation: "a Democratic Party (PD) member of the culture committee".
            if (text[i] is not (',' or ' ' or '\u00a0') && !char.IsLetter(text[i]) && text[i] is not ('\'' or '’' or '.' or '(' or ')'))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>
    /// "The chairperson of the AU Commission, Moussa Diallo Traoré", "Kenya's Cabinet Secretary for Foreign Affairs, Joseph
    /// Mwangi Karanja", "the assistant secretary-general for political affairs, Tarek Shalaby": a role or person noun, its
    /// complement with "of" or "for" naming an organisation or an office (in capitals, or in a few words with no verb),
    /// a comma, and the name.
    /// </summary>
    private bool IsRoleWithComplement(List<Token> tokens, Mention left, Mention right)
    {
        if (left.Kind is not (MentionKind.Role or MentionKind.PersonNoun) || right.Kind is not (MentionKind.Name or MentionKind.UnknownName)
            || right.First - left.Last - 1 is < 2 or > 8 || tokens[left.Last + 1].Key is not ("of" or "for"))
        {
            return false;
        }
        var fewWords = right.First - left.Last - 1 <= 4;
        for (var k = left.Last + 1; k < right.First; k++)
        {
            if (Clauses.BreaksPhrase(text, tokens[k - 1].End, tokens[k].Start)
                || (k > left.Last + 1 && !tokens[k].IsCapitalized && !Lexicon.Determiners.Contains(tokens[k].Key) && tokens[k].Key != "and"
                    && (!fewWords || IsVerbLike(tokens[k]) || ObjectMarkers.Contains(tokens[k].Key))))
            {
                return false;
            }
        }
        return text.AsSpan(tokens[right.First - 1].End, right.Span.Start - tokens[right.First - 1].End).Trim() is ",";
    }

    private bool IsObject(List<Token> tokens, Mention mention)
    {
        // "a close ally of the chancellor, Konrad Albers": a name in apposition to a title that is an object is one too.
        var first = mention.First;
        if (mention.Kind is MentionKind.Name or MentionKind.UnknownName && first > 1 && !tokens[first - 1].IsCapitalized
            && Lexicon.Titles.Contains(tokens[first - 1].Key) && text.AsSpan(tokens[first - 1].End, tokens[first].Start - tokens[first - 1].End).Trim() is ","
            && IsObjectAt(tokens, first - 1))
        {
            return true;
        }
        return IsObjectAt(tokens, first);
    }

    /// <summary>The words before tokens[first] make what starts there an object: "of the", "told", "met".</summary>
    private bool IsObjectAt(List<Token> tokens, int first)
    {
        var j = first - 1;
        var determined = false;
        while (j >= 0 && (Lexicon.Determiners.Contains(tokens[j].Key) || FormerMarkers.Contains(tokens[j].Key)
            || (!tokens[j].IsCapitalized && Lexicon.Titles.Contains(tokens[j].Key))) && !Clauses.BreaksPhrase(text, tokens[j].End, tokens[j + 1].Start))
        {
            determined |= Lexicon.Determiners.Contains(tokens[j].Key);
            j--;
        }
        if (j < 0 || Clauses.BreaksPhrase(text, tokens[j].End, tokens[j + 1].Start) || tokens[j].IsCapitalized)
        {
            return false;
        }
        var key = tokens[j].Key;
        if (key == "of" && j > 0 && tokens[j - 1].Key is "one" or "some" or "many" or "several" or "two" or "three" or "each" or "most"
            or "all" or "none" or "both" or "few" or "either" or "neither")
        {
            return false; // "one of the officials said": who speaks is among them
        }
        // After a determiner, or right before a title without one, a word in -ing or -ed describes the noun rather than
        // governs it: "the housing minister", "regional housing chief" (but "addressing the chief").
        var modifier = (j > 0 && Lexicon.Determiners.Contains(tokens[j - 1].Key))
            || (!determined && !tokens[j + 1].IsCapitalized && Lexicon.Titles.Contains(tokens[j + 1].Key));
        return ObjectMarkers.Contains(key) || Lexicon.QuoteVerbs.Contains(key) || Lexicon.ReportingVerbs.Contains(key)
            || (!modifier && key.Length > 3 && (key.EndsWith("ed", StringComparison.Ordinal) || key.EndsWith("ing", StringComparison.Ordinal)));
    }

    private bool IsPossessor(List<Token> tokens, Mention mention) =>
        mention.Kind is MentionKind.Name or MentionKind.UnknownName or MentionKind.Role && IsPossessiveAt(tokens, mention.Last);

    /// <summary>The word at i is a plural with the possessive apostrophe: "the German Greens’ lead negotiator".</summary>
    private bool IsPluralPossessive(List<Token> tokens, int i) =>
        i + 1 < tokens.Count && tokens[i].Key.EndsWith('s') && text.AsSpan(tokens[i].End, tokens[i + 1].Start - tokens[i].End).Trim() is "’" or "'";

    /// <summary>The word at i takes the possessive 's: "Lavrov's", "the People’s".</summary>
    private bool IsPossessiveAt(List<Token> tokens, int i) =>
        i + 1 < tokens.Count && tokens[i + 1].Key == "s" && text.AsSpan(tokens[i].End, tokens[i + 1].Start - tokens[i].End) is "'" or "’";

    /// <summary>
    /// Hunter Biden is not Joe Biden: a short name right after another capitalised first name is someone else's; so is
    /// one right before another name word (Faisal Al-Ibrahim is not Prince Faisal).
    /// </summary>
    private bool IsOtherPersonsName(List<Token> tokens, PhraseMatch<NameEntry> match)
    {
        if (!match.Values.All(v => v.IsShort))
        {
            return false;
        }
        var last = match.First + match.Count - 1;
        if (last + 1 < tokens.Count && IsNameWord(tokens[last + 1]) && !Clauses.BreaksPhrase(text, tokens[last].End, tokens[last + 1].Start))
        {
            return true;
        }
        if (match.First == 0)
        {
            return false;
        }
        var before = tokens[match.First - 1];
        return IsNameWord(before) && !Clauses.BreaksPhrase(text, before.End, tokens[match.First].Start) && directory.Roles.LongestAt(tokens, match.First - 1) is null;
    }

    /// <summary>
    /// An official's surname alone after the text gave it to someone else ("Senator Thomas Okafor" when the database
    /// knows a Daniel Okafor), and before the official is named in full: it is the other person's.
    /// </summary>
    private bool IsShadowed(List<Token> tokens, PhraseMatch<NameEntry> match)
    {
        if (!match.Values.All(v => v.IsShort))
        {
            return false;
        }
        var surname = tokens[match.First + match.Count - 1].Key;
        var at = tokens[match.First].Start;
        return otherPersons.TryGetValue(surname, out var given) && given < at
            && !match.Values.Any(v => namedInFull.TryGetValue(v.OfficialId, out var named) && named < at);
    }

    /// <summary>
    /// A pronoun ends the speaker's phrase ("he", "she too"), or opens the sentence a participle continues: "He said the
    /// talks went well, adding: '…'".
    /// </summary>
    private static bool IsLastOfPhrase(List<Token> tokens, int i) =>
        i == tokens.Count - 1 || tokens[i + 1].Key is "too" or "also" || (i == 0 && IsVerbLike(tokens[1]));

    private ResolvedSpeaker FromName(Mention mention, int position)
    {
        var ids = mention.Names.Select(n => n.OfficialId).ToHashSet();
        var id = ids.Count == 1 ? ids.First() : MostRecentlyMentioned(ids, position) ?? ids.Order().FirstOrDefault(HoldsRoleOnDate, ids.Min());
        var matchedBy = mention.Names.Any(n => n.OfficialId == id && n.MatchedBy == SpeakerMatch.Name) ? SpeakerMatch.Name : SpeakerMatch.Alias;
        return new ResolvedSpeaker(id, directory.Officials[id].Name, matchedBy);
    }

    private ResolvedSpeaker? FromRole(List<Token> tokens, Mention mention, int position)
    {
        var last = mention.First + mention.Count - 1;
        // "the governor-elect" holds no office yet: not whoever governs now.
        var elect = last + 1 < tokens.Count && tokens[last + 1].Key == "elect" && text[tokens[last].End] == '-';
        var former = mention.First > 0 && FormerMarkers.Contains(tokens[mention.First - 1].Key);
        var holders = elect ? [] : mention.Roles
            .Where(r => former ? r.End is { } end && end < onDate : r.HeldOn(onDate))
            .ToList();
        var ids = holders.Select(r => r.OfficialId).ToHashSet();
        var bare = holders.Count > 0 && holders.All(r => r.Bare);
        if (IsIndefinite(tokens, mention) || (bare && IsQualifiedByPlace(tokens, mention)))
        {
            // "a spokesman", "a foreign ministry spokesman" (one of several), and for a bare title "Qatar's prime minister",
            // "the Spanish foreign minister": not one of ours.
            ids.Clear();
        }
        long? id = ids.Count switch
        {
            0 => null,
            1 when !bare => ids.First(),
            _ when !bare => MostRecentlyMentioned(ids, position) ?? RecentSpeaker(ids) ?? ids.Min(),
            _ => MostRecentlyMentioned(ids, position) ?? RecentSpeaker(ids),
        };
        var definite = tokens[mention.First].Key == "the" || (mention.First > 0 && tokens[mention.First - 1].Key == "the");
        if (id is null && definite && speakers.Count > 0
            && (elect || (bare && mention.Count == 1 && Lexicon.PersonNouns.Contains(tokens[mention.First].Key))))
        {
            // "the governor-elect said", or "the chief said" when no chief of ours was named: whoever spoke, as for "the diplomat".
            return FromPronoun("they", position);
        }
        if (id is null)
        {
            return new ResolvedSpeaker(null, WrittenWithDeterminer(tokens, mention), SpeakerMatch.Unknown);
        }
        return new ResolvedSpeaker(id, directory.Officials[id.Value].Name, SpeakerMatch.Role);
    }

    private static bool IsIndefinite(List<Token> tokens, Mention mention)
    {
        for (var j = mention.First - 1; j >= 0 && j >= mention.First - 3; j--)
        {
            if (tokens[j].Key is "a" or "an" or "one" or "another")
            {
                return true;
            }
            if (Lexicon.Determiners.Contains(tokens[j].Key))
            {
                return false;
            }
        }
        return false;
    }

    private static bool IsQualifiedByPlace(List<Token> tokens, Mention mention)
    {
        var j = mention.First - 1;
        if (j >= 1 && tokens[j].Key == "s")
        {
            j--;
        }
        return j >= 0 && Countries.PlaceWords.Contains(tokens[j].Key) && tokens[j].IsCapitalized;
    }

    private ResolvedSpeaker? FromPronoun(string pronoun, int position)
    {
        var wanted = pronoun switch { "he" or "him" => 'm', "she" or "her" => 'f', _ => '?' };
        // Someone a sentence since the last statement opened with: "Hausmann accused the government. „…,“ he said."
        // Not the pronoun's own sentence, whose subject belongs to what is reported: "Every member must act, he said."
        var ownSentence = LastBefore(sentenceStarts.Count, k => sentenceStarts[k], position + 1) is var s and >= 0 ? sentenceStarts[s] : -1;
        for (var k = LastBefore(subjects.Count, k => subjects[k].Position, position); k >= 0; k--)
        {
            var (at, subject, subjectGender) = subjects[k];
            if (at <= lastResolvedAt)
            {
                break;
            }
            if (at == ownSentence)
            {
                continue;
            }
            if (Compatible(wanted, subjectGender))
            {
                Remember(subject, wanted);
                return subject with { MatchedBy = SpeakerMatch.Pronoun };
            }
        }
        for (var k = speakers.Count - 1; k >= Math.Max(0, speakers.Count - PronounLookBack); k--)
        {
            var entity = speakers[k];
            if (Compatible(wanted, entity.Gender))
            {
                if (wanted != '?')
                {
                    entity.Gender = wanted;
                }
                return new ResolvedSpeaker(entity.OfficialId, entity.Name, SpeakerMatch.Pronoun);
            }
        }
        if (speakers.Count > 0)
        {
            return new ResolvedSpeaker(speakers[^1].OfficialId, speakers[^1].Name, SpeakerMatch.Pronoun);
        }
        return LastNamed(position); // nobody has spoken yet
    }

    /// <summary>The person the last sentence before the position that opened with one opened with, as a back-reference.</summary>
    private ResolvedSpeaker? LastSubject(int position) =>
        LastBefore(subjects.Count, k => subjects[k].Position, position) is var k and >= 0 ? subjects[k].Speaker with { MatchedBy = SpeakerMatch.Pronoun } : null;

    /// <summary>The official the article last named before the position, as a back-reference.</summary>
    private ResolvedSpeaker? LastNamed(int position)
    {
        var k = LastBefore(mentions.Count, k => mentions[k].Position, position);
        if (k < 0)
        {
            return null;
        }
        var id = mentions[k].OfficialId;
        return new ResolvedSpeaker(id, directory.Officials[id].Name, SpeakerMatch.Pronoun);
    }

    /// <summary>The index of the last item (of count, sorted by position) before the position, or -1.</summary>
    private static int LastBefore(int count, Func<int, int> positionOf, int position)
    {
        int low = 0, high = count;
        while (low < high)
        {
            var mid = (low + high) / 2;
            if (positionOf(mid) < position)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }
        return low - 1;
    }

    /// <summary>he/she fit a speaker of that gender or of unknown gender, not a plural ('p'); they fits anyone.</summary>
    private static bool Compatible(char wanted, char gender) => wanted == '?' || gender == '?' || gender == wanted;

    private void Remember(ResolvedSpeaker speaker, char gender)
    {
        var index = speakers.FindIndex(e => e.Is(speaker.OfficialId, speaker.Name));
        var entity = index >= 0 ? speakers[index] : new Entity(speaker.OfficialId, speaker.Name);
        if (index >= 0)
        {
            speakers.RemoveAt(index);
        }
        if (gender != '?')
        {
            entity.Gender = gender;
        }
        speakers.Add(entity);
    }

    /// <summary>Mr/Mrs/Ms before a name, or spokeswoman/spokesman beside it.</summary>
    private static char GenderNear(List<Token> tokens, Mention mention)
    {
        var from = Math.Max(0, mention.First - 2);
        var to = Math.Min(tokens.Count - 1, mention.Last + 3);
        for (var k = from; k <= to; k++)
        {
            switch (tokens[k].Key)
            {
                case "mr" or "spokesman" or "chairman" or "man" or "father" or "king" or "prince" or "sir" or "lord" or "sheikh" or "congressman":
                    return 'm';
                case "mrs" or "ms" or "miss" or "spokeswoman" or "chairwoman" or "woman" or "mother" or "queen" or "princess" or "dame" or "lady" or "congresswoman":
                    return 'f';
            }
        }
        return '?';
    }

    /// <summary>Of the ids, the official named last before the position, looking back a few hundred names at most.</summary>
    private long? MostRecentlyMentioned(HashSet<long> ids, int position)
    {
        var last = LastBefore(mentions.Count, k => mentions[k].Position, position);
        for (var k = last; k >= 0 && k > last - MentionLookBack; k--)
        {
            if (ids.Contains(mentions[k].OfficialId))
            {
                return mentions[k].OfficialId;
            }
        }
        return null;
    }

    private long? RecentSpeaker(HashSet<long> ids)
    {
        for (var k = speakers.Count - 1; k >= 0; k--)
        {
            if (speakers[k].OfficialId is { } id && ids.Contains(id))
            {
                return id;
            }
        }
        return null;
    }

    private bool HoldsRoleOnDate(long id) =>
        directory.Officials[id].Roles.Any(r => (r.Start is null || r.Start <= onDate) && (r.End is null || r.End >= onDate));

    /// <summary>The role phrase as written, with its modifiers and determiner: "a State Department spokesperson".</summary>
    private string WrittenWithDeterminer(List<Token> tokens, Mention mention)
    {
        var first = mention.First;
        while (first > 0 && mention.First - first < 5 && !Clauses.BreaksPhrase(text, tokens[first - 1].End, tokens[first].Start)
            && !ObjectMarkers.Contains(tokens[first - 1].Key) && !IsVerbLike(tokens[first - 1]))
        {
            first--;
            if (Lexicon.Determiners.Contains(tokens[first].Key))
            {
                break;
            }
        }
        return new TextSpan(tokens[first].Start, mention.Span.End).Of(text);
    }

    private static TextSpan SpanOf(List<Token> tokens, int first, int count) => new(tokens[first].Start, tokens[first + count - 1].End);

    /// <summary>Names are written with capitals (lower-case particles such as von der aside): "price" is not Mr Price.</summary>
    private static bool AllCapitalized(IReadOnlyList<Token> tokens, int first, int count)
    {
        for (var k = first; k < first + count; k++)
        {
            if (!tokens[k].IsCapitalized && !Lexicon.NameParticles.Contains(tokens[k].Key))
            {
                return false;
            }
        }
        return true;
    }
}
