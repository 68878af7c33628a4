using System.Net;
using Microsoft.AspNetCore.Components;
using Refit;

namespace Concordat.Web.Components;

/// <summary>
/// A page that reads a service's API. <see cref="Read{T}"/> turns the answer into what the person sees: the content;
/// for a 404 this page's not-found page (with the status); for a 400 the service's problem as an error summary
/// (<see cref="Problem"/>); anything else is a failure, and the error page says so.
/// </summary>
public abstract class ServicePage : ComponentBase
{
    [Inject]
    protected NavigationManager Navigation { get; set; } = null!;

    /// <summary>What the service refused in this request, shown by <c>ProblemSummary</c>.</summary>
    protected ServiceProblem? Problem { get; private set; }

    protected T? Read<T>(IApiResponse<T> response)
        where T : class
    {
        using (response)
        {
            if (response.IsSuccessStatusCode && response.Content is { } content)
            {
                return content;
            }

            switch (response.StatusCode)
            {
                case HttpStatusCode.NotFound:
                    Navigation.NotFound();
                    return null;
                case HttpStatusCode.BadRequest:
                // A refusal of the signed-in person (or of nobody): the service's problem says what was needed.
                case HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized:
                    Problem = ServiceProblem.From(response.Error as ApiException);
                    return null;
                default:
                    throw (Exception?)response.Error ?? new HttpRequestException($"The service answered {(int?)response.StatusCode}.");
            }
        }
    }

    /// <summary>
    /// A filter from the page's address as the API's type: a value that cannot be one (<c>?body=banana</c>) is refused
    /// in the error summary, as the service would refuse it, rather than failing the page.
    /// </summary>
    protected Guid? Identifier(string? value, string field, string label) =>
        string.IsNullOrWhiteSpace(value) ? null
            : Guid.TryParse(value, out var id) ? id
            : RefuseField<Guid?>(field, $"{label} is not one this service knows.");

    /// <inheritdoc cref="Identifier"/>
    protected DateOnly? Day(string? value, string field, string label) =>
        string.IsNullOrWhiteSpace(value) ? null
            : DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var day) ? day
            : RefuseField<DateOnly?>(field, $"{label} must be a real date, like 2026-11-30.");

    private T RefuseField<T>(string field, string message)
    {
        var errors = new Dictionary<string, string[]>(Problem?.Errors ?? new Dictionary<string, string[]>(), StringComparer.Ordinal) { [field] = [message] };
        Problem = new ServiceProblem("There is a problem", null, errors);
        return default!;
    }

    /// <summary>This page's address with <paramref name="name"/> set (or removed, when null), for pagers and filters.</summary>
    protected string With(string name, string? value) => Navigation.GetUriWithQueryParameter(name, value);

    /// <summary>An API path with the given query parameters, those without a value left out: a page's open-data link.</summary>
    protected static string ApiAddress(string path, params (string Name, string? Value)[] query)
    {
        var given = query.Where(q => !string.IsNullOrEmpty(q.Value)).Select(q => new KeyValuePair<string, string?>(q.Name, q.Value));
        return path + Microsoft.AspNetCore.Http.QueryString.Create(given);
    }
}
