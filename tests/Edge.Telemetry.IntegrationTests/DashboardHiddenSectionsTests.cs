using System.Text.Json;
using Edge.HostSim.Dashboard;
using Edge.HostSim.Mqtt.Broker;
using Microsoft.Playwright;

namespace Edge.Telemetry.IntegrationTests;

/// <summary>
/// Sections the page hides are gone from the screen, whatever layout their style gives them: no empty health box before
/// a health message, and no module cards left standing (no longer updated) while the compact view replaces them.
/// </summary>
public sealed class DashboardHiddenSectionsTests : IClassFixture<BrowserFixture>
{
    private readonly BrowserFixture _browser;

    public DashboardHiddenSectionsTests(BrowserFixture browser)
    {
        _browser = browser;
    }

    [Fact]
    public async Task HiddenSectionsAreNotShown()
    {
        using MosquittoBroker broker = MosquittoBroker.StartNew(new MosquittoBrokerOptions { EnableWebSockets = true });
        using DashboardServer server = new DashboardServer(_browser.DashboardRoot);
        DashboardMqttTools.Publish(broker.Port, "edge/hide-1/status", DashboardMessages.Online, retain: true);
        DashboardMqttTools.Publish(broker.Port, "edge/hide-1/config", DashboardMessages.Config(2, 2), retain: true);
        IPage page = await DashboardPage.OpenAsync(_browser, server.PageUrl(broker.WebSocketPort, "hide-1"));
        DashboardMqttTools.Publish(broker.Port, "edge/hide-1/telemetry/cells", DashboardMessages.Cells(1, 1000, 0, "pulse", 100, 101));
        await DashboardPage.WaitForAsync(page, s => s.GetProperty("hasConfig").GetBoolean() && s.GetProperty("cellRows").GetInt32() == 1);

        // No health message has arrived: the page marks its bar hidden, and nothing of it is on the screen.
        Assert.Equal(JsonValueKind.Null, (await DashboardPage.SnapshotAsync(page)).GetProperty("health").ValueKind);
        Assert.True(await page.Locator("#health-bar").IsHiddenAsync());

        // Two modules: cards. The compact view replaces them; the cards, no longer updated, must not stay in view.
        Assert.True(await page.Locator("#modules").IsVisibleAsync());
        await page.ClickAsync("#compact-toggle");
        await page.WaitForSelectorAsync("#state-strip:visible");
        DashboardMqttTools.Publish(broker.Port, "edge/hide-1/telemetry/cells", DashboardMessages.Cells(2, 2000, 0, "rest", 100, 101));
        await DashboardPage.WaitForAsync(page, s => s.GetProperty("modules")[0].GetProperty("state").GetString() == "rest");
        Assert.True(await page.Locator("#modules").IsHiddenAsync());
        Assert.True(await page.Locator("#module-table-card").IsVisibleAsync());
        await page.CloseAsync();
    }

    [Fact]
    public async Task TheCompactChoiceIsKeptPerDevice()
    {
        // A 16-module pack opens compact by itself, a 2-module bench cell with cards. The operator switches the pack to
        // cards; the bench cell must still show its cards, and the pack its cards when the operator comes back to it.
        // A third device has sent its status but no config.
        using MosquittoBroker broker = MosquittoBroker.StartNew(new MosquittoBrokerOptions { EnableWebSockets = true });
        using DashboardServer server = new DashboardServer(_browser.DashboardRoot);
        DashboardMqttTools.Publish(broker.Port, "edge/big-1/status", DashboardMessages.Online, retain: true);
        DashboardMqttTools.Publish(broker.Port, "edge/big-1/config", DashboardMessages.Config(16, 2), retain: true);
        DashboardMqttTools.Publish(broker.Port, "edge/bench-1/status", DashboardMessages.Online, retain: true);
        DashboardMqttTools.Publish(broker.Port, "edge/bench-1/config", DashboardMessages.Config(2, 2), retain: true);
        DashboardMqttTools.Publish(broker.Port, "edge/bare-1/status", DashboardMessages.Online, retain: true);
        IPage page = await DashboardPage.OpenAsync(_browser, server.PageUrl(broker.WebSocketPort, null));
        await DashboardPage.WaitForAsync(page, s => s.GetProperty("devices").GetInt32() == 3, seconds: 30);

        // A device without a config has no modules to show either way: no button that would switch nothing.
        await page.Locator("nav .device[data-device=bare-1]").ClickAsync();
        await DashboardPage.WaitForAsync(page, s => s.GetProperty("device").GetString() == "bare-1", seconds: 30);
        Assert.True(await page.Locator("#compact-toggle").IsHiddenAsync());

        await page.Locator("nav .device[data-device=big-1]").ClickAsync();
        await DashboardPage.WaitForAsync(page, s => s.GetProperty("device").GetString() == "big-1" && s.GetProperty("hasConfig").GetBoolean(), seconds: 30);
        await page.WaitForSelectorAsync("#state-strip:visible");
        await page.ClickAsync("#compact-toggle");
        await page.WaitForSelectorAsync("#compact", new PageWaitForSelectorOptions { State = WaitForSelectorState.Hidden });

        // The bench cell: cards, as its size gives, the button offering the compact view.
        await page.Locator("nav .device[data-device=bench-1]").ClickAsync();
        await DashboardPage.WaitForAsync(page, s => s.GetProperty("device").GetString() == "bench-1" && s.GetProperty("hasConfig").GetBoolean(), seconds: 30);
        Assert.True(await page.Locator("#compact").IsHiddenAsync());
        Assert.Equal("compact view", await page.Locator("#compact-toggle").InnerTextAsync());

        // Compact for the bench cell, then back to the pack: still cards there, compact again on the bench cell.
        await page.ClickAsync("#compact-toggle");
        await page.WaitForSelectorAsync("#state-strip:visible");
        await page.Locator("nav .device[data-device=big-1]").ClickAsync();
        await DashboardPage.WaitForAsync(page, s => s.GetProperty("device").GetString() == "big-1", seconds: 30);
        await page.WaitForSelectorAsync("#compact", new PageWaitForSelectorOptions { State = WaitForSelectorState.Hidden });
        Assert.Equal("compact view", await page.Locator("#compact-toggle").InnerTextAsync());
        await page.Locator("nav .device[data-device=bench-1]").ClickAsync();
        await DashboardPage.WaitForAsync(page, s => s.GetProperty("device").GetString() == "bench-1", seconds: 30);
        await page.WaitForSelectorAsync("#state-strip:visible");
        await page.CloseAsync();
    }
}
