using System.Text.Json;
using Edge.HostSim.Dashboard;
using Edge.HostSim.Mqtt.Broker;
using Microsoft.Playwright;

namespace Edge.Telemetry.IntegrationTests;

/// <summary>
/// The cut-offs the dashboard shows are the ones that can end a run of the device's protocol: a protocol with a
/// plate step (CONTRACT.md: a step's currentUa is a magnitude, its kind the direction) ends at the plating cut-off too.
/// </summary>
public sealed class DashboardCutoffTests : IClassFixture<BrowserFixture>
{
    private const string StripStep = """{"kind":"strip","currentUa":385,"durationMs":1000}""";

    private readonly BrowserFixture _browser;

    public DashboardCutoffTests(BrowserFixture browser)
    {
        _browser = browser;
    }

    [Fact]
    public async Task AProtocolThatPlatesShowsItsPlatingCutoffBesideTheStripCutoff()
    {
        using MosquittoBroker broker = MosquittoBroker.StartNew(new MosquittoBrokerOptions { EnableWebSockets = true });
        using DashboardServer server = new DashboardServer(_browser.DashboardRoot);
        IPage page = await DashboardPage.OpenAsync(_browser, server.PageUrl(broker.WebSocketPort, "plate-1"));
        string config = DashboardMessages.Config(1, 2).Replace(StripStep, StripStep + """,{"kind":"plate","currentUa":154,"durationMs":600000}""", StringComparison.Ordinal);
        Assert.Contains("\"plate\"", config, StringComparison.Ordinal);
        DashboardMqttTools.Publish(broker.Port, "edge/plate-1/status", DashboardMessages.Online, retain: true);
        DashboardMqttTools.Publish(broker.Port, "edge/plate-1/config", config, retain: true);
        DashboardMqttTools.Publish(broker.Port, "edge/plate-1/telemetry/cells", DashboardMessages.Cells(1, 1000, 0, "pulse", 10, 12));

        JsonElement snapshot = await DashboardPage.WaitForAsync(page, s => s.GetProperty("cellsAxis").ValueKind == JsonValueKind.Object);
        Assert.Equal("cut-off strip 3000 mV, plate -3000 mV", (await page.Locator("#device-facts [data-fact=cut-off]").InnerTextAsync()).Trim());
        string[] limits = snapshot.GetProperty("cellsAxis").GetProperty("limits").EnumerateArray().Select(l => l.GetString()!).ToArray();
        Assert.Contains("strip cut-off 3000 mV", limits);
        Assert.Contains("plating cut-off -3000 mV", limits);
        Assert.Contains("safety min -3300 mV", limits);
        await page.CloseAsync();
    }

    [Fact]
    public async Task AProtocolThatOnlyStripsShowsTheStripCutoffAlone()
    {
        using MosquittoBroker broker = MosquittoBroker.StartNew(new MosquittoBrokerOptions { EnableWebSockets = true });
        using DashboardServer server = new DashboardServer(_browser.DashboardRoot);
        IPage page = await DashboardPage.OpenAsync(_browser, server.PageUrl(broker.WebSocketPort, "strip-1"));
        DashboardMqttTools.Publish(broker.Port, "edge/strip-1/status", DashboardMessages.Online, retain: true);
        DashboardMqttTools.Publish(broker.Port, "edge/strip-1/config", DashboardMessages.Config(1, 2), retain: true);
        DashboardMqttTools.Publish(broker.Port, "edge/strip-1/telemetry/cells", DashboardMessages.Cells(1, 1000, 0, "pulse", 10, 12));

        JsonElement snapshot = await DashboardPage.WaitForAsync(page, s => s.GetProperty("cellsAxis").ValueKind == JsonValueKind.Object);
        Assert.Equal("cut-off strip 3000 mV", (await page.Locator("#device-facts [data-fact=cut-off]").InnerTextAsync()).Trim());
        string[] limits = snapshot.GetProperty("cellsAxis").GetProperty("limits").EnumerateArray().Select(l => l.GetString()!).ToArray();
        Assert.Equal(new[] { "cut-off 3000 mV", "safety max 3300 mV" }, limits);
        await page.CloseAsync();
    }
    [Fact]
    public async Task AChangedConfigMovesTheCutoffLineWithoutTheChartsVanishing()
    {
        using MosquittoBroker broker = MosquittoBroker.StartNew(new MosquittoBrokerOptions { EnableWebSockets = true });
        using DashboardServer server = new DashboardServer(_browser.DashboardRoot);
        IPage page = await DashboardPage.OpenAsync(_browser, server.PageUrl(broker.WebSocketPort, "recfg-1"));
        DashboardMqttTools.Publish(broker.Port, "edge/recfg-1/status", DashboardMessages.Online, retain: true);
        DashboardMqttTools.Publish(broker.Port, "edge/recfg-1/config", DashboardMessages.Config(1, 2), retain: true);
        DashboardMqttTools.Publish(broker.Port, "edge/recfg-1/telemetry/cells", new[] { 1, 2, 3 }.Select(i => DashboardMessages.Cells(i, i * 1000L, 0, "pulse", 10, 12)));
        await DashboardPage.WaitForAsync(page, s => s.GetProperty("cellsAxis").ValueKind == JsonValueKind.Object && s.GetProperty("cellRows").GetInt32() == 3);

        // Watch every chart's container: a chart taken out of the page is a chart the operator no longer sees.
        await page.EvaluateAsync("""
            () => {
              window.chartsRemoved = 0;
              for (const id of ['chart-cells', 'chart-current', 'chart-capacity', 'chart-rest', 'chart-overpotential']) {
                new MutationObserver((changes) => {
                  for (const change of changes) for (const node of change.removedNodes) if (node.classList && node.classList.contains('uplot')) window.chartsRemoved++;
                }).observe(document.getElementById(id), { childList: true });
              }
            }
            """);

        // A setProtocol moved the strip cut-off to 2900 mV (CONTRACT.md: every applied change publishes the config with
        // the next revision); then the device reconnects and publishes the same config again.
        string changed = DashboardMessages.Config(1, 2).Replace("\"revision\":0", "\"revision\":1", StringComparison.Ordinal)
            .Replace("\"stripCutoffMv\":3000", "\"stripCutoffMv\":2900", StringComparison.Ordinal);
        Assert.Contains("\"stripCutoffMv\":2900", changed, StringComparison.Ordinal);
        DashboardMqttTools.Publish(broker.Port, "edge/recfg-1/config", changed, retain: true);
        await DashboardPage.WaitForAsync(page, s => s.GetProperty("cellsAxis").ValueKind == JsonValueKind.Object
            && s.GetProperty("cellsAxis").GetProperty("limits").EnumerateArray().Any(l => l.GetString() == "cut-off 2900 mV"));
        DashboardMqttTools.Publish(broker.Port, "edge/recfg-1/config", changed, retain: true);
        DashboardMqttTools.Publish(broker.Port, "edge/recfg-1/telemetry/cells", DashboardMessages.Cells(4, 4000, 0, "pulse", 10, 12));
        await page.WaitForSelectorAsync("#chart-cells[data-points='4']", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached });

