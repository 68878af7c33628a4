using System.IO.Pipelines;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Concordat.Registry.Data;
using Concordat.Registry.Records;
using Microsoft.AspNetCore.Http.HttpResults;
using Concordat.Registry.Transfer;
using Microsoft.Net.Http.Headers;
using Concordat.ServiceDefaults;
using Concordat.ServiceDefaults.Access;

// Beside AddRegistry, so Program.cs maps it with one line and no using of its own.
namespace Concordat.Registry;

/// <summary>
/// Bulk export and import, so a council can load the lists it keeps and take the registry away again: the whole
/// registry as JSON, each collection as CSV, and the same shapes back in. Formats: <c>docs/registry-import-export.md</c>.
/// </summary>
public static class TransferApi
{
    /// <summary>The largest upload an import reads (10 MiB); more is refused with 413.</summary>
    public const int MaxUploadBytes = 10 * 1024 * 1024;

    /// <summary>Maps <c>/api/registry/export.json</c>, <c>/api/registry/export/{collection}.csv</c> and <c>/api/registry/import</c>.</summary>
    public static IEndpointRouteBuilder MapTransferApi(this IEndpointRouteBuilder app)
    {
        var registry = app.MapGroup("/api/registry").WithTags("Import and export").RequireRoles(ConcordatRoles.PlatformAdmin);
        registry.MapGet("/export.json", ExportRegistry).WithName(nameof(ExportRegistry)).Produces<RegistryExport>(StatusCodes.Status200OK, "application/json");
        registry.MapGet("/export/{collection}.csv", ExportCollection).WithName(nameof(ExportCollection))
            .Produces(StatusCodes.Status200OK, contentType: CsvTransfer.MediaType).ProducesProblem(StatusCodes.Status404NotFound);
        registry.MapPost("/import", ImportRegistry).WithName(nameof(ImportRegistry))
            .Accepts<RegistryExport>(JsonTransfer.MediaType)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        registry.MapPost("/import/{collection}", ImportCollection).WithName(nameof(ImportCollection))
            .Accepts<string>(CsvTransfer.MediaType)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        return app;
    }

    /// <summary>The whole live registry, format <c>concordat-registry/1</c>, written to the response as it is read.</summary>
    public static PushStreamHttpResult ExportRegistry(
        RegistryDbContext db, TimeProvider time, IOptions<JsonOptions> json, CancellationToken cancellationToken) =>
        TypedResults.Stream(
            async body =>
            {
                var output = PipeWriter.Create(body, new StreamPipeWriterOptions(leaveOpen: true));
                await RegistryExporter.WriteAsync(db, time.GetUtcNow(), output, json.Value.SerializerOptions, cancellationToken);
                await output.CompleteAsync();
            },
            "application/json; charset=utf-8");

    /// <summary>One collection as CSV with a header row.</summary>
    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ExportCollection(
        string collection, RegistryDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        if (TransferCollections.Find(collection) is not { } found)
        {
            return UnknownCollection(collection);
        }

        var export = await RegistryExporter.ExportAsync(db, time.GetUtcNow(), cancellationToken);
        return TypedResults.File(CsvTransfer.Write(found, found.Entries(export)), $"{CsvTransfer.MediaType}; charset=utf-8", $"{found.Name}.csv");
    }

    /// <summary>Imports a document of the export's shape: all of it, or nothing.</summary>
    public static async Task<Results<Ok<ImportSummary>, ValidationProblem, ProblemHttpResult>> ImportRegistry(
        HttpRequest request, RegistryDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!request.HasJsonContentType())
        {
            return UnsupportedMediaType(JsonTransfer.MediaType);
        }

        if (await ReadUploadAsync(request, cancellationToken) is not { } upload)
        {
            return TooLarge();
        }

        var batch = new ImportBatch();
        var errors = new ImportErrors();
        try
        {
            JsonTransfer.Read(upload, batch, errors);
        }
        catch (JsonException e)
        {
            return TypedResults.Problem(title: "The body is not valid JSON.", detail: e.Message, statusCode: StatusCodes.Status400BadRequest);
        }
        catch (InvalidOperationException) when (upload.Length > 0)
        {
            // System.Text.Json reads a string lazily and refuses one it cannot decode (a name with an escaped lone
            // surrogate); values are field errors already (JsonEntrySource), this is for names of collections or fields.
            return TypedResults.Problem(title: "The body is not valid JSON.", detail: "A name in the document holds an escaped lone surrogate (such as \\ud800), which is not a character.",
                statusCode: StatusCodes.Status400BadRequest);
        }

