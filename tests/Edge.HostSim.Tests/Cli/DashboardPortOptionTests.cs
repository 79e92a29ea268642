// Licensed under the MIT License.

using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Edge.HostSim.Dashboard;
using Edge.HostSim.Mqtt.Broker;
using Xunit;

namespace Edge.HostSim.Tests.Cli;

/// <summary>
/// edge-sim run --dashboard-port: the dashboard's HTTP port, the same at every start, so a page left open finds the next
/// run. Checked before any work (exit 2, naming the option, nothing written), run as the user runs the command.
/// </summary>
public sealed class DashboardPortOptionTests : IDisposable
{
    private readonly CliScratch _scratch = new CliScratch();

    public void Dispose() => _scratch.Dispose();

    [Theory]
    [InlineData("0")]
    [InlineData("65536")]
    [InlineData("-1")]
    [InlineData("http")]
    [InlineData("8080.5")]
    public void APortThatIsNotOneTo65535IsRefused(string port)
    {
        using EdgeSimProcess run = EdgeSimProcess.Run("run", "--out", _scratch.Path2("out"), "--quiet", "--dashboard", "--dashboard-port", port);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--dashboard-port: '" + port + "' is not a whole number from 1 to 65535", run.Stderr);
        Assert.False(Directory.Exists(_scratch.Path2("out")), "nothing is written for a rejected command line");
    }

    [Fact]
    public void APortWithoutTheDashboardIsRefused()
    {
        using EdgeSimProcess run = EdgeSimProcess.Run("run", "--out", _scratch.Path2("out"), "--quiet", "--dashboard-port", "8080");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--dashboard-port needs --dashboard", run.Stderr);
        Assert.False(Directory.Exists(_scratch.Path2("out")), "nothing is written for a rejected command line");
    }

    [Fact]
    public void APortInUseIsRefusedBeforeTheRun()
    {
        // Another process listens there, as an earlier edge-sim still serving its page would.
        TcpListener taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        try
        {
            int port = ((IPEndPoint)taken.LocalEndpoint).Port;
            using EdgeSimProcess run = EdgeSimProcess.Run("run", "--out", _scratch.Path2("out"), "--quiet", "--dashboard", "--dashboard-port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));

            Assert.Equal(2, run.ExitCode);
            Assert.Contains("--dashboard-port: port " + port + " on 127.0.0.1 is in use", run.Stderr);
            Assert.DoesNotContain("broker:", run.Stdout);
            Assert.False(Directory.Exists(_scratch.Path2("out")), "nothing is written for a rejected command line");
        }
        finally
        {
            taken.Stop();
        }
    }

    [Fact]
    public void APortTakenAfterTheCheckIsRefusedAtTheBindAsAtTheCheck()
    {
        string? root = DashboardServer.Locate();
        string? mosquitto = MosquittoInstallation.FindExecutable("mosquitto");
        Assert.NotNull(root);
        Assert.NotNull(mosquitto);
        if (!DashboardServer.HasVendorBundles(root!) || OperatingSystem.IsWindows())
        {
            // Without the npm bundles the command is refused before the bind (MqttOptionTests covers that refusal); the
            // stand-in below is a shell script, for the Debian broker these tests start on Linux.
            return;
        }

        // The run checks the port free, then starts its broker, then binds the port. A stand-in for mosquitto, first on
        // the PATH, says when the broker is being started and waits until this test has taken the port: another process
        // taking it between the check and the bind, as a second edge-sim started at the same moment would, every time.
        string shim = Directory.CreateDirectory(_scratch.Path2("shim")).FullName;
        string started = Path.Combine(shim, "started");
        string taken = Path.Combine(shim, "taken");
        File.WriteAllText(Path.Combine(shim, "mosquitto"), "#!/bin/sh\ntouch '" + started + "'\nwhile [ ! -e '" + taken + "' ]; do sleep 0.05; done\nexec '" + mosquitto + "' \"$@\"\n");
        File.SetUnixFileMode(Path.Combine(shim, "mosquitto"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Dictionary<string, string> environment = new Dictionary<string, string> { ["PATH"] = shim + ":" + Environment.GetEnvironmentVariable("PATH") };

        int port = FreePort.Allocate(1)[0];
        using EdgeSimProcess run = EdgeSimProcess.StartWithEnvironment(environment, "run", "--out", _scratch.Path2("out"), "--quiet", "--dashboard", "--dashboard-port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(SpinWait.SpinUntil(() => File.Exists(started), TimeSpan.FromSeconds(60)), "the run never started its broker; stderr: " + run.Stderr);
        TcpListener other = new TcpListener(IPAddress.Loopback, port);
        other.Start();
        try
        {
            File.WriteAllText(taken, string.Empty);
            run.WaitForExit(TimeSpan.FromSeconds(60));

            Assert.Equal(2, run.ExitCode);
            Assert.Equal("edge-sim run: --dashboard-port: port " + port + " on 127.0.0.1 is in use (an edge-sim still serving its dashboard ends with Ctrl-C); give another port or free it", run.Stderr.Trim());
            Assert.Equal(string.Empty, run.Stdout); // nothing run: no page address, no run summary
            Assert.False(Directory.Exists(_scratch.Path2("out")), "nothing is written for a refused port");
        }
        finally
        {
            other.Stop();
        }
    }

    [Fact]
    public void TheGivenPortServesThePageWithoutABrokerInItsAddress()
    {
        string? root = DashboardServer.Locate();
        Assert.NotNull(root);
        if (!DashboardServer.HasVendorBundles(root!))
        {
            // MqttOptionTests.DashboardStartsABrokerAndPrintsThePageAddress covers the refusal without the npm bundles.
            return;
        }

        int port = FreePort.Allocate(1)[0];
        using EdgeSimProcess run = EdgeSimProcess.Run(TimeSpan.FromSeconds(120), null, "run", "--out", _scratch.Path2("out"), "--quiet", "--dashboard", "--dashboard-port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--device-id", "port-1");

        Assert.Equal(0, run.ExitCode);
        // The page asks its server for the broker (broker.json), so the address is the same at every start on this port.
        Assert.Contains("dashboard: http://127.0.0.1:" + port + "/index.html?device=port-1\n", run.Stdout);
        Assert.Matches(@"broker: +mqtt://127\.0\.0\.1:\d+ +ws://127\.0\.0\.1:\d+", run.Stdout);
    }
}
