// Licensed under the MIT License.

using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Edge.HostSim.Cli;
using Edge.HostSim.Mqtt;
using Edge.HostSim.Mqtt.Broker;
using Xunit;

namespace Edge.HostSim.Tests.Cli;

/// <summary>edge-sim run --mqtt ...: option checks (exit 2) and a run publishing to a real broker.</summary>
public sealed class MqttOptionTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "edge-sim-mqtt-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, true);
        }
    }

    [Theory]
    [InlineData("--mqtt-user")]
    [InlineData("--device-id")]
    [InlineData("--mqtt-ca")]
    public void BrokerOptionsWithoutABrokerAreRejected(string option)
    {
        Assert.Equal(2, Execute(out string error, "run", "--out", _directory, option, "x"));
        Assert.Contains(option + " needs --mqtt", error);
    }

    [Fact]
    public void AHealthPeriodWithoutABrokerIsRejected()
    {
        Assert.Equal(2, Execute(out string error, "run", "--out", _directory, "--health-period-s", "5"));
        Assert.Contains("--health-period-s needs --mqtt", error);
    }

    [Theory]
    [InlineData("--health-period-s", "0", "--health-period-s: 0 is not 1 to 3600 s")]
    [InlineData("--health-period-s", "3601", "--health-period-s: 3601 is not 1 to 3600 s")]
    [InlineData("--health-period-s", "5s", "--health-period-s")]
    [InlineData("--mqtt", "127.0.0.1:0", "--mqtt")]
    [InlineData("--mqtt", "127.0.0.1:http", "--mqtt")]
    [InlineData("--device-id", "pack/1", "--device-id")]
    [InlineData("--mqtt-user", "edge", "--mqtt-password")]
    public void BadBrokerOptionsAreRejected(string option, string value, string named)
    {
        string[] args = option == "--mqtt" ? new[] { "run", "--out", _directory, option, value } : new[] { "run", "--out", _directory, "--mqtt", "127.0.0.1:1883", option, value };
        Assert.Equal(2, Execute(out string error, args));
        Assert.Contains(named, error);
        Assert.False(Directory.Exists(_directory), "nothing is written for a rejected command line");
    }

    [Fact]
    public void RunPublishesEveryEventAsTheNamedDevice()
    {
        using MosquittoBroker broker = MosquittoBroker.StartNew();
        List<string> events = new List<string>();
        using HostMqttClient subscriber = ConnectedSubscriber(broker, "edge/cli-1/event", payload =>
        {
            lock (events)
            {
                events.Add(payload);
            }
        });

        string scenario = WriteScenario("""
            { "name": "cli-mqtt", "seed": 2, "samplePeriodMs": 10, "timeLimitS": 30,
              "pack": { "modules": 2, "cellsPerModule": 2, "preset": "nak50-nasicon" },
              "protocol": { "steps": [ "Strip at 1 mA/cm2 for 1 s", "Rest for 2 s" ], "rest": "fixed" },
              "faults": [ { "atS": 9.5, "module": 1, "cell": 1, "kind": "hardShort" } ] }
            """);
        StringWriter stdout = new StringWriter();
        int code = Program.Execute(new[] { "run", scenario, "--out", Path.Combine(_directory, "out"), "--quiet", "--realtime", "30", "--mqtt", "127.0.0.1:" + broker.Port, "--device-id", "cli-1" }, stdout, new StringWriter());

        Assert.Equal(0, code);
        Assert.Contains("mqtt: device cli-1 -> 127.0.0.1:" + broker.Port, stdout.ToString());
        Assert.True(SpinWait.SpinUntil(() => { lock (events) { return events.Any(e => e.Contains("\"kind\":\"hardShort\"")); } }, TimeSpan.FromSeconds(10)));

        Assert.DoesNotContain("messages lost", stdout.ToString());

        // The pack-wide cell index of module 1, cell 1 in a 2 x 2 pack is 3.
        lock (events)
        {
            Assert.Contains(events, e => e.Contains("\"kind\":\"hardShort\"") && e.Contains("\"module\":1") && e.Contains("\"cell\":3"));
        }
    }

    [Fact]
    public void TheHealthPeriodSetsHowOftenTheDeviceSendsItsHealth()
    {
        using MosquittoBroker broker = MosquittoBroker.StartNew();
        List<long> uptimesMs = new List<long>();
        using HostMqttClient subscriber = ConnectedSubscriber(broker, "edge/cli-health/health", payload =>
        {
            using JsonDocument health = JsonDocument.Parse(payload);
            lock (uptimesMs)
            {
                uptimesMs.Add(health.RootElement.GetProperty("uptime_ms").GetInt64());
            }
        });

        string scenario = WriteScenario("""
            { "name": "cli-health", "seed": 2, "samplePeriodMs": 10, "timeLimitS": 30,
              "pack": { "modules": 1, "cellsPerModule": 1, "preset": "nak50-nasicon" },
              "protocol": { "steps": [ "Strip at 1 mA/cm2 for 1 s", "Rest for 2 s" ], "rest": "fixed" } }
            """);
        StringWriter stdout = new StringWriter();
        int code = Program.Execute(new[] { "run", scenario, "--out", Path.Combine(_directory, "out"), "--quiet", "--realtime", "30", "--mqtt", "127.0.0.1:" + broker.Port, "--device-id", "cli-health", "--health-period-s", "5" }, stdout, new StringWriter());
        Assert.Equal(0, code);

        // One at the connection, which comes before the first tick (the run waits for the broker's answer), then one
        // every 5 s of device time to the end of the 30 s run: 7, 30 s apart by default: 2. Counted on the device's
        // clock (the uptime each carries), not on how fast this machine ran the run; waited for until the last one.
        Func<List<long>> received = () =>
        {
            lock (uptimesMs)
            {
                return uptimesMs.ToList();
            }
        };
        Assert.True(SpinWait.SpinUntil(() => received().Count >= 7, TimeSpan.FromSeconds(30)), "health messages at uptimes (ms): " + string.Join(", ", received()) + "; the run said: " + stdout);
        List<long> uptimes = received();
        Assert.InRange(uptimes[0], 0, 10);
        Assert.Equal(new long[] { 0, 5_000, 10_000, 15_000, 20_000, 25_000, 30_000 }, uptimes.Select(u => u - uptimes[0]));

        // None after the run: the count stays.
        Thread.Sleep(500);
        Assert.Equal(uptimes.Count, received().Count);
    }

    [Fact]
    public void RunAsFastAsItCanSaysTheOutboxDroppedTelemetry()
    {
        using MosquittoBroker broker = MosquittoBroker.StartNew();
        string scenario = WriteScenario("""
            { "name": "cli-mqtt-fast", "seed": 2, "samplePeriodMs": 10, "timeLimitS": 20000,
              "pack": { "modules": 1, "cellsPerModule": 1, "preset": "nak50-nasicon" },
              "protocol": { "steps": [ "Strip at 1 mA/cm2 for 1 s", "Rest for 2 s" ], "rest": "fixed" } }
            """);
        List<string> events = new List<string>();
        using HostMqttClient subscriber = ConnectedSubscriber(broker, "edge/cli-fast/event", payload =>
        {
            lock (events)
            {
                events.Add(payload);
            }
        });
        StringWriter stdout = new StringWriter();

        int code = Program.Execute(new[] { "run", scenario, "--out", Path.Combine(_directory, "out"), "--quiet", "--mqtt", "127.0.0.1:" + broker.Port, "--device-id", "cli-fast" }, stdout, new StringWriter());

        // 5.5 hours of one cell's pulses, each with its pulse, state and cell records, in some 3 s of wall time
        // (about 8,000 times real time): measured, the outbox dropped 4,400 to 7,100 of 47,000 messages. Lost telemetry
        // does not make the simulation fail: exit 0, with the counts and a warning.
        Assert.Equal(0, code);
        string output = stdout.ToString();
        // The end of the run accounts for every numbered message: delivered, lost or unsent (none: the broker is local).
        Match line = Regex.Match(output, @"mqtt: (\d+) stream messages numbered: (\d+) delivered, (\d+) lost \(([^)]*)\), 0 unsent at the end; \d+ handed to the broker, 1 connection\(s\)");
        Assert.True(line.Success, output);
        long numbered = long.Parse(line.Groups[1].Value, CultureInfo.InvariantCulture);
        long delivered = long.Parse(line.Groups[2].Value, CultureInfo.InvariantCulture);
        long lost = long.Parse(line.Groups[3].Value, CultureInfo.InvariantCulture);
        Assert.True(numbered == delivered + lost, output);
        Assert.True(delivered > 0 && lost > 0, output);
        // Past the account, one line says what was lost, why and what to do; not a second line about the same messages.
        string said = Assert.Single(output.Split('\n'), l => l.StartsWith("mqtt:", StringComparison.Ordinal) && !l.Contains("stream messages numbered", StringComparison.Ordinal) && Regex.IsMatch(l, @"\b" + lost + @"\b"));
        Assert.Matches(@"^mqtt: warning: " + lost + @" stream message\(s\) lost: the run went \d+ times faster than real time and the device's outbox dropped what the broker connection could not take \(reported in outboxOverflow events[^)]*\); --realtime paces the run for a broker or dashboard; the simulation itself completed\r?$", said);
        Assert.DoesNotContain("final flush gave up", output);

        // Per stream as outboxOverflow names them, and each as the device's events reported it to a subscriber: their
        // lost counts add up to the line's, those counted after the run's last tick included (a last event at the end).
        Dictionary<string, long> printed = line.Groups[4].Value.Split(", ").Select(p => p.Split(' ')).ToDictionary(p => p[0], p => long.Parse(p[1], CultureInfo.InvariantCulture));
        Assert.Equal(lost, printed.Values.Sum());
        foreach (string stream in new[] { "pulse", "cells", "state", "event" })
        {
            long expected = printed.GetValueOrDefault(stream);
            Func<long> reported = () =>
            {
                lock (events)
                {
                    return events.Select(e => JsonDocument.Parse(e).RootElement).Where(e => e.GetProperty("kind").GetString() == "outboxOverflow").Sum(e => e.GetProperty("lost").GetProperty(stream).GetInt64());
                }
            };
            Assert.True(SpinWait.SpinUntil(() => reported() == expected, TimeSpan.FromSeconds(10)), $"{stream}: the run says {expected} lost, its outboxOverflow events report {reported()}");
        }
    }

    [Fact]
    public void DashboardStartsABrokerAndPrintsThePageAddress()
    {
        string? root = Edge.HostSim.Dashboard.DashboardServer.Locate();
        Assert.NotNull(root);
        StringWriter stdout = new StringWriter();
        StringWriter stderr = new StringWriter();
        int code = Program.Execute(new[] { "run", "--out", _directory, "--quiet", "--dashboard", "--device-id", "dash-cli" }, stdout, stderr);
        if (!Edge.HostSim.Dashboard.DashboardServer.HasVendorBundles(root!))
        {
            // Without the npm bundles the page cannot work: the CLI says how to build them.
            Assert.Equal(2, code);
            Assert.Contains("npm install", stderr.ToString());
            return;
        }

        Assert.Equal(0, code);
        string output = stdout.ToString();
        Assert.Matches(@"broker: +mqtt://127\.0\.0\.1:\d+ +ws://127\.0\.0\.1:\d+", output);
        Assert.Matches(@"dashboard: http://127\.0\.0\.1:\d+/index\.html\?broker=ws%3A%2F%2F127\.0\.0\.1%3A\d+&device=dash-cli", output);
        Assert.Matches(@"mqtt: \d+ stream messages numbered: \d+ delivered, \d+ lost( \([^)]*\))?, 0 unsent at the end; \d+ handed to the broker, 1 connection\(s\)", output);
    }

    [Fact]
    public void ADashboardDirWithoutTheDashboardIsNamedNotTakenForMissingBundles()
    {
        // A mistyped folder holds no page at all: building bundles there (npm install) would not help.
        string missing = Path.Combine(Path.GetTempPath(), "edge-sim-no-dashboard-" + Guid.NewGuid().ToString("N"));

        Assert.Equal(2, Execute(out string error, "run", "--out", _directory, "--quiet", "--dashboard", "--dashboard-dir", missing));

        Assert.Contains("--dashboard-dir: no dashboard (index.html) in " + missing, error);
        Assert.DoesNotContain("npm", error);
        Assert.False(Directory.Exists(_directory), "nothing is written for a rejected command line");
    }

    [Theory]
    [InlineData("--mqtt-ca")]
    [InlineData("--mqtt-allow-unreachable")]
    public void BrokerOptionsThatDashboardsOwnBrokerCannotHonourAreRejected(string option)
    {
        // --dashboard's broker is a private plain-MQTT one on 127.0.0.1: a CA would have the device try TLS on a plain
        // port for the whole run, never connecting, and "start although unreachable" means nothing for it.
        string elsewhere = Path.Combine(Path.GetTempPath(), "edge-sim-dash-" + Guid.NewGuid().ToString("N"));
        try
        {
            // A dashboard folder that passes the bundle check, so only the option can stop the run.
            Directory.CreateDirectory(Path.Combine(elsewhere, "dashboard", "js"));
            Directory.CreateDirectory(Path.Combine(elsewhere, "dashboard", "vendor"));
            foreach (string file in new[] { "index.html", "js/main.js", "vendor/mqtt.min.js", "vendor/uPlot.iife.min.js", "vendor/uPlot.min.css" })
            {
                File.WriteAllText(Path.Combine(elsewhere, "dashboard", file), string.Empty);
            }

            string ca = Path.Combine(elsewhere, "ca.pem");
            File.WriteAllText(ca, "-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n");
            List<string> args = new List<string> { "run", "--out", _directory, "--quiet", "--dashboard", "--dashboard-dir", Path.Combine(elsewhere, "dashboard"), option };
            if (option == "--mqtt-ca")
            {
                args.Add(ca);
            }

            Assert.Equal(2, Execute(out string error, args.ToArray()));
            Assert.Contains(option, error);
            Assert.False(Directory.Exists(_directory), "nothing is written for a rejected command line");
        }
        finally
        {
            Directory.Delete(elsewhere, true);
        }
    }

    /// <summary>Writes <paramref name="json"/> as the scenario file of a run into the test's folder.</summary>
    private string WriteScenario(string json)
    {
        Directory.CreateDirectory(_directory);
        string scenario = Path.Combine(_directory, "s.json");
        File.WriteAllText(scenario, json);
        return scenario;
    }

    /// <summary>A client subscribed to <paramref name="topic"/> before a run starts publishing: each payload goes to <paramref name="received"/>.</summary>
    private static HostMqttClient ConnectedSubscriber(MosquittoBroker broker, string topic, Action<string> received)
    {
        HostMqttClient subscriber = new HostMqttClient(new HostMqttClientOptions { Host = MosquittoBroker.Host, Port = broker.Port });

        // A topic of this client's own, subscribed after the run's: its message coming back proves the broker has both
        // subscriptions (it handles one client's packets in order), however slowly a loaded machine got there.
        string probe = "edge-test-probe/" + subscriber.ClientId;
        int probesBack = 0;
        subscriber.MessageReceived += m =>
        {
            if (m.Topic == topic)
            {
                received(Encoding.UTF8.GetString(m.Payload));
            }
            else if (m.Topic == probe)
            {
                Interlocked.Increment(ref probesBack);
            }
        };
        subscriber.Subscribe(topic, 1);
        subscriber.Subscribe(probe, 1);
        subscriber.Connect();
        Assert.True(SpinWait.SpinUntil(() => subscriber.IsConnected, TimeSpan.FromSeconds(10)));

        // A probe published before the SUBSCRIBE went out is not delivered: send one until one comes back.
        byte[] payload = new byte[] { (byte)'1' };
        DateTime end = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (Volatile.Read(ref probesBack) == 0 && DateTime.UtcNow < end)
        {
            subscriber.Publish(probe, payload, 0, payload.Length, 1, false);
            SpinWait.SpinUntil(() => Volatile.Read(ref probesBack) > 0, TimeSpan.FromMilliseconds(200));
        }

        Assert.True(Volatile.Read(ref probesBack) > 0, "the broker confirms the subscription");
        return subscriber;
    }

    private static int Execute(out string error, params string[] args)
    {
        StringWriter stderr = new StringWriter();
        int code = Program.Execute(args, new StringWriter(), stderr);
        error = stderr.ToString();
        return code;
    }
}
