// Licensed under the MIT License.

using Edge.Core.Configuration;
using Edge.Core.Configuration.Protocol;

namespace Edge.Core.Commands
{
    /// <summary>
    /// setProtocol: builds a candidate protocol from the current one plus the given fields, validates the
    /// whole configuration with it (including the safety envelope) and hands it to the controller, which
    /// stops running modules and swaps it in at the next tick boundary. Fields not given keep their values;
    /// the electrode area is a property of the cells and cannot be changed by command.
    /// </summary>
    public static class ProtocolCommand
    {
        private static readonly string[] s_fields = new string[]
        {
            "id", "steps", "repeat", "restMode", "minimumRestMs", "maximumRestMs", "stripCutoffMv", "plateCutoffMv",
            "capacityLimitUc", "timeLimitMs", "platingCriticalCurrentUa", "directionChangeRestMs",
            "directionChangeMaximumRestMs", "start",
        };

        private static readonly string[] s_intFields = new string[]
        {
            "minimumRestMs", "maximumRestMs", "stripCutoffMv", "plateCutoffMv", "platingCriticalCurrentUa",
            "directionChangeRestMs", "directionChangeMaximumRestMs",
        };

        /// <summary>
        /// Returns null when accepted, else the problem with <paramref name="field"/> naming the field. A change with
        /// <c>start</c> is refused (field <c>start</c>) for the reasons <paramref name="handler"/> refuses a start for.
        /// </summary>
        public static string Execute(EdgeController controller, CommandBody body, CommandHandler handler, out string field)
        {
            field = CommandFields.FirstUnknown(body, s_fields);
            if (field != null)
            {
                return CommandFields.UnknownFieldMessage(field, s_fields);
            }

            ControllerConfiguration current = controller.Configuration;
            if (current.Scheduling != null && current.Scheduling.Enabled)
            {
                // The interleaved scheduler is dimensioned for the start-up protocol's pulse current.
                field = "scheduling.enabled";
                return "setProtocol is not available while pack scheduling is on";
            }

            // Fields not given keep the values of the protocol waiting for the next tick, if another change is.
            ProtocolConfiguration protocol = controller.ProtocolToAmend();
            string error;

            field = "steps";
            int stepsIndex = body.IndexOf("steps");
            if (stepsIndex >= 0)
            {
                JsonValueKind kind = body.KindAt(stepsIndex);
                if (kind == JsonValueKind.OtherArray)
                {
                    return "array items must be strings";
                }

                if (kind != JsonValueKind.StringArray)
                {
                    return "must be an array of step texts";
                }

                string[] texts = body.ArrayAt(stepsIndex);
                if (texts.Length == 0)
                {
                    return "needs at least one step";
                }

                ProtocolStep[] steps = new ProtocolStep[texts.Length];
                int periodMs = controller.Configuration.SamplePeriodMs;
                for (int i = 0; i < texts.Length; i++)
                {
                    if (!ProtocolStepParser.TryParse(texts[i], protocol.ElectrodeAreaCm2, out steps[i], out error))
                    {
                        field = "steps[" + i.ToString() + "]";
                        return error;
                    }

                    // A step ends at a sample: "Rest for 2.005 s" at 10 ms rested 2010 ms while the pulse summary said 2005,
                    // and a pulse of 1.005 s delivered a sample's charge more than asked. Refused, as a sweep's rests are.
                    long durationMs = steps[i].DurationMs;
                    if (durationMs % periodMs != 0)
                    {
                        field = "steps[" + i.ToString() + "]";
                        return durationMs.ToString() + " ms is not a whole number of the device's " + periodMs.ToString()
                            + " ms samples: a step ends at a sample, so it would last " + (((durationMs / periodMs) + 1) * periodMs).ToString() + " ms";
                    }
                }

                protocol.Steps = steps;
            }

            bool present;
            bool flag;
            field = "repeat";
            if (!CommandFields.TryGetBoolean(body, "repeat", out flag, out present, out error))
            {
                return error;
            }

            if (present)
            {
                protocol.Repeat = flag;
            }

            field = "restMode";
            string text;
            if (!CommandFields.TryGetString(body, "restMode", out text, out error))
            {
                return error;
            }

            if (text != null)
            {
                int restMode = ContractNames.ParseRestMode(text);
                if (restMode < 0)
                {
                    return CommandFields.ChoiceMessage("\"fixed\" or \"adaptive\"", ContractNames.RestModeIgnoringCase(text));
                }

                protocol.RestMode = (RestMode)restMode;
            }

            // A number beyond 32 bits is set as the nearer 32-bit end, which the checks below refuse with the field's own
            // range as they refuse one within 32 bits; beyondFields marks it (bit i for s_intFields[i]) to put the number
            // as sent back into that refusal.
            int beyondFields = 0;
            int number;
            bool beyond;
            for (int i = 0; i < s_intFields.Length; i++)
            {
                field = s_intFields[i];
                if (!CommandFields.TryGetInt32(body, field, out number, out present, out beyond, out error))
                {
                    return error;
                }

                if (present)
                {
                    SetInt(protocol, i, number);
                    if (beyond)
                    {
                        beyondFields |= 1 << i;
                    }
                }
            }

            long value;

            // The config message carries both limits: at most 2^53 - 1, the largest integer its JSON consumers read exactly.
            field = "capacityLimitUc";
            if (!CommandFields.TryGetInteger(body, field, 0, ContractNumbers.LargestExactInteger, out value, out present, out error))
            {
                return error;
            }

            if (present)
            {
                protocol.CapacityLimitUc = value;
            }

            field = "timeLimitMs";
            if (!CommandFields.TryGetInteger(body, field, 0, ContractNumbers.LargestExactInteger, out value, out present, out error))
            {
                return error;
            }

            if (present)
            {
                protocol.TimeLimitMs = value;
            }

            field = "start";
            bool start;
            if (!CommandFields.TryGetBoolean(body, "start", out start, out present, out error))
            {
                return error;
            }

            // Only an id (and "start":false): the change would be answered ok and stop every running module while the
            // protocol stays as it was. "start":true alone is a restart from the first step, and is taken.
            if (!start && body.Count == (present ? 2 : 1))
            {
                field = CommandHandler.NotExecutedField;
                return "names nothing to change: give a protocol field, or \"start\":true to restart the protocol from its first step (a setProtocol stops every running module)";
            }

            if (start)
            {
                error = handler.StartRefusal();
                if (error != null)
                {
                    return error + " (send setProtocol without start to change the protocol only)";
                }
            }

            error = CellLimitsError(controller, protocol, out field);
            if (error != null)
            {
                return AsSent(body, field, error, beyondFields);
            }

            ControllerConfiguration candidate = current.WithProtocol(protocol);

            // Checked in the mode it will run in: a setMode waiting for the next tick applies with it.
            candidate.Mode = controller.ModeToAmend();

            ConfigurationError problem = ConfigurationValidator.Validate(candidate, controller.Layout);
            if (problem != null)
            {
                // Name the field as the command spells it: "protocol.steps[0]" becomes "steps[0]".
                field = problem.Field.IndexOf("protocol.") == 0 ? problem.Field.Substring(9) : problem.Field;
                return AsSent(body, field, problem.Message, beyondFields);
            }

            if (beyondFields != 0)
            {
                // Not reached while the validator bounds every 32-bit field inside 32 bits; should a range ever be widened to
                // an end, a number that was not sent must still not be taken in its place.
                for (int i = 0; i < s_intFields.Length; i++)
                {
                    if ((beyondFields & (1 << i)) != 0)
                    {
                        field = s_intFields[i];
                        break;
                    }
                }

                return CommandFields.OutOfRange(body.TextAt(body.IndexOf(field)), int.MinValue, int.MaxValue);
            }

            if (!controller.RequestProtocol(protocol, start))
            {
                field = "start";
                return handler.BarredMessage();
            }

            field = null;
            return null;
        }

