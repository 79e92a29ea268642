using Edge.Core;
using Edge.Core.Actuation;
using Edge.Core.Configuration;
using Edge.Core.Sampling;

namespace Edge.Core.Tests.Decision.Scheduling;

/// <summary>A scheduled pack of one-cell modules fed what its own actions let flow: 150 mV under current, 0 at rest.</summary>
internal static class SchedulerRig
{
    public static ControllerConfiguration Configuration(int demandUa, ControlMode mode = ControlMode.Observe)
    {
        var configuration = new ControllerConfiguration { Mode = mode };
        configuration.Scheduling.Enabled = true;
        configuration.Scheduling.DemandUa = demandUa;
        return configuration;
    }

    public static (EdgeController Controller, SampleFrame Frame, ActionFrame Actions) Build(int modules, ControllerConfiguration configuration)
    {
        var layout = new PackLayout(modules, 1, 0);
        return (new EdgeController(layout, configuration), new SampleFrame(layout), new ActionFrame(layout));
    }

    /// <summary>Tick <paramref name="tick"/> at 10 ms: each module's current is the setpoint its closed switch carries.</summary>
    public static void Feed(SampleFrame frame, ActionFrame actions, long tick)
    {
        frame.TickIndex = tick;
        frame.TimestampMs = tick * 10;
        for (int m = 0; m < actions.SwitchClosed.Length; m++)
        {
            bool on = actions.SwitchClosed[m];
            frame.ModuleCurrentUa[m] = on ? actions.CurrentSetpointUa[m] : 0;
            frame.CellVoltageMv[m] = on ? 150 : 0;
        }
    }

    /// <summary>Modules with their switch closed and the current they carry together.</summary>
    public static (int On, int PackUa) Pack(ActionFrame actions)
    {
        int on = 0;
        int packUa = 0;
        for (int m = 0; m < actions.SwitchClosed.Length; m++)
        {
            if (actions.SwitchClosed[m])
            {
                on++;
                packUa += actions.CurrentSetpointUa[m];
            }
        }

        return (on, packUa);
    }
}
