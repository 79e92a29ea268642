// Licensed under the MIT License.

using System.Text;
using Edge.Core;
using Edge.Core.Commands;
using Edge.Core.Configuration;
using Edge.Core.Decision;
using Edge.Core.Diagnosis;
using Edge.Core.Records;
using Edge.Core.Sampling;
using Edge.Core.Telemetry.Encoding;
using Edge.Firmware.Diagnostics;

namespace Edge.Firmware.SerialConsole
{
    /// <summary>
    /// The console's control lines, for a bench without a broker: the contract's verbs start, stop, resetFault and
    /// setMode, their fields given as name=value (<c>start module=1</c>, <c>setMode mode=act</c>), handed to the same
    /// core <see cref="CommandHandler"/> an MQTT command goes to, so a line is checked and applied exactly as
    /// <c>cmd/&lt;verb&gt;</c> would be: at the next tick boundary, or refused with the offending field and nothing
    /// changed. Each line is a new command (id <c>console-&lt;n&gt;</c>, counted from boot), so the same line typed
    /// twice runs twice. The reply is the console's: "ok", or "error: " with the field and the handler's reason, as the
    /// dashboard shows a refused command. An accepted line is also a <c>console-command</c> device event, so operators
    /// watching the broker learn that a module was started or stopped at the bench, and by which line; a refused one
    /// changed nothing and is the console's alone.
    /// </summary>
    public sealed class ConsoleControl
    {
        /// <summary>The verbs a console line may use, as the console's help and errors list them.</summary>
        public const string Verbs = "start, stop, resetFault, setMode";

        // A console line holds at most 160 characters: with the id and JSON punctuation, and text that escapes to
        // longer (a quote, a backslash), this holds any of them.
        private const int BodyBytes = 1024;

        // Longest number a value is passed on as (digits, sign and point): beyond it a long would overflow; such a
        // value goes as text, which the handler refuses as not a number.
        private const int MaximumNumberChars = 18;

        private readonly EdgeController _controller;
        private readonly CommandHandler _handler;
        private readonly string _bootId;
        private readonly SampleFrame _frame;
        private readonly DeviceEventLog _events;
        private readonly JsonByteWriter _writer = new JsonByteWriter();
        private readonly byte[] _body = new byte[BodyBytes];
        private int _sent;

        /// <summary>
        /// Lines for <paramref name="controller"/>, checked and applied by <paramref name="handler"/> (the one MQTT commands
        /// use); <paramref name="bootId"/> names this boot in the config line, as in the config message; the readings line
        /// shows <paramref name="frame"/>, the frame the sampling loop hands the controller every tick; an accepted line is
        /// reported to <paramref name="events"/>.
        /// </summary>
        public ConsoleControl(EdgeController controller, CommandHandler handler, string bootId, SampleFrame frame, DeviceEventLog events)
        {
            _frame = frame ?? throw new System.ArgumentNullException(nameof(frame));
            _events = events ?? throw new System.ArgumentNullException(nameof(events));
            _controller = controller ?? throw new System.ArgumentNullException(nameof(controller));
            _handler = handler ?? throw new System.ArgumentNullException(nameof(handler));
            _bootId = bootId ?? string.Empty;
        }

        /// <summary>True when <paramref name="verb"/> is one of <see cref="Verbs"/>.</summary>
        public static bool Knows(string verb)
        {
            return verb == "start" || verb == "stop" || verb == "resetFault" || verb == "setMode";
        }

        /// <summary>The reply to a line whose first word, <paramref name="words"/>[0], is one of <see cref="Verbs"/>.</summary>
        public string Execute(string[] words)
        {
            string verb = words[0];
            _writer.Reset(_body, 0, _body.Length);
            _writer.BeginObject();
            _writer.String("id", "console-" + (_sent + 1).ToString());
            for (int i = 1; i < words.Length; i++)
            {
                string word = words[i];
                int equals = word.IndexOf('=');
                if (equals <= 0)
                {
                    return "error: '" + word + "' is not name=value: " + verb + " takes its fields as name=value (module=1, mode=act)";
                }

                WriteField(word.Substring(0, equals), word.Substring(equals + 1));
            }

            _writer.EndObject();
            if (_writer.Overflowed)
            {
                return "error: the line is too long for a command";
            }

            _sent++;
            CommandReply reply = _handler.Handle(verb, _body, 0, _writer.Length);
            if (!reply.Ok)
            {
                return "error: " + reply.ErrorField + ": " + reply.ErrorMessage;
            }

            StringBuilder line = new StringBuilder(64);
            for (int i = 0; i < words.Length; i++)
            {
                if (i > 0)
                {
                    line.Append(' ');
                }

                line.Append(words[i]);
            }

            line.Append(" (console-").Append(_sent).Append("), applied at the next tick");
            _events.Report("console-command", line.ToString());
            return ConsoleCommands.Ok;
        }

