// Licensed under the MIT License.

namespace Edge.HostSim.Scenarios;

/// <summary>Scenario section "trace": decimation of trace.csv and the plot.</summary>
public sealed class TraceSpec
{
    /// <summary>One trace row per this many ms of simulated time; 0 picks a period giving about 20,000 rows.</summary>
    public int PeriodMs { get; set; }

    public TraceSpec Clone() => (TraceSpec)MemberwiseClone();
}
