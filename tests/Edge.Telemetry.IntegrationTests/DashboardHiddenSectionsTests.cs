using System.Text.Json;
using Edge.HostSim.Dashboard;
using Edge.HostSim.Mqtt.Broker;
using Microsoft.Playwright;

namespace Edge.Telemetry.IntegrationTests;

/// <summary>
/// Sections the page hides are gone from the screen, whatever layout their style gives them: no empty health box before
/// a health message, and no module cards left standing (no longer updated) while the compact view replaces them.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DashboardHiddenSectionsTests
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
}
