// Licensed under the MIT License.

namespace Edge.HostSim.Pack;

/// <summary>
/// What the closed loop needs from the cell physics: a bank of cells stepped one interval at a time with
/// a current density (mA/cm2, positive = stripping) and answering the cell voltage (V), plus the fault hooks.
/// </summary>
public interface ICellBank
{
    /// <summary>Number of cells in the bank.</summary>
    int Count { get; }

    /// <summary>Nominal step (s) the bank was built for; other steps may take a slower path.</summary>
    double StepS { get; }

    /// <summary>Advances one cell by <paramref name="stepS"/> at a constant current density; returns the voltage, V.</summary>
    double Step(int cell, double currentDensityMAPerCm2, double stepS);

    /// <summary>External shunt across a cell; <paramref name="meanOnS"/> &lt;= 0 makes it permanent, otherwise it flickers.</summary>
    void InjectShunt(int cell, double resistanceOhmCm2, double meanOnS, double meanOffS);

    /// <summary>Removes an injected shunt.</summary>
    void ClearInjectedShunt(int cell);

    /// <summary>Latched metallic short (voltage near 0 V, proportional to the current).</summary>
    void ForceHardShort(int cell);

    /// <summary>Hard shorts latched so far in the bank (grown by a filament or forced): ground truth, not a measurement.</summary>
    int HardShortCount { get; }

    /// <summary>Whether the cell has latched a hard short.</summary>
    bool IsHardShorted(int cell);
}
