// Dapper's mapping of a page of statement rows (StatementRow), over the list query of GET /api/v1/statements on a real
// SQLite file: the query with every column read as an object and nothing built (the baseline), with Dapper's mapping
// as the API runs it, and with a hand-written mapping by column position.
using System.Globalization;
using BenchmarkDotNet.Attributes;
using Dapper;
using Microsoft.Data.Sqlite;
using Statements.Api.Statements;

namespace Statements.Benchmarks.Micro;

[MemoryDiagnoser]
public class RowMappingBenchmarks
{
    private PageOfStatements data = null!;
    private SqliteConnection connection = null!;
    private readonly object parameters = new { take = PageOfStatements.PageSize };

    [GlobalSetup]
    public async Task Setup()
    {
        data = await PageOfStatements.CreateAsync();
        connection = await data.Db.OpenAsync();
        if (QueryHandMapped() != PageOfStatements.PageSize || await QueryDapperStatementRows() != PageOfStatements.PageSize)
        {
            throw new InvalidOperationException("The page query did not give a full page.");
        }
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        await connection.DisposeAsync();
        await data.DisposeAsync();
    }

    /// <summary>The query alone: every column of every row read as an object, nothing built.</summary>
    [Benchmark(Baseline = true)]
    public int QueryReadColumns()
    {
        using var command = connection.CreateCommand();
        command.CommandText = PageOfStatements.PageSql;
        command.Parameters.AddWithValue("@take", PageOfStatements.PageSize);
        using var reader = command.ExecuteReader();
        var values = new object[reader.FieldCount];
        var count = 0;
        while (reader.Read())
        {
            reader.GetValues(values);
            count++;
        }
        return count;
    }

    /// <summary>The query and Dapper's mapping onto StatementRow, as the list endpoint runs it.</summary>
    [Benchmark]
    public async Task<int> QueryDapperStatementRows() =>
        (await connection.QueryAsync<StatementRow>(PageOfStatements.PageSql, parameters)).AsList().Count;

    /// <summary>The same through Dapper's synchronous Query: what the async path costs on top.</summary>
    [Benchmark]
    public int QueryDapperStatementRowsSync() =>
        connection.Query<StatementRow>(PageOfStatements.PageSql, parameters).AsList().Count;

    /// <summary>The query and a hand-written mapping onto StatementRow by column position: the floor for any mapper.</summary>
    [Benchmark]
    public int QueryHandMapped()
    {
        using var command = connection.CreateCommand();
        command.CommandText = PageOfStatements.PageSql;
        command.Parameters.AddWithValue("@take", PageOfStatements.PageSize);
        using var reader = command.ExecuteReader();
        var list = new List<StatementRow>(PageOfStatements.PageSize);
        while (reader.Read())
        {
            list.Add(new StatementRow
            {
                Id = reader.GetInt64(0),
                OfficialId = reader.GetInt64(1),
                OfficialSlug = reader.GetString(2),
                OfficialName = reader.GetString(3),
                Text = reader.GetString(4),
                Kind = reader.GetString(5),
                Language = reader.GetString(6),
                OriginalText = reader.IsDBNull(7) ? null : reader.GetString(7),
                OriginalLanguage = reader.IsDBNull(8) ? null : reader.GetString(8),
                SaidOn = DateOnly.ParseExact(reader.GetString(9), "yyyy-MM-dd", CultureInfo.InvariantCulture),
                SaidOnPrecision = reader.GetString(10),
                Context = reader.IsDBNull(11) ? null : reader.GetString(11),
                MeetingId = reader.IsDBNull(12) ? null : reader.GetInt64(12),
                SourceId = reader.IsDBNull(13) ? null : reader.GetInt64(13),
                CreatedAt = DateTime.Parse(reader.GetString(14), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal),
                UpdatedAt = DateTime.Parse(reader.GetString(15), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal),
                Version = reader.GetInt64(16),
                RoleTitle = reader.IsDBNull(17) ? null : reader.GetString(17),
                RoleOrganization = reader.IsDBNull(18) ? null : reader.GetString(18),
            });
        }
        return list.Count;
    }
}
