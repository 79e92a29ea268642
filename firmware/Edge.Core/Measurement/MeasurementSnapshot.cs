// Licensed under the MIT License.

using Edge.Core.Annotations;
using Edge.Core.Sampling;

namespace Edge.Core.Measurement
{
    /// <summary>
    /// Output of the measurement stage for one tick: validated readings and the pulse features
    /// detectors and the decision layer use. One writer (<see cref="PackMeasurement"/>); allocated once.
    /// Per-cell arrays use the pack-wide cell index, per-module arrays the module index.
    /// </summary>
    /// <remarks>
    /// Fields, not properties: every stage reads them every tick, and on the device each property access is an
    /// interpreted call (the JIT inlines them on .NET, the device's interpreter does not).
    /// </remarks>
    [HotPath]
    public sealed class MeasurementSnapshot
    {
        public MeasurementSnapshot(PackLayout layout)
        {
            int cells = layout.CellCount;
            int modules = layout.ModuleCount;
            Layout = layout;
            CellVoltageMv = new int[cells];
            CellValid = new bool[cells];
            CellDeltaMv = new int[cells];
            EdgeResistanceMilliohm = new int[cells];
            PulseOverpotentialMv = new int[cells];
            PrePulseVoltageMv = new int[cells];
            PrePulseSampleCount = new int[cells];
            NoiseVarianceCentiMv2 = new int[cells];
            RestSlopeUvPerS = new int[cells];
            ShapeEarlyRiseMv = new int[cells];
            ShapeLateRiseMv = new int[cells];
            PulseWindowMeanCentiMv = new int[cells];
            ModuleCurrentUa = new int[modules];
            ModuleCurrentValid = new bool[modules];
            ModuleLastValidCurrentUa = new int[modules];
            ModuleLastValidCurrentMs = new long[modules];
            for (int m = 0; m < modules; m++)
            {
                ModuleLastValidCurrentMs[m] = long.MinValue;
            }

            SetpointUa = new int[modules];
            Phase = new ModulePhase[modules];
            PhaseElapsedMs = new long[modules];
            PhaseSampleCount = new int[modules];
            PhaseStarted = new bool[modules];
            EdgeMeasured = new bool[modules];
            EdgeCurrentUa = new int[modules];
            PulseEnded = new bool[modules];
            NoiseRenewed = new bool[modules];
            RestSlopeValid = new bool[modules];
            ShapeValid = new bool[modules];
            PulseWindowReady = new bool[modules];
            LastPulseCurrentUa = new int[modules];
            LastPulseClosingCurrentUa = new int[modules];
            LastPulseDurationMs = new long[modules];
            LastPulseChargeUc = new long[modules];
            InvalidCellCount = new int[modules];
            ValidMinimumMv = new int[modules];
            ValidMaximumMv = new int[modules];
            MinimumDeltaMv = new int[modules];
            MaximumDeltaMv = new int[modules];
        }

        public readonly PackLayout Layout;

        public long TimestampMs;

        /// <summary>Time since the previous tick (ms); the configured period on the first tick.</summary>
        public int IntervalMs;

        /// <summary>Cell voltage (mV): this tick's reading, or the cell's last valid one while it reads invalid (0 before any).</summary>
        public readonly int[] CellVoltageMv;

        public readonly bool[] CellValid;

        /// <summary>Change since the previous valid sample of the cell (mV); 0 when either is invalid.</summary>
        public readonly int[] CellDeltaMv;

        public readonly int[] ModuleCurrentUa;

        public readonly bool[] ModuleCurrentValid;

        /// <summary>
        /// The module current's latest valid reading (uA): this tick's while it reads valid, else the last one before (0
        /// before any). What the telemetry publishes for the current; the detectors read <see cref="ModuleCurrentUa"/>
        /// with <see cref="ModuleCurrentValid"/>.
        /// </summary>
        public readonly int[] ModuleLastValidCurrentUa;

        /// <summary>Device time of <see cref="ModuleLastValidCurrentUa"/> (ms); <see cref="long.MinValue"/> before any valid reading.</summary>
        public readonly long[] ModuleLastValidCurrentMs;

        /// <summary>
        /// The setpoint the actuation commanded for the interval this sample ends (uA, signed as the current, 0 with the
        /// switch open): what the module current should read.
        /// </summary>
        public readonly int[] SetpointUa;

        public readonly ModulePhase[] Phase;

        /// <summary>Time since the module's current last switched on or off (ms), this sample included.</summary>
        public readonly long[] PhaseElapsedMs;

        /// <summary>Samples taken in the current phase, this one included.</summary>
        public readonly int[] PhaseSampleCount;

        /// <summary>This is the first sample after the module's switch changed.</summary>
        public readonly bool[] PhaseStarted;

        /// <summary>
        /// An edge resistance was measured this tick (first sample after a switch change with a known
        /// current): <see cref="EdgeResistanceMilliohm"/> holds |dV / dI| per cell.
        /// </summary>
        public readonly bool[] EdgeMeasured;

        public readonly int[] EdgeResistanceMilliohm;

        /// <summary>Magnitude of the current step of this tick's edge (uA): what <see cref="EdgeResistanceMilliohm"/> divides by.</summary>
        public readonly int[] EdgeCurrentUa;

        /// <summary>
        /// First sample after a pulse: <see cref="PulseOverpotentialMv"/> per cell (mean of the last pulse samples
        /// minus the voltage before the pulse) and the module's LastPulse* values are fresh.
        /// </summary>
        public readonly bool[] PulseEnded;