        /// <summary>
        /// The cells' plating limits are the configuration's, as the electrode area is: a command may tighten them, not
        /// loosen them, and a plate step above the critical current is refused rather than accepted and then capped.
        /// </summary>
        private static string CellLimitsError(EdgeController controller, ProtocolConfiguration protocol, out string field)
        {
            int limitUa = controller.PlatingCriticalCurrentLimitUa;
            field = "platingCriticalCurrentUa";
            if (protocol.PlatingCriticalCurrentUa > limitUa)
            {
                return protocol.PlatingCriticalCurrentUa.ToString() + " uA is above the cells' limit of " + limitUa.ToString()
                    + " uA in the configuration the device started with: a command may lower it, not raise it";
            }

            int floorMs = controller.DirectionChangeRestFloorMs;
            field = "directionChangeRestMs";
            if (protocol.DirectionChangeRestMs < floorMs)
            {
                return protocol.DirectionChangeRestMs.ToString() + " ms is below the " + floorMs.ToString()
                    + " ms the device started with: plating straight after stripping fails fast, so a command may lengthen this rest, not shorten it";
            }

            // The validator would offer shortening directionChangeRestMs as a way out, which the floor above refuses to a
            // command; a negative value is left to the validator's range.
            int maximumRestMs = protocol.DirectionChangeMaximumRestMs;
            if (maximumRestMs >= 0 && maximumRestMs < floorMs)
            {
                field = "directionChangeMaximumRestMs";
                return maximumRestMs.ToString() + " is below directionChangeRestMs (" + protocol.DirectionChangeRestMs.ToString()
                    + "), which a command may not shorten below the " + floorMs.ToString() + " ms the device started with: give directionChangeMaximumRestMs at least "
                    + protocol.DirectionChangeRestMs.ToString();
            }

            for (int i = 0; i < protocol.Steps.Length; i++)
            {
                ProtocolStep step = protocol.Steps[i];
                if (step.Kind == ProtocolStepKind.Plate && step.CurrentUa > protocol.PlatingCriticalCurrentUa)
                {
                    field = "steps[" + i.ToString() + "]";
                    return "plates at " + step.CurrentUa.ToString() + " uA, above platingCriticalCurrentUa (" + protocol.PlatingCriticalCurrentUa.ToString()
                        + " uA): give a current at most that";
                }
            }

            field = null;
            return null;
        }

