// Licensed under the MIT License.

using Edge.HostSim.Physics;
using Xunit;

namespace Edge.HostSim.Tests.Simulation;

/// <summary>
/// The soft-short efficiency indicator on a healthy Na cell plated in place ([T]): a protocol that plates 100 s and
/// strips 20 s per cycle moves 20 % of its plating back by its own schedule, which says nothing about the cell. Only the
/// final stripping to the [T] 1.5 V cut-off measures what the plating left usable, and for a healthy cell that is
/// [T]'s 86.5-88 % (above the 85 % minimum), so no efficiency drop may be reported.
/// </summary>
public sealed class ClosedLoopSodiumEfficiencyTests
{
    private const int Cycles = 12;
    private const double PlateS = 1200;           // 0.5 mA/cm2 x 1200 s = 0.167 mAh/cm2 a cycle, 2 mAh/cm2 in all ([T])
    private const double StripS = 240;            // the same 100 : 20 ratio
    private const double CurrentMAPerCm2 = 0.5;

    [Fact]
    public void StrippingLessThanItPlatesOnTimedStepsRaisesNoEfficiencyDropOnAHealthyCell()
    {
        var steps = new List<string>();
        for (int c = 0; c < Cycles; c++)
        {
            steps.Add(SeedProtocol.CurrentStep("Plate", CurrentMAPerCm2, PlateS));
            steps.Add(SeedProtocol.CurrentStep("Strip", CurrentMAPerCm2, StripS));
        }

        steps.Add("Strip at 0.5 mA/cm2");
        SeedProtocolResult run = new SeedProtocol(CellPresets.NaNasicon, steps)
        {
            CutoffV = 1.5,
            SamplePeriodMs = 100,
            PlatingCriticalMAPerCm2 = CurrentMAPerCm2,
        }.Run();

        // The cell really is healthy: the final stripping to the cut-off returns above 85 % of all it was plated.
        Assert.Equal("cutoff", run.Module.StopReason);
        double platedMAhPerCm2 = Cycles * CurrentMAPerCm2 * PlateS / 3600;
        double efficiency = (platedMAhPerCm2 + run.Module.CapacityMAhPerCm2) / platedMAhPerCm2;
        Assert.InRange(efficiency, 0.85, 0.95);

        Assert.DoesNotContain(run.Result.Events, e => e.Diagnosis == "softShortEfficiencyDrop");
        Assert.DoesNotContain(run.Result.Events, e => e.Kind == "softShort");
    }
}
