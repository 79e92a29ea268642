using System.Text.Json;
using Edge.HostSim.Dashboard;
using Edge.HostSim.Mqtt.Bridge;
using Edge.HostSim.Mqtt.Broker;
using Microsoft.Playwright;

namespace Edge.Telemetry.IntegrationTests;

/// <summary>
/// Controls against a simulated device behind a broker with a password file and an ACL
/// (<see cref="DashboardAclBroker"/>): an operator's commands reach the device and its replies show;
/// a viewer sees no controls, and the broker refuses a viewer's command all the same.
/// </summary>
public sealed class DashboardControlTests : IClassFixture<BrowserFixture>
{
    private readonly BrowserFixture _browser;

    public DashboardControlTests(BrowserFixture browser)
    {
        _browser = browser;
    }

    [Fact]
    public async Task OperatorCommandsReachTheDeviceAndTheRepliesShow()
    {
        using DashboardAclBroker broker = new DashboardAclBroker();
        using DashboardServer server = new DashboardServer(_browser.DashboardRoot);
        using DashboardSubscription commands = new DashboardSubscription(broker.Port, "edge/+/cmd/#", DashboardAclBroker.OperatorUser, DashboardAclBroker.OperatorPassword);
        var scenario = SimulatedDevice.Load("soft-short.json", s =>
        {
            s.Faults.Clear();
            s.TimeLimitS = 3600;
        });
        using SimulatedDevice device = new SimulatedDevice(scenario, Bridge(broker, "ctl-1"), realtimeFactor: 4, cellVoltagePeriodMs: 250);

        IPage page = await DashboardPage.OpenAsync(_browser, server.PageUrl(broker.WebSocketPort, "ctl-1"), waitConnected: false);
        Assert.Equal(0, await page.Locator("#controls:visible").CountAsync());
        await DashboardPage.LoginAsync(page, DashboardAclBroker.OperatorUser, DashboardAclBroker.OperatorPassword);
        await DashboardPage.WaitForAsync(page, s => s.GetProperty("role").GetString() == "operator" && s.GetProperty("hasConfig").GetBoolean()
            && s.GetProperty("modules").EnumerateArray().All(m => m.GetProperty("changes").GetInt32() > 2));
        Assert.True(await page.Locator("#controls").IsVisibleAsync());

        // Stop module 1: a confirmation first; cancelling sends nothing.
        await page.SelectOptionAsync("#cmd-module", "1");
        await page.ClickAsync("#cmd-stop");
        Assert.True(await page.Locator("#confirm").IsVisibleAsync());
        Assert.Contains("Stop module 1 on ctl-1", await page.TextContentAsync("#confirm-text"), StringComparison.Ordinal);
        await page.ClickAsync("#confirm-no");
        await Task.Delay(500);
        Assert.DoesNotContain(commands.Lines, l => l.StartsWith("edge/ctl-1/cmd/stop", StringComparison.Ordinal));

        await page.ClickAsync("#cmd-stop");
        await page.ClickAsync("#confirm-yes");
        string stop = commands.WaitFor(l => l.StartsWith("edge/ctl-1/cmd/stop ", StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        using (JsonDocument body = JsonDocument.Parse(stop.Substring("edge/ctl-1/cmd/stop ".Length)))
        {
            Assert.Equal(1, body.RootElement.GetProperty("module").GetInt32());
            Assert.StartsWith("ui-", body.RootElement.GetProperty("id").GetString(), StringComparison.Ordinal);
        }

        // The device's reply is shown against the command, and the device did it: module 1 done by command, module 0 still running.
        JsonElement snapshot = await DashboardPage.WaitForAsync(page, s => s.GetProperty("commands")[0].GetProperty("status").GetString() == "accepted"
            && s.GetProperty("modules")[1].GetProperty("state").GetString() == "done");
        Assert.Contains("accepted by the device", await page.Locator("#cmd-log tbody tr[data-verb=stop]").InnerTextAsync(), StringComparison.Ordinal);
        Assert.NotEqual("done", snapshot.GetProperty("modules")[0].GetProperty("state").GetString());

        // Switch mode: the device applies it and republishes its config.
        await page.SelectOptionAsync("#cmd-mode", "observe");
        await page.ClickAsync("#cmd-set-mode");
        commands.WaitFor(l => l.StartsWith("edge/ctl-1/cmd/setMode ", StringComparison.Ordinal) && l.Contains("\"mode\":\"observe\"", StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        await DashboardPage.WaitForAsync(page, s => s.GetProperty("commands")[0].GetProperty("status").GetString() == "accepted");
        await page.WaitForSelectorAsync("#device-facts [data-fact=mode]:has-text('observe')");

        // A protocol the device refuses (current over the safety envelope): the refusal and its reason are shown, with the
        // line of the box the refused step stands on (the blank first line is not sent, so steps[0] is line 2).
        await page.FillAsync("#cmd-steps", "\nStrip at 20 mA/cm2 for 1 s\nRest for 5 s");
        await page.ClickAsync("#cmd-send-protocol");

        // setProtocol has no module field: whatever the target says, the protocol is every module's and the device stops
        // the running ones first, so the page asks, and says so.
        Assert.True(await page.Locator("#confirm").IsVisibleAsync());
        string ask = await page.TextContentAsync("#confirm-text") ?? string.Empty;
        Assert.Contains("every module of ctl-1", ask, StringComparison.Ordinal);
        Assert.Contains("stops every running module first", ask, StringComparison.Ordinal);
        await page.ClickAsync("#confirm-yes");
        string protocol = commands.WaitFor(l => l.StartsWith("edge/ctl-1/cmd/setProtocol ", StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        Assert.Contains("\"steps\":[\"Strip at 20 mA/cm2 for 1 s\",\"Rest for 5 s\"]", protocol, StringComparison.Ordinal);
        await DashboardPage.WaitForAsync(page, s => s.GetProperty("commands")[0].GetProperty("status").GetString() == "rejected");
        string refused = await page.Locator("#cmd-log tbody tr[data-verb=setProtocol]").InnerTextAsync();
        Assert.Contains("rejected by the device: steps[0]", refused, StringComparison.Ordinal);
        Assert.Contains("(line 2 of the protocol box)", refused, StringComparison.Ordinal);

        // A good protocol, started at once: accepted.
        await page.FillAsync("#cmd-steps", "Strip at 0.5 mA/cm2 for 2 s\nRest for 3 s");
        await page.CheckAsync("#cmd-start-after");
        await page.ClickAsync("#cmd-send-protocol");
        await page.ClickAsync("#confirm-yes");
        await DashboardPage.WaitForAsync(page, s => s.GetProperty("commands")[0].GetProperty("verb").GetString() == "setProtocol"
            && s.GetProperty("commands")[0].GetProperty("status").GetString() == "accepted");
        await page.WaitForSelectorAsync("#device-facts [data-fact=protocol]:has-text('Strip 0.50 mA/cm2')");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = DashboardPage.ArtifactPath("dashboard-operator.png"), FullPage = true });
        await page.CloseAsync();
    }

    [Fact]
    public async Task ViewerSeesNoControlsAndTheBrokerRefusesItsCommands()
    {
        using DashboardAclBroker broker = new DashboardAclBroker();
        using DashboardServer server = new DashboardServer(_browser.DashboardRoot);
        using DashboardSubscription commands = new DashboardSubscription(broker.Port, "edge/+/cmd/#", DashboardAclBroker.OperatorUser, DashboardAclBroker.OperatorPassword);
        var scenario = SimulatedDevice.Load("soft-short.json", s =>
        {
            s.Faults.Clear();
            s.TimeLimitS = 3600;
        });
        using SimulatedDevice device = new SimulatedDevice(scenario, Bridge(broker, "ctl-2"), realtimeFactor: 4, cellVoltagePeriodMs: 250);

        IPage page = await DashboardPage.OpenAsync(_browser, server.PageUrl(broker.WebSocketPort, "ctl-2"), waitConnected: false);
        await DashboardPage.LoginAsync(page, DashboardAclBroker.ViewerUser, DashboardAclBroker.ViewerPassword);
        JsonElement snapshot = await DashboardPage.WaitForAsync(page, s => s.GetProperty("role").GetString() == "viewer" && s.GetProperty("cellRows").GetInt32() > 4);

        // The viewer reads everything and has no control on the page.
        Assert.True(await page.Locator("#controls").IsHiddenAsync());
        Assert.Equal(0, await page.Locator("button:visible", new PageLocatorOptions { HasTextString = "Stop" }).CountAsync());
        Assert.Equal("viewer: read only", await page.TextContentAsync("#role"));
        Assert.Equal(2, snapshot.GetProperty("modules").GetArrayLength());

        // A viewer who publishes anyway (a client of its own, here MQTT.js in the same page): the broker answers
        // "not authorized" (MQTT 5 reason 135) and nothing reaches the device.
        int reason = await page.EvaluateAsync<int>($$"""
            () => new Promise((resolve) => {
              const c = mqtt.connect('ws://127.0.0.1:{{broker.WebSocketPort}}', { username: '{{DashboardAclBroker.ViewerUser}}', password: '{{DashboardAclBroker.ViewerPassword}}', protocolVersion: 5, reconnectPeriod: 0 });
              c.on('connect', () => c.publish('edge/ctl-2/cmd/stop', JSON.stringify({ id: 'viewer-1', module: -1 }), { qos: 1 }, (err) => { c.end(true); resolve(err ? err.code : 0); }));
              c.on('error', () => resolve(-1));
            })
            """);
        Assert.Equal(135, reason);
        await Task.Delay(1000);
        Assert.DoesNotContain(commands.Lines, l => l.Contains("viewer-1", StringComparison.Ordinal));
        Assert.Contains("Denied PUBLISH", broker.Log, StringComparison.Ordinal);
        snapshot = await DashboardPage.SnapshotAsync(page);
        Assert.All(snapshot.GetProperty("modules").EnumerateArray(), m => Assert.NotEqual("done", m.GetProperty("state").GetString()));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = DashboardPage.ArtifactPath("dashboard-viewer.png"), FullPage = true });
        await page.CloseAsync();
    }

    [Fact]
    public async Task TheModeSelectShowsTheDevicesModeUnlessTheOperatorHasChosenAnother()
    {
        // A device in observe: the select left at its default "act" beside "mode observe" in the facts bar read as if the
        // device acted.
        using MosquittoBroker broker = MosquittoBroker.StartNew(new MosquittoBrokerOptions { EnableWebSockets = true });
        using DashboardServer server = new DashboardServer(_browser.DashboardRoot);
        IPage page = await DashboardPage.OpenAsync(_browser, server.PageUrl(broker.WebSocketPort, "mode-1"));
        DashboardMqttTools.Publish(broker.Port, "edge/mode-1/status", DashboardMessages.Online, retain: true);
        DashboardMqttTools.Publish(broker.Port, "edge/mode-1/config", DashboardMessages.Config(2, 2, mode: "observe"), retain: true);
        await DashboardPage.WaitForAsync(page, s => s.GetProperty("role").GetString() == "operator" && s.GetProperty("hasConfig").GetBoolean(), seconds: 30);
        await page.WaitForSelectorAsync("#device-facts [data-fact=mode]:has-text('observe')");
        Assert.Equal("observe", await page.InputValueAsync("#cmd-mode"));

        // The device switches to act (another operator's command): the select follows.
        DashboardMqttTools.Publish(broker.Port, "edge/mode-1/config", DashboardMessages.Config(2, 2, mode: "act"), retain: true);
        await page.WaitForSelectorAsync("#device-facts [data-fact=mode]:has-text('act')");
        Assert.Equal("act", await page.InputValueAsync("#cmd-mode"));

        // The operator chooses observe and has not sent it: a config of the same mode again does not undo the choice.
        await page.SelectOptionAsync("#cmd-mode", "observe");
        DashboardMqttTools.Publish(broker.Port, "edge/mode-1/config", DashboardMessages.Config(3, 2, mode: "act"), retain: true);
        await DashboardPage.WaitForAsync(page, s => s.GetProperty("modules").GetArrayLength() == 3);
        Assert.Equal("observe", await page.InputValueAsync("#cmd-mode"));
        await page.CloseAsync();
    }

    [Fact]
    public async Task TheProtocolFormShowsTheDevicesProtocolSoThatChangingOneStepChangesOnlyThat()
    {
        // A device on adaptive rests that runs its steps once: the form left at the page's own defaults (fixed rests,
        // repeat) sent those with the operator's new steps, switching the device to fixed repeating rests unasked.
        using DashboardAclBroker broker = new DashboardAclBroker();
        using DashboardServer server = new DashboardServer(_browser.DashboardRoot);
        using DashboardSubscription commands = new DashboardSubscription(broker.Port, "edge/+/cmd/#", DashboardAclBroker.OperatorUser, DashboardAclBroker.OperatorPassword);
        var scenario = SimulatedDevice.Load("soft-short.json", s =>
        {
            s.Faults.Clear();
            s.TimeLimitS = 3600;
            s.Protocol.Steps = new List<string> { "Strip at 0.5 mA/cm2 for 2 s", "Rest" };
            s.Protocol.AdaptiveRest = true;
            s.Protocol.Repeat = false;
        });
        using SimulatedDevice device = new SimulatedDevice(scenario, Bridge(broker, "ctl-3"), realtimeFactor: 4, cellVoltagePeriodMs: 250);

        IPage page = await DashboardPage.OpenAsync(_browser, server.PageUrl(broker.WebSocketPort, "ctl-3"), waitConnected: false);
        await DashboardPage.LoginAsync(page, DashboardAclBroker.OperatorUser, DashboardAclBroker.OperatorPassword);
        await DashboardPage.WaitForAsync(page, s => s.GetProperty("role").GetString() == "operator" && s.GetProperty("hasConfig").GetBoolean());

        // 0.5 mA/cm2 on 0.3848 cm2 is 192 uA, which 0.5 mA/cm2 gives back.
        Assert.Equal("Strip at 0.5 mA/cm2 for 2 s\nRest", await page.InputValueAsync("#cmd-steps"));
        Assert.Equal("adaptive", await page.InputValueAsync("#cmd-rest-mode"));
        Assert.False(await page.IsCheckedAsync("#cmd-repeat"));

        // The operator changes the pulse only; the rest mode and the single pass go with it as the device has them.
        await page.FillAsync("#cmd-steps", "Strip at 0.25 mA/cm2 for 2 s\nRest");
        await page.ClickAsync("#cmd-send-protocol");
        await page.ClickAsync("#confirm-yes");
        string protocol = commands.WaitFor(l => l.StartsWith("edge/ctl-3/cmd/setProtocol ", StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        using JsonDocument body = JsonDocument.Parse(protocol.Substring("edge/ctl-3/cmd/setProtocol ".Length));
        Assert.Equal("adaptive", body.RootElement.GetProperty("restMode").GetString());
        Assert.False(body.RootElement.GetProperty("repeat").GetBoolean());
        await DashboardPage.WaitForAsync(page, s => s.GetProperty("commands")[0].GetProperty("status").GetString() == "accepted");

        // The device's new protocol does not overwrite what the operator typed.
        Assert.Equal("Strip at 0.25 mA/cm2 for 2 s\nRest", await page.InputValueAsync("#cmd-steps"));
        await page.CloseAsync();
    }

    private static MqttBridgeOptions Bridge(DashboardAclBroker broker, string deviceId) => new MqttBridgeOptions
    {
        Port = broker.Port,
        DeviceId = deviceId,
        Username = DashboardAclBroker.DeviceUser,
        Password = DashboardAclBroker.DevicePassword,
    };
}
