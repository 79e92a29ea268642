using Edge.HostSim.Mqtt.Bridge;
using Edge.HostSim.Scenarios;
using Edge.HostSim.Simulation;

namespace Edge.Telemetry.IntegrationTests;

/// <summary>A closed-loop run bridged to a broker, on a thread of its own so a test can act while it runs.</summary>
internal sealed class SimulatedDevice : IDisposable
{
    private readonly CancellationTokenSource _cancel = new();
    private readonly Task<SimulationResult> _run;
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
        run.Observer = Bridge.Observer(o => Volatile.Write(ref _simulatedS, o.TimeS));
        _run = Task.Factory.StartNew(() => new ClosedLoopRunner(scenario, run).Run(), TaskCreationOptions.LongRunning);
    }

    public MqttDeviceBridge Bridge { get; }

    /// <summary>Simulated seconds reached so far.</summary>
    public double SimulatedS => Volatile.Read(ref _simulatedS);

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
