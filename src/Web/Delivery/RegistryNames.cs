using Concordat.Web.Apis;

namespace Concordat.Web.Delivery;

/// <summary>
/// Bodies' and organisations' names by id, from the registry's whole lists (<see cref="RegistryLists"/>; the cycle names them by id).
/// A name the registry does not give back reads as "a partnership" or "an organisation" rather than failing the page.
/// </summary>
public sealed class RegistryNames(IReadOnlyDictionary<Guid, string> bodies, IReadOnlyDictionary<Guid, string> organisations)
{
    public IReadOnlyDictionary<Guid, string> Bodies { get; } = bodies;

    public IReadOnlyDictionary<Guid, string> Organisations { get; } = organisations;

    public string Body(Guid id) => Bodies.GetValueOrDefault(id) ?? "a partnership";

    public string Organisation(Guid id) => Organisations.GetValueOrDefault(id) ?? "an organisation";

    public static async Task<RegistryNames> LoadAsync(IRegistryApi registry, CancellationToken cancellationToken)
    {
        var bodies = registry.AllBodiesAsync("all", cancellationToken);
        var organisations = registry.AllOrganisationsAsync(cancellationToken);
        return new RegistryNames(
            (await bodies).DistinctBy(b => b.Id).ToDictionary(b => b.Id, b => b.Name),
            (await organisations).DistinctBy(o => o.Id).ToDictionary(o => o.Id, o => o.Name));
    }
}
