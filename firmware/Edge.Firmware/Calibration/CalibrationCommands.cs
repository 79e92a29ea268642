// Licensed under the MIT License.

using Edge.Core.Commands;

namespace Edge.Firmware.Calibration
{
    /// <summary>
    /// The device's <c>cmd/calibrate</c> verb on top of the contract's commands: one flat JSON body
    /// read and checked by the core's <see cref="CommandHandler"/> like every command (required
    /// <c>id</c>, strict JSON, unknown fields refused), replied on <c>cmd/result</c>.
    /// Fields: <c>action</c> (required: <c>begin</c>, <c>record</c>, <c>discard</c>, <c>finish</c>,
    /// <c>abort</c>, <c>status</c>), <c>unit</c> (string, begin only: the unit id, default the device
    /// id) and <c>samplesPerPoint</c> (integer 1-65536, begin only). Instructions and results arrive
    /// as device events (<see cref="CalibrationMode"/>).
    /// </summary>
    public sealed class CalibrationCommands : IDeviceCommands
    {
        /// <summary>The verb: topic <c>edge/&lt;deviceId&gt;/cmd/calibrate</c>.</summary>
        public const string Verb = "calibrate";

        private static readonly string[] s_beginFields = new string[] { "id", "action", "unit", "samplesPerPoint" };
        private static readonly string[] s_actionFields = new string[] { "id", "action" };

        private const string ActionError = "must be begin, record, discard, finish, abort or status";

        private readonly CalibrationMode _mode;

        /// <summary>Commands for <paramref name="mode"/>.</summary>
        public CalibrationCommands(CalibrationMode mode)
        {
            _mode = mode ?? throw new System.ArgumentNullException(nameof(mode));
        }

        /// <inheritdoc />
        public bool Knows(string verb)
        {
            return verb == Verb;
        }

        /// <inheritdoc />
        public string Execute(string verb, CommandBody body, out string field)
        {
            field = "action";
            string action;
            string error;
            if (!CommandFields.TryGetString(body, "action", out action, out error))
            {
                return error;
            }

            if (action == null)
            {
                return "is missing";
            }

            // The action first: which fields belong depends on it, and a misspelt one is what needs correcting.
            if (!IsAction(action))
            {
                return ActionError;
            }

            string[] allowed = action == "begin" ? s_beginFields : s_actionFields;
            field = CommandFields.FirstUnknown(body, allowed);
            if (field != null)
            {
                return CommandFields.UnknownFieldMessage(field, allowed);
            }

            field = "action";
            switch (action)
            {
                case "begin":
                    return Begin(body, out field);
                case "record":
                    return _mode.Record();
                case "discard":
                    return _mode.Discard();
                case "finish":
                    return _mode.Finish();
                case "abort":
                    return _mode.Abort();
                case "status":
                    // The reply says ok; the text goes out as a device event like every calibration message.
                    _mode.ReportStatus();
                    return null;
                default:
                    return ActionError;
            }
        }

        private static bool IsAction(string action)
        {
            return action == "begin" || action == "record" || action == "discard" || action == "finish" || action == "abort" || action == "status";
        }

        private string Begin(CommandBody body, out string field)
        {
            field = "unit";
            string unit;
            string error;
            if (!CommandFields.TryGetString(body, "unit", out unit, out error))
            {
                return error;
            }

            field = "samplesPerPoint";
            long samples;
            bool present;
            if (!CommandFields.TryGetInteger(body, "samplesPerPoint", 1, 65536, out samples, out present, out error))
            {
                return error;
            }

            error = _mode.Begin(unit, present ? (int)samples : 0);
            field = error != null && unit != null && Edge.Core.Calibration.UnitCalibrationText.CheckUnitId(unit) != null ? "unit" : "action";
            return error;
        }
    }
}
