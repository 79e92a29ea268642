// Licensed under the MIT License.

using Edge.Core;
using Edge.Core.Actuation;
using Edge.Core.Sampling;

namespace NFUnitTest.Fakes
{
    /// <summary>A booted controller's tick on a healthy frame: every cell at 100 mV, every sensor at 25.0 degC.</summary>
    public static class HealthyTick
    {
        /// <summary>Tick <paramref name="index"/> (10 ms apart); its actions.</summary>
        public static ActionFrame Run(EdgeController controller, int index)
        {
            SampleFrame frame = new SampleFrame(controller.Layout);
            frame.TickIndex = index;
            frame.TimestampMs = index * 10;
            for (int c = 0; c < frame.CellVoltageMv.Length; c++)
            {
                frame.CellVoltageMv[c] = 100;
            }

            for (int t = 0; t < frame.TemperatureDeciCelsius.Length; t++)
            {
                frame.TemperatureDeciCelsius[t] = 250;
            }

            ActionFrame actions = new ActionFrame(controller.Layout);
            controller.Tick(frame, actions);
            return actions;
        }
    }
}
