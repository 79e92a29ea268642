using System.Text.Json;
using Edge.HostSim.Dashboard;
using Edge.HostSim.Mqtt.Broker;
using Microsoft.Playwright;

namespace Edge.Telemetry.IntegrationTests;

/// <summary>
/// A module's last pulse and the module-current chart are the current each pulse carried, its <c>pulseChargeUc</c> x 1000
/// over <c>pulseDurationMs</c> (CONTRACT.md, telemetry/pulse), not <c>pulseCurrentUa</c>, the setpoint it was driven at: the
/// card gives the setpoint beside the mean where the two differ by more than one microcoulomb over the pulse (the charge's
/// step). A pulse of 0 ms has no mean: the card gives its setpoint alone, named so, and the chart no point.
/// All on the config's 0.3848 cm2 (DashboardMessages.Config).
/// </summary>
public sealed class DashboardPulseMeanTests : IClassFixture<BrowserFixture>
{
    private const double AreaCm2 = 0.3848;

    private readonly BrowserFixture _browser;

    public DashboardPulseMeanTests(BrowserFixture browser)
    {
        _browser = browser;
    }

    [Fact]
    public async Task TheCardAndTheChartShowTheCurrentEachPulseCarriedWithTheSetpointBesideWhereTheyDiffer()
    {
        using MosquittoBroker broker = MosquittoBroker.StartNew(new MosquittoBrokerOptions { EnableWebSockets = true });
        using DashboardServer server = new DashboardServer(_browser.DashboardRoot);
        IPage page = await DashboardPage.OpenAsync(_browser, server.PageUrl(broker.WebSocketPort, "mean-1"));
        DashboardMqttTools.Publish(broker.Port, "edge/mean-1/status", DashboardMessages.Online, retain: true);
        DashboardMqttTools.Publish(broker.Port, "edge/mean-1/config", DashboardMessages.Config(4, 2), retain: true);
        DashboardMqttTools.Publish(broker.Port, "edge/mean-1/telemetry/pulse", new[]
        {
            // Module 0 as CONTRACT.md's simulated DevKitC board: 385 uA set, 379 uC in 1000 ms, so 379 uA carried,
            // 6 uA off against a step of 1 uA: 379 / 384.8 = 0.985 mA/cm2, the setpoint 385 / 384.8 = 1.0005.
            Pulse(1, 1000, 0, 385, 1000, 379),
            // Module 1: 346 uC in 900 ms is 384.44 uA, 0.56 uA under the setpoint, inside the charge's step of 1000 / 900
            // = 1.11 uA: one figure, the setpoint's, 1.0005 mA/cm2 (the mean's 0.99907 reads the same at two decimals).
            Pulse(2, 2000, 1, 385, 900, 346),
            // Module 2 at a quarter of the current: 96 uA set (0.24948 mA/cm2), 190 uC in 2000 ms is 95 uA (0.24688),
            // 1 uA off against a step of 0.5 uA. Both read 0.25 at two decimals: a third tells them apart.
            Pulse(3, 3000, 2, 96, 2000, 190),
            // Module 3, a 250 ms pulse at 385 uA (96.25 uC) whose charge came as 97 uC, the step of the rounded running
            // total: 388 uA, 3 uA over the setpoint against a step of 1000 / 250 = 4 uA. The mean's own figure would
            // read 388 / 384.8 = 1.008, "1.01"; within the step the setpoint's 1.00 is what the message can tell.
            Pulse(4, 4000, 3, 385, 250, 97),
        });

        await WaitCurrentAsync(page, 0, "last pulse 0.98 mA/cm2 (set 1.00)");
        await WaitCurrentAsync(page, 1, "last pulse 1.00 mA/cm2");
        await WaitCurrentAsync(page, 2, "last pulse 0.247 mA/cm2 (set 0.249)");
        await WaitCurrentAsync(page, 3, "last pulse 1.00 mA/cm2");

        // The tooltip gives both in the device's units, and what the mean is made of.
        Assert.Equal("measured mean 379.0 µA (379 µC over 1000 ms), setpoint 385 µA", await page.Locator(".module").Nth(0).Locator(".current").GetAttributeAsync("title"));
        Assert.Equal("measured mean 384.4 µA (346 µC over 900 ms), setpoint 385 µA", await page.Locator(".module").Nth(1).Locator(".current").GetAttributeAsync("title"));

        JsonElement snapshot = await DashboardPage.SnapshotAsync(page);
        Assert.Equal(0, snapshot.GetProperty("rejected").GetInt32());
        Assert.Equal(379.0, snapshot.GetProperty("modules")[0].GetProperty("pulseMeanUa").GetDouble(), 6);
        Assert.Equal(385, snapshot.GetProperty("modules")[0].GetProperty("pulseCurrentUa").GetInt32());

        // The chart plots each pulse's mean, and its value axis says so.
        Assert.Equal(379 / 1000.0 / AreaCm2, await PlottedAtAsync(page, "module 0", 1.0), 6);
        Assert.Equal(346 * 1000.0 / 900 / 1000 / AreaCm2, await PlottedAtAsync(page, "module 1", 2.0), 6);
        Assert.Equal(95 / 1000.0 / AreaCm2, await PlottedAtAsync(page, "module 2", 3.0), 6);
        snapshot = await DashboardPage.SnapshotAsync(page);
        Assert.Equal("mA/cm2, measured pulse mean", snapshot.GetProperty("currentAxis").GetProperty("yLabel").GetString());
        Assert.Contains("measured mean", await page.Locator("#chart-current").Locator("xpath=..").Locator("figcaption").TextContentAsync(), StringComparison.Ordinal);
        await page.CloseAsync();
    }

