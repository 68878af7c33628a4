using System.Text.Json;

namespace Concordat.Registry.Records;

/// <summary>
/// The spelling the registry's events, exports and API share for an enumeration value. The events themselves are
/// built beside their records (<c>Bodies/BodyEvents.cs</c>, <c>Memberships/MembershipEvents.cs</c>) and raised by them.
/// </summary>
public static class RegistryEvents
{
    /// <summary>An enum value as it appears on the wire and in the API: <c>vice_chair</c>.</summary>
    public static string Wire<TEnum>(TEnum value)
        where TEnum : struct, Enum => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());
}
