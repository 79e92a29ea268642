// Licensed under the MIT License.

namespace Edge.Core.Configuration
{
    /// <summary>
    /// Safety envelope and the graded levels inside it (foxBMS 2's MSL / RSL / MOL): the maximum safety limit
    /// isolates, the recommended safety limit derates the current, the maximum operating limit warns. A board
    /// definition overrides these with its own limits. A graded level that is not set follows its safety limit
    /// (<see cref="ProtectionGrading"/>) whenever that changes (a board's envelope, a rescaled electrode area);
    /// a level that is set keeps its value.
    /// </summary>
    public sealed class ProtectionConfiguration
    {
        private const int GivenCellMaximumWarning = 1;
        private const int GivenCellMaximumDerate = 2;
        private const int GivenCellMinimumWarning = 4;
        private const int GivenCellMinimumDerate = 8;
        private const int GivenCurrentWarning = 16;
        private const int GivenCurrentDerate = 32;
        private const int GivenTemperatureWarning = 64;
        private const int GivenTemperatureDerate = 128;

        private int _cellMaximumMv = 3300;
        private int _cellMinimumMv = -3300;
        private int _moduleMaximumCurrentUa = 1925;
        private int _maximumTemperatureDeciCelsius = 600;
        private int _cellMaximumWarningMv;
        private int _cellMaximumDerateMv;
        private int _cellMinimumWarningMv;
        private int _cellMinimumDerateMv;
        private int _moduleCurrentWarningUa;
        private int _moduleCurrentDerateUa;
        private int _temperatureWarningDeciCelsius;
        private int _temperatureDerateDeciCelsius;

        // Which graded levels were set by hand (the Given* bits); the others follow their safety limit.
        private int _given;

        public ProtectionConfiguration()
        {
            Regrade();
        }

        /// <summary>Highest tolerated cell voltage (mV, MSL): 10 % above the [W] 3 V stripping cut-off.</summary>
        public int CellMaximumMv
        {
            get => _cellMaximumMv;
            set
            {
                _cellMaximumMv = value;
                CellMaximumBoardKey = null;
                Regrade();
            }
        }

        /// <summary>Lowest tolerated cell voltage (mV, MSL): mirror of the maximum for plating.</summary>
        public int CellMinimumMv
        {
            get => _cellMinimumMv;
            set
            {
                _cellMinimumMv = value;
                CellMinimumBoardKey = null;
                Regrade();
            }
        }

        /// <summary>Largest module current in either direction (uA, MSL): 5 mA/cm2 on 0.385 cm2, above any protocol
        /// in the seeds and below the Na/NASICON critical current of 3.2 mA/cm2 times the area with margin.</summary>
        public int ModuleMaximumCurrentUa
        {
            get => _moduleMaximumCurrentUa;
            set
            {
                _moduleMaximumCurrentUa = value;
                ModuleMaximumCurrentBoardKey = null;
                Regrade();
            }
        }

        /// <summary>
        /// The board key <see cref="CellMaximumMv"/> was taken from (<c>[safety] cell_voltage_max_mv</c>), or null where the
        /// limit is the configuration's own: a refusal at that bound names the board file, not a contract constant.
        /// Cleared whenever the limit is set, so it never names a board for a value the board did not give.
        /// </summary>
        public string CellMaximumBoardKey { get; set; }

        /// <summary>The board key <see cref="CellMinimumMv"/> was taken from, or null; cleared as <see cref="CellMaximumBoardKey"/> is.</summary>
        public string CellMinimumBoardKey { get; set; }

        /// <summary>The board key <see cref="ModuleMaximumCurrentUa"/> was taken from, or null; cleared as <see cref="CellMaximumBoardKey"/> is.</summary>
        public string ModuleMaximumCurrentBoardKey { get; set; }

        /// <summary>
        /// The board key <see cref="ModuleCurrentDerateUa"/> was taken from (<c>[safety] module_current_derate_ma</c>), or
        /// null: the configuration's own level, or one following its limit.
        /// </summary>
        public string ModuleCurrentDerateBoardKey { get; set; }

