// Licensed under the MIT License.

using System;
using System.Text;
using System.Threading;
using Edge.Core;
using Edge.Core.Commands;
using Edge.Core.Telemetry.Encoding;
using Edge.Core.Telemetry.Outbox;
using Edge.Firmware.Commands;
using Edge.Firmware.Diagnostics;
using Edge.Firmware.Hardware;
using Edge.Firmware.Persistence;
using Edge.Firmware.Telemetry;

namespace Edge.Firmware.Networking
{
    /// <summary>
    /// The network thread, following the core's MQTT contract (Edge.Core/Telemetry/CONTRACT.md):
    /// brings the link up, connects as edge-&lt;deviceId&gt; with the retained "offline" status as
    /// Last Will, subscribes to cmd/+, publishes status "online" and the config (both retained),
    /// then pumps the core's outbox, answers commands on cmd/result and sends the firmware's own
    /// device events and health message. Any failure closes the session and retries with back-off
    /// (1 s doubling to 30 s); the device never reboots over the network and the control loop never
    /// waits for it.
    /// </summary>
    public sealed class MqttSession
    {
        /// <summary>Pause when there is nothing to send, ms.</summary>
        public const int IdleWaitMs = 50;

        private readonly DeviceSettings _settings;
        private readonly TopicSet _topics;
        private readonly IMqttConnection _connection;
        private readonly INetworkConnection _network;
        private readonly MessageOutbox _outbox;
        private readonly string _bootId;
        private readonly EdgeController _controller;
        private readonly CommandHandler _commands;
        private readonly CommandInbox _inbox;
        private readonly DeviceEventLog _events;
        private readonly IHealthSource _health;
        private readonly IStatusIndicator _indicator;
        private readonly ReconnectBackoff _backoff = new ReconnectBackoff(1000, 30000);
        private readonly JsonByteWriter _writer = new JsonByteWriter();
        private readonly string _deviceEventTopic;
        private readonly string _healthTopic;
        private byte[] _scratch = new byte[1024];
        private Thread _thread;
        private int _connectionCount;
        private int _sinceHealthMs;
        private bool _stopRequested;

        /// <summary>
        /// Wires the session. <paramref name="controller"/> and <paramref name="commands"/> are null
        /// while the board is unusable (no config is published, every command is refused);
        /// <paramref name="health"/> and <paramref name="indicator"/> may be null.
        /// </summary>
        public MqttSession(
            DeviceSettings settings,
            TopicSet topics,
            IMqttConnection connection,
            INetworkConnection network,
            MessageOutbox outbox,
            string bootId,
            EdgeController controller,
            CommandHandler commands,
            CommandInbox inbox,
            DeviceEventLog events,
            IHealthSource health,
            IStatusIndicator indicator)
        {
            _settings = settings ?? throw new ArgumentNullException(nameof(settings));
            _topics = topics ?? throw new ArgumentNullException(nameof(topics));
            _connection = connection ?? throw new ArgumentNullException(nameof(connection));
            _network = network ?? throw new ArgumentNullException(nameof(network));
            _outbox = outbox ?? throw new ArgumentNullException(nameof(outbox));
            _bootId = bootId ?? throw new ArgumentNullException(nameof(bootId));
            _inbox = inbox ?? throw new ArgumentNullException(nameof(inbox));
            _events = events ?? throw new ArgumentNullException(nameof(events));
            _controller = controller;
            _commands = commands;
            _health = health;
            _indicator = indicator;
            _deviceEventTopic = "edge/" + topics.DeviceId + "/device-event";
            _healthTopic = "edge/" + topics.DeviceId + "/health";
        }

        /// <summary>Broker sessions opened since start.</summary>
        public int ConnectionCount
        {
            get { return _connectionCount; }
        }

        /// <summary>Back-off state (failures since the last session).</summary>
        public ReconnectBackoff Backoff
        {
            get { return _backoff; }
        }

        /// <summary>MQTT client id of this device (contract: edge-&lt;deviceId&gt;).</summary>
        public string ClientId
        {
            get { return "edge-" + _topics.DeviceId; }
        }

        /// <summary>Starts the thread (below normal priority).</summary>
        public void Start()
        {
            _thread = new Thread(Run);
            _thread.Priority = ThreadPriority.BelowNormal;
            _thread.Start();
        }

        /// <summary>Asks the thread to end after its current step.</summary>
        public void Stop()
        {
            _stopRequested = true;
        }

        /// <summary>
        /// One connection attempt: link, broker, cmd/+ subscription, retained status "online" and
        /// config. False, with a device event, on any failure.
        /// </summary>
        public bool TryOpenSession()
        {
            if (!_network.TryConnect())
            {
                _events.Report("wifi", _network.LastError);
                return false;
            }

            if (!_connection.TryConnect(ClientId, _settings.MqttUsername, _settings.MqttPassword, _topics[TopicId.Status], EncodeStatus(false), _settings.MqttKeepAliveS))
            {
                _events.Report("mqtt-connect", "broker " + _settings.MqttHost + ":" + _settings.MqttPort.ToString() + " refused or unreachable; retry " + (_backoff.FailureCount + 1).ToString());
                return false;
            }

            _connectionCount++;
            bool ready = _connection.TrySubscribe(_topics.CommandFilter);
            if (ready)
            {
                EncodeStatus(true);
                ready = _connection.Publish(TopicId.Status, _scratch, 0, _writer.Length, 1, true) >= 0 && PublishConfig();
            }

            if (!ready)
            {
                _events.Report("mqtt-connect", "session opened but subscription, status or config failed");
                return false;
            }

            _sinceHealthMs = _settings.HealthPeriodS * 1000;
            _backoff.Reset();
            if (_indicator != null)
            {
                _indicator.Show(StatusLedPattern.Online);
            }

            return true;
        }

