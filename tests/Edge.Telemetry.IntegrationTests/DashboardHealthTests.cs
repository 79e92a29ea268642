using System.Text.Json;
using Edge.HostSim.Dashboard;
using Edge.HostSim.Mqtt.Bridge;
using Edge.HostSim.Mqtt.Broker;
using Edge.HostSim.Simulation;
using Microsoft.Playwright;

namespace Edge.Telemetry.IntegrationTests;

/// <summary>
/// The device's periodic <c>health</c> message (firmware/README.md; CONTRACT.md "health: tick timing") on the
/// dashboard: a simulated device sends it at connection and every 30 s of device time, and the page shows its tick
/// figures, with the figures a simulation has no counterpart of said to be so rather than shown as numbers.
/// </summary>
public sealed class DashboardHealthTests : IClassFixture<BrowserFixture>
{
    private readonly BrowserFixture _browser;

    public DashboardHealthTests(BrowserFixture browser)
    {
        _browser = browser;
    }

    [Fact]
    public async Task PageShowsTheDevicesTickHealth()
    {
        using MosquittoBroker broker = MosquittoBroker.StartNew(new MosquittoBrokerOptions { EnableWebSockets = true });
        using DashboardServer server = new DashboardServer(_browser.DashboardRoot);
        IPage page = await DashboardPage.OpenAsync(_browser, server.PageUrl(broker.WebSocketPort, "health-1"));

        // 61 s at 10 ms without faults: health at connection (0 s), 30 s and 60 s; every tick on its release.
        var scenario = SimulatedDevice.Load("soft-short.json", s =>
        {
            s.Faults.Clear();
            s.TimeLimitS = 61;
        });
        SimulatedDevice device = new SimulatedDevice(scenario, new MqttBridgeOptions { Port = broker.Port, DeviceId = "health-1" }, realtimeFactor: 20);
        SimulationResult result = device.Finish(TimeSpan.FromSeconds(120));
        Assert.True(result.TerminatedBy == "timeLimit", $"the run ended by {result.TerminatedBy} at {result.SimulatedS} s, not at its 61 s limit");

        JsonElement snapshot = await DashboardPage.WaitForAsync(page, s => s.TryGetProperty("health", out JsonElement h)
            && h.ValueKind == JsonValueKind.Object && h.GetProperty("uptimeMs").GetInt64() == 60_000);
        JsonElement health = snapshot.GetProperty("health");

        // The 60 s message: releases at 0, 10, ..., 60000 ms, each answered by a tick on time.
        Assert.Equal(6001, health.GetProperty("ticks").GetInt64());
        Assert.Equal(0, health.GetProperty("overruns").GetInt64());
        Assert.Equal(0, health.GetProperty("latencyMaxUs").GetInt32());
        Assert.Equal(3, health.GetProperty("messages").GetInt32());
        Assert.True(health.GetProperty("simulated").GetBoolean());
        Assert.Equal(0, snapshot.GetProperty("rejected").GetInt32());

        // What the operator reads: the figures, and "not simulated" where a device would give its heap and tick time.
        string shown = await page.Locator("#device-health").InnerTextAsync();
        Assert.Contains("ticks 6001 (0 overruns)", shown, StringComparison.Ordinal);
        Assert.Contains("tick latency max 0 µs", shown, StringComparison.Ordinal);
        Assert.Contains("heap not simulated", shown, StringComparison.Ordinal);
        Assert.Contains("tick time not simulated (host", shown, StringComparison.Ordinal);
        Assert.Contains("simulated device", shown, StringComparison.Ordinal);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = DashboardPage.ArtifactPath("dashboard-health.png"), FullPage = true });
        await page.CloseAsync();
    }
}
