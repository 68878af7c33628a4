using Spectre.Console;

namespace Concordat.AppHost.Resources;

/// <summary>
/// Where resources' output goes: to the console, each line prefixed with the resource's name, or
/// (under the live table) to one file per resource in a log folder whose path is shown.
/// </summary>
internal sealed class LogSink : IDisposable
{
    private static readonly string[] Colours = ["aqua", "fuchsia", "lime", "yellow", "orange1", "deepskyblue1", "violet", "springgreen2"];
    private readonly Dictionary<string, StreamWriter> _files = [];
    private readonly Dictionary<string, string> _colours = [];
    private readonly Lock _gate = new();

    public LogSink(string? folder)
    {
        Folder = folder;
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }
    }

    /// <summary>The log folder, or null when logs go to the console.</summary>
    public string? Folder { get; }

    public Action<string> For(string resource) => line => Write(resource, line);

    public void Write(string resource, string line)
    {
        lock (_gate)
        {
            if (Folder is null)
            {
                if (!_colours.TryGetValue(resource, out var colour))
                {
                    colour = _colours[resource] = Colours[_colours.Count % Colours.Length];
                }

                AnsiConsole.MarkupLine($"[{colour}]{Markup.Escape(resource),-10}|[/] {Markup.Escape(line)}");
                return;
            }

            if (!_files.TryGetValue(resource, out var writer))
            {
                writer = _files[resource] = new StreamWriter(Path.Combine(Folder, $"{resource}.log"), append: true) { AutoFlush = true };
            }

            writer.WriteLine(line);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var writer in _files.Values)
            {
                writer.Dispose();
            }

            _files.Clear();
        }
    }
}
