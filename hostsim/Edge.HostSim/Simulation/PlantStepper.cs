// Licensed under the MIT License.

using Edge.Core.Actuation;
using Edge.HostSim.Pack;
using Edge.HostSim.Physics;

namespace Edge.HostSim.Simulation;

/// <summary>
/// The closed loop's step part: over the interval that ends where a tick starts, each module carries the
/// current the last tick commanded (as its stage sets it, and only while the hardware enable drives the
/// gates; the switch outputs keep their state whether or not ticks run), its charge is counted, and the
/// cells are stepped with it.
/// </summary>
internal sealed class PlantStepper
{
    private readonly ICellBank _bank;
    private readonly CellBank? _direct;
    private readonly int _periodMs;
    private readonly int _modules;
    private readonly int _cellsPerModule;
    private readonly double _areaCm2;
    private readonly ModuleCurrentSource _currentSource;
    private readonly HardwareEnableLine? _enable;
    private readonly PackAccumulator? _pack;
    private readonly double[] _densityMAPerCm2;

    // Per module, the current of the last step and the charge it moved over a nominal interval: most steps carry
    // the same current as the one before, so the density and the rounded charge are taken over, not recomputed.
    private readonly int[] _lastCurrentUa;
    private readonly long[] _nominalChargeNc;
    private double _lastStepMs;

    public PlantStepper(ICellBank bank, int periodMs, int modules, int cellsPerModule, double areaCm2, ModuleCurrentSource currentSource, HardwareEnableLine? enable, PackAccumulator? pack)
    {
        _bank = bank;
        _direct = bank is PhysicsCellBank built && built.Inner.StepS == periodMs / 1000.0 ? built.Inner : null;
        _periodMs = periodMs;
        _modules = modules;
        _cellsPerModule = cellsPerModule;
        _areaCm2 = areaCm2;
        _currentSource = currentSource;
        _enable = enable;
        _pack = pack;
        _densityMAPerCm2 = new double[modules];
        _lastCurrentUa = new int[modules];
        _nominalChargeNc = new long[modules];
        _lastStepMs = -periodMs;
        VoltageV = new double[modules * cellsPerModule];
        TrueCurrentUa = new int[modules];
        ChargeNc = new long[modules];
        PlatedChargeNc = new long[modules];
    }

    /// <summary>True cell voltages at the end of the last step, V.</summary>
    public double[] VoltageV { get; }

    /// <summary>Current each module carried over the last step, uA.</summary>
    public int[] TrueCurrentUa { get; }

    /// <summary>Charge each module has moved since the start, nC (positive = stripped).</summary>
    public long[] ChargeNc { get; }

    /// <summary>
    /// Charge each module has moved in the plating direction since the start, nC (positive): the net charge of a
    /// strip/plate cycle is about 0, so the gross charges are kept too.
    /// </summary>
    public long[] PlatedChargeNc { get; }

    /// <summary>
    /// Steps up to <paramref name="stepToMs"/> with what <paramref name="actions"/> commanded. A release a late
    /// tick already stepped past gives an empty interval and leaves the cells as they are.
    /// </summary>
    public void Step(long tick, double stepToMs, ActionFrame actions)
    {
        double intervalMs = Math.Max(0.0, stepToMs - _lastStepMs);
        bool gateEnabled = _enable == null || _enable.IsEnabled(0.5 * (_lastStepMs + stepToMs));
        bool nominal = intervalMs == _periodMs;
        bool[] switchClosed = actions.SwitchClosed;
        int[] setpointUa = actions.CurrentSetpointUa;
        int[] trueCurrentUa = TrueCurrentUa;
        int[] lastCurrentUa = _lastCurrentUa;
        long[] chargeNc = ChargeNc;
        long[] platedChargeNc = PlatedChargeNc;
        for (int m = 0; m < _modules; m++)
        {
            // The stage carries the setpoint as its DAC or PWM code sets it: a whole step at or below the command.
            int current = switchClosed[m] && gateEnabled ? _currentSource.CarriedUa(m, setpointUa[m]) : 0;
            trueCurrentUa[m] = current;
            if (current != lastCurrentUa[m] || tick == 0)
            {
                lastCurrentUa[m] = current;
                _densityMAPerCm2[m] = current / 1000.0 / _areaCm2;
                _nominalChargeNc[m] = (long)Math.Round(current * (double)_periodMs);
            }

            if (tick > 0)
            {
                long moved = nominal ? _nominalChargeNc[m] : (long)Math.Round(current * intervalMs);
                chargeNc[m] += moved;
                if (moved < 0)
                {
                    platedChargeNc[m] -= moved;
                }
            }
        }

        if (_pack != null && tick > 0 && intervalMs > 0)
        {
            _pack.AddInterval(TrueCurrentUa, intervalMs);
        }

        if (intervalMs > 0)
        {
            StepCells(intervalMs);
        }

        _lastStepMs = Math.Max(_lastStepMs, stepToMs);
    }

    private void StepCells(double intervalMs)
    {
        // One loop, compiled once per stepping kind (a struct type argument), so that each call is direct.
        if (_direct != null && intervalMs == _periodMs)
        {
            StepCells(new NominalStep(_direct));
        }
        else
        {
            StepCells(new AnyStep(_bank, intervalMs / 1000.0));
        }
    }

    private void StepCells<TStep>(TStep step)
        where TStep : struct, ICellStep
    {
        double[] voltageV = VoltageV;
        double[] densityMAPerCm2 = _densityMAPerCm2;
        int cellsPerModule = _cellsPerModule;
        for (int m = 0; m < densityMAPerCm2.Length; m++)
        {
            double density = densityMAPerCm2[m];
            int first = m * cellsPerModule;
            for (int c = first; c < first + cellsPerModule; c++)
            {
                voltageV[c] = step.Step(c, density);
            }
        }
    }

    private interface ICellStep
    {
        double Step(int cell, double densityMAPerCm2);
    }

    /// <summary>The built-in physics at its nominal step: a direct call the JIT can inline, same results.</summary>
    private readonly struct NominalStep : ICellStep
    {
        private readonly CellBank _bank;

        public NominalStep(CellBank bank)
        {
            _bank = bank;
        }

        public double Step(int cell, double densityMAPerCm2) => _bank.Step(cell, densityMAPerCm2);
    }

    /// <summary>Any bank over any interval (a late tick's, or a bank that is not the built-in physics).</summary>
    private readonly struct AnyStep : ICellStep
    {
        private readonly ICellBank _bank;
        private readonly double _stepS;

        public AnyStep(ICellBank bank, double stepS)
        {
            _bank = bank;
            _stepS = stepS;
        }

        public double Step(int cell, double densityMAPerCm2) => _bank.Step(cell, densityMAPerCm2, _stepS);
    }
}
