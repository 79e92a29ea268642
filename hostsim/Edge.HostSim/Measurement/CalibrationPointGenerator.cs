// Licensed under the MIT License.

using Edge.Core.Boards;

namespace Edge.HostSim.Measurement;

/// <summary>
/// Synthetic calibration points: near each chosen reading, the value at the source (mV at the cell,
/// uA in the module) that a given simulated chip converts to exactly that reading, through the
/// channel's nominal front end, at the nearby count whose value is closest to a whole unit. Computed, never measured: the shipped
/// boards' <c>calibration</c> keys come from here with the typical chip (Vref 1100 mV), and a real
/// unit replaces them with its own per-unit calibration.
/// </summary>
public static class CalibrationPointGenerator
{
    /// <summary>
    /// Readings the synthetic points sit at: one near each end of the straight part (1 and 2880
    /// counts, Espressif's line in between is exact), then every 128 counts through the lookup-table
    /// part up to 4094.
    /// </summary>
    public static readonly int[] NominalCounts = { 1, 2880, 2944, 3072, 3200, 3328, 3456, 3584, 3712, 3840, 3968, 4094 };

    /// <summary>Points (counts to mV at the cell) for a cell channel.</summary>
    public static CalibrationCurve ForCell(CellChannelDefinition cell, Esp32AdcModel adc, int[] counts)
        => Generate(adc, counts, volts => 1000.0 * FrontEndModel.CellVoltsAtAdc(cell, volts));

    /// <summary>Points (counts to uA) for a module current channel.</summary>
    public static CalibrationCurve ForModuleCurrent(ModuleDefinition module, Esp32AdcModel adc, int[] counts)
        => Generate(adc, counts, volts => 1e6 * FrontEndModel.AmpsAtAdc(module, volts));

    /// <summary>Points (counts to 0.1 degC) for a sensor whose ADC input at a temperature is <paramref name="voltsAtCelsius"/> (rising).</summary>
    public static CalibrationCurve ForTemperature(Func<double, double> voltsAtCelsius, Esp32AdcModel adc, int[] deciCelsius)
    {
        var counts = new int[deciCelsius.Length];
        for (int i = 0; i < counts.Length; i++)
        {
            counts[i] = (int)Math.Round(adc.ContinuousCounts(voltsAtCelsius(deciCelsius[i] / 10.0)), MidpointRounding.AwayFromZero);
        }

        return new CalibrationCurve(counts, deciCelsius);
    }

    /// <summary>The board text for a curve: <c>counts:value, ...</c>.</summary>
    public static string Format(CalibrationCurve curve)
    {
        var parts = new string[curve.PointCount];
        for (int i = 0; i < parts.Length; i++)
        {
            parts[i] = curve.CountsAt(i).ToString(System.Globalization.CultureInfo.InvariantCulture) + ":"
                + curve.ValueAt(i).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return string.Join(", ", parts);
    }

    /// <summary>How far from each wanted count the generator may move to find a near-whole value.</summary>
    public const int SearchWindowCounts = 6;

    private static CalibrationCurve Generate(Esp32AdcModel adc, int[] wantedCounts, Func<double, double> valueAtAdcVolts)
    {
        // Near each wanted reading, the count whose value falls closest to a whole unit, so rounding the point
        // costs almost nothing; never across the 2880-count knee, where the curve leaves the line.
        var counts = new int[wantedCounts.Length];
        var values = new int[wantedCounts.Length];
        for (int i = 0; i < wantedCounts.Length; i++)
        {
            int wanted = wantedCounts[i];
            int low = Math.Max(1, wanted - SearchWindowCounts);
            int high = Math.Min(adc.FullScaleCounts - 1, wanted + SearchWindowCounts);
            if (wanted <= Esp32AdcModel.LutLowCounts)
            {
                high = Math.Min(high, Esp32AdcModel.LutLowCounts);
            }
            else
            {
                low = Math.Max(low, Esp32AdcModel.LutLowCounts + 1);
            }

            if (i > 0)
            {
                low = Math.Max(low, counts[i - 1] + 1);
            }

            double bestError = double.MaxValue;
            for (int c = low; c <= high; c++)
            {
                double value = valueAtAdcVolts(adc.VoltsAtCounts(c));
                double error = Math.Abs(value - Math.Round(value));
                if (error < bestError - 1e-9)
                {
                    bestError = error;
                    counts[i] = c;
                    values[i] = (int)Math.Round(value, MidpointRounding.AwayFromZero);
                }
            }
        }

        return new CalibrationCurve(counts, values);
    }
}
