// Licensed under the MIT License.

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
using System.Text;
using Edge.Core;
using Edge.Core.Commands;
using Edge.Core.Configuration;
using Edge.Core.Records;
using Edge.Core.Sampling;
using Edge.Core.Session;
using Edge.Core.Telemetry.Encoding;
using Edge.Core.Telemetry.Outbox;
using Edge.HostSim.Faults;
using Edge.HostSim.Mqtt;
using Edge.HostSim.Mqtt.Bridge;
using Edge.HostSim.Mqtt.Broker;

namespace Edge.Mqtt.Tests
{
    /// <summary>
    /// The simulator's MQTT side (hostsim/Edge.HostSim/Mqtt, the CLI's --mqtt) when the broker fails or refuses:
    /// a reply in flight when the broker dies, a publish an ACL refuses, a URL given as the address, an outage
    /// shorter than a network pass, a subscription's QoS. Each test states the correct behaviour.
    /// </summary>
    public sealed class BrokerFailureAndRefusalTests
    {
        // ---------------------------------------------------------------------------------------------------
        // 1. A command the device accepted (PUBACKed, executed) loses its reply for good when the broker dies
        //    while the reply is in flight.
        // ---------------------------------------------------------------------------------------------------

        /// <summary>
        /// Expected: every command on cmd/&lt;verb&gt; gets a reply (CONTRACT.md "Every command ... gets exactly one
        /// reply"; "status, config and cmd/result ... are republished on every connection"). The device has
        /// already PUBACKed the command, so the sender has no reason to send it again; if the broker goes away
        /// before it acknowledged the QoS 1 reply, the device must send the reply again after it reconnects
        /// (at least once, as it does for in-flight events).
        /// Before the fix: DeviceSession.HandleCommand hands the reply to MqttNetConnection.PublishTo and forgets it;
        /// the reply is not in the outbox, so nothing resends it. After the broker restart the device reconnects
        /// and the operator never gets an answer, although the command was executed.
        /// </summary>
        [Fact]
        public void ACommandReplyInFlightWhenTheBrokerDiesIsSentAgainAfterTheReconnect()
        {
            using MosquittoBroker broker = MosquittoBroker.StartNew();
            using TestDevice device = new TestDevice(broker, "reply-" + Guid.NewGuid().ToString("N").Substring(0, 6));
            string root = "edge/" + device.Topics.DeviceId + "/";

            using HostMqttClient operatorClient = new HostMqttClient(TestClients.OptionsFor(broker, "operator"));
            Recorder seen = new Recorder(operatorClient);
            operatorClient.Subscribe(root + "cmd/result", 1);
            operatorClient.Connect();
            Assert.True(seen.WaitFor(() => seen.Connects == 1));

            // The device's network thread is driven by the test, one Service pass at a time.
            Assert.True(SpinWait.SpinUntil(() => device.Bridge.Service() == SessionStep.Opened || device.Bridge.IsConnected, Recorder.Patience));
            Thread.Sleep(300);

            byte[] command = Encoding.UTF8.GetBytes("{\"id\":\"c1\",\"mode\":\"act\"}");
            int mid = operatorClient.Publish(root + "cmd/setMode", command, 0, command.Length, 1, false);
            Assert.True(mid > 0);
            Assert.True(seen.WaitFor(() => seen.Acknowledged.ContainsKey(mid)), "the broker took the command");
            Assert.True(SpinWait.SpinUntil(() => device.Bridge.Session.Inbox.Count == 1, Recorder.Patience), "the device received (and PUBACKed) the command");
            Thread.Sleep(200);

            // The broker hangs, the device handles the command and writes its reply; then the broker dies.
            BrokerProcess.Signal(broker, "STOP");
            try
            {
                device.Bridge.Service();
                Assert.Equal(0, device.Bridge.Session.Inbox.Count);
                Thread.Sleep(200);
            }
            finally
            {
                BrokerProcess.Signal(broker, "KILL");
            }

            broker.Stop();
            broker.Start();
            Assert.True(seen.WaitFor(() => seen.Connects == 2), "operator reconnected");
            Thread.Sleep(500);

            // The device notices the loss, backs off, reconnects and pumps.
            Stopwatch watch = Stopwatch.StartNew();
            bool replied = false;
            while (!replied && watch.Elapsed < TimeSpan.FromSeconds(10))
            {
                device.Bridge.Service();
                Thread.Sleep(20);
                replied = seen.PayloadsOn(root + "cmd/result").Any(p => p.Contains("\"c1\"", StringComparison.Ordinal));
            }

            Assert.True(device.Bridge.Session.ConnectionCount >= 2, "the device reconnected: " + device.Bridge.Session.LastError);
            Assert.True(replied, "the device took and handled command c1, but its reply never reached the operator after the broker came back");
        }

