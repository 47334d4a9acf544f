// What a bulk import needs to know of the rows statements link to, read once inside the import's transaction: which ids
// and slugs exist, to check and resolve each line.
using Dapper;
using Microsoft.Data.Sqlite;
using Statements.Api.Statements;

namespace Statements.Api.Import;

public static partial class BulkImportApi
{
    private sealed class KnownRows
    {
        public required Dictionary<string, long> OfficialSlugs { get; init; }
        public required HashSet<long> OfficialIds { get; init; }
        public required Dictionary<string, long> TopicSlugs { get; init; }
        public required HashSet<long> TopicIds { get; init; }
        public required Dictionary<string, long> MeetingSlugs { get; init; }
        public required HashSet<long> MeetingIds { get; init; }
        public required HashSet<long> SourceIds { get; init; }
        public required KnownIds Ids { get; init; }

        public static async Task<KnownRows> LoadAsync(SqliteConnection connection, SqliteTransaction transaction)
        {
            const string sql = """
                SELECT id, slug FROM officials;
                SELECT id, slug FROM topics;
                SELECT id, slug FROM meetings;
                SELECT id FROM sources;
                """;
            await using var results = await connection.QueryMultipleAsync(sql, transaction: transaction);
            // Slugs are unique whatever their case (COLLATE NOCASE), so they are looked up the same way.
            var officials = await SlugsAsync(results);
            var topics = await SlugsAsync(results);
            var meetings = await SlugsAsync(results);
            var sources = (await results.ReadAsync<long>()).ToHashSet();
            var (officialIds, topicIds, meetingIds) = (officials.Values.ToHashSet(), topics.Values.ToHashSet(), meetings.Values.ToHashSet());
            return new KnownRows
            {
                OfficialSlugs = officials,
                OfficialIds = officialIds,
                TopicSlugs = topics,
                TopicIds = topicIds,
                MeetingSlugs = meetings,
                MeetingIds = meetingIds,
                SourceIds = sources,
                Ids = new KnownIds(officialIds.Contains, meetingIds.Contains, sources.Contains, topicIds.Contains),
            };
        }

        private static async Task<Dictionary<string, long>> SlugsAsync(SqlMapper.GridReader results) =>
            (await results.ReadAsync<(long Id, string Slug)>()).ToDictionary(r => r.Slug, r => r.Id, StringComparer.OrdinalIgnoreCase);

        /// <summary>The id named by a numeric id or a slug, if that row exists.</summary>
        public static long? Find(Dictionary<string, long> slugs, HashSet<long> ids, string idOrSlug) =>
            Common.Ids.TryParse(idOrSlug, out var id)
                ? (ids.Contains(id) ? id : null)
                : (slugs.TryGetValue(idOrSlug, out id) ? id : null);
    }
}
