using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Concordat.Contracts.Cycle;
using Concordat.Cycle.Data;
using Concordat.Cycle.Issues;
using Concordat.Cycle.Timeline;
using Concordat.Messaging;
using Concordat.ServiceDefaults;
using Concordat.ServiceDefaults.Access;
using Concordat.ServiceDefaults.Input;
using Concordat.ServiceKit;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Concordat.Cycle.Meetings;

public static class MeetingsApi
{
    /// <summary>Maps <c>/api/cycle/meetings</c> (scheduling, agendas) and each body's iCalendar feed.</summary>
    public static IEndpointRouteBuilder MapMeetingsApi(this IEndpointRouteBuilder app)
    {
        var meetings = app.MapGroup("/api/cycle/meetings").WithTags("Meetings");
        meetings.MapPost("/", ScheduleMeeting).RequireBodyRole(SchedulingBody, CycleAccess.ActForBody).WithName(nameof(ScheduleMeeting))
            .WithSummary("Schedules a meeting of one body, or a joint meeting of several, with an empty draft agenda.")
            .Produces<MeetingResponse>(201).ProducesValidationProblem().ProducesProblem(409);
        meetings.MapGet("/{id:guid}", GetMeeting).Public().WithName(nameof(GetMeeting))
            .WithSummary("One meeting and its agenda, with its version as the ETag: public once the agenda is published; before that only to its bodies' clerks, chairs and members.")
            .Produces<MeetingResponse>().ProducesProblem(404);
        meetings.MapPost("/{id:guid}/agenda/items", AddAgendaItem).RequireBodyRole(BodyOfMeeting, CycleAccess.ActForBody).WithName(nameof(AddAgendaItem))
            .WithSummary("Adds an item, with its papers, to a draft agenda (If-Match).")
            .Produces<MeetingResponse>().ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409).ProducesProblem(428);
        meetings.MapPost("/{id:guid}/agenda/publication", PublishAgenda).RequireBodyRole(BodyOfMeeting, CycleAccess.ActForBody).WithName(nameof(PublishAgenda))
            .WithSummary("Publishes the agenda (If-Match): the meeting and its agenda become public; an empty agenda is refused.")
            .Produces<MeetingResponse>().ProducesProblem(404).ProducesProblem(409).ProducesProblem(428);
        meetings.MapPut("/{id:guid}/agenda/items/{itemId:guid}/minutes", MinuteItem).RequireBodyRole(BodyOfMeeting, CycleAccess.ActForBody).WithName(nameof(MinuteItem))
            .WithSummary("Records an item's minutes, its outcome and key messages (If-Match), on a published agenda until the minutes are published.")
            .Produces<MeetingResponse>().ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409).ProducesProblem(428);
        meetings.MapPost("/{id:guid}/minutes/publication", PublishMinutes).RequireBodyRole(BodyOfMeeting, CycleAccess.ActForBody).WithName(nameof(PublishMinutes))
            .WithSummary("Publishes the minutes (If-Match) once every item is minuted: they become public.")
            .Produces<MeetingResponse>().ProducesProblem(404).ProducesProblem(409).ProducesProblem(428);
        app.MapGet("/api/cycle/bodies/{id:guid}/meetings", BodyMeetings).Public().WithTags("Meetings").WithName(nameof(BodyMeetings))
            .WithSummary("The body's meetings (joint ones included), filtered by UK dates: each with its place and agenda once published; a draft agenda only to the body's clerk, chair and members, to others only that a meeting is scheduled, and when.")
            .ProducesProblem(404);
        app.MapGet("/api/cycle/bodies/{id:guid}/meetings.ics", BodyCalendar).Public().WithTags("Meetings").WithName(nameof(BodyCalendar))
            .WithSummary("The body's meetings as an iCalendar feed: place and business once an agenda is published; before that only that a meeting is scheduled, and when.")
            .Produces<string>(200, "text/calendar").ProducesProblem(404);
        return app;
    }

    /// <summary>Of the bodies a new meeting is for, the first the caller acts for (any of them may schedule it).</summary>
    public static readonly BodyResolver SchedulingBody = async context =>
        await CycleAccess.FirstActedForAsync(context, context.Arguments.OfType<ScheduleMeetingRequest>().FirstOrDefault()?.BodyIds?.ToList() ?? []);

    /// <summary>Of the bodies of the meeting <c>/meetings/{id}</c>, the first the caller acts for.</summary>
    public static readonly BodyResolver BodyOfMeeting = async context =>
    {
        if (!Guid.TryParse(context.HttpContext.Request.RouteValues["id"]?.ToString(), out var id))
        {
            return null;
        }

        var db = context.HttpContext.RequestServices.GetRequiredService<CycleDbContext>();
        var bodies = await db.Meetings.AsNoTracking().Where(m => m.Id == id).Select(m => m.BodyIds).SingleOrDefaultAsync(context.HttpContext.RequestAborted);
        return await CycleAccess.FirstActedForAsync(context, bodies ?? []);
    };

    /// <summary>Schedules a meeting of known, active bodies and announces <c>MeetingScheduled</c>.</summary>
    public static async Task<IResult> ScheduleMeeting(
        ScheduleMeetingRequest request, CycleDbContext db, TimeProvider time, HttpContext context, CancellationToken cancellationToken)
    {
        if (request.Invalid() is { } invalid)
        {
            return invalid;
        }

        var (bodies, unknown) = await HolderCandidates.LoadAsync(db, request.BodyIds!, StatutoryCalendar.UkToday(time), cancellationToken);
        if (unknown is not null)
        {
            return unknown.ToProblem();
        }

        if (bodies.FirstOrDefault(b => b.Dissolved) is { } dissolved)
        {
            return new RuleViolation("body-dissolved", $"{dissolved.Name} is dissolved and holds no meetings.").ToProblem();
        }

        var now = time.GetUtcNow();
        var meeting = Meeting.Schedule(request.BodyIds!, request.StartsAt!.Value, request.Place!, request.Kind!.Value, now);
        var actor = await CycleAccess.ActorAsync(context, db, cancellationToken);
        db.Meetings.Add(meeting);
        db.AddIntegrationEvent(new MeetingScheduled
        {
            Subject = Subject(meeting.Id),
            MeetingId = meeting.Id,
            BodyIds = meeting.BodyIds,
            StartsAt = meeting.StartsAt,
            Place = meeting.Place,
            Kind = Wire(meeting.Kind),
            ScheduledBy = actor.Name,
        });
        await db.SaveChangesAsync(cancellationToken);
        Versioning.Tag(context, meeting);
        return TypedResults.Created($"/api/cycle/meetings/{meeting.Id}", MeetingResponse.From(meeting));
    }

    /// <summary>A meeting with a published agenda to anyone; before that only to those who act for one of its bodies (404 to others).</summary>
    public static async Task<IResult> GetMeeting(Guid id, CycleDbContext db, IBodyRoles roles, HttpContext context, CancellationToken cancellationToken)
    {
        var meeting = await db.Meetings.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id && m.RemovedAt == null, cancellationToken);
        if (meeting is null)
        {
            return TypedResults.NotFound();
        }

        var maySeeDrafts = (meeting.IsPublished && meeting.MinutesPublishedAt is not null) || await MaySeeDraftAsync(context.User, meeting.BodyIds, roles, cancellationToken);
        if (!meeting.IsPublished && !maySeeDrafts)
        {
            return TypedResults.NotFound();
        }

        Versioning.Tag(context, meeting);
        return TypedResults.Ok(MeetingResponse.From(meeting, showMinutes: maySeeDrafts));
    }

    /// <summary>Adds an item to a draft agenda; an item about an issue names one the cycle knows.</summary>
    public static async Task<IResult> AddAgendaItem(
        Guid id, AgendaItemRequest request, CycleDbContext db, TimeProvider time, HttpContext context, CancellationToken cancellationToken)
    {
        if (request.Invalid() is { } invalid)
        {
            return invalid;
        }

        if (request.IssueId is { } issueId && !await db.Issues.AnyAsync(i => i.Id == issueId && i.RemovedAt == null, cancellationToken))
        {
            return CycleProblems.Invalid("issueId", $"No issue {issueId}.");
        }

        var now = time.GetUtcNow();
        return await RecordEndpoints.ChangeAsync<Meeting, MeetingResponse>(db, id, context, meeting =>
        {
            var papers = (request.Papers ?? []).Select(p => new AgendaPaper { Title = p.Title!.Trim(), AuthorOrganisationId = p.AuthorOrganisationId!.Value, Link = p.Link!.Trim() });
            var (_, violation) = meeting.Add(request.Kind!, request.IssueId, request.Title!, papers, now);
            return Task.FromResult(violation?.ToProblem());
        }, MeetingResponse.From, cancellationToken);
    }

    /// <summary>
    /// Publishes the agenda (If-Match), announces <c>AgendaPublished</c>, and puts an <c>agenda_appearance</c> on the
    /// timeline of each issue the agenda names, so an issue's history shows where it was discussed.
    /// </summary>
    public static async Task<IResult> PublishAgenda(Guid id, CycleDbContext db, TimeProvider time, HttpContext context, CancellationToken cancellationToken)
    {
        var actor = await CycleAccess.ActorAsync(context, db, cancellationToken);
        var now = time.GetUtcNow();
        return await RecordEndpoints.ChangeAsync<Meeting, MeetingResponse>(db, id, context, async meeting =>
        {
            if (meeting.PublishAgenda(now) is { } violation)
            {
                return violation.ToProblem();
            }

            // A proposal on a published agenda is public from now on, with its papers and requested resources.
            var proposalIds = meeting.Items.Where(i => i.ProposalId is not null).Select(i => i.ProposalId!.Value).ToList();
            if (proposalIds.Count > 0)
            {
                foreach (var proposal in await db.Proposals.Where(p => proposalIds.Contains(p.Id)).ToListAsync(cancellationToken))
                {
                    proposal.MakePublic(now);
                }
            }

            foreach (var item in meeting.Items.Where(i => i.IssueId is not null).DistinctBy(i => i.IssueId))
            {
                var note = $"On the agenda of the meeting of {UkTime(meeting.StartsAt):yyyy-MM-dd HH:mm} at {meeting.Place}: {item.Title}";
                db.Timeline.Add(TimelineEntry.Of(item.IssueId!.Value, TimelineEntryKind.AgendaAppearance, actor, now, bodies: meeting.BodyIds,
                    note: note.Length > Issue.ReasonMaxLength ? note[..Issue.ReasonMaxLength] : note));
            }

            db.AddIntegrationEvent(new AgendaPublished
            {
                Subject = Subject(meeting.Id),
                MeetingId = meeting.Id,
                BodyIds = meeting.BodyIds,
                StartsAt = meeting.StartsAt,
                Place = meeting.Place,
                Items = [.. meeting.Items.Select(i => new AgendaPublishedItem { Kind = i.Kind, IssueId = i.IssueId, ProposalId = i.ProposalId, Title = i.Title })],
                PublishedAt = now,
                PublishedBy = actor.Name,
            });
            return null;
        }, MeetingResponse.From, cancellationToken);
    }

    /// <summary>Records an item's minutes (If-Match).</summary>
    public static async Task<IResult> MinuteItem(
        Guid id, Guid itemId, MinutesRequest request, CycleDbContext db, TimeProvider time, HttpContext context, CancellationToken cancellationToken)
    {
        if (request.Invalid() is { } invalid)
        {
            return invalid;
        }

        var now = time.GetUtcNow();
        return await RecordEndpoints.ChangeAsync<Meeting, MeetingResponse>(db, id, context,
            meeting => Task.FromResult(meeting.Minute(itemId, request.Outcome!, request.KeyMessages, now)?.ToProblem()), MeetingResponse.From, cancellationToken);
    }

    /// <summary>Publishes the minutes (If-Match): from now they are public with the agenda.</summary>
    public static async Task<IResult> PublishMinutes(Guid id, CycleDbContext db, TimeProvider time, HttpContext context, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return await RecordEndpoints.ChangeAsync<Meeting, MeetingResponse>(db, id, context,
            meeting => Task.FromResult(meeting.PublishMinutes(now)?.ToProblem()), MeetingResponse.From, cancellationToken);
    }

    /// <summary>
    /// The body's meetings, joint ones included, as iCalendar. A meeting whose agenda is not yet published shows only that
    /// a meeting is scheduled, and when (its place and business stay private until publication).
    /// </summary>
    public static async Task<IResult> BodyCalendar(Guid id, CycleDbContext db, CancellationToken cancellationToken)
    {
        var body = await db.Bodies.AsNoTracking().SingleOrDefaultAsync(b => b.Id == id, cancellationToken);
        if (body is null)
        {
            return TypedResults.NotFound();
        }

        var meetings = await db.Meetings.AsNoTracking().Where(m => m.BodyIds.Contains(id) && m.RemovedAt == null).OrderBy(m => m.StartsAt).ToListAsync(cancellationToken);
        var calendar = new Calendar { ProductId = "-//Concordat//Cycle meetings//EN" };
        calendar.AddProperty("X-WR-CALNAME", $"{body.Name}: meetings");
        foreach (var meeting in meetings)
        {
            var start = new CalDateTime(meeting.StartsAt.UtcDateTime, "UTC");
            var kind = meeting.Kind == MeetingKind.Special ? "Special meeting" : "Meeting";
            var e = new CalendarEvent
            {
                Uid = $"{meeting.Id}@concordat",
                DtStamp = new CalDateTime(meeting.UpdatedAt.UtcDateTime, "UTC"),
                DtStart = start,
                Summary = meeting.IsPublished ? $"{kind}: {body.Name}" : $"{kind} scheduled: {body.Name}",
            };
            if (meeting.IsPublished)
            {
                e.Location = meeting.Place;
                e.Description = string.Join("\n", meeting.Items.Select((item, n) => $"{n + 1}. {item.Title}"));
            }

            calendar.Events.Add(e);
        }

        return TypedResults.Text(new CalendarSerializer().SerializeToString(calendar)!, "text/calendar; charset=utf-8");
    }

    /// <summary>
    /// One page of the body's meetings in the kit's order (as scheduled), <c>from</c> and <c>to</c> UK days of the start,
    /// inclusive. As in the iCalendar feed, a meeting whose agenda is a draft shows others only that it is scheduled, and
    /// when; those who act for the body (and administrators) see its place and draft agenda.
    /// </summary>
    public static async Task<Results<Ok<Page<MeetingSummary>>, NotFound, ValidationProblem>> BodyMeetings(
        Guid id, [AsParameters] ListQuery query, CycleDbContext db, IBodyRoles roles, HttpContext context, CancellationToken cancellationToken,
        [FromQuery] DateOnly? from = null,
        [FromQuery] DateOnly? to = null)
    {
        if (from is { } f && to is { } t && t < f)
        {
            return CycleProblems.Field("to", "to is on or after from.");
        }

        if (!await db.Bodies.AsNoTracking().AnyAsync(b => b.Id == id, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        var meetings = db.Meetings.Where(m => m.BodyIds.Contains(id));
        if (from is { } fromDay)
        {
            var start = StatutoryCalendar.EndOf(fromDay.AddDays(-1));
            meetings = meetings.Where(m => m.StartsAt > start);
        }

        if (to is { } toDay)
        {
            var end = StatutoryCalendar.EndOf(toDay);
            meetings = meetings.Where(m => m.StartsAt < end);
        }

        var maySeeDrafts = await MaySeeDraftAsync(context.User, [id], roles, cancellationToken);
        var page = await Paging.PageAsync(meetings, query, m => MeetingSummary.From(m, maySeeDrafts), cancellationToken);
        return page.Result switch
        {
            Ok<Page<MeetingSummary>> ok => ok,
            _ => (ValidationProblem)page.Result,
        };
    }

    public static string Subject(Guid meetingId) => $"meetings/{meetingId}";

    public static string Wire(MeetingKind kind) => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(kind.ToString());

    /// <summary>The instant in UK time, with its offset (GMT or BST).</summary>
    public static DateTimeOffset UkTime(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, StatutoryCalendar.UkTime);

    /// <summary>Whether the caller acts for one of <paramref name="bodies"/> (their clerk, chair or a member today) or administers the platform.</summary>
    internal static async Task<bool> MaySeeDraftAsync(ClaimsPrincipal user, IEnumerable<Guid> bodies, IBodyRoles roles, CancellationToken cancellationToken)
    {
        if (user.IsInRole(ConcordatRoles.PlatformAdmin))
        {
            return true;
        }

        if (user.FindFirstValue(ConcordatClaims.Subject) is not { Length: > 0 } subject)
        {
            return false;
        }

        var claimed = CycleAccess.ActForBody.Where(user.IsInRole).ToList();
        if (claimed.Count == 0)
        {
            return false;
        }

        foreach (var body in bodies)
        {
            if ((await roles.HeldAsync(subject, body, cancellationToken)).Overlaps(claimed))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>A meeting to schedule: its bodies (several for a joint meeting), when (ISO 8601 with offset), where, and its kind.</summary>
public sealed record ScheduleMeetingRequest(
    [property: Required] IReadOnlyList<Guid>? BodyIds,
    [property: Required] DateTimeOffset? StartsAt,
    [property: Required(AllowEmptyStrings = false), StringLength(Meeting.PlaceMaxLength)] string? Place,
    [property: Required] MeetingKind? Kind)
{
    /// <summary>A 400 naming each field the attributes cannot check; null when the request is sound.</summary>
    public IResult? Invalid()
    {
        var errors = new Dictionary<string, string[]>();
        if (BodyIds is null || BodyIds.Count == 0 || BodyIds.Any(b => b == Guid.Empty))
        {
            errors["bodyIds"] = ["Name the body meeting, or the bodies of a joint meeting."];
        }
        else if (BodyIds.Distinct().Count() > Meeting.MaxBodies)
        {
            errors["bodyIds"] = [$"At most {Meeting.MaxBodies} bodies meet jointly."];
        }

        if (StartsAt is null)
        {
            errors["startsAt"] = ["Say when it starts, as an ISO 8601 instant with its offset."];
        }

        if (string.IsNullOrWhiteSpace(Place))
        {
            errors["place"] = ["Say where it meets (a room, an address, or online)."];
        }
        else if (Place.Trim().Length > Meeting.PlaceMaxLength)
        {
            errors["place"] = [$"At most {Meeting.PlaceMaxLength} characters."];
        }

        if (Kind is null)
        {
            errors["kind"] = ["ordinary or special."];
        }

        return errors.Count == 0 ? null : TypedResults.ValidationProblem(errors);
    }
}

/// <summary>A paper for an item: its title, the registry organisation that wrote it, and an absolute http(s) link.</summary>
public sealed record PaperRequest(
    [property: Required(AllowEmptyStrings = false), StringLength(Meeting.TitleMaxLength)] string? Title,
    [property: Required] Guid? AuthorOrganisationId,
    [property: Required(AllowEmptyStrings = false), StringLength(Meeting.LinkMaxLength)] string? Link);

/// <summary>An item of business: <c>issue</c> (naming <see cref="IssueId"/>), <c>referral_responses</c> or <c>other_business</c>.</summary>
public sealed record AgendaItemRequest(
    [property: Required(AllowEmptyStrings = false)] string? Kind,
    Guid? IssueId,
    [property: Required(AllowEmptyStrings = false), StringLength(Meeting.TitleMaxLength)] string? Title,
    IReadOnlyList<PaperRequest>? Papers)
{
    /// <summary>A 400 naming each field the attributes cannot check; null when the request is sound.</summary>
    public IResult? Invalid()
    {
        var errors = new Dictionary<string, string[]>();
        if (Kind == AgendaItem.Proposal)
        {
            errors["kind"] = ["A proposal is put on the agenda by placing it for the meeting (POST /api/cycle/proposals/{id}/placement)."];
        }
        else if (Kind is null || !AgendaItem.Kinds.Contains(Kind, StringComparer.Ordinal))
        {
            errors["kind"] = ["issue, referral_responses or other_business."];
        }
        else if (Kind == AgendaItem.Issue && (IssueId is null || IssueId == Guid.Empty))
        {
            errors["issueId"] = ["An item about an issue names the issue."];
        }

        if (string.IsNullOrWhiteSpace(Title))
        {
            errors["title"] = ["Give the item a title."];
        }
        else if (Title.Trim().Length > Meeting.TitleMaxLength)
        {
            errors["title"] = [$"At most {Meeting.TitleMaxLength} characters."];
        }

        if (Papers is { Count: > Meeting.MaxPapers })
        {
            errors["papers"] = [$"At most {Meeting.MaxPapers} papers."];
        }

        for (var i = 0; i < (Papers?.Count ?? 0) && i < Meeting.MaxPapers; i++)
        {
            var paper = Papers![i];
            if (paper is null)
            {
                errors[$"papers[{i}]"] = ["A paper has a title, an author organisation and a link."];
                continue;
            }

            if (string.IsNullOrWhiteSpace(paper.Title))
            {
                errors[$"papers[{i}].title"] = ["Give the paper a title."];
            }
            else if (paper.Title.Trim().Length > Meeting.TitleMaxLength)
            {
                errors[$"papers[{i}].title"] = [$"At most {Meeting.TitleMaxLength} characters."];
            }

            if (paper.AuthorOrganisationId is null || paper.AuthorOrganisationId == Guid.Empty)
            {
                errors[$"papers[{i}].authorOrganisationId"] = ["Name the organisation that wrote it (its registry id)."];
            }

            if (!Uri.TryCreate(paper.Link?.Trim(), UriKind.Absolute, out var link) || link.Scheme is not ("https" or "http") || paper.Link!.Trim().Length > Meeting.LinkMaxLength)
            {
                errors[$"papers[{i}].link"] = ["An absolute http or https link to the paper."];
            }
        }

        return errors.Count == 0 ? null : TypedResults.ValidationProblem(errors);
    }
}

/// <summary>An item's minutes: what was resolved, and the key messages for partners.</summary>
public sealed record MinutesRequest(
    [property: Required(AllowEmptyStrings = false), StringLength(Meeting.OutcomeMaxLength), MultiLine] string? Outcome,
    [property: StringLength(Meeting.KeyMessagesMaxLength), MultiLine] string? KeyMessages)
{
    /// <summary>A 400 naming each field the attributes cannot check; null when the request is sound.</summary>
    public IResult? Invalid()
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(Outcome))
        {
            errors["outcome"] = ["Say what the meeting resolved."];
        }
        else if (Outcome.Trim().Length > Meeting.OutcomeMaxLength)
        {
            errors["outcome"] = [$"At most {Meeting.OutcomeMaxLength} characters."];
        }

        if (KeyMessages is { } messages && messages.Trim().Length > Meeting.KeyMessagesMaxLength)
        {
            errors["keyMessages"] = [$"At most {Meeting.KeyMessagesMaxLength} characters."];
        }

        return errors.Count == 0 ? null : TypedResults.ValidationProblem(errors);
    }
}

public sealed record MinutesResponse(string Outcome, string? KeyMessages);

public sealed record PaperResponse(string Title, Guid AuthorOrganisationId, string Link);

/// <summary>An agenda item; <see cref="Minutes"/> is null until minuted, and to the public until the minutes are published.</summary>
public sealed record AgendaItemResponse(Guid Id, string Kind, Guid? IssueId, Guid? ProposalId, string Title, IReadOnlyList<PaperResponse> Papers, MinutesResponse? Minutes);

/// <summary>A meeting and its agenda; <see cref="StartsAt"/> is shown in UK time, with its offset.</summary>
public sealed record MeetingResponse(
    Guid Id,
    IReadOnlyList<Guid> BodyIds,
    DateTimeOffset StartsAt,
    string Place,
    MeetingKind Kind,
    string AgendaState,
    IReadOnlyList<AgendaItemResponse> Items,
    DateTimeOffset? AgendaPublishedAt,
    DateTimeOffset? MinutesPublishedAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string Version)
{
    /// <summary>The meeting as its bodies see it (every change endpoint answers one of them).</summary>
    public static MeetingResponse From(Meeting m) => From(m, showMinutes: true);

    public static MeetingResponse From(Meeting m, bool showMinutes) => new(m.Id, m.BodyIds, MeetingsApi.UkTime(m.StartsAt), m.Place, m.Kind,
        m.IsPublished ? "published" : "draft",
        [.. m.Items.Select(i => new AgendaItemResponse(i.Id, i.Kind, i.IssueId, i.ProposalId, i.Title, [.. i.Papers.Select(p => new PaperResponse(p.Title, p.AuthorOrganisationId, p.Link))],
            showMinutes && i.Minutes is { } minutes ? new MinutesResponse(minutes.Outcome, minutes.KeyMessages) : null))],
        m.AgendaPublishedAt, m.MinutesPublishedAt, m.CreatedAt, m.UpdatedAt, Versioning.ETagOf(m));
}

/// <summary>
/// A meeting in a body's list. <see cref="Place"/> and <see cref="Items"/> are null while the agenda is a draft, to all
/// but those who act for the body; an item's minutes as in <see cref="MeetingResponse"/>.
/// </summary>
public sealed record MeetingSummary(
    Guid Id,
    IReadOnlyList<Guid> BodyIds,
    DateTimeOffset StartsAt,
    MeetingKind Kind,
    string AgendaState,
    string? Place,
    IReadOnlyList<AgendaItemResponse>? Items,
    DateTimeOffset? AgendaPublishedAt,
    DateTimeOffset? MinutesPublishedAt)
{
    public static MeetingSummary From(Meeting m, bool maySeeDrafts)
    {
        var shown = m.IsPublished || maySeeDrafts;
        var full = MeetingResponse.From(m, showMinutes: maySeeDrafts || m.MinutesPublishedAt is not null);
        return new(m.Id, m.BodyIds, full.StartsAt, m.Kind, full.AgendaState, shown ? m.Place : null, shown ? full.Items : null, m.AgendaPublishedAt, m.MinutesPublishedAt);
    }
}
