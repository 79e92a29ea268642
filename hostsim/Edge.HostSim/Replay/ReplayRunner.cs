// Licensed under the MIT License.

using System.Diagnostics;
using Edge.Core;
using Edge.Core.Actuation;
using Edge.Core.Configuration;
using Edge.Core.Sampling;
using Edge.HostSim.Scenarios;
using Edge.HostSim.Simulation;

namespace Edge.HostSim.Replay;

/// <summary>
/// Feeds a recording through the shared core in observe mode, without physics: each fed tick's frame holds
/// the recorded cell voltages (mV) and module currents (uA) (of an edge-sim trace with a row every tick, the values its
/// run's core read, <see cref="TickSeries.FeedsMeasured"/>, and where the trace has them their statuses,
/// <see cref="TickSeries.FeedsStatus"/>, and the temperatures its run's core read, <see cref="TickSeries.FeedsTemperatures"/>; otherwise every
/// reading valid), and the core's measurement, diagnosis and rest
/// analysis answer as they would on the device. The core runs the scenario's protocol, which should be the
/// one the recording followed (inferred when not given): ticks where the core's switch disagrees with the
/// recorded current are misaligned, and the replay ends at the first of them without feeding it (<see cref="Departure"/>):
/// past it the core's tests judge the cell against a pulse or a rest the recording does not hold. After a gap a new core session starts at the next pulse that has a
/// sample after the gap before its step.
/// </summary>
public sealed class ReplayRunner
{
    private readonly Scenario _scenario;
    private readonly TickSeries _series;
    private readonly List<double> _restartsS = new List<double>();

    public ReplayRunner(Scenario scenario, TickSeries series)
    {
        _scenario = scenario;
        _series = series;
    }

    public CancellationToken Cancellation { get; init; }

    /// <summary>The recording as the outputs name it (file name and format): its values are recorded, not simulated.</summary>
    public string RecordingName { get; init; } = "a recording";

    /// <summary>Why the recording is known to be simulator output (<see cref="LabRecording.SimulatedBecause"/>); null for lab data.</summary>
    public string? RecordingSimulatedBecause { get; init; }

    /// <summary>
    /// Hears, from the replaying thread, how far the replay is: (fed ticks of the recording's, 0 to 1; the
    /// replay's time reached, s from its first tick). At most every <see cref="ProgressIntervalS"/> of wall time.
    /// </summary>
    public Action<double, double>? Progress { get; init; }

    /// <summary>Where the replay's settings came from, passed to the result for its outputs; null for none said.</summary>
    public ReplaySettingSources? SettingSources { get; init; }

    public double ProgressIntervalS { get; init; } = 1;

    /// <summary>
    /// The pulses' fixed period when the protocol was inferred from a fitted timeline (null otherwise): a session
    /// after a gap then starts on that timeline, where the pulse truly began, not at its first sample after the
    /// gap, which can be up to a sample interval late and would leave the core's switch behind the recorded
    /// current at every later pulse.
    /// </summary>
    public int? PulsePeriodMs { get; init; }

    /// <summary>Core sessions the recording was replayed in: 1, plus one after each gap.</summary>
    public int Segments { get; private set; } = 1;

    /// <summary>Where each session after the first started, s from the replay's first tick (the time events use).</summary>
    public IReadOnlyList<double> RestartsS => _restartsS;

    /// <summary>Where the core's switch first parted from the recorded current, ending the replay; null when it never did.</summary>
    public ScheduleDeparture? Departure { get; private set; }

