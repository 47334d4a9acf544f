// The date filters from and to of every list (statements, statistics, meetings, sources): yyyy-MM-dd, yyyy-MM or yyyy,
// read exactly (no culture's forms), from standing for the first day of its period and to for the last; and the
// timestamp filter updatedSince, an ISO 8601 date and time with its offset.
using System.Globalization;
using System.Text.RegularExpressions;

namespace Statements.Api.Common;

public static partial class Periods
{
    /// <summary>A date filter value: yyyy-MM-dd, yyyy-MM or yyyy, as the first and last day it covers.</summary>
    public static (DateOnly Start, DateOnly End) Parse(string field, string value)
    {
        var formats = CultureInfo.InvariantCulture;
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", formats, DateTimeStyles.None, out var day))
        {
            return (day, day);
        }
        if (DateOnly.TryParseExact(value, "yyyy-MM", formats, DateTimeStyles.None, out var month))
        {
            // The month's own last day: adding a month to December 9999 would overflow.
            return (month, new DateOnly(month.Year, month.Month, DateTime.DaysInMonth(month.Year, month.Month)));
        }
        if (YearPattern().IsMatch(value) && int.Parse(value, formats) is >= 1 and <= 9999 and var year)
        {
            return (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
        }
        throw new BadInputException(field, $"'{value}' is not a date; use yyyy-MM-dd, yyyy-MM or yyyy.");
    }

    /// <summary>
    /// from and to, each when given: the first day of from's period and the last day of to's. A to that ends before
    /// from starts is a 400 naming to, rather than an empty list that looks like an answer.
    /// </summary>
    public static (DateOnly? From, DateOnly? To) ParseRange(string? from, string? to)
    {
        DateOnly? start = from is null ? null : Parse("from", from).Start;
        DateOnly? end = to is null ? null : Parse("to", to).End;
        if (start > end)
        {
            throw new BadInputException("to", $"to ({to}) ends before from ({from}) starts; give a to on or after from.");
        }
        return (start, end);
    }

    /// <summary>
    /// An ISO 8601 (RFC 3339) timestamp: yyyy-MM-ddTHH:mm, optional seconds and fraction, then Z or an offset such as
    /// +02:00. A time without a zone is a 400: it means a different instant in each time zone, and guessing UTC would
    /// silently give the wrong statements to a client that meant its local time.
    /// </summary>
    public static DateTime ParseTimestamp(string field, string value)
    {
        if (!TimestampPattern().IsMatch(value)
            || !DateTimeOffset.TryParse(value.ToUpperInvariant(), CultureInfo.InvariantCulture, DateTimeStyles.None, out var timestamp))
        {
            // A + sent bare in a query string arrives as a space: say so, since the value looks right to whoever typed it.
            var plus = value.Contains(' ') && TimestampPattern().IsMatch(value.Replace(' ', '+'))
                ? " In a URL, send the + of an offset as %2B: a bare + arrives as a space."
                : "";
            throw new BadInputException(field,
                $"'{value}' is not an ISO 8601 timestamp with a time zone; use for example 2021-06-16T00:00:00Z or 2021-06-16T02:00:00+02:00.{plus}");
        }
        return timestamp.UtcDateTime;
    }

    /// <summary>A date as the database stores it.</summary>
    public static string? Format(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,7})?)?([Zz]|[+-][0-9]{2}:[0-9]{2})$")]
    private static partial Regex TimestampPattern();

    [GeneratedRegex("^[0-9]{4}$")]
    private static partial Regex YearPattern();
}
