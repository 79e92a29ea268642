// Licensed under the MIT License.

using Edge.HostSim.Cli.Terminal;

namespace Edge.HostSim.Cli;

/// <summary>What every command gets: the console and the Ctrl-C cancellation.</summary>
public sealed class CliContext
{
    public CliContext(CliConsole console, CancellationToken cancellation)
    {
        Console = console;
        Cancellation = cancellation;
    }

    public CliConsole Console { get; }

    public CancellationToken Cancellation { get; }

    /// <summary>
    /// Whether a command may keep serving until Ctrl-C after its work (run --dashboard): true when a user at a terminal
    /// can press it (the program's standard input is one), false for a command line run in this process or from a script.
    /// </summary>
    public bool ServesUntilInterrupted { get; init; }
}
