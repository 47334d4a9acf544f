// HTTP endpoints for meetings: /api/v1/meetings, their participants, and /api/v1/officials/{idOrSlug}/meetings.
// Related statements are mapped by the statements module.
using System.ComponentModel;
using System.Data;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Statements.Api.Auth;
using Statements.Api.Common;
using Statements.Api.Data;
using Statements.Api.Export;
using Statements.Api.History;
using Statements.Api.Officials;
using Statements.Api.Statements;
using Statements.Api.Topics;

namespace Statements.Api.Meetings;

public static class MeetingsApi
{
    private const string ListSort = "-startsOn";

    /// <summary>The kinds as the API and the database spell them (press-conference), to and from the enum.</summary>
    private static readonly Dictionary<MeetingKind, string> KindNames =
        Enum.GetValues<MeetingKind>().ToDictionary(k => k, k => JsonNamingPolicy.KebabCaseLower.ConvertName(k.ToString()));

    private static readonly Dictionary<string, MeetingKind> KindsByName =
        KindNames.ToDictionary(p => p.Value, p => p.Key, StringComparer.OrdinalIgnoreCase);

    public static RouteGroupBuilder MapMeetingsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/meetings").WithTags("Meetings");

        group.MapGet("/", ListMeetings).WithName("listMeetings").WithSummary("List meetings, newest first")
            .ProducesValidationProblem();
        group.MapGet("/{idOrSlug}", GetMeeting).WithName("getMeeting").Produces(StatusCodes.Status304NotModified).WithSummary("Get a meeting by id or slug")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{idOrSlug}/participants", ListMeetingParticipants).WithName("listMeetingParticipants")
            .WithSummary("List the officials taking part in a meeting")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);

        var writes = group.MapGroup("").RequireAuthorization(ApiKeyPolicies.Write);
        writes.MapPost("/", CreateMeeting).Idempotent().WithName("createMeeting").WithSummary("Create a meeting")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        writes.MapPut("/{idOrSlug}", ReplaceMeeting).WithName("replaceMeeting").WithSummary("Replace a meeting")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed);
        writes.MapPatch("/{idOrSlug}", PatchMeeting).WithName("patchMeeting")
            .WithSummary("Change some fields of a meeting (JSON Merge Patch)")
            .Accepts<MeetingInput>(JsonMergePatch.MediaType)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed);
        writes.MapDelete("/{idOrSlug}", DeleteMeeting).WithName("deleteMeeting").WithSummary("Delete a meeting")
            .WithDescription("409 while statements name it as their meeting: delete them or move them to another meeting first. Its participants and topics are unlinked, not deleted. A deleted meeting cannot be restored; one created again gets a new id.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);

        var officials = api.MapGroup("/officials").WithTags("Meetings");
        officials.MapGet("/{idOrSlug}/meetings", ListOfficialMeetings).WithName("listOfficialMeetings")
            .WithSummary("List the meetings an official takes part in, newest first")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    public sealed record MeetingListQuery(
        [property: FromQuery(Name = "kind"), Description("summit, bilateral, conference, press-conference, interview or other; repeatable.")] string[]? Kind,
        [property: FromQuery(Name = "participant"), Description("Id or slug of an official taking part; repeatable (any of them).")] string[]? Participant,
        [property: FromQuery(Name = "topic"), Description("Id or slug of a topic on the agenda; repeatable (any of them).")] string[]? Topic,
        [property: FromQuery(Name = "country"), Description("ISO 3166-1 alpha-2 country the meeting takes place in; repeatable.")] string[]? Country,
        [property: FromQuery(Name = "from"), Description("Earliest start date, inclusive: yyyy-MM-dd, or yyyy-MM or yyyy for its first day.")] string? From,
        [property: FromQuery(Name = "to"), Description("Latest start date, inclusive: yyyy-MM-dd, or yyyy-MM or yyyy for its last day.")] string? To,
        [property: FromQuery(Name = "limit"), Description("Page size, 1 to 500 (default 50).")] int? Limit,
        [property: FromQuery(Name = "cursor"), Description("The cursor from the previous page's next link.")] string? Cursor,
        [property: FromQuery(Name = "format"), Description(SmallListExport.FormatDescription)] string? Format);

    public sealed record MeetingParticipantsQuery(
        [property: FromQuery(Name = "limit"), Description("Page size, 1 to 500 (default 50).")] int? Limit,
        [property: FromQuery(Name = "cursor"), Description("The cursor from the previous page's next link.")] string? Cursor);

    private static Task<Results<Ok<Page<Meeting>>, ExportResult<Meeting>>> ListMeetings(
        [AsParameters] MeetingListQuery query, Db db, HttpContext http) =>
        SmallListExport.ListAsync(http.Request, query.Format, CsvColumns, "meetings", async (limit, cursor) =>
        {
            await using var connection = await db.OpenAsync(http.RequestAborted);
            return await QueryPageAsync(connection, query with { Limit = limit, Cursor = cursor }, officialId: null, http);
        }, query.Limit, query.Cursor);

    private static readonly CsvColumn<Meeting>[] CsvColumns =
    [
        new("id", m => SmallListExport.Number(m.Id)),
        new("slug", m => m.Slug),
        new("title", m => m.Title),
        new("kind", m => m.Kind is { } kind ? KindNames[kind] : null),
        new("startsOn", m => SmallListExport.Date(m.StartsOn)),
        new("endsOn", m => SmallListExport.Date(m.EndsOn)),
        new("city", m => m.Location?.City),
        new("country", m => m.Location?.Country),
        new("participants", m => SmallListExport.Joined(m.Participants?.Select(p => p.Slug))),
        new("topics", m => SmallListExport.Joined(m.Topics?.Select(t => t.Slug))),
        new("createdAt", m => m.CreatedAt is { } at ? Db.FormatTimestamp(at) : null),
        new("updatedAt", m => m.UpdatedAt is { } at ? Db.FormatTimestamp(at) : null),
        new("version", m => SmallListExport.Number(m.Version)),
    ];

    private static async Task<Results<Ok<Page<Meeting>>, ExportResult<Meeting>, ProblemHttpResult>> ListOfficialMeetings(
        [Description("Numeric id or slug of the official.")] string idOrSlug, [AsParameters] MeetingListQuery query, Db db, HttpContext http)
    {
        await using var connection = await db.OpenAsync(http.RequestAborted);
        var officialId = await IdOrSlug.FindAsync(connection, "officials", idOrSlug);
        if (officialId is null)
        {
            return Problems.NotFound("official", idOrSlug);
        }
        var list = await SmallListExport.ListAsync(http.Request, query.Format, CsvColumns, "meetings",
            (limit, cursor) => QueryPageAsync(connection, query with { Limit = limit, Cursor = cursor }, officialId, http),
            query.Limit, query.Cursor);
        return SmallListExport.OrProblem(list);
    }

    /// <summary>One page of meetings under the list filters, newest start first, optionally only those an official takes part in.</summary>
    private static async Task<Page<Meeting>> QueryPageAsync(SqliteConnection connection, MeetingListQuery query, long? officialId, HttpContext http)
    {
        var limit = Paging.PageLimit(query.Limit);
        var after = Cursor.Decode(query.Cursor, ListSort);
        // Without a cursor the bound lies after every row; an unconditional bound lets SQLite seek the index.
        var (afterStartsOn, afterId) = (DateOnly.MaxValue, long.MaxValue);
        if (after is not null)
        {
            afterStartsOn = DateOnly.TryParseExact(after.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                ? date
                : throw new BadInputException("cursor", "The cursor is not valid; use the 'next' link of a previous page.");
            afterId = after.Id;
        }
        var kinds = Split(query.Kind).Select(k => KindsByName.TryGetValue(k, out var kind)
            ? KindNames[kind]
            : throw new BadInputException("kind", $"'{k}' is not a kind of meeting. Use one of: {string.Join(", ", KindNames.Values)}.")).ToArray();
        var countries = Split(query.Country).Select(Formats.CanonicalCountry).ToArray();
        if (countries.FirstOrDefault(c => !Regex.IsMatch(c, Formats.Country)) is { } bad)
        {
            throw new BadInputException("country", $"'{bad}' is not an assigned country code. {Formats.CountryMessage}");
        }
        var (from, to) = Periods.ParseRange(query.From, query.To);
        var participants = await IdOrSlug.FindAllAsync(connection, "officials", "participant", query.Participant);
        var topics = await IdOrSlug.FindAllAsync(connection, "topics", "topic", query.Topic);

        const string sql = """
            SELECT m.id, m.slug, m.title, m.kind, m.starts_on, m.ends_on, m.location_city, m.location_country,
                   m.created_at, m.updated_at, m.version
            FROM meetings m
            WHERE (m.starts_on, m.id) < (@afterStartsOn, @afterId)
              AND m.starts_on >= @from AND m.starts_on <= @to
              AND (@officialId IS NULL
                   OR EXISTS (SELECT 1 FROM meeting_participants op WHERE op.meeting_id = m.id AND op.official_id = @officialId))
              AND (@anyKind = 0 OR m.kind IN @kinds)
              AND (@anyParticipant = 0
                   OR EXISTS (SELECT 1 FROM meeting_participants p WHERE p.meeting_id = m.id AND p.official_id IN @participants))
              AND (@anyTopic = 0
                   OR EXISTS (SELECT 1 FROM meeting_topics t WHERE t.meeting_id = m.id AND t.topic_id IN @topics))
              AND (@anyCountry = 0 OR m.location_country IN @countries)
            ORDER BY m.starts_on DESC, m.id DESC
            LIMIT @take
            """;
        var rows = (await connection.QueryAsync<MeetingRow>(sql, new
        {
            afterStartsOn,
            afterId,
            officialId,
            anyKind = kinds.Length > 0 ? 1 : 0,
            kinds,
            anyParticipant = participants.Length > 0 ? 1 : 0,
            participants,
            anyTopic = topics.Length > 0 ? 1 : 0,
            topics,
            anyCountry = countries.Length > 0 ? 1 : 0,
            countries,
            from = from ?? DateOnly.MinValue,
            to = to ?? DateOnly.MaxValue,
            take = limit + 1,
        })).AsList();
        var meetings = await ToMeetingsAsync(connection, rows);
        return Paging.ToPage(http, meetings, limit,
            m => new Cursor(ListSort, m.StartsOn!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), m.Id), m => m);
    }

    private static async Task<Results<Ok<Meeting>, StatusCodeHttpResult, ProblemHttpResult>> GetMeeting(
        [Description("Numeric id or slug.")] string idOrSlug, Db db, HttpContext http)
    {
        await using var connection = await db.OpenAsync(http.RequestAborted);
        var id = await IdOrSlug.FindAsync(connection, "meetings", idOrSlug);
        if (id is null || (await LoadAsync(connection, [id.Value])).FirstOrDefault() is not { } meeting)
        {
            return Problems.NotFound("meeting", idOrSlug);
        }
        var etag = ETags.For(meeting.Version!.Value, meeting.EmbeddedVersions);
        http.Response.Headers.ETag = etag;
        return ETags.NoneMatchHits(http.Request, etag) ? TypedResults.StatusCode(StatusCodes.Status304NotModified) : TypedResults.Ok(meeting);
    }

    private static async Task<Results<Ok<Page<Official>>, ProblemHttpResult>> ListMeetingParticipants(
        [Description("Numeric id or slug.")] string idOrSlug, [AsParameters] MeetingParticipantsQuery query, Db db, HttpContext http)
    {
        var limit = Paging.CheckLimit(query.Limit);
        var after = Cursor.Decode(query.Cursor, "id");
        await using var connection = await db.OpenAsync(http.RequestAborted);
        var id = await IdOrSlug.FindAsync(connection, "meetings", idOrSlug);
        if (id is null)
        {
            return Problems.NotFound("meeting", idOrSlug);
        }
        const string sql = """
            SELECT official_id
            FROM meeting_participants
            WHERE meeting_id = @id AND (@afterId IS NULL OR official_id > @afterId)
            ORDER BY official_id
            LIMIT @take
            """;
        var officialIds = (await connection.QueryAsync<long>(sql, new { id, afterId = after?.Id, take = limit + 1 })).AsList();
        var officials = await OfficialsApi.LoadAsync(connection, officialIds);
        return TypedResults.Ok(Paging.ToPage(http, officials, limit, o => new Cursor("id", null, o.Id), o => o));
    }

    private static async Task<Results<Created<Meeting>, ValidationProblem, ProblemHttpResult>> CreateMeeting(
        MeetingInput input, Db db, HttpContext http)
    {
        if (InputValidation.Validate(input) is { Count: > 0 } errors)
        {
            return Problems.Invalid(errors);
        }
        await using var connection = await db.OpenAsync(http.RequestAborted);
        await using var transaction = await connection.BeginTransactionAsync(http.RequestAborted);
        if (await MissingReferencesAsync(connection, transaction, input) is { Count: > 0 } missing)
        {
            return Problems.Invalid(missing);
        }
        const string sql = """
            INSERT INTO meetings (slug, title, kind, starts_on, ends_on, location_city, location_country, created_at, updated_at, version)
            VALUES (@Slug, @Title, @kind, @StartsOn, @EndsOn, @city, @country, @now, @now, 1)
            RETURNING id
            """;
        long id;
        try
        {
            id = await connection.ExecuteScalarAsync<long>(sql, Parameters(input), transaction);
        }
        catch (SqliteException e) when (Sql.IsUniqueViolation(e))
        {
            return Problems.Conflict($"A meeting with the slug '{input.Slug}' already exists.");
        }
        await InsertLinksAsync(connection, transaction, id, input);
        var meeting = (await LoadAsync(connection, [id], transaction))[0];
        await Changes.RecordAsync(connection, transaction, http, "meeting", id, "created", 1, meeting);
        await transaction.CommitAsync(http.RequestAborted);

        http.Response.Headers.ETag = ETags.For(meeting.Version!.Value, meeting.EmbeddedVersions);
        return TypedResults.Created(meeting.Links.Self, meeting);
    }

    private static async Task<Results<Ok<Meeting>, ValidationProblem, ProblemHttpResult>> ReplaceMeeting(
        [Description("Numeric id or slug.")] string idOrSlug, MeetingInput input, Db db, HttpContext http)
    {
        if (InputValidation.Validate(input) is { Count: > 0 } errors)
        {
            return Problems.Invalid(errors);
        }
        return await WriteAsync(idOrSlug, db, http, _ => input);
    }

    private static async Task<Results<Ok<Meeting>, ValidationProblem, ProblemHttpResult>> PatchMeeting(
        [Description("Numeric id or slug.")] string idOrSlug, System.Text.Json.Nodes.JsonNode patch,
        Db db, HttpContext http, IOptions<JsonOptions> json)
    {
        return await WriteAsync(idOrSlug, db, http,
            current => JsonMergePatch.Apply(ToInput(current), patch, json.Value.SerializerOptions));
    }

    /// <summary>PUT and PATCH: in one transaction, find the meeting, work out the new input, check and write it.</summary>
    private static async Task<Results<Ok<Meeting>, ValidationProblem, ProblemHttpResult>> WriteAsync(
        string idOrSlug, Db db, HttpContext http, Func<Meeting, MeetingInput> change)
    {
        await using var connection = await db.OpenAsync(http.RequestAborted);
        await using var transaction = await connection.BeginTransactionAsync(http.RequestAborted);
        var id = await IdOrSlug.FindAsync(connection, "meetings", idOrSlug, transaction);
        if (id is null)
        {
            return Problems.NotFound("meeting", idOrSlug);
        }
        var current = (await LoadAsync(connection, [id.Value], transaction))[0];
        if (ETags.FailedPrecondition(http.Request, current.Version!.Value) is { } failed)
        {
            return Problems.PreconditionFailed(failed);
        }
        var input = change(current);
        if (InputValidation.Validate(input) is { Count: > 0 } errors)
        {
            return Problems.Invalid(errors);
        }
        if (await MissingReferencesAsync(connection, transaction, input) is { Count: > 0 } missing)
        {
            return Problems.Invalid(missing);
        }
        await Revisions.KeepBaselineAsync(connection, transaction, "meeting", id.Value);
        const string sql = """
            UPDATE meetings
            SET slug = @Slug, title = @Title, kind = @kind, starts_on = @StartsOn, ends_on = @EndsOn,
                location_city = @city, location_country = @country, updated_at = @now, version = version + 1
            WHERE id = @id
            RETURNING version
            """;
        var parameters = new DynamicParameters(Parameters(input));
        parameters.Add("id", id.Value);
        long version;
        try
        {
            version = await connection.ExecuteScalarAsync<long>(sql, parameters, transaction);
        }
        catch (SqliteException e) when (Sql.IsUniqueViolation(e))
        {
            return Problems.Conflict($"A meeting with the slug '{input.Slug}' already exists.");
        }
        const string unlink = """
            DELETE FROM meeting_participants WHERE meeting_id = @id;
            DELETE FROM meeting_topics WHERE meeting_id = @id;
            """;
        await connection.ExecuteAsync(unlink, new { id }, transaction);
        await InsertLinksAsync(connection, transaction, id.Value, input);
        var meeting = await Changes.CommitUpdateAsync(connection, transaction, http, "meeting", id.Value, version, current, (await LoadAsync(connection, [id.Value], transaction))[0]);

        http.Response.Headers.ETag = ETags.For(meeting.Version!.Value, meeting.EmbeddedVersions);
        return TypedResults.Ok(meeting);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteMeeting(
        [Description("Numeric id or slug.")] string idOrSlug, Db db, HttpContext http)
    {
        await using var connection = await db.OpenAsync(http.RequestAborted);
        await using var transaction = await connection.BeginTransactionAsync(http.RequestAborted);
        var id = await IdOrSlug.FindAsync(connection, "meetings", idOrSlug, transaction);
        if (id is null)
        {
            return Problems.NotFound("meeting", idOrSlug);
        }
        var current = await connection.ExecuteScalarAsync<long>("SELECT version FROM meetings WHERE id = @id", new { id }, transaction);
        if (ETags.FailedPrecondition(http.Request, current) is { } failed)
        {
            return Problems.PreconditionFailed(failed);
        }
        const string usage = "SELECT count(*) FROM statements WHERE meeting_id = @id";
        var statements = await connection.ExecuteScalarAsync<long>(usage, new { id }, transaction);
        if (statements > 0)
        {
            return Problems.Conflict(
                $"Meeting '{idOrSlug}' is the meeting of {statements} statement(s); delete those or move them to another meeting first.");
        }
        await Revisions.KeepBaselineAsync(connection, transaction, "meeting", id.Value);
        // Participants and topics go with the meeting (ON DELETE CASCADE); the officials and topics themselves stay.
        const string sql = """
            DELETE FROM meetings WHERE id = @id RETURNING version
            """;
        var version = await connection.ExecuteScalarAsync<long>(sql, new { id }, transaction);
        await Changes.RecordAsync(connection, transaction, http, "meeting", id.Value, "deleted", version + 1);
        await transaction.CommitAsync(http.RequestAborted);
        return TypedResults.NoContent();
    }

    /// <summary>
    /// Full meetings for the given ids, in the order given (each once), with participant and topic summaries:
    /// three queries whatever the count.
    /// </summary>
    public static async Task<List<Meeting>> LoadAsync(IDbConnection connection, IReadOnlyCollection<long> ids, IDbTransaction? transaction = null)
    {
        if (ids.Count == 0)
        {
            return [];
        }
        const string sql = """
            SELECT id, slug, title, kind, starts_on, ends_on, location_city, location_country, created_at, updated_at, version
            FROM meetings WHERE id IN @ids
            """;
        var rows = (await connection.QueryAsync<MeetingRow>(sql, new { ids }, transaction)).ToDictionary(r => r.Id);
        return await ToMeetingsAsync(connection, [.. ids.Distinct().Where(rows.ContainsKey).Select(i => rows[i])], transaction);
    }

    /// <summary>Meetings from their rows, with the participants and topics of all of them read in one batch.</summary>
    private static async Task<List<Meeting>> ToMeetingsAsync(IDbConnection connection, List<MeetingRow> rows, IDbTransaction? transaction = null)
    {
        if (rows.Count == 0)
        {
            return [];
        }
        const string sql = """
            SELECT p.meeting_id, o.id, o.slug, o.name, o.version
            FROM meeting_participants p JOIN officials o ON o.id = p.official_id
            WHERE p.meeting_id IN @ids
            ORDER BY p.meeting_id, o.id;

            SELECT mt.meeting_id, t.id, t.slug, t.name, t.parent_id, t.version
            FROM meeting_topics mt JOIN topics t ON t.id = mt.topic_id
            WHERE mt.meeting_id IN @ids
            ORDER BY mt.meeting_id, t.id;
            """;
        ILookup<long, ParticipantRow> participants;
        ILookup<long, MeetingTopicRow> topics;
        using (var results = await connection.QueryMultipleAsync(sql, new { ids = rows.Select(r => r.Id) }, transaction))
        {
            participants = (await results.ReadAsync<ParticipantRow>()).ToLookup(p => p.MeetingId);
            topics = (await results.ReadAsync<MeetingTopicRow>()).ToLookup(t => t.MeetingId);
        }
        return [.. rows.Select(r => new Meeting
        {
            Id = r.Id,
            Slug = r.Slug,
            Title = r.Title,
            Kind = KindsByName[r.Kind],
            StartsOn = r.StartsOn,
            EndsOn = r.EndsOn,
            Location = r.LocationCity is null && r.LocationCountry is null ? null : new Location(r.LocationCity, r.LocationCountry),
            Participants = [.. participants[r.Id].Select(p => new Official { Id = p.Id, Slug = p.Slug, Name = p.Name, Links = OfficialLinks.For(p.Id) })],
            Topics = [.. topics[r.Id].Select(t => new Topic { Id = t.Id, Slug = t.Slug, Name = t.Name, Links = TopicLinks.For(t.Id, t.ParentId) })],
            CreatedAt = r.CreatedAt,
            UpdatedAt = r.UpdatedAt,
            Version = r.Version,
            Links = MeetingLinks.For(r.Id),
            EmbeddedVersions = participants[r.Id].Sum(p => p.Version) + topics[r.Id].Sum(t => t.Version),
        })];
    }

    /// <summary>The participant and topic ids of the input that name no official or topic, as field errors.</summary>
    private static async Task<Dictionary<string, string[]>> MissingReferencesAsync(
        IDbConnection connection, IDbTransaction transaction, MeetingInput input)
    {
        const string sql = """
            SELECT id FROM officials WHERE id IN @participantIds;
            SELECT id FROM topics WHERE id IN @topicIds;
            """;
        var participantIds = (input.ParticipantIds ?? []).Distinct().ToArray();
        var topicIds = (input.TopicIds ?? []).Distinct().ToArray();
        using var results = await connection.QueryMultipleAsync(sql, new { participantIds, topicIds }, transaction);
        var officials = (await results.ReadAsync<long>()).ToHashSet();
        var topics = (await results.ReadAsync<long>()).ToHashSet();

        var errors = new Dictionary<string, string[]>();
        if (participantIds.Where(i => !officials.Contains(i)).ToArray() is { Length: > 0 } missingOfficials)
        {
            errors["participantIds"] = [$"There is no official with the id(s) {string.Join(", ", missingOfficials)}."];
        }
        if (topicIds.Where(i => !topics.Contains(i)).ToArray() is { Length: > 0 } missingTopics)
        {
            errors["topicIds"] = [$"There is no topic with the id(s) {string.Join(", ", missingTopics)}."];
        }
        return errors;
    }

    private static MeetingInput ToInput(Meeting meeting) => new()
    {
        Slug = meeting.Slug,
        Title = meeting.Title,
        Kind = meeting.Kind,
        StartsOn = meeting.StartsOn,
        EndsOn = meeting.EndsOn,
        Location = meeting.Location is { } location ? new LocationInput { City = location.City, Country = location.Country } : null,
        ParticipantIds = meeting.Participants?.Select(p => p.Id).ToList(),
        TopicIds = meeting.Topics?.Select(t => t.Id).ToList(),
    };

    private static object Parameters(MeetingInput input) => new
    {
        input.Slug,
        input.Title,
        kind = KindNames[input.Kind!.Value],
        input.StartsOn,
        input.EndsOn,
        city = string.IsNullOrWhiteSpace(input.Location?.City) ? null : input.Location.City.Trim(),
        country = string.IsNullOrEmpty(input.Location?.Country) ? null : Formats.CanonicalCountry(input.Location.Country),
        now = Db.Now(),
    };

    private static async Task InsertLinksAsync(IDbConnection connection, IDbTransaction transaction, long meetingId, MeetingInput input)
    {
        const string participants = """
            INSERT INTO meeting_participants (meeting_id, official_id) VALUES (@meetingId, @officialId)
            """;
        const string topics = """
            INSERT INTO meeting_topics (meeting_id, topic_id) VALUES (@meetingId, @topicId)
            """;
        await connection.ExecuteAsync(participants,
            (input.ParticipantIds ?? []).Distinct().Select(officialId => new { meetingId, officialId }), transaction);
        await connection.ExecuteAsync(topics,
            (input.TopicIds ?? []).Distinct().Select(topicId => new { meetingId, topicId }), transaction);
    }

    /// <summary>The values of a repeatable filter, each occurrence also split on commas.</summary>
    private static IEnumerable<string> Split(string[]? values) =>
        values?.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)) ?? [];
}
