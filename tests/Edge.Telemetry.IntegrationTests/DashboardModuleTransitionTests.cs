using System.Text.Json;
using Edge.HostSim.Dashboard;
using Edge.HostSim.Mqtt.Broker;
using Microsoft.Playwright;

namespace Edge.Telemetry.IntegrationTests;

/// <summary>
/// What a module's card and compact row say after its state changes through the operator's commands: a stop, a hold and a
/// reset end the rest its last pulse summary chose, and a start begins a run whose pulses, charge and rests are its own;
/// on the charts, a stopped span is a gap in the module's per-pulse lines.
/// </summary>
public sealed class DashboardModuleTransitionTests : IClassFixture<BrowserFixture>
{
    private readonly BrowserFixture _browser;

    public DashboardModuleTransitionTests(BrowserFixture browser)
    {
        _browser = browser;
    }

    [Fact]
    public async Task AModuleStoppedHeldOrResetInItsRestHasNoRestToFollow()
    {
        using MosquittoBroker broker = MosquittoBroker.StartNew(new MosquittoBrokerOptions { EnableWebSockets = true });
        using DashboardServer server = new DashboardServer(_browser.DashboardRoot);
        IPage page = await DashboardPage.OpenAsync(_browser, server.PageUrl(broker.WebSocketPort, "tr-1"));
        DashboardMqttTools.Publish(broker.Port, "edge/tr-1/status", DashboardMessages.Online, retain: true);
        DashboardMqttTools.Publish(broker.Port, "edge/tr-1/config", DashboardMessages.Config(3, 2), retain: true);

        // Every module's first pulse ends at 2 s and chose a 5 s rest (the config's fixed rest step).
        DashboardMqttTools.Publish(broker.Port, "edge/tr-1/telemetry/pulse", new[]
        {
            DashboardMessages.Pulse(1, 2000, 0, 1, 385, 5000),
            DashboardMessages.Pulse(2, 2000, 1, 1, 385, 5000),
            DashboardMessages.Pulse(3, 2000, 2, 1, 385, 5000),
        });
        ILocator cards = page.Locator("#modules .module");
        for (int i = 0; i < 3; i++)
        {
            await Assertions.Expect(cards.Nth(i).Locator(".rest")).ToHaveTextAsync("tuned rest 5.00 s");
        }

        // In that rest: module 0 is stopped (done), module 1 held by a soft short its rest's self-discharge confirmed;
        // module 2 rests on.
        DashboardMqttTools.Publish(broker.Port, "edge/tr-1/telemetry/state", new[]
        {
            DashboardMessages.StateChanged(1, 2010, 2, "rest"),
            DashboardMessages.StateChanged(2, 3000, 0, "done", "command"),
            DashboardMessages.StateChanged(3, 4000, 1, "hold", "softShort"),
        });
        await DashboardPage.WaitForAsync(page, s => s.GetProperty("modules")[0].GetProperty("state").GetString() == "done"
            && s.GetProperty("modules")[1].GetProperty("state").GetString() == "hold"
            && s.GetProperty("modules")[2].GetProperty("state").GetString() == "rest");
        await Assertions.Expect(cards.Nth(0).Locator(".rest")).ToHaveTextAsync("tuned rest none follows");
        await Assertions.Expect(cards.Nth(1).Locator(".rest")).ToHaveTextAsync("tuned rest none follows");
        await Assertions.Expect(cards.Nth(2).Locator(".rest")).ToHaveTextAsync("tuned rest 5.00 s");

        // The operator resets module 1's fault: idle, waiting for a start, still resting no more.
        DashboardMqttTools.Publish(broker.Port, "edge/tr-1/telemetry/state", DashboardMessages.StateChanged(4, 6000, 1, "idle"));
        await DashboardPage.WaitForAsync(page, s => s.GetProperty("modules")[1].GetProperty("state").GetString() == "idle");
        await Assertions.Expect(cards.Nth(1).Locator(".rest")).ToHaveTextAsync("tuned rest none follows");

        // The compact view's table says the same (its column 5 is the tuned rest).
        await page.ClickAsync("#compact-toggle");
        ILocator rows = page.Locator("#module-table tbody tr");
        await Assertions.Expect(rows.Nth(0).Locator("td").Nth(4)).ToHaveTextAsync("none follows");
        await Assertions.Expect(rows.Nth(1).Locator("td").Nth(4)).ToHaveTextAsync("none follows");
        await Assertions.Expect(rows.Nth(2).Locator("td").Nth(4)).ToHaveTextAsync("5.00 s");
        await page.CloseAsync();
    }

