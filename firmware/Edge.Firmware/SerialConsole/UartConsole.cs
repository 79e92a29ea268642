// Licensed under the MIT License.

using System;
using System.IO.Ports;
using System.Threading;
using nanoFramework.Hardware.Esp32;

namespace Edge.Firmware.SerialConsole
{
    /// <summary>
    /// The operator's serial console on an ESP32 UART (nanoFramework's System.IO.Ports): a
    /// low-priority thread that polls the port, hands what arrived to a <see cref="ConsoleSession"/>
    /// and writes its output back. Everything but the wire is in the session. A failing port never
    /// reaches the control loop: the thread reports once and keeps retrying slowly.
    /// </summary>
    public sealed class UartConsole : IDisposable
    {
        /// <summary>Poll period, ms: typed lines are answered within this.</summary>
        public const int PollMs = 50;

        /// <summary>Wait after a port failure before the next try, ms.</summary>
        public const int FailureBackoffMs = 5000;

        /// <summary>
        /// Bytes taken per read: the size of nanoFramework's receive ring buffer on the ESP32 (UART_BUFER_SIZE in
        /// nf-interpreter's SerialPort native code), so one read empties it.
        /// </summary>
        public const int ReceiveBufferBytes = 256;

        private readonly byte[] _received = new byte[ReceiveBufferBytes];
        private readonly SerialPort _port;
        private readonly ConsoleSession _session;
        private readonly Diagnostics.DeviceEventLog _events;
        private readonly Thread _thread;
        private bool _stopping;

        /// <summary>
        /// Opens UART <paramref name="uart"/> (1 or 2) at <paramref name="baud"/> baud, 8N1, on RX
        /// <paramref name="rxPin"/> and TX <paramref name="txPin"/>, writes the session's greeting as its first line and
        /// starts the console thread.
        /// </summary>
        public UartConsole(int uart, int rxPin, int txPin, int baud, ConsoleSession session, Diagnostics.DeviceEventLog events)
        {
            if (uart != 1 && uart != 2)
            {
                throw new ArgumentOutOfRangeException(nameof(uart));
            }

            _session = session ?? throw new ArgumentNullException(nameof(session));
            _events = events ?? throw new ArgumentNullException(nameof(events));
            Configuration.SetPinFunction(rxPin, uart == 1 ? DeviceFunction.COM2_RX : DeviceFunction.COM3_RX);
            Configuration.SetPinFunction(txPin, uart == 1 ? DeviceFunction.COM2_TX : DeviceFunction.COM3_TX);

            // nanoFramework names UART n "COM(n+1)"; COM1 (UART0) carries the debugger.
            _port = new SerialPort(uart == 1 ? "COM2" : "COM3", baud, Parity.None, 8, StopBits.One);
            try
            {
                _port.Open();
                _port.Write(_session.Greeting + ConsoleSession.LineEnd);
            }
            catch (Exception)
            {
                // Released so that the next boot attempt can open the port again.
                _port.Dispose();
                throw;
            }

            _thread = new Thread(Run);
            _thread.Priority = ThreadPriority.Lowest;
            _thread.Start();
        }

        /// <summary>Stops the thread and closes the port.</summary>
        public void Dispose()
        {
            _stopping = true;
            _port.Dispose();
        }

        private void Run()
        {
            bool failing = false;
            while (!_stopping)
            {
                try
                {
                    // Bytes, not ReadExisting: that makes a string of whatever bytes wait, so a read ending inside a
                    // UTF-8 character cut it in two; the session's decoder keeps the first part for the next read.
                    int waiting = _port.BytesToRead;
                    int count = waiting <= 0 ? 0 : _port.Read(_received, 0, waiting < _received.Length ? waiting : _received.Length);
                    // A full ring buffer may have dropped what came after these bytes (the driver keeps no count of
                    // it): the session refuses the line they leave unfinished rather than run what is left of it.
                    string output = _session.Process(_received, count, waiting >= ReceiveBufferBytes);
                    if (output != null)
                    {
                        _port.Write(output);
                    }

                    failing = false;
                    Thread.Sleep(PollMs);
                }
                catch (Exception ex)
                {
                    if (_stopping)
                    {
                        return;
                    }

                    if (!failing)
                    {
                        // Not echoed back into the failing port: the echo only queues, the event reaches MQTT and the debug console.
                        _events.Report("console-failed", "serial console: " + ex.GetType().Name + " " + ex.Message + "; retrying every " + (FailureBackoffMs / 1000).ToString() + " s, control loop unaffected");
                        failing = true;
                    }

                    Thread.Sleep(FailureBackoffMs);
                }
            }
        }
    }
}
