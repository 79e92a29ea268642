using Edge.Core.Configuration;
using Edge.Core.Configuration.Protocol;
using Edge.Core.Records;
using Edge.Core.Sampling;
using Edge.Core.Tests.Support;
using Xunit;

namespace Edge.Core.Tests.Diagnosis.Detectors;

/// <summary>
/// A module current reading that cannot be true with the switch closed (a bridged shunt or an amplifier stuck at REF
/// reading 0 uA, wiring of the wrong sign) is a latched channel fault in every mode, and until it latches the hard-short
/// test does not trust it. Cells are the synthetic healthy ones (I x 0.39 ohm plus diffusion); the default protocol
/// strips 1 s at 385 uA and rests 5 s, and a sample reads the current the previous tick commanded.
/// </summary>
public class CurrentPlausibilityTests
{
    private static SyntheticPack Pack(ControllerConfiguration configuration, Func<CellView, double> cells = null) =>
        new SyntheticPack(new PackLayout(2, 2, 0), configuration, cells ?? (c => SyntheticCells.Healthy(c)));

    [Theory]
    [InlineData(ControlMode.Act)]
    [InlineData(ControlMode.Observe)]
    public void CurrentStuckAtZeroWithTheSwitchClosedIsIsolatedAtTheThirdReading(ControlMode mode)
    {
        // Module 0's channel reads 0 uA whatever flows. Tick 0 closes the switch at 385 uA; the samples of ticks 1, 2
        // and 3 read 0 against 385 (tolerance 20 + 25 % = 116 uA), and the third latches: tick 3 opens the switch.
        var pack = Pack(new ControllerConfiguration { Mode = mode });
        pack.BeforeTick = p => p.Frame.ModuleCurrentUa[0] = 0;

        Assert.True(pack.Step().SwitchClosed[0]);
        Assert.True(pack.Step().SwitchClosed[0]);
        Assert.True(pack.Step().SwitchClosed[0]);
        Assert.False(pack.Step().SwitchClosed[0]);
        Assert.Equal(30, pack.NowMs);

        var fault = Assert.Single(pack.Records, r => r.Kind == TelemetryRecordKind.Event && r.HasDiagnosis && r.Diagnosis == DiagnosisId.CurrentChannelImplausible);
        Assert.Equal((EventKind.ChannelFault, Severity.Fault, 0, 0L, 385L, 30L), (fault.EventKind, fault.Severity, fault.Module, fault.Value, fault.Threshold, fault.TimestampMs));
        Assert.Equal(ModuleState.Hold, pack.Controller.Module(0).State);
        Assert.Equal(StopReason.Plausibility, pack.Controller.Module(0).StopReason);
        Assert.True(pack.Controller.Diagnosis.HasLatchedFault(0));

        // Latched for good; the module with a sound channel goes on with its first pulse (0 to 1 s).
        pack.RunUntil(500);
        Assert.False(pack.Actions.SwitchClosed[0]);
        Assert.True(pack.Actions.SwitchClosed[1]);
        Assert.False(pack.Controller.Diagnosis.HasLatchedFault(1));
    }

    [Fact]
    public void ReversedCurrentOnASinkOnlyStageIsIsolated()
    {
        // A stage that only sinks cannot carry -385 uA: wiring of the wrong sign. Ticks 1-3 read it, tick 3 latches.
        var configuration = new ControllerConfiguration();
        configuration.Protection.PlatingSupported = false;
        var pack = Pack(configuration);
        pack.BeforeTick = p => p.Frame.ModuleCurrentUa[0] = -p.Frame.ModuleCurrentUa[0];

        pack.RunUntil(30);
        Assert.False(pack.Actions.SwitchClosed[0]);
        var fault = Assert.Single(pack.Records, r => r.Kind == TelemetryRecordKind.Event && r.HasDiagnosis && r.Diagnosis == DiagnosisId.CurrentChannelImplausible);
        Assert.Equal((-385L, 385L), (fault.Value, fault.Threshold));
        Assert.Equal(ModuleState.Hold, pack.Controller.Module(0).State);
    }

