using System.Text.Json;
using Edge.HostSim.Dashboard;
using Edge.HostSim.Mqtt.Broker;
using Microsoft.Playwright;

namespace Edge.Telemetry.IntegrationTests;

/// <summary>
/// The device chips of a page on several devices take an operator's click and the keyboard however often the page
/// renders: it renders at least once a second (its clock) and at every message, and an operator's click lasts a tenth
/// of a second or more, so a render between the press and the release is common, not a corner case.
/// </summary>
public sealed class DashboardDeviceChipTests : IClassFixture<BrowserFixture>
{
    private readonly BrowserFixture _browser;

    public DashboardDeviceChipTests(BrowserFixture browser)
    {
        _browser = browser;
    }

    [Fact]
    public async Task AClickWhoseButtonComesUpAfterARenderSelectsTheDevice()
    {
        using MosquittoBroker broker = MosquittoBroker.StartNew(new MosquittoBrokerOptions { EnableWebSockets = true });
        using DashboardServer server = new DashboardServer(_browser.DashboardRoot);
        (IPage page, string other) = await OpenOnTwoDevicesAsync(broker, server, "chip-a", "chip-b");

        // The operator presses on the other device's chip, the page renders (its clock), and the button comes up.
        LocatorBoundingBoxResult box = (await page.Locator($"nav .device[data-device={other}]").BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(box.X + (box.Width / 2), box.Y + (box.Height / 2));
        await page.Mouse.DownAsync();
        await WaitForRenderAsync(page);
        await page.Mouse.UpAsync();

        await DashboardPage.WaitForAsync(page, s => s.GetProperty("device").GetString() == other, seconds: 10);
        Assert.Contains("selected", await page.Locator($"nav .device[data-device={other}]").GetAttributeAsync("class"), StringComparison.Ordinal);
        await page.CloseAsync();
    }

    [Fact]
    public async Task AChipKeepsTheKeyboardFocusAcrossRendersAndEnterSelectsItsDevice()
    {
        using MosquittoBroker broker = MosquittoBroker.StartNew(new MosquittoBrokerOptions { EnableWebSockets = true });
        using DashboardServer server = new DashboardServer(_browser.DashboardRoot);
        (IPage page, string other) = await OpenOnTwoDevicesAsync(broker, server, "keys-a", "keys-b");

        // The keyboard reaches the other device's chip; the page renders before the operator presses Enter.
        await page.Locator($"nav .device[data-device={other}]").FocusAsync();
        await WaitForRenderAsync(page);
        Assert.Equal(other, await page.EvaluateAsync<string>("() => document.activeElement?.dataset?.device ?? document.activeElement?.tagName ?? ''"));
        await page.Keyboard.PressAsync("Enter");

        await DashboardPage.WaitForAsync(page, s => s.GetProperty("device").GetString() == other, seconds: 10);
        await page.CloseAsync();
    }

    /// <summary>A page on every device, with both devices online and configured and one selected; returns the other.</summary>
    private async Task<(IPage Page, string Other)> OpenOnTwoDevicesAsync(MosquittoBroker broker, DashboardServer server, string first, string second)
    {
        foreach (string id in new[] { first, second })
        {
            DashboardMqttTools.Publish(broker.Port, "edge/" + id + "/status", DashboardMessages.Online, retain: true);
            DashboardMqttTools.Publish(broker.Port, "edge/" + id + "/config", DashboardMessages.Config(2, 2), retain: true);
        }

        IPage page = await DashboardPage.OpenAsync(_browser, server.PageUrl(broker.WebSocketPort, null));
        JsonElement opened = await DashboardPage.WaitForAsync(page, s => s.GetProperty("devices").GetInt32() == 2 && s.GetProperty("hasConfig").GetBoolean(), seconds: 30);
        return (page, opened.GetProperty("device").GetString() == first ? second : first);
    }

    /// <summary>Waits until the page has drawn at least two more frames (each frame renders the device chips).</summary>
    private static async Task WaitForRenderAsync(IPage page)
    {
        int before = (await DashboardPage.SnapshotAsync(page)).GetProperty("frames").GetInt32();
        await DashboardPage.WaitForAsync(page, s => s.GetProperty("frames").GetInt32() >= before + 2, seconds: 10);
    }
}
