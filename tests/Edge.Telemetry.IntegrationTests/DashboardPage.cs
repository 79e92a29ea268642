using System.Text.Json;
using Microsoft.Playwright;

namespace Edge.Telemetry.IntegrationTests;

/// <summary>Opening the dashboard in the shared chromium, logging in through its form, and waiting on its state.</summary>
internal static class DashboardPage
{
    /// <summary>Screenshots and other artefacts: TestResults/ in the test output directory.</summary>
    public static string ArtifactPath(string name)
    {
        string directory = Path.Combine(AppContext.BaseDirectory, "TestResults");
        Directory.CreateDirectory(directory);
        return Path.Combine(directory, name);
    }

    /// <summary>Opens the page; page errors (uncaught exceptions) are collected into <paramref name="errors"/>.</summary>
    public static async Task<IPage> OpenAsync(BrowserFixture browser, string url, List<string>? errors = null, bool waitConnected = true, int width = 1400, int height = 1000)
    {
        IPage page = await browser.Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = width, Height = height } });
        // The machine running the tests may be busy: be patient with loading, not with wrong behaviour.
        page.SetDefaultNavigationTimeout(120_000);
        page.SetDefaultTimeout(180_000);
        List<string> collected = errors ?? new List<string>();
        page.PageError += (_, e) => collected.Add(e);
        page.Console += (_, m) =>
        {
            if (m.Type == "error")
            {
                collected.Add("console: " + m.Text);
            }
        };
        await page.GotoAsync(url);
        if (waitConnected)
        {
            await WaitForAsync(page, s => s.GetProperty("connection").GetString() == "connected");
            Assert.Empty(collected);
        }

        return page;
    }

    /// <summary>Logs in with the header form (credentials typed into the page, never put in its address).</summary>
    public static async Task LoginAsync(IPage page, string user, string password)
    {
        await page.FillAsync("#settings input[name=user]", user);
        await page.FillAsync("#settings input[name=password]", password);
        await page.ClickAsync("#settings button[type=submit]");
        await WaitForAsync(page, s => s.GetProperty("connection").GetString() == "connected");
        Assert.DoesNotContain(password, page.Url, StringComparison.Ordinal);
        Assert.DoesNotContain(user, page.Url, StringComparison.Ordinal);
    }

    public static async Task<JsonElement> SnapshotAsync(IPage page)
    {
        string json = await page.EvaluateAsync<string>("() => JSON.stringify(window.edgeDashboard ? window.edgeDashboard.snapshot() : null)");
        return JsonDocument.Parse(json).RootElement.Clone();
    }

    public static async Task<JsonElement> WaitForAsync(IPage page, Func<JsonElement, bool> condition, double seconds = 90)
    {
        DateTime end = DateTime.UtcNow + TimeSpan.FromSeconds(seconds);
        JsonElement last = default;
        while (DateTime.UtcNow < end)
        {
            last = await SnapshotAsync(page);
            if (last.ValueKind == JsonValueKind.Object && condition(last))
            {
                return last;
            }

            await Task.Delay(100);
        }

        throw new Xunit.Sdk.XunitException("dashboard never reached the expected state; last snapshot: " + (last.ValueKind == JsonValueKind.Undefined ? "none" : last.GetRawText()));
    }

    /// <summary>The device times (s) of the points each stretch of a series' line joins, as the chart draws them.</summary>
    public static double[][] Lines(JsonElement plotted) =>
        plotted.GetProperty("lines").EnumerateArray().Select(l => l.EnumerateArray().Select(x => x.GetDouble()).ToArray()).ToArray();

    /// <summary>What <paramref name="chart"/> plots for the series <paramref name="label"/>, once <paramref name="condition"/> holds (60 s at the most).</summary>
    public static async Task<JsonElement> PlottedAsync(IPage page, string chart, string label, Func<JsonElement, bool> condition)
    {
        DateTime end = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        JsonElement last = default;
        while (DateTime.UtcNow < end)
        {
            string json = await page.EvaluateAsync<string>("([chart, label]) => JSON.stringify(window.edgeDashboard.plotted(chart, label))", new[] { chart, label });
            last = JsonDocument.Parse(json).RootElement.Clone();
            if (last.ValueKind == JsonValueKind.Object && condition(last))
            {
                return last;
            }

            await Task.Delay(100);
        }

        throw new Xunit.Sdk.XunitException("the " + chart + " chart never plotted the expected " + label + "; last: " + (last.ValueKind == JsonValueKind.Undefined ? "none" : last.GetRawText()));
    }
}
