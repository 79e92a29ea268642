using Edge.Core;
using Edge.Core.Actuation;
using Edge.Core.Configuration;
using Edge.Core.Records;
using Edge.Core.Sampling;

namespace Edge.Core.Tests.Support;

/// <summary>What a synthetic cell-voltage function sees for one cell in one sample.</summary>
public sealed class CellView
{
    public int Cell { get; internal set; }

    public int Module { get; internal set; }

    /// <summary>Timestamp of the sample (ms).</summary>
    public long NowMs { get; internal set; }

    /// <summary>Current that flowed through the module during the interval this sample ends (uA, + strips).</summary>
    public int CurrentUa { get; internal set; }

    /// <summary>The module's switch was closed during the interval this sample ends.</summary>
    public bool InPulse { get; internal set; }

    /// <summary>Time since the switch closed for the running (or latest) pulse, ms; valid once a pulse began.</summary>
    public long SincePulseStartMs { get; internal set; }

    /// <summary>Time since the latest pulse ended, ms; -1 before the first pulse ended.</summary>
    public long SincePulseEndMs { get; internal set; }

    /// <summary>Length of the latest finished pulse, ms.</summary>
    public long LastPulseLengthMs { get; internal set; }

    /// <summary>Current of the running or latest pulse (uA).</summary>
    public int PulseCurrentUa { get; internal set; }

    /// <summary>Pulses begun on the module so far, the running one included (1 during the first pulse).</summary>
    public int PulseNumber { get; internal set; }
}

/// <summary>A telemetry record copied out of the controller's reusable buffer.</summary>
public sealed record RecordCopy(
    TelemetryRecordKind Kind,
    long TimestampMs,
    long Tick,
    int Module,
    int Cell,
    EventKind EventKind,
    bool HasDiagnosis,
    Edge.Core.Records.DiagnosisId Diagnosis,
    Edge.Core.Records.Severity Severity,
    long Value,
    long Threshold,
    int RestMs,
    RestEndReason RestEndReason,
    ModuleState State,
    StopReason StopReason,
    long PulseIndex,
    int PulseCurrentUa,
    int[] CellValuesA,
    int PulseDurationMs = 0,
    long TotalChargeUc = 0);

/// <summary>
/// Drives an <see cref="EdgeController"/> tick by tick with synthetic cells. The current measured in a
/// sample is what the previous tick's actions commanded (the interval the sample ends), the cell voltage
/// comes from a per-test function of time and current, plus optional Gaussian ADC-like noise from a seeded
/// <see cref="Random"/>, quantised to ADC counts.
/// </summary>
public sealed class SyntheticPack
{
    /// <summary>ESP32 12-bit ADC over about 0.15-3.1 V through the front end: about 1.6 mV per count (cell-model.md).</summary>
    public const double MillivoltsPerCount = 1.6;

    private readonly Random _random;
    private readonly CellView _view = new CellView();
    private readonly long[] _pulseStartMs;
    private readonly long[] _pulseEndMs;
    private readonly int[] _pulseCurrentUa;
    private readonly int[] _pulseNumber;
    private readonly bool[] _previousClosed;
    private readonly int[] _previousSetpointUa;
    private long _nowMs;

    public SyntheticPack(PackLayout layout, ControllerConfiguration configuration, Func<CellView, double> cellVoltageMv, int seed = 1)
    {
        Layout = layout;
        Configuration = configuration;
        CellVoltageMv = cellVoltageMv;
        Controller = new EdgeController(layout, configuration);
        Frame = new SampleFrame(layout);
        Actions = new ActionFrame(layout);
        _random = new Random(seed);
        _pulseStartMs = new long[layout.ModuleCount];
        _pulseEndMs = new long[layout.ModuleCount];
        _pulseCurrentUa = new int[layout.ModuleCount];
        _pulseNumber = new int[layout.ModuleCount];
        _previousClosed = new bool[layout.ModuleCount];
        _previousSetpointUa = new int[layout.ModuleCount];
        for (int m = 0; m < layout.ModuleCount; m++)
        {
            _pulseEndMs[m] = -1;
        }

        PeriodMs = configuration.SamplePeriodMs;
    }

    public PackLayout Layout { get; }

    public ControllerConfiguration Configuration { get; }

    public EdgeController Controller { get; }

    public SampleFrame Frame { get; }

    public ActionFrame Actions { get; }

    public Func<CellView, double> CellVoltageMv { get; set; }

    /// <summary>Standard deviation of the Gaussian noise added to every cell reading (mV); 0 = none.</summary>
    public double NoiseMv { get; set; }

    /// <summary>Round readings to ADC counts of <see cref="MillivoltsPerCount"/>.</summary>
    public bool Quantise { get; set; }

    public int PeriodMs { get; set; }

    /// <summary>Uniform jitter added to each nominal timestamp (+-ms); timestamps stay increasing.</summary>
    public int JitterMs { get; set; }

    /// <summary>Called after the synthetic frame is filled and before the tick: tests inject faults here.</summary>
    public Action<SyntheticPack> BeforeTick { get; set; }

    public long TickCount { get; private set; }

    public long NowMs => _nowMs;

    public List<RecordCopy> Records { get; } = new List<RecordCopy>();

