using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Concordat.ServiceDefaults;

/// <summary>
/// A request the framework could not read (malformed JSON, a value of the wrong kind, a wrong content type, an oversize
/// body) is the client's mistake: answer with its 4xx status as problem details, never a 500. Where the field can be
/// named it is a validation problem keyed by it (<c>elected</c>, <c>affiliations[0].organisationId</c>, <c>since</c>).
/// The status is the exception's own, so a body over the server's limit stays 413 (the gateway relies on it for chunked
/// bodies). The framework's messages name .NET types; those never reach the caller (<see cref="PublicText"/>).
/// </summary>
internal sealed partial class BadRequestExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException badRequest)
        {
            return false;
        }

        httpContext.Response.StatusCode = badRequest.StatusCode;
        var problem = badRequest.StatusCode == StatusCodes.Status413PayloadTooLarge
            ? new ProblemDetails { Title = "The request body is too large.", Detail = PublicText(badRequest.Message) }
            : Describe(badRequest, httpContext);
        problem.Status = badRequest.StatusCode;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = problem,
        });
    }

    private static ProblemDetails Describe(BadHttpRequestException badRequest, HttpContext httpContext)
    {
        if (badRequest.InnerException is JsonException json)
        {
            var field = FieldOf(json.Path);
            return Invalid(field, AllowedWords.OfBodyField(httpContext, field) is { } words
                ? $"Not one of the allowed values: {string.Join(", ", words)}."
                : JsonMessage(json));
        }

        if (BindingFailed().Match(badRequest.Message) is { Success: true } binding)
        {
            var name = binding.Groups["name"].Value;
            var value = Shorten(binding.Groups["value"].Value);
            return Invalid(name, AllowedWords.OfParameter(httpContext, name) is { } words
                ? $"'{value}' is not one of the allowed values: {string.Join(", ", words)}."
                : $"'{value}' is not {Expected(binding.Groups["type"].Value)}.");
        }

        if (NotProvided().Match(badRequest.Message) is { Success: true } missing)
        {
            return missing.Groups["source"].Value == "body"
                ? Invalid("body", "A JSON body is required.")
                : Invalid(missing.Groups["name"].Value, "Required.");
        }

        return new ProblemDetails { Title = "The request could not be read.", Detail = PublicText(badRequest.Message) };
    }

    private static HttpValidationProblemDetails Invalid(string field, string message) =>
        new(new Dictionary<string, string[]> { [field] = [message] }) { Title = "One or more validation errors occurred.", Detail = $"{field}: {message}" };

    /// <summary><c>$.affiliations[0].title</c> → <c>affiliations[0].title</c>; the document itself is <c>body</c>.</summary>
    private static string FieldOf(string? path) => path switch
    {
        null or "$" or "" => "body",
        _ when path.StartsWith("$.", StringComparison.Ordinal) => path[2..],
        _ when path.StartsWith("$[", StringComparison.Ordinal) => path[1..],
        _ => path,
    };

    private static string JsonMessage(JsonException json)
    {
        var message = json.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut < 0)
        {
            cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        }

        message = cut > 0 ? message[..cut] : message;
        if (message.StartsWith("The JSON value could not be converted to", StringComparison.Ordinal))
        {
            return "The value is not of the kind this field takes (see the API description for its type, format or allowed words).";
        }

        if (MissingProperties().Match(message) is { Success: true } missing)
        {
            return $"Required properties are missing: {missing.Groups["names"].Value}";
        }

        return PublicText(message);
    }

    private static string Expected(string type) => type switch
    {
        _ when type.Contains("Guid", StringComparison.Ordinal) => "an id (a UUID such as 0196a1b2-7c3d-7e4f-8a5b-6c7d8e9f0a1b)",
        _ when type.Contains("DateOnly", StringComparison.Ordinal) => "a date (yyyy-MM-dd)",
        _ when type.Contains("DateTime", StringComparison.Ordinal) => "an instant (ISO 8601, such as 2026-01-31T09:00:00Z)",
        _ when type.Contains("Int", StringComparison.OrdinalIgnoreCase) || type.Contains("long", StringComparison.Ordinal) => "a whole number in range",
        _ when type.Contains("bool", StringComparison.OrdinalIgnoreCase) => "true or false",
        _ when type.Contains("Wire<", StringComparison.Ordinal) => "one of the words this parameter takes (see the API description)",
        _ => "a valid value for this parameter",
    };

    private static string Shorten(string value) => value.Length <= 60 ? value : value[..57] + "...";

    /// <summary>The framework's message without the .NET types it names: a caller needs the field, not our type names.</summary>
    internal static string PublicText(string message) =>
        TypeName().Replace(ParameterType().Replace(message, "parameter \"${name}\""), "the expected type");

    [GeneratedRegex("""^Failed to bind parameter "(?<type>[^"]*) (?<name>[^" ]+)" from "(?<value>.*)"\.$""", RegexOptions.Singleline)]
    private static partial Regex BindingFailed();

    [GeneratedRegex("""^Required parameter "(?<type>[^"]*) (?<name>[^" ]+)" was not provided from (?<source>[^.]+)\.""")]
    private static partial Regex NotProvided();

    [GeneratedRegex("""missing required properties including: (?<names>.*)$""")]
    private static partial Regex MissingProperties();

    [GeneratedRegex(""""parameter "[^"]* (?<name>[^" ]+)"""")]
    private static partial Regex ParameterType();

    [GeneratedRegex("""'?\b(?:System|Microsoft|Concordat)\.[\w.`+,\[\]]+'?""")]
    private static partial Regex TypeName();
}
