using Edge.Core.Boards;
using Edge.Core.Measurement.AdcConversion;
using Edge.HostSim.Measurement;
using Xunit;

namespace Edge.HostSim.Tests.Measurement;

/// <summary>
/// The boards' synthetic calibration points are the typical chip's: on a simulated unit with
/// Espressif's typical Vref (1100 mV), with noise off, a true value read through the simulated ADC
/// and converted back with the board's points lands within one ADC count's worth of the truth
/// everywhere on the straight part of the curve (from 1 count to the last point below the 2880-count knee).
/// One count at the cell is 1 / (1241 counts/V x ratio); at the module 1 / (1241 x V/A).
/// Other chips need their own calibration (PerUnitCalibrationTests).
/// </summary>
public class MeasurementChainAgreementTests
{
    public static TheoryData<string> Boards => new(TestBoards.FileNames);

    [Theory]
    [MemberData(nameof(Boards))]
    public void Cell_voltages_round_trip_within_one_count(string fileName)
    {
        AssertCellsRoundTrip(TestBoards.Parse(fileName));
    }

    [Theory]
    [MemberData(nameof(Boards))]
    public void Module_currents_round_trip_within_one_count(string fileName)
    {
        AssertCurrentsRoundTrip(TestBoards.Parse(fileName));
    }

    [Fact]
    public void Virtual_board_round_trips_within_one_count()
    {
        BoardDefinition board = VirtualBoard.Create(3, 4);
        AssertCellsRoundTrip(board);
        AssertCurrentsRoundTrip(board);
    }

    [Theory]
    [MemberData(nameof(Boards))]
    public void Calibration_points_lie_on_the_simulated_curve(string fileName)
    {
        // Away from the clipped ends, reading the point's own value must give the point's counts +-1.
        BoardDefinition board = TestBoards.Parse(fileName);
        var chain = new MeasurementChain(board, GaussianNoise.None);
        for (int i = 0; i < board.CellCount; i++)
        {
            CalibrationCurve curve = board.CellAt(i).Calibration;
            for (int p = 0; p < curve.PointCount; p++)
            {
                int counts = chain.CellCounts(i, curve.ValueAt(p) / 1000.0);
                Assert.InRange(counts, curve.CountsAt(p) - 1, curve.CountsAt(p) + 1);
            }
        }
    }

    [Fact]
    public void Cell_beyond_the_adc_span_reads_as_saturated()
    {
        BoardDefinition board = TestBoards.Parse(TestBoards.FileNames[0]);
        var chain = new MeasurementChain(board, GaussianNoise.None);
        var channel = new BoardAdcChannels(board).CellAt(0);

        // Cell 0: 1.225 V + 0.33 x 5.9 V = 3.172 V > 3.134 V (full scale); 1.225 V - 0.33 x 3.3 V = 0.136 V < 0.142 V (zero).
        Assert.False(channel.TryConvertToMv(chain.CellCounts(0, 5.9), out _, out AdcReadingStatus high));
        Assert.Equal(AdcReadingStatus.SaturatedHigh, high);
        Assert.False(channel.TryConvertToMv(chain.CellCounts(0, -3.3), out _, out AdcReadingStatus low));
        Assert.Equal(AdcReadingStatus.SaturatedLow, low);
    }

    /// <summary>Counts of the last point on the straight part (at or below 2880 counts): beyond it the segments span the knee.</summary>
    private static int LastStraightPoint(CalibrationCurve curve)
    {
        int last = curve.CountsAt(0);
        for (int p = 0; p < curve.PointCount && curve.CountsAt(p) <= Esp32AdcModel.LutLowCounts; p++)
        {
            last = curve.CountsAt(p);
        }

        return last;
    }

    private static void AssertCellsRoundTrip(BoardDefinition board)
    {
        var chain = new MeasurementChain(board, GaussianNoise.None);
        var channels = new BoardAdcChannels(board);
        for (int i = 0; i < board.CellCount; i++)
        {
            CellChannelDefinition cell = board.CellAt(i);
            double lsbMv = 1000.0 / (chain.Adc.CountsPerVolt * (cell.DividerRatioPpm / 1e6));
            double lowV = FrontEndModel.CellVoltsAtAdc(cell, chain.Adc.VoltsAtCounts(1.0));
            double highV = FrontEndModel.CellVoltsAtAdc(cell, chain.Adc.VoltsAtCounts(LastStraightPoint(cell.Calibration)));
            int checkedPoints = 0;
            for (double volts = lowV; volts <= highV; volts += 0.00037)
            {
                int counts = chain.CellCounts(i, volts);
                Assert.True(channels.CellAt(i).TryConvertToMv(counts, out int mv, out _));
                double error = Math.Abs(mv - (volts * 1000.0));
                Assert.True(error <= lsbMv, $"{board.Name} cell {i}: {volts * 1000.0:F2} mV read as {counts} counts -> {mv} mV (one count = {lsbMv:F2} mV)");
                checkedPoints++;
            }

            Assert.True(checkedPoints > 10_000);
        }
    }

    private static void AssertCurrentsRoundTrip(BoardDefinition board)
    {
        var chain = new MeasurementChain(board, GaussianNoise.None);
        var channels = new BoardAdcChannels(board);
        for (int m = 0; m < board.ModuleCount; m++)
        {
            ModuleDefinition module = board.ModuleAt(m);
            double lsbUa = 1e6 / (chain.Adc.CountsPerVolt * FrontEndModel.CurrentVoltsPerAmp(module));
            double lowA = FrontEndModel.AmpsAtAdc(module, chain.Adc.VoltsAtCounts(1.0));
            double highA = FrontEndModel.AmpsAtAdc(module, chain.Adc.VoltsAtCounts(LastStraightPoint(module.CurrentCalibration)));
            double step = (highA - lowA) / 20_011;
            for (double amps = lowA; amps <= highA; amps += step)
            {
                int counts = chain.ModuleCurrentCounts(m, amps);
                Assert.True(channels.ModuleAt(m).TryConvertToUa(counts, out int ua, out _));
                double error = Math.Abs(ua - (amps * 1e6));
                Assert.True(error <= lsbUa, $"{board.Name} module {m}: {amps * 1e6:F1} uA read as {counts} counts -> {ua} uA (one count = {lsbUa:F2} uA)");
            }
        }
    }
}
