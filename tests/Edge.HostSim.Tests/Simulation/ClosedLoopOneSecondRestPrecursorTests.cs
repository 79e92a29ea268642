// Licensed under the MIT License.

using Xunit;

namespace Edge.HostSim.Tests.Simulation;

/// <summary>
/// The shortest rest of the [W] pulse table that still gives capacity (Wu &amp; Hatzell 2025, Fig. 4a-c: 1 s pulses at
/// 1 mA/cm2, 1 s rests, about 2 mAh/cm2) must announce its cut-off like the longer rests do: the slow interfacial
/// damage (Fig. 3c, gamma_int growing under current and recovering over 35 s - 1 h; Fig. 1a, "steadily rising voltage"
/// above 0.2 mA/cm2) raises the end-of-pulse voltage gradually. Through the closed loop, observe mode, fixed rests,
/// measured voltages, 50 ms ticks as in <see cref="ClosedLoopSlowDamageTests"/>.
/// </summary>
public sealed class ClosedLoopOneSecondRestPrecursorTests
{
    /// <summary>The precursor criterion: 60 s before the cut-off at least 20 % above the first-half median.</summary>
    private const double PrecursorRatio = 1.2;

    [Fact]
    public void OneSecondRestsRiseGraduallyBeforeTheirCutoff()
    {
        SeedProtocolResult run = SeedProtocol.Pulses(1, samplePeriodMs: 50).Run();

        Assert.Equal("cutoff", run.Module.StopReason);
        Assert.InRange(run.Module.CapacityMAhPerCm2, 1, 4);   // [W] Fig. 4c: about 2 mAh/cm2.
        Assert.True(run.CutoffS > 120, $"cut-off at {run.CutoffS} s leaves no first half to compare with");
        double ratio = run.PrecursorRatio();
        Assert.True(ratio >= PrecursorRatio, $"end-of-pulse voltage 60 s before the cut-off is {ratio:0.###} x its first-half median");
    }
}
