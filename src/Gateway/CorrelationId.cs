using System.Diagnostics;

namespace Concordat.Gateway;

/// <summary>
/// Every request through the gateway carries an <c>X-Correlation-Id</c>: the caller's when it sent
/// one, otherwise the trace id, so support staff and partners can quote one id for one request.
/// It is echoed on the response.
/// </summary>
public static class CorrelationId
{
    public const string Header = "X-Correlation-Id";
    private const int MaxLength = 128;

    public static string Of(HttpContext context) => (string)context.Items[Header]!;

    public static WebApplication UseCorrelationId(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            var given = context.Request.Headers[Header].ToString();
            var id = given.Length is > 0 and <= MaxLength
                ? given
                : Activity.Current?.TraceId.ToString() ?? Guid.CreateVersion7().ToString("N");
            context.Items[Header] = id;
            context.Response.Headers[Header] = id;
            Activity.Current?.SetTag("correlation.id", id);
            return next(context);
        });
        return app;
    }
}
