// The seed-synthetic command: fills the database with synthetic but plausible officials, topics, meetings,
// sources and statements, for benchmarks and demos at a realistic size (a million statements in well under a
// minute). It writes with prepared SqliteCommands in one transaction instead of the API's per-request Dapper
// code, and leaves behind what the API would: the same rows, the full-text index in step with them, and one
// 'created' row per resource in the changes log. The same seed gives the same data; on a database that
// already has rows it adds to them, with slugs made unique.
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Statements.Api.Common;
using static Statements.Api.Data.SyntheticVocabulary;

namespace Statements.Api.Data;

public static class SyntheticData
{
    public const string Usage = "usage: seed-synthetic --statements N [--officials N] [--seed N]";

    /// <summary>What to generate. Officials default to one per 500 statements (at least 20).</summary>
    public sealed record Options(int Statements, int? Officials = null, int Seed = 1)
    {
        public int OfficialCount => Officials ?? Math.Max(20, Statements / 500);
        public int MeetingCount => Math.Max(1, Statements / 200);
        public int SourceCount => Math.Max(1, Statements / 20);
    }

    public sealed record Summary(int Officials, int Topics, int Meetings, int Sources, int Statements, TimeSpan Elapsed);

    // Statements fall between these days; a fixed end keeps the data the same whatever day it is made.
    private static readonly DateOnly FirstDay = new(1990, 1, 1);
    private static readonly DateOnly LastDay = new(2026, 9, 30);

    private const int ProgressEvery = 100_000;

