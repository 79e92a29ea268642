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
    private const int Modules = Edge.DeviceCost.SyntheticPackFrames.Modules;
    private const int CellsPerModule = Edge.DeviceCost.SyntheticPackFrames.CellsPerModule;
    private const int FrameCount = Edge.DeviceCost.SyntheticPackFrames.FrameCount;

    private EdgeController _controller;
    private ActionFrame _actions;
    private SampleFrame[] _frames;
    private long _tick;

    [GlobalSetup]
    public void Setup()
    {
        var layout = Edge.DeviceCost.SyntheticPackFrames.Layout();
        _controller = new EdgeController(layout, new ControllerConfiguration());
        _actions = new ActionFrame(layout);
        _frames = Edge.DeviceCost.SyntheticPackFrames.Build(layout);

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
}
