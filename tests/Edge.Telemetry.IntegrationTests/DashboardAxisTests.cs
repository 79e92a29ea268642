using System.Globalization;
using Edge.HostSim.Dashboard;
using Edge.HostSim.Mqtt.Broker;
using Microsoft.Playwright;

namespace Edge.Telemetry.IntegrationTests;

/// <summary>The value axes of the charts: each tick says its own value, however close together the ticks lie.</summary>
public sealed class DashboardAxisTests : IClassFixture<BrowserFixture>
{
    // Records the text uPlot draws on the delivered-capacity chart's canvases (its axis labels are drawn, not elements).
    private const string RecordCapacityTexts = """
        window.capacityTexts = [];
        const fillText = CanvasRenderingContext2D.prototype.fillText;
        CanvasRenderingContext2D.prototype.fillText = function (text, x, y, maxWidth) {
          if (this.canvas.closest && this.canvas.closest('#chart-capacity')) window.capacityTexts.push(String(text));
          return fillText.apply(this, arguments);
        };
        """;

    private readonly BrowserFixture _browser;

    public DashboardAxisTests(BrowserFixture browser)
    {
        _browser = browser;
    }

    [Fact]
    public async Task ValueTicksCloserThanAThousandthReadApart()
    {
        using MosquittoBroker broker = MosquittoBroker.StartNew(new MosquittoBrokerOptions { EnableWebSockets = true });
        using DashboardServer server = new DashboardServer(_browser.DashboardRoot);
        IPage page = await DashboardPage.OpenAsync(_browser, server.PageUrl(broker.WebSocketPort, "axis-1"));
        await page.AddInitScriptAsync(RecordCapacityTexts);
        await page.ReloadAsync();
        await DashboardPage.WaitForAsync(page, s => s.GetProperty("connection").GetString() == "connected");
        DashboardMqttTools.Publish(broker.Port, "edge/axis-1/status", DashboardMessages.Online, retain: true);
        DashboardMqttTools.Publish(broker.Port, "edge/axis-1/config", DashboardMessages.Config(1, 2), retain: true);

        // A page opened some minutes into a run sees a few pulses: 11,000 to 11,770 uC on 0.3848 cm2 is
        // 11000 / 3.6e6 / 0.3848 = 0.00794 to 0.00850 mAh/cm2, so the ticks lie some 0.0001 to 0.0002 mAh/cm2 apart.
        DashboardMqttTools.Publish(broker.Port, "edge/axis-1/telemetry/pulse", new[] { DashboardMessages.Pulse(1, 1000, 0, 1, 11000, 5000), DashboardMessages.Pulse(2, 7000, 0, 2, 11385, 5000), DashboardMessages.Pulse(3, 13000, 0, 3, 11770, 5000) });
        await DashboardPage.WaitForAsync(page, s => s.GetProperty("pulseRows").GetInt32() == 3);
        await Task.Delay(1000);

        // The charts draw their axes anew at another width; only that drawing's labels are read.
        await page.EvaluateAsync("() => { window.capacityTexts = []; }");
        await page.SetViewportSizeAsync(1200, 1000);
        await page.WaitForFunctionAsync("() => window.capacityTexts.some((t) => /^-?[0-9.,]+$/.test(t))");
        await Task.Delay(500);
        string[] values = (await page.EvaluateAsync<string[]>("() => window.capacityTexts")).Where(t => System.Text.RegularExpressions.Regex.IsMatch(t, "^-?[0-9.,]+$")).Distinct().ToArray();
        string[] drawn = (await page.EvaluateAsync<string[]>("() => window.capacityTexts")).Where(t => System.Text.RegularExpressions.Regex.IsMatch(t, "^-?[0-9.,]+$")).ToArray();

        // Three ticks or more, each its own number: no two read the same, and every one lies in the charted span.
        Assert.True(drawn.Length >= 3, "value ticks drawn: " + string.Join(" ", drawn));
        Assert.Equal(drawn.Length, values.Length);
        foreach (string label in values)
        {
            double value = double.Parse(label, CultureInfo.InvariantCulture);
            Assert.InRange(value, 0.0075, 0.0090);
        }

        await page.CloseAsync();
    }
}
