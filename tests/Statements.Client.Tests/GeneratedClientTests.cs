// An integrator's session through the C# client that NSwag generates from the build's OpenAPI document, used as
// generated: create linked resources, page a filtered list by following next, read problems as typed errors,
// and update under If-Match.
using System.Web;

namespace Statements.Client.Tests;

public sealed class GeneratedClientTests(LiveServer server) : IClassFixture<LiveServer>
{
    private readonly string run = Guid.NewGuid().ToString("N")[..8];

    private static DateTimeOffset Day(int year, int month, int day) => new(year, month, day, 0, 0, 0, TimeSpan.Zero);

    private async Task<(Official Official, Topic Topic, Meeting Meeting, List<Statement> Statements)> CreateMeetingWithStatementsAsync(StatementsClient client)
    {
        var official = await client.CreateOfficialAsync(new OfficialInput
        {
            Slug = $"ada-client-{run}",
            Name = "Ada Client",
            Country = "GB",
            Aliases = ["A. Client"],
            Roles = [new RoleInput { Title = "Foreign Secretary", Organization = "Foreign Office", Country = "GB", Start = Day(2020, 1, 1) }],
        });
        var topic = await client.CreateTopicAsync(new TopicInput { Slug = $"client-topic-{run}", Name = "Client topic", Keywords = ["clients"] });
        var meeting = await client.CreateMeetingAsync(new MeetingInput
        {
            Slug = $"client-talks-{run}",
            Title = "Client talks",
            Kind = MeetingKind.PressConference,
            StartsOn = Day(2024, 3, 1),
            EndsOn = Day(2024, 3, 2),
            Location = new LocationInput { City = "Geneva", Country = "CH" },
            ParticipantIds = [official.Id],
            TopicIds = [topic.Id],
        });
        var statements = new List<Statement>();
        for (var i = 0; i < 5; i++)
        {
            statements.Add(await client.CreateStatementAsync(new StatementInput
            {
                OfficialId = official.Id,
                Text = $"Generated clients work unedited, part {i}.",
                Kind = i % 2 == 0 ? StatementKind.Quote : StatementKind.Paraphrase,
                Language = "en",
                SaidOn = Day(2024, 3, 1 + i),
                SaidOnPrecision = i == 4 ? DatePrecision.Month : DatePrecision.Day,
                Context = "press conference",
                MeetingId = meeting.Id,
                TopicIds = [topic.Id],
            }));
        }
        return (official, topic, meeting, statements);
    }

    [Fact]
    public async Task CreatedResourcesComeBackLinkedThroughTheGeneratedClient()
    {
        var client = server.CreateStatementsClient();

        var (official, topic, meeting, statements) = await CreateMeetingWithStatementsAsync(client);

        Assert.Equal("127.0.0.1", server.BaseAddress.Host); // a real socket, not the in-memory test server
        Assert.NotEqual(0, server.BaseAddress.Port);
        Assert.Equal(MeetingKind.PressConference, meeting.Kind);
        Assert.Equal(Day(2024, 3, 1), meeting.StartsOn);
        var last = statements[^1];
        Assert.Equal(DatePrecision.Month, last.SaidOnPrecision);
        Assert.Equal(Day(2024, 3, 1), last.SaidOn); // a month-precision date is stored as the month's first day
        Assert.Equal("Foreign Secretary", last.SpeakerRole?.Title);
        var full = await client.GetStatementAsync(last.Id, include: ["official", "meeting", "topics"]);
        Assert.Equal(official.Slug, full.Official.Slug);
        Assert.Equal("Geneva", full.Meeting?.Location?.City);
        Assert.Equal(topic.Id, Assert.Single(full.Topics).Id);
        var stats = await client.StatementStatsAsync(groupBy: StatsGroupBy.Kind, official: [official.Slug]);
        Assert.Equal(5, stats.Total);
        Assert.Equal(3, stats.Items.Single(g => g.Key == "quote").Count);
    }

