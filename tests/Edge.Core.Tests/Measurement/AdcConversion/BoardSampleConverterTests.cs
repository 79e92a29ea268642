using Edge.Core.Boards;
using Edge.Core.Measurement.AdcConversion;
using Edge.Core.Sampling;
using Edge.Core.Tests.Boards;
using Edge.Core.Tests.Calibration;
using Edge.Core.Tests.Safety;
using Xunit;

namespace Edge.Core.Tests.Measurement.AdcConversion;

/// <summary>Raw counts of a tick become a sample frame with values and channel statuses.</summary>
public class BoardSampleConverterTests
{
    [Fact]
    public void Fills_values_and_statuses_of_the_mux_board()
    {
        BoardDefinition board = BoardFiles.Parse(BoardFiles.Mux6s);
        Assert.True(BoardPackLayout.TryCreate(board, out PackLayout layout, out _));
        var frame = new SampleFrame(layout);
        var converter = new BoardSampleConverter(new BoardAdcChannels(board));

        // Cell 0 at its calibration point 4:-3272 (file), cell 1 saturated low, cell 2 at full scale,
        // cell 3 impossible; module 0 at its point 2876:2468; temperature at 763 counts = 0.0 degC.
        int[] cells = { 4, 0, 4095, 5000, 2000, 2000 };
        int[] modules = { 2876, 2000, 2000 };
        int[] temperatures = { 763 };
        converter.Convert(cells, modules, temperatures, frame);

        Assert.Equal(-3272, frame.CellVoltageMv[0]);
        Assert.Equal(ChannelStatus.Valid, frame.CellVoltageStatus[0]);
        Assert.Equal(ChannelStatus.Saturated, frame.CellVoltageStatus[1]);
        Assert.Equal(ChannelStatus.Saturated, frame.CellVoltageStatus[2]);
        Assert.Equal(ChannelStatus.Implausible, frame.CellVoltageStatus[3]);
        Assert.Equal(ChannelStatus.Valid, frame.CellVoltageStatus[4]);
        Assert.Equal(2468, frame.ModuleCurrentUa[0]);
        Assert.Equal(ChannelStatus.Valid, frame.ModuleCurrentStatus[0]);
        Assert.Equal(0, frame.TemperatureDeciCelsius[0]);
        Assert.Equal(ChannelStatus.Valid, frame.TemperatureStatus[0]);

        // The board's own points are synthetic: the frame says so, and the controller will not act on it.
        Assert.True(frame.Uncalibrated);
    }

    [Fact]
    public void A_saturated_reading_carries_the_value_its_calibration_gives_at_that_rail()
    {
        BoardDefinition board = BoardFiles.Parse(BoardFiles.Mux6s);
        Assert.True(BoardPackLayout.TryCreate(board, out PackLayout layout, out _));
        var frame = new SampleFrame(layout);
        var converter = new BoardSampleConverter(new BoardAdcChannels(board));

        // The end segments extended (board file): cell 1 from 2:-3283 at 2.4436 mV a count (7018 / 2872) to 0 counts,
        // -3287.9 -> -3288 mV; cell 2 from 4088:5772 at 1.2881 (152 / 118) to 4095, 5781.0 -> 5781 mV; module 1 from
        // 5:-2160 at 1.6113 uA a count (4626 / 2871) to 0, -2168.1 -> -2168 uA; module 2 from 4089:3815 at 0.8512
        // (103 / 121) to 4095, 3820.1 -> 3820 uA. An impossible reading (cell 3, module 0) carries 0.
        int[] cells = { 2000, 0, 4095, 5000, 2000, 2000 };
        int[] modules = { -1, 0, 4095 };
        converter.Convert(cells, modules, new[] { 1872 }, frame);

        Assert.Equal(ChannelStatus.Saturated, frame.CellVoltageStatus[1]);
        Assert.Equal(-3288, frame.CellVoltageMv[1]);
        Assert.Equal(ChannelStatus.Saturated, frame.CellVoltageStatus[2]);
        Assert.Equal(5781, frame.CellVoltageMv[2]);
        Assert.Equal(ChannelStatus.Implausible, frame.CellVoltageStatus[3]);
        Assert.Equal(0, frame.CellVoltageMv[3]);
        Assert.Equal(ChannelStatus.Implausible, frame.ModuleCurrentStatus[0]);
        Assert.Equal(0, frame.ModuleCurrentUa[0]);
        Assert.Equal(ChannelStatus.Saturated, frame.ModuleCurrentStatus[1]);
        Assert.Equal(-2168, frame.ModuleCurrentUa[1]);
        Assert.Equal(ChannelStatus.Saturated, frame.ModuleCurrentStatus[2]);
        Assert.Equal(3820, frame.ModuleCurrentUa[2]);
    }

