using System.Text.Json;
using Edge.HostSim.Faults;
using Edge.HostSim.Mqtt.Bridge;
using Edge.HostSim.Mqtt.Broker;
using Edge.HostSim.Scenarios;

namespace Edge.Telemetry.IntegrationTests;

/// <summary>
/// The contract fixes of the device session on the simulator, through a real mosquitto: tunedRestMs is the
/// rest that follows the pulse, every start is an event, a repeated command id executes once with two identical
/// replies (the new protocol starting one tick after the interrupted pulse's stop), a retained stop is
/// never executed (on connect, after a reconnect, nor sent live under its id: its refusal is remembered), and a scenario's brokerOutage takes the device off the
/// broker for that long.
/// </summary>
public sealed class SessionContractTests
{
    [Fact]
    public void TunedRestIsTheRestThatFollowsAndEveryStartIsAnEvent()
    {
        using MosquittoBroker broker = MosquittoBroker.StartNew();
        using Subscriber sub = new Subscriber(broker);
        const string root = "edge/rest-1/";

        // Observe mode: no depletion warning stretches the fixed 2 s rest, so the tuner's choice is exactly 2000 ms.
        Scenario scenario = ScenarioLoader.Parse("""
            { "name": "tuned-rest", "seed": 3, "samplePeriodMs": 10, "timeLimitS": 20,
              "pack": { "modules": 2, "cellsPerModule": 1, "preset": "nak50-nasicon" },
              "protocol": { "steps": [ "Strip at 1 mA/cm2 for 1 s", "Rest for 2 s" ], "rest": "fixed" },
              "controller": { "mode": "observe" } }
            """);
        SimulatedDevice device = new SimulatedDevice(scenario, new MqttBridgeOptions { Port = broker.Port, DeviceId = "rest-1" }, realtimeFactor: 20);
        device.Finish(TimeSpan.FromSeconds(30));
        sub.Log.WaitFor(root + "status", s => s.GetProperty("status").GetString() == "offline");

        // Each pulse summary's tunedRestMs equals the restEnded that follows it for that module (and the fixed 2 s).
        List<JsonElement> pulses = sub.Log.On(root + "telemetry/pulse");
        List<JsonElement> rests = sub.Log.On(root + "telemetry/state").Where(s => s.GetProperty("type").GetString() == "restEnded").ToList();
        Assert.True(pulses.Count >= 10, "pulses: " + pulses.Count);
        int matched = 0;
        foreach (JsonElement pulse in pulses)
        {
            int module = pulse.GetProperty("module").GetInt32();
            long at = pulse.GetProperty("tMs").GetInt64();
            Assert.Equal(2000, pulse.GetProperty("tunedRestMs").GetInt32());
            JsonElement? next = rests.Where(r => r.GetProperty("module").GetInt32() == module && r.GetProperty("tMs").GetInt64() > at).Select(r => (JsonElement?)r).FirstOrDefault();
            if (next != null)
            {
                Assert.InRange(next.Value.GetProperty("restMs").GetInt32(), 2000, 2010);
                matched++;
            }
        }

        Assert.True(matched >= 8);

        // One "started" per module at the first tick.
        List<JsonElement> started = sub.Log.On(root + "event").Where(e => e.GetProperty("kind").GetString() == "started").ToList();
        Assert.Equal(new[] { 0, 1 }, started.Select(e => e.GetProperty("module").GetInt32()).OrderBy(m => m));
        Assert.All(started, e => Assert.Equal(0, e.GetProperty("tMs").GetInt64()));
    }

