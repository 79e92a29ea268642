using System.Text.Json;
using Edge.HostSim.Mqtt.Bridge;
using Edge.HostSim.Mqtt.Broker;
using Edge.HostSim.Simulation;

namespace Edge.Telemetry.IntegrationTests;

/// <summary>
/// A simulated 2 x 2 cell pack with an injected soft short, bridged to a real mosquitto: every payload on
/// edge/# checked field by field against CONTRACT.md (version 1).
/// </summary>
public sealed class ContractTests
{
    private static readonly string[] s_states = { "idle", "pulse", "rest", "hold", "done" };
    private static readonly string[] s_severities = { "info", "warning", "fault" };

    [Fact]
    public void EveryPublishedPayloadFollowsTheContract()
    {
        using MosquittoBroker broker = MosquittoBroker.StartNew();
        using Subscriber sub = new Subscriber(broker);
        var scenario = SimulatedDevice.Load("soft-short.json", s => s.TimeLimitS = 40);
        MqttBridgeOptions options = new MqttBridgeOptions { Port = broker.Port, DeviceId = "contract-1", BootId = "b00t" };
        SimulatedDevice device = new SimulatedDevice(scenario, options, realtimeFactor: 40, cellVoltagePeriodMs: 1000);
        // 40 s at 40 x is about a second of wall time; the patience only bounds a run the machine's load holds up,
        // which would otherwise be cancelled short of 40 s and miss the cells messages counted below.
        SimulationResult result = device.Finish(TimeSpan.FromSeconds(120));
        Assert.True(result.TerminatedBy == "timeLimit", $"the run ended by {result.TerminatedBy} at {result.SimulatedS} s after {result.WallS:F1} s of wall time, not at its 40 s limit");
        sub.Log.WaitFor("edge/contract-1/status", j => j.GetProperty("status").GetString() == "offline");

        // status: online first (retained), offline last on the orderly shutdown; both carry the boot id.
        List<JsonElement> status = sub.Log.On("edge/contract-1/status");
        Assert.Equal("online", status[0].GetProperty("status").GetString());
        Assert.Equal("offline", status[^1].GetProperty("status").GetString());
        Assert.All(status, s => AssertFields(s, "v", "status", "bootId"));
        Assert.All(status, s => Assert.Equal("b00t", s.GetProperty("bootId").GetString()));

        // config: the scenario's layout and protocol (1 mA/cm2 x 0.3848 cm2 = 385 uA for 1 s, rest 2 s).
        JsonElement config = Assert.Single(sub.Log.On("edge/contract-1/config"));
        Assert.Equal(2, config.GetProperty("modules").GetInt32());
        Assert.Equal(2, config.GetProperty("cellsPerModule").GetInt32());
        Assert.Equal(1000, config.GetProperty("cellVoltagePeriodMs").GetInt32());
        JsonElement steps = config.GetProperty("protocol").GetProperty("steps");
        Assert.Equal(385, steps[0].GetProperty("currentUa").GetInt32());
        Assert.Equal(1000, steps[0].GetProperty("durationMs").GetInt32());
        Assert.Equal("rest", steps[1].GetProperty("kind").GetString());
        Assert.Equal(2000, steps[1].GetProperty("durationMs").GetInt32());

        // Streams: each numbered from 1 without a gap (the outbox never overflowed at this pace).
        foreach (string stream in new[] { "telemetry/pulse", "telemetry/cells", "telemetry/state", "event" })
        {
            List<JsonElement> messages = sub.Log.On("edge/contract-1/" + stream);
            Assert.NotEmpty(messages);
            List<long> seqs = messages.Select(m => m.GetProperty("seq").GetInt64()).Distinct().OrderBy(s => s).ToList();
            Assert.Equal(Enumerable.Range(1, seqs.Count).Select(i => (long)i), seqs);
            Assert.All(messages, m =>
            {
                Assert.Equal(1, m.GetProperty("v").GetInt32());
                Assert.Equal("b00t", m.GetProperty("bootId").GetString());
                Assert.InRange(m.GetProperty("tMs").GetInt64(), 0, 40_000);
            });
        }

        // pulse: per-cell arrays of the module's 2 cells; 1 s pulses at 385 uA move 385 uC each.
        List<JsonElement> pulses = sub.Log.On("edge/contract-1/telemetry/pulse");
        Assert.All(pulses, p =>
        {
            AssertFields(p, "v", "bootId", "seq", "tMs", "module", "pulseIndex", "pulseCurrentUa", "pulseDurationMs", "pulseChargeUc", "totalChargeUc", "tunedRestMs", "moduleCurrentUa", "moduleCurrentInvalid", "overpotentialMv", "edgeResistanceMilliohm");
            Assert.InRange(p.GetProperty("module").GetInt32(), 0, 1);
            Assert.Equal(2, p.GetProperty("overpotentialMv").GetArrayLength());
            Assert.Equal(2, p.GetProperty("edgeResistanceMilliohm").GetArrayLength());
        });
        JsonElement firstPulse = pulses.First(p => p.GetProperty("module").GetInt32() == 0 && p.GetProperty("pulseIndex").GetInt32() == 1);
        Assert.InRange(firstPulse.GetProperty("pulseCurrentUa").GetInt32(), 380, 390);
        Assert.InRange(firstPulse.GetProperty("pulseDurationMs").GetInt32(), 990, 1010);
        Assert.InRange(firstPulse.GetProperty("pulseChargeUc").GetInt32(), 375, 395);

        // cells: every 1000 ms, one message per module, two voltages each.
        List<JsonElement> cells = sub.Log.On("edge/contract-1/telemetry/cells");
        Assert.All(cells, c =>
        {
            AssertFields(c, "v", "bootId", "seq", "tMs", "module", "state", "moduleCurrentUa", "moduleCurrentInvalid", "cellVoltageMv");
            Assert.Contains(c.GetProperty("state").GetString(), s_states);
            Assert.Equal(2, c.GetProperty("cellVoltageMv").GetArrayLength());
        });
        Assert.InRange(cells.Count(c => c.GetProperty("module").GetInt32() == 0), 38, 42);

        // state: module 1 ends in hold once the soft short is confirmed.
        List<JsonElement> states = sub.Log.On("edge/contract-1/telemetry/state");
        Assert.All(states, s => Assert.Contains(s.GetProperty("type").GetString(), new[] { "stateChanged", "restEnded" }));
        Assert.Contains(states, s => s.GetProperty("type").GetString() == "stateChanged" && s.GetProperty("module").GetInt32() == 1 && s.GetProperty("state").GetString() == "hold");
        Assert.All(states.Where(s => s.GetProperty("type").GetString() == "restEnded"), s => AssertFields(s, "v", "bootId", "seq", "tMs", "module", "type", "restMs", "restEndReason"));

        // event: the soft short on pack-wide cell 2 (module 1, cell 0), after its injection at 10 s.
        List<JsonElement> events = sub.Log.On("edge/contract-1/event");
        Assert.All(events, e =>
        {
            AssertFields(e, "v", "bootId", "seq", "tMs", "kind", "diagnosis", "severity", "module", "cell", "value", "threshold");
            Assert.Contains(e.GetProperty("severity").GetString(), s_severities);
        });
        // value and threshold in the units of CONTRACT.md's table, and their relation is the decision taken.
        Assert.All(events, e => Assert.True(ValueAgreesWithThreshold(e), "value/threshold contradict the decision: " + e.GetRawText()));

        JsonElement soft = events.First(e => e.GetProperty("kind").GetString() == "softShort");
        Assert.Equal(1, soft.GetProperty("module").GetInt32());
        Assert.Equal(2, soft.GetProperty("cell").GetInt32());
        Assert.True(soft.GetProperty("tMs").GetInt64() > 10_000);
        Assert.StartsWith("softShort", soft.GetProperty("diagnosis").GetString());

        // The broker saw exactly the events the simulation recorded (no more, no fewer).
        Assert.Equal(result.Events.Count, events.Select(e => e.GetProperty("seq").GetInt64()).Distinct().Count());
    }

