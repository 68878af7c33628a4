using System.Net;
using Concordat.Web.Components;
using Refit;

namespace Concordat.Web.Scrutiny;

/// <summary>
/// A service's refusal of a write as the page shows it: a 400's fields, a 409's rule and detail (someone else changed
/// it, or a rule refuses), a 403 or 404 as "you cannot do this here". Anything else is a failure (the error page).
/// </summary>
public static class Refusal
{
    /// <summary>Null when the service did it; otherwise the problem to show.</summary>
    public static ServiceProblem? Of(IApiResponse response)
    {
        if (response.IsSuccessStatusCode)
        {
            return null;
        }

        var problem = ServiceProblem.From(response.Error as ApiException);
        return response.StatusCode switch
        {
            HttpStatusCode.BadRequest or HttpStatusCode.Conflict or HttpStatusCode.UnprocessableEntity => problem,
            HttpStatusCode.PreconditionFailed or HttpStatusCode.PreconditionRequired => problem with
            {
                Title = "Someone else changed this while you were writing",
                Detail = "Reload the page to see what it says now, then try again.",
            },
            HttpStatusCode.Forbidden => problem with { Title = "You are not permitted to do this" },
            HttpStatusCode.NotFound => problem with
            {
                Title = "You cannot do this here",
                Detail = "The service does not show you this record, or it is not yours to change.",
            },
            _ => throw (Exception?)response.Error ?? new HttpRequestException($"The service answered {(int?)response.StatusCode}."),
        };
    }

    /// <summary>The ETag of a read, for the If-Match of a later write.</summary>
    public static string? ETag(IApiResponse response) => response.Headers?.ETag?.ToString();
}