    [Fact]
    public async Task AFilteredListIsReadToTheEndByFollowingNext()
    {
        var client = server.CreateStatementsClient();
        var (official, topic, _, statements) = await CreateMeetingWithStatementsAsync(client);

        var seen = new List<long>();
        var pages = 0;
        string? cursor = null;
        do
        {
            var page = await client.ListStatementsAsync(official: [official.Slug], topic: [topic.Slug], limit: 2, cursor: cursor);
            pages++;
            seen.AddRange(page.Items.Select(s => s.Id));
            cursor = null;
            if (page.Next is { } next)
            {
                // next is a relative URL that keeps the filters and adds the cursor; the client is called with the same.
                var query = HttpUtility.ParseQueryString(new Uri(server.BaseAddress, next).Query);
                Assert.Equal(official.Slug, query["official"]);
                Assert.Equal(topic.Slug, query["topic"]);
                cursor = query["cursor"];
                Assert.False(string.IsNullOrEmpty(cursor));
            }
        }
        while (cursor is not null);

        Assert.Equal(3, pages);
        Assert.Equal(statements.OrderByDescending(s => s.SaidOn).ThenByDescending(s => s.Id).Select(s => s.Id), seen);
    }

    [Fact]
    public async Task AMissingResourceIsATypedNotFoundProblem()
    {
        var client = server.CreateStatementsClient(withKey: false);

        var error = await Assert.ThrowsAsync<ApiException<ProblemDetails>>(() => client.GetOfficialAsync($"nobody-{run}"));

        Assert.Equal(404, error.StatusCode);
        Assert.Equal(404, error.Result.Status);
        Assert.Equal("Not Found", error.Result.Title);
        Assert.Contains($"nobody-{run}", error.Result.Detail);
    }

    [Fact]
    public async Task InvalidInputIsATypedValidationProblemNamingTheField()
    {
        var client = server.CreateStatementsClient();
        var (official, _, _, _) = await CreateMeetingWithStatementsAsync(client);

        var error = await Assert.ThrowsAsync<ApiException<HttpValidationProblemDetails>>(() => client.CreateStatementAsync(new StatementInput
        {
            OfficialId = official.Id,
            Text = "Said in no language.",
            Kind = StatementKind.Quote,
            Language = "English",
            SaidOn = Day(2024, 3, 1),
        }));

        Assert.Equal(400, error.StatusCode);
        Assert.Equal(400, error.Result.Status);
        Assert.Contains("language", error.Result.Errors.Keys);
        Assert.NotEmpty(error.Result.Errors["language"]);
    }

    [Fact]
    public async Task AWriteWithoutAKeyIsATypedUnauthorizedProblem()
    {
        var client = server.CreateStatementsClient(withKey: false);

        var error = await Assert.ThrowsAsync<ApiException<ProblemDetails>>(() =>
            client.CreateTopicAsync(new TopicInput { Slug = $"keyless-{run}", Name = "Keyless" }));

        Assert.Equal(401, error.StatusCode);
    }

    [Fact]
    public async Task AnUpdateUnderIfMatchSucceedsOnceAndAStaleVersionIsPreconditionFailed()
    {
        var client = server.CreateStatementsClient();
        var (official, _, _, statements) = await CreateMeetingWithStatementsAsync(client);
        var statement = statements[0];
        var etag = $"\"{statement.Version}\"";
        var input = new StatementInput
        {
            OfficialId = official.Id,
            Text = "Generated clients work unedited, corrected.",
            Kind = StatementKind.Quote,
            Language = "en",
            SaidOn = statement.SaidOn,
            TopicIds = [],
        };

        var updated = await client.ReplaceStatementAsync(statement.Id, input, if_Match: etag);
        var stale = await Assert.ThrowsAsync<ApiException<ProblemDetails>>(() => client.ReplaceStatementAsync(statement.Id, input, if_Match: etag));
        var patched = await client.PatchStatementAsync(statement.Id, new StatementPatch { Context = "corrected" }, if_Match: $"\"{updated.Version}\"");

        Assert.Equal(statement.Version + 1, updated.Version);
        Assert.Equal("Generated clients work unedited, corrected.", updated.Text);
        Assert.Empty(updated.Topics);
        Assert.Equal(412, stale.StatusCode);
        Assert.Equal(412, stale.Result.Status);
        Assert.Equal(updated.Version + 1, patched.Version);
        Assert.Equal("corrected", patched.Context);
        Assert.Equal(updated.Text, patched.Text);
    }
}