    public (SimulationResult Result, long MisalignedTicks, double? FirstMisalignedS) Run()
    {
        ControllerConfiguration configuration = ScenarioCompiler.Compile(_scenario);
        configuration.Mode = ControlMode.Observe;
        PackLayout layout = ScenarioCompiler.Layout(_scenario);
        int modules = layout.ModuleCount;
        int cells = layout.CellCount;
        int periodMs = _series.PeriodMs;
        double area = _scenario.Pack.AreaCm2;
        EdgeController controller = new EdgeController(layout, configuration);
        SampleFrame frame = new SampleFrame(layout);
        ActionFrame actions = new ActionFrame(layout);
        RunTelemetry telemetry = new RunTelemetry(modules, layout.CellsPerModule, 100000);
        int sensors = _scenario.Pack.TemperatureSensors;
        TraceBuffer trace = new TraceBuffer(modules, cells, 20000, periodMs, true, sensors);
        long[] chargeNc = new long[modules];
        long[] platedChargeNc = new long[modules];
        (long OnMs, long OffMs)[] currentOnOffMs = new (long OnMs, long OffMs)[modules];
        bool[] closed = new bool[modules];
        bool[] afterStep = new bool[modules];
        int[] cellMv = new int[cells];
        int[] fedCellMv = new int[cells];
        int[] fedModuleUa = new int[modules];
        ChannelStatus[] fedCellStatus = new ChannelStatus[cells];
        ChannelStatus[] fedModuleStatus = new ChannelStatus[modules];
        bool feedsMeasured = _series.FeedsMeasured;
        bool feedsStatus = _series.FeedsStatus;
        bool feedsTemperatures = _series.FeedsTemperatures && _series.TemperatureSensors == sensors;
        string? temperatureAssumed = null;
        if (sensors > 0 && !feedsTemperatures)
        {
            // No temperature at every tick: each sensor reads the scenario's ambient throughout, said to be assumed.
            Array.Fill(frame.TemperatureDeciCelsius, AssumedTemperature.DeciCelsius);
            temperatureAssumed = AssumedTemperature.Text(sensors, _series.TemperatureSensors);
        }

        long misaligned = 0;
        double? firstMisalignedS = null;
        int onThresholdUa = Math.Max(1, configuration.Protocol.Steps.Where(s => s.IsCurrentStep).Select(s => Math.Abs(s.CurrentUa)).DefaultIfEmpty(1).Min() / 5);
        Stopwatch wall = Stopwatch.StartNew();
        long progressIntervalTicks = (long)(Math.Max(0.01, ProgressIntervalS) * Stopwatch.Frequency);
        long nextProgressTicks = progressIntervalTicks;
        string terminatedBy = "endOfData";
        bool lastRowWritten = false;
        long previousTick = 0;
        long segmentStartTick = 0;
        double timeS = 0;
        int k = 0;
        for (; k < _series.Count; k++)
        {
            long tick = _series.TickIndex(k);
            if (tick > previousTick + 1)
            {
                // After a gap the core cannot carry on as if the ticks had happened (it would see a stalled
                // loop): a new session starts at the next pulse, like a controller restarted there. A pulse whose
                // step is the gap's own end has nothing recorded after the gap before it, so no reference for its
                // edge (the samples before the gap are none): the session starts at the one after it, as a
                // recording that begins inside a pulse does.
                int next = NextPulseStart(k, onThresholdUa);
                while (next >= 0 && _series.FollowsGap(next))
                {
                    next = NextPulseStart(next + 1, onThresholdUa);
                }

                if (next < 0)
                {
                    break;
                }

                next = OnTimeline(next, k);

                Segments++;
                _restartsS.Add(_series.TickIndex(next) * periodMs / 1000.0);
                k = next;
                tick = _series.TickIndex(k);
                segmentStartTick = tick;
                telemetry.Finish(controller.Telemetry);
                controller = new EdgeController(layout, configuration);
                Array.Clear(closed);
            }

            long timeMs = tick * periodMs;

            // A step between two samples further apart than a tick happened somewhere between them: where the
            // core's switch changed in that interval, the step is placed there (current and voltage after it).
            for (int m = 0; m < modules; m++)
            {
                int afterUa = _series.AfterStepUa(k, m);
                bool marked = afterUa != int.MinValue && tick != segmentStartTick;
                bool afterOn = marked && Math.Abs(afterUa) >= onThresholdUa;
                afterStep[m] = marked && afterOn != (Math.Abs(_series.ModuleUa(k, m)) >= onThresholdUa) && closed[m] == afterOn;
            }

            // Where the core's switch parts from the recorded current, its protocol has left the recording's schedule
            // (a rest ended by the settling voltage ends on another tick when the voltage it reads differs, as the true
            // voltage of a trace without measured columns differs from the noisy readings of the run that wrote it). Fed on, a closed switch with no
            // current recorded reads as a hard short or an implausible current reading, current through an open
            // switch as an overcurrent: faults of the schedule, not of the cell. The replay ends before this tick.
            Departure = tick > segmentStartTick ? Departed(k, timeMs / 1000.0, modules, closed, afterStep, onThresholdUa) : null;
            if (Departure != null)
            {
                misaligned = 1;
                firstMisalignedS = Departure.AtS;
                terminatedBy = RunTelemetry.DepartedFromRecording;
                if (!lastRowWritten && k > 0)
                {
                    AppendRow(trace, timeS, k, cellMv, fedCellMv, fedModuleUa, fedCellStatus, fedModuleStatus, frame, controller);
                }

                break;
            }

            timeS = timeMs / 1000.0;

            bool restarted = Segments > 1 && tick == segmentStartTick;
            for (int c = 0; c < cells; c++)
            {
                // A restarted session's first tick is its first pulse's only reference, as tick 0 is the first session's.
                int mv = restarted ? _series.SessionStartMv(k, c) : afterStep[c / layout.CellsPerModule] ? _series.AfterStepMv(k, c) : _series.CellMv(k, c);
                cellMv[c] = mv;

                // A trace's measured columns are the numbers the run's core read: fed so, its rests end on the run's ticks.
                int fedMv = feedsMeasured ? _series.MeasuredCellMv(k, c) : mv;
                fedCellMv[c] = fedMv;
                frame.CellVoltageMv[c] = fedMv;

                // As the run's core read it: a saturated reading fed as valid was judged as a value (the rail as an overvoltage).
                ChannelStatus fedStatus = feedsStatus ? _series.MeasuredCellStatus(k, c) : ChannelStatus.Valid;
                fedCellStatus[c] = fedStatus;
                frame.CellVoltageStatus[c] = fedStatus;
                trace.ObserveCell(c, (float)(mv / 1000.0));
            }

            for (int m = 0; m < modules; m++)
            {
                int ua = tick == segmentStartTick ? 0 : afterStep[m] ? _series.AfterStepUa(k, m) : _series.ModuleUa(k, m);
                int fedUa = feedsMeasured ? _series.MeasuredModuleUa(k, m) : ua;
                fedModuleUa[m] = fedUa;
                frame.ModuleCurrentUa[m] = fedUa;
                ChannelStatus fedStatus = feedsStatus ? _series.MeasuredModuleStatus(k, m) : ChannelStatus.Valid;
                fedModuleStatus[m] = fedStatus;
                frame.ModuleCurrentStatus[m] = fedStatus;
                trace.ObserveModule(m, (float)(ua / 1000.0 / area));
                long movedNc = (long)ua * (tick - previousTick) * periodMs;
                chargeNc[m] += movedNc;
                if (movedNc < 0)
                {
                    platedChargeNc[m] -= movedNc;
                }

                bool flowing = Math.Abs(ua) >= onThresholdUa;

                // The duty cycle of the current recorded over each fed tick, as the capacity is its charge; the interval
                // across a gap holds no recorded current and counts as neither.
                long intervalMs = tick == segmentStartTick ? 0 : (tick - previousTick) * periodMs;
                currentOnOffMs[m] = flowing
                    ? (currentOnOffMs[m].OnMs + intervalMs, currentOnOffMs[m].OffMs)
                    : (currentOnOffMs[m].OnMs, currentOnOffMs[m].OffMs + intervalMs);
            }

            // A trace's temperature columns as its run's core read them: an overtemperature, or a sensor read as missing, is met again.
            for (int t = 0; t < sensors && feedsTemperatures; t++)
            {
                frame.TemperatureDeciCelsius[t] = _series.MeasuredTemperatureDeciC(k, t);
                frame.TemperatureStatus[t] = _series.MeasuredTemperatureStatus(k, t);
            }

            frame.TickIndex = tick - segmentStartTick;
            frame.TimestampMs = (tick - segmentStartTick) * periodMs;
            controller.Tick(frame, actions);
            telemetry.Consume(controller.Telemetry, timeS);
            for (int m = 0; m < modules; m++)
            {
                closed[m] = actions.SwitchClosed[m];
            }

            // The last fed tick always gets a row: the end of the recording is what a plot must show.
            bool allStopped = RunTelemetry.AllStopped(controller, modules);
            lastRowWritten = trace.IsDue(timeMs) || allStopped || k == _series.Count - 1;
            if (lastRowWritten)
            {
                AppendRow(trace, timeS, k + 1, cellMv, fedCellMv, fedModuleUa, fedCellStatus, fedModuleStatus, frame, controller);
            }

            previousTick = tick;
            if (allStopped)
            {
                terminatedBy = "allModulesStopped";
                break;
            }

            if ((k & 255) == 0)
            {
                if (Cancellation.IsCancellationRequested)
                {
                    terminatedBy = "cancelled";
                    break;
                }

                long elapsed = wall.ElapsedTicks;
                if (Progress != null && elapsed >= nextProgressTicks)
                {
                    nextProgressTicks = elapsed + progressIntervalTicks;
                    Progress((k + 1) / (double)_series.Count, timeS);
                }
            }
        }

        telemetry.Finish(controller.Telemetry);
        long ticks = Departure != null ? k : k < _series.Count ? k + 1 : _series.Count;
        SimulationResult result = new SimulationResult
        {
            Scenario = _scenario.Name,
            RecordedFrom = RecordingName,
            RecordingSimulatedBecause = RecordingSimulatedBecause,
            RecordingStartS = _series.StartS,
            SettingSources = SettingSources,
            TemperatureAssumed = temperatureAssumed,
            RecordingGaps = _series.Gaps.Select(g => GapInReplayTime(g, _series.StartS, _restartsS)).ToList(),
            TerminatedBy = terminatedBy,
            SimulatedS = timeS,
            WallS = wall.Elapsed.TotalSeconds,
            Ticks = ticks,
            CellSteps = ticks * cells,
            // Recorded data: no cell ground truth. A module the departure left pulsing or resting was not running on at the
            // recording's end: the replay stopped it there, and its stop says so.
            Modules = telemetry.Results(controller, chargeNc, platedChargeNc, area, new double?[chargeNc.Length], currentOnOffMs, Departure != null ? terminatedBy : null),
            Events = telemetry.Events,
            EventsDropped = telemetry.EventsDropped,
            Dropped = telemetry.Dropped,
            Trace = trace,
        };
        return (result, misaligned, firstMisalignedS);
    }

