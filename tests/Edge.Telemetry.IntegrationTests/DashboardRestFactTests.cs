using System.Text.Json;
using Edge.HostSim.Dashboard;
using Edge.HostSim.Mqtt.Broker;
using Microsoft.Playwright;

namespace Edge.Telemetry.IntegrationTests;

/// <summary>
/// The rest the facts bar and the rest chart show is the one the protocol runs: a fixed rest lasts as its rest step says
/// (CONTRACT.md: minimumRestMs and maximumRestMs bound adaptive rests), so the config's range is shown only for adaptive.
/// </summary>
public sealed class DashboardRestFactTests : IClassFixture<BrowserFixture>
{
    private readonly BrowserFixture _browser;

    public DashboardRestFactTests(BrowserFixture browser)
    {
        _browser = browser;
    }

    [Fact]
    public async Task AFixedRestShowsItsStepsLengthAndNoRange()
    {
        // The config's protocol: 1 s strip, 5 s rest, fixed, with the core's adaptive defaults 500 and 10000 ms still in it.
        (string fact, string[] limits) = await ShowAsync("fixed-1", DashboardMessages.Config(1, 2));

        Assert.Equal("rest fixed 5 s", fact);
        Assert.Empty(limits);
    }

    [Fact]
    public async Task AnAdaptiveRestShowsItsRangeOnTheBarAndTheChart()
    {
        string config = DashboardMessages.Config(1, 2).Replace("\"restMode\":\"fixed\"", "\"restMode\":\"adaptive\"", StringComparison.Ordinal);
        Assert.Contains("\"adaptive\"", config, StringComparison.Ordinal);

        (string fact, string[] limits) = await ShowAsync("adaptive-1", config);

        Assert.Equal("rest adaptive (0.5–10 s)", fact);
        Assert.Equal(new[] { "max rest 10 s", "min rest 0.5 s" }, limits);
    }

    private async Task<(string Fact, string[] Limits)> ShowAsync(string deviceId, string config)
    {
        using MosquittoBroker broker = MosquittoBroker.StartNew(new MosquittoBrokerOptions { EnableWebSockets = true });
        using DashboardServer server = new DashboardServer(_browser.DashboardRoot);
        IPage page = await DashboardPage.OpenAsync(_browser, server.PageUrl(broker.WebSocketPort, deviceId));
        DashboardMqttTools.Publish(broker.Port, "edge/" + deviceId + "/status", DashboardMessages.Online, retain: true);
        DashboardMqttTools.Publish(broker.Port, "edge/" + deviceId + "/config", config, retain: true);
        DashboardMqttTools.Publish(broker.Port, "edge/" + deviceId + "/telemetry/pulse", new[] { 1, 2 }.Select(i => DashboardMessages.Pulse(i, i * 6000L, 0, i, i * 385L, 5000)));

        JsonElement snapshot = await DashboardPage.WaitForAsync(page, s => s.GetProperty("restAxis").ValueKind == JsonValueKind.Object);
        string fact = (await page.Locator("#device-facts [data-fact=rest]").InnerTextAsync()).Trim();
        string[] limits = snapshot.GetProperty("restAxis").GetProperty("limits").EnumerateArray().Select(l => l.GetString()!).ToArray();
        await page.CloseAsync();
        return (fact, limits);
    }
}
