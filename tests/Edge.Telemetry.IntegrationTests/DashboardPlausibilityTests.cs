using System.Text.Json;
using Edge.HostSim.Dashboard;
using Edge.HostSim.Mqtt.Broker;
using Microsoft.Playwright;

namespace Edge.Telemetry.IntegrationTests;

/// <summary>
/// seq and tMs jumps a device cannot make (hostsim/dashboard/README.md, "Robustness"): a stream's seq counts its messages
/// and tMs the device's time, both stamped in the tick that made the record, and the device sends every module's cell
/// voltages once a cellVoltagePeriodMs. The config here: 1 module, cell voltages every 1000 ms, ticks of 10 ms.
/// </summary>
public sealed class DashboardPlausibilityTests : IClassFixture<BrowserFixture>
{
    private readonly BrowserFixture _browser;

    public DashboardPlausibilityTests(BrowserFixture browser)
    {
        _browser = browser;
    }

    [Fact]
    public async Task ASeqFurtherAheadThanTheDeviceNumbersIsRejectedAndLeavesNoGap()
    {
        using MosquittoBroker broker = MosquittoBroker.StartNew(new MosquittoBrokerOptions { EnableWebSockets = true });
        using DashboardServer server = new DashboardServer(_browser.DashboardRoot);
        IPage page = await DashboardPage.OpenAsync(_browser, server.PageUrl(broker.WebSocketPort, "seq-1"));
        DashboardMqttTools.Publish(broker.Port, "edge/seq-1/status", DashboardMessages.Online, retain: true);
        DashboardMqttTools.Publish(broker.Port, "edge/seq-1/config", DashboardMessages.Config(1, 2), retain: true);
        DashboardMqttTools.Publish(broker.Port, "edge/seq-1/telemetry/cells", new[] { 1, 2, 3 }.Select(i => DashboardMessages.Cells(i, i * 1000L, 0, "pulse", 150, 151)));
        await DashboardPage.WaitForAsync(page, s => s.GetProperty("lastTMs").ValueKind == JsonValueKind.Number && s.GetProperty("lastTMs").GetInt64() == 3000);

        // seq 99,999,999 one second after seq 3: in 1000 ms one module's cells are numbered at most once a period, so
        // 99,999,996 after seq 3 is no gap of lost messages.
        DashboardMqttTools.Publish(broker.Port, "edge/seq-1/telemetry/cells", DashboardMessages.Cells(99_999_999, 4000, 0, "pulse", 150, 151));
        JsonElement rejected = await DashboardPage.WaitForAsync(page, s => s.GetProperty("rejected").GetInt32() == 1);
        Assert.Contains("not counted as lost messages", Assert.Single(rejected.GetProperty("rejectedReasons").EnumerateArray()).GetString()!, StringComparison.Ordinal);

        // The stream goes on at seq 4: applied, not taken for a late copy of a gap that never was.
        DashboardMqttTools.Publish(broker.Port, "edge/seq-1/telemetry/cells", DashboardMessages.Cells(4, 4000, 0, "rest", 140, 141));
        JsonElement snapshot = await DashboardPage.WaitForAsync(page, s => s.GetProperty("cellRows").GetInt32() == 4);
        Assert.Empty(snapshot.GetProperty("gaps").EnumerateArray());
        Assert.Equal("rest", snapshot.GetProperty("modules")[0].GetProperty("state").GetString());
        await page.WaitForFunctionAsync("() => document.querySelector('#gaps tbody').textContent.includes('every seq arrived')");

        // Messages a device can have lost still count as lost: seq 7 at 7 s after seq 4 at 4 s (5 and 6 missing).
        DashboardMqttTools.Publish(broker.Port, "edge/seq-1/telemetry/cells", DashboardMessages.Cells(7, 7000, 0, "rest", 140, 141));
        JsonElement gap = Assert.Single((await DashboardPage.WaitForAsync(page, s => s.GetProperty("gaps").GetArrayLength() == 1)).GetProperty("gaps").EnumerateArray());
        Assert.Equal(5, gap.GetProperty("from").GetInt32());
        Assert.Equal(6, gap.GetProperty("to").GetInt32());
        Assert.Equal(2, gap.GetProperty("missing").GetInt32());
        Assert.Equal(1, (await DashboardPage.SnapshotAsync(page)).GetProperty("rejected").GetInt32());
        await page.CloseAsync();
    }

