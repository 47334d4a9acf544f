// One SQL statement of the bulk import's hot loop, prepared once on the import's connection and run once per row with
// its values bound by position straight to SQLite, through SQLitePCLRaw (the layer Microsoft.Data.Sqlite is built on,
// so no new dependency). SqliteCommand looks every parameter up by name, converting the name to UTF-8, on every run:
// in a profile of a 100,000-statement import that binding took a fifth of the writing thread's time; Dapper adds its own
// parameter objects on top. The statement runs inside the connection's open transaction like any other (SQLite has one
// transaction per connection), and its errors are thrown as the SqliteException that SqliteCommand would throw.
// Search ranking uses it too, to read one large value where SQLite holds it (ReadOne), and the CSV export to read its
// rows' columns as SQLite holds them (Query), where Microsoft.Data.Sqlite's reader would make a string of each.
using System.Text;
using Dapper;
using Microsoft.Data.Sqlite;
using SQLitePCL;
using Statements.Api.Common;

namespace Statements.Api.Data;

internal sealed class RowStatement : IDisposable, IAsyncDisposable
{
    private readonly sqlite3 db;
    private readonly sqlite3_stmt statement;
    private byte[]? scratch;

    public RowStatement(SqliteConnection connection, string sql)
    {
        db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        SqliteException.ThrowExceptionForRC(raw.sqlite3_prepare_v2(db, sql, out statement), db);
    }

    /// <summary>Binds a named parameter, for values that stay the same for every row.</summary>
    public void Bind(string name, string? value) => Bind(IndexOf(name), value);

    public void Bind(string name, long? value) => Bind(IndexOf(name), value);

    public void Bind(int index, long value) => Check(raw.sqlite3_bind_int64(statement, index, value));

    public void Bind(int index, long? value) =>
        Check(value is { } number ? raw.sqlite3_bind_int64(statement, index, number) : raw.sqlite3_bind_null(statement, index));

    /// <summary>
    /// Binds text through a buffer the statement keeps: SQLitePCLRaw's string overload encodes each value into a new
    /// array, some 20 MB of garbage per 100,000 rows of a bulk import. SQLite copies the
    /// bytes as it binds them, so the buffer is free again at once.
    /// </summary>
    public void Bind(int index, string? value)
    {
        if (value is null)
        {
            Check(raw.sqlite3_bind_null(statement, index));
            return;
        }
        var most = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (scratch is null || scratch.Length < most)
        {
            scratch = new byte[Math.Max(most, 2 * (scratch?.Length ?? 512))];
        }
        Bind(index, scratch.AsSpan(0, Encoding.UTF8.GetBytes(value, scratch)));
    }

    /// <summary>Binds text already encoded as UTF-8, SQLite's own encoding, so that it is copied once and not converted.</summary>
    public void Bind(int index, ReadOnlySpan<byte> utf8) => Check(raw.sqlite3_bind_text(statement, index, utf8));

    /// <summary>Runs the statement with the values bound, and makes it ready for the next row (keeping the bindings).</summary>
    public void Run()
    {
        var rc = raw.sqlite3_step(statement);
        if (rc != raw.SQLITE_DONE)
        {
            SqliteException.ThrowExceptionForRC(rc, db);
        }
        raw.sqlite3_reset(statement);
    }

    /// <summary>
    /// Runs a query of one row and hands its first column to <paramref name="read"/> as SQLite holds it (text as UTF-8;
    /// empty for NULL or no row), valid only during the call: a large value is read without being copied out.
    /// </summary>
    public T ReadOne<T>(Func<ReadOnlySpan<byte>, T> read)
    {
        var value = read(Step() ? raw.sqlite3_column_blob(statement, 0) : default);
        raw.sqlite3_reset(statement);
        return value;
    }

    /// <summary>
    /// Runs a query with its parameters bound by name, up to its first row: an error in it (a malformed full-text
    /// expression, say) is thrown here, as SqliteCommand throws it when it starts a reader. The parameters are single
    /// values (numbers, text or null), not Dapper's lists (see <see cref="Sql.In"/>).
    /// </summary>
    public static RowStatement Query(SqliteConnection connection, string sql, DynamicParameters parameters)
    {
        var query = new RowStatement(connection, sql);
        try
        {
            foreach (var name in parameters.ParameterNames)
            {
                if (raw.sqlite3_bind_parameter_index(query.statement, "@" + name) is > 0 and var index)
                {
                    query.Bind(index, parameters.Get<object?>(name));
                }
            }
            query.Next();
            return query;
        }
        catch
        {
            query.Dispose();
            throw;
        }
    }

    /// <summary>Whether the query stands on a row: after <see cref="Query"/> its first, after <see cref="Next"/> the next.</summary>
    public bool HasRow { get; private set; }

    public void Next() => HasRow = Step();

    /// <summary>Steps the statement: true on a row, false when it is done.</summary>
    private bool Step()
    {
        var rc = raw.sqlite3_step(statement);
        if (rc is not (raw.SQLITE_ROW or raw.SQLITE_DONE))
        {
            SqliteException.ThrowExceptionForRC(rc, db);
        }
        return rc == raw.SQLITE_ROW;
    }

    public bool IsNull(int column) => raw.sqlite3_column_type(statement, column) == raw.SQLITE_NULL;

    public long Int64(int column) => raw.sqlite3_column_int64(statement, column);

    /// <summary>A column's text as SQLite holds it, UTF-8, valid until the next row.</summary>
    public ReadOnlySpan<byte> Utf8(int column) => raw.sqlite3_column_blob(statement, column);

    public void Dispose() => statement.Dispose();

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private void Bind(int index, object? value)
    {
        if (value is string text)
        {
            Bind(index, text);
            return;
        }
        Check(value switch
        {
            null => raw.sqlite3_bind_null(statement, index),
            long or int or short or byte => raw.sqlite3_bind_int64(statement, index, Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture)),
            bool flag => raw.sqlite3_bind_int64(statement, index, flag ? 1 : 0),
            double or float => raw.sqlite3_bind_double(statement, index, Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture)),
            _ => throw new ArgumentException($"A parameter of type {value.GetType()} cannot be bound here.", nameof(value)),
        });
    }

    private int IndexOf(string name) =>
        raw.sqlite3_bind_parameter_index(statement, name) is > 0 and var index
            ? index
            : throw new ArgumentException($"The statement has no parameter {name}.", nameof(name));

    private void Check(int rc) => SqliteException.ThrowExceptionForRC(rc, db);
}
