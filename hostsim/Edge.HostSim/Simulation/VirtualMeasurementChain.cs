// Licensed under the MIT License.

using System.Runtime.CompilerServices;
using Edge.Core.Sampling;
using Edge.HostSim.Measurement;
using Edge.HostSim.Randomness;
using Edge.HostSim.Scenarios;

namespace Edge.HostSim.Simulation;

/// <summary>
/// Built-in measurement chain: Gaussian noise, then quantisation to the ADC step, clipping at the rails
/// (status Saturated); current = true current plus Gaussian noise, or at +-<see cref="CurrentRailUa"/> (Saturated) or 0
/// (Implausible, no conversion) under a currentSensor fault of mode saturated or missing. No allocation per sample.
/// </summary>
public sealed class VirtualMeasurementChain : IMeasurementChain
{
    /// <summary>
    /// The value a current channel at its rail carries (currentSensor fault, mode saturated), uA, + at the high rail and
    /// - at the low: this chain has no ADC, so it takes the DevKitC channel's rail (firmware/Edge.Core/README.md: a rail
    /// of -3000 uA). Only its sign and the status tell the core anything.
    /// </summary>
    public const int CurrentRailUa = 3000;

    private readonly MeasurementSpec _spec;
    private readonly SimRandom _random;
    private readonly double _lsbMv;
    private readonly double _inverseLsb;
    private readonly int _railMv;

    // The chain's next Gaussian, drawn a draw ahead (mostly a tick): the table entry it picks is then loaded while the
    // core ticks, not while the sample waits for it. The same stream in the same order: nothing else draws from it.
    private double _nextGaussian;
    private bool _drawnAhead;

    public VirtualMeasurementChain(MeasurementSpec spec, int cellCount, int moduleCount, int temperatureCount, ulong seed)
    {
        TemperatureDeciCelsius = new int[temperatureCount];
        _spec = spec;
        _random = new SimRandom(seed);
        _lsbMv = spec.VoltageLsbMv;
        _inverseLsb = 1.0 / spec.VoltageLsbMv;
        _railMv = spec.VoltageRailMv;
        Stuck = new bool[cellCount];
        Saturated = new bool[cellCount];
        CurrentOverlays = new CurrentChannelOverlay[moduleCount];
        ExtraNoiseMv = new double[cellCount];
    }

    public bool[] Stuck { get; }

    public bool[] Saturated { get; }

    /// <inheritdoc />
    public CurrentChannelOverlay[] CurrentOverlays { get; }

    public double[] ExtraNoiseMv { get; }

    /// <summary>No multiplexer here: the scenario loader refuses a muxSelectLine fault without a board that has one.</summary>
    public int SelectLinesStuckHigh { get; set; }

    /// <inheritdoc cref="SelectLinesStuckHigh"/>
    public int SelectLinesStuckLow { get; set; }

    /// <inheritdoc />
    public int[] TemperatureDeciCelsius { get; }

