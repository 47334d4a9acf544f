// What extraction knows about the database: every official with their names and roles, every topic with its
// keywords, every meeting with its place, dates and participants. Loaded with one query per table in one
// round trip, whatever the number of officials.
using System.Data;
using System.Text.Json;
using Dapper;
using Statements.Api.Meetings;
using Statements.Api.Officials;

namespace Statements.Api.Extraction;

public sealed record DirectoryOfficial(
    long Id, string Slug, string Name, string? NativeName, IReadOnlyList<string> Aliases, string Country, IReadOnlyList<Role> Roles);

public sealed record DirectoryTopic(long Id, string Slug, string Name, IReadOnlyList<string> Keywords);

public sealed record DirectoryMeeting(
    long Id, string Slug, string Title, string Kind, DateOnly StartsOn, DateOnly? EndsOn, string? City, string? Country,
    IReadOnlyList<long> ParticipantIds);

public sealed class ExtractionDirectory(
    IReadOnlyList<DirectoryOfficial> officials, IReadOnlyList<DirectoryTopic> topics, IReadOnlyList<DirectoryMeeting> meetings)
{
    public IReadOnlyList<DirectoryOfficial> Officials { get; } = officials;
    public IReadOnlyList<DirectoryTopic> Topics { get; } = topics;
    public IReadOnlyList<DirectoryMeeting> Meetings { get; } = meetings;

    public static async Task<ExtractionDirectory> LoadAsync(IDbConnection connection, CancellationToken cancellationToken = default)
    {
        const string sql = """
            SELECT id, slug, name, native_name, aliases, country FROM officials ORDER BY id;
            SELECT official_id, title, organization, country, start_on, end_on FROM official_roles ORDER BY official_id, position;
            SELECT id, slug, name, keywords FROM topics ORDER BY id;
            SELECT id, slug, title, kind, starts_on, ends_on, location_city, location_country FROM meetings ORDER BY id;
            SELECT meeting_id, official_id FROM meeting_participants;
            """;
        using var results = await connection.QueryMultipleAsync(new CommandDefinition(sql, cancellationToken: cancellationToken));
        var officialRows = (await results.ReadAsync<OfficialRow>()).AsList();
        var roles = (await results.ReadAsync<RoleRow>()).ToLookup(r => r.OfficialId);
        var topicRows = (await results.ReadAsync<TopicRow>()).AsList();
        var meetingRows = (await results.ReadAsync<MeetingRow>()).AsList();
        var participants = (await results.ReadAsync<ParticipantRow>()).ToLookup(p => p.MeetingId, p => p.OfficialId);

        var officials = officialRows.Select(o => new DirectoryOfficial(
            o.Id, o.Slug, o.Name, o.NativeName, ReadList(o.Aliases), o.Country,
            [.. roles[o.Id].Select(r => new Role(r.Title, r.Organization, r.Country, r.StartOn, r.EndOn))])).ToList();
        var topics = topicRows.Select(t => new DirectoryTopic(t.Id, t.Slug, t.Name, ReadList(t.Keywords))).ToList();
        var meetings = meetingRows.Select(m => new DirectoryMeeting(
            m.Id, m.Slug, m.Title, m.Kind, m.StartsOn, m.EndsOn, m.LocationCity, m.LocationCountry, [.. participants[m.Id]])).ToList();
        return new ExtractionDirectory(officials, topics, meetings);
    }

    private static List<string> ReadList(string json) => JsonSerializer.Deserialize<List<string>>(json) ?? [];

    private sealed class TopicRow
    {
        public long Id { get; init; }
        public string Slug { get; init; } = "";
        public string Name { get; init; } = "";
        public string Keywords { get; init; } = "[]";
    }

    private sealed class ParticipantRow
    {
        public long MeetingId { get; init; }
        public long OfficialId { get; init; }
    }
}
