using System.Globalization;
using System.Text;
using Concordat.Contracts.Cycle;
using Concordat.Cycle.Data;
using Concordat.Cycle.Evaluations;
using Concordat.Cycle.Issues;
using Concordat.ServiceDefaults;
using Concordat.ServiceDefaults.Access;
using Concordat.ServiceKit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Concordat.Cycle.Lessons;

public static class LessonsApi
{
    public const int QueryMaxLength = 200;

    /// <summary>Maps the lessons library: <c>/api/cycle/lessons</c> (search and filter) and <c>/api/cycle/lessons/{id}</c>.</summary>
    public static IEndpointRouteBuilder MapLessonsApi(this IEndpointRouteBuilder app)
    {
        var lessons = app.MapGroup("/api/cycle/lessons").WithTags("Lessons");
        lessons.MapGet("/", SearchLessons).Public().WithName(nameof(SearchLessons))
            .WithSummary("The lessons library: \"what has been learnt about X elsewhere?\". q is searched as English words (stemmed: \"flooded\" finds \"flooding\"; web-search syntax: quotes, or, -) in the statement, evidence and issue title, best match first; theme, area and kind filter. Without q, in the order published (and modified_since for sync). Paged.")
            .ProducesValidationProblem();
        lessons.MapGet("/{id:guid}", GetLesson).Public().WithName(nameof(GetLesson))
            .WithSummary("One lesson, with the instance it was learnt on and links back to its evaluation and issue.")
            .ProducesProblem(404);
        return app;
    }

    /// <summary>The event that lets another instance hold a copy of <paramref name="lesson"/>.</summary>
    public static LessonPublished Published(Lesson lesson, InstanceOptions instance) => new()
    {
        Subject = $"lessons/{lesson.Id}", LessonId = lesson.Id, EvaluationId = lesson.EvaluationId, IssueId = lesson.IssueId, IssueTitle = lesson.IssueTitle,
        Statement = lesson.Statement, Evidence = lesson.Evidence, Themes = [.. lesson.Themes], Areas = [.. lesson.Areas], Kind = StageRules.Wire(lesson.Kind),
        Url = new Uri(instance.BaseUri, $"/api/cycle/lessons/{lesson.Id}"), EvaluationUrl = EvaluationsApi.PublicUrl(instance, lesson.EvaluationId),
        PublishedAt = lesson.CreatedAt, PublishedBy = lesson.PublishedBy,
    };

    public static async Task<Results<Ok<LessonResponse>, NotFound>> GetLesson(Guid id, CycleDbContext db, IOptions<InstanceOptions> instance, HttpContext context, CancellationToken cancellationToken) =>
        await RecordResults.GetAsync(db.Lessons, id, context, l => LessonResponse.From(l, instance.Value, null), cancellationToken);

    /// <summary>
    /// Searches and filters the library. With <c>q</c>: lessons whose search vector matches <c>websearch_to_tsquery('english', q)</c>
    /// (GIN index), by <c>ts_rank</c> best first, then id, paged by keyset on (rank, id). Without: <see cref="Paging"/>.
    /// </summary>
    public static async Task<Results<Ok<Page<LessonResponse>>, ValidationProblem>> SearchLessons(
        [AsParameters] ListQuery query, CycleDbContext db, IOptions<InstanceOptions> instance, CancellationToken cancellationToken,
        [FromQuery] string? q = null,
        [FromQuery] string? theme = null,
        [FromQuery] Guid? area = null,
        [FromQuery] Wire<IssueKind>? kind = null)
    {
        var lessons = db.Lessons.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(theme))
        {
            var t = theme.Trim();
            lessons = lessons.Where(l => l.Themes.Contains(t));
        }

        if (area is { } a)
        {
            lessons = lessons.Where(l => l.Areas.Contains(a));
        }

        if (kind?.Value is { } k)
        {
            lessons = lessons.Where(l => l.Kind == k);
        }

        if (string.IsNullOrWhiteSpace(q))
        {
            var page = await Paging.PageAsync(lessons, query, l => LessonResponse.From(l, instance.Value, null), cancellationToken);
            return page.Result switch
            {
                Ok<Page<LessonResponse>> ok => ok,
                ValidationProblem bad => bad,
                _ => throw new InvalidOperationException("Paging answers a page or a 400."),
            };
        }

