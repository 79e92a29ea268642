// Licensed under the MIT License.

using System;
using System.Collections;
using System.Text;
using Edge.Firmware.Diagnostics;

namespace Edge.Firmware.SerialConsole
{
    /// <summary>
    /// One operator console, independent of the wire: takes what the UART received, runs each
    /// complete line through <see cref="ConsoleCommands"/> and returns what to write back, the
    /// replies followed by the device events reported since (echoed here through
    /// <see cref="IEventEcho"/>, so that the operator sees the calibration's instructions and
    /// results). Events are queued, never written from the reporting thread: that may be the
    /// sampling thread, which must not wait for a UART.
    /// </summary>
    public sealed class ConsoleSession : IEventEcho
    {
        /// <summary>Event lines kept until the console thread writes them; older ones beyond this are dropped and counted.</summary>
        public const int MaximumQueuedEvents = 32;

        /// <summary>What ends every written line (terminals expect CR LF).</summary>
        public const string LineEnd = "\r\n";

        /// <summary>The first line written when the console opens, unless the boot gives one naming the port (<see cref="Greeting"/>).</summary>
        public const string DefaultGreeting = "edge console ready; type help";

        private readonly ConsoleCommands _commands;
        private readonly ConsoleLineBuffer _buffer = new ConsoleLineBuffer();
        private readonly ConsoleUtf8Decoder _decoder = new ConsoleUtf8Decoder();
        private readonly char[] _decoded = new char[2];
        private readonly ArrayList _events = new ArrayList();
        private readonly object _lock = new object();
        private int _droppedEvents;

        /// <summary>A console running <paramref name="commands"/>.</summary>
        public ConsoleSession(ConsoleCommands commands)
        {
            _commands = commands ?? throw new ArgumentNullException(nameof(commands));
        }

        /// <summary>Written once when the console opens: where it is and, on the defaults, why (<see cref="ConsoleSettingsText.Greeting"/>).</summary>
        public string Greeting { get; set; } = DefaultGreeting;

        /// <inheritdoc />
        public void Post(string line)
        {
            lock (_lock)
            {
                if (_events.Count >= MaximumQueuedEvents)
                {
                    _events.RemoveAt(0);
                    _droppedEvents++;
                }

                _events.Add(line);
            }
        }

        /// <summary>
        /// Handles <paramref name="received"/> (any part of a line, or null when nothing arrived);
        /// returns the text to write, every line ended by <see cref="LineEnd"/>, or null when there is none.
        /// </summary>
        public string Process(string received)
        {
            // Each line runs as soon as it is complete, so a pasted block of lines runs whole and in order, however
            // many arrive in one read (queued first, the buffer's limit dropped the first ones and ran the rest).
            StringBuilder output = null;
            int count = received == null ? 0 : received.Length;
            for (int i = 0; i < count; i++)
            {
                output = AddCharacter(output, received[i]);
            }

            return Finish(output);
        }

        /// <summary>
        /// Handles the first <paramref name="count"/> bytes of <paramref name="received"/> as the UART delivered them
        /// (UTF-8, any part of a line, a character's bytes possibly split over two reads); returns what
        /// <see cref="Process(string)"/> returns.
        /// </summary>
        public string Process(byte[] received, int count)
        {
            return Process(received, count, false);
        }

        /// <summary>
        /// As <see cref="Process(byte[], int)"/>; <paramref name="receiveBufferFull"/> says that the port's receive buffer
        /// was full when these bytes were taken from it (<see cref="UartConsole.ReceiveBufferBytes"/> waiting), so the
        /// driver may have dropped bytes that came after them: the line they leave in progress is refused when it ends
        /// (<see cref="ConsoleLineBuffer.LostReason"/>), not run, while the lines they complete arrived whole and run.
        /// </summary>
        public string Process(byte[] received, int count, bool receiveBufferFull)
        {
            StringBuilder output = null;
            for (int i = 0; i < count; i++)
            {
                int decoded = _decoder.Add(received[i], _decoded);
                for (int c = 0; c < decoded; c++)
                {
                    output = AddCharacter(output, _decoded[c]);
                }
            }

            if (receiveBufferFull)
            {
                _buffer.MarkInputLost();
            }

            return Finish(output);
        }

        private StringBuilder AddCharacter(StringBuilder output, char c)
        {
            _buffer.Add(c);
            string line;
            if (_buffer.TryTakeLine(out line))
            {
                string reply = line == null ? "error: " + _buffer.DiscardReason : Execute(line);
                output = Add(output, reply);
            }

            return output;
        }

        private string Finish(StringBuilder output)
        {
            lock (_lock)
            {
                if (_droppedEvents > 0)
                {
                    output = Add(output, "(" + _droppedEvents.ToString() + " earlier events not shown)");
                    _droppedEvents = 0;
                }

                for (int i = 0; i < _events.Count; i++)
                {
                    output = Add(output, (string)_events[i]);
                }

                _events.Clear();
            }

            return output == null ? null : output.ToString();
        }

        private string Execute(string line)
        {
            try
            {
                return _commands.Execute(line);
            }
            catch (Exception ex)
            {
                // The console must outlive anything a command runs into; the reason goes to the operator.
                return "error: " + ex.GetType().Name + " " + ex.Message;
            }
        }

        private static StringBuilder Add(StringBuilder output, string line)
        {
            if (line == null)
            {
                return output;
            }

            if (output == null)
            {
                output = new StringBuilder();
            }

            // A multi-line event (the calibration record) gets CR LF on every line: a bare LF staircases on a terminal.
            string[] parts = line.Split('\n');
            for (int i = 0; i < parts.Length; i++)
            {
                string part = parts[i];
                if (part.Length > 0 && part[part.Length - 1] == '\r')
                {
                    part = part.Substring(0, part.Length - 1);
                }

                if (i > 0 && i == parts.Length - 1 && part.Length == 0)
                {
                    break;
                }

                output.Append(part);
                output.Append(LineEnd);
            }

            return output;
        }
    }
}
