using BenchmarkDotNet.Attributes;
using Edge.Core.Boards;
using Edge.Core.Measurement.AdcConversion;
using Edge.Core.Sampling;
using Edge.HostSim.Measurement;

namespace Edge.Benchmarks.Measurement;

/// <summary>Per-tick cost of converting one frame of counts (the firmware's hot path) and of parsing a board (start-up).</summary>
[MemoryDiagnoser]
public class AdcConversionBenchmarks
{
    private BoardSampleConverter _converter;
    private BoardSampleConverter _calibratedConverter;
    private int _referenceCounts;
    private SampleFrame _frame;
    private int[] _cellCounts;
    private int[] _moduleCounts;
    private string _boardText;

    [GlobalSetup]
    public void Setup()
    {
        BoardDefinition board = VirtualBoard.Create(4, 4);
        BoardPackLayout.TryCreate(board, out PackLayout layout, out _);
        _frame = new SampleFrame(layout);
        _converter = new BoardSampleConverter(new BoardAdcChannels(board));
        var chain = new MeasurementChain(board, new GaussianNoise(2.0, 1));
        _calibratedConverter = new BoardSampleConverter(new BoardAdcChannels(board, CalibrationBench.Calibrate(chain, "bench", 64)));
        _referenceCounts = chain.ReferenceCounts();
        _cellCounts = Enumerable.Range(0, board.CellCount).Select(i => chain.CellCounts(i, 0.1 * i - 0.8)).ToArray();
        _moduleCounts = Enumerable.Range(0, board.ModuleCount).Select(m => chain.ModuleCurrentCounts(m, 0.001 * m)).ToArray();
        _boardText = """
            [board]
            name = bench
            module = wroom
            sample_period_ms = 10
            adc_resolution_bits = 12
            adc_attenuation_db = 11
            [cell 0]
            adc_pin = 36
            divider_ratio = 0.4
            offset_mv = 1650
            calibration = 3:-3696, 24:-3668, 85:-3583, 158:-3473, 214:-3381, 3549:2369, 3645:2540, 3746:2735, 3817:2883, 3884:3034, 3948:3191, 3997:3322, 4043:3456, 4070:3541, 4088:3601
            [module 0]
            cells = 0
            adc_pin = 32
            shunt_milliohm = 1000
            amplifier_gain = 500
            offset_mv = 1650
            calibration = 1:-14000, 4094:14000
            switch_pin = 16
            switch_active = high
            switch_driver = gpio
            [safety]
            max_module_current_ma = 8
            max_plating_current_ma = 5
            cell_voltage_min_mv = -3000
            cell_voltage_max_mv = 3000
            """;
    }

    /// <summary>16 cells and 4 module currents through the board's 12-point nominal calibrations.</summary>
    [Benchmark]
    public void ConvertFrame16Cells() => _converter.Convert(_cellCounts, _moduleCounts, null, _frame);

    /// <summary>The same frame through a unit's own calibration, corrected by the reference input (the device's path).</summary>
    [Benchmark]
    public void ConvertFrame16CellsWithReference() => _calibratedConverter.Convert(_cellCounts, _moduleCounts, null, _referenceCounts, _frame);

    [Benchmark]
    public bool ParseBoard() => BoardParser.TryParse(_boardText, out _, out _);
}
