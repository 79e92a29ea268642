// Licensed under the MIT License.

using Edge.Core.Boards;

namespace Edge.HostSim.Measurement;

/// <summary>
/// What the controller's ADC would read on a given board: true cell voltage or module current
/// through the board's nominal front end, the ESP32 transfer curve, noise and quantisation.
/// Stuck channels, glitches and other faults are injected by the caller on the counts.
/// </summary>
public sealed class MeasurementChain
{
    private readonly GaussianNoise _noise;

    public MeasurementChain(BoardDefinition board, GaussianNoise noise)
    {
        Board = board ?? throw new ArgumentNullException(nameof(board));
        _noise = noise ?? throw new ArgumentNullException(nameof(noise));
        Adc = new Esp32AdcModel(board.AdcAttenuation, board.AdcResolutionBits);
    }

    public BoardDefinition Board { get; }

    public Esp32AdcModel Adc { get; }

    /// <summary>Reading of cell <paramref name="cellIndex"/> at <paramref name="cellVolts"/> (signed).</summary>
    public int CellCounts(int cellIndex, double cellVolts)
    {
        double adcVolts = FrontEndModel.CellAdcVolts(Board.CellAt(cellIndex), cellVolts);
        return Adc.ToCounts(adcVolts, _noise.NextCounts());
    }

    /// <summary>Reading of module <paramref name="moduleIndex"/>'s current channel at <paramref name="amps"/> (stripping positive).</summary>
    public int ModuleCurrentCounts(int moduleIndex, double amps)
    {
        double adcVolts = FrontEndModel.CurrentAdcVolts(Board.ModuleAt(moduleIndex), amps);
        return Adc.ToCounts(adcVolts, _noise.NextCounts());
    }

    /// <summary>
    /// Reading of a temperature channel: the board's calibration inverted (an ideal sensor),
    /// plus noise. Temperatures beyond the calibrated range saturate.
    /// </summary>
    public int TemperatureCounts(int index, double celsius)
    {
        CalibrationCurve curve = Board.TemperatureAt(index).Calibration;
        double deciC = celsius * 10.0;
        double counts = InvertCalibration(curve, deciC);
        double noisy = Math.Round(counts + _noise.NextCounts(), MidpointRounding.AwayFromZero);
        return (int)Math.Clamp(noisy, 0, Adc.FullScaleCounts);
    }

    private static double InvertCalibration(CalibrationCurve curve, double value)
    {
        int last = curve.PointCount - 1;
        bool rising = curve.ValueAt(last) > curve.ValueAt(0);
        for (int i = 0; i < last; i++)
        {
            double v0 = curve.ValueAt(i);
            double v1 = curve.ValueAt(i + 1);
            bool inside = rising ? value <= v1 : value >= v1;
            if (inside || i == last - 1)
            {
                double fraction = (value - v0) / (v1 - v0);
                return curve.CountsAt(i) + (fraction * (curve.CountsAt(i + 1) - curve.CountsAt(i)));
            }
        }

        return curve.CountsAt(0);
    }
}