    [Fact]
    public async Task ATimeFarAheadOfTheDevicesClockIsNotChartedAndIsRejectedWhenTheStreamContradictsIt()
    {
        using MosquittoBroker broker = MosquittoBroker.StartNew(new MosquittoBrokerOptions { EnableWebSockets = true });
        using DashboardServer server = new DashboardServer(_browser.DashboardRoot);
        IPage page = await DashboardPage.OpenAsync(_browser, server.PageUrl(broker.WebSocketPort, "time-1"));
        DashboardMqttTools.Publish(broker.Port, "edge/time-1/status", DashboardMessages.Online, retain: true);

        // Cell voltages every 10 s: a message more than 30 s (three periods) ahead of the device's clock waits up to 30 s.
        DashboardMqttTools.Publish(broker.Port, "edge/time-1/config", DashboardMessages.Config(1, 2, cellVoltagePeriodMs: 10_000), retain: true);
        DashboardMqttTools.Publish(broker.Port, "edge/time-1/telemetry/cells", new[] { 1, 2, 3 }.Select(i => DashboardMessages.Cells(i, i * 10_000L, 0, "pulse", 150, 151)));
        await DashboardPage.WaitForAsync(page, s => s.GetProperty("lastTMs").ValueKind == JsonValueKind.Number && s.GetProperty("lastTMs").GetInt64() == 30_000
            && s.GetProperty("cellsAxis").ValueKind == JsonValueKind.Object);

        // seq 4 stamped 99,999,999 ms (27.8 h) while the device's clock stands at 30 s: it waits, shown nowhere.
        DashboardMqttTools.Publish(broker.Port, "edge/time-1/telemetry/cells", DashboardMessages.Cells(4, 99_999_999, 0, "hold", 150, 151));
        JsonElement waiting = await DashboardPage.WaitForAsync(page, s => s.GetProperty("unconfirmed").GetInt32() == 1);
        Assert.Equal(30_000, waiting.GetProperty("lastTMs").GetInt64());
        Assert.Equal(3, waiting.GetProperty("cellRows").GetInt32());

        // The device's seq 4 comes at 40 s: the stream never reached 99,999,999 ms, so that message is rejected.
        DashboardMqttTools.Publish(broker.Port, "edge/time-1/telemetry/cells", DashboardMessages.Cells(4, 40_000, 0, "rest", 140, 141));
        JsonElement snapshot = await DashboardPage.WaitForAsync(page, s => s.GetProperty("rejected").GetInt32() == 1 && s.GetProperty("cellRows").GetInt32() == 4);
        Assert.Equal(40_000, snapshot.GetProperty("lastTMs").GetInt64());
        Assert.Equal(0, snapshot.GetProperty("unconfirmed").GetInt32());
        Assert.Equal("rest", snapshot.GetProperty("modules")[0].GetProperty("state").GetString());
        Assert.Empty(snapshot.GetProperty("gaps").EnumerateArray());
        Assert.Contains("did not reach", Assert.Single(snapshot.GetProperty("rejectedReasons").EnumerateArray()).GetString()!, StringComparison.Ordinal);

        // The time axis ends at the device's 40 s, not 27.8 h later.
        JsonElement axis = (await DashboardPage.WaitForAsync(page, s => s.GetProperty("cellsAxis").ValueKind == JsonValueKind.Object
            && s.GetProperty("cellsAxis").GetProperty("max").ValueKind == JsonValueKind.Number && s.GetProperty("cellsAxis").GetProperty("max").GetDouble() >= 40, seconds: 20)).GetProperty("cellsAxis");
        Assert.InRange(axis.GetProperty("max").GetDouble(), 40, 50);
        await page.CloseAsync();
    }

