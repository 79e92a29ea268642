// Licensed under the MIT License.

using Edge.Core.Sampling;
using Edge.HostSim.Measurement;
using Edge.HostSim.Pack;
using Edge.HostSim.Randomness;

namespace Edge.HostSim.Faults;

/// <summary>
/// Applies a scenario's faults to the cell bank and the measurement chain as simulated time passes.
/// Intermittent soft shorts are switched here (fixed on/off durations or a per-sample probability), so any
/// cell bank with a plain shunt hook supports them. Checked once per tick; no allocation.
/// </summary>
public sealed class FaultInjector
{
    private readonly FaultSpec[] _faults;
    private readonly bool[] _active;
    private readonly bool[] _shuntOn;
    private readonly int _cellsPerModule;
    private readonly ICellBank _bank;
    private readonly IMeasurementChain _chain;
    private readonly SimRandom _random;
    private readonly long _earliestPendingMs;
    private readonly bool _hasSelectLineFaults;

    public FaultInjector(IReadOnlyList<FaultSpec> faults, int cellsPerModule, ICellBank bank, IMeasurementChain chain, ulong seed)
    {
        _faults = new FaultSpec[faults.Count];
        for (int i = 0; i < _faults.Length; i++)
        {
            _faults[i] = faults[i];
        }

        _active = new bool[_faults.Length];
        _shuntOn = new bool[_faults.Length];
        _cellsPerModule = cellsPerModule;
        _bank = bank;
        _chain = chain;
        _random = new SimRandom(seed ^ 0xFA017UL);
        _earliestPendingMs = long.MaxValue;
        for (int i = 0; i < _faults.Length; i++)
        {
            _earliestPendingMs = Math.Min(_earliestPendingMs, _faults[i].AtMs);
            _hasSelectLineFaults |= _faults[i].Kind == FaultKind.MuxSelectLine;
        }
    }

    /// <summary>The uniform timestamp jitter active now, ms (0 = none); the loader refuses jitter faults that overlap, so at most one is.</summary>
    public int JitterMs { get; private set; }

    /// <summary>The nanoFramework-like tick jitter active now, or null.</summary>
    public FaultSpec? NanoFrameworkJitter { get; private set; }

    /// <summary>Temperature every sensor reads without a fault, 0.1 degC: 25.0 degC, the seed experiments' room.</summary>
    public const int AmbientDeciCelsius = 250;

    /// <summary>True while a runtime hang is active: no tick runs.</summary>
    public bool RuntimeHung { get; private set; }

    /// <summary>True while any fault needs per-tick attention (intermittent shunts, bounded durations).</summary>
    public bool HasFaults => _faults.Length > 0;

    /// <summary>Brings the fault overlays to simulated time <paramref name="tS"/> (probabilistic shunts draw once per call).</summary>
    public void Update(double tS) => Update(FaultSpec.ToMs(tS), tS);

    /// <summary>
    /// The same at a tick's release, <paramref name="timeMs"/> whole milliseconds, and <paramref name="tS"/> the same
    /// time in seconds (<paramref name="timeMs"/> / 1000.0, which FaultSpec.ToMs takes back to <paramref name="timeMs"/>).
    /// </summary>
    public void Update(long timeMs, double tS)
    {
        // Before the first fault every tick returns here: small enough for the JIT to inline into the loop. On the
        // same whole milliseconds as FaultSpec.IsActiveAt, so a fault is never skipped at its first tick; given in
        // milliseconds, the check waits on no conversion of the time in seconds.
        if (timeMs >= _earliestPendingMs)
        {
            Apply(tS);
        }
    }

