// Licensed under the MIT License.

namespace Edge.HostSim.Scenarios;

/// <summary>One step of "pack.demand.profile": from <see cref="AtS"/> (since start) the demand changes.</summary>
public sealed class DemandStepSpec
{
    public double AtS { get; set; }

    public double? CurrentMA { get; set; }

    public double? CurrentDensityMAPerCm2 { get; set; }
}