    [Fact]
    public void A_reference_read_through_the_multiplexer_far_from_calibration_fails_the_mux_address_check()
    {
        BoardDefinition board = BoardFiles.Parse(BoardFiles.Mux6s);
        Assert.True(BoardPackLayout.TryCreate(board, out PackLayout layout, out _));
        var frame = new SampleFrame(layout);

        // The unit recorded REF (mux input 7) at 1344 counts; 124 counts either side is drift (ReferenceCorrection).
        var converter = new BoardSampleConverter(new BoardAdcChannels(board, SwitchInterlockTests.UnitFromNominalCurves(board)));
        int[] cells = { 1385, 1385, 1385, 1385, 1385, 1385 };
        int[] modules = { 1345, 1345, 1345 };
        int[] temperatures = { 1872 };

        converter.Convert(cells, modules, temperatures, 1344 + 124, frame);
        Assert.False(frame.MuxAddressFault);
        Assert.All(frame.CellVoltageStatus, status => Assert.Equal(ChannelStatus.Valid, status));

        // S0 stuck low: address 7 connects input 6, the NTC at 25.0 degC (1872 counts).
        converter.Convert(cells, modules, temperatures, 1872, frame);
        Assert.True(frame.MuxAddressFault);
        Assert.Equal(1872, frame.MuxReferenceCounts);
        Assert.Equal(1344, frame.MuxReferenceExpectedCounts);
        Assert.All(frame.CellVoltageStatus, status => Assert.Equal(ChannelStatus.Implausible, status));

        // One past the window, and a saturated REF, fail it too; back at REF it passes again.
        converter.Convert(cells, modules, temperatures, 1344 - 125, frame);
        Assert.True(frame.MuxAddressFault);
        converter.Convert(cells, modules, temperatures, 4095, frame);
        Assert.True(frame.MuxAddressFault);
        converter.Convert(cells, modules, temperatures, 1344, frame);
        Assert.False(frame.MuxAddressFault);
        Assert.All(frame.CellVoltageStatus, status => Assert.Equal(ChannelStatus.Valid, status));

        // Without the unit's calibration there is no recorded REF to check against (and no switch closes).
        var nominal = new BoardSampleConverter(new BoardAdcChannels(board));
        nominal.Convert(cells, modules, temperatures, 1872, frame);
        Assert.False(frame.MuxAddressFault);
    }

    [Fact]
    public void A_ground_input_off_ground_marks_only_the_readings_taken_through_the_multiplexer()
    {
        // The mux board with ground on inputs 0 and 7 (MuxStuckSelectLineTests): cells on inputs 1-6, the currents, the NTC
        // and REF on ADC pins of their own; the unit recorded REF at 1344 counts.
        BoardDefinition board = BoardRuleAssert.Parsed(RevisedMuxBoards.With4051());
        Assert.True(BoardPackLayout.TryCreate(board, out PackLayout layout, out _));
        var frame = new SampleFrame(layout);
        var converter = new BoardSampleConverter(new BoardAdcChannels(board, SwitchInterlockTests.UnitFromNominalCurves(board)));
        int[] cells = { 1385, 1385, 1385, 1385, 1385, 1385 };
        int[] modules = { 2900, 1345, 1345 };
        int[] temperatures = { 1872 };

        // 124 counts is inside the window: nothing fails, and the currents' values are taken as the reference for below.
        converter.Convert(cells, modules, temperatures, 1344, new[] { 0, 124 }, frame);
        Assert.False(frame.MuxAddressFault);
        Assert.All(frame.CellVoltageStatus, status => Assert.Equal(ChannelStatus.Valid, status));
        int[] currentsUa = (int[])frame.ModuleCurrentUa.Clone();

        // 125 counts: a select line is stuck. The cells behind the multiplexer are implausible; the currents on their own
        // pins, corrected by a REF that passed its check, read as before and stay valid.
        converter.Convert(cells, modules, temperatures, 1344, new[] { 0, 125 }, frame);
        Assert.True(frame.MuxAddressFault);
        Assert.Equal((125, 0), (frame.MuxReferenceCounts, frame.MuxReferenceExpectedCounts));
        Assert.All(frame.CellVoltageStatus, status => Assert.Equal(ChannelStatus.Implausible, status));
        Assert.All(frame.ModuleCurrentStatus, status => Assert.Equal(ChannelStatus.Valid, status));
        Assert.Equal(currentsUa, frame.ModuleCurrentUa);

        // A REF on its own pin far off is no multiplexer fault, but it takes every corrected reading away, currents too.
        converter.Convert(cells, modules, temperatures, 1344 + 125, new[] { 0, 0 }, frame);
        Assert.False(frame.MuxAddressFault);
        Assert.All(frame.CellVoltageStatus, status => Assert.Equal(ChannelStatus.Implausible, status));
        Assert.All(frame.ModuleCurrentStatus, status => Assert.Equal(ChannelStatus.Implausible, status));
    }

