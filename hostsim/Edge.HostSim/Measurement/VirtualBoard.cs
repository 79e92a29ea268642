// Licensed under the MIT License.

using Edge.Core.Boards;

namespace Edge.HostSim.Measurement;

/// <summary>
/// The board a scenario gets when it names none: N modules of M series cells, every channel an
/// ideal-ish direct tap with the reference front ends (cells: ratio 0.4 around a 1.65 V mid-rail;
/// currents: 100 V/A around 1.65 V) and calibration points taken from the simulated ADC.
/// Its inputs and outputs have no GPIO (<see cref="AnalogInputDefinition.None"/>): it exists only
/// in the simulator, so it is not bound by the ESP32 pin count.
/// </summary>
public static class VirtualBoard
{
    /// <summary>Cell front end ratio, ppm: +-3.3 V at the cell spans 0.33-2.97 V at the ADC.</summary>
    public const int CellDividerRatioPpm = 400_000;

    /// <summary>Mid-rail reference of every front end, mV (3.3 V / 2).</summary>
    public const int MidRailMv = 1650;

    /// <summary>Current amplifier gain x 1000 (an INA190A3-like 100 V/V) on a 1 ohm shunt: 100 V/A.</summary>
    public const int AmplifierGainMilli = 100_000;

    public const int ShuntMilliohm = 1000;

    /// <summary>
    /// Readings the calibration points sit at: dense in the bends near both ends, and at the two
    /// knees of the straight part (218 and 3552 counts, see <see cref="Esp32AdcModel"/>).
    /// </summary>
    public static readonly int[] CalibrationCounts = { 1, 30, 90, 160, 218, 3552, 3650, 3740, 3820, 3890, 3950, 4000, 4040, 4070, 4094 };

    /// <summary>Board with <paramref name="moduleCount"/> x <paramref name="cellsPerModule"/> cells, 12-bit ADC at 11 dB.</summary>
    public static BoardDefinition Create(int moduleCount, int cellsPerModule, int samplePeriodMs = 10)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(moduleCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(cellsPerModule, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(samplePeriodMs, 1);
        Esp32AdcModel adc = Esp32AdcModel.Default;
        var noPin = new AnalogInputDefinition(AnalogInputDefinition.None, AnalogInputDefinition.None, AnalogInputDefinition.None);

        var cells = new CellChannelDefinition[moduleCount * cellsPerModule];
        for (int i = 0; i < cells.Length; i++)
        {
            var nominal = new CellChannelDefinition(i, noPin, CellDividerRatioPpm, MidRailMv, new CalibrationCurve(new[] { 0, 1 }, new[] { 0, 1 }));
            cells[i] = new CellChannelDefinition(i, noPin, CellDividerRatioPpm, MidRailMv, CalibrationPointGenerator.ForCell(nominal, adc, CalibrationCounts));
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
            modules[m] = CreateModule(m, members, noPin, CalibrationPointGenerator.ForModuleCurrent(nominal, adc, CalibrationCounts));
        }

        // Limits: the 3 V stripping cut-off of the seed experiments, mirrored for plating; currents
        // inside the straight part of the 100 V/A channel.
        var safety = new SafetyEnvelope(8_000, 5_000, -3_000, 3_000, SafetyEnvelope.NoTemperatureLimit);

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
            null);
    }

    private static ModuleDefinition CreateModule(int index, int[] members, AnalogInputDefinition input, CalibrationCurve calibration)
        => new(
            index, members, input, ShuntMilliohm, AmplifierGainMilli, MidRailMv, calibration,
            AnalogInputDefinition.None, PinPolarity.ActiveHigh, SwitchDriver.Gpio, 0,
            SetpointKind.None, AnalogInputDefinition.None, 0);
}