    [Fact]
    public async Task AStartedModuleShowsNothingOfItsPreviousRunUntilItsOwnFirstPulse()
    {
        using MosquittoBroker broker = MosquittoBroker.StartNew(new MosquittoBrokerOptions { EnableWebSockets = true });
        using DashboardServer server = new DashboardServer(_browser.DashboardRoot);
        IPage page = await DashboardPage.OpenAsync(_browser, server.PageUrl(broker.WebSocketPort, "tr-2"));
        DashboardMqttTools.Publish(broker.Port, "edge/tr-2/status", DashboardMessages.Online, retain: true);
        DashboardMqttTools.Publish(broker.Port, "edge/tr-2/config", DashboardMessages.Config(1, 2), retain: true);

        // A first run of three pulses, 385 uC each (1 s at 385 uA): 1155 uC over 0.3848 cm2 is 0.000834 mAh/cm2 (shown
        // 0.001); stopped by the operator at 9 s, in the rest after the third.
        DashboardMqttTools.Publish(broker.Port, "edge/tr-2/telemetry/pulse", new[]
        {
            DashboardMessages.Pulse(1, 1000, 0, 1, 385, 2000),
            DashboardMessages.Pulse(2, 4000, 0, 2, 770, 2000),
            DashboardMessages.Pulse(3, 7000, 0, 3, 1155, 2000),
        });
        DashboardMqttTools.Publish(broker.Port, "edge/tr-2/telemetry/state", DashboardMessages.StateChanged(1, 9000, 0, "done", "command"));
        ILocator card = page.Locator("#modules .module").First;
        await Assertions.Expect(card.Locator(".pulses")).ToHaveTextAsync("3 pulses");
        await Assertions.Expect(card.Locator(".capacity")).ToHaveTextAsync("delivered 0.001 mAh/cm2");

        // Started again at 20 s: the new run has had no pulse yet, so it has no last pulse, charge, rest or count.
        DashboardMqttTools.Publish(broker.Port, "edge/tr-2/telemetry/state", DashboardMessages.StateChanged(2, 20_000, 0, "pulse"));
        await DashboardPage.WaitForAsync(page, s => s.GetProperty("modules")[0].GetProperty("state").GetString() == "pulse");
        await Assertions.Expect(card.Locator(".pulses")).ToHaveTextAsync("– pulses");
        await Assertions.Expect(card.Locator(".current")).ToHaveTextAsync("last pulse –");
        await Assertions.Expect(card.Locator(".capacity")).ToHaveTextAsync("delivered –");
        await Assertions.Expect(card.Locator(".rest")).ToHaveTextAsync("tuned rest –");

        // The first run's last summary, sent late (a backlog after a reconnect: stamped 9 s, where the stop cut its
        // pulse), charts the old run but is not this run's.
        DashboardMqttTools.Publish(broker.Port, "edge/tr-2/telemetry/pulse", DashboardMessages.Pulse(4, 9000, 0, 4, 1350, 0));
        await DashboardPage.WaitForAsync(page, s => s.GetProperty("pulseRows").GetInt32() == 4);
        await Assertions.Expect(card.Locator(".pulses")).ToHaveTextAsync("– pulses");

        // The new run's first pulse: its own count and charge (385 uC: 0.000278 mAh/cm2).
        DashboardMqttTools.Publish(broker.Port, "edge/tr-2/telemetry/pulse", DashboardMessages.Pulse(5, 21_000, 0, 1, 385, 2000));
        await Assertions.Expect(card.Locator(".pulses")).ToHaveTextAsync("1 pulse");
        await Assertions.Expect(card.Locator(".capacity")).ToHaveTextAsync("delivered 0.000 mAh/cm2");
        await Assertions.Expect(card.Locator(".rest")).ToHaveTextAsync("tuned rest 2.00 s");
        await page.CloseAsync();
    }

    [Fact]
    public async Task AModuleStoppedAndStartedAgainHasAGapInItsPulseLinesWhereItStood()
    {
        using MosquittoBroker broker = MosquittoBroker.StartNew(new MosquittoBrokerOptions { EnableWebSockets = true });
        using DashboardServer server = new DashboardServer(_browser.DashboardRoot);
        IPage page = await DashboardPage.OpenAsync(_browser, server.PageUrl(broker.WebSocketPort, "tr-4"));
        DashboardMqttTools.Publish(broker.Port, "edge/tr-4/status", DashboardMessages.Online, retain: true);
        DashboardMqttTools.Publish(broker.Port, "edge/tr-4/config", DashboardMessages.Config(1, 2), retain: true);

        // One module: pulses at 1, 4 and 7 s, stopped by the operator at 9 s in its fourth pulse, which is summarised at
        // the next tick (9.01 s: the sample that shows its switch open) with no rest to follow; started again at 20 s,
        // pulses at 21 and 24 s. Nothing pulsed from 9 to 20 s: a line from the cut pulse to the 21 s one would draw a
        // run there.
        DashboardMqttTools.Publish(broker.Port, "edge/tr-4/telemetry/state", new[]
        {
            DashboardMessages.StateChanged(1, 0, 0, "pulse"),
            DashboardMessages.StateChanged(2, 9000, 0, "idle", "command"),
            DashboardMessages.StateChanged(3, 20_000, 0, "pulse"),
        });
        long[] times = { 1000, 4000, 7000, 9010, 21_000, 24_000 };
        int[] index = { 1, 2, 3, 4, 1, 2 };
        DashboardMqttTools.Publish(broker.Port, "edge/tr-4/telemetry/pulse", times.Select((t, i) => DashboardMessages.Pulse(i + 1, t, 0, index[i], 385L * index[i], t == 9010 ? 0 : 2000)));

        double[][] expected = { new[] { 1.0, 4.0, 7.0, 9.01 }, new[] { 21.0, 24.0 } };
        foreach ((string chart, string label) in new[] { ("current", "module 0"), ("capacity", "module 0"), ("overpotential", "M0 C0") })
        {
            JsonElement plotted = await DashboardPage.PlottedAsync(page, chart, label, p => p.GetProperty("x").EnumerateArray().Any(x => x.GetDouble() == 24));
            Assert.Equal(expected, DashboardPage.Lines(plotted));
        }

        // The cut pulse chose no rest (tunedRestMs 0): the rest line has no point there.
        JsonElement rest = await DashboardPage.PlottedAsync(page, "rest", "module 0", p => p.GetProperty("x").EnumerateArray().Any(x => x.GetDouble() == 24));
        Assert.Equal(new[] { new[] { 1.0, 4.0, 7.0 }, new[] { 21.0, 24.0 } }, DashboardPage.Lines(rest));

        await page.CloseAsync();
    }

