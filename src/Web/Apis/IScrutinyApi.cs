using Refit;

namespace Concordat.Web.Apis;

/// <summary>
/// Scrutiny's public reads that the pages use (<c>docs/scrutiny.md</c>): published reports with their recommendations
/// and the addressees' responses.
/// </summary>
public interface IScrutinyApi
{
    /// <summary>Every published report with its recommendations and their responses, oldest first.</summary>
    [Get("/api/scrutiny/reports")]
    Task<IApiResponse<Page<Report>>> ListReportsAsync(int? limit, string? cursor, CancellationToken cancellationToken);

    /// <summary>One published report with its recommendations and their responses.</summary>
    [Get("/api/scrutiny/reports/{id}")]
    Task<IApiResponse<Report>> GetReportAsync(Guid id, CancellationToken cancellationToken);
}

public sealed record Report(
    Guid Id,
    Guid CommitteeBodyId,
    string Title,
    string Findings,
    Uri? Url,
    string Status,
    DateTimeOffset? PublishedAt,
    DateOnly? PublishedOn,
    IReadOnlyList<Recommendation> Recommendations);

/// <summary>Status: <c>awaiting_response</c>, <c>responded</c>, <c>completed</c>; <see cref="Overdue"/> when awaiting past its due date.</summary>
public sealed record Recommendation(
    Guid Id,
    Guid ReportId,
    int Number,
    string Text,
    Guid? AddresseeOrganisationId,
    Guid? AddresseeBodyId,
    string Status,
    DateOnly? ResponseDueOn,
    bool Overdue,
    int DaysOverdue,
    RecommendationAnswer? Response,
    IReadOnlyList<RecommendationProgress> Progress,
    DateTimeOffset? CompletedAt);

/// <summary>An addressee's response: <c>accepted</c>, <c>partly_accepted</c> (each with an action plan) or <c>rejected</c>.</summary>
public sealed record RecommendationAnswer(string Outcome, string Reasons, IReadOnlyList<PlannedAction> Actions, DateTimeOffset RespondedAt, string RespondedBy, bool Late);

public sealed record PlannedAction(string Action, DateOnly TargetOn);

public sealed record RecommendationProgress(DateTimeOffset At, string Note, string By);
