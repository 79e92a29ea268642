using System.Diagnostics;
using Edge.HostSim.Dashboard;
using Microsoft.Playwright;

namespace Edge.Telemetry.IntegrationTests;

/// <summary>
/// Headless Debian chromium driven by Playwright (never a downloaded browser), and the dashboard's
/// browser bundles: installs the apt package when missing (as root) and runs npm in hostsim/dashboard
/// when vendor/ is missing.
/// </summary>
/// <remarks>
/// A class fixture of each dashboard test class, so those classes run in parallel like the others instead of one after
/// another in a single collection. They share one chromium, started by the first class that needs it and closed when
/// the last one running is done: each page a test opens comes in a browser context of its own (NewPageAsync), so no
/// cookie, storage or focus passes from one test to another.
/// </remarks>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] s_arguments =
    {
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync",
    };

    private static readonly SemaphoreSlim s_gate = new SemaphoreSlim(1, 1);
    private static IPlaywright? s_playwright;
    private static IBrowser? s_browser;
    private static int s_users;

    public IBrowser Browser { get; private set; } = null!;

    public string DashboardRoot { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await s_gate.WaitAsync();
        try
        {
            DashboardRoot = DashboardServer.Locate() ?? throw new InvalidOperationException("hostsim/dashboard not found above " + AppContext.BaseDirectory);
            if (s_browser == null)
            {
                EnsureChromium();
                EnsureBundles(DashboardRoot);
                s_playwright = await Playwright.CreateAsync();
                s_browser = await s_playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
                {
                    ExecutablePath = ChromiumPath,
                    Headless = true,
                    Args = s_arguments,
                });
            }

            s_users++;
            Browser = s_browser;
        }
        finally
        {
            s_gate.Release();
        }
    }

    public async Task DisposeAsync()
    {
        await s_gate.WaitAsync();
        try
        {
            if (Browser == null || --s_users > 0)
            {
                return;
            }

            await s_browser!.DisposeAsync();
            s_browser = null;
            s_playwright?.Dispose();
            s_playwright = null;
        }
        finally
        {
            s_gate.Release();
        }
    }

    private static void EnsureChromium()
    {
        if (File.Exists(ChromiumPath))
        {
            return;
        }

        if (Environment.UserName != "root")
        {
            throw new InvalidOperationException("chromium is missing: apt-get install -y --no-install-recommends chromium (or run .ci/install-test-deps)");
        }

        Run("apt-get", "update -qq", null);
        Run("apt-get", "install -y -qq --no-install-recommends chromium", null);
    }

    private static void EnsureBundles(string root)
    {
        if (DashboardServer.HasVendorBundles(root))
        {
            return;
        }

        // package-lock.json is committed: npm ci installs exactly it; postinstall copies the bundles.
        Run("npm", File.Exists(Path.Combine(root, "package-lock.json")) ? "ci --no-audit --no-fund" : "install --no-audit --no-fund", root);
        if (!DashboardServer.HasVendorBundles(root))
        {
            Run("npm", "run build", root);
        }
    }

    private static void Run(string program, string arguments, string? directory)
    {
        ProcessStartInfo start = new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (directory != null)
        {
            start.WorkingDirectory = directory;
        }

        start.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        using Process process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(10)) || process.ExitCode != 0)
        {
            throw new InvalidOperationException(program + " " + arguments + " failed: " + output.Result + error.Result);
        }
    }
}
