using Edge.HostSim.Mqtt.Bridge;
using Edge.HostSim.Scenarios;
using Edge.HostSim.Simulation;

namespace Edge.Telemetry.IntegrationTests;

/// <summary>A closed-loop run bridged to a broker, on a thread of its own so a test can act while it runs.</summary>
internal sealed class SimulatedDevice : IDisposable
{
    private readonly CancellationTokenSource _cancel = new();
    private readonly Task<SimulationResult> _run;
    private readonly double _realtimeFactor;
    private long _firstTickAt = -1;
    private double _mostAheadS;
    private double _simulatedS;

    public SimulatedDevice(Scenario scenario, MqttBridgeOptions options, double realtimeFactor, int cellVoltagePeriodMs = 1000)
    {
        Bridge = new MqttDeviceBridge(options);
        Bridge.ScheduleBrokerOutages(scenario.Faults);
        RunOptions run = new RunOptions
        {
            RecordTrace = false,
            RealtimeFactor = realtimeFactor,
            CellVoltagePeriodMs = cellVoltagePeriodMs,
            Cancellation = _cancel.Token,
        };
        _realtimeFactor = realtimeFactor;
        run.Observer = Bridge.Observer(o =>
        {
            Volatile.Write(ref _simulatedS, o.TimeS);
            NotePace(o.TimeS);
        });
        _run = Task.Factory.StartNew(() => new ClosedLoopRunner(scenario, run).Run(), TaskCreationOptions.LongRunning);
    }

    public MqttDeviceBridge Bridge { get; }

    /// <summary>Simulated seconds reached so far.</summary>
    public double SimulatedS => Volatile.Read(ref _simulatedS);

    /// <summary>
    /// A paced run's furthest lead, in device seconds, over the real-time factor times the wall time since its first tick
    /// was observed. Pacing never lets device time run ahead of that (but by a tick); a loaded machine only makes it lag.
    /// </summary>
    public double MostAheadOfPaceS => Volatile.Read(ref _mostAheadS);

    public static Scenario Load(string name, Action<Scenario>? change = null)
    {
        Scenario scenario = ScenarioLoader.LoadFile(Path.Combine(AppContext.BaseDirectory, "Scenarios", name));
        change?.Invoke(scenario);
        return scenario;
    }

    /// <summary>Waits for the run to end, flushes the outbox and disconnects (orderly: status offline).</summary>
    public SimulationResult Finish(TimeSpan patience)
    {
        if (!_run.Wait(patience))
        {
            _cancel.Cancel();
            _run.Wait(TimeSpan.FromSeconds(10));
        }

        SimulationResult result = _run.Result;
        Assert.True(Bridge.Flush(TimeSpan.FromSeconds(20)), "the outbox drains once the broker is reachable");
        Bridge.Dispose();
        return result;
    }

    private void NotePace(double timeS)
    {
        long now = System.Diagnostics.Stopwatch.GetTimestamp();
        if (_firstTickAt < 0)
        {
            _firstTickAt = now;
            return;
        }

        double aheadS = timeS - (_realtimeFactor * System.Diagnostics.Stopwatch.GetElapsedTime(_firstTickAt, now).TotalSeconds);
        if (_realtimeFactor > 0 && aheadS > _mostAheadS)
        {
            Volatile.Write(ref _mostAheadS, aheadS);
        }
    }

    public void Dispose()
    {
        _cancel.Cancel();
        try
        {
            _run.Wait(TimeSpan.FromSeconds(10));
        }
        catch (AggregateException)
        {
        }

        Bridge.Dispose();
        _cancel.Dispose();
    }
}
