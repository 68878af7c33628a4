using System.ComponentModel.DataAnnotations;
using Concordat.Cycle.Data;
using Concordat.Cycle.Issues;
using Concordat.Cycle.Timeline;
using Concordat.ServiceDefaults.Access;
using Concordat.ServiceDefaults.Input;
using Concordat.ServiceKit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Concordat.Cycle.TaskGroups;

public static class TaskGroupsApi
{
    /// <summary>Maps <c>/api/cycle/issues/{id}/task-groups</c>: the registry bodies set up to lead an issue's implementation.</summary>
    public static IEndpointRouteBuilder MapTaskGroupsApi(this IEndpointRouteBuilder app)
    {
        var groups = app.MapGroup("/api/cycle/issues/{id:guid}/task-groups").WithTags("Task groups");
        groups.MapGet("/", ListTaskGroups).Public().WithName(nameof(ListTaskGroups))
            .WithSummary("The task groups registered for an issue, oldest first.");
        groups.MapPost("/", RegisterTaskGroup).RequireBodyRole(CycleAccess.IssueHolder, CycleAccess.ActForBody).WithName(nameof(RegisterTaskGroup))
            .WithSummary("The issue's holder registers a registry body as a task group for it, so that body may lead its implementation.");
        return app;
    }

    public static async Task<Results<Ok<List<TaskGroupResponse>>, NotFound>> ListTaskGroups(Guid id, CycleDbContext db, CancellationToken cancellationToken)
    {
        if (!await db.Issues.AnyAsync(i => i.Id == id && i.RemovedAt == null, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        var groups = await db.TaskGroups.AsNoTracking().Where(g => g.IssueId == id).OrderBy(g => g.RegisteredAt).ThenBy(g => g.Id)
            .Join(db.Bodies, g => g.BodyId, b => b.Id, (g, b) => new TaskGroupResponse(g.Id, g.IssueId, g.BodyId, b.Name, g.Purpose, g.RegisteredAt, g.RegisteredBy))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(groups);
    }

    /// <summary>Registers a task group unless <see cref="TaskGroup.Rules"/> refuses it (409 naming the rule); recorded on the timeline.</summary>
    public static async Task<Results<Created<TaskGroupResponse>, NotFound, ValidationProblem, ProblemHttpResult>> RegisterTaskGroup(
        Guid id, RegisterTaskGroupRequest request, CycleDbContext db, TimeProvider time, HttpContext context, CancellationToken cancellationToken)
    {
        if (request.BodyId is not { } bodyId)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["bodyId"] = ["Name the registry body that is the task group."] });
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Held while the registration is checked and written, so a move of the issue cannot slip between the two.
        await RowLocks.ForUpdateAsync<Issue>(db, id, cancellationToken);
        var issue = await db.Issues.SingleOrDefaultAsync(i => i.Id == id && i.RemovedAt == null, cancellationToken);
        if (issue is null)
        {
            return TypedResults.NotFound();
        }

        var (bodies, unknown) = await HolderCandidates.LoadAsync(db, [bodyId], StatutoryCalendar.UkToday(time), cancellationToken);
        if (unknown is not null)
        {
            return unknown.ToProblem(CycleProblems.TypeBase, CycleProblems.Title);
        }

        var registered = await db.TaskGroups.Where(g => g.IssueId == id).Select(g => g.BodyId).ToListAsync(cancellationToken);
        var actor = await CycleAccess.ActorAsync(context, db, cancellationToken);
        var now = time.GetUtcNow();
        var (group, refused) = TaskGroup.Register(issue, bodies[0], registered, request.Purpose, actor.Name, now);
        if (refused is not null)
        {
            return refused.ToProblem(CycleProblems.TypeBase, CycleProblems.Title);
        }

        db.TaskGroups.Add(group!);
        db.Timeline.Add(TimelineEntry.Of(issue.Id, TimelineEntryKind.TaskGroupRegistered, actor, now, bodies: [bodyId], note: group!.Purpose));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Created($"/api/cycle/issues/{id}/task-groups",
            new TaskGroupResponse(group.Id, group.IssueId, group.BodyId, bodies[0].Name, group.Purpose, group.RegisteredAt, group.RegisteredBy));
    }
}

/// <summary>The registry body to register as a task group for the issue, and what it is set up to do.</summary>
public sealed record RegisterTaskGroupRequest(
    Guid? BodyId,
    [property: StringLength(TaskGroup.PurposeMaxLength), MultiLine] string? Purpose);

public sealed record TaskGroupResponse(Guid Id, Guid IssueId, Guid BodyId, string BodyName, string? Purpose, DateTimeOffset RegisteredAt, string RegisteredBy);
