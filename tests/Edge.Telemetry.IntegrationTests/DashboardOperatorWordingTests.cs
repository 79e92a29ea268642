using System.Text.Json;
using Edge.HostSim.Dashboard;
using Edge.HostSim.Mqtt.Broker;
using Microsoft.Playwright;

namespace Edge.Telemetry.IntegrationTests;

/// <summary>
/// What the page says where it has no value: a page opened after the retained messages and before the next interval says
/// it waits for the next telemetry (not "none", "–" or "?", which read as nothing having happened); a latch about no one
/// cell is "module-wide", one whose cell is not known says so; the charts of a simulated device say "simulated".
/// </summary>
public sealed class DashboardOperatorWordingTests : IClassFixture<BrowserFixture>
{
    private const string Waiting = "waiting for the next telemetry";

    private readonly BrowserFixture _browser;

    public DashboardOperatorWordingTests(BrowserFixture browser)
    {
        _browser = browser;
    }

    /// <summary>
    /// The device is online and runs; its status, config and module states are retained, its cell voltages come once a
    /// minute (cellVoltagePeriodMs 60000: stale only after three periods) and none has come since the page opened.
    /// </summary>
    [Fact]
    public async Task APageOpenedBeforeTheNextIntervalSaysItWaitsForTheNextTelemetry()
    {
        using MosquittoBroker broker = MosquittoBroker.StartNew(new MosquittoBrokerOptions { EnableWebSockets = true });
        DashboardMqttTools.Publish(broker.Port, "edge/waiting-1/status", DashboardMessages.Online, retain: true);
        DashboardMqttTools.Publish(broker.Port, "edge/waiting-1/config", DashboardMessages.Config(2, 2, cellVoltagePeriodMs: 60000), retain: true);
        // Module 1 held for a hard short on pack cell 3 (its cell 1), having delivered 2310 uC; module 0 resting.
        DashboardMqttTools.Publish(broker.Port, "edge/waiting-1/telemetry/modules",
            """{"v":1,"bootId":"b1","state":["rest","hold"],"stopReason":["none","hardShort"],"diagnosis":[null,"hardShort"],"cell":[-1,3],"totalChargeUc":[0,2310]}""", retain: true);

        using DashboardServer server = new DashboardServer(_browser.DashboardRoot);
        IPage page = await DashboardPage.OpenAsync(_browser, server.PageUrl(broker.WebSocketPort, "waiting-1"));
        await DashboardPage.WaitForAsync(page, s => s.GetProperty("hasConfig").GetBoolean()
            && s.GetProperty("modules")[1].GetProperty("state").GetString() == "hold", seconds: 20);

        // No stream message yet: no device time to show, and the page says why.
        Assert.Equal("device time " + Waiting, await page.Locator("#device-facts [data-fact='device time']").TextContentAsync());
        ILocator held = page.Locator("#modules .module").Nth(1);
        ILocator resting = page.Locator("#modules .module").Nth(0);
        Assert.Equal("pulses: " + Waiting, await held.Locator(".pulses").TextContentAsync());
        Assert.Equal("pulses: " + Waiting, await resting.Locator(".pulses").TextContentAsync());
        // What the retained module states give: the hold, its cause on its cell, and its latch as the event that came before.
        Assert.Equal("stop: hardShort (hardShort on cell 1)", await held.Locator(".reason").TextContentAsync());
        Assert.Equal("last event: hardShort (fault) before the page opened", await held.Locator(".last").TextContentAsync());
        Assert.Equal("last event: " + Waiting, await resting.Locator(".last").TextContentAsync());
        // 2310 uC / 3.6e6 / 0.3848 cm2 = 0.001668 mAh/cm2.
        Assert.Equal("delivered 0.002 mAh/cm2", await held.Locator(".capacity").TextContentAsync());

        // The next interval: the device's clock and the streams' values replace the waiting.
        DashboardMqttTools.Publish(broker.Port, "edge/waiting-1/telemetry/cells", DashboardMessages.Cells(1, 61000, 0, "rest", 2900, 2901));
        await DashboardPage.WaitForAsync(page, s => s.GetProperty("lastTMs").ValueKind == JsonValueKind.Number, seconds: 20);
        await Assertions.Expect(page.Locator("#device-facts [data-fact='device time']")).ToHaveTextAsync("device time 0:01:01.00");
        await Assertions.Expect(resting.Locator(".last")).ToHaveTextAsync("last event: none");
        await page.CloseAsync();
    }

