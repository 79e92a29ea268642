using BenchmarkDotNet.Attributes;
using Edge.Core;
using Edge.Core.Actuation;
using Edge.Core.Configuration;
using Edge.Core.Sampling;

namespace Edge.Benchmarks.Core;

/// <summary>
/// One control tick of a 16-cell, 4-module pack with every detector on, on the default [W] protocol
/// (1 s pulses at 385 uA, 5 s rests). Frames are computed in the setup, so the loop measures only the core.
/// <see cref="Tick"/> reports ns per tick; <see cref="TickPerCellSample"/> runs the same tick and divides by
/// the 16 cell samples it processes. Target: at most 50 ns per cell-sample and 0 B per tick.
/// </summary>
[MemoryDiagnoser]
[MinColumn]
public class ControllerTickBenchmark
{
    private const int Modules = 4;
    private const int CellsPerModule = 4;
    private const int PeriodTicks = 600;   // 6 s at 10 ms
    private const int PulseTicks = 100;    // 1 s
    private const int FrameCount = PeriodTicks * 10;

    private EdgeController _controller;
    private ActionFrame _actions;
    private SampleFrame[] _frames;
    private long _tick;

    [GlobalSetup]
    public void Setup()
    {
        var layout = new PackLayout(Modules, CellsPerModule, 2);
        _controller = new EdgeController(layout, new ControllerConfiguration());
        _actions = new ActionFrame(layout);
        _frames = new SampleFrame[FrameCount];
        var random = new Random(11);
        for (int i = 0; i < FrameCount; i++)
        {
            var frame = new SampleFrame(layout);
            int phase = i % PeriodTicks;

            // The switch closes at tick 0 of each period; samples 1..100 carry the current that flowed.
            bool current = phase >= 1 && phase <= PulseTicks;
            for (int m = 0; m < Modules; m++)
            {
                frame.ModuleCurrentUa[m] = current ? 385 : random.Next(-3, 4);
                for (int c = 0; c < CellsPerModule; c++)
                {
                    double t = phase / 100.0;
                    double v = current
                        ? 150 + (20 * Math.Sqrt(t))
                        : (phase > PulseTicks ? 20 * (Math.Sqrt(t) - Math.Sqrt(t - 1.0)) : 0);
                    frame.CellVoltageMv[(m * CellsPerModule) + c] = (int)Math.Round(v + (1.6 * Gaussian(random)));
                }
            }

            frame.TemperatureDeciCelsius[0] = 250;
            frame.TemperatureDeciCelsius[1] = 251;
            _frames[i] = frame;
        }

        // Past the detectors' learning phase.
        for (int i = 0; i < 3 * FrameCount; i++)
        {
            Tick();
        }

        for (int m = 0; m < Modules; m++)
        {
            if (_controller.Diagnosis.HasLatchedFault(m) || _controller.Module(m).PulseCount < 30)
            {
                throw new InvalidOperationException("the benchmark pack is not pulsing healthily; it would measure the wrong path");
            }
        }
    }

    [Benchmark]
    public void Tick()
    {
        long tick = _tick++;
        SampleFrame frame = _frames[tick % FrameCount];
        frame.TickIndex = tick;
        frame.TimestampMs = tick * 10;
        _controller.Tick(frame, _actions);
    }

    [Benchmark(OperationsPerInvoke = Modules * CellsPerModule)]
    public void TickPerCellSample() => Tick();

    private static double Gaussian(Random random)
    {
        double u1 = 1.0 - random.NextDouble();
        double u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
