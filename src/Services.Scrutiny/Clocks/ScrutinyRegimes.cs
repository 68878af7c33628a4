using Microsoft.Extensions.Options;

namespace Concordat.Scrutiny.Clocks;

/// <summary>
/// A statutory regime's clocks: how long a partner has to answer an information request (calendar days from the day it
/// was sent) and an addressee to respond to a recommendation (calendar months from the report's publication).
/// </summary>
public sealed class ScrutinyRegime
{
    /// <summary>Days from the request, in UK calendar days.</summary>
    public int InformationRequestDays { get; set; } = 28;

    /// <summary>Calendar months from publication; a day the month lacks is the month's end.</summary>
    public int ResponseMonths { get; set; } = 2;
}

/// <summary>
/// <c>Scrutiny:Regimes:{name}</c> and <c>Scrutiny:DefaultRegime</c>: the regimes a council works under, validated at start.
/// Without configuration there is one, <see cref="England2009"/>: 28 days for information, 2 months for responses.
/// </summary>
public sealed class ScrutinyRegimeOptions
{
    public const string Section = "Scrutiny";

    /// <summary>The default: the 2009 regulations' clocks for reports, 28 days for information requests.</summary>
    public const string England2009 = "england-2009";

    public string DefaultRegime { get; set; } = England2009;

    public Dictionary<string, ScrutinyRegime> Regimes { get; set; } = new(StringComparer.OrdinalIgnoreCase) { [England2009] = new() };

    /// <summary>The regime named <paramref name="name"/> (the default when null); null when there is none by that name.</summary>
    public (string Name, ScrutinyRegime Regime)? Find(string? name)
    {
        var key = string.IsNullOrWhiteSpace(name) ? DefaultRegime : name.Trim();
        return Regimes.TryGetValue(key, out var regime) ? (Regimes.Keys.First(k => string.Equals(k, key, StringComparison.OrdinalIgnoreCase)), regime) : null;
    }
}

/// <summary>Refuses to start with a regime whose clocks make no sense, or a default regime that is not configured.</summary>
public sealed class ScrutinyRegimeValidation : IValidateOptions<ScrutinyRegimeOptions>
{
    public ValidateOptionsResult Validate(string? name, ScrutinyRegimeOptions options)
    {
        var failures = new List<string>();
        if (options.Find(null) is null)
        {
            failures.Add($"Scrutiny:DefaultRegime '{options.DefaultRegime}' is not among Scrutiny:Regimes.");
        }

        foreach (var (key, regime) in options.Regimes)
        {
            if (regime.InformationRequestDays is < 1 or > 366)
            {
                failures.Add($"Scrutiny:Regimes:{key}:InformationRequestDays is 1 to 366.");
            }

            if (regime.ResponseMonths is < 1 or > 24)
            {
                failures.Add($"Scrutiny:Regimes:{key}:ResponseMonths is 1 to 24.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
