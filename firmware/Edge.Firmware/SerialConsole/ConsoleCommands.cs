// Licensed under the MIT License.

using Edge.Core.Session;
using Edge.Firmware.Calibration;

namespace Edge.Firmware.SerialConsole
{
    /// <summary>
    /// The serial console's command lines: the contract's control verbs (<see cref="ConsoleControl"/>, checked and applied
    /// by the same handler as <c>cmd/&lt;verb&gt;</c>) and the same calibration verbs as <c>cmd/calibrate</c>
    /// (<see cref="CalibrationCommands"/>) handed to the same <see cref="CalibrationMode"/>:
    /// <code>
    /// start [module=&lt;m&gt;] | stop [module=&lt;m&gt;] | resetFault [module=&lt;m&gt;] | setMode mode=observe|act
    /// readings | config | settings | events
    /// calibrate begin [unit=&lt;id&gt;] [samplesPerPoint=&lt;1-65536&gt;]
    /// calibrate record | discard | finish | abort | status
    /// status
    /// help
    /// </code>
    /// Words are separated by spaces or tabs and are case-sensitive. A line that does not parse gets
    /// "error: " and what is wrong, and changes nothing; an accepted action gets "ok" (its
    /// instructions and results follow as device events, which the console echoes) and a refused one
    /// "error: " and the calibration mode's reason, as the MQTT command's reply would carry.
    /// </summary>
    public sealed class ConsoleCommands
    {
        /// <summary>The reply to an accepted action.</summary>
        public const string Ok = "ok";

        /// <summary>What <c>help</c> prints.</summary>
        public const string Help = "commands: start [module=<m>] | stop [module=<m>] | resetFault [module=<m>] | setMode mode=observe|act | readings | config | settings | events | calibrate begin [unit=<id>] [samplesPerPoint=<1-65536>] | calibrate record | calibrate discard | calibrate finish | calibrate abort | calibrate status | status | help";

        private const string Actions = "begin, record, discard, finish, abort or status";

        private const string NoControlLoop = "no control loop runs (the board is unusable, see the board-error event)";

        private readonly CalibrationMode _mode;
        private readonly ConsoleControl _control;
        private readonly DeviceSession _broker;

        /// <summary>Calibration lines for <paramref name="mode"/>, no control lines; null when the board is unusable (no control loop: nothing to calibrate).</summary>
        public ConsoleCommands(CalibrationMode mode)
            : this(mode, null)
        {
        }

        /// <summary>
        /// Lines for <paramref name="mode"/> and <paramref name="control"/>; both null when the board is unusable (no
        /// control loop: nothing to start or calibrate).
        /// </summary>
        public ConsoleCommands(CalibrationMode mode, ConsoleControl control)
            : this(mode, control, null)
        {
        }

        /// <summary>
        /// Lines for <paramref name="mode"/> and <paramref name="control"/>, whose <c>status</c> also says how
        /// <paramref name="broker"/>, the device's MQTT session, stands; null when the settings name no broker.
        /// </summary>
        public ConsoleCommands(CalibrationMode mode, ConsoleControl control, DeviceSession broker)
        {
            _mode = mode;
            _control = control;
            _broker = broker;
        }

        /// <summary>
        /// What <c>settings</c> prints: the device settings in force (<see cref="ConsoleSettingsText"/>), set by the boot
        /// that read them; null where the console was made without them.
        /// </summary>
        public string SettingsText { get; set; }

        /// <summary>
        /// Where <c>events</c> reads the events the boot reported before the console opened (a terminal attached later
        /// missed them); null where the console was made without it.
        /// </summary>
        public Diagnostics.DeviceEventLog Events { get; set; }

