using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Concordat.ServiceDefaults;
using Concordat.Subscriptions.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace Concordat.Subscriptions.Idempotency;

/// <summary>
/// <c>Idempotency-Key</c> on the service's <c>POST</c>s: the first request with a key is done and its answer kept for
/// 24 hours (encrypted); a repeat with the same method, path and body gets that answer again without doing it twice; a
/// repeat with anything else gets 422. Keys are the caller's own (its organisation, else its subject). Server errors
/// are not kept, so a request that failed may be tried again with the same key.
/// </summary>
public static class IdempotencyKeys
{
    public const string Header = "Idempotency-Key";
    private const int MaxKeyLength = 200;
    private const int MaxBodyBytes = 1024 * 1024;

    public static IApplicationBuilder UseIdempotencyKeys(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (!HttpMethods.IsPost(context.Request.Method) || !context.Request.Headers.TryGetValue(Header, out var values)
            || context.User.Identity?.IsAuthenticated != true)
        {
            await next(context);
            return;
        }

        var key = values.ToString();
        if (key.Length is 0 or > MaxKeyLength)
        {
            await Results.ValidationProblem(new Dictionary<string, string[]> { [Header] = [$"1 to {MaxKeyLength} characters."] }).ExecuteAsync(context);
            return;
        }

        var caller = CallerOf(context.User);
        context.Request.EnableBuffering(MaxBodyBytes);
        var hash = await HashAsync(context.Request, context.RequestAborted);
        var services = context.RequestServices;
        var db = services.GetRequiredService<SubscriptionsDbContext>();
        var time = services.GetRequiredService<TimeProvider>();
        var protector = services.GetRequiredService<IDataProtectionProvider>().CreateProtector("Concordat.Subscriptions.IdempotentAnswers.v1");
        var now = time.GetUtcNow();
        var kept = await db.IdempotentRequests.AsNoTracking()
            .SingleOrDefaultAsync(r => r.Caller == caller && r.Key == key && r.CreatedAt > now - IdempotentRequest.KeptFor, context.RequestAborted);
        if (kept is not null)
        {
            if (kept.RequestHash != hash)
            {
                await Results.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Idempotency-Key reused",
                    detail: "This Idempotency-Key was used in the last 24 hours for a different request.").ExecuteAsync(context);
                return;
            }

            context.Response.StatusCode = kept.StatusCode;
            context.Response.ContentType = kept.ContentType;
            if (kept.Location is not null)
            {
                context.Response.Headers.Location = kept.Location;
            }

            context.Response.Headers["Idempotent-Replayed"] = "true";
            await context.Response.WriteAsync(protector.Unprotect(kept.ProtectedBody), context.RequestAborted);
            return;
        }

        var original = context.Response.Body;
        using var captured = new MemoryStream();
        context.Response.Body = captured;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }

        if (context.Response.StatusCode < 500)
        {
            await db.IdempotentRequests.Where(r => r.Caller == caller && r.Key == key).ExecuteDeleteAsync(CancellationToken.None);
            db.IdempotentRequests.Add(new IdempotentRequest
            {
                Caller = caller,
                Key = key,
                RequestHash = hash,
                StatusCode = context.Response.StatusCode,
                ContentType = context.Response.ContentType,
                Location = context.Response.Headers.Location.ToString() is { Length: > 0 } location ? location : null,
                ProtectedBody = protector.Protect(Encoding.UTF8.GetString(captured.ToArray())),
                CreatedAt = now,
            });
            try
            {
                await db.SaveChangesAsync(CancellationToken.None);
            }
            catch (DbUpdateException)
            {
                // A concurrent request with the same key kept its answer first.
            }
        }

        captured.Position = 0;
        await captured.CopyToAsync(original, CancellationToken.None);
    });

    private static string CallerOf(ClaimsPrincipal user) =>
        user.FindFirstValue(ConcordatClaims.Organisation) is { Length: > 0 } organisation && !user.IsInRole(ConcordatRoles.PlatformAdmin)
            ? "organisation:" + organisation
            : "subject:" + (user.FindFirstValue(ConcordatClaims.Subject) ?? user.FindFirstValue(ConcordatClaims.ClientId) ?? "");

    private static async Task<string> HashAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Encoding.UTF8.GetBytes($"{request.Method} {request.Path}{request.QueryString}\n"));
        var buffer = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            sha.AppendData(buffer, 0, read);
        }

        request.Body.Position = 0;
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}

/// <summary>Removes kept answers older than 24 hours, hourly.</summary>
public sealed class IdempotencyCleanUp(IServiceScopeFactory scopes, TimeProvider time, ILogger<IdempotencyCleanUp> logger)
    : Concordat.ServiceKit.PeriodicRuns(scopes, time, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromHours(1);

    protected override string Work => "Expired idempotency keys";

    protected override async Task<int> RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var cutoff = services.GetRequiredService<TimeProvider>().GetUtcNow() - IdempotentRequest.KeptFor;
        return await services.GetRequiredService<SubscriptionsDbContext>().IdempotentRequests.Where(r => r.CreatedAt <= cutoff).ExecuteDeleteAsync(cancellationToken);
    }
}
