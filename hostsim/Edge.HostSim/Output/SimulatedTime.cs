// Licensed under the MIT License.

using System.Globalization;

namespace Edge.HostSim.Output;

/// <summary>
/// A simulated time in seconds as every table and summary line prints it. Runs, sweeps, studies and replays tick at
/// whole milliseconds (samplePeriodMs 1 to 1000), so three decimals print each time on the tick it fell on. A run
/// held 30 ms in printed "allModulesStopped after 0 s" at one decimal, above "held since 0.03 s" at two.
/// </summary>
public static class SimulatedTime
{
    /// <summary>"0.03", "60", "35.99": trailing zeros left off.</summary>
    public static string Seconds(double seconds) => seconds.ToString("0.###", CultureInfo.InvariantCulture);
}
