// The server copies the write-ahead log back into the database file in the background (Data/Checkpoints.cs): a write
// answers once its log frames are synced, and its pages reach the database file within a second or two, although the
// log is far below the size at which a writer would checkpoint by itself.
using System.Net;

namespace Statements.Api.Tests;

public sealed class CheckpointTests(CheckpointTests.Factory factory) : IClassFixture<CheckpointTests.Factory>
{
    public sealed class Factory : ApiFactory;

    [Fact]
    public async Task WritesReachTheDatabaseFileWithinSecondsWithoutACheckpointOfTheirOwn()
    {
        var writer = factory.CreateWriter();
        Assert.Equal(HttpStatusCode.OK, (await writer.GetAsync("/health")).StatusCode);
        var before = new FileInfo(factory.DatabasePath).Length;

        const int textBytes = 1_000_000;
        var response = await writer.PostJsonAsync("/api/v1/sources", new { title = "A long transcript to checkpoint", text = new string('c', textBytes) });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);

        // The megabyte is in the log at once; the database file grows by it only when the log is copied back.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (new FileInfo(factory.DatabasePath).Length < before + textBytes && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }
        Assert.True(new FileInfo(factory.DatabasePath).Length >= before + textBytes,
            $"the database file is {new FileInfo(factory.DatabasePath).Length} bytes, {before} before a 1 MB write");
    }
}
