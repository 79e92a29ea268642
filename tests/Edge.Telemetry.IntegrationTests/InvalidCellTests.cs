using System.Text.Json;
using Edge.HostSim.Mqtt.Bridge;
using Edge.HostSim.Mqtt.Broker;
using Edge.HostSim.Scenarios;
using Edge.HostSim.Simulation;

namespace Edge.Telemetry.IntegrationTests;

/// <summary>
/// A saturated cell channel in a simulated 4 x 2 pack bridged to a real mosquitto: the telemetry/cells messages list the
/// cell in <c>invalid</c> exactly for the intervals without a valid reading of it (CONTRACT.md, telemetry/cells).
/// </summary>
public sealed class InvalidCellTests
{
    [Fact]
    public void ACellSaturatedThroughAnIntervalIsListedInvalidForThatIntervalOnly()
    {
        using MosquittoBroker broker = MosquittoBroker.StartNew();
        using Subscriber sub = new Subscriber(broker);

        // Module 3's cell 1 (pack cell 7) saturated from 3 s for 5 s: its samples of 3000 to 7990 ms read Saturated.
        Scenario scenario = SimulatedDevice.Load("saturated-cell.json");
        MqttBridgeOptions options = new MqttBridgeOptions { Port = broker.Port, DeviceId = "invalid-1", BootId = "b00t" };
        SimulatedDevice device = new SimulatedDevice(scenario, options, realtimeFactor: 40, cellVoltagePeriodMs: 1000);
        SimulationResult result = device.Finish(TimeSpan.FromSeconds(120));
        Assert.True(result.TerminatedBy == "timeLimit", $"the run ended by {result.TerminatedBy} at {result.SimulatedS} s, not at its 12 s limit");
        sub.Log.WaitFor("edge/invalid-1/status", j => j.GetProperty("status").GetString() == "offline");

        List<JsonElement> cells = sub.Log.On("edge/invalid-1/telemetry/cells");
        Assert.All(cells, c => Assert.Equal(JsonValueKind.Array, c.GetProperty("invalid").ValueKind));

        // The other modules' cells read valid throughout: never listed.
        Assert.All(cells.Where(c => c.GetProperty("module").GetInt32() != 3), c => Assert.Empty(c.GetProperty("invalid").EnumerateArray()));

        // Module 3: a message's interval runs from the sample after the previous message to its own. The cell is listed
        // when every sample of it falls within the saturation (the first at 3000 ms or later, the message before 8000 ms),
        // and its values then repeat the last valid reading, that of 2990 ms: the same in every listed message.
        List<JsonElement> module3 = cells.Where(c => c.GetProperty("module").GetInt32() == 3).OrderBy(c => c.GetProperty("tMs").GetInt64()).ToList();
        Assert.InRange(module3.Count, 11, 13);
        int listed = 0;
        int? repeatedMv = null;
        for (int i = 1; i < module3.Count; i++)
        {
            long from = module3[i - 1].GetProperty("tMs").GetInt64() + 10;
            long to = module3[i].GetProperty("tMs").GetInt64();
            bool noValidSample = from >= 3000 && to < 8000;
            int[] invalid = module3[i].GetProperty("invalid").EnumerateArray().Select(e => e.GetInt32()).ToArray();
            Assert.True((noValidSample ? new[] { 7 } : Array.Empty<int>()).SequenceEqual(invalid), $"module 3 at {to} ms (samples {from}..{to}) lists [{string.Join(",", invalid)}]");
            if (noValidSample)
            {
                listed++;
                int mv = module3[i].GetProperty("cellVoltageMv")[1].GetInt32();
                Assert.Equal(mv, module3[i].GetProperty("cellMinMv")[1].GetInt32());
                Assert.Equal(mv, module3[i].GetProperty("cellMaxMv")[1].GetInt32());
                repeatedMv ??= mv;
                Assert.Equal(repeatedMv, mv);
            }
        }

        // 4000, 5000, 6000 and 7000 ms with the messages every 1000 ms from 0 ms.
        Assert.InRange(listed, 3, 5);

        // The channel's event names the cell, so a consumer can say why.
        Assert.Contains(sub.Log.On("edge/invalid-1/event"), e => e.GetProperty("diagnosis").ValueKind == JsonValueKind.String
            && e.GetProperty("diagnosis").GetString() == "cellChannelSaturated" && e.GetProperty("cell").ValueKind == JsonValueKind.Number && e.GetProperty("cell").GetInt32() == 7);
    }
}
