// Licensed under the MIT License.

namespace Edge.HostSim.Cli;

/// <summary>Process exit codes of edge-sim (documented in hostsim/README.md).</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>Something failed while running (a bug, a full disk); the message says what.</summary>
    public const int Failure = 1;

    /// <summary>Bad input: the command line, a scenario, a study or a data file. Nothing was run or written.</summary>
    public const int Usage = 2;

    /// <summary>Interrupted by Ctrl-C (SIGINT) or SIGTERM after writing what had finished; 128 + SIGINT as shells report it.</summary>
    public const int Cancelled = 130;
}
