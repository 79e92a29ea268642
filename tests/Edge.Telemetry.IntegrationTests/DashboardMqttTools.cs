using System.Collections.Concurrent;
using System.Diagnostics;

namespace Edge.Telemetry.IntegrationTests;

/// <summary>
/// Mosquitto's own command-line clients (mosquitto_pub, mosquitto_sub from mosquitto-clients) as the
/// hostile or watching broker clients of the dashboard tests: whatever a client may publish, these do.
/// </summary>
public static class DashboardMqttTools
{
    /// <summary>Publishes each payload as one QoS 1 message on the topic (mosquitto_pub -l: one line per message).</summary>
    public static void Publish(int port, string topic, IEnumerable<string> payloads, bool retain = false, string? user = null, string? password = null, int qos = 1)
    {
        string arguments = "-h 127.0.0.1 -p " + port + " -q " + qos + " -t '" + topic.Replace("'", "'\\''") + "' -l" + (retain ? " -r" : string.Empty) + Credentials(user, password);
        ProcessStartInfo start = new ProcessStartInfo("sh", new[] { "-c", "exec mosquitto_pub " + arguments })
        {
            RedirectStandardInput = true,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        using Process process = Process.Start(start)!;
        foreach (string payload in payloads)
        {
            process.StandardInput.WriteLine(payload);
        }

        process.StandardInput.Close();
        string error = process.StandardError.ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(60)), "mosquitto_pub finished");
        Assert.True(process.ExitCode == 0, "mosquitto_pub failed: " + error);
    }

    public static void Publish(int port, string topic, string payload, bool retain = false, string? user = null, string? password = null, int qos = 1)
    {
        Publish(port, topic, new[] { payload }, retain, user, password, qos);
    }

    /// <summary>Clears a retained topic: an empty retained QoS 1 message (mosquitto_pub -n -r), as a device clears one.</summary>
    public static void ClearRetained(int port, string topic)
    {
        Run("mosquitto_pub", "-h 127.0.0.1 -p " + port + " -q 1 -r -n -t " + topic);
    }

    public static void Run(string program, string arguments)
    {
        ProcessStartInfo start = new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using Process process = Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, program + " " + arguments + " failed: " + output);
    }

    internal static string Credentials(string? user, string? password) => user == null ? string.Empty : " -u " + user + " -P " + password;
}

/// <summary>mosquitto_sub -v on a filter, collecting "topic payload" lines until disposed.</summary>
public sealed class DashboardSubscription : IDisposable
{
    private readonly Process _process;

    /// <param name="persistentClientId">When given, an MQTT 5 session under this client id that the broker keeps for 10 min
    /// after the subscriber goes away (and resumes), queueing QoS 1 messages for it meanwhile.</param>
    public DashboardSubscription(int port, string filter, string? user = null, string? password = null, string? persistentClientId = null)
    {
        string session = persistentClientId == null ? string.Empty : " -V 5 -c -x 600 -i " + persistentClientId;

        // Without an ACL, a topic of this subscriber's own goes in the same SUBSCRIBE as the filter: its message coming
        // back proves the broker has the filter too. Outside edge/, so no page and no assertion ever sees it.
        string? probe = user == null ? "edge-test-probe/" + Guid.NewGuid().ToString("N").Substring(0, 8) : null;
        string probeFilter = probe == null ? string.Empty : " -t '" + probe + "'";
        ProcessStartInfo start = new ProcessStartInfo("sh", new[] { "-c", "exec mosquitto_sub -h 127.0.0.1 -p " + port + " -q 1 -v -t '" + filter + "'" + probeFilter + session + DashboardMqttTools.Credentials(user, password) })
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        _process = Process.Start(start)!;
        int probesBack = 0;
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data == null)
            {
                return;
            }

            if (probe != null && e.Data.StartsWith(probe + " ", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref probesBack);
                return;
            }

            Lines.Enqueue(e.Data);
        };
        _process.BeginOutputReadLine();

        if (probe == null)
        {
            // mosquitto_sub prints nothing when subscribed, and an ACL leaves no topic to probe with: give it a moment.
            Thread.Sleep(300);
            return;
        }

        // A probe published before the SUBSCRIBE went out is not delivered: send one until one comes back, however
        // slowly a loaded machine starts the subscriber (a fixed wait it outlasted would miss the test's first messages).
        DateTime end = DateTime.UtcNow + MessageLog.Patience;
        while (Volatile.Read(ref probesBack) == 0 && DateTime.UtcNow < end && !_process.HasExited)
        {
            DashboardMqttTools.Publish(port, probe, "1", qos: 0);
            SpinWait.SpinUntil(() => Volatile.Read(ref probesBack) > 0, TimeSpan.FromMilliseconds(100));
        }

        Assert.True(Volatile.Read(ref probesBack) > 0, "mosquitto_sub on " + filter + " is subscribed within " + MessageLog.Patience);
    }

    public ConcurrentQueue<string> Lines { get; } = new ConcurrentQueue<string>();

    public string WaitFor(Func<string, bool> match, TimeSpan patience)
    {
        DateTime end = DateTime.UtcNow + patience;
        while (DateTime.UtcNow < end)
        {
            string? line = Lines.FirstOrDefault(match);
            if (line != null)
            {
                return line;
            }

            Thread.Sleep(50);
        }

        throw new Xunit.Sdk.XunitException("no matching message; received: " + string.Join(" | ", Lines));
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        _process.WaitForExit();
        _process.Dispose();
    }
}
