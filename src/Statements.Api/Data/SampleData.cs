// Loads the sample article (Data/SampleData/sample-article.txt) and what it reports into a new database.
using System.Reflection;
using Dapper;

namespace Statements.Api.Data;

public static class SampleData
{
    public static async Task LoadAsync(Db db)
    {
        await using var connection = await db.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await connection.ExecuteAsync(Read("sample-data.sql"), new { articleText = Read("sample-article.txt"), now = Db.Now() }, transaction);
        // The SQL writes rows only; their first revisions are the resources as the API shows them.
        await History.Revisions.BackfillAsync(connection, transaction);
        await transaction.CommitAsync();
    }

    private static string Read(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"SampleData.{name}")
            ?? throw new InvalidOperationException($"The embedded sample file {name} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