    /// <summary>
    /// A device that went offline before the page opened sends no more telemetry: what the retained messages do not give is
    /// "none received", not a wait.
    /// </summary>
    [Fact]
    public async Task APageOpenedAfterTheDeviceWentOfflineSaysNoneReceived()
    {
        using MosquittoBroker broker = MosquittoBroker.StartNew(new MosquittoBrokerOptions { EnableWebSockets = true });
        DashboardMqttTools.Publish(broker.Port, "edge/gone-1/status", DashboardMessages.Status("offline", "b1"), retain: true);
        DashboardMqttTools.Publish(broker.Port, "edge/gone-1/config", DashboardMessages.Config(1, 2), retain: true);
        DashboardMqttTools.Publish(broker.Port, "edge/gone-1/telemetry/modules",
            """{"v":1,"bootId":"b1","state":["done"],"stopReason":["cutoff"],"diagnosis":[null],"cell":[-1],"totalChargeUc":[2310]}""", retain: true);

        using DashboardServer server = new DashboardServer(_browser.DashboardRoot);
        IPage page = await DashboardPage.OpenAsync(_browser, server.PageUrl(broker.WebSocketPort, "gone-1"));
        await DashboardPage.WaitForAsync(page, s => s.GetProperty("hasConfig").GetBoolean() && s.GetProperty("status").GetString() == "offline"
            && s.GetProperty("modules")[0].GetProperty("state").GetString() == "done", seconds: 20);

        await Assertions.Expect(page.Locator("#device-facts [data-fact='device time']")).ToHaveTextAsync("device time none received");
        Assert.Equal("pulses: none received", await page.Locator("#modules .module").Nth(0).Locator(".pulses").TextContentAsync());
        Assert.Equal("last event: none received", await page.Locator("#modules .module").Nth(0).Locator(".last").TextContentAsync());
        await page.CloseAsync();
    }

    /// <summary>
    /// No cell for a latch (telemetry/modules' -1, an event's null cell) reads the same everywhere: "module-wide" for a
    /// diagnosis about no one cell; a cell diagnosis without its cell (a latch restored after a reset) "cell not known".
    /// </summary>
    [Fact]
    public async Task ALatchWithoutACellIsModuleWideOrItsCellNotKnown()
    {
        using MosquittoBroker broker = MosquittoBroker.StartNew(new MosquittoBrokerOptions { EnableWebSockets = true });
        DashboardMqttTools.Publish(broker.Port, "edge/wide-1/status", DashboardMessages.Online, retain: true);
        DashboardMqttTools.Publish(broker.Port, "edge/wide-1/config", DashboardMessages.Config(2, 2), retain: true);
        DashboardMqttTools.Publish(broker.Port, "edge/wide-1/telemetry/modules",
            """{"v":1,"bootId":"b1","state":["hold","hold"],"stopReason":["protection","hardShort"],"diagnosis":["moduleOvercurrent","hardShort"],"cell":[-1,-1],"totalChargeUc":[0,0]}""", retain: true);

        using DashboardServer server = new DashboardServer(_browser.DashboardRoot);
        IPage page = await DashboardPage.OpenAsync(_browser, server.PageUrl(broker.WebSocketPort, "wide-1"));
        await DashboardPage.WaitForAsync(page, s => s.GetProperty("hasConfig").GetBoolean()
            && s.GetProperty("modules")[1].GetProperty("state").GetString() == "hold", seconds: 20);

        Assert.Equal("stop: protection (moduleOvercurrent, module-wide)", await page.Locator("#modules .module").Nth(0).Locator(".reason").TextContentAsync());
        Assert.Equal("stop: hardShort (hardShort, cell not known)", await page.Locator("#modules .module").Nth(1).Locator(".reason").TextContentAsync());

        // The event of the module's overcurrent names the module, not a cell (its cell null): "M0 (module-wide)".
        DashboardMqttTools.Publish(broker.Port, "edge/wide-1/event", DashboardMessages.Event(1, 5000, "overcurrent", "fault", 0, null, "2500", "moduleOvercurrent", 1925));
        await DashboardPage.WaitForAsync(page, s => s.GetProperty("events").GetArrayLength() == 1, seconds: 20);
        await Assertions.Expect(page.Locator("#events tbody tr").First.Locator("td").Nth(4)).ToHaveTextAsync("M0 (module-wide)");
        await page.CloseAsync();
    }

