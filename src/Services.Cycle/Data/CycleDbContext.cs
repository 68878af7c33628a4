using Concordat.Audit;
using Concordat.Cycle.Decisions;
using Concordat.Cycle.Delivery;
using Concordat.Cycle.Evaluations;
using Concordat.Cycle.Lessons;
using Concordat.Cycle.Meetings;
using Concordat.Cycle.Proposals;
using Concordat.Cycle.Issues;
using Concordat.Cycle.Referrals;
using Concordat.Cycle.TaskGroups;
using Concordat.Cycle.Timeline;
using Concordat.Messaging;
using Concordat.Registry.ReadModel;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Concordat.Cycle.Data;

public sealed class CycleDbContext(DbContextOptions<CycleDbContext> options) : DbContext(options), IRegistryReadModel
{
    /// <summary>The cycle's read model of the registry's bodies, kept from registry events.</summary>
    public DbSet<KnownBody> Bodies => Set<KnownBody>();

    /// <summary>The cycle's read model of the registry's memberships, for access and "which bodies do I sit on".</summary>
    public DbSet<KnownMembership> Memberships => Set<KnownMembership>();

    public DbSet<Issue> Issues => Set<Issue>();

    public DbSet<IssueHolder> IssueHolders => Set<IssueHolder>();

    public DbSet<Referral> Referrals => Set<Referral>();

    public DbSet<ReferralRecipient> ReferralRecipients => Set<ReferralRecipient>();

    public DbSet<Decision> Decisions => Set<Decision>();

    public DbSet<Meeting> Meetings => Set<Meeting>();

    public DbSet<Proposal> Proposals => Set<Proposal>();

    public DbSet<TimelineEntry> Timeline => Set<TimelineEntry>();

    public DbSet<TaskGroup> TaskGroups => Set<TaskGroup>();

    public DbSet<DeliveryPlan> DeliveryPlans => Set<DeliveryPlan>();

    public DbSet<DeliveryAction> DeliveryActions => Set<DeliveryAction>();

    public DbSet<MonitoringReport> MonitoringReports => Set<MonitoringReport>();

    public DbSet<Evaluation> Evaluations => Set<Evaluation>();

    public DbSet<Lesson> Lessons => Set<Lesson>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(CycleDbContext).Assembly);
        modelBuilder.AddRegistryReadModel();
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
