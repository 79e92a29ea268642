using System.Text.RegularExpressions;
using Edge.Core.Actuation;
using Edge.Core.Configuration;
using Edge.Core.Records;
using Edge.Core.Sampling;
using Xunit;

namespace Edge.Core.Tests.Telemetry;

/// <summary>
/// CONTRACT.md, telemetry/pulse: pulseCurrentUa is the current the pulse was driven at (its setpoint), pulseChargeUc
/// the readings added up. A consumer that took pulseCurrentUa for the measured mean would never see a channel or a
/// current sink that delivers less than it is asked for.
/// </summary>
public class PulseCurrentIsTheSetpointTests
{
    [Fact]
    public void APulseReadingLowReportsItsSetpointAsPulseCurrentAndTheReadingsAsItsCharge()
    {
        // The default protocol (1 s strips at 385 uA, 5 s rests) on one ohmic cell, 10 ms samples. The current channel
        // reads 90 % of what is asked for with the switch closed (346 uA for 385 uA), valid, 0 with it open.
        var layout = new PackLayout(1, 1, 0);
        var controller = new EdgeController(layout, new ControllerConfiguration());
        var actions = new ActionFrame(layout);
        var frame = new SampleFrame(layout);
        var summaries = new List<TelemetryRecord>();
        for (long tick = 0; tick <= 1850; tick++)
        {
            bool closed = actions.SwitchClosed[0];
            frame.TickIndex = tick;
            frame.TimestampMs = tick * 10;
            frame.ModuleCurrentUa[0] = closed ? actions.CurrentSetpointUa[0] * 9 / 10 : 0;
            frame.ModuleCurrentStatus[0] = ChannelStatus.Valid;
            frame.CellVoltageMv[0] = closed ? 350 : 200;
            frame.CellVoltageStatus[0] = ChannelStatus.Valid;
            controller.Tick(frame, actions);
            for (int i = 0; i < controller.Telemetry.Count; i++)
            {
                TelemetryRecord record = controller.Telemetry[i];
                if (record.Kind == TelemetryRecordKind.PulseSummary)
                {
                    summaries.Add(new TelemetryRecord(1)
                    {
                        PulseCurrentUa = record.PulseCurrentUa,
                        PulseChargeUc = record.PulseChargeUc,
                        PulseDurationMs = record.PulseDurationMs,
                    });
                }
            }
        }

        // A pulse every 6 s over 18.5 s: three, each 1000 ms at 385 uA asked and 346 uA read: 346 uC, not 385.
        Assert.Equal(3, summaries.Count);
        Assert.All(summaries, s =>
        {
            Assert.Equal(1000, s.PulseDurationMs);
            Assert.Equal(385, s.PulseCurrentUa);
            Assert.Equal(346L * s.PulseDurationMs / 1000, s.PulseChargeUc);
        });

        // The contract says which of the two is the reading.
        string contract = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "core", "CONTRACT.md"));
        Match row = Regex.Match(contract, @"\n\| `pulseCurrentUa` \| int \| ([^\n]*) \|\n");
        Assert.True(row.Success, "CONTRACT.md has no pulseCurrentUa row");
        Assert.Contains("setpoint", row.Groups[1].Value, StringComparison.Ordinal);
        Assert.Contains("`pulseChargeUc` x 1000 / `pulseDurationMs`", row.Groups[1].Value, StringComparison.Ordinal);
    }
}
