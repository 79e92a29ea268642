using System.Text.Json;
using Edge.HostSim.Dashboard;
using Edge.HostSim.Mqtt.Broker;
using Microsoft.Playwright;

namespace Edge.Telemetry.IntegrationTests;

/// <summary>
/// A held module of a device that streams on: the page opened after the hold (as a late operator opens the demo after its
/// soft short), so the latch event is not retained and never reached it, while the device's other module goes on running.
/// Once the streams arrived, the held module's card said "last event: none" beside "stop: softShort (softShortConfirmed on
/// cell 0)", and "– pulses", as if nothing had happened and a count were still to come.
/// </summary>
public sealed class DashboardHeldLatchTests : IClassFixture<BrowserFixture>
{
    private readonly BrowserFixture _browser;

    public DashboardHeldLatchTests(BrowserFixture browser)
    {
        _browser = browser;
    }

    [Fact]
    public async Task AHeldModulesLatchStaysItsLastEventOnceTheStreamsArrive()
    {
        const string Root = "edge/held-1/";
        using MosquittoBroker broker = MosquittoBroker.StartNew(new MosquittoBrokerOptions { EnableWebSockets = true });
        DashboardMqttTools.Publish(broker.Port, Root + "status", DashboardMessages.Online, retain: true);
        DashboardMqttTools.Publish(broker.Port, Root + "config", DashboardMessages.Config(2, 2), retain: true);
        // Module 1 held for a hard short on pack cell 3 (its cell 1) before the page opened; module 0 runs.
        DashboardMqttTools.Publish(broker.Port, Root + "telemetry/modules",
            """{"v":1,"bootId":"b1","state":["rest","hold"],"stopReason":["none","hardShort"],"diagnosis":[null,"hardShort"],"cell":[-1,3],"totalChargeUc":[0,2310]}""", retain: true);
        using DashboardServer server = new DashboardServer(_browser.DashboardRoot);
        IPage page = await DashboardPage.OpenAsync(_browser, server.PageUrl(broker.WebSocketPort, "held-1"));
        await DashboardPage.WaitForAsync(page, s => s.GetProperty("hasConfig").GetBoolean()
            && s.GetProperty("modules")[1].GetProperty("state").GetString() == "hold", seconds: 20);

        // The device's next cell readings: module 0 resting, module 1 held.
        DashboardMqttTools.Publish(broker.Port, Root + "telemetry/cells", new[]
        {
            DashboardMessages.Cells(1, 60_000, 0, "rest", 210, 205),
            DashboardMessages.Cells(2, 60_000, 1, "hold", 200, 0),
        });
        await DashboardPage.WaitForAsync(page, s => s.GetProperty("lastTMs").ValueKind == JsonValueKind.Number
            && s.GetProperty("lastTMs").GetInt64() == 60_000, seconds: 20);
        ILocator held = page.Locator("#modules .module").Nth(1);
        await Assertions.Expect(held.Locator(".last")).ToHaveTextAsync("last event: hardShort (fault) before the page opened");
        Assert.Equal("stop: hardShort (hardShort on cell 1)", await held.Locator(".reason").TextContentAsync());
        // A held module pulses no more: the count the page never got is not coming, and it says so.
        Assert.Equal("pulses: none received", await held.Locator(".pulses").TextContentAsync());
        Assert.Equal("delivered " + (2310 / 3.6e6 / 0.3848).ToString("0.000", System.Globalization.CultureInfo.InvariantCulture) + " mAh/cm2",
            await held.Locator(".capacity").TextContentAsync());
        // The running module, not held, has had no event and says so.
        Assert.Equal("last event: none", await page.Locator("#modules .module").Nth(0).Locator(".last").TextContentAsync());

        // The compact view frames the modules whose last event was a fault: the held one's square has the dark frame
        // (#7f1d1d, 127,29,29) on its red fill, the resting one's none. Module m's square starts at m x (size + 2) px.
        await page.ClickAsync("#compact-toggle");
        JsonElement compact = (await DashboardPage.WaitForAsync(page, s => s.GetProperty("compact").ValueKind == JsonValueKind.Object, seconds: 20)).GetProperty("compact");
        int size = compact.GetProperty("squares").GetInt32();
        int[] heldEdge = await StripPixelAsync(page, size + 2 + 1, size / 2);
        Assert.Equal(new[] { 127, 29, 29 }, heldEdge);
        int[] restingEdge = await StripPixelAsync(page, 1, size / 2);
        Assert.NotEqual(new[] { 127, 29, 29 }, restingEdge);
        await page.CloseAsync();
    }

