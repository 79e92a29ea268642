using System.Text.Json;
using Edge.HostSim.Dashboard;
using Edge.HostSim.Mqtt.Broker;
using Microsoft.Playwright;

namespace Edge.Telemetry.IntegrationTests;

/// <summary>
/// A chart's value axis keeps to values the quantity can take: the padding around a flat line of rests at the minimum
/// rest, or of stripping pulses at one current, stops at 0 instead of showing a negative rest or current the device
/// could never send; readings below 0 (a plating cell) still get their room below.
/// </summary>
public sealed class DashboardValueAxisTests : IClassFixture<BrowserFixture>
{
    private readonly BrowserFixture _browser;

    public DashboardValueAxisTests(BrowserFixture browser)
    {
        _browser = browser;
    }

    [Fact]
    public async Task AFlatRestAndCurrentAreDrawnOnAxesThatStartAtZero()
    {
        using MosquittoBroker broker = MosquittoBroker.StartNew(new MosquittoBrokerOptions { EnableWebSockets = true });
        using DashboardServer server = new DashboardServer(_browser.DashboardRoot);
        IPage page = await DashboardPage.OpenAsync(_browser, server.PageUrl(broker.WebSocketPort, "axis-1"));
        DashboardMqttTools.Publish(broker.Port, "edge/axis-1/status", DashboardMessages.Online, retain: true);
        DashboardMqttTools.Publish(broker.Port, "edge/axis-1/config", DashboardMessages.Config(1, 2), retain: true);

        // Three pulses of 385 uA on 0.3848 cm2 (1.0 mA/cm2), each followed by the minimum rest, 0.5 s; cells at rest
        // 1 mV and -4 mV below 0 (a plated cell's trough).
        DashboardMqttTools.Publish(broker.Port, "edge/axis-1/telemetry/pulse", new[] { 1, 2, 3 }.Select(i => DashboardMessages.Pulse(i, i * 1500L, 0, i, i * 385L, 500)));
        DashboardMqttTools.Publish(broker.Port, "edge/axis-1/telemetry/cells", new[] { 4, 5, 6 }.Select(i => DashboardMessages.Cells(i, i * 1000L, 0, "rest", 1, -4)));

        // uPlot sets a scale when it draws: wait until each axis covers its data, then look at where it starts.
        JsonElement snapshot = await DashboardPage.WaitForAsync(page, s => Covers(s, "restAxis", 0.5, 0.5) && Covers(s, "currentAxis", 1.0, 1.0) && Covers(s, "cellsAxis", -4, 1));

        // Rests of 0.5 s: the padding of 1 below a flat line would reach -0.5. A current of 1.0005 mA/cm2 keeps its own.
        Assert.Equal(0.0, snapshot.GetProperty("restAxis").GetProperty("yMin").GetDouble());
        Assert.InRange(snapshot.GetProperty("currentAxis").GetProperty("yMin").GetDouble(), 0.0, 385 / 1000.0 / 0.3848);
        Assert.True(snapshot.GetProperty("cellsAxis").GetProperty("yMin").GetDouble() < -4, "the cell axis starts at " + snapshot.GetProperty("cellsAxis").GetProperty("yMin").GetDouble());
        await page.CloseAsync();
    }

    /// <summary>Whether the snapshot's <paramref name="axis"/> is drawn and its value range holds <paramref name="low"/> to <paramref name="high"/>.</summary>
    private static bool Covers(JsonElement snapshot, string axis, double low, double high)
    {
        JsonElement chart = snapshot.GetProperty(axis);
        return chart.ValueKind == JsonValueKind.Object && chart.GetProperty("yMin").ValueKind == JsonValueKind.Number
            && chart.GetProperty("yMin").GetDouble() <= low && chart.GetProperty("yMax").GetDouble() >= high;
    }
}
