using Concordat.Audit;
using Concordat.Cycle.Bodies;
using Concordat.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Concordat.Cycle.Data;

public sealed class CycleDbContext(DbContextOptions<CycleDbContext> options) : DbContext(options)
{
    /// <summary>The cycle's read model of the registry's bodies, kept from registry events.</summary>
    public DbSet<KnownBody> Bodies => Set<KnownBody>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(CycleDbContext).Assembly);
        modelBuilder.AddOutboxAndInbox();
        modelBuilder.AddAuditTrail();
    }
}

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without a running service.</summary>
internal sealed class CycleDbContextFactory : IDesignTimeDbContextFactory<CycleDbContext>
{
    public CycleDbContext CreateDbContext(string[] args) => new(new DbContextOptionsBuilder<CycleDbContext>()
        .UseNpgsql("Host=localhost;Database=cycle_design")
        .UseSnakeCaseNamingConvention()
        .Options);
}
