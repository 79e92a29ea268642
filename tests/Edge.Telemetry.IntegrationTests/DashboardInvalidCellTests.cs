using System.Text.Json;
using Edge.HostSim.Dashboard;
using Edge.HostSim.Mqtt.Broker;
using Microsoft.Playwright;

namespace Edge.Telemetry.IntegrationTests;

/// <summary>
/// A cell without a valid reading in a cells message's interval is listed in its <c>invalid</c> field, and its values repeat
/// its last valid reading (CONTRACT.md, telemetry/cells): the page shows the cell as without a reading, with the channel
/// fault that says why, and breaks its chart line there instead of drawing the repeated value as a reading.
/// </summary>
public sealed class DashboardInvalidCellTests : IClassFixture<BrowserFixture>
{
    private readonly BrowserFixture _browser;

    public DashboardInvalidCellTests(BrowserFixture browser)
    {
        _browser = browser;
    }

    [Fact]
    public async Task ACellListedInvalidShowsAsInvalidWithItsReasonAndItsLineBreaksInsteadOfDrawingZero()
    {
        using MosquittoBroker broker = MosquittoBroker.StartNew(new MosquittoBrokerOptions { EnableWebSockets = true });
        using DashboardServer server = new DashboardServer(_browser.DashboardRoot);
        IPage page = await DashboardPage.OpenAsync(_browser, server.PageUrl(broker.WebSocketPort, "inv-1"));
        DashboardMqttTools.Publish(broker.Port, "edge/inv-1/status", DashboardMessages.Online, retain: true);

        // 4 modules x 2 cells: module 3's cell 1 is pack cell 7. It reads 2102 mV at 1 and 2 s; its channel saturates at
        // 2.5 s (the event names it), and the messages of 3 and 4 s list it invalid, repeating a last valid reading of 0 mV
        // (a device that never read it valid). At 5 s it reads valid again.
        DashboardMqttTools.Publish(broker.Port, "edge/inv-1/config", DashboardMessages.Config(4, 2), retain: true);
        DashboardMqttTools.Publish(broker.Port, "edge/inv-1/telemetry/cells", new[]
        {
            Cells(1, 1000, "[2101,2102]", "[]"),
            Cells(2, 2000, "[2101,2102]", "[]"),
        });
        DashboardMqttTools.Publish(broker.Port, "edge/inv-1/event", DashboardMessages.Event(1, 2500, "channelFault", "fault", 3, 7, "3712", "cellChannelSaturated", threshold: 0));
        DashboardMqttTools.Publish(broker.Port, "edge/inv-1/telemetry/cells", new[]
        {
            Cells(3, 3000, "[2101,0]", "[7]"),
            Cells(4, 4000, "[2100,0]", "[7]"),
        });
        JsonElement snapshot = await DashboardPage.WaitForAsync(page, s => s.GetProperty("cellRows").GetInt32() == 4 && s.GetProperty("events").GetArrayLength() == 1
            && s.GetProperty("legend").EnumerateArray().Any(e => e.GetProperty("invalid").GetBoolean()));
        Assert.Equal(new[] { 7 }, snapshot.GetProperty("invalidCells").EnumerateArray().Select(e => e.GetInt32()));
        JsonElement[] legend = snapshot.GetProperty("legend").EnumerateArray().ToArray();
        Assert.Equal(8, legend.Length);
        JsonElement invalid = Assert.Single(legend, e => e.GetProperty("invalid").GetBoolean());
        Assert.Equal("M3 C1: no valid reading (cellChannelSaturated)", invalid.GetProperty("text").GetString());
        Assert.Equal("M3 C0", legend[6].GetProperty("text").GetString());
        Assert.Equal(0, snapshot.GetProperty("rejected").GetInt32());

        // The chart: cell 7's line and band break at 3 and 4 s (no point, least of all at 0 mV); its neighbour runs on.
        JsonElement cell7 = await PlottedAsync(page, "M3 C1", p => p.GetProperty("x").GetArrayLength() == 4);
        Assert.Equal(new double?[] { 2102, 2102, null, null }, Values(cell7, "values"));
        Assert.Equal(new double?[] { 2102, 2102, null, null }, Values(cell7, "min"));
        Assert.Equal(new double?[] { 2102, 2102, null, null }, Values(cell7, "max"));
        JsonElement cell6 = await PlottedAsync(page, "M3 C0", p => p.GetProperty("x").GetArrayLength() == 4);
        Assert.Equal(new double?[] { 2101, 2101, 2101, 2100 }, Values(cell6, "values"));

        // An invalid list naming a cell of another module cannot come from the device: rejected, naming it.
        DashboardMqttTools.Publish(broker.Port, "edge/inv-1/telemetry/cells", Cells(5, 5000, "[2100,2102]", "[5]"));
        snapshot = await DashboardPage.WaitForAsync(page, s => s.GetProperty("rejected").GetInt32() == 1);
        Assert.Contains("invalid[0]: cell 5 is not a cell of module 3 (6..7)", snapshot.GetProperty("rejectedReasons")[0].GetString()!, StringComparison.Ordinal);

        // Valid again: the cell shows as any other and its line resumes.
        DashboardMqttTools.Publish(broker.Port, "edge/inv-1/telemetry/cells", Cells(5, 5000, "[2100,2103]", "[]"));
        snapshot = await DashboardPage.WaitForAsync(page, s => s.GetProperty("cellRows").GetInt32() == 5
            && !s.GetProperty("legend").EnumerateArray().Any(e => e.GetProperty("invalid").GetBoolean()));
        Assert.Empty(snapshot.GetProperty("invalidCells").EnumerateArray());
        Assert.Equal("M3 C1", snapshot.GetProperty("legend")[7].GetProperty("text").GetString());
        cell7 = await PlottedAsync(page, "M3 C1", p => p.GetProperty("x").GetArrayLength() == 5);
        Assert.Equal(new double?[] { 2102, 2102, null, null, 2103 }, Values(cell7, "values"));
        await page.CloseAsync();
    }

    /// <summary>Module 3's cells message: the readings as the interval's extremes too, and the invalid list given.</summary>
    private static string Cells(long seq, long tMs, string mv, string invalid) =>
        $$"""{"v":1,"bootId":"b1","seq":{{seq}},"tMs":{{tMs}},"module":3,"state":"rest","moduleCurrentUa":0,"cellVoltageMv":{{mv}},"cellMinMv":{{mv}},"cellMaxMv":{{mv}},"invalid":{{invalid}}}""";

    private static double?[] Values(JsonElement plotted, string field) =>
        plotted.GetProperty(field).EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? (double?)null : v.GetDouble()).ToArray();

    private static async Task<JsonElement> PlottedAsync(IPage page, string label, Func<JsonElement, bool> condition)
    {
        DateTime end = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        JsonElement last = default;
        while (DateTime.UtcNow < end)
        {
            string json = await page.EvaluateAsync<string>("(label) => JSON.stringify(window.edgeDashboard.plotted('cells', label))", label);
            last = JsonDocument.Parse(json).RootElement.Clone();
            if (last.ValueKind == JsonValueKind.Object && condition(last))
            {
                return last;
            }

            await Task.Delay(100);
        }

        throw new Xunit.Sdk.XunitException("the cells chart never plotted the expected " + label + "; last: " + (last.ValueKind == JsonValueKind.Undefined ? "none" : last.GetRawText()));
    }
}
