// Licensed under the MIT License.

using System.Diagnostics;
using Edge.Core;
using Edge.Core.Actuation;
using Edge.Core.Boards;
using Edge.Core.Calibration;
using Edge.Core.Configuration;
using Edge.Core.Records;
using Edge.Core.Sampling;
using Edge.Core.Timing;
using Edge.HostSim.Faults;
using Edge.HostSim.Measurement;
using Edge.HostSim.Pack;
using Edge.HostSim.Physics;
using Edge.HostSim.Randomness;
using Edge.HostSim.Scenarios;

namespace Edge.HostSim.Simulation;

/// <summary>
/// The closed loop: every tick the cells carry the current the previous tick commanded, the measurement
/// chain turns them into a sample frame, the shared core ticks and answers with switch states and setpoints,
/// and its telemetry records are consumed. Allocation-free per tick except for kept events.
/// </summary>
public sealed class ClosedLoopRunner
{
    private const double CoulombPerMAh = 3.6;

    /// <summary>One tick in this many has its host execution time measured (<see cref="TickTimingSummary"/>).</summary>
    public const int ExecutionSampleTicks = 64;

    private readonly Scenario _scenario;
    private readonly RunOptions _options;

    public ClosedLoopRunner(Scenario scenario, RunOptions? options = null)
    {
        _scenario = scenario;
        _options = options ?? new RunOptions();
    }