        public readonly int[] PulseOverpotentialMv;

        /// <summary>Mean cell voltage over the samples just before the latest pulse (mV): the relaxed reference.</summary>
        public readonly int[] PrePulseVoltageMv;

        /// <summary>
        /// Open-circuit readings <see cref="PrePulseVoltageMv"/> averages (up to <see cref="PackMeasurement.BaselineSamples"/>;
        /// 0: the reading of the tick before the pulse alone). A pulse granted on a pack's first ticks has one: its
        /// reference carries a whole reading's noise, where a rest's eight carry a third of it.
        /// </summary>
        public readonly int[] PrePulseSampleCount;

        /// <summary>
        /// Reading noise of each cell channel: the variance of the settled samples before each pulse, in
        /// (0.01 mV)^2 (2 mV of noise reads 40000), averaged over pulses, a spike among them left out once the cell has a
        /// figure (<see cref="SpikeFreeNoise"/>); updated at every pulse start (before the first
        /// rest, provisionally from the first pulse's end), 0 before any estimate and at least 1 after one. What an edge resistance's uncertainty is computed from
        /// (<see cref="EdgeResistanceNoise"/>).
        /// </summary>
        public readonly int[] NoiseVarianceCentiMv2;

        /// <summary>
        /// The module's cells got a new <see cref="NoiseVarianceCentiMv2"/> this tick (a pulse start after a rest, or a
        /// provisional figure from a pulse before the first rest): limits that follow the noise are renewed from it.
        /// </summary>
        public readonly bool[] NoiseRenewed;

        public readonly int[] LastPulseCurrentUa;

        /// <summary>
        /// The setpoint (uA, negative when plating) over the last pulse's last interval: the current its end-of-pulse
        /// level and <see cref="PulseOverpotentialMv"/> were measured at. It differs from <see cref="LastPulseCurrentUa"/>,
        /// the pulse's first setpoint, when the setpoint rose or fell within the pulse (strip steps in a row at other
        /// currents, a stair; a derate lifted or set mid-pulse).
        /// </summary>
        public readonly int[] LastPulseClosingCurrentUa;

        public readonly long[] LastPulseDurationMs;

        /// <summary>
        /// Charge the module's last pulse moved, microcoulombs (negative when plating). 64-bit: a long pulse on a large
        /// electrode (hours at a continuous rate) moves more than an int's 2.1e9 uC.
        /// </summary>
        public readonly long[] LastPulseChargeUc;

        /// <summary>Enough rest samples for the relaxation slope: <see cref="RestSlopeUvPerS"/> is meaningful.</summary>
        public readonly bool[] RestSlopeValid;

        /// <summary>Relaxation slope (uV/s) from the means of two adjacent windows; negative while falling.</summary>
        public readonly int[] RestSlopeUvPerS;

        /// <summary>Enough pulse samples for the shape test: the two rise values are meaningful.</summary>
        public readonly bool[] ShapeValid;

        /// <summary>Rise over the earlier of two adjacent shape windows within the pulse (mV); each window end is a short trailing mean.</summary>
        public readonly int[] ShapeEarlyRiseMv;

        /// <summary>Rise over the later shape window, ending at this sample (mV).</summary>
        public readonly int[] ShapeLateRiseMv;

        /// <summary>
        /// This sample completes a window of <see cref="PackMeasurement.PulseWindowSamples"/> readings under current,
        /// every cell of the module valid on each: <see cref="PulseWindowMeanCentiMv"/> is fresh. Every that many
        /// samples of a pulse, not overlapping.
        /// </summary>
        public readonly bool[] PulseWindowReady;

        /// <summary>
        /// Mean of the cell's readings over the window that <see cref="PulseWindowReady"/> says ended now, in 0.01 mV:
        /// its noise is that of one reading over the square root of the window's length.
        /// </summary>
        public readonly int[] PulseWindowMeanCentiMv;

        // Per module summaries of this tick's cells, for detectors that can pass over a healthy module without
        // looking at each cell (on the device every per-cell look is interpreted instructions).

        /// <summary>Cells of the module whose reading is not valid this tick.</summary>
        public readonly int[] InvalidCellCount;

        /// <summary>
        /// Cells of the pack whose reading is not valid this tick (<see cref="InvalidCellCount"/> added up), and module
        /// currents not valid: a detector that only looks at bad readings passes a healthy tick over in one test, not
        /// one per module.
        /// </summary>
        public int InvalidCellTotal;

        /// <summary>Modules whose current reading is not valid this tick (<see cref="ModuleCurrentValid"/> false).</summary>
        public int InvalidCurrentCount;

        /// <summary>Lowest valid cell voltage of the module this tick (mV); int.MaxValue when no cell is valid.</summary>
        public readonly int[] ValidMinimumMv;

        /// <summary>Highest valid cell voltage of the module this tick (mV); int.MinValue when no cell is valid.</summary>
        public readonly int[] ValidMaximumMv;

        /// <summary>Most negative <see cref="CellDeltaMv"/> of the module's valid cells, or 0 when none fell (mV).</summary>
        public readonly int[] MinimumDeltaMv;

        /// <summary>Most positive <see cref="CellDeltaMv"/> of the module's valid cells, or 0 when none rose (mV).</summary>
        public readonly int[] MaximumDeltaMv;
    }
}
