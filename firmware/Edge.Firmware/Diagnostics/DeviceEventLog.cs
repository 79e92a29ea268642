// Licensed under the MIT License.

using System;
using System.Collections;
using System.Text;
using Edge.Core.DeviceEvents;

namespace Edge.Firmware.Diagnostics
{
    /// <summary>
    /// Events of the application itself (board or settings errors, watchdog trips, network state): written to the
    /// serial console at once (those of the boot before it opened, when it opens) and kept in <see cref="Queue"/> until the broker has acknowledged their QoS 1 publish
    /// (PUBACK), so that one whose link dropped first is sent again on the next session.
    /// Never used on the sampling path (it allocates strings).
    /// </summary>
    public sealed class DeviceEventLog
    {
        /// <summary>Messages kept while offline (<see cref="DeviceEventQueue.Capacity"/>).</summary>
        public const int Capacity = DeviceEventQueue.Capacity;

        /// <summary>
        /// Event lines kept for an echo that is not there yet: the boot reports its settings, board, calibration and
        /// restored faults before the serial console opens, and an operator on that console (often the only one on a
        /// bench without a broker) must see why the control loop did not start. The first lines are kept, the root
        /// cause among them; later ones are counted.
        /// </summary>
        public const int MaximumEarlyLines = 24;

        private readonly DeviceEventQueue _queue = new DeviceEventQueue();
        private readonly ArrayList _early = new ArrayList();
        private readonly object _echoLock = new object();
        private IEventEcho _echo;
        private int _earlyDropped;
        private bool _keepEarly = true;

        /// <summary>The events waiting for the broker, and their publish state (the network thread sends from it).</summary>
        public DeviceEventQueue Queue => _queue;

        /// <summary>Messages waiting for the broker.</summary>
        public int Count => _queue.Count;

        /// <summary>
        /// Where every event line is echoed besides the debug console (the operator's serial console), or null. Setting
        /// it first hands it the lines reported while there was none (at most <see cref="MaximumEarlyLines"/>), which stay
        /// readable through <see cref="EarlyLines"/>.
        /// </summary>
        public IEventEcho Echo
        {
            get
            {
                return _echo;
            }

            set
            {
                lock (_echoLock)
                {
                    if (value != null)
                    {
                        for (int i = 0; i < _early.Count; i++)
                        {
                            Post(value, (string)_early[i]);
                        }

                        if (_earlyDropped > 0)
                        {
                            Post(value, EarlyDroppedLine());
                        }

                        // Kept for the console's "events": a terminal attached after the boot missed them. No more are
                        // kept: from here the echo shows each as it comes.
                        _keepEarly = false;
                    }

                    _echo = value;
                }
            }
        }

        /// <summary>Logs <paramref name="message"/> under <paramref name="code"/> (a short, stable, machine-readable name).</summary>
        public void Report(string code, string message)
        {
            string line = code + ": " + message;
            Console.WriteLine(line);
            IEventEcho echo = _echo;
            if (echo == null)
            {
                lock (_echoLock)
                {
                    echo = _echo;
                    if (echo == null)
                    {
                        KeepEarly(line);
                    }
                }
            }

            if (echo != null)
            {
                Post(echo, line);
            }

            _queue.Report(code, message, DateTime.UtcNow);
        }

        /// <summary>
        /// The lines reported before the echo was set (the boot's, up to <see cref="MaximumEarlyLines"/>), one per line,
        /// with a last line counting those not kept; empty when there were none.
        /// </summary>
        public string EarlyLines()
        {
            lock (_echoLock)
            {
                // One buffer: joined by concatenation, each of the 24 lines would copy every line before it on the device's heap.
                StringBuilder text = new StringBuilder();
                for (int i = 0; i < _early.Count; i++)
                {
                    if (i > 0)
                    {
                        text.Append('\n');
                    }

                    text.Append((string)_early[i]);
                }

                if (_earlyDropped > 0)
                {
                    text.Append('\n').Append(EarlyDroppedLine());
                }

                return text.ToString();
            }
        }

        /// <summary>
        /// Drops the lines kept for an echo and keeps no more: the boot opened no console (off, or it failed), so
        /// nothing will show them and their memory is the heap's again.
        /// </summary>
        public void ForgetEarlyLines()
        {
            lock (_echoLock)
            {
                _early.Clear();
                _earlyDropped = 0;
                _keepEarly = false;
            }
        }

        private string EarlyDroppedLine()
        {
            return "(" + _earlyDropped.ToString() + " later events before the console opened not kept: see the debug output)";
        }

        private void KeepEarly(string line)
        {
            if (!_keepEarly)
            {
                return;
            }

            if (_early.Count < MaximumEarlyLines)
            {
                _early.Add(line);
            }
            else
            {
                _earlyDropped++;
            }
        }

        private static void Post(IEventEcho echo, string line)
        {
            try
            {
                echo.Post(line);
            }
            catch (Exception)
            {
                // The echo is a convenience for the operator; the event itself is kept in the queue.
            }
        }

        /// <summary>Oldest pending event, or null.</summary>
        public DeviceEvent Peek() => _queue.Peek();

        /// <summary>Drops the oldest pending event (a drain with no concurrent reports and no client).</summary>
        public void RemoveOldest() => _queue.RemoveOldest();
    }
}
