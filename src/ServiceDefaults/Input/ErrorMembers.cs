using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Concordat.ServiceDefaults.Input;

/// <summary>
/// A validation problem's members are named as the JSON names the fields (<c>supportingOrganisationId</c>,
/// <c>affiliations[0].organisationId</c>), whoever wrote them: the framework's validation names C# properties
/// (<c>SupportingOrganisationId</c>), and a client looks an error up by the name it sent. Every JSON member of the API
/// is camelCase and every query parameter lower case, so a PascalCase segment is a C# name and is lowered; other
/// keys (<c>If-Match</c>, <c>record_type</c>, <c>body</c>) are left as they are.
/// </summary>
public static class ErrorMembers
{
    /// <summary>Renames, in place, the field errors of <paramref name="problem"/> if it has any.</summary>
    public static void NameAsJson(ProblemDetails? problem)
    {
        if (problem is not HttpValidationProblemDetails { Errors.Count: > 0 } validation
            || !validation.Errors.Keys.Any(k => AsJsonName(k) != k))
        {
            return;
        }

        var renamed = new List<KeyValuePair<string, string[]>>();
        foreach (var (key, messages) in validation.Errors)
        {
            renamed.Add(new(AsJsonName(key), messages));
        }

        validation.Errors.Clear();
        foreach (var (key, messages) in renamed)
        {
            validation.Errors[key] = validation.Errors.TryGetValue(key, out var earlier) ? [.. earlier, .. messages] : messages;
        }
    }

    /// <summary>The result, its field errors renamed (<see cref="NameAsJson(ProblemDetails?)"/>) when it is a validation problem.</summary>
    public static object? NameAsJson(object? result)
    {
        var inner = result is INestedHttpResult nested ? nested.Result : result;
        if (inner is ValidationProblem validation)
        {
            NameAsJson(validation.ProblemDetails);
        }

        return result;
    }

    /// <summary><c>Affiliations[0].OrganisationId</c> → <c>affiliations[0].organisationId</c>; <c>If-Match</c> stays.</summary>
    public static string AsJsonName(string key)
    {
        if (key.Length == 0 || !key.Any(char.IsUpper))
        {
            return key;
        }

        var segments = key.Split('.');
        for (var i = 0; i < segments.Length; i++)
        {
            var segment = segments[i];
            var end = segment.IndexOf('[', StringComparison.Ordinal);
            var name = end < 0 ? segment : segment[..end];
            if (name.Length > 0 && char.IsUpper(name[0]) && name.All(char.IsAsciiLetterOrDigit))
            {
                segments[i] = JsonNamingPolicy.CamelCase.ConvertName(name) + segment[name.Length..];
            }
        }

        return string.Join('.', segments);
    }
}
