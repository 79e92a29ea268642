using System.Text.Json;
using Edge.HostSim.Output;
using Edge.HostSim.Scenarios;
using Edge.HostSim.Simulation;
using Microsoft.Playwright;

namespace Edge.Telemetry.IntegrationTests;

/// <summary>The simulator's report.html in chromium with every network request refused: it renders its charts and tables from itself alone.</summary>
public sealed class DashboardReportTests : IClassFixture<BrowserFixture>
{
    private readonly BrowserFixture _browser;

    public DashboardReportTests(BrowserFixture browser)
    {
        _browser = browser;
    }

    [Fact]
    public async Task RunReportRendersOfflineWithChartsMarkersAndEvents()
    {
        Scenario scenario = BuiltInScenarios.Demo();
        SimulationResult result = new ClosedLoopRunner(scenario).Run();
        string directory = Directory.CreateTempSubdirectory("edge-report-").FullName;
        try
        {
            RunOutputWriter.WriteAll(directory, scenario, result);
            IPage page = await _browser.Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });
            // The rotated texts of each chart's last drawing (a chart starts one with clearRect): the marker labels, which
            // run up their lines, and the y axis title at the left edge.
            await page.AddInitScriptAsync("""
                window.rotatedTexts = {};
                const index = (canvas) => Array.from(document.querySelectorAll('canvas.plot')).indexOf(canvas);
                const clearRect = CanvasRenderingContext2D.prototype.clearRect;
                CanvasRenderingContext2D.prototype.clearRect = function (...args) {
                  window.rotatedTexts[index(this.canvas)] = [];
                  return clearRect.apply(this, args);
                };
                const fillText = CanvasRenderingContext2D.prototype.fillText;
                CanvasRenderingContext2D.prototype.fillText = function (text, x, y) {
                  const t = this.getTransform();
                  const list = window.rotatedTexts[index(this.canvas)];
                  if (t.b !== 0 && list) list.push({ x: t.e / (window.devicePixelRatio || 1), text: String(text) });
                  return fillText.call(this, text, x, y);
                };
                """);
            List<string> requests = new List<string>();
            List<string> errors = new List<string>();
            page.PageError += (_, e) => errors.Add(e);
            await page.RouteAsync("**/*", async route =>
            {
                if (route.Request.Url.StartsWith("file://", StringComparison.Ordinal))
                {
                    await route.ContinueAsync();
                    return;
                }

                requests.Add(route.Request.Url);
                await route.AbortAsync();
            });
            await page.GotoAsync("file://" + Path.Combine(directory, RunOutputWriter.ReportFile));
            await page.WaitForFunctionAsync("() => window.edgeReport && window.edgeReport.rendered");

            Assert.Empty(requests);
            Assert.Empty(errors);
            JsonElement report = JsonDocument.Parse(await page.EvaluateAsync<string>("() => JSON.stringify(window.edgeReport)")).RootElement;
            Assert.Equal(2, report.GetProperty("charts").GetInt32());
            Assert.True(report.GetProperty("markers").GetInt32() >= 6);

            // The event list and the module table, and the charts actually drew (a blank canvas encodes tiny).
            Assert.Equal(result.Events.Count, await page.Locator("section:has(h2:has-text('Events')) tbody tr").CountAsync());
            Assert.Contains("softShortSpike", await page.Locator("section:has(h2:has-text('Events'))").InnerTextAsync(), StringComparison.Ordinal);
            int drawn = await page.EvaluateAsync<int>("() => document.querySelector('canvas.plot').toDataURL().length");
            Assert.True(drawn > 20_000, "chart canvas looks blank: " + drawn);

            // The demo's markers crowd its first minute (starts, depletion answers 0.9-1.2 min of 15): lines a pixel
            // apart merged into a bar and their labels were printed over each other. Lines closer than 6 px now share
            // one, labelled with its count, and no label comes within 12 px (an 11 px line of text) of another.
            JsonElement texts = JsonDocument.Parse(await page.EvaluateAsync<string>("() => JSON.stringify(window.rotatedTexts)")).RootElement;
            foreach (JsonProperty chartTexts in texts.EnumerateObject())
            {
                // Marker labels stand right of the axis (the y title is at x = 12 px); left to right, none within 12 px
                // (an 11 px line of text) of the one before.
                double[] labels = chartTexts.Value.EnumerateArray().Select(t => t.GetProperty("x").GetDouble()).Where(x => x > 40).OrderBy(x => x).ToArray();
                Assert.NotEmpty(labels);
                Assert.All(labels.Zip(labels.Skip(1)), p => Assert.True(p.Second - p.First >= 12, "marker labels at " + p.First + " and " + p.Second + " px overlap"));
            }

            JsonElement drawnMarkers = JsonDocument.Parse(await page.EvaluateAsync<string>("() => JSON.stringify(window.edgeReport.drawnMarkers())")).RootElement;
            int represented = 0;
            foreach (JsonElement chart in drawnMarkers.EnumerateArray())
            {
                double[] lines = chart.EnumerateArray().Select(l => l.GetProperty("px").GetDouble()).ToArray();
                double[] labels = chart.EnumerateArray().Where(l => l.GetProperty("label").ValueKind == JsonValueKind.String).Select(l => l.GetProperty("px").GetDouble()).ToArray();
                Assert.All(lines.Zip(lines.Skip(1)), p => Assert.True(p.Second - p.First >= 6, "marker lines " + p.First + " and " + p.Second + " px"));
                Assert.All(labels.Zip(labels.Skip(1)), p => Assert.True(p.Second - p.First >= 12, "labels at " + p.First + " and " + p.Second + " px overlap"));
                Assert.Contains(chart.EnumerateArray(), l => l.GetProperty("count").GetInt32() > 1 && l.GetProperty("label").GetString()!.StartsWith(l.GetProperty("count").GetInt32() + " markers: ", StringComparison.Ordinal));
                represented += chart.EnumerateArray().Sum(l => l.GetProperty("count").GetInt32());
            }

            // Every marker is still drawn, within a group.
            Assert.Equal(report.GetProperty("markers").GetInt32(), represented);

            // Zoom: a drag on the first chart narrows both time charts.
            ILocator canvas = page.Locator("canvas.plot").First;
            var box = (await canvas.BoundingBoxAsync())!;
            await page.Mouse.MoveAsync(box.X + (box.Width * 0.25f), box.Y + 100);
            await page.Mouse.DownAsync();
            await page.Mouse.MoveAsync(box.X + (box.Width * 0.35f), box.Y + 100, new MouseMoveOptions { Steps = 5 });
            await page.Mouse.UpAsync();
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = DashboardPage.ArtifactPath("report-zoomed.png"), FullPage = true });
            await page.CloseAsync();
        }
        finally
        {
            Directory.Delete(directory, true);
        }
    }
}
