// Licensed under the MIT License.

using Edge.HostSim.Simulation;
using Xunit.Abstractions;

namespace Edge.HostSim.Tests.Simulation;

/// <summary>Writes a closed-loop run's events to a test's output, so a failing run shows what the core reported.</summary>
internal static class RunEventLog
{
    /// <summary>Every event but the run's routine ones (started, stopped, derated, demandMet), one line each.</summary>
    public static void Write(ITestOutputHelper output, SimulationResult result)
    {
        foreach (SimulationEvent e in result.Events.Where(e => e.Kind is not ("started" or "stopped" or "derated" or "demandMet")))
        {
            output.WriteLine($"{e.TS} {e.Kind} {e.Severity} {e.Diagnosis} m{e.Module} c{e.Cell} {e.Value}/{e.Threshold}");
        }
    }
}
