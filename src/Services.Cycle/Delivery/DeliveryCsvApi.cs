using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using System.Text.Unicode;
using Concordat.Cycle.Data;
using Concordat.ServiceDefaults.Access;
using Concordat.ServiceKit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;

namespace Concordat.Cycle.Delivery;

/// <summary>One field an imported row changes (or, in a dry run, would change): the column, what it was and what it becomes.</summary>
public sealed record CsvFieldChange(string Column, string? From, string? To);

/// <summary>What an imported row did (or would do): <c>added</c>, <c>changed</c> or <c>unchanged</c>, with the fields.</summary>
public sealed record CsvRowOutcome(int Row, Guid? Id, string Outcome, IReadOnlyList<CsvFieldChange> Changes);

/// <summary>What an import did, row by row; with <c>dryRun</c>, what it would do (and nothing was changed).</summary>
public sealed record CsvImportResult(bool DryRun, int Added, int Changed, int Unchanged, IReadOnlyList<CsvRowOutcome> Rows)
{
    public const string WasAdded = "added";
    public const string WasChanged = "changed";
    public const string WasUnchanged = "unchanged";

    public static CsvImportResult Of(bool dryRun, List<CsvRowOutcome> rows) => new(dryRun,
        rows.Count(r => r.Outcome == WasAdded), rows.Count(r => r.Outcome == WasChanged), rows.Count(r => r.Outcome == WasUnchanged), rows);
}

/// <summary>
/// A delivery plan's actions and indicator actuals as CSV, for partners who keep them in spreadsheets: export, and
/// import with a dry run. An import makes its changes through the same methods as the JSON endpoints
/// (<see cref="DeliveryApi.AddActionAsync"/>, <see cref="DeliveryApi.RecordProgress"/>, <see cref="DeliveryApi.RecordActual"/>),
/// so the same rules hold and the same events are announced; all its rows, or none.
/// </summary>
public static class DeliveryCsvApi
{
    /// <summary>The actions file: id and version (as exported; empty for a new action), then the action's fields as the JSON names them, and the note of this update.</summary>
    public static readonly string[] ActionColumns =
        ["id", "version", "parentId", "title", "ownerOrganisationId", "ownerBodyId", "dueOn", "status", "rag", "ragReason", "percentComplete", "note"];

    /// <summary>The actuals file: one row per indicator and period; <c>indicator</c>, <c>unit</c> and <c>target</c> are for the reader and not imported.</summary>
    public static readonly string[] ActualColumns = ["indicatorId", "indicator", "unit", "period", "target", "value", "note"];

