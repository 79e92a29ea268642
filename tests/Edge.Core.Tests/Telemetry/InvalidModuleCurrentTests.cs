using Edge.Core.Actuation;
using Edge.Core.Configuration;
using Edge.Core.Records;
using Edge.Core.Sampling;
using Xunit;

namespace Edge.Core.Tests.Telemetry;

/// <summary>
/// A module current reading the core marks invalid (saturated at its rail, missing) is no measurement, and the records
/// that carry the module current (the cells record and the pulse summary, CONTRACT.md: moduleCurrentUa,
/// moduleCurrentInvalid) say so: they hold the last valid reading instead of the rail and mark it invalid. Expectations
/// come from the readings this test feeds, not from the core's own snapshot.
/// </summary>
public class InvalidModuleCurrentTests
{
    [Theory]
    [InlineData(-3000, ChannelStatus.Saturated)]
    [InlineData(3000, ChannelStatus.Saturated)]
    [InlineData(0, ChannelStatus.Missing)]
    public void ACellsIntervalWithoutAValidCurrentReadingIsMarkedInvalidAndCarriesTheLastValidReadingNotTheRail(int readingUa, ChannelStatus status)
    {
        // One module of one cell, no protocol started, cells records every 100 ms (at 0, 100, 200 and 300 ms). The current
        // channel reads 120 uA, valid, to 30 ms, then invalid from 40 to 210 ms, then 7 uA, valid.
        // - 0 ms: 120 uA, valid.
        // - 100 ms (samples 10..100): its latest valid reading is 120 uA at 30 ms; the interval had one, so valid, though
        //   the sample at 100 ms itself reads invalid.
        // - 200 ms (samples 110..200): none valid: marked invalid, and the value is the last valid reading, 120 uA.
        // - 300 ms (samples 210..300): 7 uA from 220 ms, valid.
        var layout = new PackLayout(1, 1, 0);
        var configuration = new ControllerConfiguration { StartImmediately = false };
        configuration.Telemetry.CellVoltagePeriodMs = 100;
        var controller = new EdgeController(layout, configuration);
        var actions = new ActionFrame(layout);
        var frame = new SampleFrame(layout);
        var records = new Dictionary<long, (int Ua, bool Invalid)>();
        for (int tick = 0; tick <= 30; tick++)
        {
            long now = tick * 10;
            frame.TickIndex = tick;
            frame.TimestampMs = now;
            frame.CellVoltageMv[0] = 2000;
            frame.CellVoltageStatus[0] = ChannelStatus.Valid;
            bool invalid = now >= 40 && now <= 210;
            frame.ModuleCurrentUa[0] = invalid ? readingUa : (now < 40 ? 120 : 7);
            frame.ModuleCurrentStatus[0] = invalid ? status : ChannelStatus.Valid;
            controller.Tick(frame, actions);
            for (int i = 0; i < controller.Telemetry.Count; i++)
            {
                TelemetryRecord record = controller.Telemetry[i];
                if (record.Kind == TelemetryRecordKind.CellVoltages)
                {
                    records[record.TimestampMs] = (record.ModuleCurrentUa, record.ModuleCurrentInvalid);
                }
            }
        }

        Assert.Equal(new[] { 0L, 100, 200, 300 }, records.Keys.OrderBy(k => k));
        Assert.Equal((120, false), records[0]);
        Assert.Equal((120, false), records[100]);
        Assert.Equal((120, true), records[200]);
        Assert.Equal((7, false), records[300]);
    }

    // Not the high rail: its two samples fall on the open switch after a pulse, where 3000 uA is overcurrent evidence and
    // latches moduleOvercurrent at the second (RailOvercurrentTests), so the pulses would not go on.
    [Theory]
    [InlineData(-3000, ChannelStatus.Saturated)]
    [InlineData(0, ChannelStatus.Missing)]
    public void APulseSummaryWrittenOnAnInvalidCurrentReadingIsMarkedInvalidAndCarriesTheLastValidReading(int readingUa, ChannelStatus status)
    {
        // The default protocol (1 s strips at 385 uA, 5 s rests) on one healthy ohmic cell, 10 ms samples. The current
        // channel reads what flows (385 uA with the switch closed, 0 open), valid, except on the first two samples after
        // every pulse of an even number (2, 4, ...): invalid there, fewer than the three a channel fault takes to latch, so
        // the pulses go on. A pulse summary is written when a pulse ends; its moduleCurrentUa is the reading of its own
        // sample, or when that one read invalid the last valid one before it (the pulse's 385 uA), marked invalid.
        var layout = new PackLayout(1, 1, 0);
        var configuration = new ControllerConfiguration();
        var controller = new EdgeController(layout, configuration);
        var actions = new ActionFrame(layout);
        var frame = new SampleFrame(layout);
        var fed = new Dictionary<long, (int Ua, bool Valid)>();
        var summaries = new List<(long TMs, int Ua, bool Invalid)>();
        bool closedBefore = false;
        int pulses = 0;
        long invalidUntilMs = -1;
        int lastValidUa = 0;
        var expected = new List<(long TMs, int Ua, bool Invalid)>();
        for (long tick = 0; tick <= 2500; tick++)
        {
            long now = tick * 10;

            // The previous tick's actions: the switch state of the interval this sample ends.
            bool closed = actions.SwitchClosed[0];
            if (closed && !closedBefore)
            {
                pulses++;
            }

            if (!closed && closedBefore && pulses % 2 == 0)
            {
                invalidUntilMs = now + 10;
            }

            closedBefore = closed;
            bool valid = now > invalidUntilMs;
            int flowingUa = closed ? actions.CurrentSetpointUa[0] : 0;
            frame.TickIndex = tick;
            frame.TimestampMs = now;
            frame.ModuleCurrentUa[0] = valid ? flowingUa : readingUa;
            frame.ModuleCurrentStatus[0] = valid ? ChannelStatus.Valid : status;
            frame.CellVoltageMv[0] = closed ? 350 : 200;
            frame.CellVoltageStatus[0] = ChannelStatus.Valid;
            fed[now] = (frame.ModuleCurrentUa[0], valid);
            controller.Tick(frame, actions);
            for (int i = 0; i < controller.Telemetry.Count; i++)
            {
                TelemetryRecord record = controller.Telemetry[i];
                if (record.Kind == TelemetryRecordKind.PulseSummary)
                {
                    summaries.Add((record.TimestampMs, record.ModuleCurrentUa, record.ModuleCurrentInvalid));
                    expected.Add(valid ? (now, flowingUa, false) : (now, lastValidUa, true));
                }
            }

            if (valid)
            {
                lastValidUa = flowingUa;
            }
        }

        // Pulses every 6 s over 25 s: four summaries, the second and fourth on an invalid reading, and never a rail.
        Assert.Equal(4, summaries.Count);
        Assert.Equal(expected, summaries);
        Assert.Equal(new[] { false, true, false, true }, summaries.Select(s => s.Invalid));
        Assert.All(summaries.Where(s => s.Invalid), s => Assert.Equal(385, s.Ua));
        Assert.All(summaries, s => Assert.True(fed[s.TMs].Valid != s.Invalid, $"the summary at {s.TMs} ms says invalid {s.Invalid}, the sample fed valid {fed[s.TMs].Valid}"));
    }
}