        /// <summary>
        /// The <c>config</c> line: the controller's configuration in force, as the retained config message carries it
        /// (CONTRACT.md; what <c>getConfig</c> has a device publish), so a bench without a broker sees what it runs.
        /// </summary>
        public string Config()
        {
            ControllerConfiguration configuration = _controller.Configuration;
            byte[] buffer = new byte[ConfigEncoder.MaximumBytes(configuration.Protocol.Steps.Length)];
            JsonByteWriter writer = new JsonByteWriter();
            writer.Reset(buffer, 0, buffer.Length);
            ConfigEncoder.Encode(writer, configuration, _controller.Layout, _bootId, _controller.ConfigurationRevision);
            return Encoding.UTF8.GetString(buffer, 0, writer.Length);
        }

        /// <summary>The <c>readings</c> line (<see cref="ConsoleReadings"/>).</summary>
        public string Readings()
        {
            return ConsoleReadings.Of(_frame);
        }

        /// <summary>
        /// One line on the controller: its mode and every module's state, a held module with the diagnosis that latched
        /// it, a finished one with why it stopped (<c>mode act; module 0 rest, module 1 hold (softShortConfirmed)</c>).
        /// Read while the tick runs, as the session reads them for the retained module states.
        /// </summary>
        public string Status()
        {
            DiagnosisManager diagnosis = _controller.Diagnosis;
            int modules = _controller.Layout.ModuleCount;
            StringBuilder text = new StringBuilder(16 + (modules * 48));
            text.Append("mode ").Append(ContractNames.Of(_controller.Configuration.Mode));
            for (int m = 0; m < modules; m++)
            {
                ModuleDutyCycle module = _controller.Module(m);
                ModuleState state = module.State;
                text.Append(m == 0 ? "; module " : ", module ").Append(m).Append(' ').Append(ContractNames.Of(state));
                if (state == ModuleState.Hold && diagnosis.IsLatchCauseKnown(m))
                {
                    text.Append(" (").Append(ContractNames.Of(diagnosis.LatchCause(m))).Append(')');
                }
                else if (state == ModuleState.Hold || state == ModuleState.Done)
                {
                    text.Append(" (").Append(ContractNames.Of(module.StopReason)).Append(')');
                }
            }

            return text.ToString();
        }

        /// <summary>
        /// A value that reads as a number (digits, a sign, one decimal point) goes as one, so the handler's range and
        /// integer checks answer it; anything else goes as text.
        /// </summary>
        private void WriteField(string name, string value)
        {
            long digits;
            int decimals;
            if (TryReadNumber(value, out digits, out decimals))
            {
                _writer.Name(name);
                _writer.FixedPointValue(digits, decimals);
            }
            else
            {
                _writer.String(name, value);
            }
        }

        private static bool TryReadNumber(string value, out long digits, out int decimals)
        {
            digits = 0;
            decimals = 0;
            if (value.Length == 0 || value.Length > MaximumNumberChars)
            {
                return false;
            }

            int point = value.IndexOf('.');
            if (point < 0)
            {
                return IsInteger(value, true) && long.TryParse(value, out digits);
            }

            // "1.5" as 15 with one decimal; "1." and ".5" are no numbers of the contract's JSON.
            string whole = value.Substring(0, point);
            string fraction = value.Substring(point + 1);
            if (fraction.Length == 0 || !IsInteger(whole, true) || !IsInteger(fraction, false) || !long.TryParse(whole + fraction, out digits))
            {
                return false;
            }

            decimals = fraction.Length;
            return true;
        }

        // An optional '-' where <paramref name="signed"/> (the whole part), then at least one digit.
        private static bool IsInteger(string text, bool signed)
        {
            int start = signed && text.Length > 0 && text[0] == '-' ? 1 : 0;
            if (start == text.Length)
            {
                return false;
            }

            for (int i = start; i < text.Length; i++)
            {
                if (text[i] < '0' || text[i] > '9')
                {
                    return false;
                }
            }

            return true;
        }
    }
}
