// Licensed under the MIT License.

using Edge.Core;
using Edge.Core.Records;

namespace Edge.HostSim.Simulation;

/// <summary>Sums pack current against demand over the pack window (see <see cref="PackResult"/>); allocation-free per tick.</summary>
internal sealed class PackAccumulator
{
    private readonly int _modules;
    private readonly int _periodMs;
    private int _lastDemandUa;
    private bool _windowOpen = true;
    private double _windowEndS;
    private long _demandedNc;
    private long _deliveredNc;
    private long _minUa = long.MaxValue;
    private double _sumUaMs;
    private double _demandMs;
    private double _deratedMs;
    private long _shortfallTicksSeen;
    private bool _lastTickShort;
    private double _lastTickStartMs;
    private double _shortfallMs;

    public PackAccumulator(int modules, int periodMs)
    {
        _modules = modules;
        _periodMs = periodMs;
    }

    /// <summary>
    /// The interval that ends now, <paramref name="intervalMs"/> long, carried <paramref name="trueCurrentUa"/>,
    /// commanded by the previous tick at its demand. Weighted by its length: a late tick's interval is longer than a
    /// sample period, and the release it swallowed gives none.
    /// </summary>
    public void AddInterval(int[] trueCurrentUa, double intervalMs)
    {
        if (!_windowOpen)
        {
            return;
        }

        long packUa = 0;
        for (int m = 0; m < trueCurrentUa.Length; m++)
        {
            packUa += trueCurrentUa[m];
        }

        bool nominal = intervalMs == _periodMs;
        _demandedNc += nominal ? (long)_lastDemandUa * _periodMs : (long)Math.Round(_lastDemandUa * intervalMs);
        _deliveredNc += nominal ? packUa * _periodMs : (long)Math.Round(packUa * intervalMs);
        if (_lastDemandUa > 0)
        {
            _demandMs += intervalMs;
            _sumUaMs += packUa * intervalMs;
            _minUa = Math.Min(_minUa, packUa);
            if (packUa < _lastDemandUa - _modules)
            {
                _deratedMs += intervalMs;
            }
        }
    }

    /// <summary>
    /// Takes the demand this tick commanded for, the scheduler's shortfall over the time since the previous tick, and
    /// closes the window when a module reached Done. <paramref name="startMs"/>: when the tick started.
    /// </summary>
    public void AfterTick(EdgeController controller, double startMs, double timeS)
    {
        _lastDemandUa = controller.Scheduler!.DemandUa;

        // A tick's "fewer modules on than wanted" stands until the next tick runs: releases no tick answered (a hang,
        // a late tick that swallowed the next release) are time the pack was short too, which a count of ticks missed.
        if (_lastTickShort)
        {
            _shortfallMs += startMs - _lastTickStartMs;
        }

        long shortfallTicks = controller.Scheduler.ShortfallTicks;
        _lastTickShort = shortfallTicks != _shortfallTicksSeen;
        _shortfallTicksSeen = shortfallTicks;
        _lastTickStartMs = startMs;
        if (!_windowOpen)
        {
            return;
        }

        _windowEndS = timeS;
        for (int m = 0; m < _modules; m++)
        {
            if (controller.Module(m).State == ModuleState.Done)
            {
                _windowOpen = false;
                return;
            }
        }
    }

    public PackResult Result(EdgeController controller, double simulatedS)
    {
        const double NcPerMAh = 3.6e9;
        return new PackResult
        {
            WindowEndS = _windowOpen ? simulatedS : _windowEndS,
            DemandedMAh = _demandedNc / NcPerMAh,
            DeliveredMAh = _deliveredNc / NcPerMAh,
            DeliveredFraction = _demandedNc > 0 ? (double)_deliveredNc / _demandedNc : 1.0,
            CurrentMinMA = _demandMs > 0 ? _minUa / 1000.0 : 0,
            CurrentMeanMA = _demandMs > 0 ? _sumUaMs / 1000.0 / _demandMs : 0,
            DeratedS = _deratedMs / 1000.0,
            // The run ends at its last tick: a shortfall there counts one sample period, as any other tick's at least does.
            ControllerShortfallS = (_shortfallMs + (_lastTickShort ? _periodMs : 0)) / 1000.0,
        };
    }
}
