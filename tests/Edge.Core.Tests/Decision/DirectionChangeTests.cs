using Edge.Core.Configuration;
using Edge.Core.Configuration.Protocol;
using Edge.Core.Records;
using Edge.Core.Sampling;
using Edge.Core.Tests.Support;
using Xunit;

namespace Edge.Core.Tests.Decision;

/// <summary>
/// Cycling ([W] critical current test): plating straight after stripping shorts, so the first plate pulse
/// waits for DirectionChangeRestMs (35 s) AND a settled relaxation; plating never exceeds its critical current.
/// </summary>
public class DirectionChangeTests
{
    private static ControllerConfiguration StripThenPlate(int plateUa)
    {
        var configuration = new ControllerConfiguration();
        configuration.Protocol.Steps = new[]
        {
            new ProtocolStep(ProtocolStepKind.Strip, 385, 1000),
            new ProtocolStep(ProtocolStepKind.Rest, 0, 5000),
            new ProtocolStep(ProtocolStepKind.Plate, plateUa, 1000),
            new ProtocolStep(ProtocolStepKind.Rest, 0, 5000),
        };
        return configuration;
    }

    private static (long StripEndMs, long PlateStartMs, int PlateSetpointUa) FirstPlatePulse(SyntheticPack pack)
    {
        long stripEnd = -1;
        bool previous = false;
        while (pack.NowMs < 120000)
        {
            pack.Step();
            bool closed = pack.Actions.SwitchClosed[0];
            if (previous && !closed && stripEnd < 0)
            {
                stripEnd = pack.NowMs;
            }

            if (closed && pack.Actions.CurrentSetpointUa[0] < 0)
            {
                return (stripEnd, pack.NowMs, pack.Actions.CurrentSetpointUa[0]);
            }

            previous = closed;
        }

        throw new Xunit.Sdk.XunitException("no plate pulse within 120 s");
    }

    [Fact]
    public void FastRelaxingCellPlatesAfterTheDirectionChangeRest()
    {
        var pack = new SyntheticPack(new PackLayout(1, 2, 0), StripThenPlate(154), c => SyntheticCells.Healthy(c));
        var (stripEnd, plateStart, setpoint) = FirstPlatePulse(pack);
        Assert.Equal(1000, stripEnd);

        // Not after the 5 s rest step, but 35 s after the strip pulse ended (relaxation long settled).
        Assert.InRange(plateStart - stripEnd, 35000, 35010);
        Assert.Equal(-154, setpoint);
        var rest = pack.RecordsOf(TelemetryRecordKind.RestTuned).Last();
        Assert.Equal(RestEndReason.DirectionChange, rest.RestEndReason);
    }

    [Fact]
    public void SlowRelaxingCellWaitsForTheRelaxationBeyondTheMinimum()
    {
        // After the strip pulse the cell relaxes as 600 mV exp(-t / 15 s): settled (|dV/dt| < 1.5 mV/s, seen
        // through 250 ms windows) at 15 ln(600 / 22.5) + 0.25 = 49.5 s; with whole-mV readings anywhere the true
        // slope lies between 2.5 and 1.0 mV/s: 41.8-55.6 s. Either way well beyond the 35 s minimum.
        Func<CellView, double> cell = c =>
        {
            if (!c.InPulse && c.SincePulseEndMs >= 0 && c.PulseCurrentUa > 0)
            {
                return 600.0 * Math.Exp(-c.SincePulseEndMs / 15000.0);
            }

            return SyntheticCells.Healthy(c);
        };
        var pack = new SyntheticPack(new PackLayout(1, 2, 0), StripThenPlate(154), cell);
        var (stripEnd, plateStart, _) = FirstPlatePulse(pack);
        Assert.InRange(plateStart - stripEnd, 41800, 55600);
    }

    [Fact]
    public void PlatingCurrentIsCappedAtTheCriticalCurrentWithAnEvent()
    {
        // 1 mA/cm2 = 385 uA requested; [W] plating above 0.4 mA/cm2 (154 uA) shorts.
        var pack = new SyntheticPack(new PackLayout(1, 2, 0), StripThenPlate(385), c => SyntheticCells.Healthy(c));
        var (_, _, setpoint) = FirstPlatePulse(pack);
        Assert.Equal(-154, setpoint);
        var capped = Assert.Single(pack.Events(EventKind.CurrentCapped));
        Assert.Equal(385, capped.Value);
        Assert.Equal(154, capped.Threshold);

        // Every later plating tick stays at the cap; one event per plate step.
        int platingTicks = 0;
        while (pack.NowMs < 200000)
        {
            pack.Step();
            if (pack.Actions.CurrentSetpointUa[0] < 0)
            {
                platingTicks++;
                Assert.Equal(-154, pack.Actions.CurrentSetpointUa[0]);
            }
        }

        Assert.True(platingTicks >= 100);
        Assert.True(pack.Events(EventKind.CurrentCapped).Count() >= 2);
    }
}
