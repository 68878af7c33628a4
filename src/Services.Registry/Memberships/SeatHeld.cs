using Concordat.Registry.Data;
using Microsoft.EntityFrameworkCore;

namespace Concordat.Registry.Memberships;

/// <summary>A place someone holds on a body: who, where, in what capacity, for whom, for how long.</summary>
public sealed record SeatHeld(
    Guid MembershipId,
    Guid BodyId,
    string BodyName,
    Guid? SeatId,
    string? SeatTitle,
    Guid PersonId,
    string PersonName,
    MembershipRole Role,
    bool Voting,
    Guid? OnBehalfOfOrganisationId,
    Guid? OnBehalfOfBodyId,
    DateOnly StartsOn,
    DateOnly? EndsOn)
{
    /// <summary>The places in <paramref name="memberships"/> held on <paramref name="day"/>, with names, by body then person.</summary>
    public static async Task<List<SeatHeld>> QueryAsync(RegistryDbContext db, IQueryable<Membership> memberships, DateOnly day, CancellationToken cancellationToken) =>
        await (from m in memberships
               where m.RemovedAt == null && m.StartsOn <= day && (m.EndsOn == null || m.EndsOn >= day)
               join b in db.Bodies on m.BodyId equals b.Id
               join p in db.People on m.PersonId equals p.Id
               join s in db.Seats on m.SeatId equals s.Id into seats
               from s in seats.DefaultIfEmpty()
               orderby b.Name, p.Name
               select new SeatHeld(m.Id, b.Id, b.Name, m.SeatId, s == null ? null : s.Title, p.Id, p.Name, m.Role, m.Voting,
                   m.OnBehalfOfOrganisationId, m.OnBehalfOfBodyId, m.StartsOn, m.EndsOn))
            .AsNoTracking()
            .ToListAsync(cancellationToken);
}
