// Licensed under the MIT License.

namespace Edge.Core.Configuration.Protocol
{
    /// <summary>One step of a cycler-style protocol, e.g. "Strip at 1 mA/cm2 for 1 s".</summary>
    /// <remarks>
    /// Immutable; its values are read-only fields rather than properties because the duty cycle reads them every
    /// tick, and on the device each property access is an interpreted call.
    /// </remarks>
    public sealed class ProtocolStep
    {
        public ProtocolStep(ProtocolStepKind kind, int currentUa, long durationMs)
        {
            Kind = kind;
            CurrentUa = currentUa;
            DurationMs = durationMs;
        }

        public readonly ProtocolStepKind Kind;

        /// <summary>Magnitude of the step's current in microamperes (0 for a rest); the kind gives the sign.</summary>
        public readonly int CurrentUa;

        /// <summary>Length of the step; 0 means "until a stop condition" (continuous current).</summary>
        public readonly long DurationMs;

        public bool IsCurrentStep => Kind != ProtocolStepKind.Rest;

        /// <summary>Module current with the protocol's sign convention: positive strips, negative plates.</summary>
        public int SignedCurrentUa => Kind == ProtocolStepKind.Plate ? -CurrentUa : (Kind == ProtocolStepKind.Strip ? CurrentUa : 0);
    }
}