        // ---------------------------------------------------------------------------------------------------
        // 2. An event the broker refused (MQTT 5 PUBACK NotAuthorized) is freed as if delivered: lost uncounted.
        // ---------------------------------------------------------------------------------------------------

        /// <summary>
        /// Expected: telemetry is never silently lost; CONTRACT.md: "Every loss is counted per stream" and, for the
        /// simulator, "an ACL refusal of a publish ... comes back as a reason code and is reported". An event the
        /// broker refused never reached anyone, so it must not count as delivered: it is counted as lost for the
        /// event stream (and so reported in the next outboxOverflow event) or kept for a retry.
        /// Before the fix: MqttNetConnection.Complete raises Acknowledged for a refused publish too
        /// (MqttNetConnection.cs, Complete), EdgeMqttBridge wires Acknowledged straight to
        /// MessageOutbox.Acknowledge, the slot is freed as delivered and LostTotal(Event) stays 0. MqttDeviceBridge
        /// and the CLI do not subscribe to PublishRefused, so a run shows no trace of the loss.
        /// </summary>
        [Fact]
        public void AnEventTheBrokerRefusesIsCountedAsLostNotAsDelivered()
        {
            const string deviceId = "acl-dev";
            string acl = Path.Combine(Path.GetTempPath(), "review-acl-" + Guid.NewGuid().ToString("N"));
            File.WriteAllText(acl, string.Join('\n',
                "user " + deviceId,
                "topic write edge/" + deviceId + "/status",
                "topic write edge/" + deviceId + "/config",
                "topic write edge/" + deviceId + "/cmd/result",
                "topic write edge/" + deviceId + "/telemetry/+",
                "topic write homeassistant/#",
                "topic read edge/" + deviceId + "/cmd/+",
                "topic read homeassistant/status",
                string.Empty));
            MosquittoBrokerOptions options = new MosquittoBrokerOptions { AclFile = acl };
            options.Users.Add(deviceId, "pw");
            using MosquittoBroker broker = MosquittoBroker.StartNew(options);
            File.Delete(acl);

            using TestDevice device = new TestDevice(broker, deviceId, deviceId, "pw");
            ConcurrentQueue<string> refused = new ConcurrentQueue<string>();
            device.Bridge.PublishRefused += (topic, reason) => refused.Enqueue(topic + " " + reason);
            device.Bridge.Start(5);
            Assert.True(SpinWait.SpinUntil(() => device.Bridge.IsConnected, Recorder.Patience), device.Bridge.Session.LastError + "\n" + broker.Log);

            Assert.True(device.Publisher.ReportEvent(EventKind.FaultReset, Severity.Info, 0, 0));
            device.Publisher.Publish(device.Controller.Telemetry, 0);
            Assert.Equal(device.Outbox.SlotCount - 1, device.Outbox.FreeCount);
            device.Bridge.Wake();

            Assert.True(SpinWait.SpinUntil(() => !refused.IsEmpty, Recorder.Patience), "the broker's ACL refused the event (precondition); free " + device.Outbox.FreeCount + " awaiting " + device.Outbox.AwaitingAckCount + " published " + device.Bridge.PublishedCount + "\n" + broker.Log);
            Assert.True(SpinWait.SpinUntil(() => device.Outbox.FreeCount == device.Outbox.SlotCount, Recorder.Patience));
            Assert.True(
                device.Outbox.LostTotal(TopicId.Event) == 1,
                "the refused event (" + string.Join(", ", refused) + ") was freed as delivered; lost events counted: " + device.Outbox.LostTotal(TopicId.Event));
        }

        // ---------------------------------------------------------------------------------------------------
        // 3. --mqtt with a URL (scheme, user:password@) is taken as a host name: the password is echoed.
        // ---------------------------------------------------------------------------------------------------

        /// <summary>
        /// Expected: --mqtt takes host:port; a URL such as mqtt://user:password@host:port is refused as malformed
        /// (FormatException, which the CLI turns into "--mqtt: ..." exit 2), and the password is never echoed.
        /// Before the fix: MqttBridgeOptions.ParseAddress (MqttBridgeOptions.cs, ParseAddress) splits at the last ':'
        /// only and returns the host "mqtt://edge:s3cret@127.0.0.1". The CLI then prints
        /// "--mqtt: cannot resolve the host name 'mqtt://edge:s3cret@127.0.0.1'" (password on stderr); with
        /// --mqtt-allow-unreachable it starts the run, prints "mqtt: device sim-1 -> mqtt://edge:s3cret@..." and
        /// the password again on every failed attempt, and exits 0 after a run with 0 connections (the
        /// credentials are never used as --mqtt-user/--mqtt-password either).
        /// </summary>
        [Fact]
        public void AnMqttUrlWithCredentialsIsRejectedAsAnAddressAndThePasswordIsNotEchoed()
        {
            FormatException? rejected = null;
            (string Host, int Port) parsed = default;
            try
            {
                parsed = MqttBridgeOptions.ParseAddress("mqtt://edge:s3cret@127.0.0.1:1883");
            }
            catch (FormatException e)
            {
                rejected = e;
            }

            Assert.True(rejected != null, "accepted as host '" + parsed.Host + "', port " + parsed.Port);
            Assert.DoesNotContain("s3cret", rejected!.Message, StringComparison.Ordinal);
        }

