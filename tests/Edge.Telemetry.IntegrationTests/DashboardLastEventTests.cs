using System.Text.Json;
using Edge.HostSim.Dashboard;
using Edge.HostSim.Mqtt.Broker;
using Microsoft.Playwright;

namespace Edge.Telemetry.IntegrationTests;

/// <summary>
/// A module's "last event" is the one of its latest tick, and of one tick the gravest: a hard short's collapse can raise a
/// soft-short warning in the same tick, and whichever of the two arrives second must not hide the fault that isolated it.
/// </summary>
public sealed class DashboardLastEventTests : IClassFixture<BrowserFixture>
{
    private readonly BrowserFixture _browser;

    public DashboardLastEventTests(BrowserFixture browser)
    {
        _browser = browser;
    }

    [Fact]
    public async Task AFaultOutranksAWarningOfTheSameTickAndALaterTickOutranksBoth()
    {
        using MosquittoBroker broker = MosquittoBroker.StartNew(new MosquittoBrokerOptions { EnableWebSockets = true });
        using DashboardServer server = new DashboardServer(_browser.DashboardRoot);
        IPage page = await DashboardPage.OpenAsync(_browser, server.PageUrl(broker.WebSocketPort, "last-1"));
        DashboardMqttTools.Publish(broker.Port, "edge/last-1/status", DashboardMessages.Online, retain: true);
        DashboardMqttTools.Publish(broker.Port, "edge/last-1/config", DashboardMessages.Config(2, 2), retain: true);

        // Module 0: the hard short at 5 s, then the soft-short warning of the same tick. Module 1: a warning at 5 s, an
        // info at 6 s (later wins whatever its severity).
        DashboardMqttTools.Publish(broker.Port, "edge/last-1/event", new[]
        {
            DashboardMessages.Event(1, 5000, "hardShort", "fault", 0, 1, "1", "hardShort", threshold: 5),
            DashboardMessages.Event(2, 5000, "softShort", "warning", 0, 1, "40", "softShortSpike", threshold: 20),
            DashboardMessages.Event(3, 5000, "softShort", "warning", 1, 2, "40", "softShortSpike", threshold: 20),
            DashboardMessages.Event(4, 6000, "stopped", "info", 1, null, "12", threshold: 0),
        });
        JsonElement snapshot = await DashboardPage.WaitForAsync(page, s => s.GetProperty("events").GetArrayLength() == 4);

        Assert.Equal("hardShort", snapshot.GetProperty("modules")[0].GetProperty("lastEvent").GetString());
        Assert.Equal("stopped", snapshot.GetProperty("modules")[1].GetProperty("lastEvent").GetString());
        await page.CloseAsync();
    }
    [Fact]
    public async Task AHeldModuleKeepsTheFaultThatIsolatedItAsLastEventWhenWarningsFollow()
    {
        using MosquittoBroker broker = MosquittoBroker.StartNew(new MosquittoBrokerOptions { EnableWebSockets = true });
        using DashboardServer server = new DashboardServer(_browser.DashboardRoot);
        IPage page = await DashboardPage.OpenAsync(_browser, server.PageUrl(broker.WebSocketPort, "last-2"));
        DashboardMqttTools.Publish(broker.Port, "edge/last-2/status", DashboardMessages.Online, retain: true);
        DashboardMqttTools.Publish(broker.Port, "edge/last-2/config", DashboardMessages.Config(1, 2), retain: true);

        // The hard short at 120.02 s holds module 0; the detectors go on reading the shorted cell and a soft-short warning
        // follows one tick later (as in a simulated 16 x 16 pack's module 12).
        DashboardMqttTools.Publish(broker.Port, "edge/last-2/telemetry/state", DashboardMessages.StateChanged(1, 120_020, 0, "hold", "hardShort"));
        await DashboardPage.WaitForAsync(page, s => s.GetProperty("modules")[0].GetProperty("state").GetString() == "hold");
        DashboardMqttTools.Publish(broker.Port, "edge/last-2/event", new[]
        {
            DashboardMessages.Event(1, 120_020, "hardShort", "fault", 0, 1, "1", "hardShort", threshold: 5),
            DashboardMessages.Event(2, 120_040, "softShort", "warning", 0, 1, "0", "softShortResistanceDrop", threshold: 195),
        });
        JsonElement held = await DashboardPage.WaitForAsync(page, s => s.GetProperty("events").GetArrayLength() == 2);
        Assert.Equal("hardShort", held.GetProperty("modules")[0].GetProperty("lastEvent").GetString());

        // Reset: the module leaves hold, and what happens next is its last event again.
        DashboardMqttTools.Publish(broker.Port, "edge/last-2/telemetry/state", DashboardMessages.StateChanged(2, 200_000, 0, "idle"));
        await DashboardPage.WaitForAsync(page, s => s.GetProperty("modules")[0].GetProperty("state").GetString() == "idle");
        DashboardMqttTools.Publish(broker.Port, "edge/last-2/event", DashboardMessages.Event(3, 200_010, "started", "info", 0, null, "0", threshold: 0));
        JsonElement reset = await DashboardPage.WaitForAsync(page, s => s.GetProperty("events").GetArrayLength() == 3);
        Assert.Equal("started", reset.GetProperty("modules")[0].GetProperty("lastEvent").GetString());
        await page.CloseAsync();
    }
}
