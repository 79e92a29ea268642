// Licensed under the MIT License.

using Edge.Core.Annotations;

namespace Edge.Core.Sampling
{
    /// <summary>
    /// One tick's measurements, already converted to engineering units by the board's channels.
    /// Allocated once by the host and refilled every tick; the core only reads it.
    /// </summary>
    /// <remarks>
    /// Arrays start out all <see cref="ChannelStatus.Valid"/>. Sign convention: module current is positive while the anode strips (discharge) and negative
    /// while it plates (charge). A reading whose status is not Valid must not be trusted: the
    /// value may be anything (saturated ADC, multiplexer that did not settle, missing channel).
    ///
    /// Fields, not properties: every stage reads them every tick, and on the device each property access is an
    /// interpreted call (the JIT inlines them on .NET, the device's interpreter does not).
    /// </remarks>
    [HotPath]
    public sealed class SampleFrame
    {
        public SampleFrame(PackLayout layout)
        {
            Layout = layout;
            CellVoltageMv = new int[layout.CellCount];
            CellVoltageStatus = new ChannelStatus[layout.CellCount];
            ModuleCurrentUa = new int[layout.ModuleCount];
            ModuleCurrentStatus = new ChannelStatus[layout.ModuleCount];
            TemperatureDeciCelsius = new int[layout.TemperatureCount];
            TemperatureStatus = new ChannelStatus[layout.TemperatureCount];
        }

        public readonly PackLayout Layout;

        /// <summary>Monotonic sample counter from the sampling thread; a jump of more than one is a missed tick.</summary>
        public long TickIndex;

        /// <summary>Monotonic time of the sample in milliseconds (high-resolution timer, not wall clock).</summary>
        public long TimestampMs;

        /// <summary>
        /// True when the values come through a board's nominal (synthetic) calibration rather than this
        /// unit's own (set by the board conversion): fine to watch, and the controller closes no switch on
        /// them. Frames a host fills in engineering units directly leave it false.
        /// </summary>
        public bool Uncalibrated;

        /// <summary>
        /// True when the board's multiplexer failed its address check this tick (set by the board conversion): the
        /// reference input, read through the multiplexer, was saturated or too far from its calibrated reading to be a
        /// drift, or an input tied to ground read above ground, so another input answers at its address and any
        /// multiplexed reading may be another channel's. The conversion then marks the corrected readings implausible; the
        /// controller judges the multiplexer, not each channel. False on a board with neither check and in frames a host
        /// fills directly.
        /// </summary>
        public bool MuxAddressFault;

        /// <summary>With <see cref="MuxAddressFault"/>: the raw reading that failed the check this tick (the reference input's, or a ground input's), ADC counts.</summary>
        public int MuxReferenceCounts;

        /// <summary>With <see cref="MuxAddressFault"/>: what that input should read, ADC counts (the reference reading the unit's calibration recorded; 0 for a ground input).</summary>
        public int MuxReferenceExpectedCounts;

        /// <summary>Cell voltage per cell in millivolts, pack-wide cell index.</summary>
        public readonly int[] CellVoltageMv;

        public readonly ChannelStatus[] CellVoltageStatus;

        /// <summary>Module current in microamperes; positive = stripping.</summary>
        public readonly int[] ModuleCurrentUa;

        public readonly ChannelStatus[] ModuleCurrentStatus;

        /// <summary>Optional temperatures in tenths of a degree Celsius.</summary>
        public readonly int[] TemperatureDeciCelsius;

        public readonly ChannelStatus[] TemperatureStatus;
    }
}
