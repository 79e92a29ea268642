// Licensed under the MIT License.

using Edge.Core.Boards;
using Edge.Core.Calibration;
using Edge.Core.Measurement.AdcConversion;
using Edge.Core.Sampling;
using Edge.HostSim.Measurement;
using Edge.HostSim.Randomness;

namespace Edge.HostSim.Simulation;

/// <summary>
/// Measurement through a board definition on one simulated unit: true values to ADC counts by the
/// board's front end and that unit's ESP32 ADC (<see cref="MeasurementChain"/>, its own Vref), then back
/// to mV / uA with statuses by the core's own <see cref="BoardSampleConverter"/> with the unit's
/// calibration and the board's reference input, exactly as on the device. Fault overlays act on the counts.
/// </summary>
public sealed class BoardMeasurementChain : IMeasurementChain
{
    private readonly MeasurementChain _chain;
    private readonly BoardSampleConverter _converter;
    private readonly SimRandom _random;
    private readonly int[] _cellCounts;
    private readonly int[] _moduleCounts;
    private readonly int[] _temperatureCounts;
    private readonly int[]? _groundCounts;
    private readonly int _fullScale;

    /// <summary>
    /// The board on the unit <paramref name="adc"/>, converted with <paramref name="calibration"/>
    /// (null: the board's nominal curves; the frames are then uncalibrated and no switch closes).
    /// </summary>
    public BoardMeasurementChain(BoardDefinition board, Esp32AdcModel adc, UnitCalibration? calibration, double noiseCounts, ulong seed)
        : this(board, adc, calibration, noiseCounts, seed, 0)
    {
    }

    /// <summary>
    /// As above, reading the first <paramref name="temperatureCount"/> of the board's temperature channels (the pack's
    /// sensors) through their front end and the ADC.
    /// </summary>
    public BoardMeasurementChain(BoardDefinition board, Esp32AdcModel adc, UnitCalibration? calibration, double noiseCounts, ulong seed, int temperatureCount)
    {
        TemperatureDeciCelsius = new int[temperatureCount];
        _temperatureCounts = new int[board.TemperatureCount];
        _chain = new MeasurementChain(board, adc, new GaussianNoise(noiseCounts, (int)(seed & 0x7FFFFFFF)));
        _converter = new BoardSampleConverter(new BoardAdcChannels(board, calibration));
        _random = new SimRandom(seed);
        _cellCounts = new int[board.CellCount];
        _moduleCounts = new int[board.ModuleCount];
        _fullScale = board.AdcFullScaleCounts;
        int grounds = board.Mux == null ? 0 : board.Mux.GroundInputCount;
        _groundCounts = grounds == 0 ? null : new int[grounds];
        Stuck = new bool[board.CellCount];
        Saturated = new bool[board.CellCount];
        ExtraNoiseMv = new double[board.CellCount];
    }

    /// <summary>The unit's analog chain (its ADC, and the REF error a test may set).</summary>
    public MeasurementChain Chain => _chain;

    public bool[] Stuck { get; }

    public bool[] Saturated { get; }

    public double[] ExtraNoiseMv { get; }

    /// <inheritdoc />
    public int[] TemperatureDeciCelsius { get; }

    public void Convert(double[] cellVoltageV, int[] moduleCurrentUa, SampleFrame frame)
    {
        for (int c = 0; c < _cellCounts.Length; c++)
        {
            if (Stuck[c])
            {
                continue;
            }

            if (Saturated[c])
            {
                _cellCounts[c] = _fullScale;
                continue;
            }

            double volts = cellVoltageV[c];
            if (ExtraNoiseMv[c] > 0)
            {
                volts += ExtraNoiseMv[c] / 1000.0 * _random.FastGaussian();
            }

            _cellCounts[c] = _chain.CellCounts(c, volts);
        }

        for (int m = 0; m < _moduleCounts.Length; m++)
        {
            _moduleCounts[m] = _chain.ModuleCurrentCounts(m, moduleCurrentUa[m] * 1e-6);
        }

        for (int t = 0; t < TemperatureDeciCelsius.Length; t++)
        {
            _temperatureCounts[t] = _chain.TemperatureCounts(t, TemperatureDeciCelsius[t] / 10.0);
        }

        if (_groundCounts != null)
        {
            // The multiplexer's ground inputs: 0 V through the same ADC (every chip reads it as 0).
            for (int g = 0; g < _groundCounts.Length; g++)
            {
                _groundCounts[g] = _chain.GroundCounts();
            }
        }

        _converter.Convert(_cellCounts, _moduleCounts, _temperatureCounts, _chain.ReferenceCounts(), _groundCounts, frame);
    }
}
