using Edge.Core.Records;
using Edge.Core.Sampling;
using Xunit;
using Rig = Edge.Core.Tests.Safety.MuxStuckSelectLineTests.Rig;

namespace Edge.Core.Tests.Safety;

/// <summary>
/// The ticks before <c>muxAddressFault</c> latches (its third reading): the readings the failed check took away leave the
/// limits blind, so a module whose current or cells went through the multiplexer must not carry current through them. A
/// stage running away (2000 uA beyond its setpoint, past the controller's 1925 uA module limit) starts in the same tick as
/// the stuck line, on a pulse under way: its switch opens in that tick, not two ticks later with the latch.
/// </summary>
public class MuxAddressFaultWindowTests
{
    private const int RunawayUa = 2000;

    /// <summary>Runs the rig healthy for 300 ticks, then on until module 0's switch is closed: the next tick reads its pulse.</summary>
    private static int RunUntilModuleZeroPulses(Rig rig)
    {
        int tick = 0;
        for (; tick < 300 || !rig.Actions.SwitchClosed[0]; tick++)
        {
            rig.Tick(tick);
            Assert.Empty(rig.Events());
            Assert.True(tick < 2000, "module 0 never pulsed");
        }

        return tick;
    }

    private static void AssertEveryModuleOpen(Rig rig, int tick)
    {
        for (int m = 0; m < 3; m++)
        {
            Assert.False(rig.Actions.SwitchClosed[m], "module " + m + " closed at tick " + tick);
            Assert.Equal(0, rig.Actions.CurrentSetpointUa[m]);
        }
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(1, true)]
    [InlineData(2, true)]
    [InlineData(0, false)]
    [InlineData(1, false)]
    [InlineData(2, false)]
    public void On_the_grounded_board_a_stuck_line_with_a_runaway_current_opens_every_switch_at_the_first_reading(int bit, bool high)
    {
        var rig = new Rig(grounded: true);
        int first = RunUntilModuleZeroPulses(rig);
        int setpointUa = rig.Actions.CurrentSetpointUa[0];
        rig.StuckBit = bit;
        rig.StuckHigh = high;
        rig.ExtraCurrentUa[0] = RunawayUa;

        rig.Tick(first);

        // The ground input at the stuck line's address reads a cell (boards/README.md), so every cell, all behind the
        // multiplexer, is implausible; the currents sit on ADC pins of their own and the reference on its own pin passed
        // its check, so module 0's current still reads, valid: the setpoint plus the runaway (0.5 mV a uA, 2 counts of
        // noise at 1.24 uA a count: a few uA either way).
        Assert.True(rig.Frame.MuxAddressFault);
        Assert.All(rig.Frame.CellVoltageStatus, status => Assert.Equal(ChannelStatus.Implausible, status));
        Assert.Equal(ChannelStatus.Valid, rig.Frame.ModuleCurrentStatus[0]);
        Assert.InRange(rig.Frame.ModuleCurrentUa[0], setpointUa + RunawayUa - 10, setpointUa + RunawayUa + 10);

        // Every module's cells went through the failed multiplexer: every switch is open in this tick, and stays open
        // while the check latches at the third reading, the one fault of the run (the runaway's reading was one, under
        // the overcurrent row's two: the open switch ended it).
        AssertEveryModuleOpen(rig, first);
        var events = new List<MuxStuckSelectLineTests.Event>();
        for (int tick = first + 1; tick < first + 50; tick++)
        {
            rig.Tick(tick);
            events.AddRange(rig.Events());
            AssertEveryModuleOpen(rig, tick);
        }

        MuxStuckSelectLineTests.Event fault = Assert.Single(events);
        Assert.Equal((DiagnosisId.MuxAddressFault, (first + 2) * 20L), (fault.Diagnosis, fault.TimestampMs));
    }

    [Fact]
    public void On_the_shipped_board_the_reference_check_opens_every_switch_at_the_first_reading()
    {
        // S0 stuck low puts REF's address on the NTC (528 counts off): every corrected reading is implausible, the
        // currents too (a REF far off may be a broken REF, which moves every front end), so every module opens now.
        var rig = new Rig(grounded: false);
        int first = RunUntilModuleZeroPulses(rig);
        rig.StuckBit = 0;
        rig.StuckHigh = false;
        rig.ExtraCurrentUa[0] = RunawayUa;

        rig.Tick(first);

        Assert.True(rig.Frame.MuxAddressFault);
        Assert.All(rig.Frame.ModuleCurrentStatus, status => Assert.Equal(ChannelStatus.Implausible, status));
        AssertEveryModuleOpen(rig, first);
        rig.Tick(first + 1);
        AssertEveryModuleOpen(rig, first + 1);
        rig.Tick(first + 2);
        Assert.Equal(DiagnosisId.MuxAddressFault, Assert.Single(rig.Events()).Diagnosis);
        AssertEveryModuleOpen(rig, first + 2);
    }

    [Fact]
    public void A_single_ground_reading_past_the_threshold_ends_the_pulse_and_nothing_more()
    {
        var rig = new Rig(grounded: true);
        int first = RunUntilModuleZeroPulses(rig);
        rig.GroundOverrideCounts = 125;
        rig.Tick(first);
        Assert.True(rig.Frame.MuxAddressFault);
        AssertEveryModuleOpen(rig, first);
        rig.GroundOverrideCounts = -1;

        // One reading of three: nothing latches or reports, and module 0 pulses again.
        bool pulsedAgain = false;
        for (int tick = first + 1; tick < first + 1000; tick++)
        {
            rig.Tick(tick);
            Assert.Empty(rig.Events());
            pulsedAgain |= rig.Actions.SwitchClosed[0];
        }

        Assert.True(pulsedAgain);
        Assert.NotEqual(ModuleState.Hold, rig.Controller.Module(0).State);
    }

    [Fact]
    public void Ground_inputs_that_pick_up_up_to_the_threshold_change_no_decision()
    {
        // Ground read anywhere from 0 to 124 counts (about 100 mV above the 142 mV every chip reads as 0) on every tick,
        // against the same board whose ground reads 0: the same readings otherwise (the pick-up draws from a generator
        // of its own), so every switch and setpoint must be the same on every tick, and nothing reported.
        var quiet = new Rig(grounded: true);
        var picking = new Rig(grounded: true) { GroundPickupCounts = 124 };
        bool pulsed = false;
        for (int tick = 0; tick < 3000; tick++)
        {
            quiet.Tick(tick);
            picking.Tick(tick);
            Assert.False(picking.Frame.MuxAddressFault);
            Assert.Empty(picking.Events());
            Assert.Equal(quiet.Actions.SwitchClosed, picking.Actions.SwitchClosed);
            Assert.Equal(quiet.Actions.CurrentSetpointUa, picking.Actions.CurrentSetpointUa);
            pulsed |= picking.Actions.SwitchClosed[1];
        }

        Assert.True(pulsed);
    }
}