    public SimulationResult Run()
    {
        Scenario s = _scenario;
        ControllerConfiguration configuration = ScenarioCompiler.Compile(s);
        configuration.Telemetry.CellVoltagePeriodMs = _options.CellVoltagePeriodMs;
        PackLayout layout = ScenarioCompiler.Layout(s);
        int modules = layout.ModuleCount;
        int cellsPerModule = layout.CellsPerModule;
        int cells = layout.CellCount;
        int periodMs = s.SamplePeriodMs;
        double periodS = periodMs / 1000.0;
        double area = s.Pack.AreaCm2;

        ICellBank bank = CellBankFactory.Create(s, periodS);
        CellBank? physics = bank is PhysicsCellBank built && built.Inner.StepS == periodS ? built.Inner : null;
        BoardDefinition? board = s.Measurement.BoardDefinition;
        Esp32AdcModel? unitAdc = null;
        IMeasurementChain chain;
        if (board != null)
        {
            // One simulated unit: its own ADC Vref, calibrated through the per-unit workflow unless the scenario says not.
            unitAdc = s.Measurement.AdcVrefMv is double vrefMv ? new Esp32AdcModel(vrefMv) : Esp32AdcModel.ForUnit(s.Seed ^ 0xAD0CUL);
            UnitCalibration? unit = s.Measurement.UnitCalibrated
                ? CalibrationBench.Calibrate(new MeasurementChain(board, unitAdc, new GaussianNoise(s.Measurement.AdcNoiseCounts, (int)(s.Seed & 0x7FFFFFFF) ^ 0xCA1)), "sim-" + s.Seed)
                : null;
            chain = new BoardMeasurementChain(board, unitAdc, unit, s.Measurement.AdcNoiseCounts, s.Seed ^ 0xADC0UL);
        }
        else
        {
            chain = new VirtualMeasurementChain(s.Measurement, cells, s.Seed ^ 0xADC0UL);
        }

        FaultInjector faults = new FaultInjector(s.Faults, cellsPerModule, bank, chain, s.Seed);
        SimRandom jitterRandom = new SimRandom(s.Seed ^ 0x71C4UL);
        TickReleaseModel releases = new TickReleaseModel(periodMs, s.Seed ^ 0x7E1EUL);
        HardwareEnableLine? enable = board?.HardwareEnable != null ? new HardwareEnableLine(board.HardwareEnable.TimeoutMs) : null;
        HardwareEnableFeed feed = new HardwareEnableFeed();
        // The core's TickTimingStatistics takes a lock per tick for its reporting thread; a run records from one
        // thread, and that lock cost a one-cell run several per cent, so the run fills the report directly.
        TickTimingReport timingReport = new TickTimingReport();
        int executionUs = 0;
        long executedTicks = 0;
        long missedReleases = 0;
        double lastStepMs = -periodMs;
        ModuleCurrentSource currentSource = new ModuleCurrentSource(board, modules);
        EdgeController controller = new EdgeController(layout, configuration);
        SampleFrame frame = new SampleFrame(layout);
        ActionFrame actions = new ActionFrame(layout);

        double[] voltageV = new double[cells];
        int[] trueCurrentUa = new int[modules];
        double[] densityMAPerCm2 = new double[modules];
        long[] chargeNc = new long[modules];
        RunTelemetry telemetry = new RunTelemetry(modules, cellsPerModule, _options.MaximumEvents);
        PackAccumulator? pack = configuration.Scheduling.Enabled ? new PackAccumulator(modules, periodMs) : null;

        TraceBuffer? trace = null;
        if (_options.RecordTrace)
        {
            int tracePeriod = s.Trace.PeriodMs > 0 ? RoundUp(s.Trace.PeriodMs, periodMs) : periodMs;
            int rows = _options.TraceRows + (_options.TraceRows & 1);
            trace = new TraceBuffer(modules, cells, rows, tracePeriod, s.Trace.PeriodMs == 0);
        }

        TickObservation? observation = _options.Observer == null ? null : new TickObservation
        {
            TrueCellVoltageV = voltageV,
            Frame = frame,
            Actions = actions,
            Controller = controller,
        };

        long limitTicks = (long)Math.Ceiling(s.TimeLimitS * 1000.0 / periodMs);
        Stopwatch wall = Stopwatch.StartNew();
        long progressIntervalTicks = (long)(Math.Max(0.01, _options.ProgressIntervalS) * Stopwatch.Frequency);
        long nextProgressTicks = progressIntervalTicks;
        string terminatedBy = "timeLimit";
        long tick = 0;
        for (; tick <= limitTicks; tick++)
        {
            long timeMs = tick * periodMs;
            double timeS = timeMs / 1000.0;
            faults.Update(timeS);

            // Does the firmware tick at this release? Not while the runtime hangs, and not when a late tick
            // (nanoFramework-like scheduling) started after it; otherwise it starts on time or late.
            bool ticked = !faults.RuntimeHung;
            double startMs = timeMs;
            int latencyUs = 0;
            FaultSpec? lateStarts = faults.NanoFrameworkJitter;
            if (ticked && lateStarts != null)
            {
                if (releases.TryRelease(timeMs * 1000, lateStarts))
                {
                    startMs = releases.StartUs / 1000.0;
                    latencyUs = releases.LatencyUs;
                }
                else
                {
                    ticked = false;
                    missedReleases++;
                }
            }

            // Physics over the interval that ends now, with what the last tick commanded and the gate drive
            // the hardware enable allows (the switch outputs keep their state whether or not ticks run).
            double stepToMs = ticked ? startMs : timeMs;
            double intervalMs = Math.Max(0.0, stepToMs - lastStepMs);
            bool gateEnabled = enable == null || enable.IsEnabled(0.5 * (lastStepMs + stepToMs));
            for (int m = 0; m < modules; m++)
            {
                // The stage carries the setpoint as its DAC or PWM code sets it: a whole step at or below the command.
                int current = actions.SwitchClosed[m] && gateEnabled ? currentSource.CarriedUa(m, actions.CurrentSetpointUa[m]) : 0;
                trueCurrentUa[m] = current;
                densityMAPerCm2[m] = current / 1000.0 / area;
                if (tick > 0)
                {
                    chargeNc[m] += (long)Math.Round(current * intervalMs);
                }
            }

            if (pack != null && tick > 0 && intervalMs > 0)
            {
                pack.AddInterval(trueCurrentUa);
            }

            double stepS = intervalMs / 1000.0;
            if (intervalMs <= 0)
            {
                // A swallowed release: the late tick already stepped past it.
            }
            else if (physics != null && intervalMs == periodMs)
            {
                // The built-in physics at its nominal step: a direct call the JIT can inline, same results.
                for (int m = 0; m < modules; m++)
                {
                    double density = densityMAPerCm2[m];
                    int first = m * cellsPerModule;
                    for (int c = first; c < first + cellsPerModule; c++)
                    {
                        voltageV[c] = physics.Step(c, density);
                    }
                }
            }
            else
            {
                for (int m = 0; m < modules; m++)
                {
                    double density = densityMAPerCm2[m];
                    int first = m * cellsPerModule;
                    for (int c = first; c < first + cellsPerModule; c++)
                    {
                        voltageV[c] = bank.Step(c, density, stepS);
                    }
                }
            }

            lastStepMs = Math.Max(lastStepMs, stepToMs);

            // Measurement chain and the core; the tick count and the sample time are the firmware's.
            if (ticked)
            {
                chain.Convert(voltageV, trueCurrentUa, frame);
                frame.TickIndex = executedTicks;
                int jitter = faults.JitterMs;
                frame.TimestampMs = lateStarts != null ? (long)startMs
                    : jitter > 0 && tick > 0 ? timeMs + (long)Math.Round(((jitterRandom.NextDouble() * 2) - 1) * jitter) : timeMs;
                // Two clock reads a tick would slow one-cell runs, so the host's execution time is sampled:
                // one tick in ExecutionSampleTicks is timed and stands for the ticks up to the next one.
                if (executedTicks % ExecutionSampleTicks == 0)
                {
                    long tickStart = Stopwatch.GetTimestamp();
                    controller.Tick(frame, actions);
                    executionUs = (int)Math.Min(int.MaxValue, (Stopwatch.GetTimestamp() - tickStart) * 1_000_000L / Stopwatch.Frequency);
                }
                else
                {
                    controller.Tick(frame, actions);
                }

                RecordTick(timingReport, latencyUs, executionUs);
                enable?.Feed(feed.OnTickCompleted(executionUs, periodMs * 1000), startMs);
                executedTicks++;
                pack?.AfterTick(controller, timeS);

                // Telemetry.
                telemetry.Consume(controller.Telemetry, timeS);
            }

            // The run's last tick always gets a row: the end (a cut-off, an isolation) is what a plot must show.
            bool allStopped = RunTelemetry.AllStopped(controller, modules);
            trace?.Observe(voltageV, actions, area);
            if (trace != null && (trace.IsDue(timeMs) || allStopped || tick == limitTicks))
            {
                int row = trace.Append(timeS);
                if (row >= 0)
                {
                    for (int m = 0; m < modules; m++)
                    {
                        // A hardware enable that timed out gates the current whatever the switch says.
                        bool gated = enable != null && !enable.IsEnabled(timeMs);
                        trace.CurrentMAPerCm2[(row * modules) + m] = gated ? 0f : TraceBuffer.CommandedMAPerCm2(actions, m, area);
                        trace.State[(row * modules) + m] = (byte)controller.Module(m).State;
                    }

                    for (int c = 0; c < cells; c++)
                    {
                        trace.VoltageV[(row * cells) + c] = (float)voltageV[c];
                    }
                }
            }

            if (observation != null)
            {
                observation.TickIndex = tick;
                observation.TimeS = timeS;
                observation.Ticked = ticked;
                observation.TrueCurrentUa = trueCurrentUa;
                observation.GateDriveEnabled = enable == null || enable.IsEnabled(timeMs);
                _options.Observer!(observation);
            }

            if (allStopped)
            {
                terminatedBy = "allModulesStopped";
                break;
            }

            if ((tick & 255) == 0)
            {
                if (_options.Cancellation.IsCancellationRequested)
                {
                    terminatedBy = "cancelled";
                    break;
                }

                long elapsed = wall.ElapsedTicks;
                if (_options.Progress != null && elapsed >= nextProgressTicks)
                {
                    nextProgressTicks = elapsed + progressIntervalTicks;
                    _options.Progress(Progress(controller, chargeNc, timeS, wall.Elapsed.TotalSeconds));
                }
            }

            if (_options.RealtimeFactor > 0)
            {
                Pace(wall, timeS, _options.RealtimeFactor);
            }
        }

        long ticks = Math.Min(tick, limitTicks) + 1;
        double simulatedS = (ticks - 1) * periodS;
        ModuleResult[] results = telemetry.Results(controller, chargeNc, area);
        string[] boardWarnings = new string[board?.WarningCount ?? 0];
        for (int i = 0; i < boardWarnings.Length; i++)
        {
            boardWarnings[i] = board!.WarningAt(i).ToString();
        }

        return new SimulationResult
        {
            TickTiming = TickTimingSummary.From(timingReport, missedReleases),
            BoardWarnings = boardWarnings,
            UnitAdcVrefMv = unitAdc?.VrefMv,
            UnitCalibrated = board != null ? s.Measurement.UnitCalibrated : null,
            Scenario = s.Name,
            TerminatedBy = terminatedBy,
            SimulatedS = simulatedS,
            WallS = wall.Elapsed.TotalSeconds,
            Ticks = ticks,
            CellSteps = ticks * cells,
            Modules = results,
            Events = telemetry.Events,
            EventsDropped = telemetry.EventsDropped,
            Trace = trace,
            Pack = pack?.Result(controller, simulatedS),
        };
    }

