// Licensed under the MIT License.

using Edge.Core.Boards;

namespace Edge.HostSim.Measurement;

/// <summary>
/// Transfer curve of the ESP32 SAR ADC as the simulator models it: linear in the middle,
/// bending near both ends, clipped to 0..full scale, then quantised. At 11 dB and 12 bits the
/// reading leaves 0 at about 0.17 V and reaches 4095 at 3.10 V (ESP32 datasheet, ADC
/// characteristics: about 0.15-3.1 V usable at 11 dB; the bends mimic Espressif's published
/// raw-reading curves). Other attenuations scale the voltage axis, other resolutions the counts.
/// </summary>
public sealed class Esp32AdcModel
{
    /// <summary>Slope of the linear part at 11 dB, 12 bits, counts per volt.</summary>
    public const double SlopeCountsPerVolt = 1450.0;

    /// <summary>Where the linear part would cross 0 counts, volts (11 dB).</summary>
    public const double ZeroVolts = 0.15;

    /// <summary>Below this input the curve falls under the line (11 dB), volts.</summary>
    public const double LowKneeVolts = 0.30;

    /// <summary>Above this input the curve compresses (11 dB), volts.</summary>
    public const double HighKneeVolts = 2.60;

    /// <summary>Low-end bend, counts per volt squared: the reading reaches 0 at about 0.17 V.</summary>
    private const double LowBend = 1716.0;

    /// <summary>High-end bend, counts per volt squared: chosen so 3.10 V reads exactly 4095.</summary>
    private const double HighBend = 730.0;

    private const double ReferenceFullScale = 4095.0;

    private readonly double _voltageScale;
    private readonly double _countScale;

    public Esp32AdcModel(AdcAttenuation attenuation, int resolutionBits)
    {
        Attenuation = attenuation;
        ResolutionBits = resolutionBits;
        FullScaleCounts = (1 << resolutionBits) - 1;
        _countScale = FullScaleCounts / ReferenceFullScale;

        // Full-scale input of each attenuation relative to 11 dB (about 1.1, 1.5, 2.2 and 3.1 V).
        _voltageScale = attenuation switch
        {
            AdcAttenuation.Db0 => 1.1 / 3.1,
            AdcAttenuation.Db2p5 => 1.5 / 3.1,
            AdcAttenuation.Db6 => 2.2 / 3.1,
            _ => 1.0,
        };
    }

    /// <summary>The 11 dB, 12-bit ADC of the ESP32 boards.</summary>
    public static Esp32AdcModel Default { get; } = new(AdcAttenuation.Db11, 12);

    public AdcAttenuation Attenuation { get; }

    public int ResolutionBits { get; }

    public int FullScaleCounts { get; }

    /// <summary>Input range where the curve is a straight line, volts.</summary>
    public double LinearLowVolts => LowKneeVolts * _voltageScale;

    /// <summary>Upper end of the straight part, volts.</summary>
    public double LinearHighVolts => HighKneeVolts * _voltageScale;

    /// <summary>Counts before clipping and quantisation (may be negative or above full scale).</summary>
    public double ContinuousCounts(double inputVolts)
    {
        double v = inputVolts / _voltageScale;
        double counts = SlopeCountsPerVolt * (v - ZeroVolts);
        if (v < LowKneeVolts)
        {
            counts -= LowBend * (LowKneeVolts - v) * (LowKneeVolts - v);
        }
        else if (v > HighKneeVolts)
        {
            // Past the vertex the parabola would turn down; the ADC stays at full scale instead.
            double excess = Math.Min(v - HighKneeVolts, SlopeCountsPerVolt / (2.0 * HighBend));
            counts = SlopeCountsPerVolt * (HighKneeVolts + excess - ZeroVolts) - (HighBend * excess * excess);
        }

        return counts * _countScale;
    }

    /// <summary>Reading for an input voltage plus <paramref name="noiseCounts"/> of noise: rounded and clipped.</summary>
    public int ToCounts(double inputVolts, double noiseCounts)
    {
        double counts = Math.Round(ContinuousCounts(inputVolts) + noiseCounts, MidpointRounding.AwayFromZero);
        if (counts <= 0)
        {
            return 0;
        }

        return counts >= FullScaleCounts ? FullScaleCounts : (int)counts;
    }

    /// <summary>Input voltage whose continuous reading is <paramref name="counts"/> (inverse by bisection).</summary>
    public double VoltsAtCounts(double counts)
    {
        double low = 0.0;
        double high = 3.6;
        for (int i = 0; i < 100; i++)
        {
            double middle = 0.5 * (low + high);
            if (ContinuousCounts(middle) < counts)
            {
                low = middle;
            }
            else
            {
                high = middle;
            }
        }

        return 0.5 * (low + high);
    }
}
