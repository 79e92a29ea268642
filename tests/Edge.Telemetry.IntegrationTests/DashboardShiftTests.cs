using System.Text.Json;
using Edge.HostSim.Dashboard;
using Edge.HostSim.Mqtt.Broker;
using Microsoft.Playwright;

namespace Edge.Telemetry.IntegrationTests;

/// <summary>
/// What an operator watching a pack for a whole shift relies on: after a device restart the newest events come first
/// and only the running boot's events mark its charts, and nothing that is not live looks live.
/// </summary>
public sealed class DashboardShiftTests : IClassFixture<BrowserFixture>
{
    private readonly BrowserFixture _browser;

    public DashboardShiftTests(BrowserFixture browser)
    {
        _browser = browser;
    }

    [Fact]
    public async Task AfterARestartTheNewBootsEventsAreListedFirstAndOnlyTheyMarkTheCharts()
    {
        using MosquittoBroker broker = MosquittoBroker.StartNew(new MosquittoBrokerOptions { EnableWebSockets = true });
        using DashboardServer server = new DashboardServer(_browser.DashboardRoot);
        IPage page = await DashboardPage.OpenAsync(_browser, server.PageUrl(broker.WebSocketPort, "shift-1"));
        DashboardMqttTools.Publish(broker.Port, "edge/shift-1/status", DashboardMessages.Online, retain: true);
        DashboardMqttTools.Publish(broker.Port, "edge/shift-1/config", DashboardMessages.Config(1, 2), retain: true);

        // Boot b1 ran for hours: 500 events (as many as the list keeps), at 0.5 s of its clock, then 20 s apart from 1.5 s on.
        DashboardMqttTools.Publish(broker.Port, "edge/shift-1/event", Enumerable.Range(0, 500)
            .Select(i => DashboardMessages.Event("b1", i + 1, i == 0 ? 500 : 1500 + ((i - 1) * 20_000L), "depletionOnset", "info", 0, 0, "3", "depletionTrendInfo")));
        DashboardMqttTools.Publish(broker.Port, "edge/shift-1/telemetry/cells", DashboardMessages.Cells("b1", 1, 10_000_000, 0, "rest", 100, 101));
        await DashboardPage.WaitForAsync(page, s => s.GetProperty("events").GetArrayLength() == 500 && s.GetProperty("lastTMs").ValueKind == JsonValueKind.Number);

        // The device restarts (boot b2, announced by its status): 2 s in, module 0 is held after a hard short.
        DashboardMqttTools.Publish(broker.Port, "edge/shift-1/status", DashboardMessages.Status("online", "b2"), retain: true);
        DashboardMqttTools.Publish(broker.Port, "edge/shift-1/telemetry/cells", DashboardMessages.Cells("b2", 1, 1000, 0, "pulse", 150, 151));
        DashboardMqttTools.Publish(broker.Port, "edge/shift-1/event", DashboardMessages.Event("b2", 1, 2000, "hardShort", "fault", 0, 1, "3", "hardShort"));
        DashboardMqttTools.Publish(broker.Port, "edge/shift-1/telemetry/cells", DashboardMessages.Cells("b2", 2, 3000, 0, "hold", 150, 0));
        JsonElement snapshot = await DashboardPage.WaitForAsync(page, s => s.GetProperty("lastTMs").ValueKind == JsonValueKind.Number && s.GetProperty("lastTMs").GetInt64() == 3000
            && s.GetProperty("modules")[0].GetProperty("state").GetString() == "hold");

        // The fault of the running boot heads the list (the list is newest first), and the module names it.
        await DashboardPage.WaitForAsync(page, s => s.GetProperty("events")[0].GetString() == "hardShort", seconds: 20);
        Assert.Equal("hardShort", snapshot.GetProperty("modules")[0].GetProperty("lastEvent").GetString());
        Assert.Equal("hardShort", await page.GetAttributeAsync("#events tbody tr:first-child", "data-kind"));

        // The charts start afresh with the new boot: the old boot's events (at its own times) do not mark them.
        JsonElement axis = (await DashboardPage.WaitForAsync(page, s => s.GetProperty("cellsAxis").ValueKind == JsonValueKind.Object
            && s.GetProperty("cellsAxis").GetProperty("events").GetArrayLength() > 0, seconds: 20)).GetProperty("cellsAxis");
        Assert.Equal(new[] { "hardShort" }, axis.GetProperty("events").EnumerateArray().Select(e => e.GetString()).ToArray());
        await page.CloseAsync();
    }

