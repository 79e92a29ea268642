// Licensed under the MIT License.

using Edge.Core.Boards;

namespace Edge.HostSim.Measurement;

/// <summary>
/// Calibration points a bench calibration of a board would find against the simulated ADC:
/// for each wanted reading, the centre of that count's quantisation bin, expressed at the source
/// (mV at the cell, uA in the module). Nearby counts whose value falls closest to a whole unit
/// are preferred, so rounding the point to an integer costs almost nothing.
/// </summary>
public static class CalibrationPointGenerator
{
    /// <summary>How far from each wanted count the generator may move to find a near-whole value.</summary>
    public const int SearchWindowCounts = 6;

    /// <summary>Points (counts to mV at the cell) for a cell channel.</summary>
    public static CalibrationCurve ForCell(CellChannelDefinition cell, Esp32AdcModel adc, int[] wantedCounts)
        => Generate(adc, wantedCounts, volts => 1000.0 * FrontEndModel.CellVoltsAtAdc(cell, volts));

    /// <summary>Points (counts to uA) for a module current channel.</summary>
    public static CalibrationCurve ForModuleCurrent(ModuleDefinition module, Esp32AdcModel adc, int[] wantedCounts)
        => Generate(adc, wantedCounts, volts => 1e6 * FrontEndModel.AmpsAtAdc(module, volts));

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

    private static CalibrationCurve Generate(Esp32AdcModel adc, int[] wantedCounts, Func<double, double> valueAtAdcVolts)
    {
        var counts = new int[wantedCounts.Length];
        var values = new int[wantedCounts.Length];
        for (int i = 0; i < wantedCounts.Length; i++)
        {
            int low = Math.Max(1, wantedCounts[i] - SearchWindowCounts);
            int high = Math.Min(adc.FullScaleCounts - 1, wantedCounts[i] + SearchWindowCounts);
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
