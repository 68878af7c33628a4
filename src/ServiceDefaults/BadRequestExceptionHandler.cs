using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Concordat.ServiceDefaults;

/// <summary>
/// A request the framework could not read (malformed JSON, a wrong content type, an oversize body)
/// is the client's mistake: answer with its 4xx status as problem details, never a 500. The status is the
/// exception's own, so a body over the server's limit stays 413 (the gateway relies on it for chunked bodies).
/// </summary>
internal sealed class BadRequestExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException badRequest)
        {
            return false;
        }

        httpContext.Response.StatusCode = badRequest.StatusCode;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ProblemDetails
            {
                Status = badRequest.StatusCode,
                Title = badRequest.StatusCode == StatusCodes.Status413PayloadTooLarge
                    ? "The request body is too large."
                    : "The request could not be read.",
                // The framework's message names the parameter and the parse failure, never server internals.
                Detail = badRequest.InnerException is System.Text.Json.JsonException json
                    ? $"The body is not valid JSON: {json.Message}"
                    : badRequest.Message,
            },
        });
    }
}