    [Fact]
    public async Task AfterARestartTheMessagesLostBeforeTheNewBootsFirstArrivalAreAGap()
    {
        using MosquittoBroker broker = MosquittoBroker.StartNew(new MosquittoBrokerOptions { EnableWebSockets = true });
        using DashboardServer server = new DashboardServer(_browser.DashboardRoot);
        IPage page = await DashboardPage.OpenAsync(_browser, server.PageUrl(broker.WebSocketPort, "boot-gap"));
        DashboardMqttTools.Publish(broker.Port, "edge/boot-gap/status", DashboardMessages.Online, retain: true);
        DashboardMqttTools.Publish(broker.Port, "edge/boot-gap/config", DashboardMessages.Config(1, 2), retain: true);
        DashboardMqttTools.Publish(broker.Port, "edge/boot-gap/telemetry/cells", new[] { 1, 2, 3 }.Select(i => DashboardMessages.Cells("b1", i, i * 1000L, 0, "rest", 100, 101)));
        await DashboardPage.WaitForAsync(page, s => s.GetProperty("lastTMs").ValueKind == JsonValueKind.Number && s.GetProperty("lastTMs").GetInt64() == 3000);

        // The device restarts (boot b2, announced by its status); every stream counts from seq 1 at each boot (CONTRACT.md).
        // Its first four cells messages were lost (its outbox overflowed while it connected): the first to arrive is seq 5, at 5 s.
        DashboardMqttTools.Publish(broker.Port, "edge/boot-gap/status", DashboardMessages.Status("online", "b2"), retain: true);
        DashboardMqttTools.Publish(broker.Port, "edge/boot-gap/telemetry/cells", new[] { 5, 6 }.Select(i => DashboardMessages.Cells("b2", i, i * 1000L, 0, "pulse", 150, 151)));
        JsonElement snapshot = await DashboardPage.WaitForAsync(page, s => s.GetProperty("lastTMs").ValueKind == JsonValueKind.Number && s.GetProperty("lastTMs").GetInt64() == 6000);

        // Seq 1-4 of the new boot are listed as missing, and the timeline says it does not know what the module did then.
        JsonElement gap = Assert.Single(snapshot.GetProperty("gaps").EnumerateArray());
        Assert.Equal("cells", gap.GetProperty("stream").GetString());
        Assert.Equal(1, gap.GetProperty("from").GetInt32());
        Assert.Equal(4, gap.GetProperty("to").GetInt32());
        Assert.Equal(4, gap.GetProperty("missing").GetInt32());
        Assert.Contains("nodata", snapshot.GetProperty("modules")[0].GetProperty("states").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("gap", snapshot.GetProperty("marks").EnumerateArray().Select(m => m.GetString()));
        await page.CloseAsync();
    }

    [Fact]
    public async Task AfterARestartEveryEventAndGapRowNamesItsBoot()
    {
        using MosquittoBroker broker = MosquittoBroker.StartNew(new MosquittoBrokerOptions { EnableWebSockets = true });
        using DashboardServer server = new DashboardServer(_browser.DashboardRoot);
        IPage page = await DashboardPage.OpenAsync(_browser, server.PageUrl(broker.WebSocketPort, "which-1"));
        DashboardMqttTools.Publish(broker.Port, "edge/which-1/status", DashboardMessages.Online, retain: true);
        DashboardMqttTools.Publish(broker.Port, "edge/which-1/config", DashboardMessages.Config(1, 2), retain: true);

        // Two boots that went alike: a hard short of cell 1 at 2 s (event seq 1), cells seq 2 lost between 1 s and 3 s.
        // Device time and seq start again at each boot (CONTRACT.md), so only the boot tells the rows apart.
        foreach (string boot in new[] { "3fa9c2d1", "7c41e0b2" })
        {
            DashboardMqttTools.Publish(broker.Port, "edge/which-1/status", DashboardMessages.Status("online", boot), retain: true);
            DashboardMqttTools.Publish(broker.Port, "edge/which-1/telemetry/cells", DashboardMessages.Cells(boot, 1, 1000, 0, "pulse", 150, 151));
            DashboardMqttTools.Publish(broker.Port, "edge/which-1/event", DashboardMessages.Event(boot, 1, 2000, "hardShort", "fault", 0, 1, "3", "hardShort", threshold: 20));
            DashboardMqttTools.Publish(broker.Port, "edge/which-1/telemetry/cells", DashboardMessages.Cells(boot, 3, 3000, 0, "hold", 150, 3));
            await DashboardPage.WaitForAsync(page, s => s.GetProperty("events").GetArrayLength() == (boot == "3fa9c2d1" ? 1 : 2)
                && s.GetProperty("gaps").GetArrayLength() == (boot == "3fa9c2d1" ? 1 : 2));
        }

        await page.WaitForFunctionAsync("() => document.querySelectorAll('#events tbody tr').length === 2 && document.querySelectorAll('#gaps tbody tr.gap').length === 2");
        string[] events = (await page.Locator("#events tbody tr").AllInnerTextsAsync()).ToArray();
        string[] gaps = (await page.Locator("#gaps tbody tr.gap").AllInnerTextsAsync()).ToArray();
        Assert.Contains("7c41e0b2", events[0], StringComparison.Ordinal);
        Assert.Contains("3fa9c2d1", events[1], StringComparison.Ordinal);
        Assert.Contains("7c41e0b2", gaps[0], StringComparison.Ordinal);
        Assert.Contains("3fa9c2d1", gaps[1], StringComparison.Ordinal);
        await page.CloseAsync();
    }

    [Fact]
    public async Task ALateMessageOfTheOldBootAfterTheNewBootsFirstIsNoRestart()
    {
        using MosquittoBroker broker = MosquittoBroker.StartNew(new MosquittoBrokerOptions { EnableWebSockets = true });
        using DashboardServer server = new DashboardServer(_browser.DashboardRoot);
        IPage page = await DashboardPage.OpenAsync(_browser, server.PageUrl(broker.WebSocketPort, "late-1"));
        DashboardMqttTools.Publish(broker.Port, "edge/late-1/status", DashboardMessages.Online, retain: true);
        DashboardMqttTools.Publish(broker.Port, "edge/late-1/config", DashboardMessages.Config(1, 2), retain: true);

        // Boot b1: started at 0.5 s, cells 1-3 s.
        DashboardMqttTools.Publish(broker.Port, "edge/late-1/event", DashboardMessages.Event("b1", 1, 500, "started", "info", 0, null, "0", threshold: 0));
        DashboardMqttTools.Publish(broker.Port, "edge/late-1/telemetry/cells", new[] { 1, 2, 3 }.Select(i => DashboardMessages.Cells("b1", i, i * 1000L, 0, "pulse", 150, 151)));
        await DashboardPage.WaitForAsync(page, s => s.GetProperty("events").GetArrayLength() == 1 && s.GetProperty("lastTMs").ValueKind == JsonValueKind.Number
            && s.GetProperty("lastTMs").GetInt64() == 3000);

        // The device restarts (boot b2, announced by its status): cells 1 and 2, a cut-off at 1.5 s.
        DashboardMqttTools.Publish(broker.Port, "edge/late-1/status", DashboardMessages.Status("online", "b2"), retain: true);
        DashboardMqttTools.Publish(broker.Port, "edge/late-1/telemetry/cells", new[] { 1, 2 }.Select(i => DashboardMessages.Cells("b2", i, i * 1000L, 0, "pulse", 160, 161)));
        DashboardMqttTools.Publish(broker.Port, "edge/late-1/event", DashboardMessages.Event("b2", 1, 1500, "cutoff", "info", 0, 1, "3004", threshold: 3000));
        await DashboardPage.WaitForAsync(page, s => s.GetProperty("events").GetArrayLength() == 2 && s.GetProperty("lastTMs").ValueKind == JsonValueKind.Number
            && s.GetProperty("lastTMs").GetInt64() == 2000);

        // Then b1's last event arrives late (a QoS 1 copy the broker delivers after the new boot's first messages: MQTT
        // orders messages per topic, not across them). CONTRACT.md: bootId is drawn at each boot, seq counts per stream
        // within one boot, so this is the old boot speaking, not a third boot.
        DashboardMqttTools.Publish(broker.Port, "edge/late-1/event", DashboardMessages.Event("b1", 2, 4000, "stopped", "info", 0, null, "10", threshold: 0));
        JsonElement late = await DashboardPage.WaitForAsync(page, s => s.GetProperty("events").GetArrayLength() == 3);
        Assert.Equal(2000, late.GetProperty("lastTMs").GetInt64());

        DashboardMqttTools.Publish(broker.Port, "edge/late-1/telemetry/cells", DashboardMessages.Cells("b2", 3, 3000, 0, "pulse", 160, 161));
        JsonElement snapshot = await DashboardPage.WaitForAsync(page, s => s.GetProperty("lastTMs").ValueKind == JsonValueKind.Number && s.GetProperty("lastTMs").GetInt64() == 3000);

        // b2 sent cells 1, 2 and 3 and all arrived: three rows on its chart, no gap, one restart; the late event is
        // listed with its own boot's, below the running boot's.
        Assert.Equal(3, snapshot.GetProperty("cellRows").GetInt32());
        Assert.Empty(snapshot.GetProperty("gaps").EnumerateArray());
        Assert.Single(snapshot.GetProperty("marks").EnumerateArray(), m => m.GetString() == "restart");
        Assert.Equal(new[] { "cutoff", "stopped", "started" }, snapshot.GetProperty("events").EnumerateArray().Select(e => e.GetString()).ToArray());
        await page.CloseAsync();
    }

    [Fact]
    public async Task RecordsTheControllerCouldNotKeepAreListedAsLostAlthoughNoSeqIsMissing()
    {
        using MosquittoBroker broker = MosquittoBroker.StartNew(new MosquittoBrokerOptions { EnableWebSockets = true });
        using DashboardServer server = new DashboardServer(_browser.DashboardRoot);
        IPage page = await DashboardPage.OpenAsync(_browser, server.PageUrl(broker.WebSocketPort, "overflow-1"));
        DashboardMqttTools.Publish(broker.Port, "edge/overflow-1/status", DashboardMessages.Online, retain: true);
        DashboardMqttTools.Publish(broker.Port, "edge/overflow-1/config", DashboardMessages.Config(1, 2), retain: true);

        // CONTRACT.md: telemetryOverflow = the controller's per-tick record buffer was full; value = records lost. Those
        // records were never numbered, so every seq arrives (cells 1-3, event 1) and yet 3 records are gone.
        DashboardMqttTools.Publish(broker.Port, "edge/overflow-1/telemetry/cells", new[] { 1, 2, 3 }.Select(i => DashboardMessages.Cells(i, i * 1000L, 0, "pulse", 150, 151)));
        DashboardMqttTools.Publish(broker.Port, "edge/overflow-1/event", DashboardMessages.Event(1, 2010, "telemetryOverflow", "info", null, null, "3", threshold: 0));
        await DashboardPage.WaitForAsync(page, s => s.GetProperty("events").GetArrayLength() == 1 && s.GetProperty("lastTMs").ValueKind == JsonValueKind.Number
            && s.GetProperty("lastTMs").GetInt64() == 3000);

        // The data-gap list says records were lost and when, not "no gaps: every seq arrived".
        await page.WaitForSelectorAsync("#gaps tbody tr.gap");
        string gaps = await page.Locator("#gaps tbody").InnerTextAsync();
        Assert.DoesNotContain("every seq arrived", gaps, StringComparison.Ordinal);
        string row = await page.Locator("#gaps tbody tr.gap").First.InnerTextAsync();
        Assert.Contains("0:00:02.01", row, StringComparison.Ordinal);
        Assert.Contains("telemetryOverflow", row, StringComparison.Ordinal);
        Assert.Contains("3 records lost", row, StringComparison.Ordinal);
        await page.CloseAsync();
    }

    [Fact]
    public async Task ASixteenModulePackThatWentOfflineIsFadedAndMarkedOfflineInTheCompactView()
    {
        using MosquittoBroker broker = MosquittoBroker.StartNew(new MosquittoBrokerOptions { EnableWebSockets = true });
        using DashboardServer server = new DashboardServer(_browser.DashboardRoot);
        IPage page = await DashboardPage.OpenAsync(_browser, server.PageUrl(broker.WebSocketPort, "pack-16"));
        DashboardMqttTools.Publish(broker.Port, "edge/pack-16/status", DashboardMessages.Online, retain: true);
        DashboardMqttTools.Publish(broker.Port, "edge/pack-16/config", DashboardMessages.Config(16, 4), retain: true);

        // Every module pulsing, then the device's Last Will: offline.
        DashboardMqttTools.Publish(broker.Port, "edge/pack-16/telemetry/cells", Enumerable.Range(0, 16)
            .Select(m => DashboardMessages.Cells(m + 1, 1000, m, "pulse", 200 + m, 201 + m, 202 + m, 203 + m)));
        await DashboardPage.WaitForAsync(page, s => s.GetProperty("compact").ValueKind == JsonValueKind.Object
            && s.GetProperty("modules").GetArrayLength() == 16 && s.GetProperty("modules").EnumerateArray().All(m => m.GetProperty("state").GetString() == "pulse"));
        Assert.Equal(255, await SquareAlphaAsync(page));

        DashboardMqttTools.Publish(broker.Port, "edge/pack-16/status", """{"v":1,"status":"offline","bootId":"b1"}""", retain: true);
        await DashboardPage.WaitForAsync(page, s => s.GetProperty("status").GetString() == "offline");

        // The compact view (open by itself from 9 modules) shows the last reported states and voltages faded and says
        // offline, as the module table does: an amber "pulse" square of a device that is gone is not live.
        await page.WaitForSelectorAsync("#module-table tbody tr:first-child .state:text-is('pulse (offline)')");
        Assert.True(await SquareAlphaAsync(page) < 128, "the module squares of an offline device are drawn faded");
        Assert.Contains("offline", await page.TextContentAsync("#state-counts") ?? string.Empty, StringComparison.Ordinal);
        Assert.Contains("offline", await page.TextContentAsync("#heat-scale") ?? string.Empty, StringComparison.Ordinal);
        await page.Locator("#state-strip").HoverAsync(new LocatorHoverOptions { Position = new Position { X = 5, Y = 5 } });
        Assert.StartsWith("module 0: pulse (offline)", await page.TextContentAsync("#compact-hover"), StringComparison.Ordinal);
        Assert.True((await DashboardPage.SnapshotAsync(page)).GetProperty("compact").GetProperty("faded").GetBoolean());
        await page.CloseAsync();
    }

    [Fact]
    public async Task ADeviceThatSendsNoDataAfterItsConfigShowsAsStaleNotIdle()
    {
        using MosquittoBroker broker = MosquittoBroker.StartNew(new MosquittoBrokerOptions { EnableWebSockets = true });
        using DashboardServer server = new DashboardServer(_browser.DashboardRoot);

        // The broker still holds the device's online status and config, but nothing has come from its streams since
        // the page opened (its control loop hung, say): the module states the page has are none it received.
        DashboardMqttTools.Publish(broker.Port, "edge/silent-1/status", DashboardMessages.Online, retain: true);
        DashboardMqttTools.Publish(broker.Port, "edge/silent-1/config", DashboardMessages.Config(2, 2), retain: true);
        IPage page = await DashboardPage.OpenAsync(_browser, server.PageUrl(broker.WebSocketPort, "silent-1"));
        await DashboardPage.WaitForAsync(page, s => s.GetProperty("hasConfig").GetBoolean());

        // After three cell periods (at least 3 s) without data, as for a stream that stops: stale, said so everywhere.
        JsonElement stale = await DashboardPage.WaitForAsync(page, s => s.GetProperty("stale").GetBoolean(), seconds: 20);
        Assert.Equal("online", stale.GetProperty("status").GetString());
        await page.WaitForSelectorAsync("nav .device[data-device=silent-1][data-shown=stale]");
        Assert.Equal("no data", await page.Locator(".module .state").First.TextContentAsync());
        string banner = await page.Locator("#stale-banner").InnerTextAsync();
        Assert.Contains("No data from silent-1", banner, StringComparison.Ordinal);
        Assert.DoesNotContain("device time ?", banner, StringComparison.Ordinal);
        Assert.Contains("no data since", await page.Locator("nav .device[data-device=silent-1]").InnerTextAsync(), StringComparison.Ordinal);

        // The first data make it live.
        DashboardMqttTools.Publish(broker.Port, "edge/silent-1/telemetry/cells", DashboardMessages.Cells(1, 1000, 0, "rest", 100, 101));
        await DashboardPage.WaitForAsync(page, s => !s.GetProperty("stale").GetBoolean() && s.GetProperty("cellRows").GetInt32() == 1);
        await page.CloseAsync();
    }

    [Fact]
    public async Task AnOfflineDeviceThatReportedNoStateShowsNoStateNotIdle()
    {
        using MosquittoBroker broker = MosquittoBroker.StartNew(new MosquittoBrokerOptions { EnableWebSockets = true });
        using DashboardServer server = new DashboardServer(_browser.DashboardRoot);

        // The broker holds the device's Last Will and its config; the page opens after the device went away, so no
        // module state ever reached it (the modules may have been pulsing, or held by a fault, when it died).
        DashboardMqttTools.Publish(broker.Port, "edge/gone-1/status", """{"v":1,"status":"offline","bootId":"b1"}""", retain: true);
        DashboardMqttTools.Publish(broker.Port, "edge/gone-1/config", DashboardMessages.Config(2, 2), retain: true);
        IPage page = await DashboardPage.OpenAsync(_browser, server.PageUrl(broker.WebSocketPort, "gone-1"));
        await DashboardPage.WaitForAsync(page, s => s.GetProperty("hasConfig").GetBoolean() && s.GetProperty("status").GetString() == "offline");
        await page.WaitForSelectorAsync(".module .state:text-matches('offline')");

        // Offline is said, and no state is made up: not "idle (offline)", which would read as the last state reported.
        Assert.Equal("no data (offline)", await page.Locator(".module .state").First.TextContentAsync());
        Assert.Equal("no data (offline)", await page.Locator(".module .state").Nth(1).TextContentAsync());

        // The compact view says the same.
        await page.ClickAsync("#compact-toggle");
        await page.WaitForSelectorAsync("#state-strip:visible");
        await page.Locator("#state-strip").HoverAsync(new LocatorHoverOptions { Position = new Position { X = 5, Y = 5 } });
        Assert.StartsWith("module 0: no data (offline)", await page.TextContentAsync("#compact-hover"), StringComparison.Ordinal);
        Assert.DoesNotContain("idle", await page.TextContentAsync("#state-counts") ?? string.Empty, StringComparison.Ordinal);

        // Its first data after it comes back are its state.
        DashboardMqttTools.Publish(broker.Port, "edge/gone-1/status", DashboardMessages.Online, retain: true);
        DashboardMqttTools.Publish(broker.Port, "edge/gone-1/telemetry/cells", DashboardMessages.Cells(1, 1000, 0, "rest", 100, 101));
        await page.ClickAsync("#compact-toggle");
        await page.WaitForSelectorAsync(".module .state:text-is('rest')");
        await page.CloseAsync();
    }

    [Fact]
    public async Task AStepOfAnUnknownKindIsNotShownAsAPlate()
    {
        using MosquittoBroker broker = MosquittoBroker.StartNew(new MosquittoBrokerOptions { EnableWebSockets = true });
        using DashboardServer server = new DashboardServer(_browser.DashboardRoot);

        // CONTRACT.md encodes a step kind the device's encoder does not know as "unknown": a page that read every other
        // kind as a plate would tell the operator the pack plates.
        string config = DashboardMessages.Config(1, 2).Replace("\"kind\":\"strip\"", "\"kind\":\"unknown\"", StringComparison.Ordinal);
        DashboardMqttTools.Publish(broker.Port, "edge/kind-1/config", config, retain: true);
        IPage page = await DashboardPage.OpenAsync(_browser, server.PageUrl(broker.WebSocketPort, "kind-1"));
        await DashboardPage.WaitForAsync(page, s => s.GetProperty("hasConfig").GetBoolean());

        string protocol = await page.Locator("[data-fact='protocol']").TextContentAsync() ?? string.Empty;
        Assert.Contains("Unknown step (unknown) 1.00 mA/cm2 (385 µA) for 1 s", protocol, StringComparison.Ordinal);
        Assert.DoesNotContain("Plate", protocol, StringComparison.Ordinal);
        await page.CloseAsync();
    }

    [Fact]
    public async Task DeviceTimesRoundedUpToTheNextMinuteOrHourCarryIntoIt()
    {
        using MosquittoBroker broker = MosquittoBroker.StartNew(new MosquittoBrokerOptions { EnableWebSockets = true });
        using DashboardServer server = new DashboardServer(_browser.DashboardRoot);
        IPage page = await DashboardPage.OpenAsync(_browser, server.PageUrl(broker.WebSocketPort, "clock-1"));
        DashboardMqttTools.Publish(broker.Port, "edge/clock-1/config", DashboardMessages.Config(1, 2), retain: true);

        // 1:59.996 and 59:59.999 shown to the hundredth are 2:00.00 and 1:00:00.00, not 1:60.00 and 0:59:60.00.
        DashboardMqttTools.Publish(broker.Port, "edge/clock-1/event", new[]
        {
            DashboardMessages.Event(1, 119_996, "cutoff", "info", 0, 0, "3004"),
            DashboardMessages.Event(2, 3_599_999, "timeLimit", "info", 0, null, "3599999"),
        });
        await DashboardPage.WaitForAsync(page, s => s.GetProperty("events").GetArrayLength() == 2);
        await page.WaitForSelectorAsync("#events tbody tr[data-kind=timeLimit]");
        Assert.StartsWith("1:00:00.00 (", await page.Locator("#events tbody tr[data-kind=timeLimit] td").First.InnerTextAsync(), StringComparison.Ordinal);
        Assert.StartsWith("0:02:00.00 (", await page.Locator("#events tbody tr[data-kind=cutoff] td").First.InnerTextAsync(), StringComparison.Ordinal);
        await page.CloseAsync();
    }

    /// <summary>The alpha of module 0's square in the state strip, read from the canvas (a corner, clear of its label).</summary>
    private static Task<int> SquareAlphaAsync(IPage page) =>
        page.EvaluateAsync<int>("() => { const c = document.getElementById('state-strip'); const k = c.width / c.clientWidth; return c.getContext('2d').getImageData(Math.round(3 * k), Math.round(3 * k), 1, 1).data[3]; }");
}
