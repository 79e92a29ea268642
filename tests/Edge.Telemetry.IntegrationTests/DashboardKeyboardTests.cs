using System.Text.Json;
using Edge.HostSim.Dashboard;
using Edge.HostSim.Mqtt.Broker;
using Microsoft.Playwright;

namespace Edge.Telemetry.IntegrationTests;

/// <summary>The module cards work from the keyboard alone: Tab reaches them, Enter and Space chart a module as a click does.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DashboardKeyboardTests
{
    private readonly BrowserFixture _browser;

    public DashboardKeyboardTests(BrowserFixture browser)
    {
        _browser = browser;
    }

    [Fact]
    public async Task ModuleCardsAreReachedWithTabAndChartedWithEnterOrSpace()
    {
        using MosquittoBroker broker = MosquittoBroker.StartNew(new MosquittoBrokerOptions { EnableWebSockets = true });
        using DashboardServer server = new DashboardServer(_browser.DashboardRoot);
        IPage page = await DashboardPage.OpenAsync(_browser, server.PageUrl(broker.WebSocketPort, "keys-1"));
        DashboardMqttTools.Publish(broker.Port, "edge/keys-1/status", DashboardMessages.Online, retain: true);
        DashboardMqttTools.Publish(broker.Port, "edge/keys-1/config", DashboardMessages.Config(3, 2), retain: true);
        DashboardMqttTools.Publish(broker.Port, "edge/keys-1/telemetry/cells", Enumerable.Range(0, 3).Select(m => DashboardMessages.Cells(m + 1, 1000, m, "pulse", 150, 151)));
        await DashboardPage.WaitForAsync(page, s => s.GetProperty("cellRows").GetInt32() == 1 && s.GetProperty("focusModule").GetInt32() == 0);
        await page.WaitForSelectorAsync(".module >> nth=2");

        // Tab from the top of the page until the keyboard is on module 1's card.
        await page.EvaluateAsync("() => document.activeElement && document.activeElement.blur()");
        await TabToAsync(page, "Module 1: chart it");
        await page.Keyboard.PressAsync("Enter");
        await DashboardPage.WaitForAsync(page, s => s.GetProperty("focusModule").GetInt32() == 1, seconds: 20);
        Assert.Equal("true", await page.Locator(".module >> nth=1").GetAttributeAsync("aria-pressed"));

        // The next Tab is module 2's card; Space charts it, and does not scroll the page.
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Module 2: chart it", await ActiveLabelAsync(page));
        double scrollBefore = await page.EvaluateAsync<double>("() => window.scrollY");
        await page.Keyboard.PressAsync(" ");
        await DashboardPage.WaitForAsync(page, s => s.GetProperty("focusModule").GetInt32() == 2, seconds: 20);
        Assert.Equal(scrollBefore, await page.EvaluateAsync<double>("() => window.scrollY"));
        Assert.Equal("false", await page.Locator(".module >> nth=1").GetAttributeAsync("aria-pressed"));

        // The card the keyboard is on shows it: a solid 3 px ring, which an unfocused card does not have.
        string focused = await page.EvaluateAsync<string>("() => { const s = getComputedStyle(document.activeElement); return s.outlineStyle + ' ' + s.outlineWidth; }");
        Assert.Equal("solid 3px", focused);
        string other = await page.EvaluateAsync<string>("() => getComputedStyle(document.querySelectorAll('.module')[0]).outlineStyle");
        Assert.Equal("none", other);
        await page.CloseAsync();
    }

    private static Task<string> ActiveLabelAsync(IPage page) =>
        page.EvaluateAsync<string>("() => document.activeElement ? (document.activeElement.getAttribute('aria-label') || '') : ''");

    /// <summary>Presses Tab until the element with the given accessible name has the focus (at most 60 times).</summary>
    private static async Task TabToAsync(IPage page, string label)
    {
        for (int i = 0; i < 60; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await ActiveLabelAsync(page) == label)
            {
                return;
            }
        }

        throw new Xunit.Sdk.XunitException($"60 presses of Tab never reached \"{label}\"");
    }
}
