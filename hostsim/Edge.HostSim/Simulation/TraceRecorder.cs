// Licensed under the MIT License.

using Edge.Core;
using Edge.Core.Actuation;

namespace Edge.HostSim.Simulation;

/// <summary>
/// The closed loop's trace part: every tick widens the trace's envelopes; a due tick, and the run's last,
/// gets a row of commanded current, module state and true cell voltage.
/// </summary>
internal sealed class TraceRecorder
{
    private readonly TraceBuffer _trace;
    private readonly HardwareEnableLine? _enable;
    private readonly double _areaCm2;

    public TraceRecorder(TraceBuffer trace, HardwareEnableLine? enable, double areaCm2)
    {
        _trace = trace;
        _enable = enable;
        _areaCm2 = areaCm2;
    }

    public TraceBuffer Trace => _trace;

    /// <param name="last">The run ends at this tick: the end (a cut-off, an isolation) is what a plot must show.</param>
    public void Record(long timeMs, double timeS, bool last, double[] voltageV, ActionFrame actions, EdgeController controller)
    {
        TraceBuffer trace = _trace;
        trace.Observe(voltageV, actions, _areaCm2);
        if (!trace.IsDue(timeMs) && !last)
        {
            return;
        }

        int row = trace.Append(timeS);
        if (row < 0)
        {
            return;
        }

        int modules = trace.Modules;
        for (int m = 0; m < modules; m++)
        {
            // A hardware enable that timed out gates the current whatever the switch says.
            bool gated = _enable != null && !_enable.IsEnabled(timeMs);
            trace.CurrentMAPerCm2[(row * modules) + m] = gated ? 0f : TraceBuffer.CommandedMAPerCm2(actions, m, _areaCm2);
            trace.State[(row * modules) + m] = (byte)controller.Module(m).State;
        }

        int cells = trace.Cells;
        for (int c = 0; c < cells; c++)
        {
            trace.VoltageV[(row * cells) + c] = (float)voltageV[c];
        }
    }
}
