// The date filters from and to of every list (statements, statistics, meetings, sources): yyyy-MM-dd, yyyy-MM or yyyy,
// read exactly (no culture's forms), from standing for the first day of its period and to for the last.
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

    /// <summary>A date as the database stores it.</summary>
    public static string? Format(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [GeneratedRegex("^[0-9]{4}$")]
    private static partial Regex YearPattern();
}
