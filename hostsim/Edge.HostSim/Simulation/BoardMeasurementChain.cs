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
/// calibration and the board's reference input, exactly as on the device. Fault overlays act on the counts; a
/// multiplexer select line stuck at a level (<see cref="SelectLinesStuckHigh"/>, <see cref="SelectLinesStuckLow"/>) makes
/// every multiplexed channel read the input its address reaches with that bit forced.
/// </summary>
public sealed class BoardMeasurementChain : IMeasurementChain
{
    /// <summary>What the firmware's <c>IAnalogInputs.ReadCounts</c> returns for a read that failed (any negative value).</summary>
    public const int NoConversionCounts = -1;

    private readonly MeasurementChain _chain;
    private readonly BoardSampleConverter _converter;
    private readonly SimRandom _random;
    private readonly int[] _cellCounts;
    private readonly int[] _moduleCounts;
    private readonly int[] _temperatureCounts;
    private readonly int[]? _groundCounts;
    private readonly int _fullScale;

    // Per channel, its multiplexer input (-1: an ADC pin of its own), and this tick's signal on its input, volts.
    private readonly int[] _cellInputs;
    private readonly int[] _moduleInputs;
    private readonly int[] _temperatureInputs;
    private readonly int[] _groundInputs;
    private readonly int _referenceInput;
    private readonly double[] _cellVolts;
    private readonly double[] _moduleVolts;
    private readonly double[] _temperatureVolts;

    // Per multiplexer input, the signal on it this tick, volts (0 where nothing is wired).
    private readonly double[] _inputVolts;

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
        CurrentOverlays = new CurrentChannelOverlay[board.ModuleCount];
        ExtraNoiseMv = new double[board.CellCount];
        _cellInputs = new int[board.CellCount];
        _cellVolts = new double[board.CellCount];
        for (int c = 0; c < board.CellCount; c++)
        {
            _cellInputs[c] = board.CellAt(c).Input.MuxInput;
        }

        _moduleInputs = new int[board.ModuleCount];
        _moduleVolts = new double[board.ModuleCount];
        for (int m = 0; m < board.ModuleCount; m++)
        {
            _moduleInputs[m] = board.ModuleAt(m).CurrentInput.MuxInput;
        }

        _temperatureInputs = new int[board.TemperatureCount];
        _temperatureVolts = new double[board.TemperatureCount];
        for (int t = 0; t < board.TemperatureCount; t++)
        {
            _temperatureInputs[t] = board.TemperatureAt(t).Input.MuxInput;
        }

        _groundInputs = new int[grounds];
        for (int g = 0; g < grounds; g++)
        {
            _groundInputs[g] = board.Mux!.GroundInputAt(g).MuxInput;
        }

