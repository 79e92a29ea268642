using System.Text.Json;
using Edge.HostSim.Dashboard;
using Edge.HostSim.Mqtt.Broker;
using Microsoft.Playwright;

namespace Edge.Telemetry.IntegrationTests;

/// <summary>
/// The time window an operator zoomed the charts into, against what happens to the device meanwhile: the window is a
/// stretch of one boot's clock, fed from hand-written messages so that every time is known.
/// </summary>
public sealed class DashboardZoomTests : IClassFixture<BrowserFixture>
{
    private readonly BrowserFixture _browser;

    public DashboardZoomTests(BrowserFixture browser)
    {
        _browser = browser;
    }

    [Fact]
    public async Task ARestartDropsTheZoomWindowOfTheOldBootsClock()
    {
        using MosquittoBroker broker = MosquittoBroker.StartNew(new MosquittoBrokerOptions { EnableWebSockets = true });
        using DashboardServer server = new DashboardServer(_browser.DashboardRoot);
        IPage page = await DashboardPage.OpenAsync(_browser, server.PageUrl(broker.WebSocketPort, "zoom-boot"));
        DashboardMqttTools.Publish(broker.Port, "edge/zoom-boot/status", DashboardMessages.Online, retain: true);
        DashboardMqttTools.Publish(broker.Port, "edge/zoom-boot/config", DashboardMessages.Config(1, 2, cellVoltagePeriodMs: 250), retain: true);

        // Boot b1: 50 s of cell voltages, 250 ms apart (0:00:00.25 to 0:00:50.00).
        DashboardMqttTools.Publish(broker.Port, "edge/zoom-boot/telemetry/cells", Enumerable.Range(1, 200)
            .Select(i => DashboardMessages.Cells("b1", i, i * 250L, 0, i % 24 < 4 ? "pulse" : "rest", 100 + (i % 24), 110 + (i % 24))));
        await DashboardPage.WaitForAsync(page, s => s.GetProperty("lastTMs").ValueKind == JsonValueKind.Number && s.GetProperty("lastTMs").GetInt64() == 50_000
            && AxisMaxS(s) >= 50);

        // The operator zooms into a stretch in the middle of that run (3 % of the chart: about 1.5 s around 0:00:25).
        await DragAcrossAsync(page, "#chart-cells", 0.50f, 0.53f);
        JsonElement zoomed = (await DashboardPage.WaitForAsync(page, s => s.GetProperty("cellsAxis").GetProperty("zoomed").GetBoolean())).GetProperty("cellsAxis");
        Assert.True(zoomed.GetProperty("min").GetDouble() > 10, zoomed.ToString());

        // The device restarts (boot b2), announces itself with its status and sends its first 2 s. That old window is a
        // stretch of another run's clock: on the new boot's axis it would show nothing of it (or, later, an unrelated
        // moment as if it were the one chosen).
        DashboardMqttTools.Publish(broker.Port, "edge/zoom-boot/status", DashboardMessages.Status("online", "b2"), retain: true);
        DashboardMqttTools.Publish(broker.Port, "edge/zoom-boot/telemetry/cells", Enumerable.Range(1, 8)
            .Select(i => DashboardMessages.Cells("b2", i, i * 250L, 0, "pulse", 150, 151)));
        JsonElement fresh = await DashboardPage.WaitForAsync(page, s => s.GetProperty("lastTMs").ValueKind == JsonValueKind.Number && s.GetProperty("lastTMs").GetInt64() == 2000
            && s.GetProperty("cellRows").GetInt32() == 8 && s.GetProperty("cellsAxis").ValueKind == JsonValueKind.Object);

        // The charts show the new boot from its start and follow its data.
        JsonElement axis = (await DashboardPage.WaitForAsync(page, s => AxisMaxS(s) >= 2.0, seconds: 10)).GetProperty("cellsAxis");
        Assert.False(axis.GetProperty("zoomed").GetBoolean(), axis.ToString());
        Assert.InRange(axis.GetProperty("min").GetDouble(), 0, 0.25);
        Assert.InRange(axis.GetProperty("max").GetDouble(), 2.0, 2.5);
        Assert.Contains("restart", fresh.GetProperty("marks").EnumerateArray().Select(m => m.GetString()));
        await page.CloseAsync();
    }

    /// <summary>The right end of the cell chart's time axis (s), or -1 while there is no chart or no window yet.</summary>
    private static double AxisMaxS(JsonElement snapshot)
    {
        JsonElement axis = snapshot.GetProperty("cellsAxis");
        return axis.ValueKind == JsonValueKind.Object && axis.GetProperty("max").ValueKind == JsonValueKind.Number ? axis.GetProperty("max").GetDouble() : -1;
    }

    /// <summary>A mouse drag across a chart's plotting area, from one fraction of its width to another.</summary>
    internal static async Task DragAcrossAsync(IPage page, string chart, float from, float to)
    {
        LocatorBoundingBoxResult area = (await page.Locator(chart + " .u-over").BoundingBoxAsync())!;
        float y = area.Y + (area.Height / 2);
        await page.Mouse.MoveAsync(area.X + (area.Width * from), y);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(area.X + (area.Width * to), y, new MouseMoveOptions { Steps = 5 });
        await page.Mouse.UpAsync();
    }
}
