using Concordat.Audit;
using Concordat.Messaging;
using Concordat.Registry.ReadModel;
using Concordat.Scrutiny.CallIns;
using Concordat.Scrutiny.InformationRequests;
using Concordat.Scrutiny.Inquiries;
using Concordat.Scrutiny.Reports;
using Concordat.Scrutiny.WorkProgramme;
using Concordat.ServiceKit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Concordat.Scrutiny.Data;

public sealed class ScrutinyDbContext(DbContextOptions<ScrutinyDbContext> options) : DbContext(options), IRegistryReadModel
{
    /// <summary>Scrutiny's read model of the registry's bodies: committees are those with the <c>scrutiny</c> role.</summary>
    public DbSet<KnownBody> Bodies => Set<KnownBody>();

    /// <summary>Scrutiny's read model of the registry's memberships, for access by membership of a committee.</summary>
    public DbSet<KnownMembership> Memberships => Set<KnownMembership>();

    /// <summary>The decisions the cycle published, as scrutiny heard them: what may be called in.</summary>
    public DbSet<PublishedDecision> Decisions => Set<PublishedDecision>();

    public DbSet<CallIn> CallIns => Set<CallIn>();

    public DbSet<Topic> Topics => Set<Topic>();

    public DbSet<Inquiry> Inquiries => Set<Inquiry>();

    public DbSet<DuplicationWarning> DuplicationWarnings => Set<DuplicationWarning>();

    public DbSet<InformationRequest> InformationRequests => Set<InformationRequest>();

    public DbSet<Report> Reports => Set<Report>();

    public DbSet<Recommendation> Recommendations => Set<Recommendation>();

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
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ScrutinyDbContext).Assembly);
        modelBuilder.AddRegistryReadModel();
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