        _referenceInput = board.Reference == null ? AnalogInputDefinition.None : board.Reference.Input.MuxInput;
        _inputVolts = new double[board.Mux == null ? 0 : board.Mux.InputCount];
    }

    /// <summary>
    /// Multiplexer select lines stuck high, bit i for S<em>i</em> (the muxSelectLine fault); 0: none. Each multiplexed
    /// channel then reads the input at its address with those bits set.
    /// </summary>
    public int SelectLinesStuckHigh { get; set; }

    /// <summary>Select lines stuck low, as <see cref="SelectLinesStuckHigh"/>: those address bits cleared.</summary>
    public int SelectLinesStuckLow { get; set; }

    /// <summary>The unit's analog chain (its ADC, and the REF error a test may set).</summary>
    public MeasurementChain Chain => _chain;

    public bool[] Stuck { get; }

    public bool[] Saturated { get; }

    /// <inheritdoc />
    public CurrentChannelOverlay[] CurrentOverlays { get; }

    public double[] ExtraNoiseMv { get; }

    /// <inheritdoc />
    public int[] TemperatureDeciCelsius { get; }

    public void Convert(double[] cellVoltageV, int[] moduleCurrentUa, SampleFrame frame)
    {
        // Every channel's signal first, then each is sampled, in the order the firmware reads them: a multiplexed channel
        // samples the signal on the input its address reaches, which a stuck select line moves. Without one every
        // channel reads its own signal, the same draws of noise in the same order.
        Array.Clear(_inputVolts);
        for (int c = 0; c < _cellVolts.Length; c++)
        {
            double volts = cellVoltageV[c];
            if (ExtraNoiseMv[c] > 0 && !Stuck[c] && !Saturated[c])
            {
                volts += ExtraNoiseMv[c] / 1000.0 * _random.FastGaussian();
            }

            _cellVolts[c] = _chain.CellAdcVolts(c, volts);
            Wire(_cellInputs[c], _cellVolts[c]);
        }

        for (int m = 0; m < _moduleVolts.Length; m++)
        {
            _moduleVolts[m] = _chain.ModuleCurrentAdcVolts(m, moduleCurrentUa[m] * 1e-6);
            Wire(_moduleInputs[m], _moduleVolts[m]);
        }

        // A sensor the pack does not simulate still sits on its input, at the ambient 25.0 degC.
        for (int t = 0; t < _temperatureVolts.Length; t++)
        {
            double celsius = t < TemperatureDeciCelsius.Length ? TemperatureDeciCelsius[t] / 10.0 : Faults.FaultInjector.AmbientDeciCelsius / 10.0;
            _temperatureVolts[t] = _chain.TemperatureAdcVolts(t, celsius);
            Wire(_temperatureInputs[t], _temperatureVolts[t]);
        }

        double referenceVolts = _chain.ReferenceAdcVolts();
        Wire(_referenceInput, referenceVolts);

        for (int c = 0; c < _cellCounts.Length; c++)
        {
            if (Stuck[c])
            {
                continue;
            }

            _cellCounts[c] = Saturated[c] ? _fullScale : _chain.CountsAt(Routed(_cellInputs[c], _cellVolts[c]));
        }

        for (int m = 0; m < _moduleCounts.Length; m++)
        {
            // A channel at a rail or without a conversion: the counts the firmware's acquisition gets (a sample of several
            // readings is saturated or impossible when one of them is, AdcReadingMean), converted below as on the device.
            CurrentChannelOverlay overlay = CurrentOverlays[m];
            _moduleCounts[m] = overlay == CurrentChannelOverlay.None ? _chain.CountsAt(Routed(_moduleInputs[m], _moduleVolts[m]))
                : overlay == CurrentChannelOverlay.RailHigh ? _fullScale
                : overlay == CurrentChannelOverlay.RailLow ? 0
                : NoConversionCounts;
        }

        for (int t = 0; t < TemperatureDeciCelsius.Length; t++)
        {
            _temperatureCounts[t] = _chain.CountsAt(Routed(_temperatureInputs[t], _temperatureVolts[t]));
        }

        if (_groundCounts != null)
        {
            // The multiplexer's ground inputs: 0 V through the same ADC (every chip reads it as 0).
            for (int g = 0; g < _groundCounts.Length; g++)
            {
                _groundCounts[g] = _chain.CountsAt(Routed(_groundInputs[g], 0.0));
            }
        }

        int referenceCounts = _chain.Board.Reference == null ? 0 : _chain.CountsAt(Routed(_referenceInput, referenceVolts));
        _converter.Convert(_cellCounts, _moduleCounts, _temperatureCounts, referenceCounts, _groundCounts, frame);
    }

    /// <summary>Puts a multiplexed channel's signal on its input (<paramref name="input"/> -1: an ADC pin of its own).</summary>
    private void Wire(int input, double volts)
    {
        if (input >= 0)
        {
            _inputVolts[input] = volts;
        }
    }

    /// <summary>
    /// What a channel samples: its own signal on an ADC pin of its own, else the signal on the input its address reaches
    /// with the stuck select lines forced (an input nothing is wired to reads 0 V here; a real one floats).
    /// </summary>
    private double Routed(int input, double ownVolts)
    {
        if (input < 0)
        {
            return ownVolts;
        }

        return _inputVolts[(input | SelectLinesStuckHigh) & ~SelectLinesStuckLow];
    }
}