    /// <summary>The relation CONTRACT.md gives for the event's kind (and diagnosis).</summary>
    private static bool ValueAgreesWithThreshold(JsonElement e)
    {
        long value = e.GetProperty("value").GetInt64();
        long threshold = e.GetProperty("threshold").GetInt64();
        string? diagnosis = e.GetProperty("diagnosis").ValueKind == JsonValueKind.String ? e.GetProperty("diagnosis").GetString() : null;
        if (e.GetProperty("kind").GetString() == "faultRestored")
        {
            // Its diagnosis is the stored cause, not a verdict on this value.
            return value == 0 && threshold == 0;
        }

        switch (diagnosis)
        {
            case "depletionTrendInfo" or "depletionTrendWarning" or "depletionTrendFault" or "depletionEdgeResistanceRise" or "depletionNonlinearRise" or "softShortSpike" or "softShortConfirmed":
                return value >= threshold;
            case "softShortResistanceDrop" or "softShortEfficiencyDrop" or "cellUndervoltage" or "cellUndervoltageWarning" or "cellUndervoltageDerate" or "cellChannelStuck":
                return value < threshold;
            case "softShortSelfDischarge" or "cellOvervoltage" or "cellOvervoltageWarning" or "cellOvervoltageDerate" or "cellOvertemperature"
                or "cellOvertemperatureWarning" or "cellOvertemperatureDerate" or "tickLate":
                return value > threshold;
            case "hardShort":
                return Math.Abs(value) <= threshold;
            case "hardShortShuntEdge":
                return value < threshold;
            case "currentChannelImplausible":
                // The reading against the setpoint, beyond a tolerance of at least 0 uA: never equal.
                return value != threshold;
            case "muxAddressFault":
                // The reference reading against the calibrated one, ADC counts: beyond 124, or at either end of the scale.
                return Math.Abs(value - threshold) > 124 || value <= 0 || value >= 4095;
            case "cellChannelIntermittent" or "currentChannelIntermittent":
                // Bad readings of a window against the warning's limit, or when it healed against the clear limit.
                return e.GetProperty("kind").GetString() == "channelRecovered" ? value < threshold : value >= threshold;
            case "moduleOvercurrent" or "moduleOvercurrentWarning" or "moduleOvercurrentDerate":
                return Math.Abs(value) > threshold;
            case null:
                break;
            default:
                return true;
        }

        return e.GetProperty("kind").GetString() switch
        {
            "cutoff" => threshold >= 0 ? value >= threshold : value <= threshold,
            "capacityLimit" or "timeLimit" or "demandMet" => value >= threshold,
            "currentCapped" or "telemetryOverflow" or "outboxOverflow" or "retainedCommand" or "derateLifted" => value > threshold,
            "depletionLifted" => value >= threshold,
            "derated" => value < threshold,
            "suspended" => value == 1 && threshold > 0,
            "resumed" => threshold > 0 && (e.GetProperty("severity").GetString() == "warning" ? value >= threshold : value <= threshold),
            "started" or "faultReset" or "uncalibrated" => value == 0 && threshold == 0,
            "stopped" or "protocolDone" => threshold == 0,
            _ => false,
        };
    }

    private static void AssertFields(JsonElement json, params string[] names)
    {
        HashSet<string> present = json.EnumerateObject().Select(p => p.Name).ToHashSet();
        foreach (string name in names)
        {
            Assert.True(present.Contains(name), "missing field '" + name + "' in " + json.GetRawText());
        }
    }
}
