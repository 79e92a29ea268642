using System.Text.Json;
using Edge.HostSim.Mqtt.Bridge;
using Edge.HostSim.Mqtt.Broker;

namespace Edge.Telemetry.IntegrationTests;

/// <summary>Commands over a real broker: a valid one is acknowledged and takes effect, an invalid one names its field and changes nothing.</summary>
public sealed class CommandTests
{
    private const string Root = "edge/cmd-1/";

    [Fact]
    public void CommandsAreAnsweredOnResultAndOnlyValidOnesTakeEffect()
    {
        using MosquittoBroker broker = MosquittoBroker.StartNew();
        using Subscriber sub = new Subscriber(broker);

        // A healthy pack (no faults) running for up to 600 simulated s at 20x: the test ends it early.
        var scenario = SimulatedDevice.Load("soft-short.json", s =>
        {
            s.Faults.Clear();
            s.TimeLimitS = 600;
        });
        using SimulatedDevice device = new SimulatedDevice(scenario, new MqttBridgeOptions { Port = broker.Port, DeviceId = "cmd-1" }, realtimeFactor: 20);
        sub.Log.WaitFor(Root + "telemetry/pulse", p => p.GetProperty("module").GetInt32() == 0);

        // Invalid: an unknown mode value. Reply names the field; nothing changes (no new config revision, module 0 keeps pulsing).
        sub.Send(Root + "cmd/setMode", """{"id":"bad-1","mode":"turbo"}""");
        JsonElement bad = sub.Log.WaitFor(Root + "cmd/result", r => r.GetProperty("id").GetString() == "bad-1");
        Assert.False(bad.GetProperty("ok").GetBoolean());
        Assert.Equal("setMode", bad.GetProperty("verb").GetString());
        Assert.Equal("mode", bad.GetProperty("error").GetProperty("field").GetString());

        // Invalid: a misspelt field on stop. Nothing stops.
        sub.Send(Root + "cmd/stop", """{"id":"bad-2","modul":0}""");
        JsonElement bad2 = sub.Log.WaitFor(Root + "cmd/result", r => r.GetProperty("id").GetString() == "bad-2");
        Assert.False(bad2.GetProperty("ok").GetBoolean());
        Assert.Equal("modul", bad2.GetProperty("error").GetProperty("field").GetString());

        // Unknown verb: the field is "verb".
        sub.Send(Root + "cmd/selfDestruct", """{"id":"bad-3"}""");
        Assert.Equal("verb", sub.Log.WaitFor(Root + "cmd/result", r => r.GetProperty("id").GetString() == "bad-3").GetProperty("error").GetProperty("field").GetString());

        // Module 0 still pulses after the rejected commands: a pulse summary of it with a higher index arrives.
        sub.Log.WaitForMorePulses(Root + "telemetry/pulse", 0, pulsesAhead: 2);
        Assert.DoesNotContain(sub.Log.On(Root + "telemetry/state"), s => s.GetProperty("type").GetString() == "stateChanged" && s.GetProperty("state").GetString() == "done");
        Assert.All(sub.Log.On(Root + "config"), c => Assert.Equal(0, c.GetProperty("revision").GetInt32()));

        // Valid: stop module 0. ok reply, then the state change to done with reason command and a stopped event.
        sub.Send(Root + "cmd/stop", """{"id":"ok-1","module":0}""");
        JsonElement ok = sub.Log.WaitFor(Root + "cmd/result", r => r.GetProperty("id").GetString() == "ok-1");
        Assert.True(ok.GetProperty("ok").GetBoolean());
        Assert.Equal("stop", ok.GetProperty("verb").GetString());
        sub.Log.WaitFor(Root + "telemetry/state", s => s.GetProperty("type").GetString() == "stateChanged" && s.GetProperty("module").GetInt32() == 0 && s.GetProperty("state").GetString() == "done" && s.GetProperty("stopReason").GetString() == "command");
        sub.Log.WaitFor(Root + "event", e => e.GetProperty("kind").GetString() == "stopped");

        // Module 1 was not addressed and keeps running.
        sub.Log.WaitForMorePulses(Root + "telemetry/pulse", 1);

        // Valid setMode: a new retained config with revision 1 and mode observe.
        sub.Send(Root + "cmd/setMode", """{"id":"ok-2","mode":"observe"}""");
        Assert.True(sub.Log.WaitFor(Root + "cmd/result", r => r.GetProperty("id").GetString() == "ok-2").GetProperty("ok").GetBoolean());
        JsonElement config = sub.Log.WaitFor(Root + "config", c => c.GetProperty("revision").GetInt32() == 1);
        Assert.Equal("observe", config.GetProperty("mode").GetString());
    }
}
