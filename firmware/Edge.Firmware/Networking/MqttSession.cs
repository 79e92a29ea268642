// Licensed under the MIT License.

using System;
using System.Threading;
using Edge.Core;
using Edge.Core.Commands;
using Edge.Core.DeviceEvents;
using Edge.Core.Session;
using Edge.Core.Telemetry.Encoding;
using Edge.Core.Telemetry.Health;
using Edge.Core.Telemetry.Outbox;
using Edge.Firmware.Diagnostics;
using Edge.Firmware.Hardware;
using Edge.Firmware.Persistence;
using Edge.Firmware.Telemetry;

namespace Edge.Firmware.Networking
{
    /// <summary>
    /// The network thread: runs the core's <see cref="DeviceSession"/> (the whole MQTT contract: connect with
    /// the Last Will, status, config, commands, outbox, discovery, back-off 1 s doubling to 30 s) and adds
    /// what only the firmware has: its device events (<c>edge/&lt;id&gt;/device-event</c>), the health message
    /// (<c>edge/&lt;id&gt;/health</c>) and the status LED. The device never reboots over the network and the
    /// control loop never waits for it; a connect's calls that stop the whole runtime are made in the loop's quiet window
    /// (the client's <see cref="IControlPause"/>: every switch open, the gap expected).
    /// </summary>
    public sealed class MqttSession
    {
        /// <summary>Pause when there is nothing to send (or while waiting for the back-off), ms.</summary>
        public const int IdleWaitMs = 50;

        private readonly DeviceSettings _settings;
        private readonly DeviceSession _session;
        private readonly IMonotonicClock _clock;
        private readonly DeviceEventLog _events;
        private readonly DeviceEventSender _eventSender;
        private IHealthSource _health;
        private readonly IStatusIndicator _indicator;
        private readonly string _healthTopic;
        private Thread _thread;
        private long _lastHealthMs;
        private bool _stopRequested;

        /// <summary>
        /// Wires the session. <paramref name="controller"/>, <paramref name="commands"/> and
        /// <paramref name="publisher"/> are null while the board is unusable (no config is published, every
        /// command is refused); <paramref name="indicator"/> may be null.
        /// </summary>
        public MqttSession(
            DeviceSettings settings,
            TopicSet topics,
            IBrokerConnection connection,
            IMonotonicClock clock,
            MessageOutbox outbox,
            string bootId,
            EdgeController controller,
            CommandHandler commands,
            TelemetryPublisher publisher,
            DeviceEventLog events,
            IStatusIndicator indicator)
        {
            _settings = settings ?? throw new ArgumentNullException(nameof(settings));
            _clock = clock ?? throw new ArgumentNullException(nameof(clock));
            _events = events ?? throw new ArgumentNullException(nameof(events));
            _indicator = indicator;
            SessionSettings sessionSettings = new SessionSettings();
            sessionSettings.Username = settings.MqttUsername;
            sessionSettings.Password = settings.MqttPassword;
            sessionSettings.KeepAliveS = settings.MqttKeepAliveS;
            _session = new DeviceSession(topics, bootId, sessionSettings, connection, outbox, controller, commands, publisher);
            _eventSender = new DeviceEventSender(events.Queue, _session, topics.DeviceId, bootId);
            _healthTopic = topics.Health;
        }

        /// <summary>The core session (state, back-off, inbox, last failure).</summary>
        public DeviceSession Session => _session;

        /// <summary>Source of the periodic health message; null sends none. Set before <see cref="Start"/>.</summary>
        public IHealthSource Health
        {
            get { return _health; }
            set { _health = value; }
        }

        /// <summary>Starts the thread (below normal priority).</summary>
        public void Start()
        {
            _thread = new Thread(Run);
            _thread.Priority = ThreadPriority.BelowNormal;
            _thread.Start();
        }

        /// <summary>Asks the thread to end after its current pass (with the retained "offline" status).</summary>
        public void Stop()
        {
            _stopRequested = true;
        }

        /// <summary>
        /// One pass: the core session's (connect when due, or commands, config, discovery and the outbox), then
        /// the firmware's device events and health when online. A failed attempt or a lost session becomes a
        /// device event and turns the LED to offline.
        /// </summary>
        public SessionStep Pass()
        {
            long now = _clock.NowMs;
            SessionStep step = _session.Service(now);
            switch (step)
            {
                case SessionStep.Opened:
                    // The PUBACKs the last session still owed will not come: those device events go again.
                    _events.Queue.ConnectionRestarted();
                    _lastHealthMs = now - (_settings.HealthPeriodS * 1000L);
                    Show(StatusLedPattern.Online);
                    break;
                case SessionStep.OpenFailed:
                    _events.Report("mqtt-connect", _session.LastError + "; retry " + _session.Backoff.FailureCount.ToString() + " in " + (_session.NextAttemptMs - now).ToString() + " ms");
                    Show(StatusLedPattern.Offline);
                    break;
                case SessionStep.Lost:
                    // Why it ended: lost, or dropped by the device as stalled (a half-open link), as the session says.
                    _events.Report("mqtt-connect", _session.LastError + "; retry in " + (_session.NextAttemptMs - now).ToString() + " ms");
                    Show(StatusLedPattern.Offline);
                    break;
            }

            if (_session.IsOnline && PublishFirmwareTopics(now) && step == SessionStep.Idle)
            {
                step = SessionStep.Sent;
            }

            return step;
        }

        private void Run()
        {
            while (!_stopRequested)
            {
                SessionStep step;
                try
                {
                    step = Pass();
                }
                catch (Exception ex)
                {
                    _events.Report("mqtt-error", ex.Message);
                    step = SessionStep.Waiting;
                }

                if (step != SessionStep.Sent && step != SessionStep.Opened)
                {
                    Thread.Sleep(IdleWaitMs);
                }
            }

            _session.Close();
        }

        private bool PublishFirmwareTopics(long now)
        {
            bool sent = false;
            if (_health != null && now - _lastHealthMs >= _settings.HealthPeriodS * 1000L)
            {
                byte[] health = HealthPayload.Encode(_health.Sample(_session.ConnectionCount));
                if (_session.PublishExtra(_healthTopic, health, 0, health.Length, 0) < 0)
                {
                    return false;
                }

                _lastHealthMs = now;
                sent = true;
            }

            // The device events after the health message; ORed, so that a refused event still reports the health sent.
            return _eventSender.SendPending(DateTime.UtcNow) | sent;
        }

        private void Show(StatusLedPattern pattern)
        {
            if (_indicator != null)
            {
                _indicator.Show(pattern);
            }
        }
    }
}