        // ---------------------------------------------------------------------------------------------------
        // 4. A scenario's brokerOutage that begins and ends between two passes of the network thread is skipped.
        // ---------------------------------------------------------------------------------------------------

        /// <summary>
        /// Expected (Bridge/README.md): a scenario's brokerOutage fault makes "the device drop off without
        /// DISCONNECT (Last Will) at the fault's simulated time and reconnect when it ends". At full simulation
        /// speed (about 1500x real time for the demo) a 1 s outage lasts well under a millisecond of wall time, so
        /// the end follows the start before the network thread has looked.
        /// Before the fix: EdgeMqttBridge.BeginOutage/EndOutage share one field (_suspendRequest, Volatile.Write): the
        /// end overwrites the pending start, Service sees only "resume", and the outage never happens: no Last
        /// Will, no reconnect, no outbox backlog, although the scenario asked for one.
        /// </summary>
        [Fact]
        public void AShortBrokerOutageInAFastRunStillTakesTheDeviceOffTheBroker()
        {
            using MosquittoBroker broker = MosquittoBroker.StartNew();
            string deviceId = "outage-" + Guid.NewGuid().ToString("N").Substring(0, 6);
            using HostMqttClient observer = TestClients.ConnectedObserver(broker, "observer", "edge/" + deviceId + "/status", 1, out Recorder seen);

            MqttBridgeOptions options = new MqttBridgeOptions { Port = broker.Port, DeviceId = deviceId, ReconnectDelayMinMs = 100, ReconnectDelayMaxMs = 200 };
            options.BrokerOutages.Add(new FaultSpec { Kind = FaultKind.BrokerOutage, AtS = 10, DurationS = 1 });
            using MqttDeviceBridge bridge = new MqttDeviceBridge(options);
            bridge.Attach(new EdgeController(new PackLayout(1, 2, 0), new ControllerConfiguration { StartImmediately = false }));
            Assert.True(SpinWait.SpinUntil(() => bridge.IsConnected, Recorder.Patience));
            Thread.Sleep(300);

            // Ten runs' worth of short outages: in each, two consecutive ticks of a fast run, one inside the
            // outage and one just after it. Every one of them must take the device off the broker and back.
            int skipped = 0;
            for (int i = 0; i < 10; i++)
            {
                int before = bridge.Connections;
                bridge.ApplyOutages(10.5);
                bridge.ApplyOutages(11.0);
                // The reconnect is due 100-200 ms after the outage; the generous wait is for a loaded machine only.
                if (!SpinWait.SpinUntil(() => bridge.Connections > before && bridge.IsConnected, TimeSpan.FromSeconds(10)))
                {
                    skipped++;
                }
            }

            Assert.True(skipped == 0, skipped + " of 10 short outages never took the device off the broker (connections " + bridge.Connections + ", Last Wills seen " + seen.PayloadsOn("edge/" + deviceId + "/status").Count(p => p.Contains("\"offline\"", StringComparison.Ordinal)) + ")");
        }

        // ---------------------------------------------------------------------------------------------------
        // 5. HostMqttClient.Subscribe ignores the QoS it is given.
        // ---------------------------------------------------------------------------------------------------

        /// <summary>
        /// Expected: IMqttTransport.Subscribe(topicFilter, qos) subscribes at the QoS asked for (the interface's
        /// parameter, kept in HostMqttClient's subscription list for re-subscribing), so a QoS 0 observer gets a
        /// QoS 1 publish delivered at QoS 0 (MQTT: delivered QoS = min(publish, subscription)).
        /// Before the fix: HostMqttClient stores the QoS but calls MqttNetConnection.Subscribe(filter), which always
        /// subscribes at QoS 1 (MqttNetConnection.cs, Subscribe; HostMqttClient.cs, Run and Subscribe): a QoS 0
        /// subscription is upgraded to QoS 1 and a QoS 2 one silently downgraded.
        /// </summary>
        [Fact]
        public void HostClientSubscribesAtTheQosItIsAskedFor()
        {
            using MosquittoBroker broker = MosquittoBroker.StartNew();
            string topic = TestClients.UniqueTopic("qos");
            using HostMqttClient subscriber = new HostMqttClient(TestClients.OptionsFor(broker, "qos0-observer"));
            using HostMqttClient publisher = new HostMqttClient(TestClients.OptionsFor(broker, "publisher"));
            (Recorder seen, Recorder sent) = Connect(subscriber, topic, 0, publisher);
            byte[] payload = Encoding.UTF8.GetBytes("x");
            Assert.True(publisher.Publish(topic, payload, 0, 1, 1, false) > 0);

            Assert.True(seen.WaitFor(() => seen.PayloadsOn(topic).Count == 1));
            MqttMessage message = seen.Messages.Single(m => m.Topic == topic);
            Assert.Equal(0, message.Qos);
        }

