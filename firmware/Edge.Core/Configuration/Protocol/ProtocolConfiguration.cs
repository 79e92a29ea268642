// Licensed under the MIT License.

namespace Edge.Core.Configuration.Protocol
{
    /// <summary>
    /// The duty cycle one module runs: steps repeated until a stop condition, rest policy, limits.
    /// </summary>
    public sealed class ProtocolConfiguration
    {
        /// <summary>[W] 7 mm O-ring, pi * 0.35^2 cm2: the area a board without its cells' area is taken to have.</summary>
        public const double DefaultElectrodeAreaCm2 = 0.3848;

        /// <summary>[W] 1 mA/cm2 on <see cref="DefaultElectrodeAreaCm2"/>: the default strip pulse.</summary>
        public const int DefaultPulseUa = 385;

        /// <summary>Electrode area; converts current densities. Default: <see cref="DefaultElectrodeAreaCm2"/>.</summary>
        public double ElectrodeAreaCm2 { get; set; } = DefaultElectrodeAreaCm2;

        /// <summary>Steps in order. Default: [W] pulse stripping, 1 s at 1 mA/cm2 then a 5 s rest (the plateau protocol).</summary>
        public ProtocolStep[] Steps { get; set; } = new ProtocolStep[]
        {
            new ProtocolStep(ProtocolStepKind.Strip, DefaultPulseUa, 1000),
            new ProtocolStep(ProtocolStepKind.Rest, 0, 5000),
        };

        /// <summary>Start again at the first step after the last one (until a stop condition).</summary>
        public bool Repeat { get; set; } = true;

        public RestMode RestMode { get; set; } = RestMode.Fixed;

        /// <summary>Adaptive rests never end sooner. Default 0.5 s: [W] 0.1 s rests give almost nothing.</summary>
        public int MinimumRestMs { get; set; } = 500;

        /// <summary>Adaptive rests always end by then. Default 10 s: [W] 10 s rests gain nothing over 5 s.</summary>
        public int MaximumRestMs { get; set; } = 10000;

        /// <summary>Stripping ends when a cell rises to this. Default: [W] 3 V cut-off.</summary>
        public int StripCutoffMv { get; set; } = 3000;

        /// <summary>Plating ends when a cell falls to this (plating polarisation is negative). Mirror of the strip cut-off.</summary>
        public int PlateCutoffMv { get; set; } = -3000;

        /// <summary>Stop when the module has stripped this much net charge; 0 = no limit. (20 mAh/cm2 in [W] = 27,700,000 uC on 0.385 cm2.)</summary>
        public long CapacityLimitUc { get; set; }

        /// <summary>Stop after this long from the start; 0 = no limit.</summary>
        public long TimeLimitMs { get; set; }

        /// <summary>
        /// Plating current never exceeds this. Default 0.4 mA/cm2 * 0.385 cm2: [W] plating at 0.4 mA/cm2
        /// on a fresh interface survives 4 mAh/cm2, 0.7 shorts after 0.5 mAh/cm2.
        /// </summary>
        public int PlatingCriticalCurrentUa { get; set; } = 154;

        /// <summary>
        /// Minimum rest when the direction changes from stripping to plating. Default 35 s: [W] the fast
        /// interfacial damage after stripping recovers within 35 s; plating sooner shorts at 0.4 mA/cm2.
        /// The rest also has to show settled relaxation before it ends.
        /// </summary>
        public int DirectionChangeRestMs { get; set; } = 35000;

        /// <summary>Longest the direction-change rest waits for the relaxation to settle; plating then starts regardless.</summary>
        public int DirectionChangeMaximumRestMs { get; set; } = 600000;

        /// <summary>A new protocol with every setting of this one, the electrode area included.</summary>
        public ProtocolConfiguration Clone()
        {
            ProtocolConfiguration copy = new ProtocolConfiguration();
            copy.ElectrodeAreaCm2 = ElectrodeAreaCm2;
            copy.CopySettingsFrom(this);
            return copy;
        }

        /// <summary>
        /// Takes every setting of <paramref name="source"/> except the electrode area, which belongs to the
        /// cells and no protocol change moves. The step array is shared: steps are replaced, never edited.
        /// </summary>
        public void CopySettingsFrom(ProtocolConfiguration source)
        {
            Steps = source.Steps;
            Repeat = source.Repeat;
            RestMode = source.RestMode;
            MinimumRestMs = source.MinimumRestMs;
            MaximumRestMs = source.MaximumRestMs;
            StripCutoffMv = source.StripCutoffMv;
            PlateCutoffMv = source.PlateCutoffMv;
            CapacityLimitUc = source.CapacityLimitUc;
            TimeLimitMs = source.TimeLimitMs;
            PlatingCriticalCurrentUa = source.PlatingCriticalCurrentUa;
            DirectionChangeRestMs = source.DirectionChangeRestMs;
            DirectionChangeMaximumRestMs = source.DirectionChangeMaximumRestMs;
        }
    }
}
