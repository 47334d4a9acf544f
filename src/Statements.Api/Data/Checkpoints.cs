// The server copies the write-ahead log back into the database in the background, not inside a client's write: a
// checkpoint writes and fsyncs up to a thousand pages, which made the write that happened to trigger it wait that long.
namespace Statements.Api.Data;

public sealed class Checkpoints(Db db, ILogger<Checkpoints> logger) : BackgroundService
{
    /// <summary>How often the log is copied back; a passive checkpoint never waits for readers or writers.</summary>
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var connection = await db.OpenAsync(stoppingToken);
                using var command = connection.CreateCommand();
                command.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
                await command.ExecuteNonQueryAsync(stoppingToken);
            }
            catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or IOException)
            {
                // A busy or full database: the next tick tries again, and writers still checkpoint if the log grows large.
                logger.LogWarning(e, "Background checkpoint failed; retrying in {Every}", Every);
            }
        }
    }
}
