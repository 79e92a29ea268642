// Licensed under the MIT License.

using System.Collections.Concurrent;
using System.Text;
using Edge.HostSim.Mqtt;

namespace Edge.Mqtt.Tests
{
    /// <summary>
    /// Records a transport's events (raised on the MQTT client's own threads) so a test thread can wait for
    /// them. Waits are bounded; a timeout fails the test instead of hanging it.
    /// </summary>
    public sealed class Recorder
    {
        /// <summary>
        /// Generous bound for anything that should happen within milliseconds on loopback. Only a failing test waits it out;
        /// on a loaded two-core machine a client's two TLS attempts, 0.2 s apart, did not both end within 10 s.
        /// </summary>
        public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

        private readonly object _lock = new object();
        private readonly List<MqttMessage> _messages = new List<MqttMessage>();
        private readonly ConcurrentDictionary<int, int> _acknowledged = new ConcurrentDictionary<int, int>();
        private int _connects;
        private int _disconnects;
        private int _refusals;
        private int _failures;

        /// <summary>Subscribes to every event of <paramref name="transport"/>.</summary>
        public Recorder(IMqttTransport transport)
        {
            transport.Connected += () => Bump(ref _connects);
            transport.Disconnected += _ => Bump(ref _disconnects);
            transport.ConnectionFailed += (outcome, reason) =>
            {
                LastFailure = outcome;
                LastFailureReason = reason;
                if (outcome == Edge.Core.Session.ConnectOutcome.BadCredentials || outcome == Edge.Core.Session.ConnectOutcome.NotAuthorized)
                {
                    Bump(ref _refusals);
                }
                else
                {
                    Bump(ref _failures);
                }
            };
            transport.PublishAcknowledged += mid =>
            {
                _acknowledged.AddOrUpdate(mid, 1, (_, n) => n + 1);
                lock (_lock)
                {
                    Monitor.PulseAll(_lock);
                }
            };
            transport.MessageReceived += message =>
            {
                lock (_lock)
                {
                    _messages.Add(message);
                    Monitor.PulseAll(_lock);
                }
            };
        }

        /// <summary>Number of successful connects seen.</summary>
        public int Connects => Volatile.Read(ref _connects);

        /// <summary>Number of disconnects seen.</summary>
        public int Disconnects => Volatile.Read(ref _disconnects);

        /// <summary>Why the latest attempt failed.</summary>
        public Edge.Core.Session.ConnectOutcome LastFailure { get; private set; }

        /// <summary>The latest failure's details.</summary>
        public string? LastFailureReason { get; private set; }

        /// <summary>Number of attempts that failed for another reason than credentials (TLS, unreachable).</summary>
        public int Failures => Volatile.Read(ref _failures);

        /// <summary>Number of refused CONNECTs (bad credentials, not authorised) seen.</summary>
        public int Refusals => Volatile.Read(ref _refusals);

        /// <summary>Times each message id was acknowledged.</summary>
        public ConcurrentDictionary<int, int> Acknowledged => _acknowledged;

        /// <summary>Copy of the messages received so far.</summary>
        public List<MqttMessage> Messages
        {
            get
            {
                lock (_lock)
                {
                    return new List<MqttMessage>(_messages);
                }
            }
        }

        /// <summary>UTF-8 payloads received on <paramref name="topic"/>, in arrival order.</summary>
        public List<string> PayloadsOn(string topic)
        {
            return Messages.Where(m => m.Topic == topic).Select(m => Encoding.UTF8.GetString(m.Payload)).ToList();
        }

        /// <summary>Waits until <paramref name="condition"/> holds; false after <see cref="Patience"/>.</summary>
        public bool WaitFor(Func<bool> condition)
        {
            return WaitFor(condition, Patience);
        }

        /// <summary>Waits until <paramref name="condition"/> holds or <paramref name="timeout"/> passes.</summary>
        public bool WaitFor(Func<bool> condition, TimeSpan timeout)
        {
            DateTime deadline = DateTime.UtcNow + timeout;
            lock (_lock)
            {
                while (!condition())
                {
                    TimeSpan left = deadline - DateTime.UtcNow;
                    if (left <= TimeSpan.Zero)
                    {
                        return false;
                    }

                    // Counters change without a pulse, so wake up regularly as well.
                    Monitor.Wait(_lock, TimeSpan.FromMilliseconds(Math.Min(left.TotalMilliseconds, 20)));
                }

                return true;
            }
        }

        private void Bump(ref int counter)
        {
            Interlocked.Increment(ref counter);
            lock (_lock)
            {
                Monitor.PulseAll(_lock);
            }
        }
    }
}