    /// <summary>
    /// The first module whose switch (<paramref name="closed"/> after the tick before) disagrees with the current
    /// recorded over the interval ending at fed tick <paramref name="k"/> (after the step where the tick takes it), or null.
    /// </summary>
    private ScheduleDeparture? Departed(int k, double timeS, int modules, bool[] closed, bool[] afterStep, int onThresholdUa)
    {
        for (int m = 0; m < modules; m++)
        {
            int ua = afterStep[m] ? _series.AfterStepUa(k, m) : _series.ModuleUa(k, m);
            if ((Math.Abs(ua) >= onThresholdUa) != closed[m])
            {
                return new ScheduleDeparture(timeS, m, closed[m], ua);
            }
        }

        return null;
    }

    /// <summary>
    /// A trace row for the tick just fed, at <paramref name="timeS"/>: the core's states, the recording's voltages at the
    /// tick (<paramref name="cellMv"/>), the recorded current that flows from that tick on (fed tick <paramref name="next"/>'s,
    /// none past the end), as the closed loop's trace shows the commanded one, and the values the core was fed with their statuses
    /// (the temperatures as <paramref name="frame"/> holds them from that tick).
    /// </summary>
    private void AppendRow(TraceBuffer trace, double timeS, int next, int[] cellMv, int[] fedCellMv, int[] fedModuleUa, ChannelStatus[] fedCellStatus, ChannelStatus[] fedModuleStatus, SampleFrame frame, EdgeController controller)
    {
        int modules = trace.Modules;
        int cells = trace.Cells;
        double area = _scenario.Pack.AreaCm2;
        int row = trace.Append(timeS);
        if (row < 0)
        {
            return;
        }

        for (int m = 0; m < modules; m++)
        {
            int nextUa = next < _series.Count ? _series.ModuleUa(next, m) : 0;
            trace.CurrentMAPerCm2[(row * modules) + m] = (float)(nextUa / 1000.0 / area);
            trace.State[(row * modules) + m] = (byte)controller.Module(m).State;
        }

        for (int c = 0; c < cells; c++)
        {
            trace.VoltageV[(row * cells) + c] = (float)(cellMv[c] / 1000.0);
        }

        Array.Copy(fedCellMv, 0, trace.MeasuredCellVoltageMv, row * cells, cells);
        Array.Copy(fedModuleUa, 0, trace.MeasuredModuleCurrentUa, row * modules, modules);
        Array.Copy(fedCellStatus, 0, trace.MeasuredCellVoltageStatus, row * cells, cells);
        Array.Copy(fedModuleStatus, 0, trace.MeasuredModuleCurrentStatus, row * modules, modules);
        int sensors = trace.TemperatureSensors;
        Array.Copy(frame.TemperatureDeciCelsius, 0, trace.MeasuredTemperatureDeciC, row * sensors, sensors);
        Array.Copy(frame.TemperatureStatus, 0, trace.MeasuredTemperatureStatus, row * sensors, sensors);
    }