    private void Apply(double tS)
    {
        int jitter = 0;
        FaultSpec? nanoFrameworkJitter = null;
        bool hung = false;
        bool noiseChanged = false;
        bool currentSensor = false;
        int stuckHigh = 0;
        int stuckLow = 0;
        ReleaseChannelOverlays();
        for (int i = 0; i < _faults.Length; i++)
        {
            FaultSpec f = _faults[i];
            bool active = f.IsActiveAt(tS);
            bool changed = active != _active[i];
            _active[i] = active;
            int cell = f.Cell >= 0 ? f.PackCell(_cellsPerModule) : -1;
            switch (f.Kind)
            {
                case FaultKind.SoftShort:
                    UpdateShunt(i, f, cell, active, FaultSpec.ToMs(tS));
                    break;
                case FaultKind.HardShort:
                    if (changed && active)
                    {
                        _bank.ForceHardShort(cell);
                    }

                    break;
                case FaultKind.StuckChannel:
                    _chain.Stuck[cell] |= active;
                    break;
                case FaultKind.SaturatedChannel:
                    _chain.Saturated[cell] |= active;
                    break;
                case FaultKind.NoiseBurst:
                    noiseChanged |= changed;
                    break;
                case FaultKind.TickJitter:
                    if (active && f.JitterMode == TickJitterMode.NanoFramework)
                    {
                        nanoFrameworkJitter = f;
                    }
                    else if (active && f.JitterMs > jitter)
                    {
                        jitter = f.JitterMs;
                    }

                    break;
                case FaultKind.RuntimeHang:
                    hung |= active;
                    break;
                case FaultKind.BrokerOutage:
                    // Carried for the telemetry bridge; the closed loop has no broker.
                    break;
                case FaultKind.TemperatureRise:
                    // Read by TemperatureDeciCelsius when the runner fills the frame.
                    break;
                case FaultKind.CurrentSensor:
                    if (f.CurrentSensorMode == CurrentSensorMode.Saturated || f.CurrentSensorMode == CurrentSensorMode.Missing)
                    {
                        // On the channel's counts, in the chain: the reading arrives as the firmware's conversion marks it.
                        if (active)
                        {
                            _chain.CurrentOverlays[f.Module] = f.CurrentSensorMode == CurrentSensorMode.Missing ? CurrentChannelOverlay.NoConversion
                                : f.RailHigh ? CurrentChannelOverlay.RailHigh : CurrentChannelOverlay.RailLow;
                        }
                    }
                    else
                    {
                        currentSensor |= active;
                    }

                    break;
                case FaultKind.MuxSelectLine:
                    if (active && f.StuckHigh)
                    {
                        stuckHigh |= 1 << f.SelectLine;
                    }
                    else if (active)
                    {
                        stuckLow |= 1 << f.SelectLine;
                    }

                    break;
            }
        }

        if (_hasSelectLineFaults)
        {
            _chain.SelectLinesStuckHigh = stuckHigh;
            _chain.SelectLinesStuckLow = stuckLow;
        }

        if (noiseChanged)
        {
            ApplyNoiseBursts();
        }

        JitterMs = jitter;
        NanoFrameworkJitter = nanoFrameworkJitter;
        RuntimeHung = hung;
        CurrentSensorFaulty = currentSensor;
    }

    /// <summary>True while a currentSensor fault is active: the runner then passes the frame through <see cref="FalsifyCurrentReadings"/>.</summary>
    public bool CurrentSensorFaulty { get; private set; }

    /// <summary>
    /// Falsifies the current readings of the modules whose currentSensor faults (stuck, offset, reversed) are active,
    /// after the chain converted them; the status stays as the chain set it (the reading looks valid). Faults on one
    /// module apply in scenario order. A module whose channel is at a rail or gives no conversion (mode saturated or
    /// missing, <see cref="IMeasurementChain.CurrentOverlays"/>) keeps that reading: there is no value to falsify.
    /// </summary>
    public void FalsifyCurrentReadings(SampleFrame frame)
    {
        int[] currents = frame.ModuleCurrentUa;
        CurrentChannelOverlay[] overlays = _chain.CurrentOverlays;
        for (int i = 0; i < _faults.Length; i++)
        {
            FaultSpec f = _faults[i];
            if (f.Kind != FaultKind.CurrentSensor || !_active[i] || f.CurrentSensorMode == CurrentSensorMode.Saturated
                || f.CurrentSensorMode == CurrentSensorMode.Missing || overlays[f.Module] != CurrentChannelOverlay.None)
            {
                continue;
            }

            int m = f.Module;
            currents[m] = f.CurrentSensorMode switch
            {
                CurrentSensorMode.Stuck => f.ValueUa,
                CurrentSensorMode.Offset => (int)Math.Clamp((long)currents[m] + f.OffsetUa, int.MinValue + 1, int.MaxValue),
                _ => currents[m] == int.MinValue ? int.MaxValue : -currents[m],
            };
        }
    }

