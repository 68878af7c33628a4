using Concordat.Web.Components;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;

namespace Concordat.Web.Clerk;

/// <summary>
/// A clerk's page that writes to the cycle through the forms kit (<see cref="ServicePage.Write{T}"/>): what was done,
/// from the address, for the success banner after POST-redirect-GET, and refusals this page makes before asking the
/// service (a time that is not one), shown in the same error summary.
/// </summary>
public abstract class ClerkPage : ServicePage
{
    /// <summary>The query parameter that carries what was just done, for the notification banner.</summary>
    public const string DoneParameter = "done";

    [CascadingParameter]
    protected HttpContext? HttpContext { get; set; }

    /// <summary>What was done, from the address (<c>?done=…</c>), for the banner (<see cref="DoneBanner"/>).</summary>
    [SupplyParameterFromQuery(Name = DoneParameter)]
    public string? Done { get; set; }

    protected bool SignedIn => HttpContext?.User.Identity?.IsAuthenticated == true;

    /// <summary>Refuses a field before anything is sent, as the service would, beside any other refusal.</summary>
    protected void Refuse(string field, string message)
    {
        var errors = new Dictionary<string, string[]>(Problem?.Errors ?? new Dictionary<string, string[]>(), StringComparer.Ordinal) { [field] = [message] };
        Problem = new ServiceProblem(Problem?.Title ?? "There is a problem", Problem?.Detail, errors);
    }

    /// <summary>Renames the refusal's field keys (an API's list index as the form's row).</summary>
    protected void RenameFields(Func<string, string> rename)
    {
        if (Problem is { } problem)
        {
            var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
            foreach (var (field, messages) in problem.Errors)
            {
                errors[rename(field)] = messages;
            }

            Problem = problem with { Errors = errors };
        }
    }

    /// <summary>Goes to <paramref name="path"/> after a write, with what was done for its banner (POST-redirect-GET).</summary>
    protected void Redirect(string path, string done) =>
        Navigation.NavigateTo(path + (path.Contains('?', StringComparison.Ordinal) ? "&" : "?") + DoneParameter + "=" + Uri.EscapeDataString(done));

    protected static Guid? AsId(string? value) => Guid.TryParse(value, out var id) ? id : null;

    protected static string? OrNull(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    protected static List<Guid> Ids(IEnumerable<string>? values) => [.. (values ?? []).Select(AsId).OfType<Guid>()];
}