    [Fact]
    public async Task AStoppedSpanIsAGapInTheModulesPulseLinesWhileAModuleThatRanOnStaysOneLine()
    {
        using MosquittoBroker broker = MosquittoBroker.StartNew(new MosquittoBrokerOptions { EnableWebSockets = true });
        using DashboardServer server = new DashboardServer(_browser.DashboardRoot);
        IPage page = await DashboardPage.OpenAsync(_browser, server.PageUrl(broker.WebSocketPort, "tr-3"));
        DashboardMqttTools.Publish(broker.Port, "edge/tr-3/status", DashboardMessages.Online, retain: true);
        DashboardMqttTools.Publish(broker.Port, "edge/tr-3/config", DashboardMessages.Config(2, 2), retain: true);

        // Both modules start at 0 s. Module 0 pulses at 1, 4 and 7 s, is stopped by the operator at 9 s in its rest and
        // started again at 20 s, pulsing at 21 and 24 s. Module 1 runs throughout, its pulses between module 0's (2.5 s,
        // then every 3 s to 23.5 s).
        DashboardMqttTools.Publish(broker.Port, "edge/tr-3/telemetry/state", new[]
        {
            DashboardMessages.StateChanged(1, 0, 0, "pulse"),
            DashboardMessages.StateChanged(2, 0, 1, "pulse"),
            DashboardMessages.StateChanged(3, 9000, 0, "done", "command"),
            DashboardMessages.StateChanged(4, 20_000, 0, "pulse"),
        });
        var pulses = new List<(long TMs, int Module)> { (1000, 0), (4000, 0), (7000, 0), (21_000, 0), (24_000, 0) };
        pulses.AddRange(Enumerable.Range(0, 8).Select(k => (2500L + (3000L * k), 1)));
        int index0 = 0;
        int index1 = 0;
        DashboardMqttTools.Publish(broker.Port, "edge/tr-3/telemetry/pulse", pulses.OrderBy(p => p.TMs).Select((p, seq) =>
            DashboardMessages.Pulse(seq + 1, p.TMs, p.Module, p.Module == 0 ? ++index0 : ++index1, 385L * (p.Module == 0 ? index0 : index1), 2000)));

        // Module 0's current, delivered capacity, tuned rest and overpotential: two lines, the stopped 9-20 s drawn as none.
        double[][] module0 = { new[] { 1.0, 4.0, 7.0 }, new[] { 21.0, 24.0 } };
        foreach ((string chart, string label) in new[] { ("current", "module 0"), ("capacity", "module 0"), ("rest", "module 0"), ("overpotential", "M0 C0"), ("overpotential", "M0 C1") })
        {
            JsonElement plotted = await DashboardPage.PlottedAsync(page, chart, label, p => p.GetProperty("x").EnumerateArray().Any(x => x.GetDouble() == 24));
            Assert.Equal(module0, DashboardPage.Lines(plotted));
        }

        // Module 1 ran on: one line through its 8 pulses, the rows of module 0's pulses and stop no break in it.
        double[] module1 = Enumerable.Range(0, 8).Select(k => 2.5 + (3.0 * k)).ToArray();
        foreach ((string chart, string label) in new[] { ("current", "module 1"), ("overpotential", "M1 C0") })
        {
            JsonElement plotted = await DashboardPage.PlottedAsync(page, chart, label, p => p.GetProperty("x").EnumerateArray().Any(x => x.GetDouble() == 24));
            Assert.Equal(new[] { module1 }, DashboardPage.Lines(plotted));
        }

        Assert.Equal(13, (await DashboardPage.SnapshotAsync(page)).GetProperty("pulseRows").GetInt32());
        await page.CloseAsync();
    }
}
