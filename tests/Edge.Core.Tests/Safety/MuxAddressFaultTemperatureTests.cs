using Edge.Core.Records;
using Edge.Core.Sampling;
using Xunit;
using MuxBoard = Edge.Core.Tests.Safety.MuxStuckSelectLineTests.MuxBoard;
using Rig = Edge.Core.Tests.Safety.MuxStuckSelectLineTests.Rig;

namespace Edge.Core.Tests.Safety;

/// <summary>
/// A temperature sensor read through a multiplexer whose address check fails, on the mux board revised with a CD74HC4067
/// (boards/README.md, "Multiplexer address check", option a: cells on inputs 1-6, REF on 7, the NTC on 8, ground on 0 and
/// 15, inputs 9-14 unwired). A stuck line moves the NTC's address onto another input: ground (S3 low) or an unwired one
/// (S0, S1, S2 high), which floats to anything. Such a reading is no temperature of the pack, neither a hot one nor a cool
/// one, and no fault of the sensor's channel: the address check's row gives the verdict, every temperature row's count
/// holds (the mux board's limit is 45.0 degC; 50.0 degC is 2838 counts, 25.0 degC 1872, 13.5 degC about 1344).
/// </summary>
public class MuxAddressFaultTemperatureTests
{
    /// <summary>A healthy rig for 300 ticks: nothing reported. Returns the next tick.</summary>
    private static int RunHealthy(Rig rig)
    {
        for (int tick = 0; tick < 300; tick++)
        {
            rig.Tick(tick);
            Assert.Empty(rig.Events());
        }

        return 300;
    }

    [Fact]
    public void A_stuck_line_putting_the_sensor_on_ground_latches_the_address_check_and_not_the_sensor_channel()
    {
        // S3 stuck low: the NTC's address 8 reads ground (0 counts, saturated), ground 15 reads REF. The check latches
        // at its third reading; the sensor's channel, whose row latches at its tenth invalid reading, gets none of the
        // 50 ticks the line stays stuck.
        var rig = new Rig(MuxBoard.With4067);
        int first = RunHealthy(rig);
        rig.StuckBit = 3;
        rig.StuckHigh = false;
        var events = new List<MuxStuckSelectLineTests.Event>();
        for (int tick = first; tick < first + 50; tick++)
        {
            rig.Tick(tick);
            Assert.True(rig.Frame.MuxAddressFault);
            Assert.Equal(ChannelStatus.Implausible, rig.Frame.TemperatureStatus[0]);
            events.AddRange(rig.Events());
        }

        MuxStuckSelectLineTests.Event fault = Assert.Single(events);
        Assert.Equal((DiagnosisId.MuxAddressFault, (first + 2) * 20L), (fault.Diagnosis, fault.TimestampMs));
    }

    [Fact]
    public void A_stuck_line_putting_the_sensor_on_an_input_that_reads_hot_trips_no_overtemperature()
    {
        // S0 stuck high: ground 0 reads input 1 (cell 0 at rest, about REF) and fails the check; the NTC's address reads
        // input 9, unwired, here floating at 2838 counts (50.0 degC). The pack is at 25.0 degC: no overtemperature row,
        // warning, derate or fault, may count that reading, and the one latch is the address check's (the overtemperature
        // rows debounce over three readings as it does, so before, a cellOvertemperature latched with it and was stored).
        var rig = new Rig(MuxBoard.With4067) { FloatingCounts = 2838 };
        int first = RunHealthy(rig);
        rig.StuckBit = 0;
        rig.StuckHigh = true;
        var events = new List<MuxStuckSelectLineTests.Event>();
        for (int tick = first; tick < first + 50; tick++)
        {
            rig.Tick(tick);
            Assert.True(rig.Frame.MuxAddressFault);
            Assert.InRange(rig.Frame.TemperatureDeciCelsius[0], 495, 505);
            events.AddRange(rig.Events());
        }

        MuxStuckSelectLineTests.Event fault = Assert.Single(events);
        Assert.Equal((DiagnosisId.MuxAddressFault, (first + 2) * 20L), (fault.Diagnosis, fault.TimestampMs));
        Assert.Equal(ModuleState.Hold, rig.Controller.Module(0).State);
    }

    [Fact]
    public void A_hot_pack_read_cool_through_a_failed_check_keeps_its_overtemperature_count()
    {
        // The pack at 50.0 degC, past the 45.0 degC limit: two readings count toward the latch at the third. Then one tick
        // with S0 stuck high, the NTC's address on input 9 floating at about 13.5 degC: taken as a valid cool reading it
        // reset the count, and the latch came two readings after the next hot one. Not a reading of the pack, it leaves
        // the count at two: the next hot reading is the third and latches.
        var rig = new Rig(MuxBoard.With4067) { FloatingCounts = 1344 };
        int first = RunHealthy(rig);
        rig.NtcCounts = 2838;
        rig.Tick(first);
        rig.Tick(first + 1);
        Assert.DoesNotContain(rig.Events(), e => e.Diagnosis == DiagnosisId.CellOvertemperature);

        rig.StuckBit = 0;
        rig.StuckHigh = true;
        rig.Tick(first + 2);
        Assert.True(rig.Frame.MuxAddressFault);
        Assert.InRange(rig.Frame.TemperatureDeciCelsius[0], 120, 150);

        rig.StuckBit = -1;
        rig.Tick(first + 3);
        Assert.False(rig.Frame.MuxAddressFault);
        MuxStuckSelectLineTests.Event overtemperature = Assert.Single(rig.Events(), e => e.Diagnosis == DiagnosisId.CellOvertemperature);
        Assert.Equal((first + 3) * 20L, overtemperature.TimestampMs);
        Assert.DoesNotContain(rig.Events(), e => e.Diagnosis == DiagnosisId.MuxAddressFault);
    }
}