    /// <summary>Runs "seed-synthetic --statements N [--officials N] [--seed N]"; returns the process exit code.</summary>
    public static async Task<int> RunCommandAsync(string[] args, Db db)
    {
        if (ParseArguments(args) is not { } options)
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }
        await SeedAsync(db, options, Console.Out);
        return 0;
    }

    /// <summary>The options of a command line that starts with "seed-synthetic", or null when it is not valid.</summary>
    public static Options? ParseArguments(string[] args)
    {
        if (args is not ["seed-synthetic", ..])
        {
            return null;
        }
        int? statements = null, officials = null, seed = null;
        for (var i = 1; i < args.Length; i += 2)
        {
            if (i + 1 >= args.Length
                || !int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                return null;
            }
            switch (args[i])
            {
                case "--statements" when statements is null && value > 0:
                    statements = value;
                    break;
                case "--officials" when officials is null && value > 0:
                    officials = value;
                    break;
                case "--seed" when seed is null:
                    seed = value;
                    break;
                default:
                    return null;
            }
        }
        return statements is null ? null : new Options(statements.Value, officials, seed ?? 1);
    }

    /// <summary>
    /// Applies the migrations, then adds the synthetic resources in one transaction: all of them or, if anything
    /// fails, none. Progress and timings go to the log.
    /// </summary>
    public static async Task<Summary> SeedAsync(Db db, Options options, TextWriter? log = null)
    {
        var clock = Stopwatch.StartNew();
        void Log(string message) => log?.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"seed-synthetic: {message} ({clock.Elapsed.TotalSeconds:F1} s)"));

        await Migrator.MigrateAsync(db);
        var world = new World(options);

        // A connection of its own, outside the pool, so that the bulk-load settings end with it. NORMAL is
        // durable in WAL mode except for the last commit before a power cut, and never corrupts the file.
        var connectionString = new SqliteConnectionStringBuilder(db.ConnectionString) { Pooling = false }.ToString();
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        Execute(connection, null, "PRAGMA synchronous = NORMAL; PRAGMA cache_size = -1048576; PRAGMA temp_store = MEMORY;");

        using (var transaction = connection.BeginTransaction())
        {
            WriteResources(connection, transaction, world);
            Log(string.Create(CultureInfo.InvariantCulture,
                $"{world.Officials.Count:N0} officials, {world.Topics.Count:N0} topics, {world.Meetings.Count:N0} meetings, {world.Sources.Count:N0} sources"));
            WriteStatements(connection, transaction, world, options.Statements, Log);
            transaction.Commit();
        }
        Log("committed");
        Execute(connection, null, "PRAGMA wal_checkpoint(TRUNCATE);");
        var summary = new Summary(world.Officials.Count, world.Topics.Count, world.Meetings.Count, world.Sources.Count, options.Statements, clock.Elapsed);
        log?.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seed-synthetic: done in {summary.Elapsed.TotalSeconds:F1} s"));
        return summary;
    }

    /// <summary>Topics, officials with their roles, meetings with participants and topics, and sources.</summary>
    private static void WriteResources(SqliteConnection connection, SqliteTransaction transaction, World world)
    {
        var now = Db.Now();
        using var change = Command(connection, transaction, """
            INSERT INTO changes (resource, resource_id, action, version, at)
            VALUES (@resource, @id, 'created', 1, @at)
            """, "resource", "id", "at");
        void Created(string resource, long id) => Run(change, resource, id, now);

        using (var insert = Command(connection, transaction, """
            INSERT INTO topics (id, slug, name, description, parent_id, keywords, created_at, updated_at, version)
            VALUES (@id, @slug, @name, @description, @parentId, @keywords, @now, @now, 1)
            """, "id", "slug", "name", "description", "parentId", "keywords", "now"))
        {
            var slugs = TakenSlugs(connection, transaction, "topics");
            var next = NextId(connection, transaction, "topics");
            foreach (var topic in world.Topics)
            {
                topic.Id = next++;
                topic.Slug = Unique(slugs, Slugify(topic.Seed.Name));
                Run(insert, topic.Id, topic.Slug, topic.Seed.Name, topic.Seed.Description, topic.Parent?.Id,
                    JsonSerializer.Serialize(topic.Seed.Keywords), now);
                Created("topic", topic.Id);
            }
        }

        using (var insert = Command(connection, transaction, """
            INSERT INTO officials (id, slug, name, native_name, aliases, country, wikidata_id, names_folded, created_at, updated_at, version)
            VALUES (@id, @slug, @name, @nativeName, @aliases, @country, NULL, @namesFolded, @now, @now, 1)
            """, "id", "slug", "name", "nativeName", "aliases", "country", "namesFolded", "now"))
        using (var role = Command(connection, transaction, """
            INSERT INTO official_roles (official_id, position, title, organization, country, start_on, end_on)
            VALUES (@officialId, @position, @title, @organization, @country, @start, @end)
            """, "officialId", "position", "title", "organization", "country", "start", "end"))
        {
            var slugs = TakenSlugs(connection, transaction, "officials");
            var next = NextId(connection, transaction, "officials");
            foreach (var official in world.Officials)
            {
                official.Id = next++;
                official.Slug = Unique(slugs, Slugify(official.Name));
                Run(insert, official.Id, official.Slug, official.Name, official.NativeName,
                    Officials.OfficialRow.AliasesJson(official.Aliases), official.Country,
                    Officials.NameSearch.Folded(official.Name, official.NativeName, official.Aliases), now);
                for (var i = 0; i < official.Roles.Count; i++)
                {
                    var r = official.Roles[i];
                    Run(role, official.Id, i, r.Title, r.Organization, r.Country, Day(r.Start), r.End is { } end ? Day(end) : null);
                }
                Created("official", official.Id);
            }
        }

        using (var insert = Command(connection, transaction, """
            INSERT INTO meetings (id, slug, title, kind, starts_on, ends_on, location_city, location_country, created_at, updated_at, version)
            VALUES (@id, @slug, @title, @kind, @startsOn, @endsOn, @city, @country, @now, @now, 1)
            """, "id", "slug", "title", "kind", "startsOn", "endsOn", "city", "country", "now"))
        using (var participant = Command(connection, transaction,
            "INSERT INTO meeting_participants (meeting_id, official_id) VALUES (@meetingId, @officialId)", "meetingId", "officialId"))
        using (var topic = Command(connection, transaction,
            "INSERT INTO meeting_topics (meeting_id, topic_id) VALUES (@meetingId, @topicId)", "meetingId", "topicId"))
        {
            var slugs = TakenSlugs(connection, transaction, "meetings");
            var next = NextId(connection, transaction, "meetings");
            foreach (var meeting in world.Meetings)
            {
                meeting.Id = next++;
                meeting.Slug = Unique(slugs, Slugify(meeting.Title, 90) + "-" + meeting.StartsOn.Year.ToString(CultureInfo.InvariantCulture));
                Run(insert, meeting.Id, meeting.Slug, meeting.Title, meeting.Kind, Day(meeting.StartsOn),
                    meeting.EndsOn is { } endsOn ? Day(endsOn) : null, meeting.City, meeting.Country, now);
                foreach (var official in meeting.Participants)
                {
                    Run(participant, meeting.Id, official.Id);
                }
                foreach (var t in meeting.Topics)
                {
                    Run(topic, meeting.Id, t.Id);
                }
                Created("meeting", meeting.Id);
            }
        }

        using (var insert = Command(connection, transaction, """
            INSERT INTO sources (id, url, title, publisher, published_on, language, text, created_at, updated_at, version)
            VALUES (@id, @url, @title, @publisher, @publishedOn, @language, @text, @now, @now, 1)
            """, "id", "url", "title", "publisher", "publishedOn", "language", "text", "now"))
        {
            var next = NextId(connection, transaction, "sources");
            foreach (var source in world.Sources)
            {
                source.Id = next++;
                // The id keeps the address unique however many times the command runs.
                var words = Slugify(source.Title, 60) is { Length: > 0 } slug ? slug : "article";
                var url = string.Create(CultureInfo.InvariantCulture,
                    $"https://www.{source.Publisher.Domain}/{source.PublishedOn:yyyy'/'MM'/'dd}/{words}-{source.Id}");
                Run(insert, source.Id, url, source.Title, source.Publisher.Name, Day(source.PublishedOn), source.Publisher.Language, source.Text, now);
                Created("source", source.Id);
            }
        }
    }

    /// <summary>
    /// The statements, made on a second thread while this one writes them. Indexing every row through the
    /// full-text insert trigger makes the whole load about twice as slow as filling the index for all new rows with
    /// one INSERT … SELECT at the end, so the trigger is dropped for the load and created again from its own stored
    /// SQL. When the new rows at least double the table, its indexes that would take rows at random places are
    /// dropped too and built again at the end, which sorts once instead. All of this happens inside the caller's
    /// transaction: no other connection ever sees the schema without them, and a failure leaves nothing behind.
    /// </summary>
    private static void WriteStatements(SqliteConnection connection, SqliteTransaction transaction, World world, int count, Action<string> log)
    {
        var now = Db.Now();
        var first = NextId(connection, transaction, "statements");
        var last = first + count - 1;
        var existing = Scalar(connection, transaction, "SELECT count(*) FROM statements");

        var rebuilt = SchemaObjects(connection, transaction, "type = 'trigger' AND name = 'statements_fts_insert'");
        if (rebuilt.Count != 1)
        {
            // Filling the index below as well as through an unknown trigger would index rows twice.
            throw new InvalidOperationException("The statements_fts_insert trigger is missing; the loader needs it.");
        }
        if (existing <= count / 2)
        {
            // ix_statements_updated_at only ever grows at its end here, so it stays; statement_topics' index (topic,
            // official, statement) takes its rows all over.
            rebuilt.AddRange(SchemaObjects(connection, transaction,
                "type = 'index' AND tbl_name IN ('statements', 'statement_topics') AND sql IS NOT NULL AND name <> 'ix_statements_updated_at'"));
        }
        foreach (var (type, name, _) in rebuilt)
        {
            Execute(connection, transaction, $"DROP {type.ToUpperInvariant()} {name}");
        }

        using var insert = Command(connection, transaction, """
            INSERT INTO statements (id, official_id, text, kind, language, original_text, original_language, said_on,
                                    said_on_precision, context, meeting_id, source_id, created_at, updated_at, version)
            VALUES (@id, @officialId, @text, @kind, @language, @originalText, @originalLanguage, @saidOn,
                    @precision, @context, @meetingId, @sourceId, @now, @now, 1)
            """, "id", "officialId", "text", "kind", "language", "originalText", "originalLanguage", "saidOn",
            "precision", "context", "meetingId", "sourceId", "now");
        using var topic = Command(connection, transaction,
            "INSERT INTO statement_topics (statement_id, topic_id, official_id) VALUES (@statementId, @topicId, @officialId)",
            "statementId", "topicId", "officialId");

        using var rows = new BlockingCollection<StatementRow[]>(boundedCapacity: 64);
        var producer = Task.Run(() =>
        {
            try
            {
                for (var made = 0; made < count && !rows.IsAddingCompleted;)
                {
                    var chunk = new StatementRow[Math.Min(1_000, count - made)];
                    for (var i = 0; i < chunk.Length; i++)
                    {
                        chunk[i] = world.NextStatement();
                    }
                    rows.Add(chunk);
                    made += chunk.Length;
                }
            }
            finally
            {
                rows.CompleteAdding();
            }
        });
        try
        {
            var written = 0;
            foreach (var chunk in rows.GetConsumingEnumerable())
            {
                foreach (var row in chunk)
                {
                    var id = first + written;
                    Run(insert, id, row.OfficialId, row.Text, row.Kind, row.Language, row.OriginalText, row.OriginalLanguage,
                        row.SaidOn, row.Precision, row.Context, row.MeetingId, row.SourceId, now);
                    foreach (var topicId in row.TopicIds)
                    {
                        Run(topic, id, topicId, row.OfficialId);
                    }
                    if (++written % ProgressEvery == 0 || written == count)
                    {
                        log(string.Create(CultureInfo.InvariantCulture, $"{written:N0} / {count:N0} statements"));
                    }
                }
            }
        }
        catch
        {
            // Stop the generator; the writer's exception is the one to report.
            rows.CompleteAdding();
            try
            {
                producer.Wait();
            }
            catch (AggregateException)
            {
            }
            throw;
        }
        producer.GetAwaiter().GetResult();

        using (var changes = Command(connection, transaction, """
            INSERT INTO changes (resource, resource_id, action, version, at)
            SELECT 'statement', id, 'created', 1, created_at FROM statements WHERE id BETWEEN @first AND @last ORDER BY id
            """, "first", "last"))
        {
            Run(changes, first, last);
        }
        // What the insert trigger would have done for each row, in one statement. FTS5 writes its pending terms out as a
        // new segment whenever they pass its hashsize, and merges those segments as it goes; at the 64 MiB of migration 15
        // (1 MiB by default) it writes and merges far fewer (about 30 % less time over 300,000 rows, measured A/B).
        using (var index = Command(connection, transaction, FullTextIndex.FillRange, "first", "last"))
        {
            Run(index, first, last);
        }
        log("full-text index");
        // CREATE INDEX sorts faster in many small runs, sorted on a second thread, than in one run of the whole
        // table, which a page cache as large as the one above allows: about a quarter less CPU.
        Execute(connection, transaction, "PRAGMA cache_size = -16384; PRAGMA threads = 2;");
        foreach (var (_, _, sql) in rebuilt)
        {
            Execute(connection, transaction, sql);
        }
        if (rebuilt.Count > 1)
        {
            log("indexes");
        }
    }

    /// <summary>A statement row as the generator hands it to the writer.</summary>
    private sealed record StatementRow(
        long OfficialId, string Text, string Kind, string Language, string? OriginalText, string? OriginalLanguage,
        string SaidOn, string Precision, string? Context, long? MeetingId, long? SourceId, long[] TopicIds);

    /// <summary>Type, name and creating SQL of schema objects, as stored, so that they can be made again exactly.</summary>
    private static List<(string Type, string Name, string Sql)> SchemaObjects(SqliteConnection connection, SqliteTransaction transaction, string condition)
    {
        using var command = Command(connection, transaction, $"SELECT type, name, sql FROM sqlite_master WHERE {condition} ORDER BY name");
        using var reader = command.ExecuteReader();
        var objects = new List<(string, string, string)>();
        while (reader.Read())
        {
            objects.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        }
        return objects;
    }

    private static HashSet<string> TakenSlugs(SqliteConnection connection, SqliteTransaction transaction, string table)
    {
        // Slugs compare without case, as the column does.
        var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        using var command = Command(connection, transaction, $"SELECT slug FROM {table}");
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            taken.Add(reader.GetString(0));
        }
        return taken;
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter("@" + name, DBNull.Value));
        }
        if (parameters.Length > 0)
        {
            command.Prepare();
        }
        return command;
    }

    /// <summary>Runs a prepared command with its parameters set, in order, to these values.</summary>
    private static void Run(SqliteCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }
        command.ExecuteNonQuery();
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        using var command = Command(connection, transaction, sql);
        command.ExecuteNonQuery();
    }

    private static long Scalar(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        using var command = Command(connection, transaction, sql);
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>The next id of an AUTOINCREMENT table (named by this file, never by input): past every id it has ever handed out.</summary>
    private static long NextId(SqliteConnection connection, SqliteTransaction transaction, string table) => Scalar(connection, transaction, $"""
        SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = '{table}'), 0),
                   coalesce((SELECT max(id) FROM {table}), 0)) + 1
        """);

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The slug itself when free, else the slug with the first free number appended (-2, -3, …).</summary>
    private static string Unique(HashSet<string> taken, string slug)
    {
        var candidate = slug;
        for (var n = 2; !taken.Add(candidate); n++)
        {
            candidate = string.Create(CultureInfo.InvariantCulture, $"{slug}-{n}");
        }
        return candidate;
    }

    /// <summary>Lowercase ASCII letters and digits joined by single hyphens; accents are dropped (é → e, ł → l).</summary>
    internal static string Slugify(string text, int maxLength = 90)
    {
        var slug = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            var folded = Fold(char.ToLowerInvariant(c));
            if (folded.Length > 0 && char.IsAsciiLetterOrDigit(folded[0]))
            {
                slug.Append(folded);
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }
        var result = slug.ToString().Trim('-');
        if (result.Length > maxLength)
        {
            // Cut at the last whole word that fits.
            var cut = result.LastIndexOf('-', maxLength);
            result = result[..(cut > 0 ? cut : maxLength)];
        }
        return result;
    }

    /// <summary>The text with the accented Latin letters of the name lists written without accents.</summary>
    internal static string FoldAccents(string text)
    {
        var folded = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            var lower = char.ToLowerInvariant(c);
            var plain = Fold(lower);
            folded.Append(plain.Length == 1 && lower != c ? char.ToUpperInvariant(plain[0]) : plain);
        }
        return folded.ToString();
    }

    private static string Fold(char lower) => Folding.Plain(lower) ?? lower.ToString();

    private sealed class TopicDraft(TopicSeed seed, TopicDraft? parent)
    {
        public TopicSeed Seed { get; } = seed;
        public TopicDraft? Parent { get; } = parent;
        public long Id { get; set; }
        public string Slug { get; set; } = "";
    }

    private sealed record RoleDraft(string Title, string Organization, string? Country, DateOnly Start, DateOnly? End);

    private sealed class OfficialDraft
    {
        public required string Name { get; init; }
        public required string Surname { get; init; }
        public string? NativeName { get; init; }
        public required List<string> Aliases { get; init; }
        /// <summary>ISO code; empty for officials of international organisations.</summary>
        public required string Country { get; init; }
        /// <summary>Where the official usually speaks: the home country, or a random one for international officials.</summary>
        public Country? Home { get; init; }
        public required List<RoleDraft> Roles { get; init; }
        public bool Female { get; init; }
        /// <summary>The language the official speaks when not speaking English: en, ru, fr or de.</summary>
        public required string Language { get; init; }
        /// <summary>What reported speech names instead of the speaker: "Moscow is in favour of …".</summary>
        public required string Metonym { get; init; }
        /// <summary>The days on which the official makes statements: the years in office and a little around them.</summary>
        public DateOnly ActiveFrom { get; init; }
        public DateOnly ActiveTo { get; init; }
        public long Id { get; set; }
        public string Slug { get; set; } = "";
    }

    private sealed class MeetingDraft
    {
        public required string Title { get; init; }
        /// <summary>How a statement's context names the meeting: "the G20 summit in Osaka", "an interview with …".</summary>
        public required string Reference { get; init; }
        public required string Kind { get; init; }
        public DateOnly StartsOn { get; init; }
        public DateOnly? EndsOn { get; init; }
        public string? City { get; init; }
        public string? Country { get; init; }
        public required List<OfficialDraft> Participants { get; init; }
        public required List<TopicDraft> Topics { get; init; }
        public long Id { get; set; }
        public string Slug { get; set; } = "";
    }

    private sealed class SourceDraft
    {
        public required string Title { get; init; }
        public required Publisher Publisher { get; init; }
        public DateOnly PublishedOn { get; init; }
        public string? Text { get; init; }
        public long Id { get; set; }
    }

    /// <summary>Picks items with given weights, or with Zipf-like weights 1/rank^exponent in list order.</summary>
    private sealed class Picker<T>
    {
        private readonly T[] items;
        private readonly double[] cumulative;

        public Picker(IReadOnlyList<T> items, double exponent)
            : this(items, [.. Enumerable.Range(1, items.Count).Select(rank => 1 / Math.Pow(rank, exponent))])
        {
        }

        public Picker(IReadOnlyList<T> items, IReadOnlyList<double> weights)
        {
            this.items = [.. items];
            cumulative = new double[this.items.Length];
            var total = 0.0;
            for (var i = 0; i < cumulative.Length; i++)
            {
                cumulative[i] = total += weights[i];
            }
        }

        public T Pick(Random random)
        {
            var i = Array.BinarySearch(cumulative, random.NextDouble() * cumulative[^1]);
            return items[Math.Min(i < 0 ? ~i : i, items.Length - 1)];
        }
    }

    /// <summary>
    /// Everything the command writes, made from one seeded Random: the small resources up front, then one statement
    /// at a time. Nothing here depends on the database except the ids and slugs assigned while writing.
    /// </summary>
    private sealed class World
    {
        private static readonly Picker<string> MeetingKinds = new(
            ["bilateral", "press-conference", "conference", "interview", "summit", "other"], [30.0, 25, 15, 12, 10, 8]);

        private readonly Random random;
        private readonly Prose prose;
        private readonly Picker<NamePool> pools;
        private readonly Picker<Office> nationalOffices = new(NationalOffices, [.. NationalOffices.Select(o => (double)o.Weight)]);
        private readonly Picker<Office> internationalOffices = new(InternationalOffices, [.. InternationalOffices.Select(o => (double)o.Weight)]);
        private readonly Picker<Publisher> publishers = new(Publishers, 0.6);
        private readonly Picker<TopicDraft> topics;
        private readonly Picker<OfficialDraft> speakers;
        private readonly SourceDraft[] sourcesByDay;
        private readonly int[] sourceDays;

        public List<TopicDraft> Topics { get; } = [];
        public List<OfficialDraft> Officials { get; }
        public List<MeetingDraft> Meetings { get; }
        public List<SourceDraft> Sources { get; }

        public World(Options options)
        {
            random = new Random(options.Seed);
            prose = new Prose(random);
            pools = new Picker<NamePool>(NamePools, [.. NamePoolWeights.Select(w => (double)w)]);
            foreach (var root in SyntheticVocabulary.Topics)
            {
                var parent = new TopicDraft(root, null);
                Topics.Add(parent);
                Topics.AddRange(root.Children.Select(child => new TopicDraft(child, parent)));
            }
            // Which topics and officials are talked about most changes with the seed.
            topics = new Picker<TopicDraft>(Shuffled(Topics), 0.8);
            Officials = [.. Enumerable.Range(0, options.OfficialCount).Select(_ => NewOfficial())];
            speakers = new Picker<OfficialDraft>(Shuffled(Officials), 0.8);
            Meetings = [.. Enumerable.Range(0, options.MeetingCount).Select(_ => NewMeeting())];
            Sources = [.. Enumerable.Range(0, options.SourceCount).Select(_ => NewSource())];
            sourcesByDay = [.. Sources.OrderBy(s => s.PublishedOn)];
            sourceDays = [.. sourcesByDay.Select(s => s.PublishedOn.DayNumber)];
        }

        private T[] Shuffled<T>(IEnumerable<T> items)
        {
            var array = items.ToArray();
            random.Shuffle(array);
            return array;
        }

        private T Any<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

        private bool Chance(double probability) => random.NextDouble() < probability;

        /// <summary>A day between the two, more often a recent one: there is more news about recent years.</summary>
        private DateOnly RecentDay(DateOnly from, DateOnly to)
        {
            var u = random.NextDouble();
            var share = Chance(0.3) ? u : Math.Sqrt(u);
            return from.AddDays((int)(share * (to.DayNumber - from.DayNumber)));
        }

        private DateOnly AnyDay(DateOnly from, DateOnly to) => from.AddDays(random.Next(to.DayNumber - from.DayNumber + 1));

        private static string Capitalised(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

        private OfficialDraft NewOfficial()
        {
            var pool = pools.Pick(random);
            var international = Chance(0.06);
            var code = Any(pool.Countries);
            var home = international ? null : Countries.First(c => c.Code == code);
            var first = Any(pool.FirstNames);
            var last = Any(pool.LastNames);
            while (last.Latin == first.Latin)
            {
                last = Any(pool.LastNames);  // no Thomas Thomas
            }
            var (lastLatin, lastNative) = first.Female && pool.Patronymics is not null
                ? (last.Latin + "a", last.Native + "а")  // Russian surnames in -ov, -ev, -in take -a for women
                : (last.Latin, last.Native);
            var name = pool.FamilyFirst ? $"{lastLatin} {first.Latin}" : $"{first.Latin} {lastLatin}";
            var nativeName = first.Native is null || lastNative is null ? null
                : pool.NativeWithoutSpace ? lastNative + first.Native
                : $"{first.Native} {lastNative}";

            var aliases = new List<string>();
            if (first.Alternative is { } alternative && Chance(0.6))
            {
                aliases.Add(pool.FamilyFirst ? $"{lastLatin} {alternative}" : $"{alternative} {lastLatin}");
            }
            if (pool.Patronymics is { } patronymics && Chance(0.6))
            {
                var patronymic = Any(patronymics);
                aliases.Add($"{first.Latin} {(first.Female ? patronymic.Female : patronymic.Male)} {lastLatin}");
            }
            if (pool.FamilyFirst && Chance(0.5))
            {
                aliases.Add($"{first.Latin} {lastLatin}");
            }
            if (pool.Key is "en" or "fr" or "de" or "es" or "it" or "pt" && Chance(0.25))
            {
                aliases.Add($"{first.Latin} {(char)('A' + random.Next(26))}. {lastLatin}");
            }
            aliases.Add(FoldAccents(name));
            aliases = [.. aliases.Where(a => a != name).Distinct().Take(3)];

            var roles = NewRoles(home);
            var from = roles[0].Start.AddDays(-365);
            var to = (roles[^1].End ?? LastDay).AddDays(365);
            from = from < FirstDay ? FirstDay : from;
            to = to > LastDay ? LastDay : to;
            if (to.DayNumber - from.DayNumber < 180)
            {
                (from, to) = (FirstDay, FirstDay.AddYears(3));
            }
            var organization = roles[^1].Organization;
            return new OfficialDraft
            {
                Name = name,
                Surname = lastLatin,
                NativeName = nativeName,
                Aliases = aliases,
                Country = home?.Code ?? "",
                Home = home,
                Roles = roles,
                Female = first.Female,
                Language = pool.Language,
                Metonym = home?.Capital ?? (organization == "NATO" ? organization : "The " + organization),
                ActiveFrom = from,
                ActiveTo = to,
            };
        }

        /// <summary>One to three offices held one after another; the last is still held if it has not ended by <see cref="LastDay"/>.</summary>
        private List<RoleDraft> NewRoles(Country? home)
        {
            var roles = new List<RoleDraft>();
            var count = random.Next(100) switch { < 45 => 1, < 80 => 2, _ => 3 };
            var start = AnyDay(new DateOnly(1989, 1, 1), new DateOnly(2024, 6, 30));
            Office? previous = null;
            for (var i = 0; i < count && start <= LastDay; i++)
            {
                var office = home is null ? internationalOffices.Pick(random) : nationalOffices.Pick(random);
                if (office == previous)
                {
                    office = home is null ? internationalOffices.Pick(random) : nationalOffices.Pick(random);
                }
                previous = office;
                DateOnly? end = start.AddDays(random.Next(2 * 365, 9 * 365));
                if (end > LastDay || (i == count - 1 && start.Year >= 2012 && Chance(0.25)))
                {
                    end = null;
                }
                var other = Any(Countries.Where(c => c != home).ToList()).Name;
                string Fill(string text) => home is null ? text : text
                    .Replace("{country}", home.Name, StringComparison.Ordinal)
                    .Replace("{capital}", home.Capital, StringComparison.Ordinal)
                    .Replace("{other}", other, StringComparison.Ordinal);
                roles.Add(new RoleDraft(Fill(office.Title), Fill(office.Organization), home?.Code, start, end));
                if (end is null)
                {
                    break;
                }
                start = end.Value.AddDays(Chance(0.4) ? 0 : random.Next(30, 730));
            }
            return roles;
        }

        /// <summary>Officials in office on the day where possible, the often-quoted ones more likely.</summary>
        private List<OfficialDraft> PickParticipants(DateOnly day, int count)
        {
            count = Math.Min(count, Officials.Count);
            var chosen = new List<OfficialDraft>(count);
            for (var attempt = 0; chosen.Count < count && attempt < count * 40; attempt++)
            {
                var official = speakers.Pick(random);
                var active = official.ActiveFrom <= day && day <= official.ActiveTo;
                if (!chosen.Contains(official) && (active || attempt >= count * 30))
                {
                    chosen.Add(official);
                }
            }
            if (chosen.Count == 0)
            {
                chosen.Add(Any(Officials));
            }
            return chosen;
        }

        private MeetingDraft NewMeeting()
        {
            var day = RecentDay(FirstDay, LastDay);
            var kind = MeetingKinds.Pick(random);
            var participants = PickParticipants(day, kind switch
            {
                "bilateral" => 2,
                "summit" => random.Next(3, 9),
                "conference" => random.Next(3, 7),
                "press-conference" => random.Next(1, 3),
                "interview" => 1,
                _ => random.Next(1, 4),
            });
            var host = participants[0].Home;
            var place = kind is "summit" or "conference" or "other" || host is null ? Any(Countries) : host;
            var city = Chance(0.4) ? place.Capital : Any(place.Cities);
            var first = participants[0];
            var publisher = publishers.Pick(random).Name;
            var surnames = string.Join("–", participants.Select(p => p.Surname));
            var summit = Any(SummitNames);
            var theme = topics.Pick(random).Seed.Name;
            var words = theme.Split(' ');
            if (!words.Skip(1).Any(w => char.IsUpper(w[0])) && words[0].Any(char.IsLower))
            {
                theme = char.ToLowerInvariant(theme[0]) + theme[1..];  // "energy security", but "United Nations", "NATO"
            }
            var (title, reference) = kind switch
            {
                "summit" => ($"{Capitalised(summit)} summit in {city}", $"the {summit} summit in {city}"),
                "bilateral" => ($"{surnames} talks in {city}", $"the {surnames} talks in {city}"),
                "conference" => ($"Conference on {theme} in {city}", $"the conference on {theme} in {city}"),
                "press-conference" => ($"Press conference of {first.Name} in {city}", $"a press conference in {city}"),
                "interview" => ($"Interview of {first.Name} with {publisher}", $"an interview with {publisher}"),
                _ => ($"Visit of {first.Name} to {city}", $"a visit to {city}"),
            };
            var withoutPlace = kind == "interview" && Chance(0.5);
            var meetingTopics = new List<TopicDraft>();
            for (var i = random.Next(1, 4); i > 0; i--)
            {
                var topic = topics.Pick(random);
                if (!meetingTopics.Contains(topic))
                {
                    meetingTopics.Add(topic);
                }
            }
            return new MeetingDraft
            {
                Title = title,
                Reference = reference,
                Kind = kind,
                StartsOn = day,
                EndsOn = kind is "summit" or "conference" && Chance(0.6) ? day.AddDays(random.Next(1, 3)) : null,
                City = withoutPlace ? null : city,
                Country = withoutPlace ? null : place.Code,
                Participants = participants,
                Topics = meetingTopics,
            };
        }

        private SourceDraft NewSource()
        {
            var publisher = publishers.Pick(random);
            var title = publisher.Language == "en"
                ? prose.Headline(topics.Pick(random).Seed.Name)
                : prose.Other(publisher.Language, 1).TrimEnd('.');
            return new SourceDraft
            {
                Title = title,
                Publisher = publisher,
                PublishedOn = RecentDay(FirstDay, LastDay),
                Text = Chance(0.1) ? (publisher.Language == "en" ? prose.Quote([], random.Next(3, 7)) : prose.Other(publisher.Language, random.Next(3, 7))) : null,
            };
        }

        /// <summary>The next statement: by an often-quoted official on a day in office, or at or ahead of a meeting.</summary>
        public StatementRow NextStatement()
        {
            var kind = Chance(0.6) ? "quote" : "paraphrase";
            var topicList = new List<TopicDraft>(3);
            OfficialDraft speaker;
            MeetingDraft? meeting = null;
            DateOnly saidOn;
            string precision = "day";
            string? context = null;
            if (Meetings.Count > 0 && Chance(0.15))
            {
                meeting = Any(Meetings);
                var ahead = Chance(0.2);
                speaker = Any(meeting.Participants);
                saidOn = ahead ? meeting.StartsOn.AddDays(-random.Next(1, 15)) : AnyDay(meeting.StartsOn, meeting.EndsOn ?? meeting.StartsOn);
                saidOn = saidOn < FirstDay ? FirstDay : saidOn;
                context = (ahead ? "Ahead of " : "At ") + meeting.Reference;
                topicList.AddRange(meeting.Topics.Where(_ => Chance(0.7)));
            }
            else
            {
                speaker = speakers.Pick(random);
                var day = AnyDay(speaker.ActiveFrom, speaker.ActiveTo);
                // A date known only roughly is stored as the first day of its month or year, as the API stores it.
                (saidOn, precision) = random.Next(100) switch
                {
                    < 85 => (day, "day"),
                    < 95 => (new DateOnly(day.Year, day.Month, 1), "month"),
                    _ => (new DateOnly(day.Year, 1, 1), "year"),
                };
                for (var i = random.Next(100) switch { < 20 => 0, < 60 => 1, < 88 => 2, _ => 3 }; i > 0; i--)
                {
                    var topic = topics.Pick(random);
                    if (!topicList.Contains(topic))
                    {
                        topicList.Add(topic);
                    }
                }
                if (Chance(0.55))
                {
                    var where = speaker.Home ?? Any(Countries);
                    context = Any(Contexts)
                        .Replace("{city}", Chance(0.5) ? where.Capital : Any(where.Cities), StringComparison.Ordinal)
                        .Replace("{capital}", where.Capital, StringComparison.Ordinal)
                        .Replace("{publisher}", publishers.Pick(random).Name, StringComparison.Ordinal);
                }
            }

            var keywords = topicList.Select(t => Any(t.Seed.Keywords)).ToList();
            if (Chance(0.03))
            {
                keywords.Add(Any(Any(Topics).Seed.Keywords));  // words of a topic the statement is not tagged with
            }
            var sentences = kind == "quote"
                ? random.Next(100) switch { < 40 => 1, < 80 => 2, _ => 3 }
                : random.Next(100) < 70 ? 1 : 2;
            // Officials who speak Russian, French or German are quoted in it, or in English with the original kept.
            var inOwnLanguage = speaker.Language != "en" ? random.NextDouble() : 1;
            string language = "en", text;
            string? originalText = null, originalLanguage = null;
            if (inOwnLanguage < 0.3)
            {
                language = speaker.Language;
                text = prose.Other(language, sentences);
            }
            else
            {
                text = kind == "quote" ? prose.Quote(keywords, sentences) : prose.Paraphrase(speaker, keywords, sentences);
                if (inOwnLanguage < 0.55)
                {
                    originalText = prose.Other(speaker.Language, sentences);
                    originalLanguage = speaker.Language;
                }
            }
            var source = Chance(0.45) ? SourceReporting(saidOn) : null;
            return new StatementRow(speaker.Id, text, kind, language, originalText, originalLanguage, Day(saidOn), precision,
                context, meeting?.Id, source?.Id, [.. topicList.Select(t => t.Id)]);
        }

        /// <summary>A source published on the day or within two weeks after it, if there is one.</summary>
        private SourceDraft? SourceReporting(DateOnly day)
        {
            var from = Array.BinarySearch(sourceDays, day.DayNumber);
            from = from < 0 ? ~from : from;
            while (from > 0 && sourceDays[from - 1] == day.DayNumber)
            {
                from--;
            }
            var to = from;
            while (to < sourceDays.Length && sourceDays[to] <= day.DayNumber + 14)
            {
                to++;
            }
            return to > from ? sourcesByDay[random.Next(from, to)] : null;
        }
    }

    /// <summary>
    /// Composes sentences from the vocabulary: first-person quotes, reported speech, headlines, and simple sentences
    /// in Russian, French and German. The topic keywords a statement is given are all worked into its text.
    /// </summary>
    private sealed class Prose(Random random)
    {
        private readonly Picker<string> subjects = new(Subjects, 1.0);
        private readonly Picker<string> singularSubjects = new(SingularSubjects, 0.7);
        private readonly Picker<string> thirdPersonSubjects = new(ThirdPersonSubjects, 0.7);
        private readonly Picker<string> modals = new(Modals, 0.8);
        private readonly Picker<string> pluralModals = new(PluralModals, 0.8);
        private readonly Picker<string> pastModals = new(PastModals, 0.8);
        private readonly Picker<string> conditionals = new(["would", "could", "should", "might", "would not"], 0.8);
        private readonly Picker<string> verbs = new(Verbs, 0.9);
        private readonly Picker<string> pastVerbs = new(PastVerbs, 0.8);
        private readonly Picker<string> adjectives = new(Adjectives, 0.9);
        private readonly Picker<string> nouns = new(Nouns, 0.9);
        private readonly Picker<string> determiners = new(Determiners, 1.2);
        private readonly Picker<string> places = new(Places, 0.8);
        private readonly Picker<string> times = new(Times, 0.7);
        private readonly Picker<string> beliefs = new(Beliefs, 0.7);
        private readonly Picker<string> reports = new(Reports, 0.8);
        private readonly Picker<string> priorities = new(Priorities, 0.6);
        private readonly Picker<int> quoteForms = new([0, 1, 2, 3, 4, 5, 6], [30.0, 15, 12, 12, 10, 8, 7]);
        private readonly Picker<int> reportForms = new([0, 1, 2, 3, 4, 5], [35.0, 15, 15, 12, 12, 11]);
        private readonly Dictionary<string, Picker<string>[]> others = OtherLanguages.ToDictionary(
            pair => pair.Key, pair => pair.Value.Select(words => new Picker<string>(words, 0.5)).ToArray());
        private readonly StringBuilder text = new(512);
        private readonly Queue<string> pending = new();

        private string Pick(Picker<string> picker) => picker.Pick(random);

        /// <summary>A keyword still to be used, else a noun phrase: "the new agreement", "the future of the region".</summary>
        private string Thing(bool reported = false)
        {
            if (pending.Count > 0)
            {
                return pending.Dequeue();
            }
            var determiner = reported && random.Next(3) == 0 ? "the" : Pick(determiners);
            if (reported && determiner == "our")
            {
                determiner = "its";
            }
            return random.Next(100) switch
            {
                < 45 => $"{determiner} {Pick(adjectives)} {Pick(nouns)}",
                < 85 => $"{determiner} {Pick(nouns)}",
                _ => $"{determiner} {Pick(nouns)} of the {Pick(nouns)}",
            };
        }

        /// <summary>A subject and a modal that agree: "we are ready to", "the government must".</summary>
        private string SubjectAndModal() => random.Next(100) < 75
            ? $"{Pick(subjects)} {(random.Next(2) == 0 ? Pick(modals) : Pick(pluralModals))}"
            : $"{Pick(singularSubjects)} {Pick(modals)}";

        private void Sentence(string sentence)
        {
            if (text.Length > 0)
            {
                text.Append(' ');
            }
            text.Append(char.ToUpperInvariant(sentence[0])).Append(sentence, 1, sentence.Length - 1);
        }

        private void Start(IEnumerable<string> keywords)
        {
            text.Clear();
            pending.Clear();
            foreach (var keyword in keywords)
            {
                pending.Enqueue(keyword);
            }
        }

        /// <summary>Words in the first person, as said.</summary>
        public string Quote(IEnumerable<string> keywords, int sentences)
        {
            Start(keywords);
            for (var i = 0; i < sentences || pending.Count > 0; i++)
            {
                Sentence(i >= sentences ? $"{pending.Dequeue()} {Pick(priorities)}." : quoteForms.Pick(random) switch
                {
                    0 => $"{SubjectAndModal()} {Pick(verbs)} {Thing()} {Pick(places)}.",
                    1 => $"{Pick(beliefs)} {SubjectAndModal()} {Pick(verbs)} {Thing()}.",
                    2 => $"we {Pick(pastVerbs)} {Thing()} {Pick(times)}.",
                    3 => $"{Thing()} {Pick(modals)} be {Pick(adjectives)}.",
                    4 => $"{Thing()} {Pick(priorities)}.",
                    5 => $"there is no alternative to {Thing()}.",
                    _ => $"why should we {Pick(verbs)} {Thing()}?",
                });
            }
            return text.ToString();
        }

        /// <summary>Reported speech about what the official said.</summary>
        public string Paraphrase(OfficialDraft speaker, IEnumerable<string> keywords, int sentences)
        {
            Start(keywords);
            var (pronoun, objectPronoun) = speaker.Female ? ("she", "her") : ("he", "him");
            for (var i = 0; i < sentences || pending.Count > 0; i++)
            {
                Sentence(i >= sentences ? $"{pronoun} also spoke about {pending.Dequeue()}." : reportForms.Pick(random) switch
                {
                    0 => $"{pronoun} {Pick(reports)} {Pick(thirdPersonSubjects)} {Pick(pastModals)} {Pick(verbs)} {Thing(reported: true)} {Pick(places).Replace("our ", "its ", StringComparison.Ordinal)}.",
                    1 => $"{speaker.Metonym} is in favour of {Thing(reported: true)}.",
                    2 => $"according to {objectPronoun}, {Thing(reported: true)} {Pick(conditionals)} be {Pick(adjectives)}.",
                    3 => $"{pronoun} called for {Thing(reported: true)} {Pick(places).Replace("our ", "its ", StringComparison.Ordinal)}.",
                    4 => $"{pronoun} stressed the importance of {Thing(reported: true)}.",
                    _ => $"{pronoun} warned against {Thing(reported: true)}.",
                });
            }
            return text.ToString();
        }

        public string Headline(string topic)
        {
            Start([]);
            return $"{topic}: {Pick(thirdPersonSubjects)} {Pick(modals)} {Pick(verbs)} {Thing()}";
        }

        /// <summary>Simple sentences in ru, fr or de: subject, verb, object and an ending.</summary>
        public string Other(string language, int sentences)
        {
            Start([]);
            var words = others[language];
            for (var i = 0; i < sentences; i++)
            {
                Sentence($"{words[0].Pick(random)} {words[1].Pick(random)} {words[2].Pick(random)} {words[3].Pick(random)}.");
            }
            return text.ToString();
        }
    }
}
