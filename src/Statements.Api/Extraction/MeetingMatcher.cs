// Step 6 of extraction: the meeting a statement was made at or is about. A sentence that speaks of a summit,
// talks or a meeting is scored against each meeting by what else it says: the meeting's title, its city, a
// date within it ("the June 16 meeting in Geneva"), its participants ("the Biden-Putin summit"), a word of its
// slug. A statement takes the meeting its own sentences point to; a statement that only says "the talks" takes
// the meeting the article as a whole is about, if there is exactly one.
using System.Collections.Frozen;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Statements.Api.Extraction;

/// <summary>What the article says about meetings: the best meeting of each sentence, and the one it is mostly about.</summary>
public sealed record MeetingContext(IReadOnlyDictionary<int, long> BySentence, long? Dominant, IReadOnlySet<int> GenericMentions);

public sealed partial class MeetingMatcher
{
    private const int Enough = 3;
    private const int MaxYearsAway = 1;

    private static readonly FrozenSet<string> MeetingNouns = FrozenSet.ToFrozenSet(
        ["summit", "summits", "meeting", "meetings", "talks", "talk", "conference", "negotiations", "negotiation", "visit",
         "forum", "session", "meet", "encounter", "gathering", "interview", "briefing", "discussions"], StringComparer.Ordinal);

    private static readonly FrozenSet<string> TitleStopWords = FrozenSet.ToFrozenSet(
        ["the", "of", "in", "and", "a", "an", "on", "with", "at", "for", "to", "summit", "meeting", "talks", "conference"],
        StringComparer.Ordinal);

    private static readonly string[] MonthNames =
        ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

    private sealed record Profile(DirectoryMeeting Meeting, string[] TitleWords, string? City, string[] SlugWords, string[] ParticipantWords);

    private readonly List<Profile> profiles = [];

    /// <summary>Meetings by the words that can point to them (city, participants, title and slug words), and by day of the year.</summary>
    private readonly Dictionary<string, List<Profile>> byWord = new(StringComparer.Ordinal);
    private readonly Dictionary<int, List<Profile>> byDay = [];

    public MeetingMatcher(IEnumerable<DirectoryMeeting> meetings, SpeakerDirectory speakers)
    {
        foreach (var meeting in meetings)
        {
            var titleWords = Tokenizer.Keys(meeting.Title).Where(k => !TitleStopWords.Contains(k)).Distinct().ToArray();
            var city = meeting.City is { Length: > 0 } c ? string.Join(' ', Tokenizer.Keys(c)) : null;
            var slugWords = meeting.Slug.Split('-').Where(w => w.Length > 2 && !w.All(char.IsDigit) && !TitleStopWords.Contains(w)).ToArray();
            var participants = meeting.ParticipantIds
                .Where(speakers.Officials.ContainsKey)
                .Select(id => speakers.Officials[id])
                .Select(o => SpeakerDirectory.Surname(o.Name, o.Country) ?? o.Name)
                .Select(s => string.Join(' ', Tokenizer.Keys(s)))
                .ToArray();
            var profile = new Profile(meeting, titleWords, city, slugWords, participants);
            profiles.Add(profile);
            foreach (var word in titleWords.Concat(slugWords).Concat(participants).Append(city).OfType<string>().Distinct())
            {
                Index(byWord, word, profile);
            }
            for (var day = meeting.StartsOn; day <= (meeting.EndsOn ?? meeting.StartsOn) && day < meeting.StartsOn.AddDays(31); day = day.AddDays(1))
            {
                Index(byDay, day.Month * 100 + day.Day, profile);
            }
        }
    }

    private static void Index<TKey>(Dictionary<TKey, List<Profile>> index, TKey key, Profile profile) where TKey : notnull
    {
        if (!index.TryGetValue(key, out var list))
        {
            index[key] = list = [];
        }
        list.Add(profile);
    }

    /// <summary>The meetings a sentence shares a word (or a two- or three-word name) or a date with.</summary>
    private HashSet<Profile> Candidates(List<Token> tokens, List<(int Month, int Day, int? Year)> dates)
    {
        var candidates = new HashSet<Profile>();
        for (var i = 0; i < tokens.Count; i++)
        {
            var key = tokens[i].Key;
            for (var n = 0; n < 3 && i + n < tokens.Count; n++)
            {
                if (n > 0)
                {
                    key += " " + tokens[i + n].Key;
                }
                if (byWord.TryGetValue(key, out var found))
                {
                    candidates.UnionWith(found);
                }
            }
        }
        foreach (var (month, day, _) in dates)
        {
            if (byDay.TryGetValue(month * 100 + day, out var found))
            {
                candidates.UnionWith(found);
            }
        }
        return candidates;
    }

