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

    [Fact]
    public void TheDirectionChangeRestLeavesTheLearnedAdaptiveRestAtTheSettleTime()
    {
        // Alternating strip/plate at 0.4 mA/cm2 with adaptive rests: each pulse leaves 60 mV relaxing as exp(-t / 0.8 s).
        // The slope 75 mV/s exp(-t / 0.8 s) falls below 1.3 mV/s at 0.8 ln(57.7) = 3.2 s, seen through the 500 ms
        // windows about 0.5 s later, held 0.5 s: about 4.2 s. The 35 s direction-change rest before each plate pulse
        // is set by the rule, not by the relaxation, so it must not drag the learned target toward the maximum.
        var configuration = StripThenPlate(154);
        configuration.Protocol.RestMode = RestMode.Adaptive;
        configuration.Mode = ControlMode.Observe;
        Func<CellView, double> cell = c =>
        {
            double sign = c.PulseCurrentUa < 0 ? -1 : 1;
            if (c.InPulse)
            {
                return (c.CurrentUa * SyntheticCells.OhmicMvPerUa) + (sign * 60);
            }

            return c.SincePulseEndMs < 0 ? 0.0 : sign * 60 * Math.Exp(-c.SincePulseEndMs / 800.0);
        };
        var pack = new SyntheticPack(new PackLayout(1, 2, 0), configuration, cell);
        pack.RunUntil(600000);

        var tuned = pack.RecordsOf(TelemetryRecordKind.RestTuned).Where(r => r.RestEndReason != RestEndReason.DirectionChange).ToList();
        Assert.True(tuned.Count >= 20, $"{tuned.Count} rests");
        Assert.All(tuned, r => Assert.Equal(RestEndReason.Relaxed, r.RestEndReason));
        Assert.All(tuned, r => Assert.InRange(r.RestMs, 3500, 5000));
        Assert.InRange(pack.Controller.Module(0).RestTuner.TargetMs, 3500, 5000);
    }
}
