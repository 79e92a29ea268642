using System.Text.Json;
using Edge.HostSim.Dashboard;
using Edge.HostSim.Mqtt.Broker;
using Microsoft.Playwright;

namespace Edge.Telemetry.IntegrationTests;

/// <summary>
/// Which boot the device runs is what its retained status says (CONTRACT.md "status": published on every connection,
/// with the boot id that tells a reboot from a network drop). A stream message or a Last Will of another boot is no
/// restart: the live view goes on with the boot the status names.
/// </summary>
public sealed class DashboardBootTests : IClassFixture<BrowserFixture>
{
    private readonly BrowserFixture _browser;

    public DashboardBootTests(BrowserFixture browser)
    {
        _browser = browser;
    }

    [Fact]
    public async Task AMessageOfABootTheStatusDoesNotNameIsRejectedAndTheLiveViewGoesOn()
    {
        using MosquittoBroker broker = MosquittoBroker.StartNew(new MosquittoBrokerOptions { EnableWebSockets = true });
        using DashboardServer server = new DashboardServer(_browser.DashboardRoot);
        IPage page = await DashboardPage.OpenAsync(_browser, server.PageUrl(broker.WebSocketPort, "forged-1"));
        DashboardMqttTools.Publish(broker.Port, "edge/forged-1/status", DashboardMessages.Online, retain: true);
        DashboardMqttTools.Publish(broker.Port, "edge/forged-1/config", DashboardMessages.Config(1, 2), retain: true);
        DashboardMqttTools.Publish(broker.Port, "edge/forged-1/telemetry/cells", new[] { 1, 2, 3 }.Select(i => DashboardMessages.Cells("b1", i, i * 1000L, 0, "pulse", 150, 151)));
        await DashboardPage.WaitForAsync(page, s => s.GetProperty("lastTMs").ValueKind == JsonValueKind.Number && s.GetProperty("lastTMs").GetInt64() == 3000);

        // One event of a boot the device never announced (forged, or a stray copy of a boot long gone) ...
        DashboardMqttTools.Publish(broker.Port, "edge/forged-1/event", DashboardMessages.Event("zz9", 1, 500, "hardShort", "fault", 0, 1, "3", "hardShort"));
        await DashboardPage.WaitForAsync(page, s => s.GetProperty("rejected").GetInt32() == 1);

        // ... and the device's own boot b1 goes on: its next cells message is applied on its clock.
        DashboardMqttTools.Publish(broker.Port, "edge/forged-1/telemetry/cells", DashboardMessages.Cells("b1", 4, 4000, 0, "rest", 140, 141));
        JsonElement snapshot = await DashboardPage.WaitForAsync(page, s => s.GetProperty("lastTMs").ValueKind == JsonValueKind.Number && s.GetProperty("lastTMs").GetInt64() == 4000);

        Assert.Equal(4, snapshot.GetProperty("cellRows").GetInt32());
        Assert.Equal("rest", snapshot.GetProperty("modules")[0].GetProperty("state").GetString());
        Assert.Empty(snapshot.GetProperty("events").EnumerateArray());
        Assert.DoesNotContain("restart", snapshot.GetProperty("marks").EnumerateArray().Select(m => m.GetString()));
        string reason = Assert.Single(snapshot.GetProperty("rejectedReasons").EnumerateArray()).GetString()!;
        Assert.Contains("boot zz9", reason, StringComparison.Ordinal);
        Assert.Contains("b1", reason, StringComparison.Ordinal);
        Assert.Contains("not taken as a restart", reason, StringComparison.Ordinal);
        await page.CloseAsync();
    }

