using System.ServiceModel.Syndication;
using System.Text;
using System.Xml;
using Concordat.Cycle.Data;
using Concordat.ServiceDefaults;
using Concordat.ServiceDefaults.Access;
using Concordat.ServiceKit;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Concordat.Cycle.Decisions;

/// <summary>
/// The decision register as an Atom feed (RFC 4287), for people and systems that follow new decisions in a feed reader
/// rather than through a partner's webhook: the latest published decisions first, with the register's body, area and
/// theme filters. Each entry links to its issue's page and to the decision as JSON.
/// </summary>
public static class DecisionFeed
{
    /// <summary>How many of the latest decisions the feed carries; older ones are in the register.</summary>
    public const int Size = 50;

    public const string ContentType = "application/atom+xml";

    public static IEndpointRouteBuilder MapDecisionFeed(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/cycle/decisions.atom", DecisionsFeed).Public().WithTags("Decisions").WithName(nameof(DecisionsFeed))
            .WithSummary($"The decision register as an Atom feed: the latest {Size} published decisions, newest first, filtered by body, area and theme.")
            .Produces<string>(200, ContentType);
        return app;
    }

    public static async Task<IResult> DecisionsFeed(
        CycleDbContext db, IOptions<InstanceOptions> instance, CancellationToken cancellationToken,
        [FromQuery] Guid? body = null,
        [FromQuery] Guid? area = null,
        [FromQuery] string? theme = null)
    {
        var decisions = await DecisionsApi.Published(db, body, area, theme).AsNoTracking()
            .OrderByDescending(d => d.PublishedAt).ThenByDescending(d => d.Id).Take(Size)
            .Select(d => new { d.Id, d.IssueId, d.BodyId, d.Outcome, d.Summary, d.Urgent, d.PublishedAt, d.CallInEndsAt, d.UpdatedAt })
            .ToListAsync(cancellationToken);
        var bodyIds = decisions.Select(d => d.BodyId).Distinct().ToList();
        var names = await db.Bodies.AsNoTracking().Where(b => bodyIds.Contains(b.Id)).ToDictionaryAsync(b => b.Id, b => b.Name, cancellationToken);

        var site = instance.Value.BaseUri;
        var feed = new SyndicationFeed(
            body is { } only && names.TryGetValue(only, out var bodyName) ? $"Decisions of {bodyName}" : "Decision register",
            "Decisions published by the partnerships, newest first.",
            new Uri(site, "/decisions"))
        {
            Id = new Uri(site, "/api/cycle/decisions.atom").ToString(),
            LastUpdatedTime = decisions.Count > 0 ? decisions.Max(d => d.UpdatedAt) : DateTimeOffset.UnixEpoch,
            Items = [.. decisions.Select(d =>
            {
                var by = names.GetValueOrDefault(d.BodyId, "A partnership");
                var item = new SyndicationItem(
                    $"{by}: {Headline(d.Summary)}",
                    Content(DecisionsApi.Wire(d.Outcome), d.Summary, d.Urgent, d.CallInEndsAt),
                    new Uri(site, $"/issues/{d.IssueId}"),
                    $"urn:uuid:{d.Id}",
                    d.UpdatedAt)
                {
                    PublishDate = d.PublishedAt!.Value,
                };
                item.Links.Add(new SyndicationLink(DecisionsApi.PublicUrl(instance.Value, d.Id), "alternate", "The decision as open data", "application/json", 0));
                item.Authors.Add(new SyndicationPerson { Name = by });
                return item;
            })],
        };

        var text = new StringBuilder();
        await using (var writer = XmlWriter.Create(text, new XmlWriterSettings { Async = true, Encoding = Encoding.UTF8, Indent = true }))
        {
            feed.SaveAsAtom10(writer);
        }

        return TypedResults.Text(text.ToString(), ContentType + "; charset=utf-8");
    }

    /// <summary>The summary's first line, shortened to fit a feed reader's list.</summary>
    private static string Headline(string summary)
    {
        var line = summary.Split('\n', 2)[0].Trim();
        return line.Length <= 120 ? line : line[..117].TrimEnd() + "…";
    }

    /// <summary>An instant as people in the UK read it: "2 December 2026, 5:00pm".</summary>
    private static string UkLocal(DateTimeOffset instant)
    {
        var local = TimeZoneInfo.ConvertTime(instant, StatutoryCalendar.UkTime);
        return local.ToString("d MMMM yyyy, h:mm", System.Globalization.CultureInfo.InvariantCulture) + (local.Hour < 12 ? "am" : "pm");
    }

    private static TextSyndicationContent Content(string outcome, string summary, bool urgent, DateTimeOffset? callInEndsAt)
    {
        var when = urgent
            ? "Urgent: it took effect when published."
            : callInEndsAt is { } ends ? $"Scrutiny can call it in until {UkLocal(ends)}." : "";
        return new TextSyndicationContent($"{outcome.Replace('_', ' ')}. {summary} {when}".Trim());
    }
}
