using Concordat.Messaging;
using Concordat.Subscriptions.Deliveries;
using Concordat.Subscriptions.Endpoints;
using Concordat.Subscriptions.Feeds;
using Concordat.Subscriptions.FanOut;
using Concordat.Subscriptions.Idempotency;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Concordat.Subscriptions.Data;

public sealed class SubscriptionsDbContext(DbContextOptions<SubscriptionsDbContext> options) : DbContext(options), IDataProtectionKeyContext
{
    public DbSet<WebhookEndpoint> Endpoints => Set<WebhookEndpoint>();

    /// <summary>The public events heard, in their public form: what deliveries carry and replays resend.</summary>
    public DbSet<PublicEvent> Events => Set<PublicEvent>();

    /// <summary>Each issue's areas and themes, from <c>IssueRaised</c>, so later events about it can be filtered by them.</summary>
    public DbSet<KnownIssue> Issues => Set<KnownIssue>();

    /// <summary>Each published decision's issue, so scrutiny's events about it can be filtered like the decision.</summary>
    public DbSet<KnownDecision> Decisions => Set<KnownDecision>();

    /// <summary>Partners' AMQP feeds: a queue and a broker user each.</summary>
    public DbSet<AmqpFeed> Feeds => Set<AmqpFeed>();

    public DbSet<Delivery> Deliveries => Set<Delivery>();

    public DbSet<DeliveryAttempt> Attempts => Set<DeliveryAttempt>();

    public DbSet<IdempotentRequest> IdempotentRequests => Set<IdempotentRequest>();

    /// <summary>The Data Protection key ring that encrypts the signing secrets.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(SubscriptionsDbContext).Assembly);
        modelBuilder.AddOutboxAndInbox();
    }
}

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without a running service.</summary>
internal sealed class SubscriptionsDbContextFactory : IDesignTimeDbContextFactory<SubscriptionsDbContext>
{
    public SubscriptionsDbContext CreateDbContext(string[] args) => new(new DbContextOptionsBuilder<SubscriptionsDbContext>()
        .UseNpgsql("Host=localhost;Database=subscriptions_design")
        .UseSnakeCaseNamingConvention()
        .Options);
}
