// Licensed under the MIT License.

using Edge.Core;
using Edge.Core.Actuation;
using Edge.Core.Sampling;

namespace Edge.HostSim.Simulation;

/// <summary>
/// The closed loop's trace part: every tick widens the trace's envelopes; a due tick, and the run's last,
/// gets a row of true current (what the board's stage carries for the command, through the hardware enable),
/// module state, true cell voltage, and the cell millivolts and module microamperes the core read at that tick with each
/// reading's status (the sample frame, as the measurement chain and any channel or current sensor fault left it): a
/// replay of the trace feeds those.
/// </summary>
internal sealed class TraceRecorder
{
    private readonly TraceBuffer _trace;
    private readonly HardwareEnableLine? _enable;
    private readonly ModuleCurrentSource _currents;
    private readonly double _areaCm2;
    private readonly float[] _carriedMAPerCm2;

    public TraceRecorder(TraceBuffer trace, HardwareEnableLine? enable, ModuleCurrentSource currents, double areaCm2)
    {
        _trace = trace;
        _enable = enable;
        _currents = currents;
        _areaCm2 = areaCm2;
        _carriedMAPerCm2 = new float[trace.Modules];
    }

    public TraceBuffer Trace => _trace;

    /// <param name="last">The run ends at this tick: the end (a cut-off, an isolation) is what a plot must show.</param>
    /// <param name="frame">The frame the core last read (this tick's, or an earlier one where the tick did not run).</param>
    public void Record(long timeMs, double timeS, bool last, double[] voltageV, SampleFrame frame, ActionFrame actions, EdgeController controller)
    {
        TraceBuffer trace = _trace;
        int modules = trace.Modules;

        // The current that flows from this tick on: the stage carries the command as whole DAC or PWM steps (385 uA
        // as 380 on the DevKitC), and a hardware enable that timed out gates it whatever the switch says.
        bool gated = _enable != null && !_enable.IsEnabled(timeMs);
        float[] carried = _carriedMAPerCm2;
        for (int m = 0; m < modules; m++)
        {
            int commandedUa = actions.SwitchClosed[m] && !gated ? actions.CurrentSetpointUa[m] : 0;
            carried[m] = (float)(_currents.CarriedUa(m, commandedUa) / 1000.0 / _areaCm2);
            trace.ObserveModule(m, carried[m]);
        }

        int cells = trace.Cells;
        for (int c = 0; c < cells; c++)
        {
            trace.ObserveCell(c, (float)voltageV[c]);
        }

        if (!trace.IsDue(timeMs) && !last)
        {
            return;
        }

        int row = trace.Append(timeS);
        for (int m = 0; m < modules; m++)
        {
            trace.CurrentMAPerCm2[(row * modules) + m] = carried[m];
            trace.State[(row * modules) + m] = (byte)controller.Module(m).State;
        }

        Array.Copy(frame.ModuleCurrentUa, 0, trace.MeasuredModuleCurrentUa, row * modules, modules);
        Array.Copy(frame.CellVoltageMv, 0, trace.MeasuredCellVoltageMv, row * cells, cells);
        Array.Copy(frame.ModuleCurrentStatus, 0, trace.MeasuredModuleCurrentStatus, row * modules, modules);
        Array.Copy(frame.CellVoltageStatus, 0, trace.MeasuredCellVoltageStatus, row * cells, cells);
        int sensors = trace.TemperatureSensors;
        Array.Copy(frame.TemperatureDeciCelsius, 0, trace.MeasuredTemperatureDeciC, row * sensors, sensors);
        Array.Copy(frame.TemperatureStatus, 0, trace.MeasuredTemperatureStatus, row * sensors, sensors);
        for (int c = 0; c < cells; c++)
        {
            trace.VoltageV[(row * cells) + c] = (float)voltageV[c];
        }
    }
}
