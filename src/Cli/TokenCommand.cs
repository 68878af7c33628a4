using Concordat.ServiceDefaults;

namespace Concordat.Cli;

/// <summary>
/// <c>token &lt;role&gt; [--body id]… [--organisation id] [--subject id] [--name text] [--minutes N]</c>: prints a
/// bearer token signed by the running platform's development issuer, as <c>dotnet user-jwts</c> does. Only the
/// token goes to stdout, so <c>TOKEN=$(… token clerk)</c> works; errors go to stderr with exit code 2 (usage)
/// or 3 (no platform has made a key in the data folder).
/// </summary>
internal static class TokenCommand
{
    public static int Run(CliOptions options, string[] arguments)
    {
        var roles = new List<string>();
        var bodies = new List<string>();
        var request = new TokenRequest();
        string? subject = null;
        for (var i = 0; i < arguments.Length; i++)
        {
            var argument = arguments[i];
            if (!argument.StartsWith("--", StringComparison.Ordinal))
            {
                roles.AddRange(argument.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                continue;
            }

            if (i + 1 >= arguments.Length)
            {
                return Usage($"{argument} needs a value.");
            }

            var value = arguments[++i];
            switch (argument)
            {
                case "--body":
                    bodies.Add(value);
                    break;
                case "--organisation":
                    request = request with { Organisation = value };
                    break;
                case "--subject":
                    subject = value;
                    break;
                case "--name":
                    request = request with { Name = value };
                    break;
                case "--minutes" when int.TryParse(value, out var minutes) && minutes > 0:
                    request = request with { Lifetime = TimeSpan.FromMinutes(minutes) };
                    break;
                default:
                    return Usage($"Unknown or invalid option {argument} {value}.");
            }
        }

        if (roles.Count == 0)
        {
            return Usage("Name at least one role.");
        }

        if (roles.FirstOrDefault(r => !ConcordatClaims.Roles.Contains(r)) is { } unknown)
        {
            return Usage($"Unknown role '{unknown}'.");
        }

        DevelopmentIssuer issuer;
        try
        {
            issuer = DevelopmentIssuer.Load(options.DevelopmentIssuerFolder);
        }
        catch (FileNotFoundException missing)
        {
            Console.Error.WriteLine(missing.Message);
            return 3;
        }

        var forCommandLine = TokenRequest.ForCommandLine(roles, subject);
        Console.WriteLine(issuer.IssueToken(request with { Roles = forCommandLine.Roles, Subject = forCommandLine.Subject, Bodies = bodies }));
        return 0;
    }

    private static int Usage(string problem)
    {
        Console.Error.WriteLine($"""
            {problem}
            usage: token <role>[,<role>] [--body <id>]... [--organisation <id>] [--subject <id>] [--name <text>] [--minutes N]
            roles: {string.Join(", ", ConcordatClaims.Roles)}
            """);
        return 2;
    }
}