    [Fact]
    public void MetallicShortWithTheCurrentReadingStuckAtZeroOpensTheSwitchInTheTickThatShowsIt()
    {
        // The second pulse runs from 6.00 s. The current channel reads 0 from 6.49 s on, and cell 1 shorts at 6.50 s
        // (2 mV). The reading of 6.50 s is only the second implausible one, but the hard-short test takes the setpoint
        // instead (385 uA x 389 ohm = 149 mV expected, 2 mV read): the switch opens in that tick, as with a sound channel.
        const long shortMs = 6500;
        var pack = Pack(new ControllerConfiguration(), c => c.Cell == 1 && c.NowMs >= shortMs ? 2.0 : SyntheticCells.Healthy(c));
        pack.BeforeTick = p =>
        {
            if (p.NowMs >= shortMs - 10)
            {
                p.Frame.ModuleCurrentUa[0] = 0;
            }
        };

        pack.RunUntil(shortMs - 10);
        Assert.True(pack.Actions.SwitchClosed[0], "still in the pulse after the first reading of 0 uA");
        int before = pack.Records.Count;
        var actions = pack.Step();
        Assert.Equal(shortMs, pack.NowMs);
        Assert.False(actions.SwitchClosed[0]);
        var hardShort = Assert.Single(pack.Records.Skip(before), r => r.Kind == TelemetryRecordKind.Event && r.Severity == Severity.Fault);
        Assert.Equal((EventKind.HardShort, DiagnosisId.HardShort, 1), (hardShort.EventKind, hardShort.Diagnosis, hardShort.Cell));
        Assert.Equal(StopReason.HardShort, pack.Controller.Module(0).StopReason);
    }

    [Fact]
    public void CapacityLimitIsNotOutrunByACurrentReadingStuckAtZero()
    {
        // A 1000 uC limit at 385 uA ends the run after 2.6 s of current. With the reading stuck at 0 the charge count
        // would see nothing; instead the module is held after three readings, 3 x 10 ms x 385 uA = 11.55 uC commanded.
        var configuration = new ControllerConfiguration();
        configuration.Protocol.Steps = new[] { new ProtocolStep(ProtocolStepKind.Strip, 385, 0) };
        configuration.Protocol.CapacityLimitUc = 1000;
        var pack = Pack(configuration);
        pack.BeforeTick = p => p.Frame.ModuleCurrentUa[0] = 0;

        long closedTicks = 0;
        while (pack.NowMs < 10000)
        {
            if (pack.Step().SwitchClosed[0])
            {
                closedTicks++;
            }
        }

        Assert.Equal(3, closedTicks);
        Assert.Equal(ModuleState.Hold, pack.Controller.Module(0).State);
        Assert.Equal(StopReason.Plausibility, pack.Controller.Module(0).StopReason);

        // The sound module reaches its limit: 1000 uC / 385 uA = 2.597 s, at the 260th reading under current.
        Assert.Equal(ModuleState.Done, pack.Controller.Module(1).State);
        Assert.Equal(StopReason.CapacityLimit, pack.Controller.Module(1).StopReason);
    }

    [Fact]
    public void HealthyReadingsRaiseNoCurrentVerdict()
    {
        // What a sound channel reads differs from the setpoint in legitimate ways, all within 20 uA + 25 %: the DevKitC's
        // setpoint runs a whole 10 uA code low (385 as 380, 154 as 150), the reading carries noise (uniform +-8 uA here,
        // five times the DevKitC's 1.6 uA a count), plate pulses carry negative setpoints, and a strip step follows a plate
        // step straight away (the reversal in one tick). Two minutes, both modules: no verdict, no latch.
        var configuration = new ControllerConfiguration();
        configuration.Protocol.Steps = new[]
        {
            new ProtocolStep(ProtocolStepKind.Plate, 154, 1000),
            new ProtocolStep(ProtocolStepKind.Strip, 385, 1000),
            new ProtocolStep(ProtocolStepKind.Rest, 0, 2000),
        };
        var random = new Random(7);
        var pack = Pack(configuration);
        bool plated = false;
        pack.BeforeTick = p =>
        {
            for (int m = 0; m < 2; m++)
            {
                int flowing = p.Frame.ModuleCurrentUa[m];
                plated |= flowing < 0;
                int carried = flowing / 10 * 10;
                p.Frame.ModuleCurrentUa[m] = flowing == 0 ? random.Next(-8, 9) : carried + random.Next(-8, 9);
            }
        };

        pack.RunUntil(120000);
        Assert.True(plated, "the protocol plated");
        Assert.DoesNotContain(pack.Records, r => r.Kind == TelemetryRecordKind.Event && r.Severity == Severity.Fault);
        Assert.False(pack.Controller.Diagnosis.HasLatchedFault(0));
        Assert.False(pack.Controller.Diagnosis.HasLatchedFault(1));
    }
}
