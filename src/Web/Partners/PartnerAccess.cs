using System.Security.Claims;

namespace Concordat.Web.Partners;

/// <summary>Whom a partner's administrator acts for: a partner's token names its organisation; a platform administrator chooses.</summary>
public static class PartnerAccess
{
    public static Guid? OrganisationOf(ClaimsPrincipal? user) =>
        user?.FindFirst("organisation")?.Value is { } value && Guid.TryParse(value, out var organisation) ? organisation : null;

    public static bool IsPlatformAdministrator(ClaimsPrincipal? user) => user?.IsInRole("platform_admin") == true
        || user?.FindAll("role").Any(r => r.Value == "platform_admin") == true;

    /// <summary>The end of a UK day as an instant: a key that expires "on 31 March" works all that day.</summary>
    public static DateTimeOffset EndOfUkDay(DateOnly day)
    {
        var london = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
        var midnight = day.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(midnight, london.GetUtcOffset(midnight));
    }
}
