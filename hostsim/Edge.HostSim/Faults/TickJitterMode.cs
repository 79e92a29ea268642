// Licensed under the MIT License.

namespace Edge.HostSim.Faults;

/// <summary>How a <see cref="FaultKind.TickJitter"/> fault moves ticks (scenario "mode", camelCase).</summary>
public enum TickJitterMode
{
    /// <summary>Sample timestamps off by up to +-jitterMs (uniform); physics steps the nominal period.</summary>
    Uniform,

    /// <summary>
    /// nanoFramework's scheduling: a released tick waits for the running thread's slice (up to jitterMs,
    /// the 20 ms quantum, in a fraction busyFraction of releases) and for garbage collections (gcPauseMs every
    /// gcPeriodS); a tick late past the next release swallows it, as the firmware's timer event does.
    /// </summary>
    NanoFramework,
}