    [Fact]
    public void A_failed_address_check_marks_a_temperature_read_through_the_multiplexer_implausible()
    {
        // 2838 counts is 50.0 degC on the mux board's NTC points, past its 45 degC limit: a reading the sensor's input
        // may not have given (its address may reach another input). Its value is still converted; only its status says so.
        int[] cells = { 1385, 1385, 1385, 1385, 1385, 1385 };
        int[] modules = { 1345, 1345, 1345 };
        int[] temperatures = { 2838 };

        // The 4067 revision: the NTC on input 8, REF on 7, ground on 0 and 15, the unit's REF recorded at 1344 counts.
        BoardDefinition board = BoardRuleAssert.Parsed(RevisedMuxBoards.With4067());
        Assert.True(BoardPackLayout.TryCreate(board, out PackLayout layout, out _));
        var frame = new SampleFrame(layout);
        var converter = new BoardSampleConverter(new BoardAdcChannels(board, SwitchInterlockTests.UnitFromNominalCurves(board)));
        converter.Convert(cells, modules, temperatures, 1344, new[] { 0, 124 }, frame);
        Assert.False(frame.MuxAddressFault);
        Assert.Equal((ChannelStatus.Valid, 500), (frame.TemperatureStatus[0], frame.TemperatureDeciCelsius[0]));

        // A ground input off ground: the NTC behind the multiplexer goes with the cells; the currents on their own pins stay.
        converter.Convert(cells, modules, temperatures, 1344, new[] { 0, 125 }, frame);
        Assert.True(frame.MuxAddressFault);
        Assert.Equal((ChannelStatus.Implausible, 500), (frame.TemperatureStatus[0], frame.TemperatureDeciCelsius[0]));
        Assert.All(frame.CellVoltageStatus, status => Assert.Equal(ChannelStatus.Implausible, status));
        Assert.All(frame.ModuleCurrentStatus, status => Assert.Equal(ChannelStatus.Valid, status));

        // REF's own address off its window fails the check as well, and takes the NTC too.
        converter.Convert(cells, modules, temperatures, 1344 + 125, new[] { 0, 0 }, frame);
        Assert.True(frame.MuxAddressFault);
        Assert.Equal(ChannelStatus.Implausible, frame.TemperatureStatus[0]);

        // The shipped board: the NTC on input 6, REF on 7 and no ground inputs; REF's address reading the NTC fails it.
        board = BoardFiles.Parse(BoardFiles.Mux6s);
        Assert.True(BoardPackLayout.TryCreate(board, out layout, out _));
        frame = new SampleFrame(layout);
        converter = new BoardSampleConverter(new BoardAdcChannels(board, SwitchInterlockTests.UnitFromNominalCurves(board)));
        converter.Convert(cells, modules, temperatures, 1344, frame);
        Assert.Equal(ChannelStatus.Valid, frame.TemperatureStatus[0]);
        converter.Convert(cells, modules, temperatures, 1872, frame);
        Assert.True(frame.MuxAddressFault);
        Assert.Equal(ChannelStatus.Implausible, frame.TemperatureStatus[0]);
    }

    [Fact]
    public void A_temperature_on_its_own_pin_keeps_its_status_through_either_check()
    {
        // The 4051 revision: the NTC on ADC pin 33 and REF on 32, neither behind the multiplexer. A ground input off ground
        // leaves the NTC out of it; so does REF far off on its own pin: the NTC divider hangs off 3.3 V, not off REF.
        BoardDefinition board = BoardRuleAssert.Parsed(RevisedMuxBoards.With4051());
        Assert.True(BoardPackLayout.TryCreate(board, out PackLayout layout, out _));
        var frame = new SampleFrame(layout);
        var converter = new BoardSampleConverter(new BoardAdcChannels(board, SwitchInterlockTests.UnitFromNominalCurves(board)));
        int[] cells = { 1385, 1385, 1385, 1385, 1385, 1385 };
        int[] modules = { 1345, 1345, 1345 };
        int[] temperatures = { 2838 };

        converter.Convert(cells, modules, temperatures, 1344, new[] { 0, 125 }, frame);
        Assert.True(frame.MuxAddressFault);
        Assert.Equal((ChannelStatus.Valid, 500), (frame.TemperatureStatus[0], frame.TemperatureDeciCelsius[0]));

        converter.Convert(cells, modules, temperatures, 1344 + 125, new[] { 0, 0 }, frame);
        Assert.All(frame.CellVoltageStatus, status => Assert.Equal(ChannelStatus.Implausible, status));
        Assert.Equal((ChannelStatus.Valid, 500), (frame.TemperatureStatus[0], frame.TemperatureDeciCelsius[0]));
    }
}
