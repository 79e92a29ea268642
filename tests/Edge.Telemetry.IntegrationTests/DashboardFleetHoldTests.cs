using System.Text.Json;
using Edge.HostSim.Dashboard;
using Edge.HostSim.Mqtt.Broker;
using Microsoft.Playwright;

namespace Edge.Telemetry.IntegrationTests;

/// <summary>
/// A page watching several packs marks the device whose module is held on that device's chip, whichever device is
/// shown: the operator sees which pack needs a look without opening each. The mark goes when the module is released.
/// </summary>
public sealed class DashboardFleetHoldTests : IClassFixture<BrowserFixture>
{
    private const string Held = """{"v":1,"bootId":"b1","state":["rest","hold"],"stopReason":["none","softShort"],"diagnosis":[null,"softShortConfirmed"],"totalChargeUc":[6545,2310]}""";
    private const string Released = """{"v":1,"bootId":"b1","state":["rest","idle"],"stopReason":["none","none"],"diagnosis":[null,null],"totalChargeUc":[6545,2310]}""";
    private const string Running = """{"v":1,"bootId":"b1","state":["rest","pulse"],"stopReason":["none","none"],"diagnosis":[null,null],"totalChargeUc":[6545,2310]}""";

    private readonly BrowserFixture _browser;

    public DashboardFleetHoldTests(BrowserFixture browser)
    {
        _browser = browser;
    }

    [Fact]
    public async Task AHeldModuleMarksItsDevicesChipWhileAnotherDeviceIsShown()
    {
        using MosquittoBroker broker = MosquittoBroker.StartNew(new MosquittoBrokerOptions { EnableWebSockets = true });
        using DashboardServer server = new DashboardServer(_browser.DashboardRoot);
        foreach (string id in new[] { "pack-a", "pack-b" })
        {
            DashboardMqttTools.Publish(broker.Port, $"edge/{id}/status", DashboardMessages.Online, retain: true);
            DashboardMqttTools.Publish(broker.Port, $"edge/{id}/config", DashboardMessages.Config(2, 1), retain: true);
        }

        DashboardMqttTools.Publish(broker.Port, "edge/pack-a/telemetry/modules", Running, retain: true);
        DashboardMqttTools.Publish(broker.Port, "edge/pack-b/telemetry/modules", Held, retain: true);

        // Every device (no device named in the address); the first to arrive is shown.
        IPage page = await DashboardPage.OpenAsync(_browser, server.PageUrl(broker.WebSocketPort, null));
        await DashboardPage.WaitForAsync(page, s => s.GetProperty("devices").GetInt32() == 2, seconds: 20);
        ILocator chipA = page.Locator("#devices button[data-device=pack-a]");
        ILocator chipB = page.Locator("#devices button[data-device=pack-b]");
        await chipA.ClickAsync();
        await DashboardPage.WaitForAsync(page, s => s.GetProperty("device").GetString() == "pack-a", seconds: 20);
        await page.Locator("#devices button[data-device=pack-b][data-held]").WaitForAsync(new LocatorWaitForOptions { Timeout = 20_000 });

        Assert.Equal("1", await chipB.GetAttributeAsync("data-held"));
        Assert.Contains("module 1 held", await chipB.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Null(await chipA.GetAttributeAsync("data-held"));

        // Released by a fault reset, as a device reports it: the state change on the stream, then the retained states.
        DashboardMqttTools.Publish(broker.Port, "edge/pack-b/telemetry/state", DashboardMessages.StateChanged(1, 5000, 1, "idle"));
        DashboardMqttTools.Publish(broker.Port, "edge/pack-b/telemetry/modules", Released, retain: true);
        await page.Locator("#devices button[data-device=pack-b]:not([data-held])").WaitForAsync(new LocatorWaitForOptions { Timeout = 20_000 });
        Assert.DoesNotContain("held", await chipB.InnerTextAsync(), StringComparison.Ordinal);
        await page.CloseAsync();
    }
}