        /// <summary>
        /// Largest plating (negative) current magnitude a pulse may carry, uA: the board's <c>max_plating_current_ma</c>
        /// (<c>BoardSafetyLimits</c>), which may lie inside <see cref="ModuleMaximumCurrentUa"/>; past it the module is
        /// isolated as past that. <see cref="int.MaxValue"/> where no board sets one: the module maximum alone applies.
        /// </summary>
        public int ModuleMaximumPlatingCurrentUa { get; set; } = int.MaxValue;

        /// <summary>Current tolerated through an open switch (uA): leakage and offset of the current amplifier.
        /// Not graded: current through an open switch is a welded switch or a stuck driver, which no derating helps.</summary>
        public int OpenSwitchCurrentUa { get; set; } = 50;

        /// <summary>Highest tolerated temperature (0.1 degC, MSL). Ceramic electrolyte cells run near room temperature in the seeds.</summary>
        public int MaximumTemperatureDeciCelsius
        {
            get => _maximumTemperatureDeciCelsius;
            set
            {
                _maximumTemperatureDeciCelsius = value;
                Regrade();
            }
        }

        /// <summary>Cell voltage warning level (mV, MOL); by default 90 % of <see cref="CellMaximumMv"/> (2970 mV).</summary>
        public int CellMaximumWarningMv
        {
            get => _cellMaximumWarningMv;
            set
            {
                _cellMaximumWarningMv = value;
                _given |= GivenCellMaximumWarning;
            }
        }

        /// <summary>
        /// Cell voltage derate level (mV, RSL); by default 95 % of <see cref="CellMaximumMv"/> (3135 mV). Above it
        /// the stripping polarisation is too high and a lower current lowers it (its ohmic part in proportion).
        /// </summary>
        public int CellMaximumDerateMv
        {
            get => _cellMaximumDerateMv;
            set
            {
                _cellMaximumDerateMv = value;
                _given |= GivenCellMaximumDerate;
            }
        }

        /// <summary>Cell voltage warning level below 0 (mV, MOL); by default 90 % of <see cref="CellMinimumMv"/> (-2970 mV).</summary>
        public int CellMinimumWarningMv
        {
            get => _cellMinimumWarningMv;
            set
            {
                _cellMinimumWarningMv = value;
                _given |= GivenCellMinimumWarning;
            }
        }

        /// <summary>
        /// Cell voltage derate level below 0 (mV, RSL); by default 95 % of <see cref="CellMinimumMv"/> (-3135 mV).
        /// Below it the plating overpotential is too high, the regime where plating drives dendrites, and a lower
        /// plating current is the answer.
        /// </summary>
        public int CellMinimumDerateMv
        {
            get => _cellMinimumDerateMv;
            set
            {
                _cellMinimumDerateMv = value;
                _given |= GivenCellMinimumDerate;
            }
        }

        /// <summary>Pulse current warning level, either direction (uA, MOL); by default 90 % of <see cref="ModuleMaximumCurrentUa"/> (1733 uA).</summary>
        public int ModuleCurrentWarningUa
        {
            get => _moduleCurrentWarningUa;
            set
            {
                _moduleCurrentWarningUa = value;
                _given |= GivenCurrentWarning;
            }
        }

        /// <summary>Pulse current derate level, either direction (uA, RSL); by default 95 % of <see cref="ModuleMaximumCurrentUa"/> (1829 uA).</summary>
        public int ModuleCurrentDerateUa
        {
            get => _moduleCurrentDerateUa;
            set
            {
                _moduleCurrentDerateUa = value;
                ModuleCurrentDerateBoardKey = null;
                _given |= GivenCurrentDerate;
            }
        }

        /// <summary>Temperature warning level (0.1 degC, MOL); by default 10 K below <see cref="MaximumTemperatureDeciCelsius"/> (50.0 degC).</summary>
        public int TemperatureWarningDeciCelsius
        {
            get => _temperatureWarningDeciCelsius;
            set
            {
                _temperatureWarningDeciCelsius = value;
                _given |= GivenTemperatureWarning;
            }
        }

        /// <summary>Temperature derate level (0.1 degC, RSL); by default 5 K below <see cref="MaximumTemperatureDeciCelsius"/> (55.0 degC).</summary>
        public int TemperatureDerateDeciCelsius
        {
            get => _temperatureDerateDeciCelsius;
            set
            {
                _temperatureDerateDeciCelsius = value;
                _given |= GivenTemperatureDerate;
            }
        }

