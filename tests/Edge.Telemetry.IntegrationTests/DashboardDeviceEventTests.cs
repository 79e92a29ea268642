using System.Text.Json;

namespace Edge.Telemetry.IntegrationTests;

/// <summary>
/// The firmware's own events (<c>edge/&lt;id&gt;/device-event</c>, firmware/README.md "MQTT": <c>{"v":1,"bootId","code","message"}</c>)
/// behind the README's Mosquitto ACL (<see cref="DashboardAclBroker"/>), published with the device's account as the
/// firmware would.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DashboardDeviceEventTests
{
    private readonly BrowserFixture _browser;

    public DashboardDeviceEventTests(BrowserFixture browser)
    {
        _browser = browser;
    }

    private static string DeviceEvent(string bootId, string code, string message) =>
        JsonSerializer.Serialize(new Dictionary<string, object> { ["v"] = 1, ["bootId"] = bootId, ["code"] = code, ["message"] = message });

    private static void AsDevice(DashboardAclBroker broker, string topic, string payload, bool retain = false) =>
        DashboardMqttTools.Publish(broker.Port, topic, new[] { payload }, retain, DashboardAclBroker.DeviceUser, DashboardAclBroker.DevicePassword);

    [Fact]
    public void ExampleAclLetsTheDevicePublishItsDeviceEvents()
    {
        using DashboardAclBroker broker = new DashboardAclBroker();
        using DashboardSubscription watching = new DashboardSubscription(broker.Port, "edge/+/device-event", DashboardAclBroker.ViewerUser, DashboardAclBroker.ViewerPassword);

        string watchdog = DeviceEvent("0a1b2c3d", "watchdog", "no tick for 500 ms: switches latched open");
        AsDevice(broker, "edge/pack-7/device-event", watchdog);

        // The device's account may publish it and a reader receives it, byte for byte.
        string line = watching.WaitFor(l => l.StartsWith("edge/pack-7/device-event ", StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        Assert.Equal("edge/pack-7/device-event " + watchdog, line);
    }
}
