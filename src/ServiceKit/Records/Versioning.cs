using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;

namespace Concordat.ServiceKit;

/// <summary>
/// Optimistic concurrency over HTTP: every record is served with its version as a strong ETag; a change must
/// send it back in <c>If-Match</c>. A missing one is 428, a stale one 409 (someone changed the record since
/// it was read), so no update silently overwrites another. <c>If-Match: *</c> is refused like a missing header (428): it
/// matches any version, so it proves nothing about what the client read.
/// </summary>
public static class Versioning
{
    /// <summary>A platform-wide problem type, like the database's <c>concurrent-change</c>: any service's record can be stale.</summary>
    public const string StaleVersionType = "https://concordat.org/problems/stale-version";

    public static string ETagOf(VersionedRecord record) => $"\"{record.Version}\"";

    /// <summary>Writes the record's ETag on the response.</summary>
    public static void Tag(HttpContext context, VersionedRecord record) =>
        context.Response.Headers.ETag = ETagOf(record);

    /// <summary>
    /// Checks <c>If-Match</c> against <paramref name="record"/>; null when the change may go ahead. The save is
    /// conditional on the same version, so a change committed between this check and the save is caught too.
    /// </summary>
    public static IResult? Precondition(HttpContext context, VersionedRecord record) => Check(context, record)?.Result;

    /// <summary><see cref="Precondition"/>, typed: a malformed header is a field error, the rest are problems.</summary>
    public static Refusal? Check(HttpContext context, VersionedRecord record)
    {
        var header = context.Request.Headers.IfMatch;
        if (header.Count == 0)
        {
            return Required("Send the ETag you read (If-Match: \"<version>\") so your change cannot overwrite one you have not seen.");
        }

        if (!EntityTagHeaderValue.TryParseList(header, out var tags))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["If-Match"] = ["If-Match must be one or more quoted ETags."] });
        }

        if (tags.Any(t => t.Equals(EntityTagHeaderValue.Any)))
        {
            return Required("If-Match: * matches any version, so it would overwrite changes you have not seen; send the ETag you read.");
        }

        var current = ETagOf(record);
        var match = tags.FirstOrDefault(t => !t.IsWeak && t.Tag.Equals(current, StringComparison.Ordinal));
        if (match is null)
        {
            return Stale(current);
        }

        // The save is conditional on the version loaded (xmin is the concurrency token), which is the one matched.
        return null;
    }

    private static ProblemHttpResult Required(string detail) => TypedResults.Problem(
        title: "If-Match is required.", detail: detail, statusCode: StatusCodes.Status428PreconditionRequired);

    /// <summary>409: the record changed since the client read it.</summary>
    public static ProblemHttpResult Stale(string? current = null) => TypedResults.Problem(
        title: "The record has changed since you read it.",
        detail: current is null
            ? "Someone else changed it first. Read it again and reapply your change."
            : $"Its current version is {current}. Read it again and reapply your change.",
        statusCode: StatusCodes.Status409Conflict,
        type: StaleVersionType);

    /// <summary>Saves, answering 409 instead of throwing when another change won the race.</summary>
    public static async Task<ProblemHttpResult?> SaveAsync(DbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            return Stale();
        }
    }
}