        return errors.Any ? Invalid(errors) : Answer(await RegistryImport.RunAsync(db, time, batch, cancellationToken));
    }

    /// <summary>Imports one collection from CSV: all its rows, or none.</summary>
    public static async Task<Results<Ok<ImportSummary>, ValidationProblem, ProblemHttpResult>> ImportCollection(
        string collection, HttpRequest request, RegistryDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        if (TransferCollections.Find(collection) is not { } found)
        {
            return UnknownCollection(collection);
        }

        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType)
            || !contentType.MediaType.Equals(CsvTransfer.MediaType, StringComparison.OrdinalIgnoreCase))
        {
            return UnsupportedMediaType(CsvTransfer.MediaType);
        }

        if (await ReadUploadAsync(request, cancellationToken) is not { } upload)
        {
            return TooLarge();
        }

        // A file saved in a legacy code page would otherwise load with its accents silently replaced.
        if (!IsUtf16(upload) && !Utf8.IsValid(upload))
        {
            return TypedResults.Problem(
                title: "The file is not UTF-8.",
                detail: "Save it as UTF-8 CSV (in Excel: 'CSV UTF-8 (Comma delimited)') and send it again.",
                statusCode: StatusCodes.Status400BadRequest);
        }

        var batch = new ImportBatch();
        var errors = new ImportErrors();
        CsvTransfer.Read(upload, found, batch, errors);
        return errors.Any ? Invalid(errors) : Answer(await RegistryImport.RunAsync(db, time, batch, cancellationToken));
    }

    private static Results<Ok<ImportSummary>, ValidationProblem, ProblemHttpResult> Answer(ImportOutcome outcome) => outcome switch
    {
        ImportOutcome.Imported imported => TypedResults.Ok(imported.Summary),
        ImportOutcome.Invalid invalid => Invalid(invalid.Errors),
        ImportOutcome.Refused refused => Refused(refused.Violations),
        _ => throw new InvalidOperationException($"Unknown import outcome {outcome.GetType().Name}."),
    };

    private static ValidationProblem Invalid(ImportErrors errors) => TypedResults.ValidationProblem(
        errors.ToDictionary(),
        title: "The import has invalid rows; nothing was imported.",
        detail: $"{errors.Count} problem{(errors.Count == 1 ? "" : "s")}"
            + (errors.Count > ImportErrors.MaxListed ? $", the first {ImportErrors.MaxListed} fields listed" : "")
            + ". Errors are keyed collection[row].field; rows count from 1, and in CSV the header is row 1.",
        type: RegistryProblems.TypeBase + "invalid-import");

    /// <summary>409 naming the first rule broken and listing every row that breaks one.</summary>
    private static ProblemHttpResult Refused(IReadOnlyList<ImportViolation> violations)
    {
        var first = violations[0];
        var where = first.Row > 0 ? $"{first.Collection} row {first.Row}: " : "";
        return TypedResults.Problem(
            title: "The import breaks a registry rule; nothing was imported.",
            detail: where + first.Detail,
            statusCode: StatusCodes.Status409Conflict,
            type: RegistryProblems.TypeBase + first.Rule,
            extensions: new Dictionary<string, object?>
            {
                ["rule"] = first.Rule,
                ["collection"] = first.Row > 0 ? first.Collection : null,
                ["row"] = first.Row > 0 ? first.Row : null,
                ["violations"] = violations,
            });
    }

    private static ProblemHttpResult UnknownCollection(string collection) => TypedResults.Problem(
        title: "No such collection.",
        detail: $"'{collection}' is not a collection; the collections are {string.Join(", ", TransferCollections.All.Select(c => c.Name))}.",
        statusCode: StatusCodes.Status404NotFound);

    private static ProblemHttpResult UnsupportedMediaType(string expected) => TypedResults.Problem(
        title: "Unsupported content type.",
        detail: $"Send the import as {expected}.",
        statusCode: StatusCodes.Status415UnsupportedMediaType);

    private static ProblemHttpResult TooLarge() => TypedResults.Problem(
        title: "The upload is too large.",
        detail: $"An import is at most {MaxUploadBytes / (1024 * 1024)} MiB; split it by collection, or into several files.",
        statusCode: StatusCodes.Status413PayloadTooLarge);

    /// <summary>The request body, or null when it is larger than <see cref="MaxUploadBytes"/> (read no further than that).</summary>
    private static async Task<byte[]?> ReadUploadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxUploadBytes)
        {
            return null;
        }

        using var upload = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (upload.Length + read > MaxUploadBytes)
            {
                return null;
            }

            upload.Write(chunk, 0, read);
        }

        return upload.ToArray();
    }

    private static bool IsUtf16(byte[] upload) =>
        upload.Length >= 2 && ((upload[0] == 0xFF && upload[1] == 0xFE) || (upload[0] == 0xFE && upload[1] == 0xFF));
}
