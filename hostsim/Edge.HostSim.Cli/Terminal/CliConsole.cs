// Licensed under the MIT License.

using Spectre.Console;

namespace Edge.HostSim.Cli.Terminal;

/// <summary>
/// Where edge-sim writes: results to stdout (tables through Spectre.Console), progress and errors to
/// stderr. Tests hand in string writers; the real console is detected as a terminal or not.
/// </summary>
public sealed class CliConsole
{
    public CliConsole(TextWriter stdout, TextWriter stderr, bool stderrIsTerminal)
    {
        Out = stdout;
        Error = stderr;
        ErrorIsTerminal = stderrIsTerminal;
        Results = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(stdout),
            Ansi = AnsiSupport.Detect,
            ColorSystem = ColorSystemSupport.Detect,
            Interactive = InteractionSupport.No,
        });
    }

    public TextWriter Out { get; }

    public TextWriter Error { get; }

    public bool ErrorIsTerminal { get; }

    /// <summary>Spectre console on stdout for result tables.</summary>
    public IAnsiConsole Results { get; }

    /// <summary>The process's own console.</summary>
    public static CliConsole System() => new CliConsole(Console.Out, Console.Error, !Console.IsErrorRedirected);

    public ProgressMode Resolve(ProgressMode requested)
    {
        if (requested == ProgressMode.Auto)
        {
            return ErrorIsTerminal ? ProgressMode.Live : ProgressMode.Plain;
        }

        return requested;
    }
}