    public static IEndpointRouteBuilder MapDeliveryCsvApi(this IEndpointRouteBuilder app)
    {
        var plans = app.MapGroup("/api/cycle/delivery-plans").WithTags("Delivery");
        plans.MapGet("/{id:guid}/actions.csv", ExportActions).Public().WithName(nameof(ExportActions))
            .WithSummary("The plan's actions as CSV (RFC 4180, UTF-8): id, version, parent, title, owner, due date, status, RAG and reason, percent complete, and an empty note column for the next update.")
            .Produces<string>(StatusCodes.Status200OK, DeliveryCsv.MediaType).ProducesProblem(StatusCodes.Status404NotFound);
        plans.MapPost("/{id:guid}/actions.csv", ImportActions).RequireBodyRole(DeliveryApi.PlanLead, CycleAccess.ActForBody).WithName(nameof(ImportActions))
            .WithSummary("The lead body imports the actions CSV (text/csv): rows without an id are added, changed status, RAG, reason, percent or a note are recorded as progress (the row's version as exported, like If-Match); dryRun=true lists what would change and changes nothing. All rows or none; errors are keyed actions[row].column.")
            .Accepts<string>(DeliveryCsv.MediaType)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        plans.MapGet("/{id:guid}/indicator-actuals.csv", ExportActuals).Public().WithName(nameof(ExportActuals))
            .WithSummary("The plan's indicators' actuals as CSV: a row per indicator and period (every target's period and every actual's), value empty where none is entered yet; the plan's version as the ETag.")
            .Produces<string>(StatusCodes.Status200OK, DeliveryCsv.MediaType).ProducesProblem(StatusCodes.Status404NotFound);
        plans.MapPost("/{id:guid}/indicator-actuals.csv", ImportActuals).RequireToken().WithName(nameof(ImportActuals))
            .WithSummary("An indicator's owner organisation (or the lead body) imports actuals as CSV (text/csv, If-Match: the plan's version when something changes): each new or changed value is entered as through the API; dryRun=true lists what would change and changes nothing. All rows or none; errors are keyed actuals[row].column.")
            .Accepts<string>(DeliveryCsv.MediaType)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType).ProducesProblem(StatusCodes.Status428PreconditionRequired);
        return app;
    }

    public static async Task<Results<FileContentHttpResult, NotFound>> ExportActions(Guid id, CycleDbContext db, CancellationToken cancellationToken)
    {
        if (!await db.DeliveryPlans.AnyAsync(p => p.Id == id && p.RemovedAt == null, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        var actions = await DeliveryApi.ActionsOfAsync(db, id, cancellationToken);
        var csv = DeliveryCsv.Write(ActionColumns, actions.Select(a => (IReadOnlyList<string?>)
        [
            a.Id.ToString(), a.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), a.ParentId?.ToString(), a.Title, a.OwnerOrganisationId.ToString(),
            a.OwnerBodyId?.ToString(), DeliveryCsv.Text(a.DueOn), DeliveryCsv.Text(a.Status), a.Rag is { } rag ? DeliveryCsv.Text(rag) : null, a.RagReason,
            a.PercentComplete?.ToString(System.Globalization.CultureInfo.InvariantCulture), null,
        ]));
        return TypedResults.File(csv, $"{DeliveryCsv.MediaType}; charset=utf-8", $"delivery-plan-{id}-actions.csv");
    }

    public static async Task<Results<FileContentHttpResult, NotFound>> ExportActuals(Guid id, CycleDbContext db, HttpContext context, CancellationToken cancellationToken)
    {
        var plan = await db.DeliveryPlans.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id && p.RemovedAt == null, cancellationToken);
        if (plan is null)
        {
            return TypedResults.NotFound();
        }

        var rows = new List<IReadOnlyList<string?>>();
        foreach (var indicator in plan.Indicators)
        {
            foreach (var point in indicator.Trajectory().Points)
            {
                var actual = indicator.Actuals.LastOrDefault(a => a.Period == point.Period);
                rows.Add([indicator.Id.ToString(), indicator.Name, indicator.Unit, point.Period, point.Target is { } t ? DeliveryCsv.Text(t) : null,
                    actual is null ? null : DeliveryCsv.Text(actual.Value), actual?.Note]);
            }
        }

        Versioning.Tag(context, plan);
        return TypedResults.File(DeliveryCsv.Write(ActualColumns, rows), $"{DeliveryCsv.MediaType}; charset=utf-8", $"delivery-plan-{id}-indicator-actuals.csv");
    }

    /// <summary>
    /// Imports the actions file in one transaction with the plan's row locked (as adding an action does). A row without an
    /// id adds an action (<see cref="DeliveryApi.AddActionAsync"/>), with progress if it gives a status, RAG, percent or note;
    /// a row with an id records progress when its status, RAG, reason or percent differs or it has a note
    /// (<see cref="DeliveryApi.RecordProgress"/>), and must then carry the version it was exported with. An action's parent,
    /// title, owner and due date do not change after it is added, here as in the API. A blank cell changes nothing.
    /// </summary>
    public static async Task<Results<Ok<CsvImportResult>, NotFound, ValidationProblem, ProblemHttpResult>> ImportActions(
        Guid id, [FromQuery(Name = "dryRun")] bool? dryRun, HttpRequest request, CycleDbContext db, TimeProvider time, HttpContext context, CancellationToken cancellationToken)
    {
        var (upload, unreadable) = await UploadAsync(request, cancellationToken);
        if (unreadable is not null)
        {
            return unreadable;
        }

        var errors = new CsvErrors("actions");
        var rows = DeliveryCsv.Read(upload!, ActionColumns, ["title", "ownerOrganisationId", "dueOn"], errors);
        if (errors.Any)
        {
            return Invalid(errors);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await RowLocks.ForUpdateAsync<DeliveryPlan>(db, id, cancellationToken);
        var plan = await db.DeliveryPlans.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id && p.RemovedAt == null, cancellationToken);
        if (plan is null)
        {
            return TypedResults.NotFound();
        }

        var actions = await db.DeliveryActions.Where(a => a.PlanId == id && a.RemovedAt == null)
            .OrderBy(a => a.CreatedAt).ThenBy(a => a.Id).Take(DeliveryApi.MaxActions).ToListAsync(cancellationToken);
        var actor = await CycleAccess.ActorAsync(context, db, cancellationToken);
        var now = time.GetUtcNow();
        var outcomes = new List<CsvRowOutcome>();
        var seen = new HashSet<Guid>();
        foreach (var row in rows)
        {
            var before = errors.Count;
            var actionId = DeliveryCsv.Id(row, "id", errors);
            var version = DeliveryCsv.Version(row, "version", errors);
            var parent = DeliveryCsv.Id(row, "parentId", errors);
            var title = DeliveryCsv.Text(row, "title", errors);
            var owner = DeliveryCsv.Id(row, "ownerOrganisationId", errors);
            var ownerBody = DeliveryCsv.Id(row, "ownerBodyId", errors);
            var dueOn = DeliveryCsv.Day(row, "dueOn", errors);
            var status = DeliveryCsv.Word<ActionStatus>(row, "status", errors);
            var rag = DeliveryCsv.Word<Rag>(row, "rag", errors);
            var ragReason = DeliveryCsv.Text(row, "ragReason", errors, multiLine: true);
            var percent = DeliveryCsv.Whole(row, "percentComplete", errors);
            var note = DeliveryCsv.Text(row, "note", errors, multiLine: true);
            if (errors.Count > before)
            {
                continue;
            }

            if (actionId is null)
            {
                var adding = new AddActionRequest(title, owner, ownerBody, dueOn, parent);
                if (!Annotated(adding, row.Row, errors))
                {
                    continue;
                }

                var (added, refused) = await DeliveryApi.AddActionAsync(db, plan, actions, adding, now, cancellationToken);
                if (refused is not null)
                {
                    if (Refuse(refused, row.Row, errors) is { } problem)
                    {
                        return problem;
                    }

                    continue;
                }

                actions.Add(added!);
                var changes = Changes(("title", null, title), ("ownerOrganisationId", null, owner?.ToString()), ("ownerBodyId", null, ownerBody?.ToString()),
                    ("dueOn", null, DeliveryCsv.Text(dueOn!.Value)), ("parentId", null, parent?.ToString()));
                if ((status is not null && status != ActionStatus.NotStarted) || rag is not null || percent is not null || note is not null)
                {
                    var progress = new ProgressRequest(note, percent, status, rag, ragReason);
                    if (!Annotated(progress, row.Row, errors))
                    {
                        continue;
                    }

                    if (DeliveryApi.RecordProgress(db, added!, progress, actor, now) is { } notRecorded)
                    {
                        if (Refuse(notRecorded, row.Row, errors) is { } problem)
                        {
                            return problem;
                        }

                        continue;
                    }

                    changes.AddRange(Changes(("status", null, Word(status)), ("rag", null, Word(rag)), ("ragReason", null, ragReason),
                        ("percentComplete", null, percent?.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("note", null, note)));
                }

                outcomes.Add(new CsvRowOutcome(row.Row, added!.Id, CsvImportResult.WasAdded, changes));
                continue;
            }

            if (!seen.Add(actionId.Value))
            {
                errors.Add(row.Row, "id", "This action is on an earlier row too; give each action one row.");
                continue;
            }

            if (actions.FirstOrDefault(a => a.Id == actionId) is not { } action)
            {
                errors.Add(row.Row, "id", "No such action in this plan; leave id empty to add a new action.");
                continue;
            }

            foreach (var (column, stored, given) in new[]
            {
                ("parentId", action.ParentId?.ToString(), parent?.ToString()), ("title", action.Title, title),
                ("ownerOrganisationId", action.OwnerOrganisationId.ToString(), owner?.ToString()), ("ownerBodyId", action.OwnerBodyId?.ToString(), ownerBody?.ToString()),
                ("dueOn", DeliveryCsv.Text(action.DueOn), dueOn is { } d ? DeliveryCsv.Text(d) : null),
            })
            {
                if (!string.Equals(stored, given, StringComparison.Ordinal))
                {
                    errors.Add(row.Row, column, $"An action's {column} does not change once it is added, by import as through the API (it is {stored ?? "empty"}); add a new action instead.");
                }
            }

            var statusChanged = status is not null && status != action.Status;
            var ragChanged = (rag is not null && rag != action.Rag) || (ragReason is not null && ragReason != action.RagReason);
            var percentChanged = percent is not null && percent != action.PercentComplete;
            if (errors.Count > before)
            {
                continue;
            }

            if (!statusChanged && !ragChanged && !percentChanged && note is null)
            {
                outcomes.Add(new CsvRowOutcome(row.Row, action.Id, CsvImportResult.WasUnchanged, []));
                continue;
            }

            if (version is null)
            {
                errors.Add(row.Row, "version", "A row that changes an action carries the version it was exported with, so it cannot overwrite a change made since; export again.");
                continue;
            }

            if (version != action.Version)
            {
                var stale = Versioning.Stale();
                stale.ProblemDetails.Detail = $"actions row {row.Row}: action {action.Id} has changed since it was exported (version {version}, now {action.Version}); export again and reapply the row.";
                stale.ProblemDetails.Extensions["row"] = row.Row;
                return stale;
            }

            var update = new ProgressRequest(note, percentChanged ? percent : null, statusChanged ? status : null,
                ragChanged ? rag ?? action.Rag : null, ragChanged ? ragReason ?? action.RagReason : null);
            if (!Annotated(update, row.Row, errors))
            {
                continue;
            }

            var was = (Status: action.Status, action.Rag, action.RagReason, action.PercentComplete);
            if (DeliveryApi.RecordProgress(db, action, update, actor, now) is { } refusal)
            {
                if (Refuse(refusal, row.Row, errors) is { } problem)
                {
                    return problem;
                }

                continue;
            }

            outcomes.Add(new CsvRowOutcome(row.Row, action.Id, CsvImportResult.WasChanged, Changes(
                ("status", DeliveryCsv.Text(was.Status), DeliveryCsv.Text(action.Status)),
                ("rag", Word(was.Rag), Word(action.Rag)), ("ragReason", was.RagReason, action.RagReason),
                ("percentComplete", was.PercentComplete?.ToString(System.Globalization.CultureInfo.InvariantCulture), action.PercentComplete?.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                ("note", null, note))));
        }

        return await FinishAsync(db, transaction, errors, outcomes, dryRun == true, cancellationToken);
    }

    /// <summary>
    /// Imports the actuals file in one transaction with the plan's row locked. A row with a value that differs from the
    /// actual entered for its indicator and period (or its note does) enters it (<see cref="DeliveryApi.RecordActual"/>),
    /// if the caller acts for the indicator's owner organisation or the lead body (otherwise 403 and nothing changes); a
    /// row with an empty value changes nothing. When something changes, <c>If-Match</c> names the plan's version (as the
    /// export's ETag gave it), as entering an actual through the API does; a dry run needs none.
    /// </summary>
    public static async Task<Results<Ok<CsvImportResult>, NotFound, ValidationProblem, ProblemHttpResult>> ImportActuals(
        Guid id, [FromQuery(Name = "dryRun")] bool? dryRun, HttpRequest request, CycleDbContext db, TimeProvider time, HttpContext context, CancellationToken cancellationToken)
    {
        var (upload, unreadable) = await UploadAsync(request, cancellationToken);
        if (unreadable is not null)
        {
            return unreadable;
        }

        var errors = new CsvErrors("actuals");
        var rows = DeliveryCsv.Read(upload!, ActualColumns, ["indicatorId", "period", "value"], errors);
        if (errors.Any)
        {
            return Invalid(errors);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await RowLocks.ForUpdateAsync<DeliveryPlan>(db, id, cancellationToken);
        var plan = await db.DeliveryPlans.SingleOrDefaultAsync(p => p.Id == id && p.RemovedAt == null, cancellationToken);
        if (plan is null)
        {
            return TypedResults.NotFound();
        }

        var actor = await CycleAccess.ActorAsync(context, db, cancellationToken);
        var now = time.GetUtcNow();
        var mayReport = new Dictionary<Guid, bool>();
        var outcomes = new List<CsvRowOutcome>();
        var seen = new HashSet<(Guid, string)>();
        foreach (var row in rows)
        {
            var before = errors.Count;
            var indicatorId = DeliveryCsv.Id(row, "indicatorId", errors);
            var period = DeliveryCsv.Text(row, "period", errors);
            var value = DeliveryCsv.Number(row, "value", errors);
            var note = DeliveryCsv.Text(row, "note", errors, multiLine: true);
            if (errors.Count > before)
            {
                continue;
            }

            if (indicatorId is null || plan.Indicators.FirstOrDefault(i => i.Id == indicatorId) is not { } indicator)
            {
                errors.Add(row.Row, "indicatorId", indicatorId is null ? "Name the indicator (its id, as exported)." : "No such indicator in this plan.");
                continue;
            }

            if (period is null)
            {
                errors.Add(row.Row, "period", "Name the period (e.g. 2009-10).");
                continue;
            }

            if (!seen.Add((indicator.Id, period)))
            {
                errors.Add(row.Row, "period", "This indicator's period is on an earlier row too; give each one row.");
                continue;
            }

            var stored = indicator.Actuals.LastOrDefault(a => a.Period == period);
            if (value is null || (stored is not null && stored.Value == value && stored.Note == note))
            {
                outcomes.Add(new CsvRowOutcome(row.Row, indicator.Id, CsvImportResult.WasUnchanged, []));
                continue;
            }

            if (!mayReport.TryGetValue(indicator.OwnerOrganisationId, out var may))
            {
                may = mayReport[indicator.OwnerOrganisationId] = await DeliveryApi.MayActForOwnerAsync(context, indicator.OwnerOrganisationId, [plan.LeadBodyId], cancellationToken);
            }

            if (!may)
            {
                var forbidden = DeliveryApi.NotTheOwner("indicator");
                forbidden.ProblemDetails.Detail = $"actuals row {row.Row}: {forbidden.ProblemDetails.Detail} Nothing was imported.";
                forbidden.ProblemDetails.Extensions["row"] = row.Row;
                return forbidden;
            }

            var actual = new ReportActualRequest(period, value, note);
            if (!Annotated(actual, row.Row, errors))
            {
                continue;
            }

            if (DeliveryApi.RecordActual(db, plan, indicator, actual, actor, now) is { } refused)
            {
                if (Refuse(refused, row.Row, errors) is { } problem)
                {
                    return problem;
                }

                continue;
            }

            outcomes.Add(new CsvRowOutcome(row.Row, indicator.Id, stored is null ? CsvImportResult.WasAdded : CsvImportResult.WasChanged, Changes(
                ("value", stored is null ? null : DeliveryCsv.Text(stored.Value), DeliveryCsv.Text(value.Value)), ("note", stored?.Note, note))));
        }

        if (!errors.Any && dryRun != true && outcomes.Any(o => o.Outcome != CsvImportResult.WasUnchanged) && Versioning.Check(context, plan) is { } precondition)
        {
            return precondition.Invalid is { } malformed ? malformed : precondition.Problem!;
        }

        return await FinishAsync(db, transaction, errors, outcomes, dryRun == true, cancellationToken);
    }

    /// <summary>Saves and commits (a dry run rolls back after saving, so it meets every check a real import would); 400 when any row was wrong.</summary>
    private static async Task<Results<Ok<CsvImportResult>, NotFound, ValidationProblem, ProblemHttpResult>> FinishAsync(
        CycleDbContext db, Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction transaction, CsvErrors errors, List<CsvRowOutcome> outcomes, bool dryRun, CancellationToken cancellationToken)
    {
        if (errors.Any)
        {
            return Invalid(errors);
        }

        if (await Versioning.SaveAsync(db, cancellationToken) is { } stale)
        {
            return stale;
        }

        if (dryRun)
        {
            await transaction.RollbackAsync(cancellationToken);
        }
        else
        {
            await transaction.CommitAsync(cancellationToken);
        }

        return TypedResults.Ok(CsvImportResult.Of(dryRun, outcomes));
    }

    /// <summary>A row's field errors join the others; a rule's problem (409) is the answer, naming the row.</summary>
    private static ProblemHttpResult? Refuse(Refusal refusal, int row, CsvErrors errors)
    {
        if (refusal.Invalid is { } invalid)
        {
            errors.Add(row, invalid.ProblemDetails.Errors);
            return null;
        }

        var problem = refusal.Problem!;
        problem.ProblemDetails.Detail = $"{errors.Collection} row {row}: {problem.ProblemDetails.Detail} Nothing was imported.";
        problem.ProblemDetails.Extensions["row"] = row;
        return problem;
    }

    /// <summary>The request's attributes (lengths, ranges), checked as the JSON endpoints' validation checks them; false when any fails.</summary>
    private static bool Annotated(object request, int row, CsvErrors errors)
    {
        var results = new List<ValidationResult>();
        if (Validator.TryValidateObject(request, new ValidationContext(request), results, validateAllProperties: true))
        {
            return true;
        }

        foreach (var result in results)
        {
            foreach (var member in result.MemberNames.DefaultIfEmpty(""))
            {
                errors.Add(row, JsonNamingPolicy.CamelCase.ConvertName(member), result.ErrorMessage ?? "Not valid.");
            }
        }

        return false;
    }

    private static List<CsvFieldChange> Changes(params (string Column, string? From, string? To)[] fields) =>
        [.. fields.Where(f => !string.Equals(f.From, f.To, StringComparison.Ordinal)).Select(f => new CsvFieldChange(f.Column, f.From, f.To))];

    private static string? Word<TEnum>(TEnum? value)
        where TEnum : struct, Enum => value is { } v ? DeliveryCsv.Text(v) : null;

    private static ValidationProblem Invalid(CsvErrors errors) => TypedResults.ValidationProblem(
        errors.ToDictionary(),
        title: "The import has invalid rows; nothing was imported.",
        detail: $"{errors.Count} problem{(errors.Count == 1 ? "" : "s")}"
            + (errors.Count > CsvErrors.MaxListed ? $", the first {CsvErrors.MaxListed} listed" : "")
            + $". Errors are keyed {errors.Collection}[row].column; rows count from 1, and the header is row 1.",
        type: CycleProblems.TypeBase + "invalid-import");

    /// <summary>The CSV upload, or why it cannot be read: 415 unless text/csv, 413 over <see cref="DeliveryCsv.MaxUploadBytes"/>, 400 unless UTF-8.</summary>
    private static async Task<(byte[]? Upload, ProblemHttpResult? Problem)> UploadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType)
            || !contentType.MediaType.Equals(DeliveryCsv.MediaType, StringComparison.OrdinalIgnoreCase))
        {
            return (null, TypedResults.Problem(title: "Unsupported content type.", detail: $"Send the file as {DeliveryCsv.MediaType} (UTF-8).",
                statusCode: StatusCodes.Status415UnsupportedMediaType));
        }

        var tooLarge = TypedResults.Problem(title: "The upload is too large.", detail: $"A CSV import is at most {DeliveryCsv.MaxUploadBytes / 1024} KiB.",
            statusCode: StatusCodes.Status413PayloadTooLarge);
        if (request.ContentLength > DeliveryCsv.MaxUploadBytes)
        {
            return (null, tooLarge);
        }

        using var upload = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (upload.Length + read > DeliveryCsv.MaxUploadBytes)
            {
                return (null, tooLarge);
            }

            upload.Write(chunk, 0, read);
        }

        var bytes = upload.ToArray();
        // A file saved in a legacy code page would otherwise load with its accents silently replaced.
        return Utf8.IsValid(bytes)
            ? (bytes, null)
            : (null, TypedResults.Problem(title: "The file is not UTF-8.", detail: "Save it as UTF-8 CSV (in Excel: 'CSV UTF-8 (Comma delimited)') and send it again.",
                statusCode: StatusCodes.Status400BadRequest));
    }
}
