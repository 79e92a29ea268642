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
}
