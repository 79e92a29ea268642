using System.Text.Json;
using Edge.HostSim.Dashboard;
using Edge.HostSim.Mqtt.Broker;
using Microsoft.Playwright;

namespace Edge.Telemetry.IntegrationTests;

/// <summary>
/// A cells message whose interval had no valid module current reading says so in <c>moduleCurrentInvalid</c>, and its
/// <c>moduleCurrentUa</c> repeats an older reading (CONTRACT.md, telemetry/cells): the page keeps no value for that current,
/// not the number the message carries, and takes a message without the field (a device before it) as a reading. The field
/// is a boolean where present, on both topics that carry it; anything else is rejected by name.
/// </summary>
public sealed class DashboardInvalidCurrentTests : IClassFixture<BrowserFixture>
{
    private readonly BrowserFixture _browser;

    public DashboardInvalidCurrentTests(BrowserFixture browser)
    {
        _browser = browser;
    }

    [Fact]
    public async Task ACurrentMarkedInvalidIsKeptAsNoValueAndAMalformedMarkerIsRejectedByName()
    {
        using MosquittoBroker broker = MosquittoBroker.StartNew(new MosquittoBrokerOptions { EnableWebSockets = true });
        using DashboardServer server = new DashboardServer(_browser.DashboardRoot);
        IPage page = await DashboardPage.OpenAsync(_browser, server.PageUrl(broker.WebSocketPort, "cur-1"));
        DashboardMqttTools.Publish(broker.Port, "edge/cur-1/status", DashboardMessages.Online, retain: true);
        DashboardMqttTools.Publish(broker.Port, "edge/cur-1/config", DashboardMessages.Config(2, 2), retain: true);

        // Module 1 reads 385 uA, valid; then a message of an interval without a valid reading, whose 385 uA is the older
        // reading repeated (a device before the field sent the rail, -3000 uA, as if measured).
        DashboardMqttTools.Publish(broker.Port, "edge/cur-1/telemetry/cells", Cells(1, 1000, 385, "false"));
        JsonElement snapshot = await DashboardPage.WaitForAsync(page, s => s.GetProperty("cellRows").GetInt32() == 1);
        Assert.Equal(385, snapshot.GetProperty("modules")[1].GetProperty("moduleCurrentUa").GetInt32());
        Assert.False(snapshot.GetProperty("modules")[1].GetProperty("moduleCurrentInvalid").GetBoolean());

        DashboardMqttTools.Publish(broker.Port, "edge/cur-1/telemetry/cells", Cells(2, 2000, 385, "true"));
        snapshot = await DashboardPage.WaitForAsync(page, s => s.GetProperty("cellRows").GetInt32() == 2);
        JsonElement module1 = snapshot.GetProperty("modules")[1];
        Assert.True(module1.GetProperty("moduleCurrentInvalid").GetBoolean());
        Assert.Equal(JsonValueKind.Null, module1.GetProperty("moduleCurrentUa").ValueKind);
        Assert.Equal(0, snapshot.GetProperty("rejected").GetInt32());

        // A marker that is no boolean cannot come from the device: rejected, naming the field, on either topic.
        DashboardMqttTools.Publish(broker.Port, "edge/cur-1/telemetry/cells", Cells(3, 3000, 0, "1"));
        snapshot = await DashboardPage.WaitForAsync(page, s => s.GetProperty("rejected").GetInt32() == 1);
        Assert.Contains(snapshot.GetProperty("rejectedReasons").EnumerateArray(), r => r.GetString()!.Contains("moduleCurrentInvalid: not a boolean", StringComparison.Ordinal));
        string pulse = DashboardMessages.Pulse(1, 2500, 1, 1, 385, 5000).Replace("\"moduleCurrentUa\":0,", "\"moduleCurrentUa\":0,\"moduleCurrentInvalid\":\"yes\",", StringComparison.Ordinal);
        DashboardMqttTools.Publish(broker.Port, "edge/cur-1/telemetry/pulse", pulse);
        snapshot = await DashboardPage.WaitForAsync(page, s => s.GetProperty("rejected").GetInt32() == 2);
        Assert.Equal(JsonValueKind.Null, snapshot.GetProperty("modules")[1].GetProperty("pulseCurrentUa").ValueKind);

        // A message without the field, as a device before it sends: a reading, as it always was.
        // The rejected message's seq is taken by the next, as the device numbers only what it sends.
        DashboardMqttTools.Publish(broker.Port, "edge/cur-1/telemetry/cells", DashboardMessages.Cells(3, 4000, 1, "rest", 2101, 2102));
        snapshot = await DashboardPage.WaitForAsync(page, s => s.GetProperty("lastTMs").GetInt64() == 4000);
        module1 = snapshot.GetProperty("modules")[1];
        Assert.False(module1.GetProperty("moduleCurrentInvalid").GetBoolean());
        Assert.Equal(0, module1.GetProperty("moduleCurrentUa").GetInt32());
        Assert.Equal(2, snapshot.GetProperty("rejected").GetInt32());
        Assert.Empty(snapshot.GetProperty("gaps").EnumerateArray());
        await page.CloseAsync();
    }

    /// <summary>Module 1's cells message (two cells at 2101 and 2102 mV, all valid) with the current and its marker given.</summary>
    private static string Cells(long seq, long tMs, int currentUa, string currentInvalid) =>
        $$"""{"v":1,"bootId":"b1","seq":{{seq}},"tMs":{{tMs}},"module":1,"state":"rest","moduleCurrentUa":{{currentUa}},"moduleCurrentInvalid":{{currentInvalid}},"cellVoltageMv":[2101,2102],"cellMinMv":[2101,2102],"cellMaxMv":[2101,2102],"invalid":[]}""";
}
