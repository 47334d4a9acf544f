// The data the benchmarks work on: a real SQLite file in a temporary folder, filled by the seed-synthetic generator,
// and the first page of 50 statements of GET /api/v1/statements read from it as the API reads it.
using System.Reflection;
using Dapper;
using Microsoft.Data.Sqlite;
using Statements.Api.Common;
using Statements.Api.Data;
using Statements.Api.Statements;

namespace Statements.Benchmarks.Micro;

public sealed class PageOfStatements : IAsyncDisposable
{
    public const int PageSize = 50;

    /// <summary>The list query of GET /api/v1/statements (default sort, first page), with the API's own column list and role join.</summary>
    public static readonly string PageSql = $"""
        {StatementsApiSql("Columns")}
        FROM statements s JOIN officials o ON o.id = s.official_id
        {StatementsApiSql("RoleJoin")}
        ORDER BY s.said_on DESC, s.id DESC
        LIMIT @take
        """;

    private readonly string folder;

    private PageOfStatements(string folder, Db db, IReadOnlyList<Statement> statements)
    {
        this.folder = folder;
        Db = db;
        Statements = statements;
    }

    public Db Db { get; }

    /// <summary>The page's statements as GET /api/v1/statements returns them (without include).</summary>
    public IReadOnlyList<Statement> Statements { get; }

    /// <summary>The page as the API answers it, with the next link made from its last statement.</summary>
    public Page<Statement> Page => new(Statements, "/api/v1/statements?cursor="
        + new Cursor("-saidOn", Statements[^1].SaidOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), Statements[^1].Id).Encode());

    /// <summary>Makes the database (2,000 synthetic statements by default) and reads the page from it.</summary>
    public static async Task<PageOfStatements> CreateAsync(int statements = 2_000)
    {
        DapperSetup.Configure();
        var folder = Directory.CreateTempSubdirectory("statements-micro-").FullName;
        var db = new Db($"Data Source={Path.Combine(folder, "bench.db")}");
        await SyntheticData.SeedAsync(db, new SyntheticData.Options(statements));
        await using var connection = await db.OpenAsync();
        var ids = (await connection.QueryAsync<long>(
            "SELECT s.id FROM statements s ORDER BY s.said_on DESC, s.id DESC LIMIT @take", new { take = PageSize })).AsList();
        var loaded = (await StatementsApi.LoadAsync(connection, ids)).ToDictionary(s => s.Id);
        return new PageOfStatements(folder, db, [.. ids.Select(id => loaded[id])]);
    }

    public async ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        await Task.Yield();
        Directory.Delete(folder, recursive: true);
    }

    // The SQL fragments are private constants of StatementsApi; reading them keeps the benchmark on the API's query.
    private static string StatementsApiSql(string name) =>
        (string)(typeof(StatementsApi).GetField(name, BindingFlags.NonPublic | BindingFlags.Static)?.GetRawConstantValue()
            ?? throw new InvalidOperationException($"StatementsApi.{name} is gone; update the micro-benchmarks."));
}
