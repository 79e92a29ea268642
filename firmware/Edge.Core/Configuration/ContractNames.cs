// Licensed under the MIT License.

using Edge.Core.Annotations;
using Edge.Core.Configuration.Protocol;
using Edge.Core.Records;
using Edge.Core.Text;

namespace Edge.Core.Configuration
{
    /// <summary>
    /// The camelCase names the contract uses for the core's enums. nanoFramework cannot name enum
    /// values at run time, and the names are part of the contract anyway, so they are spelled out here
    /// in enum order; an unknown value encodes as "unknown".
    /// </summary>
    [HotPath]
    public static class ContractNames
    {
        public const string Unknown = "unknown";

        // A field, not the constant: nanoCLR would make a new string on every load of the literal.
        private static readonly string s_unknown = Unknown;

        private static readonly string[] s_eventKinds = new string[]
        {
            "depletionOnset", "softShort", "hardShort", "overvoltage", "undervoltage", "overcurrent",
            "overtemperature", "channelFault", "tickTiming", "cutoff", "capacityLimit", "timeLimit",
            "protocolDone", "faultReset", "currentCapped", "telemetryOverflow", "started", "stopped", "derated", "demandMet",
            "retainedCommand",
            "uncalibrated",
            "derateLifted",
            "faultRestored",
            "depletionLifted",
            "suspended",
            "resumed",
            "channelRecovered",
        };

        private static readonly string[] s_diagnosisIds = new string[]
        {
            "depletionTrendInfo", "depletionTrendWarning", "depletionTrendFault", "depletionEdgeResistanceRise",
            "depletionNonlinearRise", "softShortSpike", "softShortResistanceDrop", "softShortSelfDischarge",
            "softShortEfficiencyDrop", "softShortConfirmed", "hardShort", "cellOvervoltage", "cellUndervoltage",
            "moduleOvercurrent", "cellOvertemperature", "cellChannelInvalid", "cellChannelSaturated",
            "cellChannelStuck", "currentChannelInvalid", "currentChannelSaturated", "temperatureChannelInvalid",
            "tickLate", "tickMissed", "cellOvervoltageWarning", "cellOvervoltageDerate", "cellUndervoltageWarning",
            "cellUndervoltageDerate", "moduleOvercurrentWarning", "moduleOvercurrentDerate", "cellOvertemperatureWarning",
            "cellOvertemperatureDerate", "hardShortShuntEdge", "currentChannelImplausible",
            "muxAddressFault", "cellChannelIntermittent", "currentChannelIntermittent",
        };

        private static readonly string[] s_severities = new string[] { "info", "warning", "fault" };

        private static readonly string[] s_moduleStates = new string[] { "idle", "pulse", "rest", "hold", "done" };

        private static readonly string[] s_stopReasons = new string[]
        {
            "none", "cutoff", "capacityLimit", "timeLimit", "depletionOnset", "fault", "command", "protocolComplete",
            "softShort", "hardShort", "protection", "plausibility",
        };

        private static readonly string[] s_restEndReasons = new string[] { "fixed", "relaxed", "maximumReached", "directionChange", "scheduled" };

        private static readonly string[] s_modes = new string[] { "observe", "act" };

        private static readonly string[] s_restModes = new string[] { "fixed", "adaptive" };

        private static readonly string[] s_stepKinds = new string[] { "strip", "plate", "rest" };

        /// <summary>Kind name of the event the outbox writes when it had to drop messages.</summary>
        public const string OutboxOverflow = "outboxOverflow";

        public static string Of(EventKind value) => Lookup(s_eventKinds, (int)value);

        public static string Of(DiagnosisId value) => Lookup(s_diagnosisIds, (int)value);

        public static string Of(Severity value) => Lookup(s_severities, (int)value);

        public static string Of(ModuleState value) => Lookup(s_moduleStates, (int)value);

        public static string Of(StopReason value) => Lookup(s_stopReasons, (int)value);

        public static string Of(RestEndReason value) => Lookup(s_restEndReasons, (int)value);

        public static string Of(ControlMode value) => Lookup(s_modes, (int)value);

        public static string Of(RestMode value) => Lookup(s_restModes, (int)value);

        public static string Of(ProtocolStepKind value) => Lookup(s_stepKinds, (int)value);

        /// <summary>Index of <paramref name="name"/> among the control mode names, or -1.</summary>
        public static int ParseMode(string name) => IndexOf(s_modes, name);

        /// <summary>The <see cref="DiagnosisId"/> named <paramref name="name"/>, as an int, or -1.</summary>
        public static int ParseDiagnosis(string name) => IndexOf(s_diagnosisIds, name);

        /// <summary>Index of <paramref name="name"/> among the rest mode names, or -1.</summary>
        public static int ParseRestMode(string name) => IndexOf(s_restModes, name);

        /// <summary>The mode name <paramref name="name"/> is in another case ("Act" gives "act"), or null.</summary>
        public static string ModeIgnoringCase(string name) => AsciiCase.SameIgnoringCase(name, s_modes);

        /// <summary>The rest mode name <paramref name="name"/> is in another case, or null.</summary>
        public static string RestModeIgnoringCase(string name) => AsciiCase.SameIgnoringCase(name, s_restModes);

        private static string Lookup(string[] names, int index) => index >= 0 && index < names.Length ? names[index] : s_unknown;

        private static int IndexOf(string[] names, string name)
        {
            for (int i = 0; i < names.Length; i++)
            {
                if (names[i] == name)
                {
                    return i;
                }
            }

            return -1;
        }
    }
}
