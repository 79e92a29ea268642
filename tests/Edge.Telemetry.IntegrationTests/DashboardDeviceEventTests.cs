using System.Text.Json;
using Edge.HostSim.Dashboard;
using Edge.HostSim.Mqtt.Broker;
using Microsoft.Playwright;

namespace Edge.Telemetry.IntegrationTests;

/// <summary>
/// The firmware's own events (<c>edge/&lt;id&gt;/device-event</c>, firmware/README.md "MQTT": <c>{"v":1,"bootId","code","message","timeUtc","seq"}</c>)
/// behind the README's Mosquitto ACL (<see cref="DashboardAclBroker"/>), published with the device's account as the
/// firmware would: they reach an operator, the page lists them per boot, and a watchdog trip, a tick exception or a
/// board error of the running boot stands in a banner; one delivered twice (the same bootId and seq) is listed once.
/// </summary>
public sealed class DashboardDeviceEventTests : IClassFixture<BrowserFixture>
{
    private readonly BrowserFixture _browser;

    public DashboardDeviceEventTests(BrowserFixture browser)
    {
        _browser = browser;
    }

    private static string DeviceEvent(string bootId, string code, string message) =>
        JsonSerializer.Serialize(new Dictionary<string, object> { ["v"] = 1, ["bootId"] = bootId, ["code"] = code, ["message"] = message });

    /// <summary>How many device events the page lists (none when it has no such list at all).</summary>
    private static int Listed(JsonElement snapshot) =>
        snapshot.TryGetProperty("deviceEvents", out JsonElement events) ? events.GetArrayLength() : 0;

    private static void AsDevice(DashboardAclBroker broker, string topic, string payload, bool retain = false) =>
        DashboardMqttTools.Publish(broker.Port, topic, new[] { payload }, retain, DashboardAclBroker.DeviceUser, DashboardAclBroker.DevicePassword);

    [Fact]
    public void ExampleAclLetsTheDevicePublishItsDeviceEvents()
    {
        using DashboardAclBroker broker = new DashboardAclBroker();
        using DashboardSubscription watching = new DashboardSubscription(broker.Port, "edge/+/device-event", DashboardAclBroker.ViewerUser, DashboardAclBroker.ViewerPassword);

        string watchdog = DeviceEvent("0a1b2c3d", "watchdog", "no tick for 500 ms: switches latched open");
        AsDevice(broker, "edge/pack-7/device-event", watchdog);

        // The device's account may publish it and a reader receives it, byte for byte.
        string line = watching.WaitFor(l => l.StartsWith("edge/pack-7/device-event ", StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        Assert.Equal("edge/pack-7/device-event " + watchdog, line);
    }

    [Fact]
    public async Task PageListsDeviceEventsPerBootAndBannersAWatchdogTrip()
    {
        using DashboardAclBroker broker = new DashboardAclBroker();
        using DashboardServer server = new DashboardServer(_browser.DashboardRoot);
        IPage page = await DashboardPage.OpenAsync(_browser, server.PageUrl(broker.WebSocketPort, "dev-1"), waitConnected: false);
        await DashboardPage.LoginAsync(page, DashboardAclBroker.ViewerUser, DashboardAclBroker.ViewerPassword);

        AsDevice(broker, "edge/dev-1/status", """{"v":1,"status":"online","bootId":"b1"}""", retain: true);
        AsDevice(broker, "edge/dev-1/config", DashboardMessages.Config(2, 2), retain: true);
        AsDevice(broker, "edge/dev-1/device-event", DeviceEvent("b1", "board-warning", "board devkitc no hardware enable: unsafe for act mode"));
        AsDevice(broker, "edge/dev-1/device-event", DeviceEvent("b1", "uncalibrated", "no unit calibration record: observing only"));
        AsDevice(broker, "edge/dev-1/device-event", DeviceEvent("b1", "watchdog", "no tick for 500 ms: switches latched open"));

        JsonElement snapshot = await DashboardPage.WaitForAsync(page, s => Listed(s) == 3);
        // Newest first, ranked: a watchdog trip is a fault, a board warning and a missing calibration are warnings.
        string[] codes = snapshot.GetProperty("deviceEvents").EnumerateArray().Select(e => e.GetProperty("code").GetString()!).ToArray();
        string[] severities = snapshot.GetProperty("deviceEvents").EnumerateArray().Select(e => e.GetProperty("severity").GetString()!).ToArray();
        Assert.Equal(new[] { "watchdog", "uncalibrated", "board-warning" }, codes);
        Assert.Equal(new[] { "fault", "warning", "warning" }, severities);
        Assert.Equal(0, snapshot.GetProperty("rejected").GetInt32());

        // What the operator reads: the banner names the trip and its message; the table has every event with its boot.
        Assert.True(await page.Locator("#device-event-banner").IsVisibleAsync());
        string banner = await page.Locator("#device-event-banner").InnerTextAsync();
        Assert.Contains("dev-1 reported watchdog", banner, StringComparison.Ordinal);
        Assert.Contains("no tick for 500 ms: switches latched open", banner, StringComparison.Ordinal);
        Assert.DoesNotContain("uncalibrated", banner, StringComparison.Ordinal);
        string row = await page.Locator("#device-events tbody tr[data-code=watchdog]").InnerTextAsync();
        Assert.Contains("fault", row, StringComparison.Ordinal);
        Assert.Contains("b1", row, StringComparison.Ordinal);
        Assert.Contains("watchdog", await page.Locator("#devices button[data-device=dev-1]").InnerTextAsync(), StringComparison.Ordinal);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = DashboardPage.ArtifactPath("dashboard-device-events.png"), FullPage = true });

        // The device restarts (new bootId): the old boot's trip no longer stands for the running boot, its rows stay, marked.
        AsDevice(broker, "edge/dev-1/status", """{"v":1,"status":"online","bootId":"b2"}""", retain: true);
        AsDevice(broker, "edge/dev-1/device-event", DeviceEvent("b2", "board-warning", "board devkitc no hardware enable: unsafe for act mode"));
        snapshot = await DashboardPage.WaitForAsync(page, s => Listed(s) == 4 && s.GetProperty("deviceEventBanner").ValueKind == JsonValueKind.Null);
        Assert.Equal("b2", snapshot.GetProperty("deviceEvents")[0].GetProperty("bootId").GetString());
        Assert.True(await page.Locator("#device-event-banner").IsHiddenAsync());
        Assert.Contains("b1 (earlier boot)", await page.Locator("#device-events tbody tr[data-code=watchdog]").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("#devices button[data-device=dev-1][data-alarm]").CountAsync());
        await page.CloseAsync();
    }