    [Fact]
    public async Task APulseWithoutADurationShowsItsSetpointAloneAndIsNoPointOfTheChart()
    {
        using MosquittoBroker broker = MosquittoBroker.StartNew(new MosquittoBrokerOptions { EnableWebSockets = true });
        using DashboardServer server = new DashboardServer(_browser.DashboardRoot);
        IPage page = await DashboardPage.OpenAsync(_browser, server.PageUrl(broker.WebSocketPort, "mean-2"));
        DashboardMqttTools.Publish(broker.Port, "edge/mean-2/status", DashboardMessages.Online, retain: true);
        DashboardMqttTools.Publish(broker.Port, "edge/mean-2/config", DashboardMessages.Config(1, 2), retain: true);

        // A pulse of 380 uC in 1000 ms (0.98753 mA/cm2 carried at 1.0005 set), then one of 0 ms at 385 uA (cut at its first
        // sample): a charge over 0 ms has no value, the setpoint is all there is.
        DashboardMqttTools.Publish(broker.Port, "edge/mean-2/telemetry/pulse", new[] { Pulse(1, 1000, 0, 385, 1000, 380), Pulse(2, 3000, 0, 385, 0, 0) });
        await WaitCurrentAsync(page, 0, "last pulse 1.00 mA/cm2 (setpoint: a 0 ms pulse has no mean)");
        Assert.Equal("setpoint 385 µA; a 0 ms pulse has no measured mean", await page.Locator(".module").Nth(0).Locator(".current").GetAttributeAsync("title"));
        JsonElement snapshot = await DashboardPage.SnapshotAsync(page);
        Assert.Equal(JsonValueKind.Null, snapshot.GetProperty("modules")[0].GetProperty("pulseMeanUa").ValueKind);

        // The chart keeps the measured pulse and has nothing at 3 s (no NaN, no Infinity, no setpoint in its place);
        // the pulse's capacity is charted there all the same.
        JsonElement current = await DashboardPage.PlottedAsync(page, "current", "module 0", p => p.GetProperty("x").EnumerateArray().Any(x => x.GetDouble() == 3.0));
        Assert.Equal(380 / 1000.0 / AreaCm2, ValueAt(current, 1.0)!.Value, 6);
        Assert.Null(ValueAt(current, 3.0));
        Assert.Equal(new[] { new[] { 1.0 } }, DashboardPage.Lines(current));
        JsonElement capacity = await DashboardPage.PlottedAsync(page, "capacity", "module 0", p => ValueAt(p, 3.0) != null);
        Assert.Equal(new[] { new[] { 1.0, 3.0 } }, DashboardPage.Lines(capacity));

        // A summary without the field breaks the contract (the duration is no optional field): rejected by name, and the
        // card keeps the pulse before.
        string missing = Pulse(3, 4000, 0, 385, 1000, 385).Replace("\"pulseDurationMs\":1000,", string.Empty, StringComparison.Ordinal);
        DashboardMqttTools.Publish(broker.Port, "edge/mean-2/telemetry/pulse", missing);
        snapshot = await DashboardPage.WaitForAsync(page, s => s.GetProperty("rejected").GetInt32() == 1);
        Assert.Contains(snapshot.GetProperty("rejectedReasons").EnumerateArray(), r => r.GetString()!.Contains("pulseDurationMs: not an integer", StringComparison.Ordinal));
        Assert.Equal("last pulse 1.00 mA/cm2 (setpoint: a 0 ms pulse has no mean)", await page.Locator(".module").Nth(0).Locator(".current").TextContentAsync());
        string body = (await page.Locator("body").InnerTextAsync())!;
        Assert.DoesNotContain("NaN", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Infinity", body, StringComparison.Ordinal);
        await page.CloseAsync();
    }

    /// <summary>A pulse summary of a two-cell module with the setpoint, duration and charge given.</summary>
    private static string Pulse(long seq, long tMs, int module, int currentUa, long durationMs, long chargeUc) =>
        $$"""{"v":1,"bootId":"b1","seq":{{seq}},"tMs":{{tMs}},"module":{{module}},"pulseIndex":{{seq}},"pulseCurrentUa":{{currentUa}},"pulseDurationMs":{{durationMs}},"pulseChargeUc":{{chargeUc}},"totalChargeUc":{{chargeUc * seq}},"tunedRestMs":5000,"moduleCurrentUa":0,"moduleCurrentInvalid":false,"overpotentialMv":[150,148],"edgeResistanceMilliohm":[390000,385000]}""";

    private static async Task WaitCurrentAsync(IPage page, int module, string text) =>
        await Assertions.Expect(page.Locator(".module").Nth(module).Locator(".current")).ToHaveTextAsync(text, new LocatorAssertionsToHaveTextOptions { Timeout = 60_000 });

    private static async Task<double> PlottedAtAsync(IPage page, string label, double x)
    {
        JsonElement plotted = await DashboardPage.PlottedAsync(page, "current", label, p => ValueAt(p, x) != null);
        return ValueAt(plotted, x)!.Value;
    }

    /// <summary>The value a series plots at device time <paramref name="x"/> (s); null where it has none.</summary>
    private static double? ValueAt(JsonElement plotted, double x)
    {
        JsonElement[] xs = plotted.GetProperty("x").EnumerateArray().ToArray();
        JsonElement[] values = plotted.GetProperty("values").EnumerateArray().ToArray();
        for (int i = 0; i < xs.Length; i++)
        {
            if (xs[i].GetDouble() == x)
            {
                return values[i].ValueKind == JsonValueKind.Number ? values[i].GetDouble() : null;
            }
        }

        return null;
    }
}
