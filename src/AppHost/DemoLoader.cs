using Concordat.DemoData;
using Microsoft.Extensions.Logging;

namespace Concordat.AppHost;

/// <summary>
/// Plays the prospectus's Appendix 1 examples, then the joint scrutiny committee's work on them (<see cref="JointScrutiny"/>), through the gateway once the platform is up (<see
/// cref="AppHostSettings.DemoData"/>), as the registry's demo people, with tokens from the development issuer. It first
/// waits for the cycle to hear of the registry's demo bodies and memberships, which arrive as events.
/// </summary>
internal sealed partial class DemoLoader(AppHostSettings settings, ILogger<DemoLoader> logger)
{
    /// <summary>How long the registry's events may take to reach the cycle before the demo is given up.</summary>
    private static readonly TimeSpan RegistryWait = TimeSpan.FromMinutes(2);

    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        if (!settings.DemoData)
        {
            return;
        }

        var issuer = DevelopmentIssuer.Load(settings.DevelopmentIssuerFolder);
        // A plain client: no retries that could send a write twice.
        using var gateway = new HttpClient { BaseAddress = settings.GatewayUrl, Timeout = TimeSpan.FromSeconds(30) };
        // The roles a council's identity provider would give its partnership officers and members; which of them holds
        // on a body is for the memberships in the registry to say, as for anyone.
        // One token per person for the whole load (an RSA signature each), not one per request.
        var tokens = new Dictionary<string, string>(StringComparer.Ordinal);
        var api = new PublicApi(gateway, subject => tokens.TryGetValue(subject, out var token) ? token : tokens[subject] = issuer.IssueToken(new TokenRequest
        {
            Subject = subject, Roles = ["clerk", "chair", "member"], Lifetime = TimeSpan.FromMinutes(15),
        }));
        var demo = new AppendixOne(api, TimeProvider.System);
        try
        {
            if (!await demo.WaitForRegistryAsync(RegistryWait, cancellationToken))
            {
                NotReady(RegistryWait.TotalSeconds);
                return;
            }

            var load = await demo.LoadAsync(cancellationToken);
            Loaded(load.Played.Count, load.AlreadyThere.Count);
            // Scrutiny's demo follows: it calls in the Employco decision that Appendix 1 has just published.
            var scrutiny = await new JointScrutiny(api, TimeProvider.System).LoadAsync(cancellationToken);
            ScrutinyLoaded(scrutiny.Played.Count, scrutiny.AlreadyThere.Count, scrutiny.Skipped);
        }
        catch (Exception failure) when (failure is DemoStepFailedException or HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            Failed(failure.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Appendix 1 examples: {Played} played through the gateway, {There} already there")]
    private partial void Loaded(int played, int there);

    [LoggerMessage(Level = LogLevel.Information, Message = "Joint scrutiny demo: {Played} parts played through the gateway, {There} already there; skipped: {Skipped}")]
    private partial void ScrutinyLoaded(int played, int there, IReadOnlyList<string> skipped);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Appendix 1 examples not loaded: the cycle had not heard of the registry's demo bodies after {Seconds} s")]
    private partial void NotReady(double seconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Appendix 1 examples stopped: {Problem}")]
    private partial void Failed(string problem);
}
