using System.Text.Json;
using Edge.HostSim.Dashboard;
using Edge.HostSim.Mqtt.Broker;
using Microsoft.Playwright;

namespace Edge.Telemetry.IntegrationTests;

/// <summary>
/// After a reconnect the device sends live messages first and its backlog after them, oldest first (CONTRACT.md, "Delivery:
/// the outbox"): a replayed record fills its gap on the charts but is not the module's latest news.
/// </summary>
public sealed class DashboardBacklogTests : IClassFixture<BrowserFixture>
{
    private readonly BrowserFixture _browser;

    public DashboardBacklogTests(BrowserFixture browser)
    {
        _browser = browser;
    }

    [Fact]
    public async Task ABacklogRecordArrivingAfterNewerOnesDoesNotTurnTheModuleBack()
    {
        using MosquittoBroker broker = MosquittoBroker.StartNew(new MosquittoBrokerOptions { EnableWebSockets = true });
        using DashboardServer server = new DashboardServer(_browser.DashboardRoot);
        IPage page = await DashboardPage.OpenAsync(_browser, server.PageUrl(broker.WebSocketPort, "backlog-1"));
        DashboardMqttTools.Publish(broker.Port, "edge/backlog-1/status", DashboardMessages.Online, retain: true);
        DashboardMqttTools.Publish(broker.Port, "edge/backlog-1/config", DashboardMessages.Config(1, 2), retain: true);

        // Live: pulse 1 and 3 (385 uC each, so 385 and 1155 uC in all), cells at 1 s and 13 s, the module started at 0.5 s
        // and stopped at the cut-off at 14 s. Seq 2 of each stream is still in the device's backlog.
        DashboardMqttTools.Publish(broker.Port, "edge/backlog-1/telemetry/pulse", new[] { DashboardMessages.Pulse(1, 1000, 0, 1, 385, 5000), DashboardMessages.Pulse(3, 13000, 0, 3, 1155, 0) });
        DashboardMqttTools.Publish(broker.Port, "edge/backlog-1/telemetry/cells", new[] { DashboardMessages.Cells(1, 1000, 0, "rest", 100, 101), DashboardMessages.Cells(3, 13000, 0, "rest", 120, 121) });
        DashboardMqttTools.Publish(broker.Port, "edge/backlog-1/telemetry/state", new[] { DashboardMessages.StateChanged(1, 500, 0, "pulse"), DashboardMessages.StateChanged(3, 14000, 0, "done", "cutoff") });
        await DashboardPage.WaitForAsync(page, s => s.GetProperty("gaps").GetArrayLength() == 3);

        // The backlog: pulse 2 (770 uC in all) and the 7 s readings of the middle of the run.
        DashboardMqttTools.Publish(broker.Port, "edge/backlog-1/telemetry/pulse", DashboardMessages.Pulse(2, 7000, 0, 2, 770, 5000));
        DashboardMqttTools.Publish(broker.Port, "edge/backlog-1/telemetry/cells", DashboardMessages.Cells(2, 7000, 0, "pulse", 150, 151));
        DashboardMqttTools.Publish(broker.Port, "edge/backlog-1/telemetry/state", DashboardMessages.StateChanged(2, 6000, 0, "rest"));
        JsonElement snapshot = await DashboardPage.WaitForAsync(page, s => s.GetProperty("gaps").EnumerateArray().All(g => g.GetProperty("missing").GetInt32() == 0));

        // Every message of the gaps came, after newer ones: the device's outbox dropped none of them, so the cause a gap
        // opened with (a seq jump while the page was connected: an outbox overflow, as far as the page could tell then)
        // is no longer what it says.
        Assert.All(snapshot.GetProperty("gaps").EnumerateArray(), g => Assert.Equal("sent late (device backlog)", g.GetProperty("cause").GetString()));
        await Assertions.Expect(page.Locator("#gaps tbody tr[data-stream=pulse] td:nth-child(4)")).ToHaveTextAsync("sent late (device backlog)");

        // The gaps are filled, and the module still says what its newest records said: 3 pulses, 1155 uC, no rest to follow,
        // stopped at the cut-off, last reading 120 and 121 mV.
        JsonElement module = snapshot.GetProperty("modules")[0];
        Assert.Equal(1155, module.GetProperty("totalChargeUc").GetInt64());
        Assert.Equal(0, module.GetProperty("tunedRestMs").GetInt64());
        Assert.Equal("done", module.GetProperty("state").GetString());
        int frames = snapshot.GetProperty("frames").GetInt32();
        await DashboardPage.WaitForAsync(page, s => s.GetProperty("frames").GetInt32() >= frames + 2);
        Assert.Equal("3 pulses", await page.Locator(".module .pulses").TextContentAsync());
        Assert.Equal("stop: cutoff", await page.Locator(".module .reason").TextContentAsync());
        await page.ClickAsync("#compact-toggle");
        await page.Locator("#heat-map").HoverAsync(new LocatorHoverOptions { Position = new Position { X = 45, Y = 5 } });
        Assert.StartsWith("M0 C0: 120 mV at 0:00:13.00", await page.Locator("#compact-hover").TextContentAsync(), StringComparison.Ordinal);
        await page.CloseAsync();
    }
}
