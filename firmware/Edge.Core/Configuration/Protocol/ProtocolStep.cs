// Licensed under the MIT License.

namespace Edge.Core.Configuration.Protocol
{
    /// <summary>One step of a cycler-style protocol, e.g. "Strip at 1 mA/cm2 for 1 s".</summary>
    public sealed class ProtocolStep
    {
        public ProtocolStep(ProtocolStepKind kind, int currentUa, long durationMs)
        {
            Kind = kind;
            CurrentUa = currentUa;
            DurationMs = durationMs;
        }

        public ProtocolStepKind Kind { get; }

        /// <summary>Magnitude of the step's current in microamperes (0 for a rest); the kind gives the sign.</summary>
        public int CurrentUa { get; }

        /// <summary>Length of the step; 0 means "until a stop condition" (continuous current).</summary>
        public long DurationMs { get; }

        public bool IsCurrentStep => Kind != ProtocolStepKind.Rest;

        /// <summary>Module current with the protocol's sign convention: positive strips, negative plates.</summary>
        public int SignedCurrentUa => Kind == ProtocolStepKind.Plate ? -CurrentUa : (Kind == ProtocolStepKind.Strip ? CurrentUa : 0);
    }
}
