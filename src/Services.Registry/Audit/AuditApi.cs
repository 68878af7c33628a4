using Concordat.Audit;
using Concordat.Registry.Data;

namespace Concordat.Registry.Audit;

/// <summary>The registry's audit trail, exported to platform administrators as every service's is (<see cref="AuditExport"/>).</summary>
public static class AuditApi
{
    /// <summary>Maps <c>GET /api/registry/audit</c> and <c>GET /api/registry/audit.csv</c>, for <c>platform_admin</c> only.</summary>
    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder app) =>
        app.MapAuditExport<RegistryDbContext>("/api/registry");
}
