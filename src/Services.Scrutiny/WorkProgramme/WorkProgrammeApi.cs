using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Concordat.Scrutiny.Committees;
using Concordat.Scrutiny.Data;
using Concordat.ServiceDefaults;
using Concordat.ServiceDefaults.Access;
using Concordat.ServiceDefaults.Input;
using Concordat.ServiceKit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Concordat.Scrutiny.WorkProgramme;

public static class WorkProgrammeApi
{
    /// <summary>Maps a committee's work programme (<c>/committees/{id}/topics</c>), one topic, and the duplication warnings of a committee.</summary>
    public static IEndpointRouteBuilder MapWorkProgrammeApi(this IEndpointRouteBuilder app)
    {
        var committee = app.MapGroup("/api/scrutiny/committees/{id:guid}").WithTags("Work programme");
        committee.MapPost("/topics", AddTopic).RequireBodyRole(BodyFrom.Route("id"), ScrutinyAccess.ActForCommittee).WithName(nameof(AddTopic))
            .WithSummary("Adds a topic to the committee's work programme, proposed (a draft) or open; an open one comes back with any duplication warnings, which never block it.")
            .ProducesProblem(404);
        committee.MapGet("/topics", ListTopics).Public().WithName(nameof(ListTopics))
            .WithSummary("The committee's work programme: its open and closed topics; proposed ones too for the committee itself.")
            .ProducesProblem(404);
        committee.MapGet("/duplication-warnings", ListDuplicationWarnings).Public().WithName(nameof(ListDuplicationWarnings))
            .WithSummary("Duplication warnings raised by or against the committee's open work, newest first.")
            .ProducesProblem(404);
        var topics = app.MapGroup("/api/scrutiny/topics").WithTags("Work programme");
        topics.MapGet("/{id:guid}", GetTopic).Public().WithName(nameof(GetTopic))
            .WithSummary("One topic, with its version as the ETag: public unless proposed (then only the committee's).")
            .ProducesProblem(404);
        topics.MapPost("/{id:guid}/status", MoveTopic).RequireBodyRole(CommitteeOfTopic, ScrutinyAccess.ActForCommittee).WithName(nameof(MoveTopic))
            .WithSummary("Moves a topic on (proposed → open → closed) under If-Match; opening it checks for duplication and returns the warnings.")
            .ProducesProblem(404).ProducesProblem(409).ProducesProblem(428);
        return app;
    }

    /// <summary>The committee whose work programme holds the topic <c>/topics/{id}</c>.</summary>
    public static readonly BodyResolver CommitteeOfTopic = BodyFrom.Lookup<ScrutinyDbContext>("id", async (db, id, cancellationToken) =>
        await db.Topics.Where(t => t.Id == id).Select(t => (Guid?)t.CommitteeBodyId).SingleOrDefaultAsync(cancellationToken));

