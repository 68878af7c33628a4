using Concordat.AppHost;

// dotnet run --project src/AppHost [-- up]      the whole platform, until Ctrl+C
// dotnet run --project src/AppHost -- test ...  RabbitMQ and PostgreSQL for a test run, then `dotnet test`
// dotnet run --project src/AppHost -- exec -- command ...  the same servers for any command (a benchmark)
// dotnet run --project src/AppHost -- token clerk --body <id>  a bearer token for the running platform
if (Console.IsOutputRedirected)
{
    // Logs and CI output are read as lines: do not wrap them at a pretend terminal's 80 columns.
    Spectre.Console.AnsiConsole.Profile.Width = 240;
}

var command = args.FirstOrDefault(a => !a.StartsWith('-')) ?? "up";
var rest = args.SkipWhile(a => a != command).Skip(1).ToArray();
return command switch
{
    "up" => await UpCommand.RunAsync(LauncherOptions.From(args)),
    "test" => await TestCommand.RunAsync(LauncherOptions.From([]), rest),
    "exec" => await ExecCommand.RunAsync(LauncherOptions.From([]), rest),
    "token" => TokenCommand.Run(LauncherOptions.From([]), rest),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("""
        usage: dotnet run --project src/AppHost [-- up]       start the platform (Ctrl+C stops it)
               dotnet run --project src/AppHost -- test [args] start RabbitMQ and PostgreSQL, run `dotnet test [args]`
               dotnet run --project src/AppHost -- exec -- <command> [args]
                                                       the same servers, then run <command> with their addresses in
                                                       CONCORDAT_TEST_POSTGRES, CONCORDAT_TEST_RABBITMQ and
                                                       CONCORDAT_TEST_RABBITMQ_MANAGEMENT; exits with its exit code
               dotnet run --project src/AppHost -- token <role>[,<role>] [--body <id>]... [--organisation <id>]
                                                       [--subject <id>] [--name <text>] [--minutes N]
                                                       print a bearer token the running platform accepts
        settings (environment or --Key=value): ConnectionStrings__postgres, ConnectionStrings__messaging,
               AppHost__GatewayUrl, AppHost__DataDirectory, AppHost__DatabasePrefix, AppHost__Logs=console|files
        """);
    return 2;
}
