using System.Text.Json;
using Edge.HostSim.Dashboard;
using Edge.HostSim.Mqtt.Broker;
using Edge.Mqtt.Tests;
using Microsoft.Playwright;

namespace Edge.Telemetry.IntegrationTests;

/// <summary>
/// A command the page has given up on must never reach the device later: the page's link to the broker dies unnoticed
/// (a <see cref="BrokerLinkProxy"/> in front of the broker's WebSockets) just as the operator sends one, and the page
/// reconnects afterwards. What a watching client of the broker receives on <c>cmd/#</c> is what a device would execute.
/// </summary>
public sealed class DashboardCommandDeliveryTests : IClassFixture<BrowserFixture>
{
    private readonly BrowserFixture _browser;

    public DashboardCommandDeliveryTests(BrowserFixture browser)
    {
        _browser = browser;
    }

    [Fact]
    public async Task ACommandWithNoReplyWithinItsTimeoutIsNotSentAfterTheReconnect()
    {
        using MosquittoBroker broker = MosquittoBroker.StartNew(new MosquittoBrokerOptions { EnableWebSockets = true });
        using BrokerLinkProxy link = new BrokerLinkProxy(broker.WebSocketPort);
        using DashboardServer server = new DashboardServer(_browser.DashboardRoot);
        using DashboardSubscription commands = new DashboardSubscription(broker.Port, "edge/+/cmd/#");
        IPage page = await OpenOperatorPageAsync(broker, link, server, "late-1");

        // The link dies unnoticed, the operator starts module 0: the page waits its 10 s and says there was no reply.
        link.Silent = true;
        await page.SelectOptionAsync("#cmd-module", "0");
        await page.ClickAsync("#cmd-start");
        await DashboardPage.WaitForAsync(page, s => s.GetProperty("commands")[0].GetProperty("status").GetString() == "noReply", seconds: 30);

        // The failure is noticed and the page reconnects: the start it gave up on must not go out now.
        link.Silent = false;
        link.DropAll();
        await DashboardPage.WaitForAsync(page, s => s.GetProperty("reconnects").GetInt32() >= 1 && s.GetProperty("connection").GetString() == "connected", seconds: 60);
        await Task.Delay(3000);
        Assert.DoesNotContain(commands.Lines, l => l.StartsWith("edge/late-1/cmd/start ", StringComparison.Ordinal));
        JsonElement snapshot = await DashboardPage.SnapshotAsync(page);
        Assert.Equal("noReply", snapshot.GetProperty("commands")[0].GetProperty("status").GetString());
        Assert.Contains("will not be sent", await page.Locator("#cmd-log tbody tr[data-verb=start]").InnerTextAsync(), StringComparison.Ordinal);
        await page.CloseAsync();
    }

