using System.Text.Json;
using Edge.HostSim.Dashboard;
using Edge.HostSim.Mqtt.Broker;
using Microsoft.Playwright;
using MQTTnet;
using MQTTnet.Formatter;

namespace Edge.Telemetry.IntegrationTests;

/// <summary>
/// The page's own broker connection: what it shows while that connection is down and after it comes back.
/// </summary>
public sealed class DashboardConnectionTests : IClassFixture<BrowserFixture>
{
    private readonly BrowserFixture _browser;

    public DashboardConnectionTests(BrowserFixture browser)
    {
        _browser = browser;
    }

    [Fact]
    public async Task ModuleStatesAreNotCurrentFromTheMomentTheBrokerConnectionDropsUntilFreshDataArrive()
    {
        using MosquittoBroker broker = MosquittoBroker.StartNew(new MosquittoBrokerOptions { EnableWebSockets = true });
        using DashboardServer server = new DashboardServer(_browser.DashboardRoot);
        IPage page = await DashboardPage.OpenAsync(_browser, server.PageUrl(broker.WebSocketPort, "link-1"));
        DashboardMqttTools.Publish(broker.Port, "edge/link-1/status", DashboardMessages.Online, retain: true);

        // Cell voltages once a minute: the stale limit is three periods, 180 s, far beyond anything waited for below, so
        // only the lost connection itself can make the states not current here.
        DashboardMqttTools.Publish(broker.Port, "edge/link-1/config", DashboardMessages.Config(1, 2, cellVoltagePeriodMs: 60_000), retain: true);
        DashboardMqttTools.Publish(broker.Port, "edge/link-1/telemetry/cells", DashboardMessages.Cells(1, 1000, 0, "pulse", 100, 101));
        await DashboardPage.WaitForAsync(page, s => s.GetProperty("cellRows").GetInt32() == 1 && !s.GetProperty("stale").GetBoolean());
        Assert.Equal("pulse", await page.Locator(".module .state").First.TextContentAsync());

        // The broker goes away: the module must not go on looking like a live pulse (the device may have faulted since).
        broker.Stop();
        await DashboardPage.WaitForAsync(page, s => s.GetProperty("connection").GetString() != "connected", seconds: 30);
        JsonElement down = await DashboardPage.WaitForAsync(page, s => s.GetProperty("stale").GetBoolean(), seconds: 10);
        Assert.NotEqual("connected", down.GetProperty("connection").GetString());
        // The snapshot judges staleness when asked; the page draws it at its next frame.
        await ModuleStateShownAsync(page, "no data");
        Assert.Contains("No broker connection since", await page.Locator("#stale-banner").InnerTextAsync(), StringComparison.Ordinal);
        await page.ClickAsync("#compact-toggle");
        JsonElement compact = await DashboardPage.WaitForAsync(page, s => s.GetProperty("compact").ValueKind == JsonValueKind.Object, seconds: 10);
        Assert.True(compact.GetProperty("compact").GetProperty("faded").GetBoolean());
        Assert.Contains("no broker connection", await page.Locator("#state-counts").InnerTextAsync(), StringComparison.Ordinal);
        await page.ClickAsync("#compact-toggle");

        // Back on the broker (its retained status and config come again), but nothing new from the device: still not current.
        broker.Start();
        await DashboardPage.WaitForAsync(page, s => s.GetProperty("connection").GetString() == "connected", seconds: 60);
        await Task.Delay(1500);
        JsonElement back = await DashboardPage.SnapshotAsync(page);
        Assert.True(back.GetProperty("stale").GetBoolean(), back.GetRawText());
        await ModuleStateShownAsync(page, "no data");
        await page.WaitForFunctionAsync(
            "() => document.querySelector('#stale-banner')?.innerText.includes('Reconnected to the broker at')",
            null,
            new PageWaitForFunctionOptions { Timeout = 10_000 });

        // A fresh record: live again, with the state it reports.
        DashboardMqttTools.Publish(broker.Port, "edge/link-1/telemetry/cells", DashboardMessages.Cells(2, 61_000, 0, "rest", 100, 101));
        await DashboardPage.WaitForAsync(page, s => !s.GetProperty("stale").GetBoolean() && s.GetProperty("cellRows").GetInt32() == 2, seconds: 30);
        Assert.Equal("rest", await page.Locator(".module .state").First.TextContentAsync());
        Assert.False(await page.Locator("#stale-banner").IsVisibleAsync());
        await page.CloseAsync();
    }

