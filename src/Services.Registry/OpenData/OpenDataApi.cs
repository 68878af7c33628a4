using System.Security.Cryptography;
using System.Text.Json;
using Concordat.Registry.Data;
using Concordat.ServiceDefaults;
using Microsoft.AspNetCore.Http.HttpResults;
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
    /// The whole registry as Popolo JSON. The ETag is a hash of the bytes, so an unchanged registry answers a
    /// conditional request with 304 and no body.
    /// </summary>
    public static async Task<FileContentHttpResult> GetPopolo(
        RegistryDbContext db, IOptions<InstanceOptions> instance, HttpResponse response, CancellationToken cancellationToken)
    {
        var document = await PopoloExport.BuildAsync(db, instance.Value.InstanceId, cancellationToken);
        var json = JsonSerializer.SerializeToUtf8Bytes(document, PopoloExport.JsonOptions);
        var etag = new EntityTagHeaderValue($"\"{Convert.ToHexStringLower(SHA256.HashData(json).AsSpan(0, 16))}\"");
        response.Headers.CacheControl = CacheControl;
        return TypedResults.Bytes(json, "application/json", entityTag: etag);
    }
}
