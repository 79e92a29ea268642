using System.Diagnostics;
using System.Text.Json;
using Edge.Core.Tests.Commands;
using Edge.HostSim.Mqtt.Bridge;
using Edge.HostSim.Mqtt.Broker;
using FsCheck;
using FsCheck.Fluent;
using Xunit.Abstractions;

namespace Edge.Telemetry.IntegrationTests;

/// <summary>
/// 10,000 generated malformed or hostile commands sent through a real broker to a running simulated device:
/// each is answered on cmd/result with ok false and a named field, the device stays connected and keeps
/// pulsing, nothing changes (no config revision, no stop, no fault), and a valid command still works after.
/// </summary>
public sealed class HostileCommandTests
{
    private const string Root = "edge/fuzz-1/";
    private const int CommandCount = 10_000;

    // Commands in flight before the sender waits for replies: under the broker's per-client queue
    // (max_queued_messages 1000), so QoS 1 commands to a busy device are queued, never dropped.
    private const int MaximumOutstanding = 200;

    private readonly ITestOutputHelper _output;

    public HostileCommandTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void HostileCommandsOverTheBrokerAreAllRejectedAndChangeNothing()
    {
        using MosquittoBroker broker = MosquittoBroker.StartNew();
        string result = Root + "cmd/result";
        using Subscriber sub = new Subscriber(broker, topicFilters: new[] { result, Root + "config", Root + "event", Root + "telemetry/pulse", Root + "telemetry/state" });
        var scenario = SimulatedDevice.Load("soft-short.json", s =>
        {
            s.Faults.Clear();
            s.TimeLimitS = 3600;
        });
        using SimulatedDevice device = new SimulatedDevice(scenario, new MqttBridgeOptions { Port = broker.Port, DeviceId = "fuzz-1" }, realtimeFactor: 20);
        sub.Log.WaitFor(Root + "config", c => c.GetProperty("revision").GetInt32() == 0);
        sub.Log.WaitFor(Root + "telemetry/pulse", p => p.GetProperty("module").GetInt32() == 1);

        // Verbs that cannot be an MQTT topic level (NUL, separators, wildcards) never reach a device: the
        // broker's business, not ours. Everything else must be published and answered.
        int sent = 0;
        int unroutable = 0;
        int empty = 0;
        long payloadBytes = 0;
        var kinds = new int[HostileCommandGenerator.KindCount];
        Stopwatch wall = Stopwatch.StartNew();
        Prop.ForAll(HostileCommandGenerator.Cases().ToArbitrary(), c =>
        {
            (string verb, byte[] payload) = HostileCommandGenerator.Build(c);
            kinds[c.Kind]++;
            if (verb.IndexOfAny(new[] { '\0', '/', '+', '#' }) >= 0)
            {
                unroutable++;
                return true;
            }

            if (payload.Length == 0)
            {
                // A payload cut to nothing: an empty message is how MQTT deletes a retained one, no command (CONTRACT.md,
                // Never retained), so it is published and gets no reply.
                empty++;
                return sub.Client.Publish(Root + "cmd/" + verb, payload, 0, 0, 1, false) > 0;
            }

            if (sent - sub.Log.CountOn(result) >= MaximumOutstanding)
            {
                Assert.True(sub.Log.WaitForCount(result, sent - (MaximumOutstanding / 2), TimeSpan.FromSeconds(30)), "the device stopped answering after " + sent + " commands");
            }

            int mid = sub.Client.Publish(Root + "cmd/" + verb, payload, 0, payload.Length, 1, false);
            sent++;
            payloadBytes += payload.Length;
            return mid > 0;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(CommandCount));

        Assert.True(sub.Log.WaitForCount(result, sent, TimeSpan.FromSeconds(60)), $"replies {sub.Log.CountOn(result)} of {sent}");
        _output.WriteLine($"{sent} hostile commands ({payloadBytes / 1e6:0.0} MB) sent and answered in {wall.Elapsed.TotalSeconds:0.0} s; {unroutable} unroutable verbs not sent, {empty} empty payloads sent unanswered");
        Assert.Equal(CommandCount, sent + unroutable + empty);
        Assert.All(kinds, count => Assert.True(count > 500, "every kind of mutation is exercised"));
        Assert.True(sent > 9_500);

        // Every reply refuses, names a field and says why; none arrived more than the commands sent.
        List<JsonElement> replies = sub.Log.On(result);
        Assert.Equal(sent, replies.Count);
        Assert.All(replies, r =>
        {
            Assert.False(r.GetProperty("ok").GetBoolean());
            Assert.False(string.IsNullOrEmpty(r.GetProperty("error").GetProperty("field").GetString()));
            Assert.False(string.IsNullOrEmpty(r.GetProperty("error").GetProperty("message").GetString()));
        });

        // Nothing changed: the device never reconnected, both modules go on pulsing, no config revision,
        // no module left its duty cycle and no event was raised by a command.
        Assert.Equal(1, device.Bridge.Connections);
        sub.Log.WaitForMorePulses(Root + "telemetry/pulse", 0);
        sub.Log.WaitForMorePulses(Root + "telemetry/pulse", 1);

        Assert.All(sub.Log.On(Root + "config"), c => Assert.Equal(0, c.GetProperty("revision").GetInt32()));
        Assert.DoesNotContain(sub.Log.On(Root + "telemetry/state"), s => s.GetProperty("type").GetString() == "stateChanged" && s.GetProperty("state").GetString() is "done" or "hold");
        // (The modules' own start at the first tick is the only "started".)
        Assert.DoesNotContain(sub.Log.On(Root + "event"), e => e.GetProperty("kind").GetString() is "stopped" or "faultReset" or "retainedCommand" || (e.GetProperty("kind").GetString() == "started" && e.GetProperty("tMs").GetInt64() > 0));

        // And the command path is still alive: a valid stop is accepted and takes effect.
        byte[] stop = System.Text.Encoding.UTF8.GetBytes("""{"id":"after-fuzz","module":0}""");
        Assert.True(sub.Client.Publish(Root + "cmd/stop", stop, 0, stop.Length, 1, false) > 0);
        Assert.True(sub.Log.WaitFor(result, r => r.TryGetProperty("id", out JsonElement id) && id.ValueKind == JsonValueKind.String && id.GetString() == "after-fuzz").GetProperty("ok").GetBoolean());
        sub.Log.WaitFor(Root + "telemetry/state", s => s.GetProperty("type").GetString() == "stateChanged" && s.GetProperty("module").GetInt32() == 0 && s.GetProperty("state").GetString() == "done");
    }
}