        var text = q.Trim();
        if (text.Length > QueryMaxLength)
        {
            return CycleProblems.Field("q", $"At most {QueryMaxLength} characters.");
        }

        var limit = query.Limit ?? ListQuery.DefaultLimit;
        if (limit is < 1 or > ListQuery.MaxLimit)
        {
            return CycleProblems.Field("limit", $"limit must be between 1 and {ListQuery.MaxLimit}.");
        }

        if (query.ModifiedSince is not null)
        {
            return CycleProblems.Field("modified_since", "A search is read best match first; it has no modified_since. Sync without q.");
        }

        var ranked = lessons.Where(l => l.RemovedAt == null && l.SearchVector.Matches(EF.Functions.WebSearchToTsQuery("english", text)))
            .Select(l => new { Lesson = l, Rank = l.SearchVector.Rank(EF.Functions.WebSearchToTsQuery("english", text)) });
        if (query.Cursor is { } token)
        {
            if (RankCursor.Parse(token) is not { } after)
            {
                return CycleProblems.Field("cursor", "The cursor is not one this search gave out.");
            }

            // Best first, then id: (-rank, id) ascending, one row comparison.
            ranked = ranked.Where(r => EF.Functions.GreaterThan(ValueTuple.Create(-r.Rank, r.Lesson.Id), ValueTuple.Create(-after.Rank, after.Id)));
        }

        var rows = await ranked.OrderByDescending(r => r.Rank).ThenBy(r => r.Lesson.Id).Take(limit + 1).ToListAsync(cancellationToken);
        var items = rows.Take(limit).ToList();
        var next = rows.Count > limit ? new RankCursor(items[^1].Rank, items[^1].Lesson.Id).ToString() : null;
        return TypedResults.Ok(new Page<LessonResponse>([.. items.Select(r => LessonResponse.From(r.Lesson, instance.Value, r.Rank))], null, next));
    }
}

/// <summary>Where the next page of a ranked search starts: the last row's rank and id, as an opaque URL-safe token.</summary>
public readonly record struct RankCursor(float Rank, Guid Id)
{
    private const char Order = 'r';

    public override string ToString() =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Order}:{BitConverter.SingleToInt32Bits(Rank).ToString(CultureInfo.InvariantCulture)}:{Id:N}"))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static RankCursor? Parse(string token)
    {
        try
        {
            var padded = token.Replace('-', '+').Replace('_', '/');
            padded += new string('=', (4 - padded.Length % 4) % 4);
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(padded)).Split(':');
            if (parts.Length == 3 && parts[0] == Order.ToString()
                && int.TryParse(parts[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var bits)
                && BitConverter.Int32BitsToSingle(bits) is var rank && float.IsFinite(rank)
                && Guid.TryParseExact(parts[2], "N", out var id))
            {
                return new RankCursor(rank, id);
            }
        }
        catch (FormatException)
        {
            // Not base64: not ours.
        }

        return null;
    }
}

/// <summary>A lesson in the library: the instance it was learnt on, its context, evidence, links back, and (in a search) its rank.</summary>
public sealed record LessonResponse(
    Guid Id,
    string InstanceId,
    string Statement,
    string Evidence,
    IReadOnlyList<string> Themes,
    IReadOnlyList<Guid> Areas,
    IssueKind Kind,
    Guid IssueId,
    string IssueTitle,
    Guid EvaluationId,
    Uri Url,
    Uri EvaluationUrl,
    DateTimeOffset PublishedAt,
    float? Rank)
{
    public static LessonResponse From(Lesson l, InstanceOptions instance, float? rank) => new(l.Id, l.InstanceId, l.Statement, l.Evidence, l.Themes, l.Areas, l.Kind,
        l.IssueId, l.IssueTitle, l.EvaluationId, new Uri(instance.BaseUri, $"/api/cycle/lessons/{l.Id}"), EvaluationsApi.PublicUrl(instance, l.EvaluationId), l.CreatedAt, rank);
}