    /// <summary>
    /// The fed tick on the pulses' timeline (a whole number of periods from tick 0) at or before fed tick
    /// <paramref name="pulseStart"/>, if it was fed and lies after the gap (at or after <paramref name="firstAfterGap"/>,
    /// and not at the gap's closing sample, which has no reference before it); else <paramref name="pulseStart"/>.
    /// </summary>
    private int OnTimeline(int pulseStart, int firstAfterGap)
    {
        if (PulsePeriodMs is not int period || period % _series.PeriodMs != 0)
        {
            return pulseStart;
        }

        long cycleTicks = period / _series.PeriodMs;
        long tick = _series.TickIndex(pulseStart) / cycleTicks * cycleTicks;
        int found = _series.IndexOfTick(tick);
        return found >= firstAfterGap && !_series.FollowsGap(found) ? found : pulseStart;
    }

    /// <summary>The fed tick just before the first module's current next turns on (the core starts its protocol there); -1 if none.</summary>
    private int NextPulseStart(int from, int onThresholdUa)
    {
        bool wasOn = Math.Abs(_series.ModuleUa(from, 0)) >= onThresholdUa;
        long previousTick = _series.TickIndex(from);
        for (int k = from + 1; k < _series.Count; k++)
        {
            bool on = Math.Abs(_series.ModuleUa(k, 0)) >= onThresholdUa;
            long tick = _series.TickIndex(k);
            if (on && !wasOn && tick == previousTick + 1)
            {
                return k - 1;
            }

            wasOn = on;
            previousTick = tick;
        }

        return -1;
    }

    /// <summary>A gap of the recording in the replay's time, with the session that started after it.</summary>
    /// <param name="gap">The gap in the recording's time.</param>
    /// <param name="recordingStartS">The recording time of the replay's first tick.</param>
    /// <param name="restartsS">Where each session after the first started, replay time, rising.</param>
    private static ReplayGap GapInReplayTime(RecordingGap gap, double recordingStartS, IReadOnlyList<double> restartsS)
    {
        double start = gap.StartS - recordingStartS;
        double end = gap.EndS - recordingStartS;

        // The first session that starts after the gap; two gaps crossed while looking for the next pulse share it.
        double? restart = restartsS.Where(r => r >= end - 1e-9).Cast<double?>().FirstOrDefault();
        return new ReplayGap(start, end, gap.DurationS, restart);
    }
}