        /// <summary>
        /// One pass over an open session (<paramref name="elapsedMs"/> since the previous pass):
        /// health when due, device events, commands and their replies, a requested config, then
        /// the outbox. False when the session broke; <paramref name="sent"/> says whether anything went out.
        /// </summary>
        public bool Pump(int elapsedMs, out bool sent)
        {
            sent = false;
            if (!_connection.IsConnected)
            {
                return false;
            }

            _sinceHealthMs += elapsedMs;
            if (_health != null && _sinceHealthMs >= _settings.HealthPeriodS * 1000)
            {
                byte[] health = Encoding.UTF8.GetBytes(_health.Sample(_connectionCount).ToJson());
                if (_connection.PublishTo(_healthTopic, health, 0, health.Length, 0, false) < 0)
                {
                    return _connection.IsConnected;
                }

                _sinceHealthMs = 0;
                sent = true;
            }

            DeviceEvent deviceEvent = _events.Peek();
            while (deviceEvent != null)
            {
                byte[] json = Encoding.UTF8.GetBytes("{\"v\":1,\"bootId\":\"" + _bootId + "\",\"code\":\"" + JsonText.Escape(deviceEvent.Code) + "\",\"message\":\"" + JsonText.Escape(deviceEvent.Message) + "\"}");
                if (_connection.PublishTo(_deviceEventTopic, json, 0, json.Length, 1, false) < 0)
                {
                    return _connection.IsConnected;
                }

                _events.RemoveOldest();
                sent = true;
                deviceEvent = _events.Peek();
            }

            while (_inbox.TryTake(out string topic, out byte[] payload))
            {
                sent |= HandleCommand(topic, payload);
            }

            if (_commands != null && _commands.TakeConfigRequest())
            {
                sent |= PublishConfig();
            }

            if (_outbox.Pump(_connection) > 0)
            {
                sent = true;
            }

            return _connection.IsConnected;
        }

        /// <summary>Ends the session after a failure and returns the wait before the next attempt, ms.</summary>
        public int CloseAfterFailure()
        {
            _connection.Close();
            _outbox.ConnectionLost();
            if (_indicator != null)
            {
                _indicator.Show(StatusLedPattern.Offline);
            }

            return _backoff.NextDelayMs();
        }

        private void Run()
        {
            while (!_stopRequested)
            {
                try
                {
                    if (TryOpenSession())
                    {
                        int elapsedMs = 0;
                        while (!_stopRequested && Pump(elapsedMs, out bool sent))
                        {
                            elapsedMs = sent ? 0 : IdleWaitMs;
                            if (!sent)
                            {
                                Thread.Sleep(IdleWaitMs);
                            }
                        }
                    }
                }
                catch (Exception ex)
                {
                    _events.Report("mqtt-error", ex.Message);
                }

                int waitMs = CloseAfterFailure();
                if (!_stopRequested)
                {
                    Thread.Sleep(waitMs);
                }
            }
        }

        private bool HandleCommand(string topic, byte[] payload)
        {
            string verb = _topics.VerbOf(topic);
            if (verb == null || verb == CommandHandler.ResultVerb)
            {
                return false;
            }

            if (_commands == null)
            {
                _events.Report("command-rejected", verb + ": control loop not running");
                return false;
            }

            int length = _commands.HandleAndEncode(verb, payload, 0, payload.Length, _writer, _scratch);
            return length >= 0 && _connection.Publish(TopicId.CommandResult, _scratch, 0, length, 1, false) >= 0;
        }

        private bool PublishConfig()
        {
            if (_controller == null)
            {
                return true;
            }

            int needed = ConfigEncoder.MaximumBytes(_controller.Configuration.Protocol.Steps.Length);
            if (_scratch.Length < needed)
            {
                _scratch = new byte[needed];
            }

            _writer.Reset(_scratch, 0, _scratch.Length);
            ConfigEncoder.Encode(_writer, _controller.Configuration, _controller.Layout, _bootId, _controller.ConfigurationRevision);
            return !_writer.Overflowed && _connection.Publish(TopicId.Config, _scratch, 0, _writer.Length, 1, true) >= 0;
        }

        // Encodes the status into the scratch buffer and returns it as text (the Last Will is a string in M2Mqtt).
        private string EncodeStatus(bool online)
        {
            _writer.Reset(_scratch, 0, _scratch.Length);
            StatusEncoder.Encode(_writer, online, _bootId);
            return Encoding.UTF8.GetString(_scratch, 0, _writer.Length);
        }
    }
}
