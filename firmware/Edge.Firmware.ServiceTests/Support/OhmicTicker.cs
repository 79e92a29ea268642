// Licensed under the MIT License.

using Edge.Core;
using Edge.Core.Actuation;
using Edge.Core.Sampling;
using Edge.Core.Telemetry.Outbox;

namespace NFUnitTest.Support
{
    /// <summary>
    /// Ticks a controller at 10 ms over ohmic cells of 390 ohm (150 mV at 385 uA): each cell reads the current its
    /// module's switch and setpoint let through the tick before. With a publisher, each tick's records are published.
    /// </summary>
    internal sealed class OhmicTicker
    {
        private readonly EdgeController _controller;
        private readonly TelemetryPublisher _publisher;
        private readonly SampleFrame _frame;
        private readonly ActionFrame _actions;
        private long _tick;

        public OhmicTicker(EdgeController controller, TelemetryPublisher publisher)
        {
            _controller = controller;
            _publisher = publisher;
            _frame = new SampleFrame(controller.Layout);
            _actions = new ActionFrame(controller.Layout);
        }

        public void Run(int ticks)
        {
            PackLayout layout = _controller.Layout;
            for (int i = 0; i < ticks; i++)
            {
                _frame.TickIndex = _tick;
                _frame.TimestampMs = _tick * 10;
                for (int m = 0; m < layout.ModuleCount; m++)
                {
                    int current = _actions.SwitchClosed[m] ? _actions.CurrentSetpointUa[m] : 0;
                    _frame.ModuleCurrentUa[m] = current;
                    for (int c = 0; c < layout.CellsPerModule; c++)
                    {
                        _frame.CellVoltageMv[layout.FirstCellOf(m) + c] = (int)((long)current * 390 / 1000);
                    }
                }

                _controller.Tick(_frame, _actions);
                if (_publisher != null)
                {
                    _publisher.Publish(_controller.Telemetry, _frame.TimestampMs);
                }

                _tick++;
            }
        }
    }
}
