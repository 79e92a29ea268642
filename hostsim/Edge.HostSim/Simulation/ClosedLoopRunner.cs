// Licensed under the MIT License.

using System.Diagnostics;
using System.Globalization;
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
        int cells = layout.CellCount;
        int periodMs = s.SamplePeriodMs;
        double area = s.Pack.AreaCm2;

        ICellBank bank = CellBankFactory.Create(s, periodMs / 1000.0);
        BoardDefinition? board = s.Measurement.BoardDefinition;
        IMeasurementChain chain = CreateChain(s, board, cells, out Esp32AdcModel? unitAdc);
        int[] temperatures = chain.TemperatureDeciCelsius;
        FaultInjector faults = new FaultInjector(s.Faults, layout.CellsPerModule, bank, chain, s.Seed);
        SimRandom jitterRandom = new SimRandom(s.Seed ^ 0x71C4UL);
        TickReleaseModel releases = new TickReleaseModel(periodMs, s.Seed ^ 0x7E1EUL);
        HardwareEnableLine? enable = board?.HardwareEnable != null ? new HardwareEnableLine(board.HardwareEnable.TimeoutMs) : null;
        EdgeController controller = new EdgeController(layout, configuration);
        SampleFrame frame = new SampleFrame(layout);
        ActionFrame actions = new ActionFrame(layout);
        RunTelemetry telemetry = new RunTelemetry(modules, layout.CellsPerModule, _options.MaximumEvents);
        PackAccumulator? pack = configuration.Scheduling.Enabled ? new PackAccumulator(modules, periodMs) : null;
        ModuleCurrentSource currentSource = new ModuleCurrentSource(board, modules);
        PlantStepper plant = new PlantStepper(bank, periodMs, modules, layout.CellsPerModule, area, currentSource, enable, pack);
        TickConsumer consumer = new TickConsumer(telemetry, pack, enable, periodMs);
        TraceRecorder? trace = _options.RecordTrace ? new TraceRecorder(CreateTrace(s, modules, cells), enable, currentSource, area) : null;
        TickObservation? observation = _options.Observer == null ? null : new TickObservation
        {
            TrueCellVoltageV = plant.VoltageV,
            Frame = frame,
            Actions = actions,
            Controller = controller,
            Board = board,
            UnitCalibrated = board == null || s.Measurement.UnitCalibrated,
        };

        long limitTicks = (long)Math.Ceiling(s.TimeLimitS * 1000.0 / periodMs);
        Stopwatch wall = Stopwatch.StartNew();
        // Paced, device time 0 is the wall time at which the first tick is done, its observer included: a bridged run's
        // first tick waits for its broker (MqttDeviceBridge.Attach), and a clock started before that wait would have the
        // run make it up at full speed, a burst of telemetry into an outbox whose link was just opening (at 4x real time
        // 800 ms of waiting were 3.2 s of device time, 1280 cells messages into 64 slots: the run's first were evicted).
        double paceOriginS = 0;
        long progressIntervalTicks = (long)(Math.Max(0.01, _options.ProgressIntervalS) * Stopwatch.Frequency);
        long nextProgressTicks = progressIntervalTicks;
        int executionUs = 0;
        long executedTicks = 0;
        long missedReleases = 0;
        string terminatedBy = "timeLimit";
        long tick = 0;
        double?[] cellHardShortS = new double?[modules];
        int hardShortsSeen = 0;
        for (; tick <= limitTicks; tick++)
        {
            long timeMs = tick * periodMs;
            double timeS = timeMs / 1000.0;
            faults.Update(timeMs, timeS);

            // Does the firmware tick at this release? Not while the runtime hangs, and not when a late tick
            // (nanoFramework-like scheduling) started after it; otherwise it starts on time or late. The release model
            // is asked after the late starts end too, as long as its last tick started at or after this release: that
            // tick took this release's signal, and running another one for it would put its sample time back.
            bool ticked = !faults.RuntimeHung;
            if (!ticked)
            {
                // No tick answers a release while the runtime hangs: missed, as the device's tick_overruns counts it.
                missedReleases++;
            }

            double startMs = timeMs;
            int latencyUs = 0;
            FaultSpec? lateStarts = faults.NanoFrameworkJitter;
            if (ticked && (lateStarts != null || releases.StartUs >= timeMs * 1000))
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

            plant.Step(tick, ticked ? startMs : timeMs, actions);
            if (bank.HardShortCount != hardShortsSeen)
            {
                hardShortsSeen = bank.HardShortCount;
                RecordCellHardShorts(bank, layout.CellsPerModule, timeS, cellHardShortS);
            }

            // Measurement chain and the core; the tick count and the sample time are the firmware's.
            if (ticked)
            {
                for (int t = 0; t < temperatures.Length; t++)
                {
                    temperatures[t] = faults.TemperatureDeciCelsius(t, timeS);
                }

                chain.Convert(plant.VoltageV, plant.TrueCurrentUa, frame);
                if (faults.CurrentSensorFaulty)
                {
                    faults.FalsifyCurrentReadings(frame);
                }

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

                executedTicks++;
                consumer.Consume(controller, latencyUs, executionUs, startMs, timeS);
            }

            bool allStopped = !_options.RunOnWhenAllModulesStop && RunTelemetry.AllStopped(controller, modules);
            trace?.Record(timeMs, timeS, allStopped || tick == limitTicks, plant.VoltageV, frame, actions, controller);

            if (observation != null)
            {
                observation.TickIndex = tick;
                observation.TimeS = timeS;
                observation.Ticked = ticked;
                observation.ReleaseLatencyUs = ticked ? latencyUs : 0;
                observation.HostExecutionUs = ticked ? executionUs : 0;
                observation.TrueCurrentUa = plant.TrueCurrentUa;
                observation.GateDriveEnabled = enable == null || enable.IsEnabled(timeMs);
                _options.Observer!(observation);
            }

            if (tick == 0)
            {
                paceOriginS = wall.Elapsed.TotalSeconds;
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
                    _options.Progress(Progress(controller, plant.ChargeNc, timeS, wall.Elapsed.TotalSeconds));
                }
            }

            if (_options.RealtimeFactor > 0)
            {
                Pace(wall, paceOriginS, timeS, _options.RealtimeFactor);
            }
        }

        telemetry.Finish(controller.Telemetry);
        long ticks = Math.Min(tick, limitTicks) + 1;
        // Whole milliseconds first, then one division: 41 x (10 / 1000.0) is 0.41000000000000003, 410 / 1000.0 is 0.41.
        double simulatedS = (ticks - 1) * periodMs / 1000.0;
        return new SimulationResult
        {
            TickTiming = TickTimingSummary.From(consumer.Timing, missedReleases),
            BoardWarnings = BoardWarnings(board),
            UnitAdcVrefMv = unitAdc?.VrefMv,
            UnitCalibrated = board != null ? s.Measurement.UnitCalibrated : null,
            Scenario = s.Name,
            TerminatedBy = terminatedBy,
            SimulatedS = simulatedS,
            WallS = wall.Elapsed.TotalSeconds,
            Ticks = ticks,
            CellSteps = ticks * cells,
            Modules = telemetry.Results(controller, plant.ChargeNc, plant.PlatedChargeNc, area, cellHardShortS),
            Events = telemetry.Events,
            EventsDropped = telemetry.EventsDropped,
            Dropped = telemetry.Dropped,
            Trace = trace?.Trace,
            Pack = pack?.Result(controller, simulatedS),
        };
    }

    /// <summary>The simulator's ground truth: when each module's first cell latched a hard short (rare: once per new short).</summary>
    private static void RecordCellHardShorts(ICellBank bank, int cellsPerModule, double timeS, double?[] cellHardShortS)
    {
        for (int c = 0; c < bank.Count; c++)
        {
            int module = c / cellsPerModule;
            if (cellHardShortS[module] == null && bank.IsHardShorted(c))
            {
                cellHardShortS[module] = timeS;
            }
        }
    }

    /// <summary>
    /// The board between the cells and the core: with a board file, one simulated unit with its own ADC Vref,
    /// calibrated through the per-unit workflow unless the scenario says not; else the virtual chain.
    /// </summary>
    private static IMeasurementChain CreateChain(Scenario s, BoardDefinition? board, int cells, out Esp32AdcModel? unitAdc)
    {
        if (board == null)
        {
            unitAdc = null;
            return new VirtualMeasurementChain(s.Measurement, cells, s.Pack.Modules, s.Pack.TemperatureSensors, s.Seed ^ 0xADC0UL);
        }

        unitAdc = UnitAdc(s);
        int readings = s.Measurement.AdcReadingsPerSample ?? board.AdcReadingsPerSample;
        UnitCalibration? unit = s.Measurement.UnitCalibrated ? CalibrateUnit(s, board, unitAdc, readings) : null;
        var chain = new BoardMeasurementChain(board, unitAdc, unit, s.Measurement.AdcNoiseCounts, s.Seed ^ 0xADC0UL, s.Pack.TemperatureSensors);
        chain.Chain.ReadingsPerSample = readings;
        return chain;
    }

    /// <summary>
    /// Why the scenario's simulated unit cannot be calibrated (the message the run would stop with), or null: for a
    /// study, which checks every variant before any runs, as the calibration happens only when a run starts.
    /// </summary>
    public static string? UnitCalibrationProblem(Scenario s)
    {
        if (s.Measurement.BoardDefinition is not BoardDefinition board || !s.Measurement.UnitCalibrated)
        {
            return null;
        }

        try
        {
            CalibrateUnit(s, board, UnitAdc(s), s.Measurement.AdcReadingsPerSample ?? board.AdcReadingsPerSample);
            return null;
        }
        catch (ScenarioException e)
        {
            return e.Message;
        }
    }

    private static Esp32AdcModel UnitAdc(Scenario s) => s.Measurement.AdcVrefMv is double vrefMv ? new Esp32AdcModel(vrefMv) : Esp32AdcModel.ForUnit(s.Seed ^ 0xAD0CUL);

    private static UnitCalibration CalibrateUnit(Scenario s, BoardDefinition board, Esp32AdcModel unitAdc, int readings)
    {
        var bench = new MeasurementChain(board, unitAdc, new GaussianNoise(s.Measurement.AdcNoiseCounts, (int)(s.Seed & 0x7FFFFFFF) ^ 0xCA1)) { ReadingsPerSample = readings };
        try
        {
            return CalibrationBench.Calibrate(bench, "sim-" + s.Seed);
        }
        catch (InvalidOperationException e)
        {
            // A problem of the scenario, not a crash: its board, its unit's Vref or its noise, each named as such.
            throw new ScenarioException("measurement.board", board.Name + ": " + CalibrationRefusal(s, board, unitAdc, CalibrationBench.AsBoardProblem(e.Message))
                + ", or run the unit uncalibrated with measurement.unitCalibrated false");
        }
    }

    /// <summary>
    /// Why the procedure refused the unit, told by what a unit without noise does: one of the typical chip refused too
    /// means the board's own points contradict its front end; one of this unit's Vref refused means this chip cannot
    /// take a step the typical one takes; neither means the scenario's ADC noise spread a point's readings.
    /// </summary>
    private static string CalibrationRefusal(Scenario s, BoardDefinition board, Esp32AdcModel unitAdc, string refusal)
    {
        if (CalibrationBench.NominalUnitProblem(board) != null)
        {
            return "the simulated unit cannot be calibrated, the board's calibration points contradict its front end (divider, offset, shunt or gain): "
                + refusal + "; check the board (edge-sim board)";
        }

        CultureInfo inv = CultureInfo.InvariantCulture;
        if (CalibrationBench.UnitProblem(board, unitAdc) != null)
        {
            return "the simulated unit, whose ESP32 has an ADC Vref of " + unitAdc.VrefMv.ToString("0.#", inv) + " mV"
                + (s.Measurement.AdcVrefMv == null ? " (drawn from the seed)" : " (measurement.adcVrefMv)") + ", cannot be calibrated, though a typical "
                + Esp32AdcCharacteristics.NominalVrefMv.ToString(inv) + " mV chip can: " + refusal
                + "; edge-sim board names the channel; give another measurement.adcVrefMv to run a unit that calibrates";
        }

        return "the simulated unit cannot be calibrated through measurement.adcNoiseCounts " + s.Measurement.AdcNoiseCounts.ToString("0.###", inv)
            + " counts of ADC noise (a unit of its Vref without noise can): " + refusal + "; lower measurement.adcNoiseCounts";
    }

    private TraceBuffer CreateTrace(Scenario s, int modules, int cells)
    {
        int periodMs = s.SamplePeriodMs;
        int tracePeriod = s.Trace.PeriodMs > 0 ? RoundUp(s.Trace.PeriodMs, periodMs) : periodMs;
        int rows = _options.TraceRows + (_options.TraceRows & 1);
        return new TraceBuffer(modules, cells, rows, tracePeriod, s.Trace.PeriodMs == 0, s.Pack.TemperatureSensors);
    }

    private static string[] BoardWarnings(BoardDefinition? board)
    {
        string[] warnings = new string[board?.WarningCount ?? 0];
        for (int i = 0; i < warnings.Length; i++)
        {
            warnings[i] = board!.WarningAt(i).ToString();
        }

        return warnings;
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

    /// <summary>Sleeps while device time <paramref name="simulatedS"/> is ahead of the wall clock since <paramref name="originS"/>, scaled by <paramref name="factor"/>.</summary>
    private static void Pace(Stopwatch wall, double originS, double simulatedS, double factor)
    {
        double aheadS = (simulatedS / factor) - (wall.Elapsed.TotalSeconds - originS);
        if (aheadS > 0.002)
        {
            Thread.Sleep(TimeSpan.FromSeconds(aheadS));
        }
    }

    private static int RoundUp(int value, int multiple) => ((value + multiple - 1) / multiple) * multiple;
}
