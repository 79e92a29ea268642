// Licensed under the MIT License.

using System;
using System.Text;
using System.Threading;
using Edge.Core.Telemetry;
using Edge.Firmware.Diagnostics;
using Edge.Firmware.Hardware;
using Edge.Firmware.Persistence;
using Edge.Firmware.Telemetry;

namespace Edge.Firmware.Networking
{
    /// <summary>
    /// The network thread: joins Wi-Fi, connects to the broker with a retained "offline" Last Will,
    /// publishes "online" (retained), subscribes to cmd/#, then drains the telemetry outbox and the
    /// device events and sends the health message every period. Every failure closes the session
    /// and retries with exponential back-off; the device never reboots over the network, and this
    /// thread runs at below-normal priority, sharing nothing with the sampling thread but the
    /// outbox's short lock.
    /// </summary>
    public sealed class MqttLink
    {
        /// <summary>Messages allowed in flight before draining pauses for acknowledgements (bounds client memory).</summary>
        public const int MaximumInFlight = 8;

        private const int IdleWaitMs = 50;

        private readonly DeviceSettings _settings;
        private readonly MqttTopics _topics;
        private readonly IMessageTransport _transport;
        private readonly WifiConnection _wifi;
        private readonly TelemetryOutbox _outbox;
        private readonly DeviceEventLog _events;
        private readonly HealthSampler _health;
        private readonly StatusLed _led;
        private readonly ReconnectBackoff _backoff = new ReconnectBackoff(1000, 300000);
        private readonly TelemetryRecord _record;
        private Thread _thread;
        private int _connectionCount;
        private bool _stopRequested;

        /// <summary>Wires the link; <paramref name="health"/> and <paramref name="led"/> may be null.</summary>
        public MqttLink(
            DeviceSettings settings,
            MqttTopics topics,
            IMessageTransport transport,
            WifiConnection wifi,
            TelemetryOutbox outbox,
            DeviceEventLog events,
            HealthSampler health,
            StatusLed led,
            int cellsPerModule)
        {
            _settings = settings ?? throw new ArgumentNullException(nameof(settings));
            _topics = topics ?? throw new ArgumentNullException(nameof(topics));
            _transport = transport ?? throw new ArgumentNullException(nameof(transport));
            _wifi = wifi ?? throw new ArgumentNullException(nameof(wifi));
            _outbox = outbox ?? throw new ArgumentNullException(nameof(outbox));
            _events = events ?? throw new ArgumentNullException(nameof(events));
            _health = health;
            _led = led;
            _record = new TelemetryRecord(cellsPerModule);
        }

        /// <summary>Starts the thread.</summary>
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

        private void Run()
        {
            while (!_stopRequested)
            {
                try
                {
                    if (ConnectOnce())
                    {
                        _backoff.Reset();
                        Serve();
                    }
                }
                catch (Exception ex)
                {
                    _events.Report("mqtt-error", ex.Message);
                }

                _transport.Close();
                if (_led != null)
                {
                    _led.Show(StatusLedPattern.Offline);
                }

                if (!_stopRequested)
                {
                    Thread.Sleep(_backoff.NextDelayMs());
                }
            }
        }

        private bool ConnectOnce()
        {
            if (!_wifi.TryConnect())
            {
                _events.Report("wifi", _wifi.LastError);
                return false;
            }

            if (!_transport.TryConnect(_settings.DeviceId, _settings.MqttUsername, _settings.MqttPassword, _topics.Status, "offline", _settings.MqttKeepAliveS))
            {
                _events.Report("mqtt-connect", "broker " + _settings.MqttHost + ":" + _settings.MqttPort.ToString() + " refused or unreachable; retry " + (_backoff.FailureCount + 1).ToString());
                return false;
            }

            _connectionCount++;
            if (!_transport.TryPublish(_topics.Status, Encoding.UTF8.GetBytes("online"), true) || !_transport.TrySubscribe(_topics.CommandFilter))
            {
                return false;
            }

            if (_led != null)
            {
                _led.Show(StatusLedPattern.Online);
            }

            return true;
        }

        private void Serve()
        {
            int healthPeriodMs = _settings.HealthPeriodS * 1000;
            int sinceHealthMs = healthPeriodMs;
            while (!_stopRequested && _transport.IsConnected)
            {
                if (sinceHealthMs >= healthPeriodMs && _health != null)
                {
                    sinceHealthMs = 0;
                    HealthReport report = _health.Sample(_connectionCount);
                    if (!_transport.TryPublish(_topics.Health, Encoding.UTF8.GetBytes(report.ToJson()), false))
                    {
                        return;
                    }
                }

                bool sent = DrainDeviceEvents() | DrainTelemetry();
                if (!sent)
                {
                    Thread.Sleep(IdleWaitMs);
                    sinceHealthMs += IdleWaitMs;
                }
            }
        }

        private bool DrainDeviceEvents()
        {
            bool sent = false;
            DeviceEvent deviceEvent = _events.Peek();
            while (deviceEvent != null && _transport.InFlightCount < MaximumInFlight)
            {
                string json = "{\"code\":\"" + deviceEvent.Code + "\",\"message\":\"" + JsonText.Escape(deviceEvent.Message) + "\"}";
                if (!_transport.TryPublish(_topics.DeviceEvent, Encoding.UTF8.GetBytes(json), false))
                {
                    return sent;
                }

                _events.RemoveOldest();
                sent = true;
                deviceEvent = _events.Peek();
            }

            return sent;
        }

        private bool DrainTelemetry()
        {
            bool sent = false;
            while (_transport.InFlightCount < MaximumInFlight && _outbox.TryPeek(_record))
            {
                string topic = _topics.TelemetryPrefix + RecordJsonEncoder.TopicSuffix(_record.Kind);
                if (!_transport.TryPublish(topic, Encoding.UTF8.GetBytes(RecordJsonEncoder.Encode(_record)), false))
                {
                    return sent;
                }

                _outbox.RemoveOldest();
                sent = true;
            }

            return sent;
        }
    }
}