    /// <summary>
    /// The simulator's health carries its provenance (CONTRACT.md, "health: tick timing"): every chart of that device says
    /// "simulated", with the provenance as its tooltip; a device whose health has none gets no label.
    /// </summary>
    [Fact]
    public async Task TheChartsOfASimulatedDeviceSaySimulated()
    {
        using MosquittoBroker broker = MosquittoBroker.StartNew(new MosquittoBrokerOptions { EnableWebSockets = true });
        foreach (string id in new[] { "sim-9", "real-9" })
        {
            DashboardMqttTools.Publish(broker.Port, "edge/" + id + "/status", DashboardMessages.Online, retain: true);
            DashboardMqttTools.Publish(broker.Port, "edge/" + id + "/config", DashboardMessages.Config(1, 2), retain: true);
        }

        using DashboardServer server = new DashboardServer(_browser.DashboardRoot);
        IPage page = await DashboardPage.OpenAsync(_browser, server.PageUrl(broker.WebSocketPort, "sim-9"));
        await DashboardPage.WaitForAsync(page, s => s.GetProperty("hasConfig").GetBoolean(), seconds: 20);
        const string provenance = "simulated device: edge-sim's closed loop, not a bench measurement";
        DashboardMqttTools.Publish(broker.Port, "edge/sim-9/health", "{\"uptime_ms\":1000,\"ticks\":100,\"tick_overruns\":0,\"provenance\":\"" + provenance + "\"}");
        DashboardMqttTools.Publish(broker.Port, "edge/sim-9/telemetry/cells", DashboardMessages.Cells(1, 1000, 0, "pulse", 150, 151));
        await DashboardPage.WaitForAsync(page, s => s.TryGetProperty("health", out JsonElement h) && h.ValueKind == JsonValueKind.Object, seconds: 20);

        ILocator labels = page.Locator(".charts figcaption .provenance");
        await Assertions.Expect(labels).ToHaveCountAsync(5);
        for (int i = 0; i < 5; i++)
        {
            await Assertions.Expect(labels.Nth(i)).ToBeVisibleAsync();
            await Assertions.Expect(labels.Nth(i)).ToHaveTextAsync("simulated");
            await Assertions.Expect(labels.Nth(i)).ToHaveAttributeAsync("title", provenance);
        }

        await page.CloseAsync();

        // A real device's health has no provenance: its charts carry no such label.
        IPage real = await DashboardPage.OpenAsync(_browser, server.PageUrl(broker.WebSocketPort, "real-9"));
        await DashboardPage.WaitForAsync(real, s => s.GetProperty("hasConfig").GetBoolean(), seconds: 20);
        DashboardMqttTools.Publish(broker.Port, "edge/real-9/health", """{"uptime_ms":1000,"ticks":100,"tick_overruns":0}""");
        DashboardMqttTools.Publish(broker.Port, "edge/real-9/telemetry/cells", DashboardMessages.Cells(1, 1000, 0, "pulse", 150, 151));
        await DashboardPage.WaitForAsync(real, s => s.TryGetProperty("health", out JsonElement h) && h.ValueKind == JsonValueKind.Object, seconds: 20);
        await Assertions.Expect(real.Locator(".charts figcaption .provenance:visible")).ToHaveCountAsync(0);
        await real.CloseAsync();
    }
}
