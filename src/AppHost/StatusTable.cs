using Concordat.AppHost.Resources;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Concordat.AppHost;

/// <summary>The launcher's live view: every resource with its state, address and process id.</summary>
internal static class StatusTable
{
    public static IRenderable Render(Platform platform, LauncherOptions options, string? logFolder, TimeSpan? upAfter = null)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("[bold]Concordat[/]")
            .AddColumn("resource").AddColumn("state").AddColumn("url").AddColumn("pid").AddColumn("detail");
        foreach (var resource in platform.All)
        {
            table.AddRow(
                Markup.Escape(resource.Name),
                $"[{Colour(resource.State)}]{resource.State.ToString().ToLowerInvariant()}[/]",
                Markup.Escape(resource.Url ?? ""),
                resource.Pid?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
                Markup.Escape(resource.Detail ?? ""));
        }

        var lines = new List<IRenderable> { table };
        if (upAfter is { } elapsed)
        {
            lines.Add(new Markup($"[green]Up in {elapsed.TotalSeconds:0.0} s: open {Markup.Escape(options.GatewayUrl.ToString())}[/]  (Ctrl+C stops everything)"));
        }

        if (logFolder is not null)
        {
            lines.Add(new Markup($"logs: [blue]{Markup.Escape(logFolder)}[/]"));
        }

        return new Rows(lines);
    }

    private static string Colour(ResourceState state) => state switch
    {
        ResourceState.Running or ResourceState.External => "green",
        ResourceState.Starting or ResourceState.Waiting or ResourceState.Stopping => "yellow",
        ResourceState.Stopped => "grey",
        _ => "red",
    };
}
