using System.Text.Json;
using System.Text.RegularExpressions;
using Edge.HostSim.Dashboard;
using Edge.HostSim.Mqtt.Broker;
using Edge.HostSim.Tests.Cli;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Edge.Telemetry.IntegrationTests;

/// <summary>
/// A page left open while the simulator that serves it is started again (another scenario, a rerun), and while its broker
/// stays away: the page finds the new run on the address it has, and tries a broker that is away less and less often.
/// </summary>
public sealed class DashboardRunRestartTests : IClassFixture<BrowserFixture>, IDisposable
{
    private readonly BrowserFixture _browser;
    private readonly ITestOutputHelper _output;
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "edge-dash-restart-" + Guid.NewGuid().ToString("N"));

    public DashboardRunRestartTests(BrowserFixture browser, ITestOutputHelper output)
    {
        _browser = browser;
        _output = output;
        Directory.CreateDirectory(_directory);
    }

    public void Dispose()
    {
        Directory.Delete(_directory, true);
    }

    [Fact]
    public async Task APageLeftOpenFindsTheSimulatorStartedAgainOnTheSameDashboardPort()
    {
        // Two scenarios a user may run one after the other: 2 modules, then 3, so the page's modules say which run it shows.
        string first = Scenario("first", modules: 2);
        string second = Scenario("second", modules: 3);
        string port = FreePort.Allocate(1)[0].ToString(System.Globalization.CultureInfo.InvariantCulture);

        string firstUrl;
        string firstBoot;
        IPage page;
        List<string> errors = new List<string>();
        using (EdgeSimProcess run = EdgeSimProcess.Start(_directory, "run", first, "--out", Path.Combine(_directory, "out1"), "--quiet", "--realtime", "1", "--dashboard", "--dashboard-port", port, "--device-id", "rerun-1"))
        {
            firstUrl = PageUrl(run);
            page = await DashboardPage.OpenAsync(_browser, firstUrl, errors);
            JsonElement running = await DashboardPage.WaitForAsync(page, s => s.GetProperty("hasConfig").GetBoolean() && s.GetProperty("modules").GetArrayLength() == 2 && s.GetProperty("cellRows").GetInt32() > 0);
            firstBoot = running.GetProperty("bootId").GetString()!;

            // The operator stops it (Ctrl-C; the tests' own SIGINT may be ignored, SIGTERM is taken alike).
            run.Interrupt();
            run.WaitForExit(TimeSpan.FromSeconds(60));
        }

        JsonElement away = await DashboardPage.WaitForAsync(page, s => s.GetProperty("connection").GetString() == "reconnecting", seconds: 30);
        Assert.Equal(firstBoot, away.GetProperty("bootId").GetString());

        using (EdgeSimProcess rerun = EdgeSimProcess.Start(_directory, "run", second, "--out", Path.Combine(_directory, "out2"), "--quiet", "--realtime", "1", "--dashboard", "--dashboard-port", port, "--device-id", "rerun-1"))
        {
            // The same address, and the page that has it open shows the new run by itself: its boot, its three modules.
            Assert.Equal(firstUrl, PageUrl(rerun));
            string broker = Regex.Match(rerun.Stdout, @"broker: +mqtt://127\.0\.0\.1:\d+ +(ws://127\.0\.0\.1:\d+)").Groups[1].Value;
            JsonElement moved = await DashboardPage.WaitForAsync(page, s => s.GetProperty("connection").GetString() == "connected" && s.GetProperty("bootId").GetString() != firstBoot
                && s.GetProperty("modules").GetArrayLength() == 3 && s.GetProperty("cellRows").GetInt32() > 0, seconds: 120);
            Assert.Equal(broker, moved.GetProperty("broker").GetString());
            Assert.Equal("online", moved.GetProperty("status").GetString());
            Assert.Equal(firstBoot, moved.GetProperty("restart").GetProperty("from").GetString());

            // Said on the page: a new run, on another broker, and the device's new boot after the old one.
            await page.WaitForFunctionAsync("() => !document.querySelector('#run-banner').hidden", null, new PageWaitForFunctionOptions { Timeout = 10_000 });
            string banner = await page.Locator("#run-banner").InnerTextAsync();
            Assert.Contains("A new run", banner, StringComparison.Ordinal);
            Assert.Contains(broker, banner, StringComparison.Ordinal);
            Assert.Contains("rerun-1 restarted", banner, StringComparison.Ordinal);
            Assert.Contains("after boot " + firstBoot, banner, StringComparison.Ordinal);
            Assert.Contains("online · boot " + moved.GetProperty("bootId").GetString(), await page.Locator("#devices").InnerTextAsync(), StringComparison.Ordinal);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = DashboardPage.ArtifactPath("dashboard-rerun.png"), FullPage = true });

            rerun.Interrupt();
            rerun.WaitForExit(TimeSpan.FromSeconds(60));
        }

        // The browser's console has its lines about refused and closed sockets; the page itself threw nothing.
        Assert.DoesNotContain(errors, e => !e.StartsWith("console: ", StringComparison.Ordinal));
        await page.CloseAsync();
    }

    [Fact]
    public async Task APageLeftOpenFollowsARerunUnderAnotherDeviceId()
    {
        // The first run's device has 2 modules, the rerun's another id and 3: what the page shows says whose it is.
        string first = Scenario("first", modules: 2);
        string second = Scenario("second", modules: 3);
        string port = FreePort.Allocate(1)[0].ToString(System.Globalization.CultureInfo.InvariantCulture);

        IPage page;
        List<string> errors = new List<string>();
        using (EdgeSimProcess run = EdgeSimProcess.Start(_directory, "run", first, "--out", Path.Combine(_directory, "out1"), "--quiet", "--realtime", "1", "--dashboard", "--dashboard-port", port, "--device-id", "pack-a"))
        {
            page = await DashboardPage.OpenAsync(_browser, PageUrl(run), errors);
            await DashboardPage.WaitForAsync(page, s => s.GetProperty("hasConfig").GetBoolean() && s.GetProperty("modules").GetArrayLength() == 2 && s.GetProperty("cellRows").GetInt32() > 0);
            run.Interrupt();
            run.WaitForExit(TimeSpan.FromSeconds(60));
        }

        await DashboardPage.WaitForAsync(page, s => s.GetProperty("connection").GetString() == "reconnecting", seconds: 30);

        using (EdgeSimProcess rerun = EdgeSimProcess.Start(_directory, "run", second, "--out", Path.Combine(_directory, "out2"), "--quiet", "--realtime", "1", "--dashboard", "--dashboard-port", port, "--device-id", "pack-b"))
        {
            Assert.EndsWith("?device=pack-b", PageUrl(rerun), StringComparison.Ordinal);

            // The page left open on pack-a's address subscribes to pack-b's topics and shows pack-b alone: its three modules.
            JsonElement moved = await DashboardPage.WaitForAsync(page, s => s.GetProperty("connection").GetString() == "connected" && s.GetProperty("device").GetString() == "pack-b"
                && s.GetProperty("modules").GetArrayLength() == 3 && s.GetProperty("cellRows").GetInt32() > 0, seconds: 120);
            Assert.Equal("pack-b", moved.GetProperty("deviceFilter").GetString());
            Assert.Equal(1, moved.GetProperty("devices").GetInt32()); // pack-a's data is not kept beside pack-b's
            Assert.Equal("online", moved.GetProperty("status").GetString());
            Assert.Equal(JsonValueKind.Null, moved.GetProperty("restart").ValueKind); // another device, not pack-a restarted
            Assert.EndsWith("device=pack-b", page.Url, StringComparison.Ordinal); // a reload shows pack-b too

            string banner = await page.Locator("#run-banner").InnerTextAsync();
            Assert.Contains("A new run", banner, StringComparison.Ordinal);
            Assert.Contains("another device, pack-b (it was pack-a)", banner, StringComparison.Ordinal);
            Assert.DoesNotContain("restarted", banner, StringComparison.Ordinal);
            string chips = await page.Locator("#devices").InnerTextAsync();
            Assert.Contains("pack-b", chips, StringComparison.Ordinal);
            Assert.DoesNotContain("pack-a", chips, StringComparison.Ordinal);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = DashboardPage.ArtifactPath("dashboard-rerun-other-device.png"), FullPage = true });

            rerun.Interrupt();
            rerun.WaitForExit(TimeSpan.FromSeconds(60));
        }

        Assert.DoesNotContain(errors, e => !e.StartsWith("console: ", StringComparison.Ordinal));
        await page.CloseAsync();
    }

    [Fact]
    public async Task OnlyAPageShowingTheServersDeviceFollowsTheNextOneItNames()
    {
        using MosquittoBroker before = MosquittoBroker.StartNew(new MosquittoBrokerOptions { EnableWebSockets = true });
        using DashboardServer server = new DashboardServer(_browser.DashboardRoot) { BrokerWebSocketPort = before.WebSocketPort, DeviceId = "dev-a" };
        foreach ((string id, int modules) in new[] { ("dev-a", 1), ("dev-x", 2) })
        {
            DashboardMqttTools.Publish(before.Port, "edge/" + id + "/status", DashboardMessages.Online, retain: true);
            DashboardMqttTools.Publish(before.Port, "edge/" + id + "/config", DashboardMessages.Config(modules, 2), retain: true);
        }

        // One page on the device the server names, one whose address names another device on the same broker, and one
        // watching every device with the server's selected.
        IPage following = await DashboardPage.OpenAsync(_browser, server.PageUrl("dev-a"));
        IPage keeping = await DashboardPage.OpenAsync(_browser, server.PageUrl("dev-x"));
        IPage every = await DashboardPage.OpenAsync(_browser, server.PageUrl(null));
        await DashboardPage.WaitForAsync(following, s => s.GetProperty("device").GetString() == "dev-a" && s.GetProperty("modules").GetArrayLength() == 1);
        await DashboardPage.WaitForAsync(keeping, s => s.GetProperty("device").GetString() == "dev-x" && s.GetProperty("modules").GetArrayLength() == 2);
        await DashboardPage.WaitForAsync(every, s => s.GetProperty("devices").GetInt32() == 2);
        await every.Locator("#devices [data-device='dev-a']").ClickAsync();
        await DashboardPage.WaitForAsync(every, s => s.GetProperty("device").GetString() == "dev-a" && s.GetProperty("modules").GetArrayLength() == 1);

        // The server's run ends and another starts, its broker elsewhere, under another device id (3 modules); dev-x is
        // on that broker too.
        before.Stop();
        using MosquittoBroker after = MosquittoBroker.StartNew(new MosquittoBrokerOptions { EnableWebSockets = true });
        DashboardMqttTools.Publish(after.Port, "edge/dev-b/status", DashboardMessages.Online, retain: true);
        DashboardMqttTools.Publish(after.Port, "edge/dev-b/config", DashboardMessages.Config(3, 2), retain: true);
        DashboardMqttTools.Publish(after.Port, "edge/dev-x/status", DashboardMessages.Status("online", "b2"), retain: true);
        DashboardMqttTools.Publish(after.Port, "edge/dev-x/config", DashboardMessages.Config(2, 2).Replace("\"bootId\":\"b1\"", "\"bootId\":\"b2\"", StringComparison.Ordinal), retain: true);
        server.DeviceId = "dev-b";
        server.BrokerWebSocketPort = after.WebSocketPort;

        string broker = "ws://127.0.0.1:" + after.WebSocketPort;
        JsonElement followed = await DashboardPage.WaitForAsync(following, s => s.GetProperty("broker").GetString() == broker && s.GetProperty("device").GetString() == "dev-b"
            && s.GetProperty("modules").GetArrayLength() == 3, seconds: 60);
        Assert.Equal("dev-b", followed.GetProperty("deviceFilter").GetString());
        Assert.Equal(1, followed.GetProperty("devices").GetInt32());
        Assert.Contains("another device, dev-b (it was dev-a)", await following.Locator("#run-banner").InnerTextAsync(), StringComparison.Ordinal);

        // The other page moves to the new broker, as every page served so does, and keeps the device its address names.
        JsonElement kept = await DashboardPage.WaitForAsync(keeping, s => s.GetProperty("broker").GetString() == broker && s.GetProperty("bootId").GetString() == "b2", seconds: 60);
        Assert.Equal("dev-x", kept.GetProperty("device").GetString());
        Assert.Equal("dev-x", kept.GetProperty("deviceFilter").GetString());
        Assert.Equal(2, kept.GetProperty("modules").GetArrayLength());
        Assert.DoesNotContain("another device", await keeping.Locator("#run-banner").InnerTextAsync(), StringComparison.Ordinal);

        // Watching every device, the page selects the new one and keeps listing the others.
        JsonElement selected = await DashboardPage.WaitForAsync(every, s => s.GetProperty("broker").GetString() == broker && s.GetProperty("device").GetString() == "dev-b"
            && s.GetProperty("modules").GetArrayLength() == 3, seconds: 60);
        Assert.Equal(string.Empty, selected.GetProperty("deviceFilter").GetString());
        Assert.Equal(3, selected.GetProperty("devices").GetInt32()); // dev-a (gone), dev-x and dev-b
        Assert.Contains("another device, dev-b (it was dev-a)", await every.Locator("#run-banner").InnerTextAsync(), StringComparison.Ordinal);
        await following.CloseAsync();
        await keeping.CloseAsync();
        await every.CloseAsync();
    }

    [Fact]
    public async Task ABrokerThatStaysAwayIsTriedLessOftenAndTheLinkStateStaysRight()
    {
        using MosquittoBroker broker = MosquittoBroker.StartNew(new MosquittoBrokerOptions { EnableWebSockets = true });
        using DashboardServer server = new DashboardServer(_browser.DashboardRoot);
        IPage page = await DashboardPage.OpenAsync(_browser, server.PageUrl(broker.WebSocketPort, "away-1"));
        DashboardMqttTools.Publish(broker.Port, "edge/away-1/status", DashboardMessages.Online, retain: true);
        DashboardMqttTools.Publish(broker.Port, "edge/away-1/config", DashboardMessages.Config(1, 2, cellVoltagePeriodMs: 60_000), retain: true);
        DashboardMqttTools.Publish(broker.Port, "edge/away-1/telemetry/cells", DashboardMessages.Cells(1, 1000, 0, "pulse", 100, 101));
        await DashboardPage.WaitForAsync(page, s => s.GetProperty("cellRows").GetInt32() == 1);

        // Every WebSocket the page opens, seen by the browser: a refused one too.
        int sockets = 0;
        page.WebSocket += (_, _) => Interlocked.Increment(ref sockets);

        broker.Stop();
        await DashboardPage.WaitForAsync(page, s => s.GetProperty("connection").GetString() == "reconnecting", seconds: 30);
        int before = Volatile.Read(ref sockets);
        DateTime windowStart = DateTime.UtcNow;
        await Task.Delay(TimeSpan.FromSeconds(24));
        int tried = Volatile.Read(ref sockets) - before;
        double windowS = (DateTime.UtcNow - windowStart).TotalSeconds;
        _output.WriteLine($"{tried} connection attempts in {windowS:0.0} s of outage");

        // A retry every second tries about 24 times in 24 s; waits of 1, 2, 4, 8, 8 s at most 6 times. Half of the first.
        Assert.True(tried <= windowS / 2, $"{tried} connection attempts in {windowS:0} s of outage");
        // The page's own figure: the wait of the retry pending (none while an attempt is under way).
        JsonElement down = await DashboardPage.WaitForAsync(page, s => s.GetProperty("retryDelayMs").ValueKind == JsonValueKind.Number, seconds: 30);
        Assert.Equal(8000, down.GetProperty("retryDelayMs").GetInt32());
        Assert.True(down.GetProperty("stale").GetBoolean(), down.GetRawText());
        Assert.Equal("reconnecting", await page.GetAttributeAsync("#connection", "data-state"));
        Assert.Contains("No broker connection since", await page.Locator("#stale-banner").InnerTextAsync(), StringComparison.Ordinal);

        // Back: connected at the next attempt, and the next outage starts again from a second's wait.
        broker.Start();
        JsonElement back = await DashboardPage.WaitForAsync(page, s => s.GetProperty("connection").GetString() == "connected", seconds: 60);
        Assert.Equal(JsonValueKind.Null, back.GetProperty("retryDelayMs").ValueKind);
        await page.WaitForFunctionAsync(
            "() => document.querySelector('#stale-banner')?.innerText.includes('Reconnected to the broker at')",
            null,
            new PageWaitForFunctionOptions { Timeout = 10_000 });
        broker.Stop();
        JsonElement again = await DashboardPage.WaitForAsync(page, s => s.GetProperty("connection").GetString() == "reconnecting" && s.GetProperty("retryDelayMs").ValueKind == JsonValueKind.Number, seconds: 30);
        Assert.Equal(1000, again.GetProperty("retryDelayMs").GetInt32());
        await page.CloseAsync();
    }

    [Fact]
    public async Task ADeviceRestartedUnderTheOpenPageShowsNoneOfItsOldBootsHealthAndSaysItRestarted()
    {
        using MosquittoBroker broker = MosquittoBroker.StartNew(new MosquittoBrokerOptions { EnableWebSockets = true });
        using DashboardServer server = new DashboardServer(_browser.DashboardRoot);
        IPage page = await DashboardPage.OpenAsync(_browser, server.PageUrl(broker.WebSocketPort, "boot-9"));
        DashboardMqttTools.Publish(broker.Port, "edge/boot-9/status", DashboardMessages.Status("online", "b1"), retain: true);
        DashboardMqttTools.Publish(broker.Port, "edge/boot-9/config", DashboardMessages.Config(1, 2), retain: true);
        DashboardMqttTools.Publish(broker.Port, "edge/boot-9/telemetry/cells", DashboardMessages.Cells("b1", 1, 1000, 0, "pulse", 100, 101));
        // The old boot after an hour: 3,600,000 ms up, 360,000 ticks of 10 ms.
        DashboardMqttTools.Publish(broker.Port, "edge/boot-9/health", """{"uptime_ms":3600000,"ticks":360000,"tick_overruns":0}""");
        await DashboardPage.WaitForAsync(page, s => s.GetProperty("health").ValueKind == JsonValueKind.Object && s.GetProperty("health").GetProperty("uptimeMs").GetInt64() == 3_600_000);
        Assert.True(await page.Locator("#run-banner").IsHiddenAsync(), "no restart seen yet");

        // The device restarts (a new run of the simulator on the same broker): the hour of uptime is not the new boot's.
        DashboardMqttTools.Publish(broker.Port, "edge/boot-9/status", DashboardMessages.Status("online", "b2"), retain: true);
        await page.WaitForFunctionAsync("() => document.querySelector('#devices')?.innerText.includes('boot b2')", null, new PageWaitForFunctionOptions { Timeout = 30_000 });
        JsonElement restarted = await DashboardPage.SnapshotAsync(page);
        Assert.Equal(JsonValueKind.Null, restarted.GetProperty("health").ValueKind);
        Assert.Equal("b1", restarted.GetProperty("restart").GetProperty("from").GetString());
        await page.WaitForFunctionAsync("() => !document.querySelector('#run-banner').hidden", null, new PageWaitForFunctionOptions { Timeout = 10_000 });
        string banner = await page.Locator("#run-banner").InnerTextAsync();
        Assert.Contains("boot-9 restarted", banner, StringComparison.Ordinal);
        Assert.Contains("boot b2, after boot b1", banner, StringComparison.Ordinal);
        Assert.DoesNotContain("A new run", banner, StringComparison.Ordinal); // the same broker: no other run's server named one
        Assert.False(await page.Locator("#health-bar").IsVisibleAsync(), "the old boot's health is not shown for the new one");

        DashboardMqttTools.Publish(broker.Port, "edge/boot-9/health", """{"uptime_ms":1000,"ticks":100,"tick_overruns":0}""");
        await DashboardPage.WaitForAsync(page, s => s.GetProperty("health").ValueKind == JsonValueKind.Object && s.GetProperty("health").GetProperty("uptimeMs").GetInt64() == 1000);
        await page.CloseAsync();
    }

    private static string PageUrl(EdgeSimProcess run)
    {
        Regex address = new Regex(@"dashboard: (http://\S+)");
        Assert.True(SpinWait.SpinUntil(() => address.IsMatch(run.Stdout), TimeSpan.FromSeconds(60)), "no page address; stdout: " + run.Stdout + "; stderr: " + run.Stderr);
        return address.Match(run.Stdout).Groups[1].Value;
    }

    private string Scenario(string name, int modules)
    {
        // Long enough never to end by itself within the test: each run ends with the operator's Ctrl-C.
        string path = Path.Combine(_directory, name + ".json");
        File.WriteAllText(path, "{ \"name\": \"" + name + "\", \"seed\": 2, \"samplePeriodMs\": 10, \"timeLimitS\": 600,"
            + " \"pack\": { \"modules\": " + modules + ", \"cellsPerModule\": 2, \"preset\": \"nak50-nasicon\" },"
            + " \"protocol\": { \"steps\": [ \"Strip at 1 mA/cm2 for 1 s\", \"Rest for 2 s\" ], \"rest\": \"fixed\" },"
            + " \"controller\": { \"mode\": \"act\" } }");
        return path;
    }
}
