using Edge.Core;
using Edge.Core.Actuation;
using Edge.Core.Configuration;
using Edge.Core.Sampling;
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
}