    private RunProgress Progress(EdgeController controller, long[] chargeNc, double timeS, double wallS)
    {
        int running = 0;
        double slowest = double.PositiveInfinity;
        for (int m = 0; m < chargeNc.Length; m++)
        {
            ModuleState state = controller.Module(m).State;
            if (state != ModuleState.Done && state != ModuleState.Hold)
            {
                running++;
                slowest = Math.Min(slowest, chargeNc[m] / 1e9 / CoulombPerMAh / _scenario.Pack.AreaCm2);
            }
        }

        return new RunProgress
        {
            SimulatedS = timeS,
            TimeLimitS = _scenario.TimeLimitS,
            WallS = wallS,
            CapacityLimitMAhPerCm2 = _scenario.Protocol.CapacityLimitMAhPerCm2,
            RunningCapacityMAhPerCm2 = running > 0 ? slowest : 0,
            ModulesRunning = running,
            Modules = chargeNc.Length,
        };
    }

    /// <summary>What <see cref="TickTimingStatistics.Record"/> adds to a period's report, for one tick.</summary>
    private static void RecordTick(TickTimingReport report, int latencyUs, int executionUs)
    {
        report.Latency.Add(latencyUs);
        report.Execution.Add(executionUs);
        if (latencyUs > report.LatencyMaximumUs)
        {
            report.LatencyMaximumUs = latencyUs;
        }

        if (executionUs > report.ExecutionMaximumUs)
        {
            report.ExecutionMaximumUs = executionUs;
        }

        report.Ticks++;
    }

    private static void Pace(Stopwatch wall, double simulatedS, double factor)
    {
        double aheadS = (simulatedS / factor) - wall.Elapsed.TotalSeconds;
        if (aheadS > 0.002)
        {
            Thread.Sleep(TimeSpan.FromSeconds(aheadS));
        }
    }

    private static int RoundUp(int value, int multiple) => ((value + multiple - 1) / multiple) * multiple;
}