    [Fact]
    public async Task MessagesOfTheClosedConnectionAreNotAppliedAfterLoggingInAgain()
    {
        using MosquittoBroker broker = MosquittoBroker.StartNew(new MosquittoBrokerOptions { EnableWebSockets = true });
        using DashboardServer server = new DashboardServer(_browser.DashboardRoot);
        IPage page = await DashboardPage.OpenAsync(_browser, server.PageUrl(broker.WebSocketPort, "old-1"));
        DashboardMqttTools.Publish(broker.Port, "edge/old-1/config", DashboardMessages.Config(1, 2), retain: true);
        DashboardMqttTools.Publish(broker.Port, "edge/new-1/config", DashboardMessages.Config(1, 2), retain: true);
        await DashboardPage.WaitForAsync(page, s => s.GetProperty("hasConfig").GetBoolean(), seconds: 30);

        // The operator switches to device new-1 while old-1's messages stream in: the login goes out the moment some of
        // them have arrived and wait for the page's next frame.
        await page.FillAsync("#settings input[name=device]", "new-1");
        Task<bool> switched = page.EvaluateAsync<bool>(@"() => new Promise((resolve) => {
            const poll = () => {
                if (window.edgeDashboard.snapshot().queued > 0) {
                    document.querySelector('#settings button[type=submit]').click();
                    resolve(true);
                } else {
                    setTimeout(poll, 0);
                }
            };
            poll();
        })");
        IEnumerable<string> burst = Enumerable.Range(1, 5000).Select(seq => DashboardMessages.Cells(seq, seq * 10L, 0, "pulse", 100, 101));
        await Task.Run(() => DashboardMqttTools.Publish(broker.Port, "edge/old-1/telemetry/cells", burst));
        Assert.True(await switched);

