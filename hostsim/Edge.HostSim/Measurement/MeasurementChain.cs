// Licensed under the MIT License.

using Edge.Core.Boards;
using Edge.Core.Measurement.AdcConversion;

namespace Edge.HostSim.Measurement;

/// <summary>
/// What one unit's ADC would read on a given board: true cell voltage, module current or
/// temperature through the board's nominal front end, that unit's ESP32 transfer curve
/// (<see cref="Esp32AdcModel"/>, its own Vref), noise and quantisation, and the mean of the board's
/// <c>adc_readings_per_sample</c> readings, each with its own noise, as the firmware takes it
/// (<see cref="AdcReadingMean"/>). Stuck channels, glitches and other faults are injected by the
/// caller on the counts.
/// </summary>
public sealed class MeasurementChain
{
    private readonly GaussianNoise _noise;
    private readonly AdcReadingMean _mean;

    /// <summary>The board on the typical chip (Vref 1100 mV).</summary>
    public MeasurementChain(BoardDefinition board, GaussianNoise noise)
        : this(board, Esp32AdcModel.Default, noise)
    {
    }

    /// <summary>The board on the chip <paramref name="adc"/>.</summary>
    public MeasurementChain(BoardDefinition board, Esp32AdcModel adc, GaussianNoise noise)
    {
        Board = board ?? throw new ArgumentNullException(nameof(board));
        Adc = adc ?? throw new ArgumentNullException(nameof(adc));
        _noise = noise ?? throw new ArgumentNullException(nameof(noise));
        _mean = new AdcReadingMean(board.AdcFullScaleCounts);
        ReadingsPerSample = board.AdcReadingsPerSample;
    }

    /// <summary>
    /// Readings averaged into each sample: the board's <c>adc_readings_per_sample</c> unless a scenario sets
    /// <c>measurement.adcReadingsPerSample</c> to study another count without editing the board file.
    /// </summary>
    public int ReadingsPerSample { get; set; }

    public BoardDefinition Board { get; }

    public Esp32AdcModel Adc { get; }

    /// <summary>
    /// How far the front ends' REF sits from its nominal value, volts: every cell and current channel
    /// and the reference input move by it (a drifting reference, a rail-derived REF in a supply dip).
    /// </summary>
    public double ReferenceErrorVolts { get; set; }

    /// <summary>Reading of cell <paramref name="cellIndex"/> at <paramref name="cellVolts"/> (signed).</summary>
    public int CellCounts(int cellIndex, double cellVolts) => Sample(CellAdcVolts(cellIndex, cellVolts));

    /// <summary>What cell <paramref name="cellIndex"/>'s front end puts on its input at <paramref name="cellVolts"/>, volts.</summary>
    public double CellAdcVolts(int cellIndex, double cellVolts) => FrontEndModel.CellAdcVolts(Board.CellAt(cellIndex), cellVolts, ReferenceErrorVolts);

    /// <summary>Reading of module <paramref name="moduleIndex"/>'s current channel at <paramref name="amps"/> (stripping positive).</summary>
    public int ModuleCurrentCounts(int moduleIndex, double amps) => Sample(ModuleCurrentAdcVolts(moduleIndex, amps));

    /// <summary>What module <paramref name="moduleIndex"/>'s current amplifier puts on its input at <paramref name="amps"/>, volts.</summary>
    public double ModuleCurrentAdcVolts(int moduleIndex, double amps) => FrontEndModel.CurrentAdcVolts(Board.ModuleAt(moduleIndex), amps, ReferenceErrorVolts);

    /// <summary>Reading of the board's reference input (its nominal REF plus the REF error); 0 when the board has none.</summary>
    public int ReferenceCounts() => Board.Reference == null ? 0 : Sample(ReferenceAdcVolts());

    /// <summary>The REF on the reference input, volts (its nominal value plus the REF error; 0 on a board without one).</summary>
    public double ReferenceAdcVolts() => Board.Reference == null ? 0.0 : (Board.Reference.NominalMv / 1000.0) + ReferenceErrorVolts;

    /// <summary>One channel's sample of <paramref name="adcVolts"/> on the ADC pin, as every reading above takes it.</summary>
    public int CountsAt(double adcVolts) => Sample(adcVolts);

    /// <summary>Reading of a multiplexer input tied to ground (the address check's): 0 V at the ADC pin.</summary>
    public int GroundCounts() => Sample(0.0);

    /// <summary>
    /// Reading of a temperature channel. The sensor's ADC input at a temperature is taken from the
    /// board's (synthetic) calibration read as the typical chip's curve, so a unit whose Vref differs
    /// reads other counts for the same temperature, as a real one would. Temperatures beyond the
    /// calibrated range saturate.
    /// </summary>
    public int TemperatureCounts(int index, double celsius) => Sample(TemperatureAdcVolts(index, celsius));

    /// <summary>What temperature channel <paramref name="index"/>'s sensor puts on its input at <paramref name="celsius"/>, volts (see <see cref="TemperatureCounts"/>).</summary>
    public double TemperatureAdcVolts(int index, double celsius) => TemperatureSensorVolts(Board.TemperatureAt(index).Calibration, celsius);

    /// <summary>One channel's sample at <paramref name="adcVolts"/> on the ADC pin: one reading, or the mean of the board's readings.</summary>
    private int Sample(double adcVolts)
    {
        int readings = ReadingsPerSample;
        if (readings == 1)
        {
            return Adc.ToCounts(adcVolts, _noise.NextCounts());
        }

        _mean.Begin();
        for (int i = 0; i < readings; i++)
        {
            _mean.Add(Adc.ToCounts(adcVolts, _noise.NextCounts()));
        }

        return _mean.Counts;
    }

    /// <summary>The sensor's ADC input at <paramref name="celsius"/>, volts (see <see cref="TemperatureCounts"/>).</summary>
    public static double TemperatureSensorVolts(CalibrationCurve boardCurve, double celsius)
    {
        double typicalCounts = InvertCalibration(boardCurve, celsius * 10.0);
        if (typicalCounts <= 0)
        {
            return 0.0;
        }

        return typicalCounts >= Esp32AdcModel.Default.FullScaleCounts
            ? 3.3
            : Esp32AdcModel.Default.VoltsAtCounts(typicalCounts);
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
