using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Concordat.Subscriptions.Endpoints;

/// <summary>Whether deliveries are made to an endpoint.</summary>
public enum EndpointState
{
    /// <summary>Deliveries are made.</summary>
    Active,

    /// <summary>Its organisation paused it: deliveries wait, and go when it is resumed.</summary>
    Paused,

    /// <summary>The platform stopped it (410 Gone, or five days failing): nothing is delivered until it is resumed.</summary>
    Disabled,
}

/// <summary>
/// A partner organisation's webhook: where deliveries go, which events it wants (<see cref="EventFilter"/>), and its
/// signing secrets, kept only encrypted (<see cref="EndpointSecrets"/>). After a rotation the previous secret still signs
/// until <see cref="PreviousSecretExpiresAt"/>, so the partner can switch without losing a delivery.
/// </summary>
public sealed class WebhookEndpoint : ISubscriptionFilter
{
    public const int DescriptionMaxLength = 500;
    public const int UrlMaxLength = 2000;

    /// <summary>How long the previous secret still signs after a rotation.</summary>
    public static readonly TimeSpan RotationOverlap = TimeSpan.FromHours(24);

    /// <summary>How long an endpoint may fail before the platform disables it.</summary>
    public static readonly TimeSpan FailingLimit = TimeSpan.FromDays(5);

    public Guid Id { get; set; }

    public Guid OrganisationId { get; set; }

    public string Url { get; set; } = "";

    public string? Description { get; set; }

    /// <summary>Exact CloudEvents types, or <c>org.concordat.{service}.*</c>.</summary>
    public List<string> EventTypes { get; set; } = [];

    /// <summary>Only events about these registry bodies, when any are named.</summary>
    public List<Guid> BodyIds { get; set; } = [];

    /// <summary>Only events about these councils' areas (registry organisations), when any are named.</summary>
    public List<Guid> AreaIds { get; set; } = [];

    /// <summary>Only events about these themes, when any are named.</summary>
    public List<string> Themes { get; set; } = [];

    public EndpointState State { get; set; }

    /// <summary>Why the platform disabled it: <c>gone</c> or <c>failing_for_five_days</c>.</summary>
    public string? DisabledReason { get; set; }

    /// <summary>The signing secret, encrypted by Data Protection.</summary>
    public string ProtectedSecret { get; set; } = "";

    /// <summary>The secret before the last rotation, encrypted, while it still signs.</summary>
    public string? ProtectedPreviousSecret { get; set; }

    public DateTimeOffset? PreviousSecretExpiresAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? SecretRotatedAt { get; set; }

    /// <summary>The first failed attempt since it last answered with a 2xx; null while healthy.</summary>
    public DateTimeOffset? FailingSince { get; set; }

    /// <summary>When a delivery's attempts last ran out and <c>EndpointFailing</c> was sent; null while healthy.</summary>
    public DateTimeOffset? MarkedFailingAt { get; set; }

    /// <summary>Whether the previous secret still signs at <paramref name="now"/>.</summary>
    public bool PreviousSecretSigns(DateTimeOffset now) => ProtectedPreviousSecret is not null && PreviousSecretExpiresAt > now;

    /// <summary>Replaces the secret; the old one signs for <see cref="RotationOverlap"/> more.</summary>
    public void Rotate(string protectedSecret, DateTimeOffset now)
    {
        ProtectedPreviousSecret = ProtectedSecret;
        PreviousSecretExpiresAt = now + RotationOverlap;
        ProtectedSecret = protectedSecret;
        SecretRotatedAt = now;
    }

    /// <summary>Deliveries wait until it is resumed.</summary>
    public void Pause()
    {
        if (State == EndpointState.Active)
        {
            State = EndpointState.Paused;
        }
    }

    /// <summary>Deliveries go again, also after the platform disabled it; its failures are forgotten.</summary>
    public void Resume()
    {
        State = EndpointState.Active;
        DisabledReason = null;
        FailingSince = null;
        MarkedFailingAt = null;
    }

    /// <summary>A 2xx: it is healthy again.</summary>
    public void Succeeded()
    {
        FailingSince = null;
        MarkedFailingAt = null;
    }

    /// <summary>A failed attempt; true when it has now failed for <see cref="FailingLimit"/> and is disabled.</summary>
    public bool Failed(DateTimeOffset now)
    {
        FailingSince ??= now;
        if (State != EndpointState.Disabled && now - FailingSince >= FailingLimit)
        {
            Disable(Concordat.Contracts.Subscriptions.EndpointDisabled.FailingTooLong);
            return true;
        }

        return false;
    }

    /// <summary>The platform stops delivering to it.</summary>
    public void Disable(string reason)
    {
        State = EndpointState.Disabled;
        DisabledReason = reason;
    }
}

internal sealed class WebhookEndpointConfiguration : IEntityTypeConfiguration<WebhookEndpoint>
{
    public void Configure(EntityTypeBuilder<WebhookEndpoint> endpoint)
    {
        endpoint.ToTable("endpoints");
        endpoint.Property(e => e.Url).HasMaxLength(WebhookEndpoint.UrlMaxLength);
        endpoint.Property(e => e.Description).HasMaxLength(WebhookEndpoint.DescriptionMaxLength);
        endpoint.Property(e => e.State).HasConversion<string>().HasMaxLength(20);
        endpoint.Property(e => e.DisabledReason).HasMaxLength(40);
        endpoint.HasIndex(e => e.OrganisationId);

        // Fan-out asks, for each event, which endpoints name its type (or service) and overlap its bodies and areas.
        endpoint.HasIndex(e => e.EventTypes).HasMethod("gin");
        endpoint.HasIndex(e => e.BodyIds).HasMethod("gin");
    }
}
