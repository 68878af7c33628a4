using System.Globalization;
using System.Net.Http.Headers;

namespace Concordat.Subscriptions.Deliveries;

/// <summary>
/// Standard Webhooks' retry schedule: attempts at once, then after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h and
/// 24 h, each delay with jitter; a <c>429</c> or <c>503</c> with <c>Retry-After</c> waits as long as it asks instead.
/// </summary>
public static class RetrySchedule
{
    public static readonly IReadOnlyList<TimeSpan> Delays =
    [
        TimeSpan.Zero, TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2),
        TimeSpan.FromHours(5), TimeSpan.FromHours(10), TimeSpan.FromHours(14), TimeSpan.FromHours(20), TimeSpan.FromHours(24),
    ];

    /// <summary>The longest <c>Retry-After</c> honoured.</summary>
    public static readonly TimeSpan MaxRetryAfter = TimeSpan.FromHours(24);

    public static int MaxAttempts => Delays.Count;

    /// <summary>
    /// When to try again after <paramref name="attemptsMade"/> failed attempts, or null when they have run out.
    /// <paramref name="jitter"/> is a number in [-1, 1]; <paramref name="jitterShare"/> the largest share of the delay it moves.
    /// </summary>
    public static DateTimeOffset? NextAttempt(int attemptsMade, DateTimeOffset now, TimeSpan? retryAfter, double jitter, double jitterShare)
    {
        if (attemptsMade >= MaxAttempts)
        {
            return null;
        }

        if (retryAfter is { } asked && asked > TimeSpan.Zero)
        {
            return now + (asked > MaxRetryAfter ? MaxRetryAfter : asked);
        }

        var delay = Delays[attemptsMade];
        return now + delay + (delay * (Math.Clamp(jitter, -1, 1) * jitterShare));
    }

    /// <summary>The <c>Retry-After</c> of a <c>429</c> or <c>503</c> (seconds or an HTTP date), if any.</summary>
    public static TimeSpan? RetryAfter(int status, RetryConditionHeaderValue? header, DateTimeOffset now) => status is 429 or 503
        ? header switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - now,
            _ => null,
        }
        : null;

    /// <summary>Parses a raw <c>Retry-After</c> value.</summary>
    public static RetryConditionHeaderValue? ParseRetryAfter(string? value) =>
        value is not null && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? new RetryConditionHeaderValue(TimeSpan.FromSeconds(seconds))
            : RetryConditionHeaderValue.TryParse(value, out var parsed) ? parsed : null;
}
