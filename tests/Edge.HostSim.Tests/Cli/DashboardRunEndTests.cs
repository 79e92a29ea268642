// Licensed under the MIT License.

using System.Text.Json;
using System.Text.RegularExpressions;
using Edge.HostSim.Cli;
using Edge.HostSim.Dashboard;
using Xunit;

namespace Edge.HostSim.Tests.Cli;

/// <summary>
/// edge-sim run --dashboard after its run, while it serves the page until Ctrl-C: the simulated device no longer runs, so
/// it is offline (the contract's retained status, as a device that shut down), and the page shows its modules as they
/// ended rather than a live device.
/// </summary>
public sealed class DashboardRunEndTests : IDisposable
{
    private readonly CliScratch _scratch = new CliScratch();

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public void AfterTheRunTheDeviceIsOfflineWhileTheDashboardStaysUp()
    {
        string? root = DashboardServer.Locate();
        Assert.NotNull(root);
        if (!DashboardServer.HasVendorBundles(root!))
        {
            // DashboardStartsABrokerAndPrintsThePageAddress covers the refusal without the npm bundles.
            return;
        }

        string scenario = _scratch.Write("s.json", CliScratch.ShortScenario);
        StringWriter written = new StringWriter();
        TextWriter stdout = TextWriter.Synchronized(written);
        using CancellationTokenSource interrupt = new CancellationTokenSource();
        int code = -1;
        Thread cli = new Thread(() => code = Program.Execute(new[] { "run", scenario, "--out", _scratch.Path2("out"), "--quiet", "--realtime", "30", "--dashboard", "--device-id", "ended-1" }, stdout, new StringWriter(), interrupt.Token, servesUntilCancelled: true));
        cli.Start();
        try
        {
            Assert.True(SpinWait.SpinUntil(() => Text(stdout, written).Contains("press Ctrl-C to stop it", StringComparison.Ordinal), TimeSpan.FromSeconds(60)), "stdout: " + Text(stdout, written));
            string output = Text(stdout, written);
            Assert.Contains("run finished; device ended-1 is offline, the dashboard stays up, press Ctrl-C to stop it", output);

            // The broker still serves the page; the device's retained status is the contract's "offline" of this run's boot.
            int port = int.Parse(Regex.Match(output, @"broker: +mqtt://127\.0\.0\.1:(\d+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            string status = MqttConnectionReportTests.WaitForRetainedStatus(port, "edge/ended-1/status", "offline");
            using JsonDocument document = JsonDocument.Parse(status);
            Assert.Equal("offline", document.RootElement.GetProperty("status").GetString());
            Assert.False(string.IsNullOrEmpty(document.RootElement.GetProperty("bootId").GetString()));

            // What the run left for the page stays: the retained module states of both modules.
            string modules = MqttConnectionReportTests.WaitForRetained(port, "edge/ended-1/telemetry/modules", m => m.Length > 0);
            using JsonDocument states = JsonDocument.Parse(modules);
            Assert.Equal(2, states.RootElement.GetProperty("state").GetArrayLength());
        }
        finally
        {
            interrupt.Cancel();
            Assert.True(cli.Join(TimeSpan.FromSeconds(30)), "the run did not end at the interrupt");
        }

        Assert.Equal(0, code);
    }

    private static string Text(TextWriter synchronized, StringWriter written)
    {
        // TextWriter.Synchronized locks the wrapper itself around every write.
        lock (synchronized)
        {
            return written.ToString();
        }
    }
}
