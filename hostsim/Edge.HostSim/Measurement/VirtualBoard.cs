// Licensed under the MIT License.

using Edge.Core.Boards;

namespace Edge.HostSim.Measurement;

/// <summary>
/// The board a scenario gets with <c>measurement.board = "virtual"</c>: N modules of M series cells
/// on the reference circuit of boards/README.md (cells: ratio 0.33 around a precision 1.225 V REF;
/// currents: 500 V/A around the same REF; the REF read back on its own input; a hardware enable;
/// a bidirectional current stage set by a fine PWM setpoint), with synthetic calibration points from the typical chip.
/// Its inputs and outputs have no GPIO (<see cref="AnalogInputDefinition.None"/>): it exists only
/// in the simulator, so it is not bound by the ESP32 pin count.
/// </summary>
public static class VirtualBoard
{
    /// <summary>Cell front end ratio, ppm: +-3 V at the cell spans 0.235-2.215 V at the ADC.</summary>
    public const int CellDividerRatioPpm = 330_000;

    /// <summary>The precision reference every front end sits on, mV (an LM4041-1.2 class part).</summary>
    public const int ReferenceMv = 1225;

    /// <summary>Current amplifier gain x 1000 (an INA190A5-like 500 V/V) on a 1 ohm shunt: 500 V/A.</summary>
    public const int AmplifierGainMilli = 500_000;

    public const int ShuntMilliohm = 1000;

    /// <summary>
    /// The current setpoint: RC-filtered PWM at 5 kHz, which nanoFramework runs at 13 bits (8192 counts), ...
    /// </summary>
    public const int SetpointPwmFrequencyHz = 5000;

    /// <summary>... and 2048 uA at full duty: 0.25 uA per count, so every whole-uA request is carried exactly.</summary>
    public const int SetpointFullScaleUa = 2048;

    /// <summary>Board with <paramref name="moduleCount"/> x <paramref name="cellsPerModule"/> cells, 12-bit ADC at 11 dB.</summary>
    public static BoardDefinition Create(int moduleCount, int cellsPerModule, int samplePeriodMs = 10)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(moduleCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(cellsPerModule, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(samplePeriodMs, 1);
        Esp32AdcModel adc = Esp32AdcModel.Default;
        var noPin = new AnalogInputDefinition(AnalogInputDefinition.None, AnalogInputDefinition.None, AnalogInputDefinition.None);
        int[] counts = CalibrationPointGenerator.NominalCounts;

        var cells = new CellChannelDefinition[moduleCount * cellsPerModule];
        for (int i = 0; i < cells.Length; i++)
        {
            var nominal = new CellChannelDefinition(i, noPin, CellDividerRatioPpm, ReferenceMv, new CalibrationCurve(new[] { 0, 1 }, new[] { 0, 1 }));
            cells[i] = new CellChannelDefinition(i, noPin, CellDividerRatioPpm, ReferenceMv, CalibrationPointGenerator.ForCell(nominal, adc, counts));
        }

        var modules = new ModuleDefinition[moduleCount];
        for (int m = 0; m < moduleCount; m++)
        {
            var members = new int[cellsPerModule];
            for (int p = 0; p < cellsPerModule; p++)
            {
                members[p] = (m * cellsPerModule) + p;
            }

            ModuleDefinition nominal = CreateModule(m, members, noPin, new CalibrationCurve(new[] { 0, 1 }, new[] { 0, 1 }));
            modules[m] = CreateModule(m, members, noPin, CalibrationPointGenerator.ForModuleCurrent(nominal, adc, counts));
        }

        // Limits: the 3 V stripping cut-off of the seed experiments, mirrored for plating; currents
        // inside the accurate span of the 500 V/A channel (1.225 V +- 1 V).
        var safety = new SafetyEnvelope(2_000, 2_000, -3_000, 3_000, SafetyEnvelope.NoTemperatureLimit);

        // A monostable that outlasts two late ticks (see boards/README.md, hardware enable).
        var enable = new HardwareEnableDefinition(AnalogInputDefinition.None, (2 * samplePeriodMs) + 60);
        var reference = new ReferenceChannelDefinition(noPin, ReferenceMv);

        // No [cells]: the scenario's pack (area, preset) already describes the cells it is built for.
        return new BoardDefinition(
            "virtual-" + moduleCount + "x" + cellsPerModule,
            samplePeriodMs,
            adc.ResolutionBits,
            adc.Attenuation,
            AnalogInputDefinition.None,
            PinPolarity.ActiveHigh,
            null,
            cells,
            modules,
            Array.Empty<TemperatureChannelDefinition>(),
            safety,
            null,
            Esp32ModuleVariant.Wroom,
            enable,
            reference,
            null,
            adcReadingsPerSample: 1);
    }

    private static ModuleDefinition CreateModule(int index, int[] members, AnalogInputDefinition input, CalibrationCurve calibration)
        => new(
            index, members, input, ShuntMilliohm, AmplifierGainMilli, ReferenceMv, calibration,
            AnalogInputDefinition.None, PinPolarity.ActiveHigh, SwitchDriver.Gpio, 0,
            SetpointKind.Pwm, AnalogInputDefinition.None, SetpointPwmFrequencyHz,
            CurrentStage.Bidirectional, ModuleDefinition.NoPwmChannel, ModuleDefinition.NoPwmChannel, SetpointFullScaleUa);
}
