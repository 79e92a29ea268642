// Licensed under the MIT License.

namespace Edge.HostSim.Output.Plotting;

/// <summary>What a vertical marker on a run plot stands for; also its colour and its priority (lower first).</summary>
public enum MarkerKind
{
    /// <summary>A controller event of severity fault, or a module isolated (hold).</summary>
    Fault = 0,

    /// <summary>A fault the scenario injected into the simulated cells (not something the controller saw).</summary>
    Injected = 1,

    /// <summary>A module stopped (cut-off, capacity limit, ...).</summary>
    Stop = 2,

    /// <summary>A controller event of severity warning.</summary>
    Warning = 3,

    /// <summary>A controller event of severity info.</summary>
    Info = 4,
}
