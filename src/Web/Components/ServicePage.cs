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
    protected ServiceProblem? Problem { get; set; }

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
    /// Sends a change a form asked for. True when the service took it (the page then redirects to what changed);
    /// otherwise <see cref="Problem"/> says why and the form is shown again as typed: a refusal of the input (400, 422),
    /// a conflict (409, 412: someone changed it first), a refusal of the person (403), or a sign-in that has ended
    /// (401). A record that is not there (404) is the not-found page; anything else is a failure.
    /// </summary>
    protected bool Write(IApiResponse response)
    {
        using (response)
        {
            if (response.IsSuccessStatusCode)
            {
                return true;
            }

            Problem = response.StatusCode switch
            {
                HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity or HttpStatusCode.Conflict
                    or HttpStatusCode.PreconditionFailed or HttpStatusCode.Forbidden or HttpStatusCode.TooManyRequests
                    => Refusal(response),
                HttpStatusCode.Unauthorized => new ServiceProblem("Your sign-in has ended", "Sign in again, then send this form again.", new Dictionary<string, string[]>()),
                HttpStatusCode.NotFound => null,
                _ => throw (Exception?)response.Error ?? new HttpRequestException($"The service answered {(int?)response.StatusCode}."),
            };
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                Navigation.NotFound();
            }

            return false;
        }
    }

    /// <inheritdoc cref="Write(IApiResponse)"/>
    /// <returns>What the service answered, or null when it refused.</returns>
    protected T? Write<T>(IApiResponse<T> response)
        where T : class =>
        Write((IApiResponse)response) ? response.Content : null;

    private const string StaleDetail = "Someone changed this while you were writing. Reload the page to see what it says now, then make your change again.";

    private static ServiceProblem Refusal(IApiResponse response)
    {
        var problem = ServiceProblem.From(response.Error as ApiException);
        return response.StatusCode switch
        {
            // A version that no longer matches (the services answer 409 with their stale-version type): the page is stale.
            HttpStatusCode.PreconditionFailed
                => problem with { Detail = problem.Detail ?? StaleDetail, Stale = true },
            HttpStatusCode.Conflict when problem.Type == ServiceProblem.StaleVersionType
                => problem with { Detail = problem.Detail ?? StaleDetail, Stale = true },
            // A conflict with no reason given is taken to be the same; one with a reason is a rule, which reloading does not change.
            HttpStatusCode.Conflict when problem.Errors.Count == 0 && problem.Detail is null
                => problem with { Detail = StaleDetail, Stale = true },
            HttpStatusCode.Forbidden when problem.Detail is null => problem with { Title = "You cannot do this", Detail = "Your role does not allow it here." },
            _ => problem,
        };
    }

    /// <summary>
    /// A date a form asked for, as the API's type; when the boxes do not make a real date, the field is refused in the
    /// error summary before the service is asked (null is returned, and <paramref name="required"/> says whether empty is
    /// a refusal too).
    /// </summary>
    protected DateOnly? Day(Forms.DateParts? parts, string field, string label, bool required = true)
    {
        if (parts is null || parts.IsEmpty)
        {
            return required ? RefuseField<DateOnly?>(field, $"Enter {label.ToLowerInvariant()}.") : null;
        }

        return parts.TryGetDate(out var day) ? day : RefuseField<DateOnly?>(field, $"{label} must be a real date, like 27 3 2027.");
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
