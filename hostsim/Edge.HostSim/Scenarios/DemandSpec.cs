// Licensed under the MIT License.

namespace Edge.HostSim.Scenarios;

/// <summary>
/// Scenario section "pack.demand": the continuous current the load asks of the whole pack. Present, it
/// turns on the core's interleaved pack scheduler. Exactly one of the two units per entry; the density
/// is referred to ONE module's electrode area (1 mA/cm2 = the pulse current of one module at 1 mA/cm2).
/// </summary>
public sealed class DemandSpec
{
    public double? CurrentMA { get; set; }

    public double? CurrentDensityMAPerCm2 { get; set; }

    /// <summary>Optional steps: from AtS on the demand is the step's value.</summary>
    public List<DemandStepSpec> Profile { get; set; } = new List<DemandStepSpec>();

    /// <summary>Demand in whole uA for an electrode area of <paramref name="areaCm2"/> (of a scenario that compiled).</summary>
    public static int ToMicroamps(double? currentMA, double? densityMAPerCm2, double areaCm2)
    {
        return (int)Math.Round(ToMilliamps(currentMA, densityMAPerCm2, areaCm2) * 1000);
    }

    /// <summary>Demand in mA for an electrode area of <paramref name="areaCm2"/>.</summary>
    public static double ToMilliamps(double? currentMA, double? densityMAPerCm2, double areaCm2)
    {
        return currentMA ?? (densityMAPerCm2!.Value * areaCm2);
    }

    public DemandSpec Clone()
    {
        DemandSpec copy = (DemandSpec)MemberwiseClone();
        copy.Profile = new List<DemandStepSpec>(Profile);
        return copy;
    }
}
