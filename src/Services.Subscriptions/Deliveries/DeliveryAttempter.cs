using System.Text;
using Concordat.Contracts.Subscriptions;
using Concordat.Messaging;
using Concordat.Subscriptions.Data;
using Concordat.Subscriptions.Endpoints;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Concordat.Subscriptions.Deliveries;

/// <summary>What one attempt got: when it started, how long it took, and the answer or why there was none.</summary>
public sealed record AttemptResult(
    DateTimeOffset Started, int DurationMs, int? Status, string Outcome, string? ResponseBody, string? Error,
    System.Net.Http.Headers.RetryConditionHeaderValue? RetryAfter);

/// <summary>
/// Records an attempt that did not succeed (the dispatcher sends; successes go to <see cref="AttemptLog"/> in batches):
/// <c>410</c> disables the endpoint; anything else (another status, a timeout, no connection, a refused address) is
/// retried by <see cref="RetrySchedule"/>. When the attempts run out the endpoint is marked failing
/// (<c>EndpointFailing</c>); failing for five days disables it (<c>EndpointDisabled</c>). The outcome, the attempt's log
/// row and any event commit together.
/// </summary>
public sealed class DeliveryAttempter(SubscriptionsDbContext db, TimeProvider time, IOptionsMonitor<SubscriptionsOptions> options)
{
    public async Task RecordAsync(Guid deliveryId, AttemptResult result)
    {
        var delivery = await db.Deliveries.Include(d => d.Endpoint).SingleOrDefaultAsync(d => d.Id == deliveryId, CancellationToken.None);
        if (delivery is not { State: DeliveryState.Pending, Endpoint: { } endpoint })
        {
            return;
        }

        var (started, durationMs, status, outcome, responseBody, error, retryAfter) = result;
        var now = time.GetUtcNow();

        delivery.Attempts++;
        delivery.LastAttemptAt = started;
        delivery.LastStatusCode = status;
        delivery.LeasedUntil = null;
        db.Attempts.Add(new DeliveryAttempt
        {
            Id = Guid.CreateVersion7(now),
            DeliveryId = delivery.Id,
            EndpointId = endpoint.Id,
            Number = delivery.Attempts,
            AttemptedAt = started,
            DurationMs = durationMs,
            StatusCode = status,
            Outcome = outcome,
            ResponseBody = responseBody,
            Error = error,
        });

        if (outcome == "succeeded")
        {
            delivery.State = DeliveryState.Succeeded;
            delivery.NextAttemptAt = null;
            endpoint.Succeeded();
        }
        else if (status == 410)
        {
            delivery.State = DeliveryState.Failed;
            delivery.NextAttemptAt = null;
            endpoint.Disable(EndpointDisabled.Gone);
            db.AddIntegrationEvent(Disabled(endpoint, now));
        }
        else
        {
            var next = RetrySchedule.NextAttempt(delivery.Attempts, now, RetrySchedule.RetryAfter(status ?? 0, retryAfter, now),
                (Random.Shared.NextDouble() * 2) - 1, options.CurrentValue.Jitter);
            delivery.NextAttemptAt = next;
            if (next is null)
            {
                delivery.State = DeliveryState.Failed;
            }

            var wasDisabled = endpoint.State == EndpointState.Disabled;
            if (endpoint.Failed(now) && !wasDisabled)
            {
                db.AddIntegrationEvent(Disabled(endpoint, now));
            }
            else if (next is null && endpoint.MarkedFailingAt is null)
            {
                endpoint.MarkedFailingAt = now;
                db.AddIntegrationEvent(new EndpointFailing
                {
                    Subject = $"endpoints/{endpoint.Id}",
                    EndpointId = endpoint.Id,
                    OrganisationId = endpoint.OrganisationId,
                    Url = new Uri(endpoint.Url),
                    FailingSince = endpoint.FailingSince ?? now,
                    DeliveryId = delivery.Id,
                    LastStatusCode = status,
                });
            }
        }

        // The attempt happened: record it even if the service is stopping.
        await db.SaveChangesAsync(CancellationToken.None);
    }

    private static EndpointDisabled Disabled(WebhookEndpoint endpoint, DateTimeOffset now) => new()
    {
        Subject = $"endpoints/{endpoint.Id}",
        EndpointId = endpoint.Id,
        OrganisationId = endpoint.OrganisationId,
        Url = new Uri(endpoint.Url),
        Reason = endpoint.DisabledReason ?? EndpointDisabled.Gone,
        DisabledAt = now,
    };
}

/// <summary>
/// The HTTP client deliveries go through: no redirects followed, every connection checked after DNS resolution
/// (<see cref="UrlSafety.ConnectAsync"/>), each attempt cut off at the timeout. Not from the shared client factory, whose
/// resilience handlers would retry on their own schedule.
/// </summary>
public sealed class WebhookClient : IDisposable
{
    private readonly HttpClient _client;

    public WebhookClient(IOptionsMonitor<SubscriptionsOptions> options)
    {
        _client = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            UseProxy = false,
            ConnectCallback = UrlSafety.ConnectAsync(() => options.CurrentValue),
            // No cap on connections per server: endpoints sharing a host (a partner's integration platform) would
            // then queue behind each other's slow answers; MaxInFlight and MaxInFlightPerEndpoint bound them instead.
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _client.DefaultRequestHeaders.UserAgent.ParseAdd("Concordat-Webhooks/1.0");
    }

    public async Task<(int? Status, string Outcome, string? Body, string? Error, System.Net.Http.Headers.RetryConditionHeaderValue? RetryAfter)> SendAsync(
        HttpRequestMessage request, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, limit.Token);
            var status = (int)response.StatusCode;
            var body = await ReadStartAsync(response, limit.Token);
            return (status, status is >= 200 and <= 299 ? "succeeded" : "failed", body, null, response.Headers.RetryAfter);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, "timed_out", null, $"No answer within {timeout.TotalSeconds:0.#} s.", null);
        }
        catch (HttpRequestException ex) when (ex.InnerException is RefusedAddressException refused)
        {
            return (null, "refused_address", null, refused.Message, null);
        }
        catch (HttpRequestException ex)
        {
            return (null, "unreachable", null, ex.HttpRequestError.ToString(), null);
        }
    }

    private static async Task<string?> ReadStartAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var buffer = new byte[DeliveryAttempt.ResponseBodyMaxBytes];
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            var read = 0;
            while (read < buffer.Length && await stream.ReadAsync(buffer.AsMemory(read), cancellationToken) is > 0 and var n)
            {
                read += n;
            }

            if (read == 0)
            {
                return null;
            }

            // Cut at a character boundary so the stored text is valid.
            var text = Encoding.UTF8.GetString(buffer, 0, read);
            while (Encoding.UTF8.GetByteCount(text) > DeliveryAttempt.ResponseBodyMaxBytes || text.EndsWith('\uFFFD'))
            {
                text = text[..^1];
            }

            return text.Replace("\0", "", StringComparison.Ordinal);
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException)
        {
            return null;
        }
    }

    public void Dispose() => _client.Dispose();
}
