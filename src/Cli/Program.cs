using Concordat.Cli;

// ./concordat token <role> …        a bearer token the running platform accepts
// ./concordat export | import <file> the registry as one JSON document, through the running gateway
// ./concordat test [dotnet test options]   every test, against throwaway RabbitMQ and PostgreSQL servers
// ./concordat exec -- <command> …    any command (a benchmark) against the same kind of throwaway servers
// (`./concordat up` runs the Aspire app host, src/AppHost, not this program.)
if (Console.IsOutputRedirected)
{
    // Logs and CI output are read as lines: do not wrap them at a pretend terminal's 80 columns.
    Spectre.Console.AnsiConsole.Profile.Width = 240;
}

var options = CliOptions.FromEnvironment();
return args switch
{
    ["test", .. var rest] => await TestCommand.RunAsync(options, rest),
    ["exec", .. var rest] => await ExecCommand.RunAsync(options, rest),
    ["token", .. var rest] => TokenCommand.Run(options, rest),
    ["export", .. var rest] => await TransferCommands.ExportAsync(options, rest),
    ["import", .. var rest] => await TransferCommands.ImportAsync(options, rest),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("""
        usage: concordat token <role>[,<role>] [--body <id>]... [--organisation <id>] [--subject <id>] [--name <text>] [--minutes N]
                                              print a bearer token the running platform accepts
               concordat export [file]        the registry as one JSON document (stdout when no file)
               concordat import <file>        load such a document into the running registry
               concordat test [args]          start throwaway RabbitMQ and PostgreSQL, run `dotnet test [args]`
               concordat exec [--durable] -- <command> [args]
                                              the same servers, then run <command> with their addresses in
                                              CONCORDAT_TEST_POSTGRES, CONCORDAT_TEST_RABBITMQ and
                                              CONCORDAT_TEST_RABBITMQ_MANAGEMENT; exits with its exit code;
                                              --durable: PostgreSQL with fsync and synchronous_commit on
        settings (environment): ConnectionStrings__postgres, ConnectionStrings__messaging, AppHost__RabbitMqManagement
               (existing servers for test and exec), AppHost__DataDirectory (default .concordat/),
               AppHost__GatewayUrl (default http://localhost:5080, for import and export)
        """);
    return 2;
}
