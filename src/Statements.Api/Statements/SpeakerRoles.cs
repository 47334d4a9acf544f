// The role a speaker held when a statement was made, worked out in memory from the official's role periods: one
// query for the roles of a page's (or an export's) officials instead of a correlated subquery per statement row.
using System.Data;
using Dapper;
using Statements.Api.Common;
using Statements.Api.Officials;

namespace Statements.Api.Statements;

internal sealed class SpeakerRoles
{
    // Each role with what it shows, made once: an export asks for the role of every one of its rows.
    private readonly Dictionary<long, (RoleRow Row, SpeakerRole Shown)[]> roles;

    private SpeakerRoles(IEnumerable<RoleRow> roles) =>
        this.roles = roles.GroupBy(r => r.OfficialId).ToDictionary(g => g.Key, g => g.Select(r => (r, new SpeakerRole(r.Title, r.Organization))).ToArray());

    /// <summary>The roles of these officials, or of every official when <paramref name="officialIds"/> is null.</summary>
    public static async Task<SpeakerRoles> LoadAsync(IDbConnection connection, IReadOnlyCollection<long>? officialIds, IDbTransaction? transaction = null)
    {
        const string columns = "SELECT official_id, title, organization, country, start_on, end_on FROM official_roles";
        var rows = officialIds switch
        {
            null => await connection.QueryAsync<RoleRow>($"{columns} ORDER BY official_id, position", transaction: transaction),
            { Count: 0 } => [],
            _ => await connection.QueryAsync<RoleRow>($"{columns} WHERE official_id IN (SELECT value FROM json_each(@officialIds)) ORDER BY official_id, position",
                new { officialIds = Sql.JsonIds(officialIds) }, transaction),
        };
        return new SpeakerRoles(rows);
    }

    /// <summary>
    /// The role held during the period saidOn stands for (the day, or the whole month or year with a coarser precision):
    /// one that started by the period's end and had not ended before its start; the latest-starting one when several do
    /// (an unknown start counts as the earliest; of equal starts, the role listed last).
    /// </summary>
    public SpeakerRole? For(long officialId, DateOnly saidOn, DatePrecision precision)
    {
        var periodEnd = precision switch
        {
            // Built from the period's own last day, not by adding a month or year, which overflows in December 9999.
            DatePrecision.Month => new DateOnly(saidOn.Year, saidOn.Month, DateTime.DaysInMonth(saidOn.Year, saidOn.Month)),
            DatePrecision.Year => new DateOnly(saidOn.Year, 12, 31),
            _ => saidOn,
        };
        (RoleRow Row, SpeakerRole Shown)? best = null;
        foreach (var (role, shown) in roles.GetValueOrDefault(officialId, []))
        {
            if ((role.StartOn is null || role.StartOn <= periodEnd) && (role.EndOn is null || role.EndOn >= saidOn)
                && (best is null || Nullable.Compare(role.StartOn, best.Value.Row.StartOn) >= 0))
            {
                best = (role, shown);
            }
        }
        return best?.Shown;
    }
}
