// Meetings through HTTP: CRUD, participants and topics as summaries, filters, keyset paging newest first,
// the participants collection and an official's meetings.
using System.Net;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Statements.Api.Tests;

public sealed class MeetingsTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient writer = factory.CreateWriter();
    private readonly HttpClient reader = factory.CreateClient();

    private async Task<long> CreateOfficialAsync(string slug, string name = "Sergei Lavrov")
    {
        var response = await writer.PostJsonAsync("/api/v1/officials", new
        {
            slug,
            name,
            country = "RU",
            roles = new[] { new { title = "Minister of Foreign Affairs", organization = "Government of Russia", start = "2004-03-09" } },
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.ReadJsonAsync()).GetProperty("id").GetInt64();
    }

    /// <summary>Topics have no endpoints in this module, so test topics are written straight into the database.</summary>
    private long InsertTopic(string slug, long? parentId = null)
    {
        using var connection = new SqliteConnection($"Data Source={factory.DatabasePath}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO topics (slug, name, description, parent_id, keywords, created_at, updated_at, version)
            VALUES ($slug, $name, '', $parentId, '[]', $now, $now, 1)
            RETURNING id
            """;
        command.Parameters.AddWithValue("$slug", slug);
        command.Parameters.AddWithValue("$name", $"Topic {slug}");
        command.Parameters.AddWithValue("$parentId", (object?)parentId ?? DBNull.Value);
        command.Parameters.AddWithValue("$now", "2024-01-01T00:00:00.000Z");
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>Statements have no endpoints in this module either; one is written directly to make a meeting used.</summary>
    private void InsertStatement(long officialId, long meetingId)
    {
        using var connection = new SqliteConnection($"Data Source={factory.DatabasePath}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO statements (official_id, text, kind, language, said_on, said_on_precision, meeting_id, created_at, updated_at, version)
            VALUES ($officialId, 'We hope for a constructive conversation.', 'quote', 'en', '2021-06-14', 'day', $meetingId, $now, $now, 1)
            """;
        command.Parameters.AddWithValue("$officialId", officialId);
        command.Parameters.AddWithValue("$meetingId", meetingId);
        command.Parameters.AddWithValue("$now", "2024-01-01T00:00:00.000Z");
        command.ExecuteNonQuery();
    }

    private static object NewMeeting(string slug, long[]? participantIds = null, long[]? topicIds = null,
        string kind = "summit", string startsOn = "2021-06-16", string? country = "CH") => new
    {
        slug,
        title = "Biden–Putin summit",
        kind,
        startsOn,
        endsOn = startsOn,
        location = new { city = "Geneva", country },
        participantIds = participantIds ?? [],
        topicIds = topicIds ?? [],
    };

    private async Task<JsonElement> CreateMeetingAsync(object meeting)
    {
        var response = await writer.PostJsonAsync("/api/v1/meetings", meeting);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.ReadJsonAsync();
    }

    /// <summary>Follows next links from the first URL to the last page and returns the slugs in order.</summary>
    private async Task<List<string>> WalkAsync(string first)
    {
        var seen = new List<string>();
        string? next = first;
        while (next is not null)
        {
            var response = await reader.GetAsync(next);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await response.ReadJsonAsync();
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("slug").GetString()!));
            next = page.TryGetProperty("next", out var n) ? n.GetString() : null;
            Assert.Equal(next is not null, response.Headers.Contains("Link"));
        }
        return seen;
    }

    private static List<string> Slugs(JsonElement page) =>
        [.. page.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("slug").GetString()!)];

    [Fact]
    public async Task CreatingAMeetingReturnsItWithSummariesLocationETagAndLinks()
    {
        var lavrov = await CreateOfficialAsync("lavrov-create");
        var blinken = await CreateOfficialAsync("blinken-create", "Antony Blinken");
        var parent = InsertTopic("us-russia-relations-create");
        var topic = InsertTopic("strategic-stability-create", parent);

        var response = await writer.PostJsonAsync("/api/v1/meetings",
            NewMeeting("geneva-summit-create", [lavrov, blinken, lavrov], [topic, topic], kind: "press-conference"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.ReadJsonAsync();
        var id = body.GetProperty("id").GetInt64();
        Assert.Equal($"/api/v1/meetings/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal("\"1-e3\"", response.Headers.ETag?.Tag); // version 1; two participants and a topic at version 1
        Assert.Equal("press-conference", body.GetProperty("kind").GetString());
        Assert.Equal("2021-06-16", body.GetProperty("startsOn").GetString());
        Assert.Equal("Geneva", body.GetProperty("location").GetProperty("city").GetString());
        Assert.Equal("CH", body.GetProperty("location").GetProperty("country").GetString());
        Assert.EndsWith("Z", body.GetProperty("createdAt").GetString());
        Assert.Equal(1, body.GetProperty("version").GetInt64());
        Assert.Equal($"/api/v1/meetings/{id}/participants", body.GetProperty("links").GetProperty("participants").GetString());
        Assert.Equal($"/api/v1/meetings/{id}/statements", body.GetProperty("links").GetProperty("statements").GetString());

        var participants = body.GetProperty("participants");
        Assert.Equal([lavrov, blinken], participants.EnumerateArray().Select(p => p.GetProperty("id").GetInt64()));
        var first = participants[0];
        Assert.Equal("lavrov-create", first.GetProperty("slug").GetString());
        Assert.Equal("Sergei Lavrov", first.GetProperty("name").GetString());
        Assert.Equal($"/api/v1/officials/{lavrov}", first.GetProperty("links").GetProperty("self").GetString());
        Assert.False(first.TryGetProperty("roles", out _));
        Assert.False(first.TryGetProperty("version", out _));

        var topics = body.GetProperty("topics");
        Assert.Equal(1, topics.GetArrayLength());
        Assert.Equal("strategic-stability-create", topics[0].GetProperty("slug").GetString());
        Assert.Equal($"/api/v1/topics/{parent}", topics[0].GetProperty("links").GetProperty("parent").GetString());
        Assert.False(topics[0].TryGetProperty("keywords", out _));

        var bySlug = await reader.GetAsync("/api/v1/meetings/geneva-summit-create");
        Assert.Equal(HttpStatusCode.OK, bySlug.StatusCode);
        Assert.Equal(id, (await bySlug.ReadJsonAsync()).GetProperty("id").GetInt64());
        Assert.Equal("\"1-e3\"", bySlug.Headers.ETag?.Tag);
    }

    [Fact]
    public async Task AMeetingWithoutCityOrCountryHasNoLocation()
    {
        var body = await CreateMeetingAsync(new { slug = "no-location-meeting", title = "Phone call", kind = "other", startsOn = "2021-05-01" });

        Assert.False(body.TryGetProperty("location", out _));
        Assert.False(body.TryGetProperty("endsOn", out _));
        Assert.Equal(0, body.GetProperty("participants").GetArrayLength());
        Assert.Equal(0, body.GetProperty("topics").GetArrayLength());

        var blank = await CreateMeetingAsync(new
        {
            slug = "blank-location-meeting", title = "Phone call", kind = "other", startsOn = "2021-05-02",
            location = new { city = " ", country = "" },
        });
        Assert.False(blank.TryGetProperty("location", out _));
    }

    [Fact]
    public async Task PostingADuplicateSlugIsAConflict()
    {
        await CreateMeetingAsync(NewMeeting("duplicate-meeting"));
        var response = await writer.PostJsonAsync("/api/v1/meetings", NewMeeting("duplicate-meeting"));

        var problem = await response.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("duplicate-meeting", problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("""{"slug":"Not A Slug","title":"T","kind":"summit","startsOn":"2021-06-16"}""", "slug")]
    [InlineData("""{"slug":"ok-meeting","kind":"summit","startsOn":"2021-06-16"}""", "title")]
    [InlineData("""{"slug":"ok-meeting","title":"T","startsOn":"2021-06-16"}""", "kind")]
    [InlineData("""{"slug":"ok-meeting","title":"T","kind":"party","startsOn":"2021-06-16"}""", "kind")]
    [InlineData("""{"slug":"ok-meeting","title":"T","kind":"summit"}""", "startsOn")]
    [InlineData("""{"slug":"ok-meeting","title":"T","kind":"summit","startsOn":"2021-13-01"}""", "startsOn")]
    [InlineData("""{"slug":"ok-meeting","title":"T","kind":"summit","startsOn":"2021-06-16","endsOn":"2021-06-15"}""", "endsOn")]
    [InlineData("""{"slug":"ok-meeting","title":"T","kind":"summit","startsOn":"2021-06-16","location":{"country":"Switzerland"}}""", "location.country")]
    [InlineData("""{"slug":"ok-meeting","title":"T","kind":"summit","startsOn":"2021-06-16","participantIds":[999999]}""", "participantIds")]
    [InlineData("""{"slug":"ok-meeting","title":"T","kind":"summit","startsOn":"2021-06-16","topicIds":[999999]}""", "topicIds")]
    [InlineData("""{"slug":"ok-meeting","title":"T","kind":"summit","startsOn":"2021-06-16","participantIds":["x"]}""", "participantIds[0]")]
    public async Task InvalidMeetingsAreRejectedNamingTheField(string json, string field)
    {
        var response = await writer.PostAsync("/api/v1/meetings", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        await response.AssertInvalidAsync(field);
    }

    [Fact]
    public async Task UnknownParticipantAndTopicIdsAreNamedInTheError()
    {
        var known = await CreateOfficialAsync("known-participant");

        var response = await writer.PostJsonAsync("/api/v1/meetings", NewMeeting("missing-refs", [known, 999998], [999997]));

        var problem = await response.AssertInvalidAsync("participantIds");
        var errors = problem.GetProperty("errors");
        Assert.Contains("999998", errors.GetProperty("participantIds")[0].GetString());
        Assert.DoesNotContain(known.ToString(System.Globalization.CultureInfo.InvariantCulture), errors.GetProperty("participantIds")[0].GetString());
        Assert.Contains("999997", errors.GetProperty("topicIds")[0].GetString());
        await (await reader.GetAsync("/api/v1/meetings/missing-refs")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task WritingWithoutAKeyIsUnauthorized()
    {
        await CreateMeetingAsync(NewMeeting("keyed-meeting"));

        await (await reader.PostJsonAsync("/api/v1/meetings", NewMeeting("anonymous-meeting"))).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await reader.PutJsonAsync("/api/v1/meetings/keyed-meeting", NewMeeting("keyed-meeting"))).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await reader.PatchMergeAsync("/api/v1/meetings/keyed-meeting", """{"title":"X"}""")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await reader.DeleteAsync("/api/v1/meetings/keyed-meeting")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/api/v1/meetings/keyed-meeting")).StatusCode);
    }

    [Fact]
    public async Task ETagsAnswerConditionalReadsAndGuardWrites()
    {
        var created = await writer.PostJsonAsync("/api/v1/meetings", NewMeeting("etag-meeting"));
        var url = created.Headers.Location!.OriginalString;
        var etag = created.Headers.ETag!.Tag;

        var conditional = new HttpRequestMessage(HttpMethod.Get, url);
        conditional.Headers.TryAddWithoutValidation("If-None-Match", etag);
        Assert.Equal(HttpStatusCode.NotModified, (await reader.SendAsync(conditional)).StatusCode);

        var patched = await writer.PatchMergeAsync(url, """{"title":"Geneva summit"}""", ifMatch: etag);
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        Assert.Equal(2, (await patched.ReadJsonAsync()).GetProperty("version").GetInt64());
        Assert.Equal("\"2-e0\"", patched.Headers.ETag!.Tag); // no participants or topics: nothing embedded

        var stalePatch = await writer.PatchMergeAsync(url, """{"title":"Stale"}""", ifMatch: etag);
        await stalePatch.AssertProblemAsync(HttpStatusCode.PreconditionFailed);

        var stalePut = new HttpRequestMessage(HttpMethod.Put, url) { Content = System.Net.Http.Json.JsonContent.Create(NewMeeting("etag-meeting"), options: Json.Options) };
        stalePut.Headers.TryAddWithoutValidation("If-Match", etag);
        await (await writer.SendAsync(stalePut)).AssertProblemAsync(HttpStatusCode.PreconditionFailed);

        var staleDelete = new HttpRequestMessage(HttpMethod.Delete, url);
        staleDelete.Headers.TryAddWithoutValidation("If-Match", etag);
        await (await writer.SendAsync(staleDelete)).AssertProblemAsync(HttpStatusCode.PreconditionFailed);

        Assert.Equal("Geneva summit", (await (await reader.GetAsync(url)).ReadJsonAsync()).GetProperty("title").GetString());
    }

    [Fact]
    public async Task AMeetingsETagChangesWhenAParticipantIsRenamed()
    {
        var participant = await CreateOfficialAsync("etag-participant", "Before Rename");
        var created = await CreateMeetingAsync(NewMeeting("etag-participant-meeting", [participant]));
        var url = $"/api/v1/meetings/{created.GetProperty("id").GetInt64()}";
        var etag = (await reader.GetAsync(url)).Headers.ETag!.Tag;

        Assert.Equal(HttpStatusCode.OK, (await writer.PatchMergeAsync("/api/v1/officials/etag-participant", """{"name":"After Rename"}""")).StatusCode);

        var conditional = new HttpRequestMessage(HttpMethod.Get, url);
        conditional.Headers.TryAddWithoutValidation("If-None-Match", etag);
        var response = await reader.SendAsync(conditional);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("After Rename", (await response.ReadJsonAsync()).GetProperty("participants")[0].GetProperty("name").GetString());
        Assert.NotEqual(etag, response.Headers.ETag!.Tag);
    }

    [Fact]
    public async Task PatchRemovesNullFieldsKeepsAbsentOnesAndReplacesLists()
    {
        var putin = await CreateOfficialAsync("putin-patch", "Vladimir Putin");
        var biden = await CreateOfficialAsync("biden-patch", "Joe Biden");
        var topic = InsertTopic("non-interference-patch");
        var created = await CreateMeetingAsync(NewMeeting("patch-meeting", [putin], [topic]));
        var url = $"/api/v1/meetings/{created.GetProperty("id").GetInt64()}";

        var patched = await writer.PatchMergeAsync(url, $$"""{"endsOn":null,"location":{"city":null},"participantIds":[{{putin}},{{biden}}]}""");

        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        var body = await patched.ReadJsonAsync();
        Assert.False(body.TryGetProperty("endsOn", out _));
        Assert.False(body.GetProperty("location").TryGetProperty("city", out _));
        Assert.Equal("CH", body.GetProperty("location").GetProperty("country").GetString());
        Assert.Equal("Biden–Putin summit", body.GetProperty("title").GetString());
        Assert.Equal("summit", body.GetProperty("kind").GetString());
        Assert.Equal([putin, biden], body.GetProperty("participants").EnumerateArray().Select(p => p.GetProperty("id").GetInt64()));
        Assert.Equal(topic, body.GetProperty("topics")[0].GetProperty("id").GetInt64());

        var cleared = await (await writer.PatchMergeAsync(url, """{"location":null,"topicIds":[]}""")).ReadJsonAsync();
        Assert.False(cleared.TryGetProperty("location", out _));
        Assert.Equal(0, cleared.GetProperty("topics").GetArrayLength());
        Assert.Equal(2, cleared.GetProperty("participants").GetArrayLength());

        await (await writer.PatchMergeAsync(url, """{"kind":null}""")).AssertInvalidAsync("kind");
        await (await writer.PatchMergeAsync(url, """{"topicIds":[999996]}""")).AssertInvalidAsync("topicIds");
        await (await writer.PatchMergeAsync(url, """["not an object"]""")).AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task PutReplacesTheWholeMeeting()
    {
        var official = await CreateOfficialAsync("put-participant");
        var created = await CreateMeetingAsync(NewMeeting("put-meeting", [official], [InsertTopic("put-topic")]));
        var url = $"/api/v1/meetings/{created.GetProperty("id").GetInt64()}";

        var replaced = await writer.PutJsonAsync(url, new { slug = "put-meeting-renamed", title = "Interview", kind = "interview", startsOn = "2021-06-10" });

        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        var body = await replaced.ReadJsonAsync();
        Assert.Equal("put-meeting-renamed", body.GetProperty("slug").GetString());
        Assert.Equal("interview", body.GetProperty("kind").GetString());
        Assert.False(body.TryGetProperty("location", out _));
        Assert.False(body.TryGetProperty("endsOn", out _));
        Assert.Equal(0, body.GetProperty("participants").GetArrayLength());
        Assert.Equal(0, body.GetProperty("topics").GetArrayLength());
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/api/v1/meetings/put-meeting-renamed")).StatusCode);

        var invalid = await writer.PutJsonAsync(url, new { slug = "put-meeting-renamed", title = "Interview", kind = "interview" });
        await invalid.AssertInvalidAsync("startsOn");
    }

    [Fact]
    public async Task PuttingBackWhatGetReturnedChangesNothing()
    {
        var official = await CreateOfficialAsync("round-trip-participant");
        var created = await CreateMeetingAsync(NewMeeting("round-trip-meeting", [official], [InsertTopic("round-trip-topic")]));
        var url = $"/api/v1/meetings/{created.GetProperty("id").GetInt64()}";
        var got = await (await reader.GetAsync(url)).ReadJsonAsync();
        Assert.Equal([official], got.GetProperty("participantIds").EnumerateArray().Select(p => p.GetInt64()));

        var replaced = await writer.PutAsync(url, new StringContent(got.GetRawText(), System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        var body = await replaced.ReadJsonAsync();
        Assert.Equal(got.GetProperty("participants").GetRawText(), body.GetProperty("participants").GetRawText());
        Assert.Equal(got.GetProperty("topics").GetRawText(), body.GetProperty("topics").GetRawText());
        Assert.Equal(got.GetProperty("version").GetInt64(), body.GetProperty("version").GetInt64());
    }

    [Fact]
    public async Task RenamingToATakenSlugIsAConflict()
    {
        await CreateMeetingAsync(NewMeeting("taken-meeting-slug"));
        var created = await CreateMeetingAsync(NewMeeting("rename-me-meeting"));
        var url = $"/api/v1/meetings/{created.GetProperty("id").GetInt64()}";

        var problem = await (await writer.PatchMergeAsync(url, """{"slug":"taken-meeting-slug"}""")).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("taken-meeting-slug", problem.GetProperty("detail").GetString());
        await (await writer.PutJsonAsync(url, NewMeeting("taken-meeting-slug"))).AssertProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task AnUnknownMeetingIsNotFound()
    {
        await (await reader.GetAsync("/api/v1/meetings/no-such-meeting")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await reader.GetAsync("/api/v1/meetings/999999")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await reader.GetAsync("/api/v1/meetings/no-such-meeting/participants")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await writer.PutJsonAsync("/api/v1/meetings/no-such-meeting", NewMeeting("no-such-meeting"))).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await writer.PatchMergeAsync("/api/v1/meetings/no-such-meeting", """{"title":"X"}""")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await writer.DeleteAsync("/api/v1/meetings/no-such-meeting")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await reader.GetAsync("/api/v1/officials/no-such-official/meetings")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task DeletingAMeetingRemovesItAndItsLinksButNotTheOfficials()
    {
        var official = await CreateOfficialAsync("delete-participant");
        var created = await CreateMeetingAsync(NewMeeting("delete-meeting", [official], [InsertTopic("delete-topic")]));
        var url = $"/api/v1/meetings/{created.GetProperty("id").GetInt64()}";

        var blocked = await writer.DeleteAsync($"/api/v1/officials/{official}");
        await blocked.AssertProblemAsync(HttpStatusCode.Conflict);

        Assert.Equal(HttpStatusCode.NoContent, (await writer.DeleteAsync(url)).StatusCode);
        await (await reader.GetAsync(url)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await writer.DeleteAsync(url)).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/api/v1/officials/{official}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await writer.DeleteAsync($"/api/v1/officials/{official}")).StatusCode);
    }

    [Fact]
    public async Task DeletingAMeetingThatStatementsUseIsAConflict()
    {
        var official = await CreateOfficialAsync("used-meeting-speaker");
        var created = await CreateMeetingAsync(NewMeeting("used-meeting", [official]));
        var id = created.GetProperty("id").GetInt64();
        InsertStatement(official, id);

        var problem = await (await writer.DeleteAsync("/api/v1/meetings/used-meeting")).AssertProblemAsync(HttpStatusCode.Conflict);

        Assert.Contains("1 statement", problem.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/api/v1/meetings/{id}")).StatusCode);
    }

    [Fact]
    public async Task ListingIsNewestFirstAndPagesWithCursorsUnderAFilter()
    {
        var official = await CreateOfficialAsync("paging-participant");
        string[] dates = ["2020-01-05", "2021-03-01", "2020-01-05", "2019-12-31", "2021-03-01"];
        var ids = new List<(string Slug, string Date, long Id)>();
        for (var i = 0; i < dates.Length; i++)
        {
            var body = await CreateMeetingAsync(NewMeeting($"paging-meeting-{i}", [official], startsOn: dates[i]));
            ids.Add(($"paging-meeting-{i}", dates[i], body.GetProperty("id").GetInt64()));
        }
        await CreateMeetingAsync(NewMeeting("paging-outsider", startsOn: "2021-03-01"));
        var expected = ids.OrderByDescending(m => m.Date, StringComparer.Ordinal).ThenByDescending(m => m.Id).Select(m => m.Slug);

        Assert.Equal(expected, await WalkAsync("/api/v1/meetings?participant=paging-participant&limit=2"));
        Assert.Equal(expected, await WalkAsync($"/api/v1/meetings?participant={official}&limit=1"));
        Assert.Equal(expected, await WalkAsync("/api/v1/officials/paging-participant/meetings?limit=2"));
    }

    [Fact]
    public async Task ListingFiltersByKindTopicCountryAndDates()
    {
        var official = await CreateOfficialAsync("filter-participant");
        var other = await CreateOfficialAsync("filter-other-participant");
        var topic = InsertTopic("filter-topic");
        await CreateMeetingAsync(NewMeeting("filter-summit", [official], [topic], kind: "summit", startsOn: "2021-06-16", country: "CH"));
        await CreateMeetingAsync(NewMeeting("filter-presser", [official], kind: "press-conference", startsOn: "2021-06-17", country: "RU"));
        await CreateMeetingAsync(NewMeeting("filter-interview", [official, other], kind: "interview", startsOn: "2021-07-01", country: null));

        async Task<List<string>> List(string query)
        {
            var response = await reader.GetAsync($"/api/v1/meetings?participant=filter-participant&{query}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return Slugs(await response.ReadJsonAsync());
        }

        Assert.Equal(["filter-summit"], await List("kind=summit"));
        Assert.Equal(["filter-interview", "filter-summit"], await List("kind=summit&kind=interview"));
        Assert.Equal(["filter-presser", "filter-summit"], await List("kind=summit,press-conference"));
        Assert.Equal(["filter-summit"], await List("topic=filter-topic"));
        Assert.Equal(["filter-summit"], await List($"topic={topic}"));
        Assert.Equal(["filter-presser"], await List("country=RU"));
        Assert.Equal(["filter-presser", "filter-summit"], await List("country=RU&country=CH"));
        Assert.Equal(["filter-interview", "filter-presser"], await List("from=2021-06-17"));
        Assert.Equal(["filter-presser", "filter-summit"], await List("to=2021-06-17"));
        Assert.Equal(["filter-presser"], await List("from=2021-06-17&to=2021-06-17"));
        await (await reader.GetAsync("/api/v1/meetings?from=2021-06-18&to=2021-06-17")).AssertInvalidAsync("to");
        // A month or a year, as the statement filters take them: from its first day, to its last.
        Assert.Equal(["filter-interview", "filter-presser", "filter-summit"], await List("from=2021-06&to=2021"));
        Assert.Empty(await List("to=2021-05"));
        await (await reader.GetAsync("/api/v1/meetings?from=June")).AssertInvalidAsync("from");

        var anyOf = await reader.GetAsync("/api/v1/meetings?participant=filter-other-participant&participant=filter-participant&to=2021-12-31&from=2021-06-01&kind=interview");
        Assert.Equal(["filter-interview"], Slugs(await anyOf.ReadJsonAsync()));

        var ofOther = await reader.GetAsync("/api/v1/officials/filter-other-participant/meetings");
        Assert.Equal(["filter-interview"], Slugs(await ofOther.ReadJsonAsync()));
        var ofOfficial = await reader.GetAsync($"/api/v1/officials/{official}/meetings?kind=summit&topic=filter-topic");
        Assert.Equal(["filter-summit"], Slugs(await ofOfficial.ReadJsonAsync()));
    }

    [Fact]
    public async Task TheParticipantsCollectionPagesFullOfficials()
    {
        var ids = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await CreateOfficialAsync($"participants-page-{i}", $"Participant {i}"));
        }
        var created = await CreateMeetingAsync(NewMeeting("participants-meeting", [ids[2], ids[0], ids[1]]));
        var url = $"/api/v1/meetings/participants-meeting/participants?limit=2";

        var first = await reader.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var page = await first.ReadJsonAsync();
        Assert.Equal(2, page.GetProperty("items").GetArrayLength());
        var official = page.GetProperty("items")[0];
        Assert.Equal(ids[0], official.GetProperty("id").GetInt64());
        Assert.Equal("Minister of Foreign Affairs", official.GetProperty("roles")[0].GetProperty("title").GetString());
        Assert.Equal(1, official.GetProperty("version").GetInt64());

        var second = await (await reader.GetAsync(page.GetProperty("next").GetString())).ReadJsonAsync();
        Assert.Equal(ids[2], second.GetProperty("items")[0].GetProperty("id").GetInt64());
        Assert.False(second.TryGetProperty("next", out _));

        var empty = await CreateMeetingAsync(NewMeeting("participants-empty"));
        var none = await (await reader.GetAsync($"/api/v1/meetings/{empty.GetProperty("id").GetInt64()}/participants")).ReadJsonAsync();
        Assert.Equal(0, none.GetProperty("items").GetArrayLength());
        Assert.Equal(ids.Count, created.GetProperty("participants").GetArrayLength());
    }

    [Theory]
    [InlineData("/api/v1/meetings?kind=party", "kind")]
    [InlineData("/api/v1/meetings?kind=summit&kind=party", "kind")]
    [InlineData("/api/v1/meetings?participant=nobody-at-all", "participant")]
    [InlineData("/api/v1/meetings?participant=999999", "participant")]
    [InlineData("/api/v1/meetings?topic=no-such-topic", "topic")]
    [InlineData("/api/v1/meetings?country=Switzerland", "country")]
    [InlineData("/api/v1/meetings?from=2021-13-01", "from")]
    [InlineData("/api/v1/meetings?to=yesterday", "to")]
    [InlineData("/api/v1/meetings?limit=0", "limit")]
    [InlineData("/api/v1/meetings?limit=501", "limit")]
    [InlineData("/api/v1/meetings?cursor=not-a-cursor", "cursor")]
    [InlineData("/api/v1/meetings/no-such-meeting/participants?limit=0", "limit")]
    [InlineData("/api/v1/meetings/no-such-meeting/participants?cursor=not-a-cursor", "cursor")]
    public async Task BadListParametersAreProblems(string url, string field)
    {
        await (await reader.GetAsync(url)).AssertInvalidAsync(field);
    }

    [Fact]
    public async Task BadParametersOnAnOfficialsMeetingsAreProblems()
    {
        await CreateOfficialAsync("bad-params-official");

        await (await reader.GetAsync("/api/v1/officials/bad-params-official/meetings?kind=party")).AssertInvalidAsync("kind");
        await (await reader.GetAsync("/api/v1/officials/bad-params-official/meetings?from=16-06-2021x")).AssertInvalidAsync("from");
        await (await reader.GetAsync("/api/v1/officials/bad-params-official/meetings?participant=nobody-at-all")).AssertInvalidAsync("participant");
    }

    [Fact]
    public async Task ACursorFromAnotherListIsRejected()
    {
        var official = await CreateOfficialAsync("cursor-participant-a");
        var second = await CreateOfficialAsync("cursor-participant-b");
        await CreateMeetingAsync(NewMeeting("cursor-meeting", [official, second]));
        var page = await (await reader.GetAsync("/api/v1/meetings/cursor-meeting/participants?limit=1")).ReadJsonAsync();
        var cursor = new Uri("http://x" + page.GetProperty("next").GetString()).Query.Split("cursor=")[1];

        await (await reader.GetAsync($"/api/v1/meetings?cursor={cursor}")).AssertInvalidAsync("cursor");

        var tampered = new Common.Cursor("-startsOn", "not-a-date", 1).Encode();
        await (await reader.GetAsync($"/api/v1/meetings?cursor={tampered}")).AssertInvalidAsync("cursor");
    }
}
