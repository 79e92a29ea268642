using Edge.Core;
using Edge.Core.Actuation;
using Edge.Core.Configuration;
using Edge.Core.Sampling;
using Edge.Core.Tests.Support;
using Xunit;

namespace Edge.Core.Tests.Decision;

/// <summary>A fixed 1 s / 5 s protocol switches exactly at the configured times.</summary>
public class DutyCycleTimingTests
{
    [Fact]
    public void FixedOneSecondPulseFiveSecondRestSwitchesAtConfiguredTimes()
    {
        var layout = new PackLayout(1, 1, 0);
        var configuration = new ControllerConfiguration { Mode = ControlMode.Observe };
        var controller = new EdgeController(layout, configuration);
        var frame = new SampleFrame(layout);
        var actions = new ActionFrame(layout);
        var switchTimes = new List<long>();
        bool previous = false;
        for (int tick = 0; tick <= 1300; tick++)
        {
            frame.TickIndex = tick;
            frame.TimestampMs = tick * 10L;
            // A healthy ohmic cell: 390 ohm (150 ohm cm2 on 0.385 cm2) while current flows.
            bool on = actions.SwitchClosed[0];
            frame.ModuleCurrentUa[0] = on ? actions.CurrentSetpointUa[0] : 0;
            frame.CellVoltageMv[0] = on ? 150 : 0;
            controller.Tick(frame, actions);
            if (actions.SwitchClosed[0] != previous)
            {
                switchTimes.Add(frame.TimestampMs);
                previous = actions.SwitchClosed[0];
            }
        }

        // Closed at 0, open at 1 s, closed at 6 s, open at 7 s, closed at 12 s, open at 13 s.
        Assert.Equal(new long[] { 0, 1000, 6000, 7000, 12000, 13000 }, switchTimes);
    }

    [Theory]
    [InlineData(1, 3)]
    [InlineData(2, 4)]
    [InlineData(3, 2)]
    public void WithTickJitterPulsesAndRestsNeverRunShortAndAtMostOneTickLong(int seed, int jitterMs)
    {
        var layout = new PackLayout(1, 1, 0);
        var pack = new SyntheticPack(layout, new ControllerConfiguration(), c => SyntheticCells.Healthy(c), seed) { JitterMs = jitterMs };
        var edges = new List<(long TimeMs, bool Closed, long IntervalMs)>();
        bool previous = false;
        long previousTime = 0;
        while (pack.NowMs < 120000)
        {
            pack.Step();
            if (pack.Actions.SwitchClosed[0] != previous)
            {
                edges.Add((pack.NowMs, pack.Actions.SwitchClosed[0], pack.NowMs - previousTime));
                previous = pack.Actions.SwitchClosed[0];
            }

            previousTime = pack.NowMs;
        }

        // 120 s of 1 s + 5 s: 20 pulses.
        Assert.InRange(edges.Count, 39, 40);
        for (int i = 1; i < edges.Count; i++)
        {
            long configured = edges[i - 1].Closed ? 1000 : 5000;
            long length = edges[i].TimeMs - edges[i - 1].TimeMs;

            // Never shorter than configured; overshoot strictly less than the interval of the tick that ended it.
            Assert.True(length >= configured, $"phase {i} lasted {length} ms < {configured} ms");
            Assert.True(length - configured < edges[i].IntervalMs, $"phase {i} lasted {length} ms, more than one tick ({edges[i].IntervalMs} ms) over {configured} ms");
            Assert.True(length <= configured + 10 + jitterMs * 2);
        }
    }
}
