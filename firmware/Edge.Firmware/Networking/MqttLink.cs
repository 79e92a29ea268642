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
    /// The network thread: brings the link up, connects to the broker with a retained "offline" Last
    /// Will, publishes "online" (retained), subscribes to cmd/#, then drains the device events and
    /// the telemetry outbox and sends the health message every period. Any failure closes the
    /// session and retries with exponential back-off; the device never reboots over the network.
    /// The thread runs below normal priority and shares nothing with the sampling thread but the
    /// outbox's short lock.
    /// </summary>
    public sealed class MqttLink
    {
        /// <summary>Messages allowed in flight before draining pauses for acknowledgements (bounds client memory).</summary>
        public const int MaximumInFlight = 8;

        /// <summary>Pause when there is nothing to send, ms.</summary>
        public const int IdleWaitMs = 50;

        private readonly DeviceSettings _settings;
        private readonly MqttTopics _topics;
        private readonly IMessageTransport _transport;
        private readonly INetworkConnection _network;
        private readonly TelemetryOutbox _outbox;
        private readonly DeviceEventLog _events;
        private readonly IHealthSource _health;
        private readonly IStatusIndicator _indicator;
        private readonly ReconnectBackoff _backoff = new ReconnectBackoff(1000, 300000);
        private readonly TelemetryRecord _record;
        private Thread _thread;
        private int _connectionCount;
        private int _sinceHealthMs;
        private bool _stopRequested;

        /// <summary>Wires the link; <paramref name="health"/> and <paramref name="indicator"/> may be null.</summary>
        public MqttLink(
            DeviceSettings settings,
            MqttTopics topics,
            IMessageTransport transport,
            INetworkConnection network,
            TelemetryOutbox outbox,
            DeviceEventLog events,
            IHealthSource health,
            IStatusIndicator indicator,
            int cellsPerModule)
        {
            _settings = settings ?? throw new ArgumentNullException(nameof(settings));
            _topics = topics ?? throw new ArgumentNullException(nameof(topics));
            _transport = transport ?? throw new ArgumentNullException(nameof(transport));
            _network = network ?? throw new ArgumentNullException(nameof(network));
            _outbox = outbox ?? throw new ArgumentNullException(nameof(outbox));
            _events = events ?? throw new ArgumentNullException(nameof(events));
            _health = health;
            _indicator = indicator;
            _record = new TelemetryRecord(cellsPerModule);
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

        /// <summary>
        /// One connection attempt: link, broker (clean session, retained Last Will "offline" on
        /// status), retained "online", subscription to cmd/#. False, with an event, on any failure.
        /// </summary>
        public bool TryOpenSession()
        {
            if (!_network.TryConnect())
            {
                _events.Report("wifi", _network.LastError);
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
                _events.Report("mqtt-connect", "session opened but status or subscription failed");
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
        /// One pass over an open session: the health message when due (<paramref name="elapsedMs"/>
        /// since the previous pass), then device events and telemetry while fewer than
        /// <see cref="MaximumInFlight"/> messages await acknowledgement. Returns false when the
        /// session broke; <paramref name="sent"/> says whether anything went out.
        /// </summary>
        public bool Pump(int elapsedMs, out bool sent)
        {
            sent = false;
            if (!_transport.IsConnected)
            {
                return false;
            }

            _sinceHealthMs += elapsedMs;
            if (_health != null && _sinceHealthMs >= _settings.HealthPeriodS * 1000)
            {
                HealthReport report = _health.Sample(_connectionCount);
                if (!_transport.TryPublish(_topics.Health, Encoding.UTF8.GetBytes(report.ToJson()), false))
                {
                    return false;
                }

                _sinceHealthMs = 0;
                sent = true;
            }

            if (!DrainDeviceEvents(ref sent) || !DrainTelemetry(ref sent))
            {
                return false;
            }

            return true;
        }

        /// <summary>Ends the session after a failure and returns the wait before the next attempt, ms.</summary>
        public int CloseAfterFailure()
        {
            _transport.Close();
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

        // A failed publish is a broken session only when the client is no longer connected;
        // otherwise its queue is full and the pass ends, to be retried.
        private bool DrainDeviceEvents(ref bool sent)
        {
            DeviceEvent deviceEvent = _events.Peek();
            while (deviceEvent != null && _transport.InFlightCount < MaximumInFlight)
            {
                string json = "{\"code\":\"" + JsonText.Escape(deviceEvent.Code) + "\",\"message\":\"" + JsonText.Escape(deviceEvent.Message) + "\"}";
                if (!_transport.TryPublish(_topics.DeviceEvent, Encoding.UTF8.GetBytes(json), false))
                {
                    return _transport.IsConnected;
                }

                _events.RemoveOldest();
                sent = true;
                deviceEvent = _events.Peek();
            }

            return true;
        }

        private bool DrainTelemetry(ref bool sent)
        {
            while (_transport.InFlightCount < MaximumInFlight && _outbox.TryPeek(_record))
            {
                string topic = _topics.TelemetryPrefix + RecordJsonEncoder.TopicSuffix(_record.Kind);
                if (!_transport.TryPublish(topic, Encoding.UTF8.GetBytes(RecordJsonEncoder.Encode(_record)), false))
                {
                    return _transport.IsConnected;
                }

                _outbox.RemoveOldest();
                sent = true;
            }

            return true;
        }
    }
}
