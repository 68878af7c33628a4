using Concordat.Audit;
using Concordat.Messaging;
using Concordat.Registry.Agreements;
using Concordat.Registry.ApiKeys;
using Concordat.Registry.Bodies;
using Concordat.Registry.Memberships;
using Concordat.Registry.Organisations;
using Concordat.Registry.People;
using Concordat.Registry.Relationships;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Concordat.Registry.Data;

public sealed class RegistryDbContext(DbContextOptions<RegistryDbContext> options) : DbContext(options)
{
    public DbSet<Organisation> Organisations => Set<Organisation>();

    public DbSet<Person> People => Set<Person>();

    public DbSet<Body> Bodies => Set<Body>();

    public DbSet<Seat> Seats => Set<Seat>();

    public DbSet<Membership> Memberships => Set<Membership>();

    public DbSet<BodyRelationship> Relationships => Set<BodyRelationship>();

    public DbSet<Agreement> Agreements => Set<Agreement>();

    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        this.TakeIntoOutbox();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        this.TakeIntoOutbox();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        // Trigram indexes make the lists' name search (q) an index read: RecordConfiguration.HasNameSearchIndex.
        modelBuilder.HasPostgresExtension("pg_trgm");
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(RegistryDbContext).Assembly);
        modelBuilder.AddOutboxAndInbox();
        modelBuilder.AddAuditTrail();
    }
}

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without a running service.</summary>
internal sealed class RegistryDbContextFactory : IDesignTimeDbContextFactory<RegistryDbContext>
{
    public RegistryDbContext CreateDbContext(string[] args) => new(new DbContextOptionsBuilder<RegistryDbContext>()
        .UseNpgsql("Host=localhost;Database=registry_design")
        .UseSnakeCaseNamingConvention()
        .Options);
}
