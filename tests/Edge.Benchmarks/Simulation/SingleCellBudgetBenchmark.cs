using BenchmarkDotNet.Attributes;
using Edge.Core;
using Edge.Core.Actuation;
using Edge.Core.Sampling;
using Edge.HostSim.Pack;
using Edge.HostSim.Physics;
using Edge.HostSim.Scenarios;
using Edge.HostSim.Simulation;

namespace Edge.Benchmarks.Simulation;

/// <summary>
/// Where a one-cell closed-loop tick goes, in the two parts that the loop joins: the shared core alone, fed the
/// frames a closed loop made (its tick and nothing else), and the cell physics with the measurement chain alone,
/// driven by the switch states that loop commanded (what any core would have to wait for). Their sum, against
/// <see cref="ClosedLoopBenchmark.SingleCell"/>, leaves the runner's own share. The same scenario as that
/// benchmark without the spread (one cell has none): NaK50, 1 s / 5 s, 10 ms, 600 s, 60,001 ticks. One
/// operation is one tick.
/// </summary>
[MemoryDiagnoser]
public class SingleCellBudgetBenchmark
{
    private const int Ticks = 60001;
    private const int PeriodMs = 10;

    // What the closed loop's sensors read without a temperature fault.
    private const int AmbientDeciCelsius = Edge.HostSim.Faults.FaultInjector.AmbientDeciCelsius;

    private Scenario _scenario;
    private int[] _cellMv;
    private int[] _currentUa;
    private int[] _carriedUa;

    [GlobalSetup]
    public void Setup()
    {
        _scenario = ScenarioLoader.Parse("""
            { "name": "budget", "seed": 1, "samplePeriodMs": 10, "timeLimitS": 600,
              "pack": { "modules": 1, "cellsPerModule": 1, "preset": "nak50-nasicon" },
              "protocol": { "steps": [ "Strip at 1 mA/cm2 for 1 s", "Rest for 5 s" ], "rest": "fixed" },
              "controller": { "mode": "observe" } }
            """);

        // One closed loop, recorded: the frames its core read and the current each tick's command let flow next.
        _cellMv = new int[Ticks];
        _currentUa = new int[Ticks];
        _carriedUa = new int[Ticks];
        EdgeController controller = Controller();
        SampleFrame frame = new SampleFrame(controller.Layout);
        ActionFrame actions = new ActionFrame(controller.Layout);
        CellBank bank = Bank();
        VirtualMeasurementChain chain = Chain();
        double[] voltageV = new double[1];
        int[] carried = new int[1];
        double area = _scenario.Pack.AreaCm2;
        int pulses = 0;
        for (int t = 0; t < Ticks; t++)
        {
            voltageV[0] = bank.Step(0, carried[0] / 1000.0 / area);
            chain.Convert(voltageV, carried, frame);
            _cellMv[t] = frame.CellVoltageMv[0];
            _currentUa[t] = frame.ModuleCurrentUa[0];
            frame.TickIndex = t;
            frame.TimestampMs = (long)t * PeriodMs;
            controller.Tick(frame, actions);
            int next = actions.SwitchClosed[0] ? actions.CurrentSetpointUa[0] : 0;
            pulses += next != 0 && carried[0] == 0 ? 1 : 0;
            carried[0] = next;
            _carriedUa[t] = next;
        }

        // 1 s / 5 s from 0 to 600 s: a pulse starts at 0, 6, ..., 600 s, 101 in all. Fewer means the loop stopped or
        // faulted and would measure the wrong path.
        if (pulses != 101 || controller.Diagnosis.HasLatchedFault(0))
        {
            throw new InvalidOperationException("the recorded loop did not pulse 101 times without a fault (" + pulses + " pulses)");
        }
    }

    /// <summary>The shared core's tick on the recorded frames, nothing else.</summary>
    [Benchmark(OperationsPerInvoke = Ticks)]
    public bool CoreOnly()
    {
        EdgeController controller = Controller();
        SampleFrame frame = new SampleFrame(controller.Layout);
        ActionFrame actions = new ActionFrame(controller.Layout);
        for (int k = 0; k < frame.TemperatureStatus.Length; k++)
        {
            frame.TemperatureDeciCelsius[k] = AmbientDeciCelsius;
            frame.TemperatureStatus[k] = ChannelStatus.Valid;
        }

        int[] cellMv = _cellMv;
        int[] currentUa = _currentUa;
        for (int t = 0; t < Ticks; t++)
        {
            frame.CellVoltageMv[0] = cellMv[t];
            frame.CellVoltageStatus[0] = ChannelStatus.Valid;
            frame.ModuleCurrentUa[0] = currentUa[t];
            frame.ModuleCurrentStatus[0] = ChannelStatus.Valid;
            frame.TickIndex = t;
            frame.TimestampMs = (long)t * PeriodMs;
            controller.Tick(frame, actions);
        }

        return actions.SwitchClosed[0];
    }

    /// <summary>The cell physics and the measurement chain, driven by the recorded commands, nothing else.</summary>
    [Benchmark(OperationsPerInvoke = Ticks)]
    public int PhysicsAndChainOnly()
    {
        CellBank bank = Bank();
        VirtualMeasurementChain chain = Chain();
        SampleFrame frame = new SampleFrame(ScenarioCompiler.Layout(_scenario));
        double[] voltageV = new double[1];
        int[] carried = new int[1];
        int[] carriedUa = _carriedUa;
        double area = _scenario.Pack.AreaCm2;
        for (int t = 0; t < Ticks; t++)
        {
            voltageV[0] = bank.Step(0, carried[0] / 1000.0 / area);
            chain.Convert(voltageV, carried, frame);
            carried[0] = carriedUa[t];
        }

        return frame.CellVoltageMv[0];
    }

    private EdgeController Controller() => new EdgeController(ScenarioCompiler.Layout(_scenario), ScenarioCompiler.Compile(_scenario));

    private CellBank Bank() => ((PhysicsCellBank)CellBankFactory.Create(_scenario, PeriodMs / 1000.0)).Inner;

    private VirtualMeasurementChain Chain()
    {
        VirtualMeasurementChain chain = new VirtualMeasurementChain(_scenario.Measurement, 1, 1, ScenarioCompiler.Layout(_scenario).TemperatureCount, _scenario.Seed);
        Array.Fill(chain.TemperatureDeciCelsius, AmbientDeciCelsius);
        return chain;
    }
}
