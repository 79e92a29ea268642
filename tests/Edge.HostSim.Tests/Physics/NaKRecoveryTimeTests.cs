using Edge.HostSim.Physics;
using Xunit;
using Xunit.Abstractions;

namespace Edge.HostSim.Tests.Physics;

/// <summary>
/// [W] recovery time scales after high-current stripping (Wu &amp; Hatzell 2025, Fig. 3b/c and the text on them): the
/// stripping scan to 1 mA/cm2, then open circuit. The fast interfacial features (the sub-millisecond gamma'_int of
/// scattered K precipitate and small voids) are gone within the first 35 s of rest; the interfacial resistance that
/// is left then falls slowly, "between 35 s - 1 h", to near-pristine by 15 h. The model carries the first as its fast
/// blocked share and the second as its slow share and lasting damage; the resistance is read with a probe too small
/// and short to move the depletion layer.
/// </summary>
public class NaKRecoveryTimeTests
{
    private const double ProbeMAPerCm2 = 0.05;   // [W] scan's lowest current: stable, no depletion.
    private const double GeisS = 35.0;           // [W]: one GEIS scan, the first look after the current stopped.
    private const double CutoffV = 3.0;          // [W]: 3 V cut-off.
    private const int StairSteps = 4000;         // [W]: 40 s a stair at the driver's 10 ms step.

    private readonly ITestOutputHelper _output;

    public NaKRecoveryTimeTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [Fact]
    public void FastDamageOfTheScanHealsWithinThirtyFiveSecondsAndTheRestOverAnHourToNearPristineByFifteen()
    {
        CellBank cell = ProtocolDriver.NewCell(CellPresets.NaK50Nasicon);
        double pristineOhmCm2 = ProbeResistanceOhmCm2(cell);

        // [W] Fig. 3b and its methods: 0.05 -> 1.0 mA/cm2 in 0.01 mA/cm2 stairs of 40 s, run through without the cut-off.
        for (int stair = 5; stair <= 100; stair++)
        {
            for (int k = 0; k < StairSteps; k++)
            {
                double v = cell.Step(0, stair * 0.01) - cell.OpenCircuitVoltageV;
                Assert.True(v < CutoffV, $"the scan reached the cut-off at {stair * 0.01:0.00} mA/cm2");
            }
        }

        double fastAtEnd = cell.FastBlockedFraction(0);

        cell.Step(0, 0.0, GeisS);
        double fastAt35 = cell.FastBlockedFraction(0);
        double excessAt35 = ProbeResistanceOhmCm2(cell) - pristineOhmCm2;
        cell.Step(0, 0.0, GeisS);
        double excessAt70 = ProbeResistanceOhmCm2(cell) - pristineOhmCm2;
        cell.Step(0, 0.0, 3600.0 - 2 * GeisS);
        double excessAt1h = ProbeResistanceOhmCm2(cell) - pristineOhmCm2;
        cell.Step(0, 0.0, 15 * 3600.0 - 3600.0);
        double excessAt15h = ProbeResistanceOhmCm2(cell) - pristineOhmCm2;
        _output.WriteLine($"pristine {pristineOhmCm2:0.0} ohm cm2; fast share {fastAtEnd:0.0000} -> {fastAt35:0.0000} at 35 s; "
            + $"excess {excessAt35:0.00} (35 s), {excessAt70:0.00} (70 s), {excessAt1h:0.00} (1 h), {excessAt15h:0.000} (15 h) ohm cm2");

        // "Recovers completely within 35 s" (gamma'_int): read as 95 % of the fast share gone, three time constants.
        Assert.True(fastAtEnd > 0, "the scan left no fast damage to recover");
        Assert.True(fastAt35 < 0.05 * fastAtEnd, $"fast share {fastAt35} at 35 s of {fastAtEnd} at the end of the scan");

        // gamma_int is still up at 35 s and falls "gradually" "between 35 s - 1 h": a twentieth of the pristine
        // resistance or more left at 35 s, more than half of it still there at the next GEIS (70 s: a time constant
        // well beyond 35 s), most of it gone within the hour (below half), and "near-pristine" by 15 h, read as under
        // a tenth of the 35 s excess.
        Assert.True(excessAt35 > 0.05 * pristineOhmCm2, $"excess {excessAt35} ohm cm2 at 35 s: nothing left for the slow recovery");
        Assert.True(excessAt70 > 0.5 * excessAt35, $"excess {excessAt70} ohm cm2 at 70 s against {excessAt35} at 35 s: not a slow recovery");
        Assert.True(excessAt1h < 0.5 * excessAt35, $"excess {excessAt1h} ohm cm2 after 1 h against {excessAt35} at 35 s");
        Assert.True(excessAt15h < 0.1 * excessAt35, $"excess {excessAt15h} ohm cm2 after 15 h against {excessAt35} at 35 s");
    }

    private static double ProbeResistanceOhmCm2(CellBank cell)
    {
        // One 10 ms step: 5e-4 mAh of charge, no measurable depletion; V / i in V per mA/cm2 is kohm cm2.
        double v = cell.Step(0, ProbeMAPerCm2) - cell.OpenCircuitVoltageV;
        return v / ProbeMAPerCm2 * 1000.0;
    }
}
