using System.Text.Json;
using Edge.HostSim.Mqtt.Bridge;
using Edge.HostSim.Mqtt.Broker;
using Edge.HostSim.Simulation;

namespace Edge.Telemetry.IntegrationTests;

/// <summary>
/// A consumer that subscribes after a module was isolated (a dashboard opened later, Home Assistant restarted) learns
/// at once which module is held and why, from the retained edge/&lt;id&gt;/telemetry/modules message: the streams that
/// reported the hold are not retained.
/// </summary>
public sealed class RetainedModuleStateTests
{
    [Fact]
    public void SubscriberArrivingAfterAHoldReceivesTheHeldStateAndItsCause()
    {
        using MosquittoBroker broker = MosquittoBroker.StartNew();
        using Subscriber live = new Subscriber(broker);
        // The soft short injected into module 1 at 10 s is confirmed and isolates the module (act mode).
        var scenario = SimulatedDevice.Load("soft-short.json", s => s.TimeLimitS = 40);
        MqttBridgeOptions options = new MqttBridgeOptions { Port = broker.Port, DeviceId = "late-1", BootId = "b1" };
        SimulatedDevice device = new SimulatedDevice(scenario, options, realtimeFactor: 40, cellVoltagePeriodMs: 1000);
        SimulationResult result = device.Finish(TimeSpan.FromSeconds(120));
        Assert.Equal("timeLimit", result.TerminatedBy);
        live.Log.WaitFor("edge/late-1/status", j => j.GetProperty("status").GetString() == "offline");

        // What the live subscriber was told on the streams: module 1 went to hold for a soft short, with a fault event.
        Assert.Contains(live.Log.On("edge/late-1/telemetry/state"), s => s.GetProperty("type").GetString() == "stateChanged"
            && s.GetProperty("module").GetInt32() == 1 && s.GetProperty("state").GetString() == "hold" && s.GetProperty("stopReason").GetString() == "softShort");
        JsonElement fault = live.Log.On("edge/late-1/event").First(e => e.GetProperty("severity").GetString() == "fault"
            && e.GetProperty("module").ValueKind == JsonValueKind.Number && e.GetProperty("module").GetInt32() == 1);
        string cause = fault.GetProperty("diagnosis").GetString()!;
        Assert.StartsWith("softShort", cause, StringComparison.Ordinal);

        // The device is gone; a subscriber arriving now gets the retained telemetry/modules message, and nothing else tells it.
        using Subscriber late = new Subscriber(broker, topicFilters: new[] { "edge/late-1/#", "homeassistant/sensor/late-1/#" });
        JsonElement modules = late.Log.WaitFor("edge/late-1/telemetry/modules", _ => true);
        Assert.Contains(late.Log.All(), m => m.Topic == "edge/late-1/telemetry/modules" && m.Retain);
        Assert.Equal(1, modules.GetProperty("v").GetInt32());
        Assert.Equal("b1", modules.GetProperty("bootId").GetString());

        // Module 1: held, for a soft short, latched by the diagnosis of its fault event. Module 0 ran on: not held, no cause.
        Assert.Equal(2, modules.GetProperty("state").GetArrayLength());
        Assert.Equal("hold", modules.GetProperty("state")[1].GetString());
        Assert.Equal("softShort", modules.GetProperty("stopReason")[1].GetString());
        Assert.Equal(cause, modules.GetProperty("diagnosis")[1].GetString());
        Assert.NotEqual("hold", modules.GetProperty("state")[0].GetString());
        Assert.Equal(JsonValueKind.Null, modules.GetProperty("diagnosis")[0].ValueKind);

        // And the cell: the soft short was injected into module 1's first cell, pack cell 1 x 2 + 0 = 2, the cell its fault
        // event named; module 0 has no latch, so no cell (-1).
        Assert.Equal(2, fault.GetProperty("cell").GetInt32());
        Assert.Equal(2, modules.GetProperty("cell").GetArrayLength());
        Assert.Equal(2, modules.GetProperty("cell")[1].GetInt32());
        Assert.Equal(-1, modules.GetProperty("cell")[0].GetInt32());

        // Home Assistant, started after the hold, reads the same from its retained discovery: module 1's stop reason
        // entity renders "softShort" from this message (None, unknown, only for an empty one: a boot without a control loop
        // clears it), with the state and the latching diagnosis as attributes.
        JsonElement entity = late.Log.WaitFor("homeassistant/sensor/late-1/module1_stop_reason/config", _ => true);
        Assert.Equal("edge/late-1/telemetry/modules", entity.GetProperty("state_topic").GetString());
        Assert.Equal("edge/late-1/telemetry/modules", entity.GetProperty("json_attributes_topic").GetString());
        Assert.Equal("softShort", ArrayEntry(entity.GetProperty("value_template").GetString()!, @"^\{\{ 'None' if value_json is not defined else value_json\.(\w+)\[(\d+)\] \}\}$", modules).GetString());
        // Its state entity: the run state, from the same message ('running' for a pulse or a rest).
        JsonElement stateEntity = late.Log.WaitFor("homeassistant/sensor/late-1/module1_state/config", _ => true);
        Assert.Equal("edge/late-1/telemetry/modules", stateEntity.GetProperty("state_topic").GetString());
        System.Text.RegularExpressions.Match runState = System.Text.RegularExpressions.Regex.Match(
            stateEntity.GetProperty("value_template").GetString()!,
            @"^\{\{ 'None' if value_json is not defined else \('running' if value_json\.state\[(\d+)\] in \('pulse', 'rest'\) else value_json\.state\[\1\]\) \}\}$");
        Assert.True(runState.Success, stateEntity.GetProperty("value_template").GetString());
        string shown = modules.GetProperty("state")[int.Parse(runState.Groups[1].Value)].GetString()!;
        Assert.Equal("hold", shown is "pulse" or "rest" ? "running" : shown);
        string attributes = entity.GetProperty("json_attributes_template").GetString()!;
        Assert.Equal("hold", ArrayEntry(attributes, @"'state': value_json\.(\w+)\[(\d+)\]", modules).GetString());
        Assert.Equal(cause, ArrayEntry(attributes, @"'diagnosis': value_json\.(\w+)\[(\d+)\]", modules).GetString());

        // Its attribute cell counts the cell in the module, as the entity "Module 1 cell 0 voltage" does: the message's
        // pack-wide 2 less the module's first cell, 2.
        System.Text.RegularExpressions.Match cell = System.Text.RegularExpressions.Regex.Match(attributes,
            @"'cell': none if value_json\.cell is not defined or value_json\.cell\[(\d+)\] < 0 else value_json\.cell\[\1\] - (\d+),");
        Assert.True(cell.Success, attributes);
        Assert.Equal(0, modules.GetProperty("cell")[int.Parse(cell.Groups[1].Value)].GetInt32() - int.Parse(cell.Groups[2].Value));
    }

    /// <summary>
    /// What a Home Assistant template of the form value_json.FIELD[INDEX] (matched by <paramref name="pattern"/>: field,
    /// index) reads from <paramref name="message"/>; a template of another form fails the test.
    /// </summary>
    private static JsonElement ArrayEntry(string template, string pattern, JsonElement message)
    {
        System.Text.RegularExpressions.Match read = System.Text.RegularExpressions.Regex.Match(template, pattern);
        Assert.True(read.Success, template);
        return message.GetProperty(read.Groups[1].Value)[int.Parse(read.Groups[2].Value)];
    }
}