        /// <summary>The reply to one line (without its line end), or null for a blank line.</summary>
        public string Execute(string line)
        {
            string[] words = Edge.Core.Text.Words.Of(line);
            if (words.Length == 0)
            {
                return null;
            }

            string verb = words[0];
            if (verb == "help")
            {
                return words.Length == 1 ? Help : Error("help takes no arguments");
            }

            if (verb == "status")
            {
                return words.Length == 1 ? Status() : Error("status takes no arguments");
            }

            if (verb == "settings")
            {
                if (words.Length > 1)
                {
                    return Error("settings takes no arguments: the settings are deployed with the application and read at boot, not set from the console");
                }

                return SettingsText == null ? Error("the settings in force are not known to this console") : SettingsText;
            }

            if (verb == "events")
            {
                if (words.Length > 1)
                {
                    return Error("events takes no arguments");
                }

                if (Events == null)
                {
                    return Error("the boot's events are not known to this console");
                }

                string early = Events.EarlyLines();
                return early.Length == 0 ? "# no events before the console opened; later ones are shown as they come"
                    : "# the events before the console opened; later ones are shown as they come\n" + early;
            }

            if (verb == "readings" || verb == "config")
            {
                if (words.Length > 1)
                {
                    return Error(verb + " takes no arguments");
                }

                if (_control == null)
                {
                    return Error(NoControlLoop + (verb == "config" ? ": no configuration in force" : ": nothing is read"));
                }

                return verb == "config" ? _control.Config() : _control.Readings();
            }

            if (ConsoleControl.Knows(verb))
            {
                return _control == null ? Error(NoControlLoop + ": nothing to " + verb) : _control.Execute(words);
            }

            if (verb != "calibrate")
            {
                return Error("unknown command '" + verb + "': expected " + ConsoleControl.Verbs + ", readings, config, settings, events, calibrate, status or help");
            }

            if (words.Length == 1)
            {
                return Error("calibrate needs an action: " + Actions);
            }

            string action = words[1];
            if (action != "begin" && action != "record" && action != "discard" && action != "finish" && action != "abort" && action != "status")
            {
                return Error("unknown action '" + action + "': must be " + Actions);
            }

            if (action != "begin" && words.Length > 2)
            {
                return Error("calibrate " + action + " takes no arguments, got '" + words[2] + "'");
            }

            if (_mode == null)
            {
                return Error(NoControlLoop + ": nothing to calibrate");
            }

            switch (action)
            {
                case "begin":
                    return Begin(words);
                case "record":
                    return Reply(_mode.Record());
                case "discard":
                    return Reply(_mode.Discard());
                case "finish":
                    return Reply(_mode.Finish());
                case "abort":
                    return Reply(_mode.Abort());
                default:
                    return _mode.Status();
            }
        }

        private string Begin(string[] words)
        {
            string unit = null;
            int samplesPerPoint = 0;
            for (int i = 2; i < words.Length; i++)
            {
                string word = words[i];
                int equals = word.IndexOf('=');
                if (equals <= 0)
                {
                    return Error("'" + word + "' is not name=value: begin takes unit=<id> and samplesPerPoint=<1-65536>");
                }

                string name = word.Substring(0, equals);
                string value = word.Substring(equals + 1);
                if (name == "unit")
                {
                    if (unit != null)
                    {
                        return Error("unit is given twice");
                    }

                    if (value.Length == 0)
                    {
                        return Error("unit is empty");
                    }

                    unit = value;
                }
                else if (name == "samplesPerPoint")
                {
                    if (samplesPerPoint != 0)
                    {
                        return Error("samplesPerPoint is given twice");
                    }

                    if (!int.TryParse(value, out samplesPerPoint) || samplesPerPoint < 1 || samplesPerPoint > CalibrationMode.MaximumSamplesPerPoint)
                    {
                        return Error("samplesPerPoint must be a whole number from 1 to " + CalibrationMode.MaximumSamplesPerPoint.ToString() + ", got '" + value + "'");
                    }
                }
                else
                {
                    return Error("'" + name + "' is not a field of calibrate begin (unit, samplesPerPoint)");
                }
            }

            return Reply(_mode.Begin(unit, samplesPerPoint));
        }

        private string Status()
        {
            string controller = _mode == null ? "no control loop (the board is unusable, see the board-error event); not calibrating"
                : _control == null ? _mode.Status()
                : _control.Status() + "; " + _mode.Status();
            return controller + "; " + BrokerStatus();
        }

        // Read while the network thread runs the session, as the health message reads it: the state of one moment.
        private string BrokerStatus()
        {
            DeviceSession broker = _broker;
            if (broker == null)
            {
                return "no broker configured";
            }

            if (broker.IsOnline)
            {
                return "broker online (connection " + broker.ConnectionCount.ToString() + ")";
            }

            string error = broker.LastError;
            return error == null ? "broker offline (not connected yet)" : "broker offline: " + error;
        }

        private static string Reply(string error)
        {
            return error == null ? Ok : Error(error);
        }

        private static string Error(string problem)
        {
            return "error: " + problem;
        }
    }
}
