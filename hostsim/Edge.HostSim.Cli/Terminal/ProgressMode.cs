// Licensed under the MIT License.

namespace Edge.HostSim.Cli.Terminal;

/// <summary>How long runs report progress on stderr (--progress).</summary>
public enum ProgressMode
{
    /// <summary>One updating line on a terminal, plain lines otherwise.</summary>
    Auto,

    /// <summary>One line that updates in place (needs a terminal).</summary>
    Live,

    /// <summary>A plain line every few seconds: logs, CI, pipes.</summary>
    Plain,

    /// <summary>No progress (also --quiet).</summary>
    None,
}