    public void Convert(double[] cellVoltageV, int[] moduleCurrentUa, SampleFrame frame)
    {
        int[] mv = frame.CellVoltageMv;
        ChannelStatus[] status = frame.CellVoltageStatus;
        double noise = _spec.VoltageNoiseMv;

        // Fields in locals: the stores into the frame would otherwise make the JIT reload them per cell. The
        // Gaussian table is taken once (it draws nothing): a call left in the loop would cost its registers. The
        // stream too, so that its state stays in registers across the draws.
        bool[] stuck = Stuck;
        bool[] saturated = Saturated;
        double[] extraNoiseMv = ExtraNoiseMv;
        double[] gaussian = _random.GaussianTable;
        RandomStream random = _random.Take();
        double lsbMv = _lsbMv;
        double inverseLsb = _inverseLsb;
        int railMv = _railMv;
        double rail = railMv;
        if (!_drawnAhead)
        {
            _nextGaussian = random.FastGaussian(gaussian);
            _drawnAhead = true;
        }

        double next = _nextGaussian;
        for (int c = 0; c < mv.Length; c++)
        {
            if (stuck[c])
            {
                continue;
            }

            if (saturated[c])
            {
                mv[c] = railMv;
                status[c] = ChannelStatus.Saturated;
                continue;
            }

            // A noise burst is a source independent of the chain's own noise: standard deviations add in quadrature.
            double extra = extraNoiseMv[c];
            double sigma = extra > 0 ? Math.Sqrt((noise * noise) + (extra * extra)) : noise;
            double value = (cellVoltageV[c] * 1000.0) + (sigma > 0 ? sigma * Draw(ref random, gaussian, ref next) : 0.0);
            if (lsbMv > 0)
            {
                value = WholeSteps(value, lsbMv, inverseLsb) * lsbMv;
            }

            if (value >= rail)
            {
                mv[c] = railMv;
                status[c] = ChannelStatus.Saturated;
            }
            else if (value <= -rail)
            {
                mv[c] = -railMv;
                status[c] = ChannelStatus.Saturated;
            }
            else
            {
                mv[c] = (int)Math.Round(value);
                status[c] = ChannelStatus.Valid;
            }
        }

        int[] ua = frame.ModuleCurrentUa;
        ChannelStatus[] currentStatus = frame.ModuleCurrentStatus;
        double currentNoise = _spec.CurrentNoiseUa;
        for (int m = 0; m < ua.Length; m++)
        {
            double value = moduleCurrentUa[m] + (currentNoise > 0 ? currentNoise * Draw(ref random, gaussian, ref next) : 0.0);
            CurrentChannelOverlay overlay = CurrentOverlays[m];
            if (overlay == CurrentChannelOverlay.None)
            {
                ua[m] = (int)Math.Round(value);
                currentStatus[m] = ChannelStatus.Valid;
            }
            else
            {
                // As the board conversion delivers them: a rail with its value, no conversion as implausible 0 (the noise
                // is drawn all the same, so the other channels' draws do not move).
                ua[m] = overlay == CurrentChannelOverlay.RailHigh ? CurrentRailUa : overlay == CurrentChannelOverlay.RailLow ? -CurrentRailUa : 0;
                currentStatus[m] = overlay == CurrentChannelOverlay.NoConversion ? ChannelStatus.Implausible : ChannelStatus.Saturated;
            }
        }

        _nextGaussian = next;
        _random.Resume(random);

        // The simple chain reads temperatures as they are.
        int[] temperatures = TemperatureDeciCelsius;
        if (temperatures.Length > 0)
        {
            int[] frameTemperatures = frame.TemperatureDeciCelsius;
            ChannelStatus[] temperatureStatus = frame.TemperatureStatus;
            for (int t = 0; t < temperatures.Length; t++)
            {
                frameTemperatures[t] = temperatures[t];
                temperatureStatus[t] = ChannelStatus.Valid;
            }
        }
    }

    /// <summary>The Gaussian drawn ahead (<paramref name="next"/>), which the next one of the stream replaces.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Draw(ref RandomStream random, double[] table, ref double next)
    {
        double gaussian = next;
        next = random.FastGaussian(table);
        return gaussian;
    }

    /// <summary>
    /// Math.Round(<paramref name="valueMv"/> / <paramref name="lsbMv"/>), bit for bit, mostly without the division
    /// (the longest wait of a sample). The product with the reciprocal lies within 3.4e-16 of the quotient relative
    /// to it, so below 1e9 steps both are less than 4e-7 apart: where the product is more than 1e-4 from a half step
    /// (all but one sample in 5,000), no half step lies between them and both round to the same whole number (q - k
    /// is exact: k is the integer nearest q). Elsewhere, and for NaN or infinity, the division decides.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double WholeSteps(double valueMv, double lsbMv, double inverseLsb)
    {
        double q = valueMv * inverseLsb;
        double k = Math.Round(q);
        return Math.Abs(q - k) < 0.4999 && Math.Abs(q) < 1e9 ? k : Math.Round(valueMv / lsbMv);
    }
}
