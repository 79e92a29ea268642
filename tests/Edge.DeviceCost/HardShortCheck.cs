using Edge.Core;
using Edge.Core.Actuation;
using Edge.Core.Configuration;
using Edge.Core.Records;
using Edge.Core.Sampling;

namespace Edge.DeviceCost
{
    /// <summary>
    /// The safety rule on the runtime that runs it: a hard short (a cell reading 2 mV while its module's pulse
    /// flows) opens that module's switch in the same tick, latches the fault and writes a hardShort event, and the
    /// other modules keep pulsing. Built on the benchmark's pack and frames, so that it runs wherever the
    /// benchmark does (the Mono proxy, nanoCLR, a device).
    /// </summary>
    internal static class HardShortCheck
    {
        private const int ShortedModule = 2;
        private const int ShortedCellInModule = 1;

        /// <summary>"passed: ..." or "FAILED: ..." with what was seen.</summary>
        public static string Run()
        {
            PackLayout layout = SyntheticPackFrames.Layout();
            var controller = new EdgeController(layout, new ControllerConfiguration());
            var actions = new ActionFrame(layout);
            SampleFrame[] frames = SyntheticPackFrames.Build(layout);

            // Five periods of healthy pulses, then into the sixth pulse, half-way.
            long shortTick = (5 * SyntheticPackFrames.PeriodTicks) + (SyntheticPackFrames.PulseTicks / 2);
            for (long tick = 0; tick < shortTick; tick++)
            {
                Tick(controller, frames[tick % SyntheticPackFrames.FrameCount], tick, actions);
            }

            if (!actions.SwitchClosed[ShortedModule])
            {
                return "FAILED: module " + ShortedModule + " was not pulsing before the short (the check would prove nothing)";
            }

            SampleFrame shorted = frames[shortTick % SyntheticPackFrames.FrameCount];
            int cell = (ShortedModule * SyntheticPackFrames.CellsPerModule) + ShortedCellInModule;
            int healthyMv = shorted.CellVoltageMv[cell];
            shorted.CellVoltageMv[cell] = 2;
            Tick(controller, shorted, shortTick, actions);
            shorted.CellVoltageMv[cell] = healthyMv;

            bool eventWritten = false;
            TelemetryBuffer records = controller.Telemetry;
            for (int r = 0; r < records.Count; r++)
            {
                TelemetryRecord record = records[r];
                if (record.Kind == TelemetryRecordKind.Event && record.EventKind == EventKind.HardShort && record.Module == ShortedModule)
                {
                    eventWritten = true;
                }
            }

            bool open = !actions.SwitchClosed[ShortedModule];
            bool latched = controller.Diagnosis.HasLatchedFault(ShortedModule);
            bool othersHealthy = true;
            for (int m = 0; m < SyntheticPackFrames.Modules; m++)
            {
                if (m != ShortedModule && controller.Diagnosis.HasLatchedFault(m))
                {
                    othersHealthy = false;
                }
            }

            string seen = "switch " + (open ? "open" : "CLOSED") + " in the same tick, fault " + (latched ? "latched" : "NOT latched")
                + ", hardShort event " + (eventWritten ? "written" : "MISSING") + ", other modules " + (othersHealthy ? "unaffected" : "LATCHED TOO");
            return (open && latched && eventWritten && othersHealthy ? "passed: " : "FAILED: ") + seen;
        }

        private static void Tick(EdgeController controller, SampleFrame frame, long tick, ActionFrame actions)
        {
            frame.TickIndex = tick;
            frame.TimestampMs = tick * 10;
            controller.Tick(frame, actions);
        }
    }
}
