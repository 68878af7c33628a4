using Refit;

namespace Concordat.Web.Apis;

/// <summary>
/// The registry's whole lists of bodies and organisations, read page after page (a page holds at most 200), for the
/// names the other services give only as ids. A county partnership has tens to a few hundred of each; the reading
/// stops at <see cref="MostPages"/> pages all the same. A page the registry refuses ends the list where it is: a name
/// not found reads as "a partnership" or "an organisation" rather than failing the page.
/// </summary>
public static class RegistryLists
{
    private const int PageSize = 200;
    private const int MostPages = 50;

    /// <summary>Every body in <paramref name="status"/> (<c>active</c>, <c>dissolved</c> or <c>all</c>).</summary>
    public static Task<List<BodySummary>> AllBodiesAsync(this IRegistryApi registry, string status, CancellationToken cancellationToken) =>
        AllAsync(cursor => registry.ListBodiesAsync(null, null, null, null, status, PageSize, cursor, cancellationToken));

    /// <summary>Every organisation.</summary>
    public static Task<List<OrganisationSummary>> AllOrganisationsAsync(this IRegistryApi registry, CancellationToken cancellationToken) =>
        AllAsync(cursor => registry.ListOrganisationsAsync(PageSize, cursor, cancellationToken));

    private static async Task<List<T>> AllAsync<T>(Func<string?, Task<IApiResponse<Page<T>>>> read)
    {
        var all = new List<T>();
        string? cursor = null;
        for (var page = 0; page < MostPages; page++)
        {
            using var response = await read(cursor);
            if (!response.IsSuccessStatusCode || response.Content is not { } content)
            {
                break;
            }

            all.AddRange(content.Items);
            if ((cursor = content.Next) is null)
            {
                break;
            }
        }

        return all;
    }
}