    [Fact]
    public async Task AMessageAheadOfTheClockIsRejectedWhenTheDeviceGoesOnSendingWithoutReachingIt()
    {
        using MosquittoBroker broker = MosquittoBroker.StartNew(new MosquittoBrokerOptions { EnableWebSockets = true });
        using DashboardServer server = new DashboardServer(_browser.DashboardRoot);
        IPage page = await DashboardPage.OpenAsync(_browser, server.PageUrl(broker.WebSocketPort, "time-2"));
        DashboardMqttTools.Publish(broker.Port, "edge/time-2/status", DashboardMessages.Online, retain: true);
        DashboardMqttTools.Publish(broker.Port, "edge/time-2/config", DashboardMessages.Config(1, 2), retain: true);
        DashboardMqttTools.Publish(broker.Port, "edge/time-2/telemetry/cells", new[] { 1, 2, 3 }.Select(i => DashboardMessages.Cells(i, i * 1000L, 0, "pulse", 150, 151)));
        await DashboardPage.WaitForAsync(page, s => s.GetProperty("lastTMs").ValueKind == JsonValueKind.Number && s.GetProperty("lastTMs").GetInt64() == 3000);

        // An event stamped 99,999,999 ms: no later event contradicts it, but the device's cell voltages go on at 4 s and
        // 5 s; once the wait (three periods, 3 s) is over, it is rejected, never listed.
        DashboardMqttTools.Publish(broker.Port, "edge/time-2/event", DashboardMessages.Event(1, 99_999_999, "cutoff", "info", 0, 1, "3004", threshold: 3000));
        await DashboardPage.WaitForAsync(page, s => s.GetProperty("unconfirmed").GetInt32() == 1);
        DashboardMqttTools.Publish(broker.Port, "edge/time-2/telemetry/cells", new[] { 4, 5 }.Select(i => DashboardMessages.Cells(i, i * 1000L, 0, "pulse", 150, 151)));
        JsonElement snapshot = await DashboardPage.WaitForAsync(page, s => s.GetProperty("rejected").GetInt32() == 1 && s.GetProperty("unconfirmed").GetInt32() == 0);
        Assert.Equal(5000, snapshot.GetProperty("lastTMs").GetInt64());
        Assert.Empty(snapshot.GetProperty("events").EnumerateArray());
        Assert.Contains("did not reach", Assert.Single(snapshot.GetProperty("rejectedReasons").EnumerateArray()).GetString()!, StringComparison.Ordinal);
        await page.CloseAsync();
    }

    [Fact]
    public async Task ADevicesRealJumpAfterLostMessagesIsConfirmedByItsNextMessageAndNothingIsRejected()
    {
        using MosquittoBroker broker = MosquittoBroker.StartNew(new MosquittoBrokerOptions { EnableWebSockets = true });
        using DashboardServer server = new DashboardServer(_browser.DashboardRoot);
        IPage page = await DashboardPage.OpenAsync(_browser, server.PageUrl(broker.WebSocketPort, "jump-1"));
        DashboardMqttTools.Publish(broker.Port, "edge/jump-1/status", DashboardMessages.Online, retain: true);
        DashboardMqttTools.Publish(broker.Port, "edge/jump-1/config", DashboardMessages.Config(1, 2), retain: true);
        DashboardMqttTools.Publish(broker.Port, "edge/jump-1/telemetry/cells", new[] { 1, 2, 3 }.Select(i => DashboardMessages.Cells(i, i * 1000L, 0, "pulse", 150, 151)));
        await DashboardPage.WaitForAsync(page, s => s.GetProperty("lastTMs").ValueKind == JsonValueKind.Number && s.GetProperty("lastTMs").GetInt64() == 3000);

        // Ten minutes of the device's telemetry lost on a congested link (its outbox evicts telemetry first, keeps
        // events): its cut-off event at 600.5 s arrives first, then the cells message of 601 s, seq 601.
        DashboardMqttTools.Publish(broker.Port, "edge/jump-1/event", DashboardMessages.Event(1, 600_500, "cutoff", "info", 0, 1, "3004", threshold: 3000));
        await DashboardPage.WaitForAsync(page, s => s.GetProperty("unconfirmed").GetInt32() == 1);
        DashboardMqttTools.Publish(broker.Port, "edge/jump-1/telemetry/cells", DashboardMessages.Cells(601, 601_000, 0, "done", 150, 151));
        JsonElement snapshot = await DashboardPage.WaitForAsync(page, s => s.GetProperty("lastTMs").ValueKind == JsonValueKind.Number && s.GetProperty("lastTMs").GetInt64() == 601_000);

        // Both applied, the event first; seq 4-600 (597 messages, fewer than the 600 of 598 s) a gap; nothing rejected.
        Assert.Equal(0, snapshot.GetProperty("rejected").GetInt32());
        Assert.Equal(0, snapshot.GetProperty("unconfirmed").GetInt32());
        Assert.Equal(new[] { "cutoff" }, snapshot.GetProperty("events").EnumerateArray().Select(e => e.GetString()).ToArray());
        JsonElement gap = Assert.Single(snapshot.GetProperty("gaps").EnumerateArray());
        Assert.Equal(4, gap.GetProperty("from").GetInt32());
        Assert.Equal(600, gap.GetProperty("to").GetInt32());
        Assert.Equal(597, gap.GetProperty("missing").GetInt32());
        Assert.Equal("done", snapshot.GetProperty("modules")[0].GetProperty("state").GetString());
        await page.CloseAsync();
    }
}
