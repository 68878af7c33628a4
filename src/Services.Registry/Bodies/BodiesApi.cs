using System.ComponentModel.DataAnnotations;
using Concordat.Contracts.Registry;
using Concordat.Messaging;
using Concordat.Registry.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Concordat.Registry.Bodies;

public static class BodiesApi
{
    /// <summary>Maps <c>/api/registry/bodies</c>.</summary>
    public static IEndpointRouteBuilder MapBodiesApi(this IEndpointRouteBuilder app)
    {
        var bodies = app.MapGroup("/api/registry/bodies").WithTags("Bodies");
        bodies.MapPost("/", RegisterBody).WithName(nameof(RegisterBody));
        bodies.MapGet("/{id:guid}", GetBody).WithName(nameof(GetBody));
        return app;
    }

    /// <summary>Registers a body and announces it with <see cref="BodyRegistered"/>.</summary>
    public static async Task<Created<BodyResponse>> RegisterBody(
        RegisterBodyRequest request, RegistryDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var body = Body.Register(new BodyDetails(request.Name!, request.ShortName, BodyType.Strategic, BodyScope.Thematic, null, Tier.County, null, null, null, null, []), time.GetUtcNow());
        db.Bodies.Add(body);
        db.AddIntegrationEvent(new BodyRegistered
        {
            Subject = $"bodies/{body.Id}",
            BodyId = body.Id,
            Name = body.Name,
            ShortName = body.ShortName,
        });
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/registry/bodies/{body.Id}", BodyResponse.From(body));
    }

    public static async Task<Results<Ok<BodyResponse>, NotFound>> GetBody(
        Guid id, RegistryDbContext db, CancellationToken cancellationToken)
    {
        var body = await db.Bodies.AsNoTracking().SingleOrDefaultAsync(b => b.Id == id, cancellationToken);
        return body is null ? TypedResults.NotFound() : TypedResults.Ok(BodyResponse.From(body));
    }
}

/// <summary>A body to register.</summary>
public sealed record RegisterBodyRequest(
    [property: Required(AllowEmptyStrings = false), StringLength(Body.NameMaxLength)] string? Name,
    [property: StringLength(Body.ShortNameMaxLength)] string? ShortName);

public sealed record BodyResponse(Guid Id, string Name, string? ShortName, DateTimeOffset RegisteredAt)
{
    public static BodyResponse From(Body body) => new(body.Id, body.Name, body.ShortName, body.RegisteredAt);
}
