using Concordat.Registry.Bodies;
using Concordat.Registry.Data;
using Concordat.Registry.Records;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Concordat.ServiceDefaults;
using Concordat.ServiceDefaults.Access;

namespace Concordat.Registry.Relationships;

public static class RelationshipsApi
{
    /// <summary>Maps <c>/api/registry/relationships</c> and the whole graph at <c>/api/registry/relationships/graph</c>.</summary>
    public static IEndpointRouteBuilder MapRelationshipsApi(this IEndpointRouteBuilder app)
    {
        var relationships = app.MapGroup("/api/registry/relationships").WithTags("Relationships");
        relationships.MapGet("/", ListRelationships).Public().WithName(nameof(ListRelationships));
        relationships.MapGet("/graph", GetGraph).Public().WithName(nameof(GetGraph));
        relationships.MapPost("/", RelateBodies).RequireRoles(ConcordatRoles.PlatformAdmin).WithName(nameof(RelateBodies)).ProducesProblem(409);
        relationships.MapDelete("/{id:guid}", RemoveRelationship).RequireRoles(ConcordatRoles.PlatformAdmin).WithName(nameof(RemoveRelationship)).ProducesProblem(409).ProducesProblem(428).ProducesProblem(404);
        return app;
    }

    public static Task<Results<Ok<Page<RelationshipResponse>>, ValidationProblem>> ListRelationships([AsParameters] ListQuery query, RegistryDbContext db, CancellationToken cancellationToken, Guid? body = null)
    {
        var relationships = db.Relationships.AsQueryable();
        if (body is { } b)
        {
            relationships = relationships.Where(r => r.FromBodyId == b || r.ToBodyId == b);
        }

        return Paging.PageAsync(relationships, query, RelationshipResponse.From, cancellationToken);
    }

    /// <summary>The whole landscape at once: every active body and every live relationship between them.</summary>
    public static async Task<Ok<BodyGraph>> GetGraph(RegistryDbContext db, CancellationToken cancellationToken)
    {
        var bodies = await db.Bodies.AsNoTracking().Where(b => b.RemovedAt == null && b.Status == BodyStatus.Active).OrderBy(b => b.Name)
            .Select(b => new GraphNode(b.Id, b.Name, b.ShortName, b.Type, b.Scope, b.Tier, b.Roles))
            .ToListAsync(cancellationToken);
        var ids = bodies.Select(b => b.Id).ToHashSet();
        var edges = await db.Relationships.AsNoTracking().Where(r => r.RemovedAt == null).OrderBy(r => r.CreatedAt).ToListAsync(cancellationToken);
        return TypedResults.Ok(new BodyGraph(bodies,
            [.. edges.Where(e => ids.Contains(e.FromBodyId) && ids.Contains(e.ToBodyId)).Select(RelationshipResponse.From)]));
    }

    /// <summary>Relates two bodies; refused when it would make a body part of itself, directly or through others.</summary>
    public static async Task<Results<Created<RelationshipResponse>, ValidationProblem, ProblemHttpResult>> RelateBodies(
        RelationshipRequest request, RegistryDbContext db, TimeProvider time, HttpContext context, CancellationToken cancellationToken)
    {
        // Whether an edge closes a loop depends on the whole graph of its kind, so changes to one graph take turns
        // (RelationshipRules.LockGraphAsync); the two bodies are held so neither changes under the check.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (request.Kind is { } lockedKind && RelationshipRules.IsHierarchy(lockedKind))
        {
            await RelationshipRules.LockGraphAsync(db, lockedKind, cancellationToken);
        }

        await RowLocks.ForShareAsync<Body>(db, [request.FromBodyId, request.ToBodyId], cancellationToken);
        var errors = new Dictionary<string, string[]>();
        foreach (var (field, id) in new[] { ("FromBodyId", request.FromBodyId), ("ToBodyId", request.ToBodyId) })
        {
            if (!await db.Bodies.AnyAsync(b => b.Id == id && b.RemovedAt == null, cancellationToken))
            {
                errors[field] = [$"No body {id}."];
            }
        }

        if (request.FromBodyId == request.ToBodyId)
        {
            errors["ToBodyId"] = ["A body cannot be related to itself."];
        }

        if (request.Kind is null)
        {
            errors["Kind"] = ["Kind is part_of, represented_on or reports_to."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var kind = request.Kind!.Value;
        var live = await db.Relationships.Where(r => r.RemovedAt == null && r.Kind == kind).AsNoTracking().ToListAsync(cancellationToken);
        var (relationship, violation) = BodyRelationship.Relate(live, request.FromBodyId, kind, request.ToBodyId, time.GetUtcNow());
        if (relationship is null)
        {
            return violation!.ToProblem();
        }

        db.Relationships.Add(relationship);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        Versioning.Tag(context, relationship);
        return TypedResults.Created($"/api/registry/relationships/{relationship.Id}", RelationshipResponse.From(relationship));
    }

    public static Task<Results<NoContent, NotFound, ValidationProblem, ProblemHttpResult>> RemoveRelationship(Guid id, RegistryDbContext db, TimeProvider time, HttpContext context, CancellationToken cancellationToken) =>
        RecordResults.RemoveAsync<BodyRelationship>(db, id, context, time, RecordResults.NothingInTheWay, cancellationToken);
}

public sealed record RelationshipRequest(Guid FromBodyId, RelationshipKind? Kind, Guid ToBodyId);

public sealed record RelationshipResponse(Guid Id, Guid FromBodyId, RelationshipKind Kind, Guid ToBodyId, DateTimeOffset UpdatedAt, string Version)
{
    public static RelationshipResponse From(BodyRelationship r) => new(r.Id, r.FromBodyId, r.Kind, r.ToBodyId, r.UpdatedAt, Versioning.ETagOf(r));
}

public sealed record GraphNode(Guid Id, string Name, string? ShortName, BodyType Type, BodyScope Scope, Tier Tier, IReadOnlyList<CycleRole> Roles);

/// <summary>Bodies as nodes, relationships as edges (from, kind, to).</summary>
public sealed record BodyGraph(IReadOnlyList<GraphNode> Bodies, IReadOnlyList<RelationshipResponse> Relationships);