    private readonly List<(int Module, int SetpointUa)> _pulseSetpointsUa = new();

    /// <summary>The current setpoint each pulse of <paramref name="module"/> started with (uA), in order.</summary>
    public List<int> PulseSetpointsUa(int module) => _pulseSetpointsUa.Where(p => p.Module == module).Select(p => p.SetpointUa).ToList();

    /// <summary>Runs one tick; returns the ActionFrame the controller wrote in it.</summary>
    public ActionFrame Step()
    {
        long tick = TickCount;
        long nominal = tick * PeriodMs;
        long now = nominal + (JitterMs > 0 && tick > 0 ? _random.Next(-JitterMs, JitterMs + 1) : 0);
        if (tick > 0 && now <= _nowMs)
        {
            now = _nowMs + 1;
        }

        return StepAt(now, tick);
    }

    /// <summary>Runs one tick at an explicit timestamp and tick index (missed-tick tests).</summary>
    public ActionFrame StepAt(long nowMs, long tickIndex)
    {
        _nowMs = nowMs;
        Frame.TimestampMs = nowMs;
        Frame.TickIndex = tickIndex;
        for (int m = 0; m < Layout.ModuleCount; m++)
        {
            bool closed = _previousClosed[m];
            int current = closed ? _previousSetpointUa[m] : 0;
            Frame.ModuleCurrentUa[m] = current;
            Frame.ModuleCurrentStatus[m] = ChannelStatus.Valid;
            int first = Layout.FirstCellOf(m);
            for (int i = 0; i < Layout.CellsPerModule; i++)
            {
                int c = first + i;
                _view.Cell = c;
                _view.Module = m;
                _view.NowMs = nowMs;
                _view.CurrentUa = current;
                _view.InPulse = closed;
                _view.SincePulseStartMs = nowMs - _pulseStartMs[m];
                _view.SincePulseEndMs = _pulseEndMs[m] < 0 ? -1 : nowMs - _pulseEndMs[m];
                _view.LastPulseLengthMs = _pulseEndMs[m] < 0 ? 0 : _pulseEndMs[m] - _pulseStartMs[m];
                _view.PulseCurrentUa = _pulseCurrentUa[m];
                _view.PulseNumber = _pulseNumber[m];
                double v = CellVoltageMv(_view);
                if (NoiseMv > 0)
                {
                    v += NoiseMv * Gaussian();
                }

                if (Quantise)
                {
                    v = Math.Round(v / MillivoltsPerCount) * MillivoltsPerCount;
                }

                Frame.CellVoltageMv[c] = (int)Math.Round(v);
                Frame.CellVoltageStatus[c] = ChannelStatus.Valid;
            }
        }

        BeforeTick?.Invoke(this);
        Controller.Tick(Frame, Actions);
        TickCount = tickIndex + 1;
        CopyRecords(tickIndex);

        for (int m = 0; m < Layout.ModuleCount; m++)
        {
            bool closed = Actions.SwitchClosed[m];
            if (closed && !_previousClosed[m])
            {
                _pulseStartMs[m] = nowMs;
                _pulseCurrentUa[m] = Actions.CurrentSetpointUa[m];
                _pulseNumber[m]++;
                _pulseSetpointsUa.Add((m, Actions.CurrentSetpointUa[m]));
            }
            else if (!closed && _previousClosed[m])
            {
                _pulseEndMs[m] = nowMs;
            }

            _previousClosed[m] = closed;
            _previousSetpointUa[m] = Actions.CurrentSetpointUa[m];
        }

        return Actions;
    }

    /// <summary>Runs ticks until the time reaches <paramref name="endMs"/> (or the predicate says stop).</summary>
    public void RunUntil(long endMs, Func<SyntheticPack, bool> stop = null)
    {
        while (_nowMs < endMs || TickCount == 0)
        {
            Step();
            if (stop != null && stop(this))
            {
                return;
            }
        }
    }

    public IEnumerable<RecordCopy> Events(EventKind kind) => Records.Where(r => r.Kind == TelemetryRecordKind.Event && r.EventKind == kind);

    public IEnumerable<RecordCopy> RecordsOf(TelemetryRecordKind kind) => Records.Where(r => r.Kind == kind);

    private void CopyRecords(long tick)
    {
        TelemetryBuffer telemetry = Controller.Telemetry;
        for (int i = 0; i < telemetry.Count; i++)
        {
            TelemetryRecord r = telemetry[i];
            if (r.Kind == TelemetryRecordKind.CellVoltages)
            {
                continue;
            }

            int[] cells = r.Kind == TelemetryRecordKind.PulseSummary ? r.CellValuesA.Take(r.CellCount).ToArray() : null;
            Records.Add(new RecordCopy(
                r.Kind, r.TimestampMs, tick, r.Module, r.Cell, r.EventKind, r.HasDiagnosis, r.Diagnosis, r.Severity,
                r.Value, r.Threshold, checked((int)r.RestMs), r.RestEndReason, r.State, r.StopReason, r.PulseIndex, r.PulseCurrentUa, cells, checked((int)r.PulseDurationMs), r.TotalChargeUc));
        }
    }

    private double Gaussian()
    {
        // Box-Muller on the seeded generator.
        double u1 = 1.0 - _random.NextDouble();
        double u2 = _random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
