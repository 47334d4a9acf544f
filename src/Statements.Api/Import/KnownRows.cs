// What a bulk import needs to know of the rows statements link to, read once inside the import's transaction: which ids
// and slugs exist (to check and resolve each line), and the names, topics and roles a statement shows (to build each
// statement's first revision, the statement as GET shows it, without reading back the rows just written).
using System.Globalization;
using System.Text;
using Dapper;
using Microsoft.Data.Sqlite;
using Statements.Api.Officials;
using Statements.Api.Statements;
using Statements.Api.Topics;

namespace Statements.Api.Import;

public static partial class BulkImportApi
{
    private sealed class KnownRows
    {
        public required Dictionary<string, long> OfficialSlugs { get; init; }
        public required Dictionary<long, OfficialRow> Officials { get; init; }
        public required Dictionary<string, long> TopicSlugs { get; init; }
        public required Dictionary<long, TopicRow> Topics { get; init; }
        public required Dictionary<string, long> MeetingSlugs { get; init; }
        public required HashSet<long> MeetingIds { get; init; }
        public required HashSet<long> SourceIds { get; init; }
        public required SpeakerRoles Roles { get; init; }
        public required KnownIds Ids { get; init; }

        public sealed record OfficialRow(long Id, string Slug, string Name);

        public sealed record TopicRow(long Id, string Slug, string Name, long? ParentId)
        {
            /// <summary>The topic's place among all topics by name, as SQLite's ORDER BY name puts them (UTF-8 bytes).</summary>
            public int Rank { get; set; }
        }

        public static async Task<KnownRows> LoadAsync(SqliteConnection connection, SqliteTransaction transaction)
        {
            const string sql = """
                SELECT id, slug, name FROM officials;
                SELECT id, slug, name, parent_id FROM topics;
                SELECT id, slug FROM meetings;
                SELECT id FROM sources;
                """;
            await using var results = await connection.QueryMultipleAsync(sql, transaction: transaction);
            var officials = (await results.ReadAsync<OfficialRow>()).ToDictionary(o => o.Id);
            var topics = (await results.ReadAsync<TopicRow>()).ToDictionary(t => t.Id);
            var meetings = (await results.ReadAsync<(long Id, string Slug)>()).ToDictionary(r => r.Slug, r => r.Id, StringComparer.OrdinalIgnoreCase);
            var sources = (await results.ReadAsync<long>()).ToHashSet();
            var roles = await SpeakerRoles.LoadAsync(connection, officialIds: null, transaction);
            var rank = 0;
            foreach (var topic in topics.Values.OrderBy(t => Encoding.UTF8.GetBytes(t.Name), ByteOrder.Instance).ThenBy(t => t.Id))
            {
                topic.Rank = rank++;
            }
            var meetingIds = meetings.Values.ToHashSet();
            return new KnownRows
            {
                // Slugs are unique whatever their case (COLLATE NOCASE), so they are looked up the same way.
                OfficialSlugs = officials.Values.ToDictionary(o => o.Slug, o => o.Id, StringComparer.OrdinalIgnoreCase),
                Officials = officials,
                TopicSlugs = topics.Values.ToDictionary(t => t.Slug, t => t.Id, StringComparer.OrdinalIgnoreCase),
                Topics = topics,
                MeetingSlugs = meetings,
                MeetingIds = meetingIds,
                SourceIds = sources,
                Roles = roles,
                Ids = new KnownIds(officials.ContainsKey, meetingIds.Contains, sources.Contains, topics.ContainsKey),
            };
        }

        /// <summary>The id named by a numeric id or a slug, if that row exists.</summary>
        public static long? Find(Dictionary<string, long> slugs, Func<long, bool> exists, string idOrSlug) =>
            Common.Ids.TryParse(idOrSlug, out var id)
                ? (exists(id) ? id : null)
                : (slugs.TryGetValue(idOrSlug, out id) ? id : null);

        /// <summary>
        /// The statement as GET /api/v1/statements/{id} shows it right after the import (StatementsApi.LoadAsync): the
        /// official and topics as summaries, the role the official held then, no relations. A test compares the two.
        /// </summary>
        public Statement Statement(long id, StatementValues values, IReadOnlyList<long> topicIds, DateTime now)
        {
            var official = Officials[values.OfficialId];
            var precision = Enum.Parse<DatePrecision>(values.Precision, ignoreCase: true);
            var saidOn = DateOnly.ParseExact(values.SaidOn, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            Topic[] topics;
            if (topicIds.Count == 0)
            {
                topics = [];
            }
            else
            {
                var rows = new TopicRow[topicIds.Count];
                for (var i = 0; i < rows.Length; i++)
                {
                    rows[i] = Topics[topicIds[i]];
                }
                Array.Sort(rows, (a, b) => a.Rank.CompareTo(b.Rank));
                topics = Array.ConvertAll(rows, t => TopicsApi.Summary(t.Id, t.Slug, t.Name, t.ParentId));
            }
            return new Statement
            {
                Id = id,
                OfficialId = official.Id,
                Official = new Official { Id = official.Id, Slug = official.Slug, Name = official.Name, Links = OfficialLinks.For(official.Id) },
                SpeakerRole = Roles.For(official.Id, saidOn, precision),
                Text = values.Text,
                Kind = Enum.Parse<StatementKind>(values.Kind, ignoreCase: true),
                Language = values.Language,
                OriginalText = values.OriginalText,
                OriginalLanguage = values.OriginalLanguage,
                SaidOn = saidOn,
                SaidOnPrecision = precision,
                Context = values.Context,
                MeetingId = values.MeetingId,
                Topics = topics,
                SourceId = values.SourceId,
                CreatedAt = now,
                UpdatedAt = now,
                Version = 1,
                Links = StatementLinks.For(id, official.Id, values.MeetingId, values.SourceId),
            };
        }

        private sealed class ByteOrder : IComparer<byte[]>
        {
            public static readonly ByteOrder Instance = new();

            public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);
        }
    }
}
