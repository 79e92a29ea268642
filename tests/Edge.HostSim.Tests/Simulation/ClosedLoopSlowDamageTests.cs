// Licensed under the MIT License.

using Xunit;

namespace Edge.HostSim.Tests.Simulation;

/// <summary>
/// Slow interfacial damage that builds up over the pulses of the [W] pulse-stripping protocol (Wu &amp; Hatzell 2025,
/// Fig. 4a-c, "Origin of unstable Na stripping behavior"; slow gamma_int recovery between 35 s and 1 h, Fig. 3c):
/// every cut-off is announced by a gradually rising end-of-pulse voltage, and rests far longer than 35 s give the
/// damage time to heal, so the capacity rises again past the 5-10 s plateau. Through the closed loop: NaK50, 1 s
/// pulses at 1 mA/cm2, observe mode, fixed rests, measured voltages.
/// </summary>
public sealed class ClosedLoopSlowDamageTests
{
    /// <summary>The precursor criterion: 60 s before the cut-off at least 20 % above the first-half median.</summary>
    private const double PrecursorRatio = 1.2;

    [Fact]
    public void EveryPulseProtocolRisesGraduallyBeforeItsCutoff()
    {
        // [W] Fig. 4c rests 2, 5 and 10 s. (The 0.1 s rest fails within seconds like continuous current, with no first
        // half to compare; the 1 s rest fails near the fresh limiting current with only a 1.1x rise: see the physics
        // README.) 50 ms ticks: a 1 s pulse is 20 samples.
        double[] restsS = { 2, 5, 10 };
        SeedProtocolResult[] runs = SeedProtocol.RunAll(restsS.Select(r => SeedProtocol.Pulses(r, samplePeriodMs: 50)).ToArray());

        for (int i = 0; i < restsS.Length; i++)
        {
            SeedProtocolResult run = runs[i];
            Assert.Equal("cutoff", run.Module.StopReason);
            Assert.True(run.CutoffS > 120, $"rest {restsS[i]} s: cut-off at {run.CutoffS} s leaves no first half to compare with");
            double ratio = run.PrecursorRatio();
            Assert.True(ratio >= PrecursorRatio, $"rest {restsS[i]} s: end-of-pulse voltage 60 s before the cut-off is {ratio:0.###} x its first-half median");
        }
    }

    [Fact]
    public void RestsLongerThan35sGiveTheSlowDamageTimeToHeal()
    {
        // [W] Fig. 4c: 5 s and 10 s rests give the same 12-14 mAh/cm2 plateau; Fig. 3c: the slow gamma_int recovers
        // between 35 s and 1 h. With 45 s rests part of the lasting damage heals between pulses and the capacity rises
        // again (composition drift alone gives under 1 % more than 10 s rests even with 300 s rests). 45 s is the
        // longest rest whose run to the cut-off (about 52,000 pulses) fits the scenario's 30-day limit; 300 s rests are
        // checked on the cell model in NaKCalibrationTests. 250 ms ticks for both runs, so the comparison is like for like.
        SeedProtocolResult[] runs = SeedProtocol.RunAll(new[]
        {
            SeedProtocol.Pulses(10, samplePeriodMs: 250),
            new SeedProtocol(SeedProtocol.Pulses(45, samplePeriodMs: 250)) { TimeLimitS = 2_592_000 },
        });

        double plateau = runs[0].Module.CapacityMAhPerCm2;
        double longRest = runs[1].Module.CapacityMAhPerCm2;
        Assert.Equal("cutoff", runs[0].Module.StopReason);
        Assert.Equal("cutoff", runs[1].Module.StopReason);
        Assert.InRange(plateau, 12, 15);
        Assert.True(longRest >= 1.04 * plateau, $"45 s rests: {longRest:0.##} mAh/cm2 against {plateau:0.##} with 10 s rests");
    }
}
