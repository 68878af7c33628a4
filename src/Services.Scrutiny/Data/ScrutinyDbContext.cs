using Concordat.Audit;
using Concordat.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Concordat.Scrutiny.Data;

public sealed class ScrutinyDbContext(DbContextOptions<ScrutinyDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ScrutinyDbContext).Assembly);
        modelBuilder.AddOutboxAndInbox();
        modelBuilder.AddAuditTrail();
    }
}

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without a running service.</summary>
internal sealed class ScrutinyDbContextFactory : IDesignTimeDbContextFactory<ScrutinyDbContext>
{
    public ScrutinyDbContext CreateDbContext(string[] args) => new(new DbContextOptionsBuilder<ScrutinyDbContext>()
        .UseNpgsql("Host=localhost;Database=scrutiny_design")
        .UseSnakeCaseNamingConvention()
        .Options);
}
