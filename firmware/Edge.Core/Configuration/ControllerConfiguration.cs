// Licensed under the MIT License.

using Edge.Core.Configuration.Detection;
using Edge.Core.Configuration.Diagnostics;
using Edge.Core.Configuration.Protocol;

namespace Edge.Core.Configuration
{
    /// <summary>Everything the controller needs besides the pack layout. Validate before use.</summary>
    public sealed class ControllerConfiguration
    {
        /// <summary>Sample period (ms). Default 10 ms: the resolution the seed protocols need (0.1 s rests).</summary>
        public int SamplePeriodMs { get; set; } = 10;

        public ControlMode Mode { get; set; } = ControlMode.Act;

        /// <summary>Modules start their protocol on the first tick without a start command.</summary>
        public bool StartImmediately { get; set; } = true;

        public ProtocolConfiguration Protocol { get; set; } = new ProtocolConfiguration();

        public RestTuningConfiguration RestTuning { get; set; } = new RestTuningConfiguration();

        public DepletionConfiguration Depletion { get; set; } = new DepletionConfiguration();

        public SoftShortConfiguration SoftShort { get; set; } = new SoftShortConfiguration();

        public HardShortConfiguration HardShort { get; set; } = new HardShortConfiguration();

        public ProtectionConfiguration Protection { get; set; } = new ProtectionConfiguration();

        public PlausibilityConfiguration Plausibility { get; set; } = new PlausibilityConfiguration();

        public TelemetryConfiguration Telemetry { get; set; } = new TelemetryConfiguration();

        public PulseTuningConfiguration PulseTuning { get; set; } = new PulseTuningConfiguration();

        public PackSchedulingConfiguration Scheduling { get; set; } = new PackSchedulingConfiguration();

        public DiagnosisTable Diagnosis { get; set; } = DiagnosisTable.CreateDefault();

        /// <summary>
        /// This configuration with <paramref name="protocol"/> in place of its protocol: the candidate a
        /// protocol change is validated as. The other sections are shared, not copied.
        /// </summary>
        public ControllerConfiguration WithProtocol(ProtocolConfiguration protocol)
        {
            ControllerConfiguration candidate = new ControllerConfiguration();
            candidate.SamplePeriodMs = SamplePeriodMs;
            candidate.Mode = Mode;
            candidate.StartImmediately = StartImmediately;
            candidate.Protocol = protocol;
            candidate.RestTuning = RestTuning;
            candidate.Depletion = Depletion;
            candidate.SoftShort = SoftShort;
            candidate.HardShort = HardShort;
            candidate.Protection = Protection;
            candidate.Plausibility = Plausibility;
            candidate.Telemetry = Telemetry;
            candidate.PulseTuning = PulseTuning;
            candidate.Scheduling = Scheduling;
            candidate.Diagnosis = Diagnosis;
            return candidate;
        }
    }
}
