using System.Text.Json;
using Edge.HostSim.Output;
using Edge.HostSim.Scenarios;
using Edge.HostSim.Simulation;
using Microsoft.Playwright;

namespace Edge.Telemetry.IntegrationTests;

/// <summary>The simulator's report.html in chromium with every network request refused: it renders its charts and tables from itself alone.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DashboardReportTests
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
