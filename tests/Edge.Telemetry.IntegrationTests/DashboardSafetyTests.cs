using System.Text.Json;
using Edge.HostSim.Dashboard;
using Edge.HostSim.Mqtt.Broker;
using Microsoft.Playwright;

namespace Edge.Telemetry.IntegrationTests;

/// <summary>
/// The dashboard against hostile and broken messages from any broker client (published with
/// mosquitto_pub): markup stays text and runs nothing, out-of-range values are rejected and counted,
/// a stream that stops shows as stale, and a 64-module pack stays readable in the compact view.
/// </summary>
public sealed class DashboardSafetyTests : IClassFixture<BrowserFixture>
{
    private const string Injection = "<img src=x onerror=\"window.__pwned=1;document.title='pwned';alert(1)\">";

    private readonly BrowserFixture _browser;

    public DashboardSafetyTests(BrowserFixture browser)
    {
        _browser = browser;
    }

    [Fact]
    public async Task InjectionPayloadIsShownAsTextAndRunsNothing()
    {
        using MosquittoBroker broker = MosquittoBroker.StartNew(new MosquittoBrokerOptions { EnableWebSockets = true });
        using DashboardServer server = new DashboardServer(_browser.DashboardRoot);
        // No device filter: the page subscribes to edge/+/..., so a forged device id in a topic reaches it too.
        IPage page = await DashboardPage.OpenAsync(_browser, server.PageUrl(broker.WebSocketPort, null));
        bool dialogOpened = false;
        page.Dialog += (_, d) =>
        {
            dialogOpened = true;
            _ = d.DismissAsync();
        };
        string title = await page.TitleAsync();
        DashboardMqttTools.Publish(broker.Port, "edge/evil-1/config", DashboardMessages.Config(2, 2), retain: true);
        DashboardMqttTools.Publish(broker.Port, "edge/evil-1/status", DashboardMessages.Online, retain: true);
        await DashboardPage.WaitForAsync(page, s => s.GetProperty("hasConfig").GetBoolean() && s.GetProperty("role").GetString() == "operator");

        // 1. The event: a string where the contract has an integer. Rejected, never drawn.
        DashboardMqttTools.Publish(broker.Port, "edge/evil-1/event", DashboardMessages.Event(1, 1000, "softShort", "warning", 0, 1, JsonSerializer.Serialize(Injection)));

        // 2. Markup in the topic's device id (any client may publish there): rejected, the topic listed as text.
        DashboardMqttTools.Publish(broker.Port, "edge/" + Injection + "/event", DashboardMessages.Event(1, 1000, "softShort", "warning", 0, 1));

        // 3. Markup in a reply the page does display: the device's error message for a command sent from the page.
        await page.ClickAsync("#cmd-start");
        JsonElement sent = await DashboardPage.WaitForAsync(page, s => s.GetProperty("commands").GetArrayLength() == 1);
        string id = sent.GetProperty("commands")[0].GetProperty("id").GetString()!;
        string reply = JsonSerializer.Serialize(new Dictionary<string, object> { ["v"] = 1, ["id"] = id, ["verb"] = "start", ["ok"] = false, ["error"] = new Dictionary<string, string> { ["field"] = "module", ["message"] = Injection } });
        DashboardMqttTools.Publish(broker.Port, "edge/evil-1/cmd/result", reply);

        JsonElement snapshot = await DashboardPage.WaitForAsync(page, s => s.GetProperty("rejected").GetInt32() == 2
            && s.GetProperty("commands")[0].GetProperty("status").GetString() == "rejected");

        // Shown, as text: the reply in the command log and the forged topic in the rejected list.
        string logText = await page.Locator("#cmd-log tbody tr").First.InnerTextAsync();
        Assert.Contains(Injection, logText, StringComparison.Ordinal);
        await page.ClickAsync("#rejected");
        string rejectedText = await page.Locator("#rejected-list").InnerTextAsync();
        Assert.Contains("edge/<img src=x onerror=", rejectedText, StringComparison.Ordinal);
        Assert.Contains("event: value: not an integer", rejectedText, StringComparison.Ordinal);

        // ... and nothing ran: no element was created from it, no handler fired, no dialog, title unchanged.
        Assert.Equal(0, await page.Locator("img").CountAsync());
        Assert.Equal(0, await page.EvaluateAsync<int>("() => document.querySelectorAll('[onerror]').length"));
        Assert.Null(await page.EvaluateAsync<object?>("() => window.__pwned ?? null"));
        Assert.False(dialogOpened);
        Assert.Equal(title, await page.TitleAsync());
        Assert.Empty(snapshot.GetProperty("events").EnumerateArray());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = DashboardPage.ArtifactPath("dashboard-injection.png"), FullPage = true });
        await page.CloseAsync();
    }

    [Fact]
    public async Task OutOfRangeMessagesAreRejectedCountedAndCostNoFreeze()
    {
        using MosquittoBroker broker = MosquittoBroker.StartNew(new MosquittoBrokerOptions { EnableWebSockets = true });
        using DashboardServer server = new DashboardServer(_browser.DashboardRoot);
        IPage page = await DashboardPage.OpenAsync(_browser, server.PageUrl(broker.WebSocketPort, "range-1"));
        DashboardMqttTools.Publish(broker.Port, "edge/range-1/config", DashboardMessages.Config(2, 2), retain: true);
        await DashboardPage.WaitForAsync(page, s => s.GetProperty("hasConfig").GetBoolean());

        // The freeze: module 5000 of a 2-module pack. Then 9999 mV (the board reads +-3.3 V, at most
        // +-6.6 V by its rails), a 3-cell reading of a 2-cell module, a negative seq, and bytes that are not JSON.
        DashboardMqttTools.Publish(broker.Port, "edge/range-1/telemetry/state", DashboardMessages.StateChanged(1, 1000, 5000, "pulse"));
        DashboardMqttTools.Publish(broker.Port, "edge/range-1/telemetry/cells", new[]
        {
            DashboardMessages.Cells(1, 1000, 0, "rest", 9999, 12),
            DashboardMessages.Cells(2, 2000, 1, "rest", 10, 11, 12),
            DashboardMessages.Cells(-3, 3000, 1, "rest", 10, 11),
            "{\"v\":1,\"bootId\":\"b1\",",
            DashboardMessages.Cells(4, 4000, 1, "rest", 10, 11),
        });
        JsonElement snapshot = await DashboardPage.WaitForAsync(page, s => s.GetProperty("rejected").GetInt32() == 5 && s.GetProperty("cellRows").GetInt32() == 1);
        string[] reasons = snapshot.GetProperty("rejectedReasons").EnumerateArray().Select(e => e.GetString()!).ToArray();
        Assert.Contains("telemetry/state: module: 5000 outside 0..1", reasons);
        Assert.Contains("telemetry/cells: cellVoltageMv[0]: 9999 outside -6600..6600", reasons);
        Assert.Contains(reasons, r => r.StartsWith("telemetry/cells: cellVoltageMv: 3 entries", StringComparison.Ordinal));
        Assert.Contains("telemetry/cells: seq: -3 outside 1..9007199254740991", reasons);
        Assert.Contains("not UTF-8 JSON", reasons);
        Assert.Equal(2, snapshot.GetProperty("modules").GetArrayLength());
        Assert.Equal("rejected messages: 5", await page.TextContentAsync("#rejected"));

        // Bounded work whatever arrives: 20,000 forged messages later the page still answers and counted each.
        DateTime start = DateTime.UtcNow;
        // (QoS 1, so none is lost on the way; a redelivery after a reconnect on a very busy machine counts again.)
        DashboardMqttTools.Publish(broker.Port, "edge/range-1/telemetry/state", Enumerable.Range(10, 20_000).Select(i => DashboardMessages.StateChanged(i, i * 10L, 5000 + i, "hold")));
        snapshot = await DashboardPage.WaitForAsync(page, s => s.GetProperty("rejected").GetInt32() >= 20_005, seconds: 120);

        double seconds = (DateTime.UtcNow - start).TotalSeconds;
        Assert.Equal(2, snapshot.GetProperty("modules").GetArrayLength());
        Assert.All(snapshot.GetProperty("modules").EnumerateArray(), m => Assert.NotEqual("hold", m.GetProperty("state").GetString()));
        Assert.True(seconds < 120, "20,000 rejected messages took " + seconds + " s");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = DashboardPage.ArtifactPath("dashboard-rejected.png") });
        await page.CloseAsync();
    }

    [Fact]
    public async Task MessagesRejectedUnderManyForgedDeviceIdsTakeNoDeviceSlot()
    {
        using MosquittoBroker broker = MosquittoBroker.StartNew(new MosquittoBrokerOptions { EnableWebSockets = true });
        using DashboardServer server = new DashboardServer(_browser.DashboardRoot);
        // No device filter: every device under edge/+/, as many as the page tracks (32).
        IPage page = await DashboardPage.OpenAsync(_browser, server.PageUrl(broker.WebSocketPort, null));

        // A foreign publisher sprays 40 device ids with what is no contract message: bytes that are not JSON, another
        // contract version, a stream message without its header, an event without its seq.
        string[] junk = { "hello", """{"v":2,"status":"online"}""", """{"v":1,"hello":"world"}""", """{"v":1,"bootId":"x","tMs":5,"kind":"cutoff"}""" };
        string[] topics = { "status", "config", "telemetry/cells", "event" };
        for (int i = 0; i < 40; i++)
        {
            DashboardMqttTools.Publish(broker.Port, $"edge/junk-{i}/{topics[i % 4]}", junk[i % 4]);
        }

        await DashboardPage.WaitForAsync(page, s => s.GetProperty("rejected").GetInt32() == 40);

        // The real device that comes next is tracked and shown; the rejected messages made no devices.
        DashboardMqttTools.Publish(broker.Port, "edge/real-1/status", DashboardMessages.Online, retain: true);
        DashboardMqttTools.Publish(broker.Port, "edge/real-1/config", DashboardMessages.Config(1, 2), retain: true);
        DashboardMqttTools.Publish(broker.Port, "edge/real-1/telemetry/cells", DashboardMessages.Cells(1, 1000, 0, "rest", 100, 101));
        JsonElement snapshot = await DashboardPage.WaitForAsync(page, s => s.GetProperty("device").GetString() == "real-1" && s.GetProperty("cellRows").GetInt32() == 1, seconds: 30);
        Assert.Equal(1, snapshot.GetProperty("devices").GetInt32());
        Assert.Equal(40, snapshot.GetProperty("rejected").GetInt32());
        Assert.Equal(1, await page.Locator("nav .device").CountAsync());
        await page.CloseAsync();
    }

    [Fact]
    public async Task AStreamThatStopsShowsAsStaleAndItsGapAsNoData()
    {
        using MosquittoBroker broker = MosquittoBroker.StartNew(new MosquittoBrokerOptions { EnableWebSockets = true });
        using DashboardServer server = new DashboardServer(_browser.DashboardRoot);
        IPage page = await DashboardPage.OpenAsync(_browser, server.PageUrl(broker.WebSocketPort, "quiet-1"));
        DashboardMqttTools.Publish(broker.Port, "edge/quiet-1/status", DashboardMessages.Online, retain: true);
        DashboardMqttTools.Publish(broker.Port, "edge/quiet-1/config", DashboardMessages.Config(1, 2, cellVoltagePeriodMs: 250), retain: true);

        // Cells every 250 ms of device time, states alternating; seq 6-9 lost (an outage), then the stream stops.
        IEnumerable<string> cells = Enumerable.Range(1, 16).Where(i => i < 6 || i > 9)
            .Select(i => DashboardMessages.Cells(i, i * 250L, 0, i % 4 == 0 ? "pulse" : "rest", 100 + i, 110 + i));
        DashboardMqttTools.Publish(broker.Port, "edge/quiet-1/telemetry/cells", cells);
        JsonElement live = await DashboardPage.WaitForAsync(page, s => s.GetProperty("lastTMs").ValueKind == JsonValueKind.Number && s.GetProperty("lastTMs").GetInt64() == 4000);

        // The lost span is drawn as "no data", not as the state before it.
        Assert.Contains("nodata", live.GetProperty("modules")[0].GetProperty("states").EnumerateArray().Select(e => e.GetString()));

        // No data for 3 s (three periods, at least 3 s): the device shows stale with the time of the last data.
        JsonElement stale = await DashboardPage.WaitForAsync(page, s => s.GetProperty("stale").GetBoolean(), seconds: 60);
        Assert.Equal("online", stale.GetProperty("status").GetString());
        await page.WaitForSelectorAsync("nav .device[data-device=quiet-1][data-shown=stale]");
        await page.WaitForSelectorAsync("#stale-banner:visible");
        string chip = await page.Locator("nav .device[data-device=quiet-1]").InnerTextAsync();
        Assert.Contains("no data since", chip, StringComparison.Ordinal);
        Assert.True(await page.Locator("#stale-banner").IsVisibleAsync());
        Assert.Contains("device time 0:00:04.00", await page.Locator("#stale-banner").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("no data", await page.Locator(".module .state").First.TextContentAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = DashboardPage.ArtifactPath("dashboard-stale.png"), FullPage = true });

        // Data again: fresh at once.
        DashboardMqttTools.Publish(broker.Port, "edge/quiet-1/telemetry/cells", DashboardMessages.Cells(17, 4250, 0, "rest", 120, 130));
        await DashboardPage.WaitForAsync(page, s => !s.GetProperty("stale").GetBoolean());
        await page.CloseAsync();
    }

    [Fact]
    public async Task ARestartedDeviceStartsItsModulesAndClockAfresh()
    {
        using MosquittoBroker broker = MosquittoBroker.StartNew(new MosquittoBrokerOptions { EnableWebSockets = true });
        using DashboardServer server = new DashboardServer(_browser.DashboardRoot);
        IPage page = await DashboardPage.OpenAsync(_browser, server.PageUrl(broker.WebSocketPort, "boot-1"));
        DashboardMqttTools.Publish(broker.Port, "edge/boot-1/status", DashboardMessages.Online, retain: true);
        DashboardMqttTools.Publish(broker.Port, "edge/boot-1/config", DashboardMessages.Config(1, 2), retain: true);

        // Boot b1 ends 15 min in with its module held after a hard short.
        DashboardMqttTools.Publish(broker.Port, "edge/boot-1/event", DashboardMessages.Event(1, 480000, "hardShort", "fault", 0, 1, diagnosis: "hardShort"));
        DashboardMqttTools.Publish(broker.Port, "edge/boot-1/telemetry/cells", DashboardMessages.Cells(1, 900000, 0, "hold", 100, 0));
        await DashboardPage.WaitForAsync(page, s => s.GetProperty("lastTMs").ValueKind == JsonValueKind.Number && s.GetProperty("lastTMs").GetInt64() == 900000);

        // Boot b2 announces itself (its retained status, as on every connection), 1 s in it pulses: its own state and
        // clock, not the old run's hold and 0:15:00.
        DashboardMqttTools.Publish(broker.Port, "edge/boot-1/status", DashboardMessages.Status("online", "b2"), retain: true);
        DashboardMqttTools.Publish(broker.Port, "edge/boot-1/telemetry/cells", DashboardMessages.Cells("b2", 1, 1000, 0, "pulse", 150, 151));
        JsonElement fresh = await DashboardPage.WaitForAsync(page, s => s.GetProperty("lastTMs").ValueKind == JsonValueKind.Number && s.GetProperty("lastTMs").GetInt64() == 1000);

        JsonElement module = fresh.GetProperty("modules")[0];
        Assert.Equal("pulse", module.GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Null, module.GetProperty("lastEvent").ValueKind);
        Assert.Contains("restart", fresh.GetProperty("marks").EnumerateArray().Select(m => m.GetString()));
        Assert.Contains("hardShort", fresh.GetProperty("events").EnumerateArray().Select(e => e.GetString()));
        await page.CloseAsync();
    }

    [Theory]
    [InlineData(64, 4)]
    [InlineData(256, 1)]
    public async Task LargePackIsShownInTheCompactView(int modules, int cellsPerModule)
    {
        using MosquittoBroker broker = MosquittoBroker.StartNew(new MosquittoBrokerOptions { EnableWebSockets = true });
        using DashboardServer server = new DashboardServer(_browser.DashboardRoot);
        IPage page = await DashboardPage.OpenAsync(_browser, server.PageUrl(broker.WebSocketPort, "pack-1"), height: 1200);
        DashboardMqttTools.Publish(broker.Port, "edge/pack-1/status", DashboardMessages.Online, retain: true);
        // Cell voltages once a minute: stale only after 180 s without data. With the default second, a loaded machine
        // that took over 3 s from the cells below to the hover had the faulty module read "hold (no data now)".
        DashboardMqttTools.Publish(broker.Port, "edge/pack-1/config", DashboardMessages.Config(modules, cellsPerModule, cellVoltagePeriodMs: 60_000), retain: true);

        // One cells message per module (a voltage gradient across the pack), then module 40 isolated by a hard short.
        const int Faulty = 40;
        DashboardMqttTools.Publish(broker.Port, "edge/pack-1/telemetry/cells", Enumerable.Range(0, modules)
            .Select(m => DashboardMessages.Cells(m + 1, 1000, m, m % 3 == 0 ? "pulse" : "rest", Enumerable.Range(0, cellsPerModule).Select(c => 100 + m + c).ToArray())));
        DashboardMqttTools.Publish(broker.Port, "edge/pack-1/telemetry/state", DashboardMessages.StateChanged(1, 1010, Faulty, "hold", "fault"));
        DashboardMqttTools.Publish(broker.Port, "edge/pack-1/event", DashboardMessages.Event(1, 1010, "hardShort", "fault", Faulty, Faulty * cellsPerModule, "3", "hardShort"));

        JsonElement snapshot = await DashboardPage.WaitForAsync(page, s => s.GetProperty("compact").ValueKind == JsonValueKind.Object
            && s.GetProperty("modules").GetArrayLength() == modules && s.GetProperty("modules")[Faulty].GetProperty("state").GetString() == "hold"
            && s.GetProperty("events").GetArrayLength() == 1);
        JsonElement compact = snapshot.GetProperty("compact");
        Assert.Equal(modules, compact.GetProperty("modules").GetInt32());
        Assert.Equal(modules * cellsPerModule, compact.GetProperty("cells").GetInt32());
        Assert.Equal(100, compact.GetProperty("lo").GetInt32());
        Assert.Equal(100 + modules - 1 + cellsPerModule - 1, compact.GetProperty("hi").GetInt32());
        Assert.Equal(0, snapshot.GetProperty("rejected").GetInt32());

        // What the user sees: the strip and the heat map in view and not wider than the page, a table row per module
        // instead of cards, the hold counted, and hovering module 40 names it.
        Assert.True(await page.Locator("#compact").IsVisibleAsync());
        Assert.True(await page.Locator("#modules").IsHiddenAsync());
        Assert.Equal(modules, await page.Locator("#module-table tbody tr").CountAsync());
        Assert.Equal("hold", await page.GetAttributeAsync($"#module-table tbody tr:nth-child({Faulty + 1})", "data-state"));
        Assert.Contains("1 hold", await page.TextContentAsync("#state-counts") ?? string.Empty, StringComparison.Ordinal);
        var strip = await page.Locator("#state-strip").BoundingBoxAsync();
        var heat = await page.Locator("#heat-map").BoundingBoxAsync();
        Assert.True(strip!.Width <= 1400 && heat!.Width <= 1400 && heat.Height <= 1000, $"strip {strip.Width}x{strip.Height}, heat {heat!.Width}x{heat.Height}");
        int square = compact.GetProperty("squares").GetInt32();
        await page.Locator("#state-strip").HoverAsync(new LocatorHoverOptions { Position = new Position { X = (Faulty % 32 * (square + 2)) + 5, Y = (Faulty / 32 * (square + 2)) + 5 } });
        Assert.StartsWith("module 40: hold (fault)", await page.TextContentAsync("#compact-hover"), StringComparison.Ordinal);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = DashboardPage.ArtifactPath($"dashboard-compact-{modules}.png"), FullPage = false });
        await page.CloseAsync();
    }

    [Fact]
    public async Task AHardShortIsShownInTheUnitOfTheCheckThatDecidedIt()
    {
        using MosquittoBroker broker = MosquittoBroker.StartNew(new MosquittoBrokerOptions { EnableWebSockets = true });
        using DashboardServer server = new DashboardServer(_browser.DashboardRoot);
        IPage page = await DashboardPage.OpenAsync(_browser, server.PageUrl(broker.WebSocketPort, "short-1"));
        DashboardMqttTools.Publish(broker.Port, "edge/short-1/status", DashboardMessages.Online, retain: true);
        DashboardMqttTools.Publish(broker.Port, "edge/short-1/config", DashboardMessages.Config(2, 2), retain: true);

        // CONTRACT.md: hardShort compares the cell voltage under current (uV); hardShortShuntEdge the pulse-edge
        // resistance (milliohm). 120000 mV would be 120 V on a 3 V cell.
        DashboardMqttTools.Publish(broker.Port, "edge/short-1/event", DashboardMessages.Event(1, 1000, "hardShort", "fault", 0, 1, "300", "hardShort", 840));
        DashboardMqttTools.Publish(broker.Port, "edge/short-1/event", DashboardMessages.Event(2, 2000, "hardShort", "fault", 1, 2, "120000", "hardShortShuntEdge"));
        await DashboardPage.WaitForAsync(page, s => s.GetProperty("events").GetArrayLength() == 2);

        ILocator rows = page.Locator("#events tbody tr[data-kind=hardShort]");
        string[] texts = (await rows.AllInnerTextsAsync()).ToArray();
        Assert.Contains(texts, t => t.Contains("hardShortShuntEdge", StringComparison.Ordinal) && t.Contains("120000 m\u03a9 (limit 2 m\u03a9)", StringComparison.Ordinal));
        Assert.Contains(texts, t => !t.Contains("hardShortShuntEdge", StringComparison.Ordinal) && t.Contains("300 \u00b5V (limit 840 \u00b5V)", StringComparison.Ordinal));
        await page.CloseAsync();
    }
}
