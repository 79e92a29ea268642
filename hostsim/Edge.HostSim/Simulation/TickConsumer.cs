// Licensed under the MIT License.

using Edge.Core;
using Edge.Core.Actuation;
using Edge.Core.Timing;

namespace Edge.HostSim.Simulation;

/// <summary>
/// The closed loop's consume part: what the run takes from each tick the core executed: its timing, the
/// hardware enable's feed, the pack's delivery and the telemetry records.
/// </summary>
internal sealed class TickConsumer
{
    private readonly RunTelemetry _telemetry;
    private readonly PackAccumulator? _pack;
    private readonly HardwareEnableLine? _enable;
    private readonly HardwareEnableFeed _feed = new HardwareEnableFeed();
    private readonly int _periodUs;

    public TickConsumer(RunTelemetry telemetry, PackAccumulator? pack, HardwareEnableLine? enable, int periodMs)
    {
        _telemetry = telemetry;
        _pack = pack;
        _enable = enable;
        _periodUs = periodMs * 1000;
    }

    // Ticks in a row with the same latency and execution time, not yet in the report: a run's ticks mostly repeat
    // the same pair (no late starts; the execution time is sampled one tick in 64), so the report takes them as
    // one count per run instead of two histogram updates per tick.
    private int _runLatencyUs;
    private int _runExecutionUs;
    private long _runTicks;

    /// <summary>
    /// The ticks' release latency and execution time. The core's TickTimingStatistics takes a lock per tick
    /// for its reporting thread; a run records from one thread, and that lock cost a one-cell run several
    /// per cent, so the run fills its totals directly (64-bit: a long run passes 2^31 ticks).
    /// </summary>
    public TickTimingTotals Timing
    {
        get
        {
            FlushRun();
            return _timing;
        }
    }

    private readonly TickTimingTotals _timing = new TickTimingTotals();

    /// <summary>Takes the tick that started at <paramref name="startMs"/> (release time <paramref name="timeS"/>).</summary>
    public void Consume(EdgeController controller, int latencyUs, int executionUs, double startMs, double timeS)
    {
        if (latencyUs != _runLatencyUs || executionUs != _runExecutionUs)
        {
            FlushRun();
            _runLatencyUs = latencyUs;
            _runExecutionUs = executionUs;
        }

        _runTicks++;

        // The device's execution time is not simulated: the host's says nothing about the ESP32's, and fed to the
        // enable it made a run depend on the machine's load (a first tick slowed by the JIT stood for the next 63
        // sampled ones, and the DevKitC's 100 ms monostable dropped the gate). A tick that ran feeds the enable;
        // hung and late ticks come from the runtimeHang and tickJitter faults.
        _enable?.Feed(_feed.OnTickCompleted(0, _periodUs), startMs);
        _pack?.AfterTick(controller, startMs, timeS);
        if (controller.Telemetry.Count > 0)
        {
            _telemetry.Consume(controller.Telemetry, timeS);
        }
    }

    /// <summary>What <see cref="TickTimingStatistics.Record"/> adds to a period's report, for each tick of the pending run.</summary>
    private void FlushRun()
    {
        if (_runTicks > 0)
        {
            _timing.Add(_runLatencyUs, _runExecutionUs, _runTicks);
        }

        _runTicks = 0;
    }
}