    [Fact]
    public void TheSameSetProtocolIdTwiceExecutesOnceWithTwoIdenticalReplies()
    {
        using MosquittoBroker broker = MosquittoBroker.StartNew();
        using Subscriber sub = new Subscriber(broker);
        const string root = "edge/swap-1/";

        // 20 s pulses: a command lands inside one.
        Scenario scenario = ScenarioLoader.Parse("""
            { "name": "swap", "seed": 4, "samplePeriodMs": 10, "timeLimitS": 60,
              "pack": { "modules": 1, "cellsPerModule": 1, "preset": "nak50-nasicon" },
              "protocol": { "steps": [ "Strip at 0.25 mA/cm2 for 20 s", "Rest for 1 s" ], "rest": "fixed" },
              "controller": { "mode": "observe" } }
            """);
        SimulatedDevice device = new SimulatedDevice(scenario, new MqttBridgeOptions { Port = broker.Port, DeviceId = "swap-1" }, realtimeFactor: 10);
        sub.Log.WaitFor(root + "config", c => c.GetProperty("revision").GetInt32() == 0);
        Assert.True(SpinWait.SpinUntil(() => device.SimulatedS > 3, TimeSpan.FromSeconds(20)));

        string command = """{"id":"swap-17","steps":["Strip at 0.2 mA/cm2 for 2 s","Rest for 2 s"],"start":true}""";
        sub.Send(root + "cmd/setProtocol", command);
        JsonElement accepted = sub.Log.WaitFor(root + "cmd/result", r => r.GetProperty("id").GetString() == "swap-17");
        Assert.True(accepted.GetProperty("ok").GetBoolean(), accepted.GetRawText());
        sub.Send(root + "cmd/setProtocol", command);
        Assert.True(sub.Log.WaitForCount(root + "cmd/result", 2, MessageLog.Patience));
        sub.Log.WaitFor(root + "config", c => c.GetProperty("revision").GetInt32() == 1);
        sub.Log.WaitFor(root + "event", e => e.GetProperty("kind").GetString() == "stopped");
        Thread.Sleep(500);
        device.Finish(TimeSpan.FromSeconds(30));

        // Two identical replies, one execution: one config revision, one stop of the running module.
        List<string> replies = sub.Log.On(root + "cmd/result").Select(r => r.GetRawText()).ToList();
        Assert.Equal(2, replies.Count);
        Assert.Equal(replies[0], replies[1]);
        Assert.Contains("\"ok\":true", replies[0]);
        Assert.Equal(new[] { 0, 1 }, sub.Log.On(root + "config").Select(c => c.GetProperty("revision").GetInt32()).Distinct().OrderBy(r => r));
        Assert.Single(sub.Log.On(root + "event"), e => e.GetProperty("kind").GetString() == "stopped");

        // The new protocol started one tick after the stop (the interrupted pulse's switch open for that tick).
        List<JsonElement> started = sub.Log.On(root + "event").Where(e => e.GetProperty("kind").GetString() == "started").ToList();
        Assert.True(started.Count == 2, string.Join("\n", sub.Log.On(root + "event").Select(e => e.GetRawText())));
        JsonElement stopped = sub.Log.On(root + "event").Single(e => e.GetProperty("kind").GetString() == "stopped");
        Assert.Equal(stopped.GetProperty("tMs").GetInt64() + 10, started[1].GetProperty("tMs").GetInt64());
    }

