using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Concordat.Audit;

/// <summary>Registers the audit trail for a service's database.</summary>
public static class AuditTrailExtensions
{
    /// <summary>
    /// Adds the <see cref="AuditInterceptor"/> to the service's database (<c>AddServiceDatabase</c> takes every EF Core
    /// interceptor in the container), so each change is audited in its own transaction. It writes only for a model
    /// that has the table (<see cref="AuditModelBuilderExtensions.AddAuditTrail"/>).
    /// </summary>
    public static IHostApplicationBuilder AddAuditTrail(this IHostApplicationBuilder builder)
    {
        // The interceptor reads the caller from the current request.
        builder.Services.AddHttpContextAccessor();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<IInterceptor, AuditInterceptor>();
        return builder;
    }
}