    [Fact]
    public async Task AHoldThePageSawWithoutItsEventSaysTheEventWasNotReceived()
    {
        const string Root = "edge/held-2/";
        using MosquittoBroker broker = MosquittoBroker.StartNew(new MosquittoBrokerOptions { EnableWebSockets = true });
        DashboardMqttTools.Publish(broker.Port, Root + "status", DashboardMessages.Online, retain: true);
        DashboardMqttTools.Publish(broker.Port, Root + "config", DashboardMessages.Config(1, 2), retain: true);
        using DashboardServer server = new DashboardServer(_browser.DashboardRoot);
        IPage page = await DashboardPage.OpenAsync(_browser, server.PageUrl(broker.WebSocketPort, "held-2"));
        await DashboardPage.WaitForAsync(page, s => s.GetProperty("hasConfig").GetBoolean(), seconds: 20);

        // The page sees the module pulse, then held; the fault event that latched it is lost on the way (seq 1 of the
        // event stream never arrives), and the retained module states name the diagnosis.
        DashboardMqttTools.Publish(broker.Port, Root + "telemetry/cells", DashboardMessages.Cells(1, 1_000, 0, "pulse", 250, 248));
        await DashboardPage.WaitForAsync(page, s => s.GetProperty("modules")[0].GetProperty("state").GetString() == "pulse", seconds: 20);
        DashboardMqttTools.Publish(broker.Port, Root + "telemetry/state", DashboardMessages.StateChanged(1, 1_500, 0, "hold", "hardShort"));
        DashboardMqttTools.Publish(broker.Port, Root + "telemetry/modules",
            """{"v":1,"bootId":"b1","state":["hold"],"stopReason":["hardShort"],"diagnosis":["hardShort"],"cell":[0]}""", retain: true);
        await DashboardPage.WaitForAsync(page, s => s.GetProperty("modules")[0].GetProperty("cause").ValueKind == JsonValueKind.String, seconds: 20);
        ILocator card = page.Locator("#modules .module").Nth(0);
        await Assertions.Expect(card.Locator(".last")).ToHaveTextAsync("last event: hardShort (fault), its event not received");
        await page.CloseAsync();
    }

    /// <summary>
    /// A pack-wide fault isolates every module (a simulated runtime hang of 100 s: tickTiming, tickMissed, module null):
    /// each held module's last event is that fault, which the page received, not "none" beside "stop: plausibility
    /// (tickMissed, module-wide)".
    /// </summary>
    [Fact]
    public async Task APackWideFaultIsTheLastEventOfEveryModuleItHeld()
    {
        const string Root = "edge/held-3/";
        using MosquittoBroker broker = MosquittoBroker.StartNew(new MosquittoBrokerOptions { EnableWebSockets = true });
        DashboardMqttTools.Publish(broker.Port, Root + "status", DashboardMessages.Online, retain: true);
        DashboardMqttTools.Publish(broker.Port, Root + "config", DashboardMessages.Config(2, 2), retain: true);
        using DashboardServer server = new DashboardServer(_browser.DashboardRoot);
        IPage page = await DashboardPage.OpenAsync(_browser, server.PageUrl(broker.WebSocketPort, "held-3"));
        await DashboardPage.WaitForAsync(page, s => s.GetProperty("hasConfig").GetBoolean(), seconds: 20);

        // A module's own info, then a pack-wide warning (neither module's), then the pack-wide fault that holds both.
        DashboardMqttTools.Publish(broker.Port, Root + "event", new[]
        {
            DashboardMessages.Event(1, 500, "started", "info", 0, null, "0", threshold: 0),
            DashboardMessages.Event(2, 1_000, "outboxOverflow", "warning", null, null, "3", threshold: 0),
            DashboardMessages.Event(3, 2_000, "tickTiming", "fault", null, null, "100050", "tickMissed", threshold: 500),
        });
        DashboardMqttTools.Publish(broker.Port, Root + "telemetry/state", new[]
        {
            DashboardMessages.StateChanged(1, 2_000, 0, "hold", "plausibility"),
            DashboardMessages.StateChanged(2, 2_000, 1, "hold", "plausibility"),
        });
        DashboardMqttTools.Publish(broker.Port, Root + "telemetry/modules",
            """{"v":1,"bootId":"b1","state":["hold","hold"],"stopReason":["plausibility","plausibility"],"diagnosis":["tickMissed","tickMissed"],"cell":[-1,-1]}""", retain: true);
        await DashboardPage.WaitForAsync(page, s => s.GetProperty("events").GetArrayLength() == 3
            && s.GetProperty("modules")[1].GetProperty("cause").ValueKind == JsonValueKind.String, seconds: 20);
        for (int module = 0; module < 2; module++)
        {
            ILocator card = page.Locator("#modules .module").Nth(module);
            await Assertions.Expect(card.Locator(".last")).ToHaveTextAsync("last event: tickTiming (fault) at 0:00:02.00");
            Assert.Equal("stop: plausibility (tickMissed, module-wide)", await card.Locator(".reason").TextContentAsync());
        }

        await page.CloseAsync();
    }

    /// <summary>The red, green and blue of the compact view's pixel at (x, y) in CSS pixels.</summary>
    private static Task<int[]> StripPixelAsync(IPage page, int x, int y) =>
        page.EvaluateAsync<int[]>("([x, y]) => { const c = document.getElementById('state-strip'); const r = window.devicePixelRatio || 1; return [...c.getContext('2d').getImageData(Math.round(x * r), Math.round(y * r), 1, 1).data].slice(0, 3); }", new[] { x, y });
}
