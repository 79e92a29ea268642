// Licensed under the MIT License.

using Edge.HostSim.Physics;

namespace Edge.HostSim.Pack;

/// <summary>Adapts the cell physics' <see cref="CellBank"/> to the closed loop's <see cref="ICellBank"/>.</summary>
public sealed class PhysicsCellBank : ICellBank
{
    private readonly CellBank _bank;

    public PhysicsCellBank(CellBank bank)
    {
        _bank = bank;
    }

    public CellBank Inner => _bank;

    public int Count => _bank.Count;

    public double StepS => _bank.StepS;

    public double Step(int cell, double currentDensityMAPerCm2, double stepS) => _bank.Step(cell, currentDensityMAPerCm2, stepS);

    public void InjectShunt(int cell, double resistanceOhmCm2, double meanOnS, double meanOffS) => _bank.InjectShunt(cell, resistanceOhmCm2, meanOnS, meanOffS);

    public void ClearInjectedShunt(int cell) => _bank.ClearInjectedShunt(cell);

    public void ForceHardShort(int cell) => _bank.ForceHardShort(cell);

    public int HardShortCount => _bank.HardShortCount;

    public bool IsHardShorted(int cell) => _bank.IsHardShorted(cell);
}