        // The new session shows new-1 alone: none of old-1's messages of the closed connection reached its view.
        await DashboardPage.WaitForAsync(page, s => s.GetProperty("connection").GetString() == "connected"
            && s.GetProperty("device").GetString() == "new-1" && s.GetProperty("hasConfig").GetBoolean() && s.GetProperty("queued").GetInt32() == 0, seconds: 30);
        await Task.Delay(1000);
        JsonElement after = await DashboardPage.SnapshotAsync(page);
        Assert.Equal(1, after.GetProperty("devices").GetInt32());
        Assert.Equal(0, after.GetProperty("rejected").GetInt32());
        Assert.Equal(0, await page.Locator("nav .device[data-device=old-1]").CountAsync());
        Assert.Equal(1, await page.Locator("nav .device[data-device=new-1]").CountAsync());
        await page.CloseAsync();
    }

    [Fact]
    public async Task ATabOpenedFromThePageKeepsItsOwnConnectionAndNeitherDropsTheOther()
    {
        using MosquittoBroker broker = MosquittoBroker.StartNew(new MosquittoBrokerOptions { EnableWebSockets = true });
        using DashboardServer server = new DashboardServer(_browser.DashboardRoot);
        IPage first = await DashboardPage.OpenAsync(_browser, server.PageUrl(broker.WebSocketPort, "twin-1"));

        // A second tab of the page (window.open, as a browser's "duplicate tab" does, copies the tab's session storage).
        IPage second = await first.RunAndWaitForPopupAsync(() => first.EvaluateAsync("() => { window.open(location.href); }"));
        second.SetDefaultTimeout(180_000);
        await DashboardPage.WaitForAsync(second, s => s.GetProperty("connection").GetString() == "connected", seconds: 60);

        // Two tabs are two MQTT clients: the broker must not hand one's connection to the other (a client id taken over
        // closes the older connection, which reconnects and takes it back, every second).
        DashboardMqttTools.Publish(broker.Port, "edge/twin-1/config", DashboardMessages.Config(1, 2), retain: true);
        await Task.Delay(5000);
        foreach (IPage page in new[] { first, second })
        {
            JsonElement s = await DashboardPage.SnapshotAsync(page);
            Assert.True(s.GetProperty("connection").GetString() == "connected" && s.GetProperty("reconnects").GetInt32() == 0 && s.GetProperty("outages").GetInt32() == 0, s.GetRawText());
        }

        await second.CloseAsync();
        await first.CloseAsync();
    }

    [Fact]
    public async Task APageThatGoesAwayOrLogsInAgainLeavesNoSessionAtTheBroker()
    {
        using MosquittoBroker broker = MosquittoBroker.StartNew(new MosquittoBrokerOptions { EnableWebSockets = true });
        using DashboardServer server = new DashboardServer(_browser.DashboardRoot);

        // The probe below sees a session the broker keeps: one left the way a socket closing leaves it (ten minutes).
        await LeaveSessionAsync(broker.Port, "kept-1");
        Assert.True(await BrokerHoldsSessionAsync(broker.Port, "kept-1"), "the probe does not see a session the broker keeps");

        // A second login of the page: the first login's session can never be resumed (each login has a client id of its
        // own), so the broker must not keep it, queueing QoS 1 events for it.
        IPage page = await DashboardPage.OpenAsync(_browser, server.PageUrl(broker.WebSocketPort, "gone-2"));
        string firstLogin = (await DashboardPage.SnapshotAsync(page)).GetProperty("clientId").GetString()!;
        await DashboardPage.LoginAsync(page, "operator", "secret");
        string secondLogin = (await DashboardPage.SnapshotAsync(page)).GetProperty("clientId").GetString()!;
        Assert.NotEqual(firstLogin, secondLogin);
        await Task.Delay(1000);
        Assert.False(await BrokerHoldsSessionAsync(broker.Port, firstLogin), "the broker still keeps the session of the login before");

        // The page goes away: reloaded, closed, or another address in the tab. Its session goes too; each reload would
        // otherwise leave one.
        await page.ReloadAsync();
        await DashboardPage.WaitForAsync(page, s => s.GetProperty("connection").GetString() == "connected");
        string reloaded = (await DashboardPage.SnapshotAsync(page)).GetProperty("clientId").GetString()!;
        await Task.Delay(1000);
        Assert.False(await BrokerHoldsSessionAsync(broker.Port, secondLogin), "the broker still keeps the session of the page before its reload");
        await page.CloseAsync(new PageCloseOptions { RunBeforeUnload = true });
        await Task.Delay(1000);
        Assert.False(await BrokerHoldsSessionAsync(broker.Port, reloaded), "the broker still keeps the session of a closed page");

        IPage other = await DashboardPage.OpenAsync(_browser, server.PageUrl(broker.WebSocketPort, "gone-2"));
        string navigated = (await DashboardPage.SnapshotAsync(other)).GetProperty("clientId").GetString()!;
        await other.GotoAsync("about:blank");
        await Task.Delay(1000);
        Assert.False(await BrokerHoldsSessionAsync(broker.Port, navigated), "the broker still keeps the session of a page navigated away from");
        await other.CloseAsync();
    }

    /// <summary>
    /// Whether the broker holds a session for <paramref name="clientId"/>: a connection that asks to resume it is told
    /// (CONNACK "session present"). The probe's own session ends with it, so ask once per client id.
    /// </summary>
    private static async Task<bool> BrokerHoldsSessionAsync(int port, string clientId)
    {
        using IMqttClient probe = new MqttClientFactory().CreateMqttClient();
        MqttClientOptions options = new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId(clientId)
            .WithProtocolVersion(MqttProtocolVersion.V500).WithCleanStart(false).WithSessionExpiryInterval(0).Build();
        MqttClientConnectResult result = await probe.ConnectAsync(options);
        await probe.DisconnectAsync();
        return result.IsSessionPresent;
    }

    /// <summary>A client that asks for a ten-minute session, as the page does, and leaves without changing it.</summary>
    private static async Task LeaveSessionAsync(int port, string clientId)
    {
        using IMqttClient client = new MqttClientFactory().CreateMqttClient();
        MqttClientOptions options = new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId(clientId)
            .WithProtocolVersion(MqttProtocolVersion.V500).WithCleanStart(true).WithSessionExpiryInterval(600).Build();
        await client.ConnectAsync(options);
        await client.DisconnectAsync();
    }

    /// <summary>Waits (10 s at most) until the first module card shows <paramref name="state"/>.</summary>
    private static async Task ModuleStateShownAsync(IPage page, string state)
    {
        await page.WaitForFunctionAsync(
            "expected => document.querySelector('.module .state')?.textContent === expected",
            state,
            new PageWaitForFunctionOptions { Timeout = 10_000 });
    }
}