        /// <summary>
        /// QoS 2 end to end through Mosquitto: a QoS 2 publish to a QoS 2 subscriber arrives once, at QoS 2, and the
        /// publisher hears the handshake's end (PUBCOMP) as its message id's one acknowledgement.
        /// </summary>
        [Fact]
        public void AQos2PublishArrivesOnceAtQos2AndIsAcknowledgedOnce()
        {
            using MosquittoBroker broker = MosquittoBroker.StartNew();
            string topic = TestClients.UniqueTopic("qos2");
            using HostMqttClient subscriber = new HostMqttClient(TestClients.OptionsFor(broker, "qos2-observer"));
            using HostMqttClient publisher = new HostMqttClient(TestClients.OptionsFor(broker, "qos2-publisher"));
            (Recorder seen, Recorder sent) = Connect(subscriber, topic, 2, publisher);
            byte[] payload = Encoding.UTF8.GetBytes("exactly once");
            int id = publisher.Publish(topic, payload, 0, payload.Length, 2, false);
            Assert.True(id > 0);

            Assert.True(seen.WaitFor(() => seen.PayloadsOn(topic).Count == 1));
            Assert.True(sent.WaitFor(() => sent.Acknowledged.ContainsKey(id)));
            Thread.Sleep(500);
            MqttMessage message = Assert.Single(seen.Messages, m => m.Topic == topic);
            Assert.Equal(2, message.Qos);
            Assert.Equal("exactly once", Encoding.UTF8.GetString(message.Payload));
            Assert.Equal(1, sent.Acknowledged[id]);
        }

        /// <summary>
        /// Connects <paramref name="subscriber"/>, subscribed to <paramref name="topic"/> at <paramref name="qos"/>, then
        /// <paramref name="publisher"/>; their recorders.
        /// </summary>
        private static (Recorder Seen, Recorder Sent) Connect(HostMqttClient subscriber, string topic, int qos, HostMqttClient publisher)
        {
            Recorder seen = new Recorder(subscriber);
            subscriber.Subscribe(topic, qos);
            subscriber.Connect();
            Assert.True(seen.WaitFor(() => seen.Connects == 1));
            Thread.Sleep(300);

            Recorder sent = new Recorder(publisher);
            publisher.Connect();
            Assert.True(sent.WaitFor(() => sent.Connects == 1));
            return (seen, sent);
        }

        /// <summary>Signals the broker's mosquitto process (STOP: it hangs; KILL: it dies without saving anything).</summary>
        private static class BrokerProcess
        {
            public static void Signal(MosquittoBroker broker, string signal)
            {
                Process process = (Process)typeof(MosquittoBroker).GetField("_process", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(broker)!;
                using Process kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-" + signal, process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) }, UseShellExecute = false })!;
                kill.WaitForExit();
                if (signal == "KILL")
                {
                    process.WaitForExit();
                }
            }
        }

        /// <summary>A one-module, two-cell controller with outbox, publisher, command handler and session bridge (not started).</summary>
        private sealed class TestDevice : IDisposable
        {
            public TestDevice(MosquittoBroker broker, string deviceId, string? user = null, string? password = null)
            {
                PackLayout layout = new PackLayout(1, 2, 0);
                Controller = new EdgeController(layout, new ControllerConfiguration { Mode = ControlMode.Observe, StartImmediately = false });
                Topics = new TopicSet(deviceId);
                Outbox = new MessageOutbox(new OutboxConfiguration { SlotCount = 64 }, PayloadBudget.MaximumStreamPayloadBytes(2));
                Publisher = new TelemetryPublisher(Outbox, "b0");
                SessionSettings settings = new SessionSettings { Username = user ?? string.Empty, Password = password ?? string.Empty, KeepAliveS = 10, InitialBackoffMs = 200, MaximumBackoffMs = 1000 };
                Bridge = new EdgeMqttBridge(new MqttEndpoint { Host = MosquittoBroker.Host, Port = broker.Port }, settings, Controller, Topics, Outbox, new CommandHandler(Controller, new CommandLimits()), Publisher, "b0");
            }

            public EdgeController Controller { get; }

            public TopicSet Topics { get; }

            public MessageOutbox Outbox { get; }

            public TelemetryPublisher Publisher { get; }

            public EdgeMqttBridge Bridge { get; }

            public void Dispose() => Bridge.Dispose();
        }
    }
}