        // The same charts stayed on the page throughout, with the data they had and the new limit.
        Assert.Equal(0, await page.EvaluateAsync<int>("() => window.chartsRemoved"));
        string[] limits = (await DashboardPage.SnapshotAsync(page)).GetProperty("cellsAxis").GetProperty("limits").EnumerateArray().Select(l => l.GetString()!).ToArray();
        Assert.Equal(new[] { "cut-off 2900 mV", "safety max 3300 mV" }, limits);
        await page.CloseAsync();
    }
    [Fact]
    public async Task AReflashedDeviceWithAnotherLayoutOfAsManyCellsNamesItsCellsAnew()
    {
        using MosquittoBroker broker = MosquittoBroker.StartNew(new MosquittoBrokerOptions { EnableWebSockets = true });
        using DashboardServer server = new DashboardServer(_browser.DashboardRoot);
        IPage page = await DashboardPage.OpenAsync(_browser, server.PageUrl(broker.WebSocketPort, "relayout-1"));
        DashboardMqttTools.Publish(broker.Port, "edge/relayout-1/status", DashboardMessages.Online, retain: true);
        DashboardMqttTools.Publish(broker.Port, "edge/relayout-1/config", DashboardMessages.Config(1, 4), retain: true);
        DashboardMqttTools.Publish(broker.Port, "edge/relayout-1/telemetry/cells", DashboardMessages.Cells("b1", 1, 1000, 0, "pulse", 10, 11, 12, 13));
        await page.WaitForFunctionAsync("() => document.querySelector('#chart-legend').textContent === 'M0 C0M0 C1M0 C2M0 C3'");

        // Flashed with a board file of two modules of two cells: four cells again, but pack cell 2 is now module 1's
        // first cell (CONTRACT.md: cell = module x cellsPerModule + cell in module).
        DashboardMqttTools.Publish(broker.Port, "edge/relayout-1/status", """{"v":1,"status":"online","bootId":"b2"}""", retain: true);
        DashboardMqttTools.Publish(broker.Port, "edge/relayout-1/config", DashboardMessages.Config(2, 2), retain: true);
        DashboardMqttTools.Publish(broker.Port, "edge/relayout-1/telemetry/cells", new[]
        {
            DashboardMessages.Cells("b2", 1, 1000, 0, "pulse", 10, 11),
            DashboardMessages.Cells("b2", 2, 1000, 1, "pulse", 12, 13),
        });
        string[] expected = { "M0 C0", "M0 C1", "M1 C0", "M1 C1" };
        await DashboardPage.WaitForAsync(page, s => s.GetProperty("modules").GetArrayLength() == 2 && s.GetProperty("cellsAxis").ValueKind == JsonValueKind.Object
            && s.GetProperty("cellsAxis").GetProperty("series").EnumerateArray().Select(l => l.GetString()!).SequenceEqual(expected), seconds: 20);

        // The legend under the chart is drawn with its lines: the same names.
        Assert.Equal(expected, (await page.Locator("#chart-legend span").AllInnerTextsAsync()).Select(l => l.Trim()).ToArray());
        await page.CloseAsync();
    }
}
