// Licensed under the MIT License.

namespace Edge.Core.Boards
{
    /// <summary>
    /// A validated board: ADC settings, analog channels, modules, outputs, the safety envelope,
    /// what the board says about its cells, its hardware enable and reference input, and the
    /// warnings the parser raised.
    /// Produced by <see cref="BoardParser"/> from a <c>.board</c> text (or built in code by a simulator).
    /// Every cell belongs to exactly one module; cells, modules and temperatures are indexed 0..N-1.
    /// </summary>
    public sealed class BoardDefinition
    {
        private readonly CellChannelDefinition[] _cells;
        private readonly ModuleDefinition[] _modules;
        private readonly TemperatureChannelDefinition[] _temperatures;
        private readonly BoardWarning[] _warnings;

        /// <summary>
        /// A board with its module variant, hardware enable and reference channel (either may be null)
        /// and the warnings the parser found (null for none).
        /// </summary>
        public BoardDefinition(
            string name,
            int samplePeriodMs,
            int adcResolutionBits,
            AdcAttenuation adcAttenuation,
            int statusLedPin,
            PinPolarity statusLedPolarity,
            MuxDefinition mux,
            CellChannelDefinition[] cells,
            ModuleDefinition[] modules,
            TemperatureChannelDefinition[] temperatures,
            SafetyEnvelope safety,
            CellParametersDefinition cellParameters,
            Esp32ModuleVariant moduleVariant,
            HardwareEnableDefinition hardwareEnable,
            ReferenceChannelDefinition reference,
            BoardWarning[] warnings,
            int adcReadingsPerSample)
        {
            Name = name;
            SamplePeriodMs = samplePeriodMs;
            AdcResolutionBits = adcResolutionBits;
            AdcAttenuation = adcAttenuation;
            StatusLedPin = statusLedPin;
            StatusLedPolarity = statusLedPolarity;
            Mux = mux;
            _cells = cells;
            _modules = modules;
            _temperatures = temperatures == null ? new TemperatureChannelDefinition[0] : temperatures;
            Safety = safety;
            CellParameters = cellParameters == null
                ? new CellParametersDefinition(CellParametersDefinition.NotGiven, CellParametersDefinition.NotGiven)
                : cellParameters;
            ModuleVariant = moduleVariant;
            HardwareEnable = hardwareEnable;
            Reference = reference;
            _warnings = warnings == null ? new BoardWarning[0] : warnings;
            AdcReadingsPerSample = adcReadingsPerSample < 1 ? 1 : adcReadingsPerSample;

            // Once per board, from the values just set: a calibration record is checked against it at boot, never per tick.
            FrontEndFingerprint = Edge.Core.Boards.FrontEndFingerprint.Of(this);
        }

        public string Name { get; }

        /// <summary>
        /// The fingerprint of what the readings pass through (<see cref="Edge.Core.Boards.FrontEndFingerprint"/>): a
        /// per-unit calibration made on another front end, even one under the same <see cref="Name"/>, is refused.
        /// </summary>
        public string FrontEndFingerprint { get; }

        /// <summary>Control tick period, ms.</summary>
        public int SamplePeriodMs { get; }

        public int AdcResolutionBits { get; }

        /// <summary>Largest ADC reading (4095 at 12 bits); readings at 0 or here are saturated.</summary>
        public int AdcFullScaleCounts
        {
            get { return (1 << AdcResolutionBits) - 1; }
        }

        public AdcAttenuation AdcAttenuation { get; }

        /// <summary>
        /// ADC readings averaged into each channel's sample every tick (<c>adc_readings_per_sample</c>, 1 when not
        /// given): the reading noise falls as its square root (<see cref="Measurement.AdcConversion.AdcReadingMean"/>).
        /// </summary>
        public int AdcReadingsPerSample { get; }

        /// <summary>Status LED GPIO, or <see cref="AnalogInputDefinition.None"/>.</summary>
        public int StatusLedPin { get; }

        public PinPolarity StatusLedPolarity { get; }

        /// <summary>The analog multiplexer, or null when every channel is a direct ADC1 input.</summary>
        public MuxDefinition Mux { get; }

        public int CellCount
        {
            get { return _cells.Length; }
        }

        public CellChannelDefinition CellAt(int index)
        {
            return _cells[index];
        }

        public int ModuleCount
        {
            get { return _modules.Length; }
        }

        public ModuleDefinition ModuleAt(int index)
        {
            return _modules[index];
        }

        public int TemperatureCount
        {
            get { return _temperatures.Length; }
        }

        public TemperatureChannelDefinition TemperatureAt(int index)
        {
            return _temperatures[index];
        }

        public SafetyEnvelope Safety { get; }

        /// <summary>Electrode area and nominal resistance of the cells (<c>[cells]</c>); never null, each value may be not given.</summary>
        public CellParametersDefinition CellParameters { get; }

        /// <summary>The ESP32 module the board carries (which GPIOs it reserves).</summary>
        public Esp32ModuleVariant ModuleVariant { get; }

        /// <summary>The hardware enable line, or null: such a board is unsafe for act mode (see <see cref="BoardWarningKind.NoHardwareEnable"/>).</summary>
        public HardwareEnableDefinition HardwareEnable { get; }

        /// <summary>The reference input read every tick, or null.</summary>
        public ReferenceChannelDefinition Reference { get; }

        public int WarningCount
        {
            get { return _warnings.Length; }
        }

        /// <summary>Warning <paramref name="index"/> in line order: the board is valid, a reviewer would still flag these.</summary>
        public BoardWarning WarningAt(int index)
        {
            return _warnings[index];
        }

        /// <summary>Module that contains cell <paramref name="cellIndex"/>, or -1.</summary>
        public int ModuleOfCell(int cellIndex)
        {
            for (int m = 0; m < _modules.Length; m++)
            {
                for (int p = 0; p < _modules[m].CellCount; p++)
                {
                    if (_modules[m].CellIndexAt(p) == cellIndex)
                    {
                        return m;
                    }
                }
            }

            return -1;
        }
    }
}