    /// <summary>
    /// Releases every cell a stuck or saturated fault names, and every current channel a saturated or missing current
    /// sensor fault names, so that the loop after it holds a channel while any of its faults is active: a fault of the
    /// same channel listed later, not yet started or over, must not release it (of two active on one module the later
    /// in the scenario wins).
    /// </summary>
    private void ReleaseChannelOverlays()
    {
        for (int i = 0; i < _faults.Length; i++)
        {
            FaultSpec f = _faults[i];
            if (f.Kind == FaultKind.StuckChannel)
            {
                _chain.Stuck[f.PackCell(_cellsPerModule)] = false;
            }
            else if (f.Kind == FaultKind.SaturatedChannel)
            {
                _chain.Saturated[f.PackCell(_cellsPerModule)] = false;
            }
            else if (f.Kind == FaultKind.CurrentSensor && f.Module >= 0)
            {
                _chain.CurrentOverlays[f.Module] = CurrentChannelOverlay.None;
            }
        }
    }

    /// <summary>
    /// Sets every cell's extra noise from the noise bursts active now: independent sources, so their standard
    /// deviations add in quadrature, and a burst that ends leaves the others on its cells running.
    /// </summary>
    private void ApplyNoiseBursts()
    {
        double[] extraNoiseMv = _chain.ExtraNoiseMv;
        for (int pass = 0; pass < 2; pass++)
        {
            for (int i = 0; i < _faults.Length; i++)
            {
                FaultSpec f = _faults[i];
                if (f.Kind != FaultKind.NoiseBurst)
                {
                    continue;
                }

                // Cell omitted: every cell of the module.
                int first = f.Cell >= 0 ? f.PackCell(_cellsPerModule) : f.Module * _cellsPerModule;
                int count = f.Cell >= 0 ? 1 : _cellsPerModule;
                for (int c = first; c < first + count; c++)
                {
                    if (pass == 0)
                    {
                        extraNoiseMv[c] = 0;
                    }
                    else if (_active[i])
                    {
                        extraNoiseMv[c] = Math.Sqrt((extraNoiseMv[c] * extraNoiseMv[c]) + (f.NoiseMv * f.NoiseMv));
                    }
                }
            }
        }
    }

    /// <summary>
    /// What temperature sensor <paramref name="sensor"/> reads at <paramref name="tS"/>, 0.1 degC: the ambient plus
    /// every temperature rise on it since it started (held at its end once its duration is over).
    /// </summary>
    public int TemperatureDeciCelsius(int sensor, double tS)
    {
        double rise = 0;
        for (int i = 0; i < _faults.Length; i++)
        {
            FaultSpec f = _faults[i];
            if (f.Kind == FaultKind.TemperatureRise && f.Sensor == sensor && tS >= f.AtS)
            {
                double elapsed = f.DurationS > 0 ? Math.Min(tS - f.AtS, f.DurationS) : tS - f.AtS;
                rise += f.RateCPerS * elapsed;
            }
        }

        return AmbientDeciCelsius + (int)Math.Round(rise * 10);
    }

    private void UpdateShunt(int index, FaultSpec f, int cell, bool active, long timeMs)
    {
        bool on = false;
        if (active)
        {
            if (f.OnS > 0)
            {
                // Whole milliseconds, as the sample times: in seconds the remainder of 0.01 s steps drifted across
                // the on/off edges, and the shunt conducted or opened a sample early or late.
                long onMs = Math.Max(1, FaultSpec.ToMs(f.OnS));
                long cycleMs = onMs + Math.Max(1, FaultSpec.ToMs(f.OffS));
                on = (timeMs - f.AtMs) % cycleMs < onMs;
            }
            else if (f.Probability > 0)
            {
                on = _random.NextDouble() < f.Probability;
            }
            else
            {
                on = true;
            }
        }

        if (on != _shuntOn[index])
        {
            _shuntOn[index] = on;
            ApplyShunts(cell);
        }
    }

    /// <summary>
    /// Puts the soft shorts of <paramref name="cell"/> that conduct now across it as one shunt: the bank holds one per
    /// cell, and shunts in parallel add their conductances (one ending must not remove another still conducting).
    /// </summary>
    private void ApplyShunts(int cell)
    {
        double conductance = 0;
        for (int i = 0; i < _faults.Length; i++)
        {
            FaultSpec f = _faults[i];
            if (_shuntOn[i] && f.Kind == FaultKind.SoftShort && f.PackCell(_cellsPerModule) == cell)
            {
                conductance += 1.0 / f.ResistanceOhmCm2;
            }
        }

        if (conductance > 0)
        {
            _bank.InjectShunt(cell, 1.0 / conductance, 0, 0);
        }
        else
        {
            _bank.ClearInjectedShunt(cell);
        }
    }
}