        /// <summary>
        /// Act mode: each derate (a recommended safety limit crossed) lowers the module's current by this percentage,
        /// down to <c>depletion.minimumCurrentPercent</c>. 20 %, as depletion's step: 36 % less Joule heat (I^2 R), 20 %
        /// less ohmic polarisation, and still well above the floor after two steps.
        /// </summary>
        public int DerateCurrentPercent { get; set; } = 20;

        /// <summary>
        /// Act mode: how long a derated module must stay inside its operating limits (no warning or derate level active
        /// on its cells, its current or a temperature sensor that watches it) before one derate step is undone (ms);
        /// each further step waits as long again. The warning level (MOL) lies below the derate level (RSL), so a module
        /// that came back just under the derate level is not restored; one whose pulses still reach the warning level
        /// stays derated. 60 s: ten pulse cycles of the default protocol (1 s pulses, 5 s rests), and many times the
        /// levels' heal counts (0.5 s; temperature 1 s), so a reading that settled only for a rest does not count. A
        /// derate that returns within one wait of a lift doubles the module's next wait (up to 16 times: 16 min by
        /// default), so a module hunting between two currents does so ever more slowly. 0: a derate holds for the rest
        /// of the run.
        /// </summary>
        public int DerateRecoveryMs { get; set; } = 60000;

        /// <summary>
        /// The module each temperature sensor sits on (index: sensor), or -1 for a sensor that watches the whole pack
        /// (ambient, a shared heat sink). A sensor on a module derates and isolates that module alone: its switch
        /// removes the current that heats it, and the other modules carry on. A pack-wide sensor acts on every module.
        /// Null: every sensor is pack-wide. Set from a board's <c>[temperature N] module</c>.
        /// </summary>
        public int[] TemperatureSensorModules { get; set; }

        /// <summary>
        /// Whether the hardware can push current into the cells (plate). A board whose current stages only
        /// sink clears it (<c>BoardSafetyLimits</c>), and protocols with plating steps are then refused.
        /// </summary>
        public bool PlatingSupported { get; set; } = true;

        /// <summary>
        /// Whether the controller can lower a module's current (a DAC or PWM current-setpoint output on every module).
        /// A board with <c>setpoint = none</c> on a module clears it (<c>BoardSafetyLimits</c>), and settings that need
        /// a current reduction are then refused: act mode answers depletion with the pulse length and the rest only.
        /// </summary>
        public bool CurrentReductionSupported { get; set; } = true;

        /// <summary>Moves every graded level that was not set by hand to its default inside the safety limits.</summary>
        private void Regrade()
        {
            if ((_given & GivenCellMaximumWarning) == 0)
            {
                _cellMaximumWarningMv = ProtectionGrading.WarningBelow(_cellMaximumMv);
            }

            if ((_given & GivenCellMaximumDerate) == 0)
            {
                _cellMaximumDerateMv = ProtectionGrading.DerateBelow(_cellMaximumMv);
            }

            if ((_given & GivenCellMinimumWarning) == 0)
            {
                _cellMinimumWarningMv = ProtectionGrading.WarningAbove(_cellMinimumMv);
            }

            if ((_given & GivenCellMinimumDerate) == 0)
            {
                _cellMinimumDerateMv = ProtectionGrading.DerateAbove(_cellMinimumMv);
            }

            if ((_given & GivenCurrentWarning) == 0)
            {
                _moduleCurrentWarningUa = ProtectionGrading.WarningBelow(_moduleMaximumCurrentUa);
            }

            if ((_given & GivenCurrentDerate) == 0)
            {
                _moduleCurrentDerateUa = ProtectionGrading.DerateBelow(_moduleMaximumCurrentUa);
            }

            if ((_given & GivenTemperatureWarning) == 0)
            {
                _temperatureWarningDeciCelsius = ProtectionGrading.TemperatureWarningBelow(_maximumTemperatureDeciCelsius);
            }

            if ((_given & GivenTemperatureDerate) == 0)
            {
                _temperatureDerateDeciCelsius = ProtectionGrading.TemperatureDerateBelow(_maximumTemperatureDeciCelsius);
            }
        }
    }
}
