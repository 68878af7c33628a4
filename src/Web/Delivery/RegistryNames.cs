using Concordat.Web.Apis;

namespace Concordat.Web.Delivery;

/// <summary>
/// Bodies' and organisations' names by id, from one page of each of the registry's lists (the cycle names them by id).
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
        using var bodies = await registry.ListBodiesAsync(null, null, null, null, status: "all", limit: 200, cursor: null, cancellationToken);
        using var organisations = await registry.ListOrganisationsAsync(limit: 200, cursor: null, cancellationToken);
        return new RegistryNames(
            bodies.IsSuccessStatusCode && bodies.Content is { } b ? b.Items.ToDictionary(x => x.Id, x => x.Name) : [],
            organisations.IsSuccessStatusCode && organisations.Content is { } o ? o.Items.ToDictionary(x => x.Id, x => x.Name) : []);
    }
}