        /// <summary>
        /// A refusal of a field sent beyond 32 bits names the number as sent, not the 32-bit end that stood in for it:
        /// the checks' messages start with the value.
        /// </summary>
        private static string AsSent(CommandBody body, string field, string error, int beyondFields)
        {
            for (int i = 0; i < s_intFields.Length; i++)
            {
                if ((beyondFields & (1 << i)) == 0 || s_intFields[i] != field)
                {
                    continue;
                }

                string sent = body.TextAt(body.IndexOf(field));
                string end = sent[0] == '-' ? int.MinValue.ToString() : int.MaxValue.ToString();
                if (error.IndexOf(end) == 0)
                {
                    return sent + error.Substring(end.Length);
                }
            }

            return error;
        }

        private static void SetInt(ProtocolConfiguration protocol, int index, int value)
        {
            switch (index)
            {
                case 0:
                    protocol.MinimumRestMs = value;
                    break;
                case 1:
                    protocol.MaximumRestMs = value;
                    break;
                case 2:
                    protocol.StripCutoffMv = value;
                    break;
                case 3:
                    protocol.PlateCutoffMv = value;
                    break;
                case 4:
                    protocol.PlatingCriticalCurrentUa = value;
                    break;
                case 5:
                    protocol.DirectionChangeRestMs = value;
                    break;
                default:
                    protocol.DirectionChangeMaximumRestMs = value;
                    break;
            }
        }
    }
}
