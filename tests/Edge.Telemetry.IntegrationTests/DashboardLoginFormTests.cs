using System.Text.Json;
using Edge.HostSim.Dashboard;
using Edge.HostSim.Mqtt.Broker;
using Microsoft.Playwright;

namespace Edge.Telemetry.IntegrationTests;

/// <summary>
/// The header's login form with an address or device filter the page cannot use: the field says what is wrong, and
/// the session the page has stays as it was.
/// </summary>
public sealed class DashboardLoginFormTests : IClassFixture<BrowserFixture>
{
    private readonly BrowserFixture _browser;

    public DashboardLoginFormTests(BrowserFixture browser)
    {
        _browser = browser;
    }

    [Theory]
    [InlineData("broker", "127.0.0.1", "ws://")]        // no scheme: not an address a browser can open
    [InlineData("broker", "mqtt://127.0.0.1:1883", "ws://")] // MQTT over TCP: a browser speaks WebSockets only
    [InlineData("device", "pack/1", "device id")]       // a '/' would subscribe to other topics than the device's
    [InlineData("device", "#", "device id")]            // a wildcard is no device id, and no valid topic level here
    public async Task AnUnusableBrokerOrDeviceIsRefusedByTheFormAndTheSessionStays(string field, string value, string named)
    {
        using MosquittoBroker broker = MosquittoBroker.StartNew(new MosquittoBrokerOptions { EnableWebSockets = true });
        using DashboardServer server = new DashboardServer(_browser.DashboardRoot);
        List<string> errors = new List<string>();
        IPage page = await DashboardPage.OpenAsync(_browser, server.PageUrl(broker.WebSocketPort, "form-1"), errors);
        DashboardMqttTools.Publish(broker.Port, "edge/form-1/config", DashboardMessages.Config(1, 2), retain: true);
        DashboardMqttTools.Publish(broker.Port, "edge/form-1/telemetry/cells", DashboardMessages.Cells(1, 1000, 0, "pulse", 100, 101));
        await DashboardPage.WaitForAsync(page, s => s.GetProperty("cellRows").GetInt32() == 1, seconds: 30);

        await page.FillAsync($"#settings input[name={field}]", value);
        await page.ClickAsync("#settings button[type=submit]");
        await Task.Delay(1500);

        // Nothing changed: still connected, to the same device, with what it showed.
        JsonElement after = await DashboardPage.SnapshotAsync(page);
        Assert.True(after.GetProperty("connection").GetString() == "connected", after.GetRawText() + " " + string.Join(" | ", errors));
        Assert.Equal("form-1", after.GetProperty("device").GetString());
        Assert.Equal(1, after.GetProperty("cellRows").GetInt32());
        Assert.Empty(errors);

        // The field names what is wrong with it.
        string message = await page.EvalOnSelectorAsync<string>($"#settings input[name={field}]", "e => e.validationMessage");
        Assert.Contains(named, message, StringComparison.Ordinal);
        Assert.Contains(value, message, StringComparison.Ordinal);
        DashboardMqttTools.Publish(broker.Port, "edge/form-1/telemetry/cells", DashboardMessages.Cells(2, 2000, 0, "rest", 100, 101));
        await DashboardPage.WaitForAsync(page, s => s.GetProperty("cellRows").GetInt32() == 2, seconds: 30);
        await page.CloseAsync();
    }

    [Fact]
    public async Task AnUnusableDeviceInThePageAddressIsNamedAndNothingIsSubscribed()
    {
        using MosquittoBroker broker = MosquittoBroker.StartNew(new MosquittoBrokerOptions { EnableWebSockets = true });
        using DashboardServer server = new DashboardServer(_browser.DashboardRoot);
        List<string> errors = new List<string>();
        IPage page = await DashboardPage.OpenAsync(_browser, server.PageUrl(broker.WebSocketPort, "pack/1"), errors, waitConnected: false);
        await DashboardPage.WaitForAsync(page, s => s.GetProperty("connection").GetString() == "error", seconds: 30);
        Assert.Contains("\"pack/1\" is not a device id", await page.Locator("#connection").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Empty(errors);
        await page.CloseAsync();
    }
}
