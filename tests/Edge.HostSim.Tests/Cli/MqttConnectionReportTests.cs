// Licensed under the MIT License.

using System.Text;
using Edge.HostSim.Mqtt;
using Edge.HostSim.Mqtt.Broker;
using Xunit;

namespace Edge.HostSim.Tests.Cli;

/// <summary>
/// edge-sim run --mqtt as its own process, its broker going away mid-run: the lost session is one line on stderr, and
/// so is the session that follows when the broker is back (hostsim/README.md, --mqtt), not only the failed attempts.
/// </summary>
public sealed class MqttConnectionReportTests : IDisposable
{
    private readonly CliScratch _scratch = new CliScratch();

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public void ALostSessionAndTheSessionAfterItAreOneLineEachOnStderr()
    {
        using MosquittoBroker broker = MosquittoBroker.StartNew();
        string address = "127.0.0.1:" + broker.Port;
        string scenario = _scratch.Write("s.json", CliScratch.LongScenario);
        using EdgeSimProcess run = EdgeSimProcess.Start(null, "run", scenario, "--out", _scratch.Path2("out"), "--quiet", "--realtime", "--mqtt", address, "--device-id", "lost-1");
        WaitForRetainedStatus(broker, "edge/lost-1/status", "online");
        Assert.DoesNotContain("mqtt:", run.Stderr);

        // The broker stops (its clients' connections drop) and comes back on the same port: the device's session is
        // lost, its attempts meanwhile fail, and the next one opens the second session. The back-off is 1 s doubling.
        broker.Stop();
        Assert.True(run.WaitForStderr("mqtt: connection to the broker at " + address + " lost (connection lost); retry in ", TimeSpan.FromSeconds(20)), "stderr: " + run.Stderr);
        broker.Start();
        Assert.True(run.WaitForStderr("mqtt: connection to the broker at " + address + " re-established (connection 2)", TimeSpan.FromSeconds(30)), "stderr: " + run.Stderr);

        run.Interrupt();
        run.WaitForExit(TimeSpan.FromSeconds(60));
        string[] lines = run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines, l => l.Contains(" lost (", StringComparison.Ordinal));
        Assert.Single(lines, l => l.Contains(" re-established ", StringComparison.Ordinal));
        Assert.Matches(@"mqtt: connection to the broker at 127\.0\.0\.1:\d+ lost \(connection lost\); retry in \d+ ms", lines.Single(l => l.Contains(" lost (", StringComparison.Ordinal)));

        // Every other line about the link is a failed attempt while the broker was away.
        Assert.All(lines.Where(l => l.StartsWith("mqtt:", StringComparison.Ordinal) && !l.Contains(" lost (", StringComparison.Ordinal) && !l.Contains(" re-established ", StringComparison.Ordinal)), l => Assert.StartsWith("mqtt: connection failed: ", l));
    }

    /// <summary>Waits until the broker holds <paramref name="status"/> as the retained status of the device.</summary>
    internal static string WaitForRetainedStatus(MosquittoBroker broker, string topic, string status)
        => WaitForRetainedStatus(broker.Port, topic, status);

    /// <summary>Waits until the broker at <paramref name="port"/> holds <paramref name="status"/> as the retained status of the device.</summary>
    internal static string WaitForRetainedStatus(int port, string topic, string status)
        => WaitForRetained(port, topic, m => m.Contains("\"status\":\"" + status + "\"", StringComparison.Ordinal));

    /// <summary>
    /// Waits until the retained message on <paramref name="topic"/> is one <paramref name="accept"/> takes. Each look is a
    /// new subscriber's, so on a loaded machine a slow connection or delivery only costs another look, not the test.
    /// </summary>
    internal static string WaitForRetained(int port, string topic, Func<string, bool> accept)
    {
        string latest = string.Empty;
        bool seen = SpinWait.SpinUntil(() =>
        {
            latest = ReadRetained(port, topic);
            return accept(latest);
        }, TimeSpan.FromSeconds(30));
        Assert.True(seen, "retained " + topic + ": " + (latest.Length == 0 ? "none" : latest));
        return latest;
    }

    /// <summary>The retained message on <paramref name="topic"/> of the broker at <paramref name="port"/> on loopback, as a new subscriber gets it (empty: none within two seconds).</summary>
    internal static string ReadRetained(int port, string topic)
    {
        string? payload = null;
        using ManualResetEventSlim received = new ManualResetEventSlim(false);
        using HostMqttClient reader = new HostMqttClient(new HostMqttClientOptions { Host = MosquittoBroker.Host, Port = port });
        reader.MessageReceived += m =>
        {
            if (m.Topic == topic && m.Retain)
            {
                payload = Encoding.UTF8.GetString(m.Payload);
                received.Set();
            }
        };
        reader.Subscribe(topic, 1);
        reader.Connect();
        received.Wait(TimeSpan.FromSeconds(2));
        return payload ?? string.Empty;
    }
}
