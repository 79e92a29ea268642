using System.Text.Json;
using Edge.HostSim.Dashboard;
using Edge.HostSim.Mqtt.Broker;
using Microsoft.Playwright;

namespace Edge.Telemetry.IntegrationTests;

/// <summary>
/// The module cards and the compact view's table rows work from the keyboard alone: Tab reaches them, Enter and Space
/// chart a module as a click does, and a row keeps the focus while the table refreshes.
/// </summary>
public sealed class DashboardKeyboardTests : IClassFixture<BrowserFixture>
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

    [Fact]
    public async Task CompactRowsAreReachedWithTabChartedWithEnterAndKeepTheFocusAcrossRefreshes()
    {
        using MosquittoBroker broker = MosquittoBroker.StartNew(new MosquittoBrokerOptions { EnableWebSockets = true });
        using DashboardServer server = new DashboardServer(_browser.DashboardRoot);
        IPage page = await DashboardPage.OpenAsync(_browser, server.PageUrl(broker.WebSocketPort, "keys-2"));
        // 12 modules of 2 cells: the compact view opens by itself (from 9 modules), and 24 cell lines are more than the
        // charts' 16, so the charts show the focused module alone and the selection note names it. A cell period of 60 s
        // keeps the pack from going stale (three periods without data) while the test runs on a busy machine.
        DashboardMqttTools.Publish(broker.Port, "edge/keys-2/status", DashboardMessages.Online, retain: true);
        DashboardMqttTools.Publish(broker.Port, "edge/keys-2/config", DashboardMessages.Config(12, 2, cellVoltagePeriodMs: 60_000), retain: true);
        DashboardMqttTools.Publish(broker.Port, "edge/keys-2/telemetry/cells", Enumerable.Range(0, 12).Select(m => DashboardMessages.Cells(m + 1, 1000, m, "pulse", 150, 151)));
        await DashboardPage.WaitForAsync(page, s => s.GetProperty("cellRows").GetInt32() == 1 && s.GetProperty("focusModule").GetInt32() == 0);
        await page.WaitForSelectorAsync("#module-table tbody tr >> nth=11");
        Assert.True(await page.Locator("#modules").IsHiddenAsync());

        // A click on a row charts its module: the note names module 3.
        await page.ClickAsync("#module-table tbody tr >> nth=3");
        await DashboardPage.WaitForAsync(page, s => s.GetProperty("focusModule").GetInt32() == 3, seconds: 20);
        Assert.Equal("showing 2 of 24 cells (module 3); every cell is in the compact view", await page.Locator("#selection-note").TextContentAsync());

        // Tab from the top of the page reaches module 5's row, named by module and state; Enter charts it as the click did.
        await page.EvaluateAsync("() => document.activeElement && document.activeElement.blur()");
        await TabToAsync(page, "Module 5, pulse: chart it");
        Assert.Equal("TR 5", await ActiveRowAsync(page));
        Assert.Equal(1, await page.GetByRole(AriaRole.Row, new PageGetByRoleOptions { Name = "Module 5, pulse: chart it", Exact = true }).CountAsync());
        await page.Keyboard.PressAsync("Enter");
        await DashboardPage.WaitForAsync(page, s => s.GetProperty("focusModule").GetInt32() == 5, seconds: 20);
        await page.WaitForFunctionAsync("() => document.querySelector('#selection-note').textContent.includes('(module 5)')");
        Assert.Equal("showing 2 of 24 cells (module 5); every cell is in the compact view", await page.Locator("#selection-note").TextContentAsync());
        Assert.Equal("true", await page.Locator("#module-table tbody tr >> nth=5").GetAttributeAsync("aria-current"));
        Assert.Equal("false", await page.Locator("#module-table tbody tr >> nth=3").GetAttributeAsync("aria-current"));
        Assert.Equal("TR 5", await ActiveRowAsync(page));

        // The row the keyboard is on shows it: a solid 3 px ring, which the other rows do not have.
        Assert.Equal("solid 3px", await page.EvaluateAsync<string>("() => { const s = getComputedStyle(document.activeElement); return s.outlineStyle + ' ' + s.outlineWidth; }"));
        Assert.Equal("none", await page.EvaluateAsync<string>("() => getComputedStyle(document.querySelectorAll('#module-table tbody tr')[4]).outlineStyle"));

        // Module 5 rests, then is held: each shows in its row only through a refresh of the table, and the focus stays on
        // module 5's row through both, its name following the state.
        DashboardMqttTools.Publish(broker.Port, "edge/keys-2/telemetry/cells", DashboardMessages.Cells(13, 2000, 5, "rest", 150, 151));
        await page.WaitForFunctionAsync("() => document.querySelectorAll('#module-table tbody tr')[5].cells[1].textContent === 'rest'");
        Assert.Equal("TR 5", await ActiveRowAsync(page));
        Assert.Equal("Module 5, rest: chart it", await ActiveLabelAsync(page));
        DashboardMqttTools.Publish(broker.Port, "edge/keys-2/telemetry/cells", DashboardMessages.Cells(14, 3000, 5, "hold", 150, 151));
        await page.WaitForFunctionAsync("() => document.querySelectorAll('#module-table tbody tr')[5].cells[1].textContent === 'hold'");
        Assert.Equal("TR 5", await ActiveRowAsync(page));
        Assert.Equal("Module 5, hold: chart it", await ActiveLabelAsync(page));
        await page.Locator("#module-table-card").ScreenshotAsync(new LocatorScreenshotOptions { Path = DashboardPage.ArtifactPath("dashboard-compact-row-focus.png") });
        // And with no message at all: through two of the redraws the page makes every second, and a second more.
        long frames = (await DashboardPage.SnapshotAsync(page)).GetProperty("frames").GetInt64();
        await DashboardPage.WaitForAsync(page, s => s.GetProperty("frames").GetInt64() >= frames + 2, seconds: 20);
        await Task.Delay(1000);
        Assert.Equal("TR 5", await ActiveRowAsync(page));

        // Tab goes on from there to module 6's row; Space charts it and does not scroll the page.
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("TR 6", await ActiveRowAsync(page));
        double scrollBefore = await page.EvaluateAsync<double>("() => window.scrollY");
        await page.Keyboard.PressAsync(" ");
        await DashboardPage.WaitForAsync(page, s => s.GetProperty("focusModule").GetInt32() == 6, seconds: 20);
        Assert.Equal(scrollBefore, await page.EvaluateAsync<double>("() => window.scrollY"));

        // A config with 10 modules makes the rows anew: the focus goes back to module 6's row.
        DashboardMqttTools.Publish(broker.Port, "edge/keys-2/config", DashboardMessages.Config(10, 2, cellVoltagePeriodMs: 60_000), retain: true);
        await page.WaitForFunctionAsync("() => document.querySelectorAll('#module-table tbody tr').length === 10");
        Assert.Equal("TR 6", await ActiveRowAsync(page));
        Assert.Equal("Module 6, no data: chart it", await ActiveLabelAsync(page));
        await page.CloseAsync();
    }

    /// <summary>The focused element's tag and, for a compact-table row, its module ("TR 5"), or what else has the focus.</summary>
    private static Task<string> ActiveRowAsync(IPage page) =>
        page.EvaluateAsync<string>("() => { const a = document.activeElement; if (!a) return 'nothing'; if (a.tagName !== 'TR' || !a.closest('#module-table')) return a.tagName; return 'TR ' + [...a.parentNode.children].indexOf(a); }");

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
