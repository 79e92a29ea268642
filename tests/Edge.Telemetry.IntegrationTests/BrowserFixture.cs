using System.Diagnostics;
using Edge.HostSim.Dashboard;
using Microsoft.Playwright;

namespace Edge.Telemetry.IntegrationTests;

/// <summary>
/// Headless Debian chromium driven by Playwright (never a downloaded browser), and the dashboard's
/// browser bundles: installs the apt package when missing (as root) and runs npm in hostsim/dashboard
/// when vendor/ is missing.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] s_arguments =
    {
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync",
    };

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public string DashboardRoot { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        DashboardRoot = DashboardServer.Locate() ?? throw new InvalidOperationException("hostsim/dashboard not found above " + AppContext.BaseDirectory);
        EnsureChromium();
        EnsureBundles(DashboardRoot);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = s_arguments,
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser != null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
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

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
