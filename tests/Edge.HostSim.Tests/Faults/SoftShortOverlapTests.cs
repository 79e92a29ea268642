// Licensed under the MIT License.

using Edge.HostSim.Faults;
using Edge.HostSim.Pack;
using Xunit;

namespace Edge.HostSim.Tests.Faults;

/// <summary>
/// Two soft shorts on one cell are two shunts in parallel while both conduct (their conductances add), and the one that
/// goes on conducting stays across the cell when the other ends.
/// </summary>
public sealed class SoftShortOverlapTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Overlapping_shunts_on_one_cell_conduct_in_parallel_and_the_lasting_one_stays(bool shorterListedFirst)
    {
        var lasting = new FaultSpec { Kind = FaultKind.SoftShort, AtS = 1, Module = 0, Cell = 1, ResistanceOhmCm2 = 1000 };
        var shorter = new FaultSpec { Kind = FaultKind.SoftShort, AtS = 2, DurationS = 1, Module = 0, Cell = 1, ResistanceOhmCm2 = 500 };
        var bank = new ShuntRecordingBank(2);
        FaultSpec[] faults = shorterListedFirst ? new[] { shorter, lasting } : new[] { lasting, shorter };
        var injector = new FaultInjector(faults, 2, bank, null!, 1);

        injector.Update(1.5);
        Assert.Equal(1000, bank.ShuntOhmCm2[1], 6);
        injector.Update(2.5);
        Assert.Equal(1000.0 / 3, bank.ShuntOhmCm2[1], 6);   // 1 / (1/1000 + 1/500)
        injector.Update(3.5);
        Assert.Equal(1000, bank.ShuntOhmCm2[1], 6);
        Assert.Equal(0, bank.ShuntOhmCm2[0]);
    }

    /// <summary>Keeps the shunt each cell has now (0 = none), as the cell physics does.</summary>
    internal sealed class ShuntRecordingBank : ICellBank
    {
        public ShuntRecordingBank(int count)
        {
            ShuntOhmCm2 = new double[count];
        }

        public double[] ShuntOhmCm2 { get; }

        public int Count => ShuntOhmCm2.Length;

        public double StepS => 0.01;

        public int HardShortCount => 0;

        public double Step(int cell, double currentDensityMAPerCm2, double stepS) => 3.0;

        public void InjectShunt(int cell, double resistanceOhmCm2, double meanOnS, double meanOffS) => ShuntOhmCm2[cell] = resistanceOhmCm2;

        public void ClearInjectedShunt(int cell) => ShuntOhmCm2[cell] = 0;

        public void ForceHardShort(int cell)
        {
        }

        public bool IsHardShorted(int cell) => false;
    }
}
