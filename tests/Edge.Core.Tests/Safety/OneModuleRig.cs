using Edge.Core.Actuation;
using Edge.Core.Configuration;
using Edge.Core.Records;
using Edge.Core.Sampling;

namespace Edge.Core.Tests.Safety;

/// <summary>
/// One module's controller ticked by hand at 10 ms: the test fills <see cref="Frame"/>, <see cref="Run"/> stamps and
/// ticks it and keeps every event kind the tick wrote.
/// </summary>
internal class OneModuleRig
{
    public readonly PackLayout Layout;
    public readonly EdgeController Controller;
    public readonly SampleFrame Frame;
    public readonly ActionFrame Actions;
    public readonly List<EventKind> Events = new List<EventKind>();
    public long Tick;

    public OneModuleRig(int cells, int temperatures, ControllerConfiguration configuration)
    {
        Layout = new PackLayout(1, cells, temperatures);
        Controller = new EdgeController(Layout, configuration);
        Frame = new SampleFrame(Layout);
        Actions = new ActionFrame(Layout);
    }

    /// <summary>The tick on the frame as it is (its index and time stamped), collecting its events.</summary>
    public void Run()
    {
        Frame.TickIndex = Tick;
        Frame.TimestampMs = Tick * 10;
        Controller.Tick(Frame, Actions);
        Tick++;
        TelemetryBuffer telemetry = Controller.Telemetry;
        for (int i = 0; i < telemetry.Count; i++)
        {
            if (telemetry[i].Kind == TelemetryRecordKind.Event)
            {
                Events.Add(telemetry[i].EventKind);
            }
        }
    }
}