    [Fact]
    public async Task AnEventHeldThroughAnOutageShowsTheTimeTheDeviceReportedIt()
    {
        using DashboardAclBroker broker = new DashboardAclBroker();
        using DashboardServer server = new DashboardServer(_browser.DashboardRoot);
        IPage page = await DashboardPage.OpenAsync(_browser, server.PageUrl(broker.WebSocketPort, "dev-4"), waitConnected: false);
        await DashboardPage.LoginAsync(page, DashboardAclBroker.ViewerUser, DashboardAclBroker.ViewerPassword);

        // A watchdog trip reported at 05:06:07.089 UTC and sent when the broker came back; a boot failure before SNTP
        // (its time unknown); and an event of a device older than the field, which the page still lists.
        AsDevice(broker, "edge/dev-4/status", """{"v":1,"status":"online","bootId":"e1"}""", retain: true);
        AsDevice(broker, "edge/dev-4/device-event", """{"v":1,"bootId":"e1","code":"watchdog","message":"no tick","timeUtc":"2026-03-04T05:06:07.089Z"}""");
        AsDevice(broker, "edge/dev-4/device-event", """{"v":1,"bootId":"e1","code":"boot-failed","message":"before SNTP","timeUtc":null}""");
        AsDevice(broker, "edge/dev-4/device-event", DeviceEvent("e1", "mqtt-connect", "from an older device"));

        JsonElement snapshot = await DashboardPage.WaitForAsync(page, s => Listed(s) == 3);
        Assert.Equal(0, snapshot.GetProperty("rejected").GetInt32());
        JsonElement[] events = snapshot.GetProperty("deviceEvents").EnumerateArray().ToArray();
        Assert.Equal(JsonValueKind.Null, events[0].GetProperty("timeUtc").ValueKind);
        Assert.Equal(JsonValueKind.Null, events[1].GetProperty("timeUtc").ValueKind);
        Assert.Equal("2026-03-04T05:06:07.089Z", events[2].GetProperty("timeUtc").GetString());
        Assert.Contains("2026-03-04T05:06:07.089Z", await page.Locator("#device-events tbody tr[data-code=watchdog]").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("unknown", await page.Locator("#device-events tbody tr[data-code=boot-failed]").InnerTextAsync(), StringComparison.Ordinal);
        await page.CloseAsync();
    }

    [Fact]
    public async Task AnEventRedeliveredAfterAReconnectIsListedOnce()
    {
        using DashboardAclBroker broker = new DashboardAclBroker();
        using DashboardServer server = new DashboardServer(_browser.DashboardRoot);
        IPage page = await DashboardPage.OpenAsync(_browser, server.PageUrl(broker.WebSocketPort, "dev-5"), waitConnected: false);
        await DashboardPage.LoginAsync(page, DashboardAclBroker.ViewerUser, DashboardAclBroker.ViewerPassword);

        // Two trips with the same text (seq 1 and 2); their PUBACKs were lost with the link, so the device sends both again
        // after the reconnect, then reports the lost session (seq 3). The next boot numbers from 1 again.
        static string Numbered(string bootId, int seq, string code, string message) =>
            JsonSerializer.Serialize(new Dictionary<string, object> { ["v"] = 1, ["bootId"] = bootId, ["code"] = code, ["message"] = message, ["timeUtc"] = "2026-03-04T05:06:07.089Z", ["seq"] = seq });
        AsDevice(broker, "edge/dev-5/status", """{"v":1,"status":"online","bootId":"f1"}""", retain: true);
        DashboardMqttTools.Publish(broker.Port, "edge/dev-5/device-event", new[]
        {
            Numbered("f1", 1, "watchdog", "no tick"), Numbered("f1", 2, "watchdog", "no tick"),
            Numbered("f1", 1, "watchdog", "no tick"), Numbered("f1", 2, "watchdog", "no tick"),
            Numbered("f1", 3, "mqtt-connect", "connection lost; retry in 1000 ms"), Numbered("f2", 1, "watchdog", "no tick"),
        }, false, DashboardAclBroker.DeviceUser, DashboardAclBroker.DevicePassword);

        // One topic keeps its order: once the next boot's event is in, every redelivery before it has been seen.
        JsonElement snapshot = await DashboardPage.WaitForAsync(page, s => Listed(s) > 0 && s.GetProperty("deviceEvents")[0].GetProperty("bootId").GetString() == "f2");
        Assert.Equal(0, snapshot.GetProperty("rejected").GetInt32());
        string[] listed = snapshot.GetProperty("deviceEvents").EnumerateArray().Select(e => e.GetProperty("bootId").GetString() + "/" + (e.TryGetProperty("seq", out JsonElement seq) ? seq.ToString() : "none")).ToArray();
        Assert.Equal(new[] { "f2/1", "f1/3", "f1/2", "f1/1" }, listed);
        Assert.Contains("4 received", await page.Locator("#device-event-count").InnerTextAsync(), StringComparison.Ordinal);
        await page.CloseAsync();
    }

    [Fact]
    public async Task BoardErrorShowsWithoutAConfig()
    {
        // A device whose board file failed publishes its status and its device events, never a config.
        using DashboardAclBroker broker = new DashboardAclBroker();
        using DashboardServer server = new DashboardServer(_browser.DashboardRoot);
        IPage page = await DashboardPage.OpenAsync(_browser, server.PageUrl(broker.WebSocketPort, "dev-2"), waitConnected: false);
        await DashboardPage.LoginAsync(page, DashboardAclBroker.ViewerUser, DashboardAclBroker.ViewerPassword);

        AsDevice(broker, "edge/dev-2/status", """{"v":1,"status":"online","bootId":"c1"}""", retain: true);
        AsDevice(broker, "edge/dev-2/device-event", DeviceEvent("c1", "board-error", "board.ini line 12: cell 4 has no channel"));

        JsonElement snapshot = await DashboardPage.WaitForAsync(page, s => Listed(s) == 1);
        Assert.False(snapshot.GetProperty("hasConfig").GetBoolean());
        Assert.True(await page.Locator("#device-event-banner").IsVisibleAsync());
        Assert.Contains("dev-2 reported board-error", await page.Locator("#device-event-banner").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("board.ini line 12: cell 4 has no channel", await page.Locator("#device-events tbody").InnerTextAsync(), StringComparison.Ordinal);
        // No config will come: the facts say why there is none, not that the page waits for it.
        await page.WaitForFunctionAsync("() => document.querySelector('#device-facts').innerText.includes('control loop')");
        Assert.Equal("control loop not running (board or hardware error): the device events below say why", await page.Locator("#device-facts").InnerTextAsync());
        await page.CloseAsync();
    }

    /// <summary>
    /// Selecting a device that has no config (its board failed) after one that runs: the page shows the second device's
    /// events and nothing of the first's modules, events or controls under the second's name.
    /// </summary>
    [Fact]
    public async Task ADeviceWithoutAConfigSelectedAfterARunningOneShowsNoneOfTheOthersModules()
    {
        using MosquittoBroker broker = MosquittoBroker.StartNew(new MosquittoBrokerOptions { EnableWebSockets = true });
        using DashboardServer server = new DashboardServer(_browser.DashboardRoot);
        IPage page = await OpenOnARunningDeviceAsync(broker, server, "run-a", filter: null);

        DashboardMqttTools.Publish(broker.Port, "edge/err-b/status", """{"v":1,"status":"online","bootId":"c1"}""", retain: true);
        DashboardMqttTools.Publish(broker.Port, "edge/err-b/device-event", DeviceEvent("c1", "board-error", "board.ini line 12: cell 4 has no channel"));
        await page.Locator("nav .device[data-device=err-b]").ClickAsync();
        JsonElement snapshot = await DashboardPage.WaitForAsync(page, s => s.GetProperty("device").GetString() == "err-b" && Listed(s) == 1, seconds: 30);
        Assert.False(snapshot.GetProperty("hasConfig").GetBoolean());
        Assert.Contains("board.ini line 12", await page.Locator("#device-events tbody").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("#modules .module").CountAsync());
        Assert.Equal(0, await page.Locator("#events tbody tr").CountAsync());
        Assert.False(await page.Locator("#controls").IsVisibleAsync(), "commands for a device that runs no control loop");
        await page.CloseAsync();
    }

    /// <summary>
    /// A device the page watches reboots with a board error: the new boot comes online without a control loop and clears
    /// its retained config (as the firmware does). The page drops the earlier boot's modules and shows the new boot's
    /// device events alone, as a page opened only now would.
    /// </summary>
    [Fact]
    public async Task ADeviceThatClearsItsConfigAfterARebootLosesItsModulesOnAnOpenPage()
    {
        using MosquittoBroker broker = MosquittoBroker.StartNew(new MosquittoBrokerOptions { EnableWebSockets = true });
        using DashboardServer server = new DashboardServer(_browser.DashboardRoot);
        IPage page = await OpenOnARunningDeviceAsync(broker, server, "boot-c", filter: "boot-c");

        DashboardMqttTools.Publish(broker.Port, "edge/boot-c/status", """{"v":1,"status":"online","bootId":"c2"}""", retain: true);
        DashboardMqttTools.ClearRetained(broker.Port, "edge/boot-c/config");
        DashboardMqttTools.Publish(broker.Port, "edge/boot-c/device-event", DeviceEvent("c2", "board-error", "board.ini line 3: unknown key"));
        JsonElement snapshot = await DashboardPage.WaitForAsync(page, s => !s.GetProperty("hasConfig").GetBoolean() && Listed(s) == 1, seconds: 30);
        Assert.Equal(0, snapshot.GetProperty("rejected").GetInt32());
        await page.WaitForFunctionAsync("() => document.querySelectorAll('#modules .module').length === 0");
        Assert.Contains("boot-c reported board-error", await page.Locator("#device-event-banner").InnerTextAsync(), StringComparison.Ordinal);
        await page.CloseAsync();
    }

    /// <summary>
    /// A watched device reboots and clears its retained config, with no device event yet (the firmware clears it on
    /// connecting, before its log's events go out): CONTRACT.md says only a boot without a control loop does that, so the
    /// facts say so instead of "waiting for the device's config...", a config that will not come.
    /// </summary>
    [Fact]
    public async Task ADeviceThatClearsItsConfigIsSaidToRunNoControlLoop()
    {
        using MosquittoBroker broker = MosquittoBroker.StartNew(new MosquittoBrokerOptions { EnableWebSockets = true });
        using DashboardServer server = new DashboardServer(_browser.DashboardRoot);
        IPage page = await OpenOnARunningDeviceAsync(broker, server, "boot-d", filter: "boot-d");

        DashboardMqttTools.Publish(broker.Port, "edge/boot-d/status", """{"v":1,"status":"online","bootId":"d2"}""", retain: true);
        DashboardMqttTools.ClearRetained(broker.Port, "edge/boot-d/config");
        await DashboardPage.WaitForAsync(page, s => !s.GetProperty("hasConfig").GetBoolean(), seconds: 30);
        await page.WaitForFunctionAsync("() => document.querySelector('#device-facts').innerText.includes('control loop')");
        Assert.Equal("control loop not running (board or hardware error): the device events below say why", await page.Locator("#device-facts").InnerTextAsync());
        await page.CloseAsync();
    }

    /// <summary>
    /// A page (on <paramref name="filter"/>, or every device) showing device <paramref name="deviceId"/> running: its
    /// config (2 x 2), a cells record per module and one event, drawn as two module cards and an event row.
    /// </summary>
    private async Task<IPage> OpenOnARunningDeviceAsync(MosquittoBroker broker, DashboardServer server, string deviceId, string? filter)
    {
        string root = "edge/" + deviceId + "/";
        DashboardMqttTools.Publish(broker.Port, root + "status", DashboardMessages.Online, retain: true);
        DashboardMqttTools.Publish(broker.Port, root + "config", DashboardMessages.Config(2, 2), retain: true);
        IPage page = await DashboardPage.OpenAsync(_browser, server.PageUrl(broker.WebSocketPort, filter));
        DashboardMqttTools.Publish(broker.Port, root + "telemetry/cells", new[] { DashboardMessages.Cells(1, 1000, 0, "pulse", 300, 301), DashboardMessages.Cells(2, 1000, 1, "rest", 200, 201) });
        DashboardMqttTools.Publish(broker.Port, root + "event", DashboardMessages.Event(1, 1000, "depletionOnset", "warning", 0, 1));
        await DashboardPage.WaitForAsync(page, s => s.GetProperty("device").GetString() == deviceId && s.GetProperty("cellRows").GetInt32() > 0 && s.GetProperty("events").GetArrayLength() == 1, seconds: 30);
        await page.WaitForFunctionAsync("() => document.querySelectorAll('#modules .module').length === 2 && document.querySelectorAll('#events tbody tr').length === 1");
        return page;
    }

    [Fact]
    public async Task BadDeviceEventIsRejectedAndChangesNothing()
    {
        using DashboardAclBroker broker = new DashboardAclBroker();
        using DashboardServer server = new DashboardServer(_browser.DashboardRoot);
        IPage page = await DashboardPage.OpenAsync(_browser, server.PageUrl(broker.WebSocketPort, "dev-3"), waitConnected: false);
        await DashboardPage.LoginAsync(page, DashboardAclBroker.ViewerUser, DashboardAclBroker.ViewerPassword);

        AsDevice(broker, "edge/dev-3/status", """{"v":1,"status":"online","bootId":"d1"}""", retain: true);
        AsDevice(broker, "edge/dev-3/config", DashboardMessages.Config(2, 2), retain: true);
        AsDevice(broker, "edge/dev-3/device-event", DeviceEvent("d1", "uncalibrated", "no unit calibration record: observing only"));
        await DashboardPage.WaitForAsync(page, s => Listed(s) == 1);
        string tableBefore = await page.Locator("#device-events tbody").InnerTextAsync();

        string[] bad =
        {
            """{"bootId":"d1","code":"watchdog","message":"no v"}""",
            """{"v":2,"bootId":"d1","code":"watchdog","message":"another version"}""",
            """{"v":1,"bootId":"d 1!","code":"watchdog","message":"not a boot id"}""",
            """{"v":1,"code":"watchdog","message":"no boot id"}""",
            """{"v":1,"bootId":"d1","code":"<b>watchdog</b>","message":"markup as a code"}""",
            """{"v":1,"bootId":"d1","code":"Watchdog","message":"not kebab-case"}""",
            """{"v":1,"bootId":"d1","code":7,"message":"a number as a code"}""",
            """{"v":1,"bootId":"d1","code":"watchdog","message":42}""",
            """{"v":1,"bootId":"d1","code":"watchdog"}""",
            """{"v":1,"bootId":"d1","code":"watchdog","message":"a time without its zone","timeUtc":"2026-03-04T05:06:07.089"}""",
            """{"v":1,"bootId":"d1","code":"watchdog","message":"a number as a time","timeUtc":1772600767089}""",
            """{"v":1,"bootId":"d1","code":"watchdog","message":"seq counts from 1","seq":0}""",
            """{"v":1,"bootId":"d1","code":"watchdog","message":"a text as a seq","seq":"1"}""",
            """["watchdog"]""",
            "watchdog tripped",
        };
        foreach (string payload in bad)
        {
            AsDevice(broker, "edge/dev-3/device-event", payload);
        }

        JsonElement snapshot = await DashboardPage.WaitForAsync(page, s => s.GetProperty("rejected").GetInt32() == bad.Length);
        string[] reasons = snapshot.GetProperty("rejectedReasons").EnumerateArray().Select(e => e.GetString()!).ToArray();
        Assert.Contains("device-event: v: not contract version 1", reasons);
        Assert.Contains("device-event: bootId: not a boot id", reasons);
        Assert.Contains("device-event: code: not a device event code", reasons);
        Assert.Contains("device-event: message: not a text", reasons);
        Assert.Contains("device-event: timeUtc: not an ISO 8601 UTC time", reasons);
        Assert.Contains("device-event: seq: 0 outside 1..9007199254740991", reasons);
        Assert.Contains("device-event: seq: not an integer", reasons);
        Assert.Contains("not UTF-8 JSON", reasons);

        // Nothing changed: the one good event, no banner, the same table.
        Assert.Single(snapshot.GetProperty("deviceEvents").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, snapshot.GetProperty("deviceEventBanner").ValueKind);
        Assert.True(await page.Locator("#device-event-banner").IsHiddenAsync());
        Assert.Equal(tableBefore, await page.Locator("#device-events tbody").InnerTextAsync());
        await page.CloseAsync();
    }

    /// <summary>
    /// Every code the firmware reports (each <c>Report("code", ...)</c> in its sources, and the log's own events-dropped)
    /// gets the page's ranking, none "unknown": a code added to the firmware without one fails here. A console command
    /// is information: an operator learns that someone at the bench acted, which is no fault.
    /// </summary>
    [Fact]
    public async Task EveryCodeTheFirmwareReportsIsRankedOnThePage()
    {
        string firmware = Path.GetFullPath(Path.Combine(_browser.DashboardRoot, "..", "..", "firmware", "Edge.Firmware"));
        SortedSet<string> codes = new SortedSet<string>(StringComparer.Ordinal) { "events-dropped" };
        foreach (string file in Directory.EnumerateFiles(firmware, "*.cs", SearchOption.AllDirectories))
        {
            foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(File.ReadAllText(file), @"\.Report\(\s*""([a-z-]+)"""))
            {
                codes.Add(m.Groups[1].Value);
            }
        }

        Assert.Contains("console-command", codes);
        Assert.Contains("watchdog", codes);

        using DashboardAclBroker broker = new DashboardAclBroker();
        using DashboardServer server = new DashboardServer(_browser.DashboardRoot);
        IPage page = await DashboardPage.OpenAsync(_browser, server.PageUrl(broker.WebSocketPort, "dev-9"), waitConnected: false);
        await DashboardPage.LoginAsync(page, DashboardAclBroker.ViewerUser, DashboardAclBroker.ViewerPassword);
        AsDevice(broker, "edge/dev-9/status", """{"v":1,"status":"online","bootId":"g1"}""", retain: true);
        DashboardMqttTools.Publish(broker.Port, "edge/dev-9/device-event", codes.Select(c => DeviceEvent("g1", c, "a " + c + " event")).ToArray(),
            false, DashboardAclBroker.DeviceUser, DashboardAclBroker.DevicePassword);

        JsonElement snapshot = await DashboardPage.WaitForAsync(page, s => Listed(s) == codes.Count);
        Dictionary<string, string> ranked = snapshot.GetProperty("deviceEvents").EnumerateArray()
            .ToDictionary(e => e.GetProperty("code").GetString()!, e => e.GetProperty("severity").GetString()!);
        Assert.Equal(codes, ranked.Keys.Order(StringComparer.Ordinal));
        Assert.All(ranked, pair => Assert.True(pair.Value is "info" or "warning" or "fault", pair.Key + " is ranked " + pair.Value));
        Assert.Equal("info", ranked["console-command"]);
        Assert.Equal("fault", ranked["watchdog"]);
        await page.CloseAsync();
    }
}
