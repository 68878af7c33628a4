using Concordat.Cycle.Data;
using Concordat.ServiceDefaults.Access;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Concordat.Cycle.Bodies;

public static class BodiesApi
{
    /// <summary>Maps <c>/api/cycle/bodies</c>: the bodies the cycle knows of.</summary>
    public static IEndpointRouteBuilder MapBodiesApi(this IEndpointRouteBuilder app)
    {
        var bodies = app.MapGroup("/api/cycle/bodies").WithTags("Bodies");
        bodies.MapGet("/{id:guid}", GetBody).Public().WithName(nameof(GetBody));
        return app;
    }

    public static async Task<Results<Ok<KnownBodyResponse>, NotFound>> GetBody(
        Guid id, CycleDbContext db, CancellationToken cancellationToken)
    {
        var body = await db.Bodies.AsNoTracking().SingleOrDefaultAsync(b => b.Id == id, cancellationToken);
        return body is null
            ? TypedResults.NotFound()
            : TypedResults.Ok(new KnownBodyResponse(body.Id, body.InstanceId, body.Name, body.ShortName, body.RegisteredAt, body.Roles, body.DissolvedOn));
    }
}

public sealed record KnownBodyResponse(Guid Id, string InstanceId, string Name, string? ShortName, DateTimeOffset RegisteredAt, IReadOnlyList<string> Roles, DateOnly? DissolvedOn);