    public MeetingContext Analyse(string text, IReadOnlyList<Sentence> sentences, DateOnly? publishedOn)
    {
        var bySentence = new Dictionary<int, long>();
        var generic = new HashSet<int>();
        var totals = new Dictionary<long, int>();
        if (profiles.Count == 0)
        {
            return new MeetingContext(bySentence, null, generic);
        }
        foreach (var sentence in sentences)
        {
            var tokens = Tokenizer.Tokenize(text, sentence.Span.Start, sentence.Span.End);
            if (!tokens.Any(t => MeetingNouns.Contains(t.Key)))
            {
                continue;
            }
            generic.Add(sentence.Index);
            var keys = tokens.Select(t => t.Key).ToHashSet(StringComparer.Ordinal);
            var joined = " " + string.Join(' ', tokens.Select(t => t.Key)) + " ";
            var dates = Dates(sentence.Span.Of(text));
            var best = (Id: 0L, Score: 0);
            foreach (var profile in Candidates(tokens, dates).OrderBy(p => p.Meeting.Id))
            {
                if (publishedOn is { } published && Math.Abs(profile.Meeting.StartsOn.Year - published.Year) > MaxYearsAway)
                {
                    continue;
                }
                var score = Score(profile, keys, joined, dates);
                if (score > best.Score)
                {
                    best = (profile.Meeting.Id, score);
                }
            }
            if (best.Score >= Enough)
            {
                bySentence[sentence.Index] = best.Id;
                totals[best.Id] = totals.GetValueOrDefault(best.Id) + best.Score;
            }
        }
        var ranked = totals.OrderByDescending(t => t.Value).ToList();
        long? dominant = ranked.Count == 1 || (ranked.Count > 1 && ranked[0].Value > ranked[1].Value) ? ranked[0].Key : null;
        return new MeetingContext(bySentence, dominant, generic);
    }

    /// <summary>The meeting for a statement whose words and attribution lie in the given sentences.</summary>
    public static long? MeetingFor(MeetingContext context, IEnumerable<int> sentenceIndices)
    {
        var indices = sentenceIndices.ToList();
        foreach (var index in indices)
        {
            if (context.BySentence.TryGetValue(index, out var id))
            {
                return id;
            }
        }
        return context.Dominant is { } dominant && indices.Any(context.GenericMentions.Contains) ? dominant : null;
    }

    private static int Score(Profile profile, HashSet<string> keys, string joined, List<(int Month, int Day, int? Year)> dates)
    {
        var meeting = profile.Meeting;
        var score = 0;
        if (profile.TitleWords.Length >= 2 && profile.TitleWords.All(keys.Contains))
        {
            score += 3;
        }
        var cityFound = profile.City is not null && joined.Contains($" {profile.City} ", StringComparison.Ordinal);
        if (cityFound)
        {
            score += 2;
        }
        if (dates.Any(d => Within(meeting, d)))
        {
            score += 2;
        }
        score += Math.Min(2, profile.ParticipantWords.Count(p => joined.Contains($" {p} ", StringComparison.Ordinal)));
        if (profile.SlugWords.Any(w => keys.Contains(w) && w != profile.City))
        {
            score += 1;
        }
        if (meeting.Kind == "summit" && keys.Contains("summit"))
        {
            score += 1;
        }
        return score;
    }

    private static bool Within(DirectoryMeeting meeting, (int Month, int Day, int? Year) date)
    {
        var end = meeting.EndsOn ?? meeting.StartsOn;
        for (var day = meeting.StartsOn; day <= end; day = day.AddDays(1))
        {
            if (day.Month == date.Month && day.Day == date.Day && (date.Year is null || date.Year == day.Year))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>"June 16", "16 June", "June 16-17", "16th of June 2021".</summary>
    public static List<(int Month, int Day, int? Year)> Dates(string sentence)
    {
        var dates = new List<(int, int, int?)>();
        foreach (Match match in DatePattern().Matches(sentence))
        {
            var month = Array.FindIndex(MonthNames, m => m.StartsWith(match.Groups["month"].Value.ToLowerInvariant()[..3], StringComparison.Ordinal)) + 1;
            var day = int.Parse(match.Groups["day1"].Success ? match.Groups["day1"].Value : match.Groups["day2"].Value, CultureInfo.InvariantCulture);
            int? year = match.Groups["year"].Success ? int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture) : null;
            if (month > 0 && day is >= 1 and <= 31)
            {
                dates.Add((month, day, year));
            }
        }
        return dates;
    }

    [GeneratedRegex(@"\b(?:(?<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?\s+(?<day1>\d{1,2})(?:st|nd|rd|th)?(?:\s*[-–]\s*\d{1,2})?|(?<day2>\d{1,2})(?:st|nd|rd|th)?(?:\s*[-–]\s*\d{1,2})?\s+(?:of\s+)?(?<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?))\b(?:,?\s+(?<year>\d{4}))?")]
    private static partial Regex DatePattern();
}
