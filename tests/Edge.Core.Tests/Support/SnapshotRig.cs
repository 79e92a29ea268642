using Edge.Core.Configuration;
using Edge.Core.Diagnosis;
using Edge.Core.Measurement;
using Edge.Core.Sampling;
using Edge.Core.Telemetry;
using Edge.Core.Records;

namespace Edge.Core.Tests.Support;

/// <summary>
/// Drives one stage of the core directly on a hand-filled <see cref="MeasurementSnapshot"/> (and
/// <see cref="SampleFrame"/>), without the measurement or the controller: each tick the test sets only the
/// fields the part reads, so a failure points at that part. Ticks are 10 ms apart unless the test says
/// otherwise; the diagnosis manager is the real one with the configuration's table.
/// </summary>
public sealed class SnapshotRig
{
    public SnapshotRig(PackLayout layout, ControllerConfiguration configuration)
    {
        Layout = layout;
        Configuration = configuration;
        Snapshot = new MeasurementSnapshot(layout);
        Frame = new SampleFrame(layout);
        Telemetry = new TelemetryBuffer(64, layout.CellsPerModule);
        Diagnosis = new DiagnosisManager(configuration.Diagnosis, layout, Telemetry, configuration.Protection.TemperatureSensorModules);
    }

    /// <summary>One module of two cells and one temperature sensor with the default configuration.</summary>
    public SnapshotRig()
        : this(new PackLayout(1, 2, 1), new ControllerConfiguration())
    {
    }

    public PackLayout Layout { get; }

    public ControllerConfiguration Configuration { get; }

    public MeasurementSnapshot Snapshot { get; }

    public SampleFrame Frame { get; }

    public TelemetryBuffer Telemetry { get; }

    public DiagnosisManager Diagnosis { get; }

    /// <summary>Every record written since the rig was made, copied out of the reused buffer.</summary>
    public List<RecordCopy> Records { get; } = new List<RecordCopy>();

    public long NowMs { get; private set; }

    /// <summary>
    /// Starts a tick at <paramref name="nowMs"/>: clears the buffer and the diagnosis' requests, and resets the
    /// one-tick flags (pulse ended, edge measured, phase started, shape valid, pulse window, deltas) so a test sets only what
    /// happens in this tick. Voltages, currents, phases and validity carry over.
    /// </summary>
    public void Begin(long nowMs, int intervalMs = 10)
    {
        NowMs = nowMs;
        Telemetry.Clear();
        Diagnosis.BeginTick(nowMs, Configuration.Mode);
        Snapshot.TimestampMs = nowMs;
        Snapshot.IntervalMs = intervalMs;
        Frame.TimestampMs = nowMs;
        for (int m = 0; m < Layout.ModuleCount; m++)
        {
            Snapshot.PulseEnded[m] = false;
            Snapshot.EdgeMeasured[m] = false;
            Snapshot.PhaseStarted[m] = false;
            Snapshot.ShapeValid[m] = false;
            Snapshot.PulseWindowReady[m] = false;
            Snapshot.MinimumDeltaMv[m] = 0;
            Snapshot.MaximumDeltaMv[m] = 0;
        }

        for (int c = 0; c < Layout.CellCount; c++)
        {
            Snapshot.CellDeltaMv[c] = 0;
        }
    }

    /// <summary>Sets every cell of module <paramref name="module"/> valid at the given voltages, with the module's extremes.</summary>
    public void SetCells(int module, params int[] voltagesMv)
    {
        int first = Layout.FirstCellOf(module);
        int minimum = int.MaxValue;
        int maximum = int.MinValue;
        for (int i = 0; i < voltagesMv.Length; i++)
        {
            Snapshot.CellVoltageMv[first + i] = voltagesMv[i];
            Snapshot.CellValid[first + i] = true;
            Frame.CellVoltageMv[first + i] = voltagesMv[i];
            Frame.CellVoltageStatus[first + i] = ChannelStatus.Valid;
            minimum = Math.Min(minimum, voltagesMv[i]);
            maximum = Math.Max(maximum, voltagesMv[i]);
        }

        Snapshot.ValidMinimumMv[module] = minimum;
        Snapshot.ValidMaximumMv[module] = maximum;
    }

    /// <summary>The module's phase and measured current (valid) for this tick, the current the setpoint asked for (0 open).</summary>
    public void SetCurrent(int module, ModulePhase phase, int currentUa)
    {
        Snapshot.Phase[module] = phase;
        Snapshot.SetpointUa[module] = phase == ModulePhase.Current ? currentUa : 0;
        Snapshot.ModuleCurrentUa[module] = currentUa;
        Snapshot.ModuleCurrentValid[module] = true;
        Frame.ModuleCurrentUa[module] = currentUa;
        Frame.ModuleCurrentStatus[module] = ChannelStatus.Valid;
    }

    /// <summary>Copies this tick's records into <see cref="Records"/>; call after the part ran.</summary>
    public void End()
    {
        for (int i = 0; i < Telemetry.Count; i++)
        {
            TelemetryRecord r = Telemetry[i];
            Records.Add(new RecordCopy(
                r.Kind, r.TimestampMs, 0, r.Module, r.Cell, r.EventKind, r.HasDiagnosis, r.Diagnosis, r.Severity,
                r.Value, r.Threshold, checked((int)r.RestMs), r.RestEndReason, r.State, r.StopReason, r.PulseIndex, r.PulseCurrentUa, null, checked((int)r.PulseDurationMs), r.TotalChargeUc));
        }
    }

    /// <summary>The events a diagnosis raised, in order.</summary>
    public List<RecordCopy> Raised(DiagnosisId id) =>
        Records.Where(r => r.Kind == TelemetryRecordKind.Event && r.HasDiagnosis && r.Diagnosis == id).ToList();
}