    [Fact]
    public void ARetainedStopIsNeverExecutedOnConnectNorOnReconnect()
    {
        using MosquittoBroker broker = MosquittoBroker.StartNew();
        using Subscriber sub = new Subscriber(broker);
        const string root = "edge/retain-1/";

        // Someone published a stop with the retain flag before the device came up.
        sub.SendRetained(root + "cmd/stop", """{"id":"sticky","module":0}""");
        Scenario scenario = SimulatedDevice.Load("soft-short.json", s =>
        {
            s.Faults.Clear();
            s.TimeLimitS = 600;
        });
        using SimulatedDevice device = new SimulatedDevice(scenario, new MqttBridgeOptions { Port = broker.Port, DeviceId = "retain-1", ReconnectDelayMinMs = 200, ReconnectDelayMaxMs = 500 }, realtimeFactor: 10);

        JsonElement reply = sub.Log.WaitFor(root + "cmd/result", r => r.GetProperty("id").GetString() == "sticky");
        Assert.False(reply.GetProperty("ok").GetBoolean());
        Assert.Equal("retain", reply.GetProperty("error").GetProperty("field").GetString());
        sub.Log.WaitFor(root + "event", e => e.GetProperty("kind").GetString() == "retainedCommand" && e.GetProperty("severity").GetString() == "warning");

        // A network fault: the device reconnects and the broker replays the retained stop. The device remembered the
        // refusal under the command's id (CONTRACT.md, "Never retained"): a repeat, answered with the very same reply
        // and neither executed nor reported as a second retained command.
        // The refusal's reply and event acknowledged first: a message still in flight at the loss is sent again after the
        // reconnect (at least once, under its seq), which would read here as a second reply or a second report.
        Assert.True(SpinWait.SpinUntil(() => device.Bridge.Outbox!.AwaitingAckCount == 0, MessageLog.Patience));
        device.Bridge.Session!.Connection.Close(false);
        Assert.True(SpinWait.SpinUntil(() => device.Bridge.Connections == 2, MessageLog.Patience));
        Assert.True(sub.Log.WaitForCount(root + "cmd/result", 2, MessageLog.Patience));

        // The same stop sent live under that id: a repeat as well, not a new command to execute.
        sub.Send(root + "cmd/stop", """{"id":"sticky","module":0}""");
        Assert.True(sub.Log.WaitForCount(root + "cmd/result", 3, MessageLog.Patience));
        sub.Log.WaitForMorePulses(root + "telemetry/pulse", 0);

        List<JsonElement> replies = sub.Log.On(root + "cmd/result");
        Assert.Equal(3, replies.Count);
        Assert.All(replies, r => Assert.Equal(reply.GetRawText(), r.GetRawText()));
        // One report: a copy sent again under its seq is the same event (CONTRACT.md: de-duplicate on bootId, stream, seq).
        List<JsonElement> retainedEvents = sub.Log.On(root + "event").Where(e => e.GetProperty("kind").GetString() == "retainedCommand")
            .GroupBy(e => e.GetProperty("seq").GetInt64()).Select(g => g.First()).ToList();
        Assert.Single(retainedEvents);
        Assert.Equal(1, retainedEvents[0].GetProperty("value").GetInt32());
        Assert.DoesNotContain(sub.Log.On(root + "event"), e => e.GetProperty("kind").GetString() == "stopped");
        Assert.DoesNotContain(sub.Log.On(root + "telemetry/state"), s => s.GetProperty("type").GetString() == "stateChanged" && s.GetProperty("state").GetString() == "done");
        sub.SendRetained(root + "cmd/stop", string.Empty);
    }

    [Fact]
    public void ABrokerOutageFaultTakesTheDeviceOffTheBrokerForThatLong()
    {
        using MosquittoBroker broker = MosquittoBroker.StartNew();
        using Subscriber sub = new Subscriber(broker);
        const string root = "edge/gone-1/";
        Scenario scenario = ScenarioLoader.Parse("""
            { "name": "outage-fault", "seed": 5, "samplePeriodMs": 10, "timeLimitS": 40,
              "pack": { "modules": 1, "cellsPerModule": 1, "preset": "nak50-nasicon" },
              "protocol": { "steps": [ "Strip at 1 mA/cm2 for 1 s", "Rest for 2 s" ], "rest": "fixed" },
              "faults": [ { "atS": 10, "kind": "brokerOutage", "durationS": 15 } ] }
            """);
        MqttBridgeOptions options = new MqttBridgeOptions { Port = broker.Port, DeviceId = "gone-1" };
        SimulatedDevice device = new SimulatedDevice(scenario, options, realtimeFactor: 10);
        device.Finish(TimeSpan.FromSeconds(30));
        sub.Log.WaitForLatest(root + "status", st => st.GetProperty("status").GetString() == "offline");

        // The Last Will told the world the device was gone, then it came back: two connections.
        Assert.Equal(2, device.Bridge.Connections);
        List<JsonElement> status = sub.Log.On(root + "status");
        Assert.Equal(new[] { "online", "offline", "online" }, status.Take(3).Select(s => s.GetProperty("status").GetString()));
        Assert.Equal("offline", status[^1].GetProperty("status").GetString());

        // Nothing went out in simulated 10..25 s except what the outbox held back and delivered afterwards;
        // cells were published live before and after, so the gap shows in their arrival order.
        List<long> cellTimes = sub.Log.On(root + "telemetry/cells").Select(c => c.GetProperty("tMs").GetInt64()).ToList();
        Assert.Contains(cellTimes, t => t < 10_000);
        Assert.Contains(cellTimes, t => t > 25_000);
        Assert.Equal(cellTimes.Count, cellTimes.Distinct().Count());
        Assert.Equal(Enumerable.Range(1, cellTimes.Count).Select(i => (long)i), sub.Log.On(root + "telemetry/cells").Select(c => c.GetProperty("seq").GetInt64()).OrderBy(s => s));
    }
}
