using System.Data;
using System.IO.Pipelines;
using Concordat.Registry.Data;
using Concordat.ServiceDefaults;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Concordat.ServiceDefaults.Access;

namespace Concordat.Registry.OpenData;

public static class OpenDataApi
{
    /// <summary>How long a client or proxy may reuse the export before asking again (with its ETag).</summary>
    public const string CacheControl = "public, max-age=300";

    /// <summary>Maps <c>/api/registry/open-data</c>: the registry as public open data.</summary>
    public static IEndpointRouteBuilder MapOpenDataApi(this IEndpointRouteBuilder app)
    {
        var openData = app.MapGroup("/api/registry/open-data").WithTags("Open data").Public();
        openData.MapGet("/popolo.json", GetPopolo)
            .WithName(nameof(GetPopolo))
            .Produces<PopoloDocument>(StatusCodes.Status200OK, "application/json")
            .Produces(StatusCodes.Status304NotModified);
        return app;
    }

    /// <summary>
    /// The whole registry as Popolo JSON, written to the response as it is read (docs/open-data.md). The ETag is a
    /// fingerprint of the tables the document is made from, read in the document's own snapshot, so an unchanged
    /// registry answers a conditional request with 304 and no body, without building the document.
    /// </summary>
    public static async Task<PushStreamHttpResult> GetPopolo(
        RegistryDbContext db, IOptions<InstanceOptions> instance, HttpResponse response, CancellationToken cancellationToken)
    {
        // One snapshot for the fingerprint and every page; the request's context ends it (a 304 never reads a page).
        await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        var etag = new EntityTagHeaderValue($"\"{await PopoloExport.FingerprintAsync(db, instance.Value.InstanceId, cancellationToken)}\"");
        response.Headers.CacheControl = CacheControl;
        return TypedResults.Stream(
            async body =>
            {
                var output = PipeWriter.Create(body, new StreamPipeWriterOptions(leaveOpen: true));
                await PopoloExport.WriteAsync(db, instance.Value.InstanceId, output, cancellationToken);
                await output.CompleteAsync();
                await db.Database.CommitTransactionAsync(cancellationToken);
            },
            "application/json",
            entityTag: etag);
    }
}
