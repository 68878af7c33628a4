using System.Globalization;
using System.Net;
using Concordat.Web.Components;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Refit;

namespace Concordat.Web.Clerk;

/// <summary>
/// A clerk's page that writes to the cycle: what was posted (kept, so a refused form shows what was typed), the
/// service's answer (<see cref="Send{T}"/>: a refusal becomes <see cref="Refusal"/>, shown as the error summary with
/// each field's message beside it), and the redirect after success (POST-redirect-GET) with the notice to show.
/// </summary>
public abstract class ClerkPage : ServicePage
{
    /// <summary>The query parameter that carries what was just done, for the notification banner.</summary>
    public const string DoneParameter = "done";

    [CascadingParameter]
    protected HttpContext? HttpContext { get; set; }

    /// <summary>What the service (or this page, for a value it cannot send) refused in this request.</summary>
    protected ServiceProblem? Refusal { get; private set; }

    /// <summary>The problem the summary shows: a refusal of what was posted, else one from reading.</summary>
    protected ServiceProblem? Shown => Refusal ?? Problem;

    /// <summary>What was done, from the address (<c>?done=…</c>), for the banner.</summary>
    [SupplyParameterFromQuery(Name = DoneParameter)]
    public string? Done { get; set; }

    protected bool Posted => HttpContext is { } context && HttpMethods.IsPost(context.Request.Method) && context.Request.HasFormContentType;

    /// <summary>A posted field's value as typed ("" when not posted).</summary>
    protected string Posted1(string name) => Posted && HttpContext!.Request.Form.TryGetValue(name, out var value) ? value.ToString() : "";

    /// <summary>Every value posted under <paramref name="name"/> (checkboxes).</summary>
    protected IReadOnlyList<string> PostedAll(string name) =>
        Posted && HttpContext!.Request.Form.TryGetValue(name, out var values) ? [.. values.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!)] : [];

    /// <summary>The message for <paramref name="field"/> in the current refusal, if any.</summary>
    protected string? ErrorOf(string field) => Shown?.Errors.TryGetValue(field, out var messages) == true ? string.Join(" ", messages) : null;

    /// <summary>Renames the refusal's field keys (an API's list index as the form's row).</summary>
    protected void RenameFields(Func<string, string> rename)
    {
        if (Refusal is { } refusal)
        {
            var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
            foreach (var (field, messages) in refusal.Errors)
            {
                errors[rename(field)] = messages;
            }

            Refusal = refusal with { Errors = errors };
        }
    }

    /// <summary>Refuses a field before anything is sent (a date that is not one), as the service would.</summary>
    protected void Refuse(string field, string message)
    {
        var errors = new Dictionary<string, string[]>(Refusal?.Errors ?? new Dictionary<string, string[]>(), StringComparer.Ordinal) { [field] = [message] };
        Refusal = new ServiceProblem("There is a problem", Refusal?.Detail, errors);
    }

    /// <summary>
    /// The service's answer to a write: the record when it succeeded; null with <see cref="Refusal"/> set when it
    /// refused (400 with field errors, 409 for a rule or a stale version, 403, 404, 412, 428); a failure otherwise.
    /// </summary>
    protected T? Send<T>(IApiResponse<T> response)
        where T : class
    {
        using (response)
        {
            if (response.IsSuccessStatusCode && response.Content is { } content)
            {
                return content;
            }

            var problem = ServiceProblem.From(response.Error as ApiException);
            switch (response.StatusCode)
            {
                case HttpStatusCode.BadRequest:
                case HttpStatusCode.Conflict:
                case HttpStatusCode.NotFound:
                case HttpStatusCode.UnprocessableEntity:
                    Refusal = Merge(problem, response.StatusCode);
                    return null;
                case HttpStatusCode.PreconditionFailed:
                case HttpStatusCode.PreconditionRequired:
                    Refusal = problem with { Title = "Someone else changed this", Detail = "It was changed since you opened this page. Reload the page to see it as it is now, then try again." };
                    return null;
                case HttpStatusCode.Forbidden:
                case HttpStatusCode.Unauthorized:
                    Refusal = problem with { Title = "You cannot do this", Detail = "Only the clerk, chair or a member of the body concerned may do this. Check you are signed in as the right person." };
                    return null;
                default:
                    throw (Exception?)response.Error ?? new HttpRequestException($"The service answered {(int?)response.StatusCode}.");
            }
        }
    }

    private ServiceProblem Merge(ServiceProblem problem, HttpStatusCode? status)
    {
        // A stale version is a 409 too: say what to do about it.
        if (status == HttpStatusCode.Conflict && problem.Title.Contains("version", StringComparison.OrdinalIgnoreCase))
        {
            problem = problem with { Title = "Someone else changed this", Detail = "It was changed since you opened this page. Reload the page to see it as it is now, then try again." };
        }

        if (Refusal is null)
        {
            return problem;
        }

        var errors = new Dictionary<string, string[]>(Refusal.Errors, StringComparer.Ordinal);
        foreach (var (field, messages) in problem.Errors)
        {
            errors[field] = messages;
        }

        return problem with { Errors = errors };
    }

    /// <summary>Goes to <paramref name="path"/> after a write, with what was done for its banner (POST-redirect-GET).</summary>
    protected void Redirect(string path, string done) =>
        Navigation.NavigateTo(path + (path.Contains('?', StringComparison.Ordinal) ? "&" : "?") + DoneParameter + "=" + Uri.EscapeDataString(done));

    protected static Guid? AsId(string value) => Guid.TryParse(value, out var id) ? id : null;

    /// <summary>A day typed as its three parts (GOV.UK's date input), or null with the field refused when it is not one.</summary>
    protected DateOnly? PostedDay(string field, string label, bool required)
    {
        var (day, month, year) = (Posted1(field + "-day").Trim(), Posted1(field + "-month").Trim(), Posted1(field + "-year").Trim());
        if (day.Length == 0 && month.Length == 0 && year.Length == 0)
        {
            if (required)
            {
                Refuse(field, $"Enter {label}.");
            }

            return null;
        }

        if (int.TryParse(day, CultureInfo.InvariantCulture, out var d) && int.TryParse(month, CultureInfo.InvariantCulture, out var m)
            && int.TryParse(year, CultureInfo.InvariantCulture, out var y) && y is >= 1900 and <= 2200 && m is >= 1 and <= 12 && d >= 1 && d <= DateTime.DaysInMonth(y, m))
        {
            return new DateOnly(y, m, d);
        }

        Refuse(field, $"{char.ToUpperInvariant(label[0])}{label[1..]} must be a real date, like 31 1 2027.");
        return null;
    }

    /// <summary>An amount in pounds as typed ("£1,250.50"), or null when blank; refused when it is not a number.</summary>
    protected decimal? PostedPounds(string field)
    {
        var text = Posted1(field).Trim().TrimStart('£').Replace(",", "", StringComparison.Ordinal);
        if (text.Length == 0)
        {
            return null;
        }

        if (decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
        {
            return amount;
        }

        Refuse(field, "An amount is a number of pounds, like 25000 or 1250.50.");
        return null;
    }
}
