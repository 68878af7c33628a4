using Concordat.Web.Apis;

namespace Concordat.Web.Scrutiny;

/// <summary>The names of the bodies and organisations scrutiny reports name by id, read from the registry once per page.</summary>
public sealed class Addressees(IReadOnlyDictionary<Guid, string> bodies, IReadOnlyDictionary<Guid, string> organisations)
{
    public static async Task<Addressees> ReadAsync(IRegistryApi registry)
    {
        var names = await Delivery.RegistryNames.LoadAsync(registry, CancellationToken.None);
        return new(names.Bodies, names.Organisations);
    }

    public string Body(Guid id) => bodies.GetValueOrDefault(id) ?? "A partnership";

    public string Organisation(Guid id) => organisations.GetValueOrDefault(id) ?? "An organisation";

    /// <summary>Every organisation by name, for a choice of partner authority.</summary>
    public IEnumerable<KeyValuePair<Guid, string>> Organisations => organisations.OrderBy(o => o.Value, StringComparer.CurrentCulture);

    /// <summary>Every body by name, for a choice of partnership.</summary>
    public IEnumerable<KeyValuePair<Guid, string>> Bodies => bodies.OrderBy(b => b.Value, StringComparer.CurrentCulture);

    /// <summary>Who a recommendation is addressed to: an organisation or a body.</summary>
    public string Of(Recommendation recommendation) =>
        recommendation.AddresseeOrganisationId is { } organisation ? organisations.GetValueOrDefault(organisation) ?? "An organisation"
        : recommendation.AddresseeBodyId is { } body ? Body(body)
        : "Not addressed";
}
