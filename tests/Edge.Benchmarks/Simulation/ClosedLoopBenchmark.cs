using BenchmarkDotNet.Attributes;
using Edge.HostSim.Scenarios;
using Edge.HostSim.Simulation;

namespace Edge.Benchmarks.Simulation;

/// <summary>
/// Closed-loop throughput (physics + measurement chain + the shared core + telemetry consumption) on one core.
/// One operation is one cell-step, so cell-steps per second = 1e9 / (reported ns per operation).
/// The run is 600 s of NaK50 1 s / 5 s pulses at 10 ms samples, 60,001 ticks.
/// </summary>
[MemoryDiagnoser]
public class ClosedLoopBenchmark
{
    private const int Ticks = 60001;

    private Scenario _single;
    private Scenario _module16;
    private Scenario _pack256;

    [GlobalSetup]
    public void Setup()
    {
        _single = Make(1, 1);
        _module16 = Make(1, 16);
        _pack256 = Make(16, 16);
    }

    /// <summary>A single cell: the core's per-tick cost dominates.</summary>
    [Benchmark(OperationsPerInvoke = Ticks)]
    public long SingleCell() => Run(_single);

    /// <summary>One module of 16 cells.</summary>
    [Benchmark(OperationsPerInvoke = Ticks * 16)]
    public long Module16Cells() => Run(_module16);

    /// <summary>The largest pack the core supports: 16 modules of 16 cells.</summary>
    [Benchmark(OperationsPerInvoke = Ticks * 256)]
    public long Pack256Cells() => Run(_pack256);

    private static long Run(Scenario scenario)
    {
        SimulationResult result = new ClosedLoopRunner(scenario, new RunOptions { RecordTrace = false, MaximumEvents = 1000 }).Run();
        return result.CellSteps;
    }

    private static Scenario Make(int modules, int cellsPerModule)
    {
        return ScenarioLoader.Parse($$"""
            { "name": "throughput", "seed": 1, "samplePeriodMs": 10, "timeLimitS": 600,
              "pack": { "modules": {{modules}}, "cellsPerModule": {{cellsPerModule}}, "preset": "nak50-nasicon", "spread": { "iLimPct": 2, "tauPct": 2 } },
              "protocol": { "steps": [ "Strip at 1 mA/cm2 for 1 s", "Rest for 5 s" ], "rest": "fixed" },
              "controller": { "mode": "observe" } }
            """);
    }
}
