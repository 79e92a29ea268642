// Licensed under the MIT License.

using Edge.HostSim.Cli.Terminal;

namespace Edge.HostSim.Cli;

/// <summary>Entry point of the edge-sim command line (verbs in <see cref="EdgeSimCommand"/>).</summary>
public static class Program
{
    public static int Main(string[] args)
    {
        using CancelSignal cancel = new CancelSignal();
        return EdgeSimCommand.Invoke(args, new CliContext(CliConsole.System(), cancel.Token) { ServesUntilInterrupted = !Console.IsInputRedirected });
    }

    /// <summary>
    /// Runs a command line in this process with the given writers (not a terminal); returns the exit code. With
    /// <paramref name="servesUntilCancelled"/> a command that serves after its work (run --dashboard) does so until
    /// <paramref name="cancellation"/> is cancelled, as it does until Ctrl-C at a terminal; without it, it ends with its work.
    /// </summary>
    public static int Execute(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellation = default, bool servesUntilCancelled = false) =>
        EdgeSimCommand.Invoke(args, new CliContext(new CliConsole(stdout, stderr, false), cancellation) { ServesUntilInterrupted = servesUntilCancelled });
}