    [Fact]
    public async Task ACommandTheBrokerNeverAcknowledgedBeforeTheConnectionDroppedIsReportedUnconfirmedAndStaysUnsent()
    {
        using MosquittoBroker broker = MosquittoBroker.StartNew(new MosquittoBrokerOptions { EnableWebSockets = true });
        using BrokerLinkProxy link = new BrokerLinkProxy(broker.WebSocketPort);
        using DashboardServer server = new DashboardServer(_browser.DashboardRoot);
        using DashboardSubscription commands = new DashboardSubscription(broker.Port, "edge/+/cmd/#");
        IPage page = await OpenOperatorPageAsync(broker, link, server, "late-2");

        link.Silent = true;
        await page.SelectOptionAsync("#cmd-module", "1");
        await page.ClickAsync("#cmd-reset");
        await page.ClickAsync("#confirm-yes");
        await DashboardPage.WaitForAsync(page, s => s.GetProperty("commands").GetArrayLength() == 1, seconds: 10);

        // The connection drops 1 s later, well within the reply timeout: the page says at once that the reset is
        // unconfirmed and will not go out again, not "waiting" and then "no reply".
        await Task.Delay(1000);
        link.Silent = false;
        link.DropAll();
        JsonElement lost = await DashboardPage.WaitForAsync(page, s => s.GetProperty("commands")[0].GetProperty("status").GetString() == "unconfirmed", seconds: 6);
        Assert.Contains("will not be sent again", lost.GetProperty("commands")[0].GetProperty("detail").GetString(), StringComparison.Ordinal);

        await DashboardPage.WaitForAsync(page, s => s.GetProperty("reconnects").GetInt32() >= 1 && s.GetProperty("connection").GetString() == "connected", seconds: 60);
        await Task.Delay(3000);
        Assert.DoesNotContain(commands.Lines, l => l.StartsWith("edge/late-2/cmd/resetFault ", StringComparison.Ordinal));
        Assert.Equal("unconfirmed", (await DashboardPage.SnapshotAsync(page)).GetProperty("commands")[0].GetProperty("status").GetString());

        // Sent again on the live connection, it goes out (under a new id) and only once.
        await page.ClickAsync("#cmd-reset");
        await page.ClickAsync("#confirm-yes");
        commands.WaitFor(l => l.StartsWith("edge/late-2/cmd/resetFault ", StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        await Task.Delay(1000);
        Assert.Single(commands.Lines, l => l.StartsWith("edge/late-2/cmd/resetFault ", StringComparison.Ordinal));
        await page.CloseAsync();
    }

    [Fact]
    public async Task ACommandWhoseAcknowledgementWasLostIsNotCalledUnsentAndTheDevicesReplySettlesIt()
    {
        using MosquittoBroker broker = MosquittoBroker.StartNew(new MosquittoBrokerOptions { EnableWebSockets = true });
        using BrokerLinkProxy link = new BrokerLinkProxy(broker.WebSocketPort);
        using DashboardServer server = new DashboardServer(_browser.DashboardRoot);
        using DashboardSubscription commands = new DashboardSubscription(broker.Port, "edge/+/cmd/#");
        IPage page = await OpenOperatorPageAsync(broker, link, server, "late-3");

        // The start reaches the broker, and so the device; only the broker's PUBACK is lost on the way back. Then the
        // connection drops.
        link.SwallowReplies = true;
        await page.SelectOptionAsync("#cmd-module", "0");
        await page.ClickAsync("#cmd-start");
        string delivered = commands.WaitFor(l => l.StartsWith("edge/late-3/cmd/start ", StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        string id = JsonDocument.Parse(delivered["edge/late-3/cmd/start ".Length..]).RootElement.GetProperty("id").GetString()!;
        link.SwallowReplies = false;
        link.DropAll();

        // The page cannot know which half failed: "not sent, send it again" would have the operator start it twice.
        JsonElement lost = await DashboardPage.WaitForAsync(page, s => s.GetProperty("commands")[0].GetProperty("status").GetString() == "unconfirmed", seconds: 6);
        string detail = lost.GetProperty("commands")[0].GetProperty("detail").GetString()!;
        Assert.DoesNotContain("not sent", detail, StringComparison.Ordinal);
        Assert.Contains("may or may not have reached the device", detail, StringComparison.Ordinal);

        // The device ran it and replies; the page, back on its session, learns what happened. Nothing went out twice.
        DashboardMqttTools.Publish(broker.Port, "edge/late-3/cmd/result", JsonSerializer.Serialize(new Dictionary<string, object> { ["v"] = 1, ["id"] = id, ["verb"] = "start", ["ok"] = true }));
        JsonElement settled = await DashboardPage.WaitForAsync(page, s => s.GetProperty("commands")[0].GetProperty("status").GetString() == "accepted", seconds: 60);
        Assert.Equal(id, settled.GetProperty("commands")[0].GetProperty("id").GetString());
        await Task.Delay(1000);
        Assert.Single(commands.Lines, l => l.StartsWith("edge/late-3/cmd/start ", StringComparison.Ordinal));
        await page.CloseAsync();
    }

    [Fact]
    public async Task ACommandABrokerHoldsForADeviceAwayExpiresWhenThePageGivesUpOnIt()
    {
        using MosquittoBroker broker = MosquittoBroker.StartNew(new MosquittoBrokerOptions { EnableWebSockets = true });
        using DashboardServer server = new DashboardServer(_browser.DashboardRoot);

        // A device on a session the broker keeps while it is away (unlike the contract's devices, which start clean):
        // the broker queues its commands meanwhile.
        new DashboardSubscription(broker.Port, "edge/held-1/cmd/#", persistentClientId: "held-1-device").Dispose();
        IPage page = await DashboardPage.OpenAsync(_browser, server.PageUrl(broker.WebSocketPort, "held-1"));
        DashboardMqttTools.Publish(broker.Port, "edge/held-1/status", DashboardMessages.Online, retain: true);
        DashboardMqttTools.Publish(broker.Port, "edge/held-1/config", DashboardMessages.Config(2, 2), retain: true);
        await DashboardPage.WaitForAsync(page, s => s.GetProperty("role").GetString() == "operator" && s.GetProperty("hasConfig").GetBoolean(), seconds: 30);

        await page.ClickAsync("#cmd-start");
        await DashboardPage.WaitForAsync(page, s => s.GetProperty("commands")[0].GetProperty("status").GetString() == "noReply", seconds: 30);
        await Task.Delay(1000);

        // The device comes back after the page gave up: the start must not be waiting for it.
        using DashboardSubscription device = new DashboardSubscription(broker.Port, "edge/held-1/cmd/#", persistentClientId: "held-1-device");
        await Task.Delay(2000);
        Assert.DoesNotContain(device.Lines, l => l.StartsWith("edge/held-1/cmd/start ", StringComparison.Ordinal));
        await page.CloseAsync();
    }

    [Fact]
    public async Task ACommandToADeviceThatIsNotConnectedSaysAtOnceThatNoDeviceGotIt()
    {
        using MosquittoBroker broker = MosquittoBroker.StartNew(new MosquittoBrokerOptions { EnableWebSockets = true });
        using DashboardServer server = new DashboardServer(_browser.DashboardRoot);

        // The device went away (its Last Will says offline); nobody subscribes to its commands.
        DashboardMqttTools.Publish(broker.Port, "edge/gone-1/status", """{"v":1,"status":"offline","bootId":"b1"}""", retain: true);
        DashboardMqttTools.Publish(broker.Port, "edge/gone-1/config", DashboardMessages.Config(2, 2), retain: true);
        IPage page = await DashboardPage.OpenAsync(_browser, server.PageUrl(broker.WebSocketPort, "gone-1"));
        await DashboardPage.WaitForAsync(page, s => s.GetProperty("role").GetString() == "operator" && s.GetProperty("hasConfig").GetBoolean(), seconds: 30);

        // The broker answers the start with MQTT 5 reason 16, "no matching subscribers": it reached no one and is gone.
        // The log says so when the broker does, not "waiting for the device" for 10 s and then a guess.
        DateTime clicked = DateTime.UtcNow;
        await page.ClickAsync("#cmd-start");
        JsonElement snapshot = await DashboardPage.WaitForAsync(page, s => s.GetProperty("commands").GetArrayLength() == 1
            && s.GetProperty("commands")[0].GetProperty("status").GetString() != "sent", seconds: 30);
        // Before the page's 10 s reply timeout (controls.js), with room for a loaded machine.
        Assert.True(DateTime.UtcNow - clicked < TimeSpan.FromSeconds(9), "the page waited " + (DateTime.UtcNow - clicked) + " for what the broker said at once");
        JsonElement command = snapshot.GetProperty("commands")[0];
        Assert.Equal("notDelivered", command.GetProperty("status").GetString());
        Assert.Contains("no device subscribed", command.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await page.CloseAsync();
    }

    [Fact]
    public async Task ThePageListsUnderEachDeviceOnlyTheCommandsSentToIt()
    {
        using MosquittoBroker broker = MosquittoBroker.StartNew(new MosquittoBrokerOptions { EnableWebSockets = true });
        using DashboardServer server = new DashboardServer(_browser.DashboardRoot);
        using DashboardSubscription commands = new DashboardSubscription(broker.Port, "edge/+/cmd/#");
        foreach (string id in new[] { "two-a", "two-b" })
        {
            DashboardMqttTools.Publish(broker.Port, "edge/" + id + "/status", DashboardMessages.Online, retain: true);
            DashboardMqttTools.Publish(broker.Port, "edge/" + id + "/config", DashboardMessages.Config(2, 2), retain: true);
        }

        // A page on every device: the operator stops device two-a, which accepts.
        IPage page = await DashboardPage.OpenAsync(_browser, server.PageUrl(broker.WebSocketPort, null));
        await DashboardPage.WaitForAsync(page, s => s.GetProperty("devices").GetInt32() == 2, seconds: 30);
        await page.Locator("nav .device[data-device=two-a]").ClickAsync();
        await DashboardPage.WaitForAsync(page, s => s.GetProperty("device").GetString() == "two-a" && s.GetProperty("role").GetString() == "operator" && s.GetProperty("hasConfig").GetBoolean(), seconds: 30);
        await page.ClickAsync("#cmd-stop");
        await page.ClickAsync("#confirm-yes");
        string sent = commands.WaitFor(l => l.StartsWith("edge/two-a/cmd/stop ", StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        string commandId = JsonDocument.Parse(sent["edge/two-a/cmd/stop ".Length..]).RootElement.GetProperty("id").GetString()!;
        DashboardMqttTools.Publish(broker.Port, "edge/two-a/cmd/result", JsonSerializer.Serialize(new Dictionary<string, object> { ["v"] = 1, ["id"] = commandId, ["verb"] = "stop", ["ok"] = true }));
        await page.WaitForFunctionAsync("() => document.querySelector('#cmd-log tbody tr[data-verb=stop]')?.dataset.status === 'accepted'");

        // Under two-b the log does not list two-a's stop: "stop accepted" there would read as two-b's.
        await page.Locator("nav .device[data-device=two-b]").ClickAsync();
        await DashboardPage.WaitForAsync(page, s => s.GetProperty("device").GetString() == "two-b", seconds: 30);
        await page.WaitForFunctionAsync("() => document.querySelectorAll('#cmd-log tbody tr[data-verb]').length === 0");
        Assert.Contains("no commands sent to two-b", await page.Locator("#cmd-log tbody").InnerTextAsync(), StringComparison.Ordinal);

        // Back on two-a, its stop is listed again.
        await page.Locator("nav .device[data-device=two-a]").ClickAsync();
        await page.WaitForFunctionAsync("() => document.querySelector('#cmd-log tbody tr[data-verb=stop]')?.dataset.status === 'accepted'");
        Assert.Single(commands.Lines, l => l.Contains("/cmd/stop ", StringComparison.Ordinal));
        await page.CloseAsync();
    }

    [Fact]
    public async Task ADoubleClickSendsACommandOnce()
    {
        using MosquittoBroker broker = MosquittoBroker.StartNew(new MosquittoBrokerOptions { EnableWebSockets = true });
        using DashboardServer server = new DashboardServer(_browser.DashboardRoot);
        using DashboardSubscription commands = new DashboardSubscription(broker.Port, "edge/+/cmd/#");
        IPage page = await DashboardPage.OpenAsync(_browser, server.PageUrl(broker.WebSocketPort, "twice-1"));
        DashboardMqttTools.Publish(broker.Port, "edge/twice-1/status", DashboardMessages.Online, retain: true);
        DashboardMqttTools.Publish(broker.Port, "edge/twice-1/config", DashboardMessages.Config(2, 2), retain: true);
        await DashboardPage.WaitForAsync(page, s => s.GetProperty("role").GetString() == "operator" && s.GetProperty("hasConfig").GetBoolean(), seconds: 30);

        // A protocol with "start after sending", double-clicked: one operator action, one command. A second setProtocol
        // would stop every module the first had just started and start it again.
        await page.FillAsync("#cmd-steps", "Strip at 0.5 mA/cm2 for 2 s\nRest for 3 s");
        await page.CheckAsync("#cmd-start-after");
        await page.DblClickAsync("#cmd-send-protocol");
        await page.ClickAsync("#confirm-yes");
        await page.DblClickAsync("#cmd-start");
        commands.WaitFor(l => l.StartsWith("edge/twice-1/cmd/start ", StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        await Task.Delay(1500);
        Assert.Single(commands.Lines, l => l.StartsWith("edge/twice-1/cmd/setProtocol ", StringComparison.Ordinal));
        Assert.Single(commands.Lines, l => l.StartsWith("edge/twice-1/cmd/start ", StringComparison.Ordinal));
        Assert.Equal(2, (await DashboardPage.SnapshotAsync(page)).GetProperty("commands").GetArrayLength());
        await page.CloseAsync();
    }

    private async Task<IPage> OpenOperatorPageAsync(MosquittoBroker broker, BrokerLinkProxy link, DashboardServer server, string deviceId)
    {
        DashboardMqttTools.Publish(broker.Port, "edge/" + deviceId + "/status", DashboardMessages.Online, retain: true);
        DashboardMqttTools.Publish(broker.Port, "edge/" + deviceId + "/config", DashboardMessages.Config(2, 2), retain: true);
        IPage page = await DashboardPage.OpenAsync(_browser, server.PageUrl(link.Port, deviceId));

        // An anonymous broker without an ACL lets the page publish commands: it is an operator.
        await DashboardPage.WaitForAsync(page, s => s.GetProperty("role").GetString() == "operator" && s.GetProperty("hasConfig").GetBoolean(), seconds: 30);
        return page;
    }
}