    [Fact]
    public async Task TheLastWillOfAnEarlierBootDoesNotMarkTheRunningBootOffline()
    {
        using MosquittoBroker broker = MosquittoBroker.StartNew(new MosquittoBrokerOptions { EnableWebSockets = true });
        using DashboardServer server = new DashboardServer(_browser.DashboardRoot);
        IPage page = await DashboardPage.OpenAsync(_browser, server.PageUrl(broker.WebSocketPort, "will-1"));
        DashboardMqttTools.Publish(broker.Port, "edge/will-1/status", DashboardMessages.Online, retain: true);
        DashboardMqttTools.Publish(broker.Port, "edge/will-1/config", DashboardMessages.Config(1, 2), retain: true);
        DashboardMqttTools.Publish(broker.Port, "edge/will-1/telemetry/cells", DashboardMessages.Cells("b1", 1, 1000, 0, "pulse", 150, 151));
        await DashboardPage.WaitForAsync(page, s => s.GetProperty("lastTMs").ValueKind == JsonValueKind.Number && s.GetProperty("lastTMs").GetInt64() == 1000);

        // The device restarts: boot b2 announces itself and runs.
        DashboardMqttTools.Publish(broker.Port, "edge/will-1/status", DashboardMessages.Status("online", "b2"), retain: true);
        DashboardMqttTools.Publish(broker.Port, "edge/will-1/telemetry/cells", DashboardMessages.Cells("b2", 1, 500, 0, "rest", 140, 141));
        await DashboardPage.WaitForAsync(page, s => s.GetProperty("lastTMs").ValueKind == JsonValueKind.Number && s.GetProperty("lastTMs").GetInt64() == 500);

        // Then b1's Last Will reaches the page (the broker noticed b1's connection gone only now): b1 is offline, b2 runs.
        DashboardMqttTools.Publish(broker.Port, "edge/will-1/status", DashboardMessages.Status("offline", "b1"));
        JsonElement snapshot = await DashboardPage.WaitForAsync(page, s => s.GetProperty("rejected").GetInt32() == 1);
        Assert.Equal("online", snapshot.GetProperty("status").GetString());
        Assert.Contains("b1", Assert.Single(snapshot.GetProperty("rejectedReasons").EnumerateArray()).GetString()!, StringComparison.Ordinal);
        await page.WaitForSelectorAsync("nav .device[data-device=will-1][data-status=online]");
        Assert.Contains("online · boot b2", await page.Locator("nav .device[data-device=will-1]").InnerTextAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("firmware", await page.Locator("nav .device[data-device=will-1]").InnerTextAsync(), StringComparison.Ordinal);

        // b2's own Last Will does mark it offline.
        DashboardMqttTools.Publish(broker.Port, "edge/will-1/status", DashboardMessages.Status("offline", "b2"), retain: true);
        await DashboardPage.WaitForAsync(page, s => s.GetProperty("status").GetString() == "offline");
        await page.CloseAsync();
    }

    /// <summary>
    /// The device's chip says which firmware it runs, from its status's "fw" (CONTRACT.md "status"); a new boot's
    /// status names its own, and a status whose "fw" is not major.minor.patch is rejected, naming the field, and
    /// changes nothing.
    /// </summary>
    [Fact]
    public async Task TheChipShowsTheFirmwareTheStatusNames()
    {
        using MosquittoBroker broker = MosquittoBroker.StartNew(new MosquittoBrokerOptions { EnableWebSockets = true });
        using DashboardServer server = new DashboardServer(_browser.DashboardRoot);
        IPage page = await DashboardPage.OpenAsync(_browser, server.PageUrl(broker.WebSocketPort, "fw-1"));
        DashboardMqttTools.Publish(broker.Port, "edge/fw-1/status", """{"v":1,"fw":"0.5.0","status":"online","bootId":"b1"}""", retain: true);
        JsonElement first = await DashboardPage.WaitForAsync(page, s => s.GetProperty("firmware").ValueKind == JsonValueKind.String);
        Assert.Equal("0.5.0", first.GetProperty("firmware").GetString());
        await page.WaitForSelectorAsync("nav .device[data-device=fw-1][data-status=online]");
        Assert.Contains("online · boot b1 · firmware 0.5.0", await page.Locator("nav .device[data-device=fw-1]").InnerTextAsync(), StringComparison.Ordinal);

        // Updated in place: the unit restarts on a newer firmware.
        DashboardMqttTools.Publish(broker.Port, "edge/fw-1/status", """{"v":1,"fw":"0.6.1","status":"online","bootId":"b2"}""", retain: true);
        await DashboardPage.WaitForAsync(page, s => s.GetProperty("firmware").GetString() == "0.6.1");

        DashboardMqttTools.Publish(broker.Port, "edge/fw-1/status", """{"v":1,"fw":7,"status":"offline","bootId":"b2"}""", retain: true);
        JsonElement rejected = await DashboardPage.WaitForAsync(page, s => s.GetProperty("rejected").GetInt32() == 1);
        Assert.Contains("fw: not a firmware version", Assert.Single(rejected.GetProperty("rejectedReasons").EnumerateArray()).GetString()!, StringComparison.Ordinal);
        Assert.Equal("0.6.1", rejected.GetProperty("firmware").GetString());
        Assert.Equal("online", rejected.GetProperty("status").GetString());
        await page.CloseAsync();
    }
}
