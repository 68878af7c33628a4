using Concordat.Subscriptions.Endpoints;
using Concordat.Subscriptions.FanOut;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Concordat.Subscriptions.Deliveries;

public enum DeliveryState
{
    /// <summary>An attempt is due at <see cref="Delivery.NextAttemptAt"/>.</summary>
    Pending,

    Succeeded,

    /// <summary>Its attempts ran out, or the endpoint answered 410.</summary>
    Failed,
}

/// <summary>
/// One event to one endpoint: a Standard Webhooks message, whose id (<c>webhook-id</c>) is <see cref="Id"/> on every
/// attempt and every redelivery.
/// </summary>
public sealed class Delivery
{
    public Guid Id { get; set; }

    public Guid EndpointId { get; set; }

    public Guid EventId { get; set; }

    public DeliveryState State { get; set; }

    /// <summary>Attempts made since it was created or last redelivered.</summary>
    public int Attempts { get; set; }

    public DateTimeOffset? NextAttemptAt { get; set; }

    /// <summary>A dispatcher is sending it until then; another may take it after (the first died).</summary>
    public DateTimeOffset? LeasedUntil { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? LastAttemptAt { get; set; }

    public int? LastStatusCode { get; set; }

    public WebhookEndpoint? Endpoint { get; set; }

    public PublicEvent? Event { get; set; }

    /// <summary>A new delivery of <paramref name="eventId"/> to <paramref name="endpointId"/>, due at once.</summary>
    public static Delivery Of(Guid endpointId, Guid eventId, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        EndpointId = endpointId,
        EventId = eventId,
        State = DeliveryState.Pending,
        NextAttemptAt = now,
        CreatedAt = now,
    };

    /// <summary>Sends it again from the first attempt of the schedule, under the same <c>webhook-id</c>.</summary>
    public void Redeliver(DateTimeOffset now)
    {
        State = DeliveryState.Pending;
        Attempts = 0;
        NextAttemptAt = now;
        LeasedUntil = null;
    }
}

/// <summary>One attempt of a delivery, for the delivery log: never more than 1 KB of what the endpoint answered.</summary>
public sealed class DeliveryAttempt
{
    public const int ResponseBodyMaxBytes = 1024;

    public Guid Id { get; set; }

    public Guid DeliveryId { get; set; }

    public Guid EndpointId { get; set; }

    public int Number { get; set; }

    public DateTimeOffset AttemptedAt { get; set; }

    public int DurationMs { get; set; }

    /// <summary>The HTTP status answered, or null when none was (timeout, refused connection, refused address).</summary>
    public int? StatusCode { get; set; }

    /// <summary><c>succeeded</c>, <c>failed</c>, <c>timed_out</c>, <c>unreachable</c> or <c>refused_address</c>.</summary>
    public string Outcome { get; set; } = "";

    /// <summary>The start of the response body, at most <see cref="ResponseBodyMaxBytes"/> bytes.</summary>
    public string? ResponseBody { get; set; }

    /// <summary>Why there was no answer, in a few words.</summary>
    public string? Error { get; set; }
}

internal sealed class DeliveryConfiguration : IEntityTypeConfiguration<Delivery>
{
    public void Configure(EntityTypeBuilder<Delivery> delivery)
    {
        delivery.ToTable("deliveries");
        delivery.Property(d => d.Id).ValueGeneratedNever();
        delivery.Property(d => d.State).HasConversion<string>().HasMaxLength(20);
        delivery.HasOne(d => d.Endpoint).WithMany().HasForeignKey(d => d.EndpointId).OnDelete(DeleteBehavior.Cascade);
        delivery.HasOne(d => d.Event).WithMany().HasForeignKey(d => d.EventId).OnDelete(DeleteBehavior.Restrict);
        delivery.HasIndex(d => new { d.EndpointId, d.EventId }).IsUnique();
        delivery.HasIndex(d => d.NextAttemptAt).HasFilter("state = 'Pending'");
        delivery.HasIndex(d => new { d.EndpointId, d.NextAttemptAt }, "ix_deliveries_pending_by_endpoint").HasFilter("state = 'Pending'");
    }
}

internal sealed class DeliveryAttemptConfiguration : IEntityTypeConfiguration<DeliveryAttempt>
{
    public void Configure(EntityTypeBuilder<DeliveryAttempt> attempt)
    {
        attempt.ToTable("delivery_attempts");
        attempt.Property(a => a.Id).ValueGeneratedNever();
        attempt.Property(a => a.Outcome).HasMaxLength(20);
        attempt.Property(a => a.Error).HasMaxLength(300);
        attempt.HasOne<Delivery>().WithMany().HasForeignKey(a => a.DeliveryId).OnDelete(DeleteBehavior.Cascade);
        attempt.HasIndex(a => new { a.DeliveryId, a.Number });
    }
}
