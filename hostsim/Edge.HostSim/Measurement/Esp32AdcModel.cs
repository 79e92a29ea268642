// Licensed under the MIT License.

using Edge.Core.Boards;

namespace Edge.HostSim.Measurement;

/// <summary>
/// The ESP32's ADC1 at 11 dB and 12 bits (the only setting nanoFramework applies) as Espressif
/// characterises it, for one chip with reference voltage <see cref="VrefMv"/>. Espressif's
/// raw-to-mV conversion (esp-idf components/esp_adc/esp32/adc_cali_line_fitting.c) is the model:
/// a line mV = Vref x 196602 / 4096 / 65536 x raw + 142 (about 0.806 mV per count at the typical
/// 1100 mV) up to 2880 counts, then the two 20-point lookup tables for Vref 1000 and 1200 mV
/// (interpolated in Vref and in counts, every 64 counts), blended into the line over the first
/// 64 counts. Chips differ by their Vref (1000-1200 mV, the ESP-IDF ADC guide), so a simulated
/// unit is one Vref. The simulator needs the inverse, counts for an input voltage: this class
/// tabulates the conversion at every count and interpolates between them. Below 142 mV the reading
/// is 0; from the voltage of 4095 counts up it is 4095.
/// </summary>
public sealed class Esp32AdcModel
{
    /// <summary>Counts where the characterisation leaves the line (LUT_LOW_THRESH).</summary>
    public const int LutLowCounts = Esp32AdcCharacteristics.LinearTopCounts;

    /// <summary>Spacing of the lookup-table points, counts (LUT_ADC_STEP_SIZE).</summary>
    public const int LutStepCounts = 64;

    private const int FullScale = Esp32AdcCharacteristics.FullScaleCounts;

    // ADC1 lookup tables of the characterisation, mV at 2880 + 64 i counts, for Vref 1000 and 1200 mV.
    private static readonly int[] s_lutVrefLow = { 2240, 2297, 2352, 2405, 2457, 2512, 2564, 2616, 2664, 2709, 2754, 2795, 2832, 2868, 2903, 2937, 2969, 3000, 3030, 3060 };
    private static readonly int[] s_lutVrefHigh = { 2667, 2706, 2745, 2780, 2813, 2844, 2873, 2901, 2928, 2956, 2982, 3006, 3032, 3059, 3084, 3110, 3135, 3160, 3184, 3209 };

    private readonly double _slopeMvPerCount;
    private readonly double[] _millivoltsAtCount;

    /// <summary>A chip whose ADC reference is <paramref name="vrefMv"/> (1000-1200 mV).</summary>
    public Esp32AdcModel(double vrefMv)
    {
        if (vrefMv < Esp32AdcCharacteristics.MinimumVrefMv || vrefMv > Esp32AdcCharacteristics.MaximumVrefMv)
        {
            throw new ArgumentOutOfRangeException(nameof(vrefMv), vrefMv, "Espressif characterises Vref between 1000 and 1200 mV");
        }

        VrefMv = vrefMv;
        _slopeMvPerCount = vrefMv * Esp32AdcCharacteristics.AttenuationScale / 4096.0 / 65536.0;
        _millivoltsAtCount = new double[FullScale + 1];
        for (int raw = 0; raw <= FullScale; raw++)
        {
            _millivoltsAtCount[raw] = MillivoltsAtCounts(raw);
        }
    }

    /// <summary>The typical chip (Vref 1100 mV): what the shipped boards' synthetic calibration assumes.</summary>
    public static Esp32AdcModel Default { get; } = new(Esp32AdcCharacteristics.NominalVrefMv);

    /// <summary>
    /// One simulated chip: Vref drawn uniformly over Espressif's 1000-1200 mV from <paramref name="seed"/>
    /// (Espressif states the range, not a distribution).
    /// </summary>
    public static Esp32AdcModel ForUnit(ulong seed)
    {
        var random = new Random((int)(seed ^ (seed >> 32)));
        return new Esp32AdcModel(Esp32AdcCharacteristics.MinimumVrefMv + (random.NextDouble() * (Esp32AdcCharacteristics.MaximumVrefMv - Esp32AdcCharacteristics.MinimumVrefMv)));
    }

