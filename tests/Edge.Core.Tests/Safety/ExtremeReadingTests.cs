using Edge.Core.Configuration;
using Edge.Core.Configuration.Protocol;
using Edge.Core.Records;
using Edge.Core.Sampling;
using Xunit;

namespace Edge.Core.Tests.Safety;

/// <summary>
/// Readings and counts at the edge of their integer range. A host that fills frames in engineering units can pass a
/// saturated sentinel (int.MinValue) marked valid, and a strip step without end runs for months: neither may switch a
/// protection off.
/// </summary>
public class ExtremeReadingTests
{
    private sealed class Rig : OneModuleRig
    {
        public Rig(ControllerConfiguration configuration)
            : base(2, 0, configuration)
        {
        }

        /// <summary>One 10 ms tick of an ohmic pair of cells (100 mV plus 0.39 mV per uA); the current is what was commanded.</summary>
        public void Step(int? currentUa = null, int? secondCellMv = null)
        {
            int commanded = Actions.SwitchClosed[0] ? Actions.CurrentSetpointUa[0] : 0;
            Frame.ModuleCurrentUa[0] = currentUa ?? commanded;
            Frame.ModuleCurrentStatus[0] = ChannelStatus.Valid;
            for (int c = 0; c < 2; c++)
            {
                Frame.CellVoltageMv[c] = 100 + (commanded * 39 / 100) + (int)(((Tick * 7) + (c * 3)) % 5) - 2;
                Frame.CellVoltageStatus[c] = ChannelStatus.Valid;
            }

            if (secondCellMv is int mv)
            {
                Frame.CellVoltageMv[1] = mv;
            }

            Run();
        }
    }

    // int.MinValue has no positive counterpart: its magnitude overflowed to a negative number, below every limit.
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ACurrentReadingOfIntMinValueIsAnOvercurrentWhetherTheSwitchIsClosedOrOpen(bool duringPulse)
    {
        var rig = new Rig(new ControllerConfiguration());
        for (int i = 0; i < 5; i++)
        {
            rig.Step();
        }

        Assert.True(rig.Actions.SwitchClosed[0], "the default protocol's first pulse did not start");
        if (!duringPulse)
        {
            // The default protocol's 1 s pulse ends; its rest lasts 5 s.
            while (rig.Actions.SwitchClosed[0])
            {
                rig.Step();
            }
        }

        int closedTicks = 0;
        for (int i = 0; i < 5; i++)
        {
            rig.Step(currentUa: int.MinValue);
            closedTicks += rig.Actions.SwitchClosed[0] ? 1 : 0;
        }

        Assert.True(rig.Controller.Diagnosis.HasLatchedFault(0), "int.MinValue uA never latched a fault");
        Assert.Equal(ModuleState.Hold, rig.Controller.Module(0).State);
        Assert.Contains(EventKind.Overcurrent, rig.Events);

        // The overcurrent row debounces over 2 readings: open from the second on.
        Assert.True(closedTicks <= 1, $"the switch stayed closed for {closedTicks} ticks on int.MinValue uA");
    }

    // A strip step without end (continuous current) counts its samples for as long as it runs: 2^31 of them is 248 days
    // at 10 ms. The hard-short test needs a phase with samples; a count wrapped negative read as none.
    [Fact]
    public void AHardShortIsFoundAfterTheCurrentPhaseHasCountedPastTheIntRange()
    {
        var configuration = new ControllerConfiguration();
        configuration.Protocol.Steps = new[] { new ProtocolStep(ProtocolStepKind.Strip, 385, 0) };
        var rig = new Rig(configuration);
        for (int i = 0; i < 200; i++)
        {
            rig.Step();
        }

        Assert.True(rig.Actions.SwitchClosed[0], "the continuous strip did not start");

        // The state 2^31 samples into the phase, less 20.
        rig.Controller.Measurement.PhaseSampleCount[0] = int.MaxValue - 20;
        for (int i = 0; i < 50; i++)
        {
            rig.Step();
        }

        // Past int.MaxValue the count goes on 2^30 lower: 2^31 - 21 + 50 samples, less 2^30.
        Assert.Equal((1L << 31) - 21 + 50 - (1L << 30), rig.Controller.Measurement.PhaseSampleCount[0]);
        Assert.False(rig.Controller.Diagnosis.HasLatchedFault(0), "a healthy pair latched a fault at the counter's end");

        // Cell 1 collapses to 0 mV under 385 uA, where its 250 mV polarisation belongs.
        int closedTicks = 0;
        for (int i = 0; i < 20; i++)
        {
            rig.Step(secondCellMv: 0);
            closedTicks += rig.Actions.SwitchClosed[0] ? 1 : 0;
        }

        Assert.True(rig.Controller.Diagnosis.HasLatchedFault(0), "the hard short was never latched");
        Assert.Contains(EventKind.HardShort, rig.Events);
        Assert.Equal(0, closedTicks);
    }
}
