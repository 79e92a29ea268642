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
    private long _sumUa;
    private long _demandTicks;
    private long _deratedTicks;
    private long _shortfallTicksSeen;
    private bool _lastTickShort;
    private double _lastTickStartMs;
    private double _shortfallMs;

    public PackAccumulator(int modules, int periodMs)
    {
        _modules = modules;
        _periodMs = periodMs;
    }

    /// <summary>The interval that ends now carried <paramref name="trueCurrentUa"/>, commanded by the previous tick at its demand.</summary>
    public void AddInterval(int[] trueCurrentUa)
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

        _demandedNc += (long)_lastDemandUa * _periodMs;
        _deliveredNc += packUa * _periodMs;
        if (_lastDemandUa > 0)
        {
            _demandTicks++;
            _sumUa += packUa;
            _minUa = Math.Min(_minUa, packUa);
            if (packUa < _lastDemandUa - _modules)
            {
                _deratedTicks++;
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
            CurrentMinMA = _demandTicks > 0 ? _minUa / 1000.0 : 0,
            CurrentMeanMA = _demandTicks > 0 ? _sumUa / 1000.0 / _demandTicks : 0,
            DeratedS = _deratedTicks * _periodMs / 1000.0,
            // The run ends at its last tick: a shortfall there counts one sample period, as any other tick's at least does.
            ControllerShortfallS = (_shortfallMs + (_lastTickShort ? _periodMs : 0)) / 1000.0,
        };
    }
}