    /// <summary>This chip's ADC reference voltage, mV.</summary>
    public double VrefMv { get; }

    /// <summary>nanoFramework's ESP32 ADC: always 11 dB.</summary>
    public AdcAttenuation Attenuation => AdcAttenuation.Db11;

    /// <summary>nanoFramework's ESP32 ADC: always 12 bits.</summary>
    public int ResolutionBits => 12;

    public int FullScaleCounts => FullScale;

    /// <summary>Counts per volt of the straight part (1241 at Vref 1100 mV).</summary>
    public double CountsPerVolt => 1000.0 / _slopeMvPerCount;

    /// <summary>Lower end of the straight part, volts: the line's 0-count input (142 mV).</summary>
    public double LinearLowVolts => Esp32AdcCharacteristics.OffsetMv / 1000.0;

    /// <summary>Upper end of the straight part, volts: the input of 2880 counts on this chip.</summary>
    public double LinearHighVolts => MillivoltsAtCounts(LutLowCounts) / 1000.0;

    /// <summary>Espressif's conversion of a (fractional) reading to the input voltage, mV.</summary>
    public double MillivoltsAtCounts(double raw)
    {
        double linear = (_slopeMvPerCount * raw) + Esp32AdcCharacteristics.OffsetMv;
        if (raw < LutLowCounts)
        {
            return linear;
        }

        double lut = LookupMillivolts(raw);
        if (raw <= LutLowCounts + LutStepCounts)
        {
            // interpolate_two_points: from the line at 2880 to the table at 2944.
            return linear + ((lut - linear) * (raw - LutLowCounts) / LutStepCounts);
        }

        return lut;
    }

    /// <summary>Reading before noise, rounding and clipping (negative below 142 mV, above 4095 past the top).</summary>
    public double ContinuousCounts(double inputVolts)
    {
        double mv = inputVolts * 1000.0;
        double[] table = _millivoltsAtCount;
        if (mv <= table[0])
        {
            return (mv - table[0]) / _slopeMvPerCount;
        }

        if (mv >= table[FullScale])
        {
            return FullScale + ((mv - table[FullScale]) / (table[FullScale] - table[FullScale - 1]));
        }

        int low = 0;
        int high = FullScale;
        while (high - low > 1)
        {
            int middle = (low + high) >> 1;
            if (table[middle] <= mv)
            {
                low = middle;
            }
            else
            {
                high = middle;
            }
        }

        return low + ((mv - table[low]) / (table[high] - table[low]));
    }

    /// <summary>Reading for an input voltage plus <paramref name="noiseCounts"/> of noise: rounded and clipped.</summary>
    public int ToCounts(double inputVolts, double noiseCounts)
    {
        double counts = Math.Round(ContinuousCounts(inputVolts) + noiseCounts, MidpointRounding.AwayFromZero);
        if (counts <= 0)
        {
            return 0;
        }

        return counts >= FullScale ? FullScale : (int)counts;
    }

    /// <summary>Input voltage whose continuous reading is <paramref name="counts"/>, volts.</summary>
    public double VoltsAtCounts(double counts) => MillivoltsAtCounts(counts) / 1000.0;

    /// <summary>The tables' bilinear interpolation (calculate_voltage_lut), without its integer rounding.</summary>
    private double LookupMillivolts(double raw)
    {
        int i = (int)((raw - LutLowCounts) / LutStepCounts);
        i = Math.Clamp(i, 0, s_lutVrefLow.Length - 2);
        double fraction = (raw - (LutLowCounts + (i * LutStepCounts))) / LutStepCounts;
        double atLow = s_lutVrefLow[i] + ((s_lutVrefLow[i + 1] - s_lutVrefLow[i]) * fraction);
        double atHigh = s_lutVrefHigh[i] + ((s_lutVrefHigh[i + 1] - s_lutVrefHigh[i]) * fraction);
        double vrefFraction = (VrefMv - Esp32AdcCharacteristics.MinimumVrefMv) / (Esp32AdcCharacteristics.MaximumVrefMv - Esp32AdcCharacteristics.MinimumVrefMv);
        return atLow + ((atHigh - atLow) * vrefFraction);
    }
}