    public static async Task<Results<Created<TopicAdded>, NotFound, ValidationProblem>> AddTopic(
        Guid id, TopicRequest request, ScrutinyDbContext db, DuplicationCheck duplication, TimeProvider time, HttpContext context, CancellationToken cancellationToken)
    {
        if (request.Invalid() is { } invalid)
        {
            return invalid;
        }

        if (!await CommitteesApi.Committees(db).AnyAsync(b => b.Id == id, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        var now = time.GetUtcNow();
        var by = await ScrutinyAccess.ActorAsync(context, db, cancellationToken);
        var topic = Topic.Add(id, request.ToDetails(), request.Status ?? TopicStatus.Open, by, now);
        db.Topics.Add(topic);
        var warnings = topic.Status == TopicStatus.Open
            ? await duplication.WarnAsync(WorkKind.Topic, topic.Id, topic.Title, topic.Description ?? "", id, topic.Themes, topic.Areas, now, cancellationToken)
            : [];
        await db.SaveChangesAsync(cancellationToken);
        Versioning.Tag(context, topic);
        return TypedResults.Created($"/api/scrutiny/topics/{topic.Id}", new TopicAdded(TopicResponse.From(topic), [.. warnings.Select(DuplicationWarningResponse.From)]));
    }

    public static async Task<Results<Ok<Page<TopicResponse>>, NotFound, ValidationProblem>> ListTopics(
        Guid id, [AsParameters] ListQuery query, ScrutinyDbContext db, IBodyRoles roles, HttpContext context, CancellationToken cancellationToken)
    {
        if (!await CommitteesApi.Committees(db).AnyAsync(b => b.Id == id, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        var topics = db.Topics.Where(t => t.CommitteeBodyId == id);
        if (!await ActsForAsync(context.User, id, roles, cancellationToken))
        {
            topics = topics.Where(t => t.Status != TopicStatus.Proposed);
        }

        var page = await Paging.PageAsync(topics, query, TopicResponse.From, cancellationToken);
        return page.Result is Ok<Page<TopicResponse>> ok ? ok : (ValidationProblem)page.Result;
    }

    public static async Task<Results<Ok<TopicResponse>, NotFound>> GetTopic(Guid id, ScrutinyDbContext db, IBodyRoles roles, HttpContext context, CancellationToken cancellationToken)
    {
        var topic = await db.Topics.AsNoTracking().SingleOrDefaultAsync(t => t.Id == id && t.RemovedAt == null, cancellationToken);
        if (topic is null || topic.IsDraft && !await ActsForAsync(context.User, topic.CommitteeBodyId, roles, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        Versioning.Tag(context, topic);
        return TypedResults.Ok(TopicResponse.From(topic));
    }

    public static async Task<Results<Ok<TopicAdded>, NotFound, ValidationProblem, ProblemHttpResult>> MoveTopic(
        Guid id, TopicStatusRequest request, ScrutinyDbContext db, DuplicationCheck duplication, TimeProvider time, HttpContext context, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        List<DuplicationWarning> warnings = [];
        var changed = await RecordResults.ChangeAsync<Topic, TopicResponse>(db, id, context, async topic =>
        {
            var opening = topic.Status == TopicStatus.Proposed && request.Status == TopicStatus.Open;
            if (topic.MoveTo(request.Status!.Value, now) is { } violation)
            {
                return violation.ToProblem();
            }

            if (opening)
            {
                warnings = await duplication.WarnAsync(WorkKind.Topic, topic.Id, topic.Title, topic.Description ?? "", topic.CommitteeBodyId, topic.Themes, topic.Areas, now, cancellationToken);
            }

            return null;
        }, TopicResponse.From, cancellationToken);
        return changed.Result switch
        {
            Ok<TopicResponse> ok => TypedResults.Ok(new TopicAdded(ok.Value!, [.. warnings.Select(DuplicationWarningResponse.From)])),
            NotFound notFound => notFound,
            ValidationProblem invalid => invalid,
            _ => (ProblemHttpResult)changed.Result,
        };
    }

    public static async Task<Results<Ok<List<DuplicationWarningResponse>>, NotFound>> ListDuplicationWarnings(Guid id, ScrutinyDbContext db, CancellationToken cancellationToken)
    {
        if (!await CommitteesApi.Committees(db).AnyAsync(b => b.Id == id, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        var warnings = await db.DuplicationWarnings.AsNoTracking()
            .Where(w => w.CommitteeBodyId == id || w.OtherCommitteeBodyId == id)
            .OrderByDescending(w => w.RaisedAt).ThenBy(w => w.Id).Take(200)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(warnings.Select(DuplicationWarningResponse.From).ToList());
    }

    /// <summary>Whether the caller acts for the committee (its clerk, scrutiny officer, chair or a member today), or administers the platform.</summary>
    public static async Task<bool> ActsForAsync(ClaimsPrincipal user, Guid committee, IBodyRoles roles, CancellationToken cancellationToken)
    {
        if (user.IsInRole(ConcordatRoles.PlatformAdmin))
        {
            return true;
        }

        return user.FindFirstValue(ConcordatClaims.Subject) is { Length: > 0 } subject
            && (await roles.HeldAsync(subject, committee, cancellationToken)).Overlaps(ScrutinyAccess.ActForCommittee);
    }
}

/// <summary>A topic to add: what it is about, where (areas: registry organisation ids), who is in scope, and whether it is proposed or open.</summary>
public sealed record TopicRequest(
    [property: Required(AllowEmptyStrings = false), StringLength(Topic.TitleMaxLength)] string? Title,
    [property: StringLength(Topic.DescriptionMaxLength), MultiLine] string? Description,
    IReadOnlyList<string>? Themes,
    IReadOnlyList<Guid>? Areas,
    IReadOnlyList<Guid>? BodiesInScope,
    IReadOnlyList<Guid>? OrganisationsInScope,
    TopicStatus? Status)
{
    /// <summary>A 400 naming each field the attributes cannot check; null when the request is sound.</summary>
    public ValidationProblem? Invalid()
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(Title))
        {
            errors["title"] = ["Give the topic a title."];
        }

        if (Themes is { } themes && (themes.Count > Topic.MaxListed || themes.Any(t => string.IsNullOrWhiteSpace(t) || t.Length > Topic.ThemeMaxLength)))
        {
            errors["themes"] = [$"At most {Topic.MaxListed} themes, each 1 to {Topic.ThemeMaxLength} characters."];
        }

        foreach (var (field, list) in new[] { ("areas", Areas), ("bodiesInScope", BodiesInScope), ("organisationsInScope", OrganisationsInScope) })
        {
            if (list is { } ids && (ids.Count > Topic.MaxListed || ids.Contains(Guid.Empty)))
            {
                errors[field] = [$"At most {Topic.MaxListed} registry ids, none empty."];
            }
        }

        if (Status == TopicStatus.Closed)
        {
            errors["status"] = ["A new topic is proposed or open."];
        }

        return errors.Count == 0 ? null : ScrutinyProblems.Invalid(errors);
    }

    public TopicDetails ToDetails() => new(Title!, Description, Themes ?? [], Areas ?? [], BodiesInScope ?? [], OrganisationsInScope ?? []);
}

/// <summary>The status to move a topic to.</summary>
public sealed record TopicStatusRequest([property: Required] TopicStatus? Status);

/// <summary>A topic of a committee's work programme.</summary>
public sealed record TopicResponse(
    Guid Id, Guid CommitteeBodyId, string Title, string? Description, IReadOnlyList<string> Themes, IReadOnlyList<Guid> Areas,
    IReadOnlyList<Guid> BodiesInScope, IReadOnlyList<Guid> OrganisationsInScope, TopicStatus Status, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, string CreatedBy)
{
    public static TopicResponse From(Topic t) => new(
        t.Id, t.CommitteeBodyId, t.Title, t.Description, t.Themes, t.Areas, t.BodiesInScope, t.OrganisationsInScope, t.Status, t.CreatedAt, t.UpdatedAt, t.CreatedBy);
}

/// <summary>A topic as added (or opened), with the duplication warnings its opening raised; they never block it.</summary>
public sealed record TopicAdded(TopicResponse Topic, IReadOnlyList<DuplicationWarningResponse> DuplicationWarnings);
