// Licensed under the MIT License.

using System.Diagnostics;
using Edge.Core;
using Edge.Core.Actuation;
using Edge.Core.Configuration;
using Edge.Core.Decision;
using Edge.Core.Sampling;
using Edge.Core.Telemetry;
using Edge.HostSim.Faults;
using Edge.HostSim.Pack;
using Edge.HostSim.Physics;
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
        IMeasurementChain chain = s.Measurement.BoardDefinition != null
            ? new BoardMeasurementChain(s.Measurement.BoardDefinition, s.Measurement.AdcNoiseCounts, s.Seed ^ 0xADC0UL)
            : new VirtualMeasurementChain(s.Measurement, cells, s.Seed ^ 0xADC0UL);
        FaultInjector faults = new FaultInjector(s.Faults, cellsPerModule, bank, chain, s.Seed);
        SimRandom jitterRandom = new SimRandom(s.Seed ^ 0x71C4UL);
        EdgeController controller = new EdgeController(layout, configuration);
        SampleFrame frame = new SampleFrame(layout);
        ActionFrame actions = new ActionFrame(layout);

        double[] voltageV = new double[cells];
        int[] trueCurrentUa = new int[modules];
        double[] densityMAPerCm2 = new double[modules];
        long[] chargeNc = new long[modules];
        long[] restSumMs = new long[modules];
        int[] restCount = new int[modules];
        double?[] stoppedAtS = new double?[modules];
        List<SimulationEvent> events = new List<SimulationEvent>();
        PackAccumulator? pack = configuration.Scheduling.Enabled ? new PackAccumulator(modules, periodMs) : null;
        long eventsDropped = 0;

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
        long nextProgressTicks = Stopwatch.Frequency;
        string terminatedBy = "timeLimit";
        long tick = 0;
        for (; tick <= limitTicks; tick++)
        {
            long timeMs = tick * periodMs;
            double timeS = timeMs / 1000.0;

            // Physics over the interval that ends now, with the current the previous tick commanded.
            faults.Update(timeS);
            for (int m = 0; m < modules; m++)
            {
                int current = actions.SwitchClosed[m] ? actions.CurrentSetpointUa[m] : 0;
                trueCurrentUa[m] = current;
                densityMAPerCm2[m] = current / 1000.0 / area;
                if (tick > 0)
                {
                    chargeNc[m] += (long)current * periodMs;
                }
            }

            if (pack != null && tick > 0)
            {
                pack.AddInterval(trueCurrentUa);
            }

            double stepS = tick == 0 ? periodS : periodS;
            if (physics != null)
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

            // Measurement chain and the core.
            chain.Convert(voltageV, trueCurrentUa, frame);
            frame.TickIndex = tick;
            int jitter = faults.JitterMs;
            frame.TimestampMs = jitter > 0 && tick > 0 ? timeMs + (long)Math.Round(((jitterRandom.NextDouble() * 2) - 1) * jitter) : timeMs;
            controller.Tick(frame, actions);

            pack?.AfterTick(controller, timeS);

            // Telemetry.
            TelemetryBuffer telemetry = controller.Telemetry;
            for (int r = 0; r < telemetry.Count; r++)
            {
                TelemetryRecord record = telemetry[r];
                switch (record.Kind)
                {
                    case TelemetryRecordKind.Event:
                        if (events.Count < _options.MaximumEvents)
                        {
                            events.Add(ToEvent(record, timeS, cellsPerModule));
                        }
                        else
                        {
                            eventsDropped++;
                        }

                        break;
                    case TelemetryRecordKind.RestTuned:
                        restSumMs[record.Module] += record.RestMs;
                        restCount[record.Module]++;
                        break;
                    case TelemetryRecordKind.StateChanged:
                        if ((record.State == ModuleState.Done || record.State == ModuleState.Hold) && record.Module >= 0)
                        {
                            stoppedAtS[record.Module] = timeS;
                        }

                        break;
                }
            }

            // The run's last tick always gets a row: the end (a cut-off, an isolation) is what a plot must show.
            bool allStopped = AllStopped(controller, modules);
            trace?.Observe(voltageV, actions, area);
            if (trace != null && (trace.IsDue(timeMs) || allStopped || tick == limitTicks))
            {
                int row = trace.Append(timeS);
                if (row >= 0)
                {
                    for (int m = 0; m < modules; m++)
                    {
                        trace.CurrentMAPerCm2[(row * modules) + m] = TraceBuffer.CommandedMAPerCm2(actions, m, area);
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
                    nextProgressTicks = elapsed + Stopwatch.Frequency;
                    _options.Progress(timeS, s.TimeLimitS, wall.Elapsed.TotalSeconds);
                }
            }

            if (_options.RealtimeFactor > 0)
            {
                Pace(wall, timeS, _options.RealtimeFactor);
            }
        }

        long ticks = Math.Min(tick, limitTicks) + 1;
        double simulatedS = (ticks - 1) * periodS;
        ModuleResult[] results = new ModuleResult[modules];
        for (int m = 0; m < modules; m++)
        {
            ModuleDutyCycle module = controller.Module(m);
            long onMs = module.PulseTimeMs;
            long offMs = module.RestTimeMs;
            results[m] = new ModuleResult
            {
                Index = m,
                CapacityMAhPerCm2 = chargeNc[m] / 1e9 / CoulombPerMAh / area,
                DutyCycle = onMs + offMs > 0 ? (double)onMs / (onMs + offMs) : 0,
                MeanRestS = restCount[m] > 0 ? restSumMs[m] / 1000.0 / restCount[m] : 0,
                Pulses = module.PulseCount,
                Rests = restCount[m],
                State = ScenarioNames.Camel(module.State.ToString()),
                StopReason = StopReasonName(module),
                StoppedAtS = stoppedAtS[m],
                SwitchCount = module.SwitchCloseCount,
            };
        }

        return new SimulationResult
        {
            Scenario = s.Name,
            TerminatedBy = terminatedBy,
            SimulatedS = simulatedS,
            WallS = wall.Elapsed.TotalSeconds,
            Ticks = ticks,
            CellSteps = ticks * cells,
            Modules = results,
            Events = events,
            EventsDropped = eventsDropped,
            Trace = trace,
            Pack = pack?.Result(controller, simulatedS),
        };
    }

    private static string StopReasonName(ModuleDutyCycle module)
    {
        if (module.State == ModuleState.Hold)
        {
            return "fault";
        }

        if (module.State == ModuleState.Pulse || module.State == ModuleState.Rest)
        {
            return "running";
        }

        return ScenarioNames.Camel(module.StopReason.ToString());
    }

    private static bool AllStopped(EdgeController controller, int modules)
    {
        for (int m = 0; m < modules; m++)
        {
            ModuleState state = controller.Module(m).State;
            if (state != ModuleState.Done && state != ModuleState.Hold)
            {
                return false;
            }
        }

        return true;
    }

    private static SimulationEvent ToEvent(TelemetryRecord record, double timeS, int cellsPerModule)
    {
        return new SimulationEvent
        {
            TS = timeS,
            Module = record.Module,
            Cell = record.Cell >= 0 ? record.Cell % cellsPerModule : -1,
            Kind = ScenarioNames.Camel(record.EventKind.ToString()),
            Severity = ScenarioNames.Camel(record.Severity.ToString()),
            Diagnosis = record.HasDiagnosis ? ScenarioNames.Camel(record.Diagnosis.ToString()) : null,
            Value = record.Value,
            Threshold = record.Threshold,
        };
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
