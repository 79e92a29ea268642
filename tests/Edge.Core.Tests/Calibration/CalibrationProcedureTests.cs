using Edge.Core.Boards;
using Edge.Core.Calibration;
using Edge.Core.Tests.Boards;
using Xunit;

namespace Edge.Core.Tests.Calibration;

/// <summary>
/// The calibration procedure's plan, fit and record, on readings computed by hand (a straight
/// channel of 2 mV per count): independent of the simulator's ADC model.
/// </summary>
public class CalibrationProcedureTests
{
    [Fact]
    public void Plan_covers_every_channel_with_zero_span_and_points_near_zero()
    {
        BoardDefinition mux = BoardFiles.Parse(BoardFiles.Mux6s);
        var procedure = new CalibrationProcedure(mux);

        // 6 cells x 9 + 3 modules x 7 + 1 NTC x its 12 board points.
        Assert.Equal((6 * 9) + (3 * 7) + 12, procedure.StepCount);
        Assert.Equal(new[] { -3000, -1000, -300, -100, 0, 100, 300, 1000, 3000 }, Values(procedure, 0, 9));
        Assert.Equal(new[] { -2000, -400, -100, 0, 100, 400, 2000 }, Values(procedure, 54, 7));
        Assert.Equal(CalibrationChannelKind.ModuleCurrent, procedure.StepAt(54).Kind);
        Assert.Equal(CalibrationChannelKind.Temperature, procedure.StepAt(75).Kind);
        Assert.Equal(-200, procedure.StepAt(75).ReferenceValue);
        Assert.Equal(850, procedure.StepAt(86).ReferenceValue);
        Assert.Equal("0.1 degC", procedure.StepAt(86).Unit);
        Assert.Equal(4096, procedure.SamplesPerPoint);
    }

    [Fact]
    public void A_temperature_instruction_gives_degrees_as_the_operator_sets_them()
    {
        // The mux board's NTC points run from -20.0 to 85.0 degC; the step holds them in 0.1 degC (-200, 850). An
        // operator reading "apply 850 0.1 degC" has to do the conversion at the bath; the instruction does it.
        var procedure = new CalibrationProcedure(BoardFiles.Parse(BoardFiles.Mux6s));

        Assert.Equal("temperature 0, point 12 of 12: apply 85.0 degC at the sensor (reference bath, or the NTC's resistance at that temperature in its place), then record", procedure.StepAt(86).Instruction);
        Assert.StartsWith("temperature 0, point 1 of 12: apply -20.0 degC at the sensor", procedure.StepAt(75).Instruction, StringComparison.Ordinal);
        Assert.StartsWith("cell 0, point 1 of 9: apply -3000 mV across the cell terminals", procedure.StepAt(0).Instruction, StringComparison.Ordinal);
        Assert.Equal("-0.5", CalibrationStep.DeciCelsiusText(-5));
        Assert.Equal("0.0", CalibrationStep.DeciCelsiusText(0));
        Assert.Equal("-10.5", CalibrationStep.DeciCelsiusText(-105));
    }

    [Fact]
    public void A_limit_near_zero_plans_only_points_the_front_end_separates_and_a_unit_of_it_calibrates()
    {
        // A stripping-only DevKitC whose cells may go to -100 mV: the plan's -3 mV point (-100 / 30) lay 3 mV x 0.33 =
        // 1 mV from 0 V at the ADC, 1.1 counts on a Vref-1200 chip (1138 counts/V) and 1.2 on the typical one, under
        // the 2 counts a point must move, so no unit could pass that step. -10 mV is 3.75 counts from 0 V on the
        // Vref-1200 chip, too few once the fit may move each point 3 counts (a simulated unit's fit put -10 and 0 mV on
        // one count); -33 mV is 12.4 counts away and stays, and the stripping side keeps its 100 mV points.
        string text = NFUnitTest.Boards.BoardText.With(BoardFiles.Read(BoardFiles.DevKitC4s2m), "[safety]", "cell_voltage_min_mv", "-100");
        BoardDefinition board = BoardRuleAssert.Parsed(text);
        var procedure = new CalibrationProcedure(board, 4);

        Assert.Equal(new[] { -100, -33, 0, 100, 300, 1000, 3000 }, Values(procedure, 0, 7));
        Assert.Equal(new[] { -2000, -400, -100, 0, 100, 400, 2000 }, Values(procedure, 4 * 7, 7));

        UnitCalibration unit = CalibrateVref1200Unit(board, procedure);
        Assert.Equal(7, unit.CellAt(0).PointCount);
        Assert.Null(unit.CheckFits(board));
    }

    [Fact]
    public void The_least_cell_limit_the_board_rules_take_calibrates_and_one_mV_less_is_refused()
    {
        // 27 mV is 10.1 counts from 0 V through the DevKitC's coarsest divider (0.3296) on a Vref-1200 chip, 26 mV 9.75:
        // the board rules take -27 and refuse -26 at its key. At -27 the plan keeps only the limit and 0 V on that side
        // (-9 mV would be 3.4 counts from 0 V), and a unit of it calibrates.
        string devkit = BoardFiles.Read(BoardFiles.DevKitC4s2m);
        Assert.False(BoardParser.TryParse(NFUnitTest.Boards.BoardText.With(devkit, "[safety]", "cell_voltage_min_mv", "-26"), out _, out BoardParseError error));
        Assert.Equal(("[safety]", "cell_voltage_min_mv"), (error.Section, error.Key));

        BoardDefinition board = BoardRuleAssert.Parsed(NFUnitTest.Boards.BoardText.With(devkit, "[safety]", "cell_voltage_min_mv", "-27"));
        var procedure = new CalibrationProcedure(board, 4);
        Assert.Equal(new[] { -27, 0, 100, 300, 1000, 3000 }, Values(procedure, 0, 6));

        UnitCalibration unit = CalibrateVref1200Unit(board, procedure);
        Assert.Equal(6, unit.CellAt(3).PointCount);
        Assert.Null(unit.CheckFits(board));
    }

    /// <summary>
    /// A Vref-1200 unit exactly as the board describes its front end, on Espressif's line: counts = (offset + ratio x cell
    /// mV - 142) x 1.13826 (cells), (offset + 0.5 mV/uA x current - 142) x 1.13826 (10 ohm x 50), through every step.
    /// </summary>
    private static UnitCalibration CalibrateVref1200Unit(BoardDefinition board, CalibrationProcedure procedure)
    {
        const double countsPerMv = 4096.0 * 65536.0 / (1200.0 * 196602.0);
        while (!procedure.IsComplete)
        {
            CalibrationStep step = procedure.Current;
            double adcMv = step.Kind == CalibrationChannelKind.Cell
                ? board.CellAt(step.ChannelIndex).OffsetMv + (board.CellAt(step.ChannelIndex).DividerRatioPpm / 1e6 * step.ReferenceValue)
                : board.ModuleAt(step.ChannelIndex).OffsetMv + (0.5 * step.ReferenceValue);
            double exact = (adcMv - 142) * countsPerMv;
            int below = (int)Math.Floor(exact);
            int above = exact - below >= 0.5 ? below + 1 : below;
            foreach (int counts in new[] { below, above, below, above })
            {
                Assert.Null(procedure.AddSample(counts, 0));
            }

            Assert.True(procedure.TryCompleteStep(out string error), error);
        }

        Assert.True(procedure.TryFinish("bench-8", out UnitCalibration unit, out string finishError), finishError);
        return unit;
    }

    [Fact]
    public void Reference_values_are_rounded_fractions_without_repeats()
    {
        Assert.Equal(new[] { -3000, -1000, -300, -100, 0, 100, 300, 1000, 3000 }, CalibrationProcedure.ReferenceValues(-3000, 3000, new[] { 1, 3, 10, 30 }));
        Assert.Equal(new[] { 0, 3, 10, 33, 100 }, CalibrationProcedure.ReferenceValues(0, 100, new[] { 1, 3, 10, 30 }));
    }

    [Fact]
    public void Fit_lands_averaged_readings_on_whole_counts_along_the_slope()
    {
        // Cell readings 2000 + value / 2 (2 mV per count) with a quarter count of offset: the averaged reading
        // 2000.25 + v / 2 lies between counts, and the fit must move it to a whole count with the value moved by
        // 2 mV per count, so every point satisfies value = 2 x (counts - 2000.25) rounded. The board's nominal
        // curves are that line too (a unit's curve must lie near its board's).
        string text = MinimalBoard.With("[cell 0]", "divider_ratio", "0.33").Replace("offset_mv = 1650", "offset_mv = 1225").Replace("max_module_current_ma = 8", "max_module_current_ma = 2").Replace("max_plating_current_ma = 5", "max_plating_current_ma = 1");
        text = NFUnitTest.Boards.BoardText.With(text, "[cell 0]", "calibration", "0:-4000, 4094:4188");
        text = NFUnitTest.Boards.BoardText.With(text, "[module 0]", "calibration", "0:-4000, 4094:4188");
        BoardDefinition board = BoardRuleAssert.Parsed(text);
        var procedure = new CalibrationProcedure(board, 4);
        while (!procedure.IsComplete)
        {
            CalibrationStep step = procedure.Current;
            double exact = 2000.25 + (step.ReferenceValue / 2.0);
            foreach (int counts in new[] { (int)Math.Floor(exact), (int)Math.Floor(exact), (int)Math.Floor(exact), (int)Math.Floor(exact) + 1 })
            {
                Assert.Null(procedure.AddSample(counts, 0));
            }

            Assert.True(procedure.TryCompleteStep(out string error), error);
        }

        Assert.True(procedure.TryFinish("bench-7", out UnitCalibration unit, out string finishError), finishError);
        CalibrationCurve cell = unit.CellAt(0);
        Assert.Equal(9, cell.PointCount);
        for (int p = 0; p < cell.PointCount; p++)
        {
            // On a 2 mV-per-count line every whole count carries a whole value, so the nearest count is taken.
            Assert.Equal(2 * (cell.CountsAt(p) - 2000.25), cell.ValueAt(p), 0.5);
        }

        Assert.Equal(-1, unit.ReferenceCounts);
        Assert.Equal("bench-7", unit.UnitId);
        Assert.Null(unit.CheckFits(board));
    }

    [Fact]
    public void Unit_ids_are_checked()
    {
        Assert.Null(UnitCalibrationText.CheckUnitId("24:0a:c4:12:34:56"));
        Assert.NotNull(UnitCalibrationText.CheckUnitId(""));
        Assert.NotNull(UnitCalibrationText.CheckUnitId("unit 7"));
        // Every device id (1 to 64 characters) can name its unit: calibration mode's default unit id is the device id.
        Assert.Null(UnitCalibrationText.CheckUnitId(new string('x', 64)));
        Assert.NotNull(UnitCalibrationText.CheckUnitId(new string('x', 65)));
    }

    [Fact]
    public void Bad_calibration_text_is_refused_with_its_line()
    {
        BoardDefinition board = BoardFiles.Parse(BoardFiles.DevKitC4s2m);
        string text = UnitCalibrationText.Format(SwitchInterlockTests.UnitFromNominalCurves(board));

        Assert.True(UnitCalibrationText.TryParse(text, board, out UnitCalibration read, out _));
        Assert.Equal(UnitCalibration.NoReference, read.ReferenceCounts);

        Assert.False(UnitCalibrationText.TryParse(text.Replace("calibration = 4:-3272", "calibration = 4:x"), board, out _, out BoardParseError bad));
        Assert.Equal(BoardParseErrorKind.BadNumber, bad.Kind);
        Assert.Equal(8, bad.LineNumber);

        Assert.False(UnitCalibrationText.TryParse(text.Replace("reference_counts = -1\n", string.Empty), board, out _, out BoardParseError missing));
        Assert.Contains("[unit]: missing required key 'reference_counts'", missing.Message);

        Assert.False(UnitCalibrationText.TryParse(text.Replace("unit = test-unit", "unit = test unit"), board, out _, out BoardParseError badId));
        Assert.Equal(5, badId.LineNumber);
    }

    [Fact]
    public void A_calibration_text_with_tabs_for_spaces_reads_the_same()
    {
        // Section headers take a tab between name and number as board files do: "[cell<TAB>1]" read as an unknown section.
        BoardDefinition board = BoardFiles.Parse(BoardFiles.DevKitC4s2m);
        UnitCalibration unit = SwitchInterlockTests.UnitFromNominalCurves(board);
        string text = UnitCalibrationText.Format(unit).Replace(" = ", "\t=\t").Replace("[cell ", "[cell\t").Replace("[module ", "[module\t");

        Assert.True(UnitCalibrationText.TryParse(text, board, out UnitCalibration read, out BoardParseError error), error?.ToString());
        Assert.Equal(unit.CellAt(1).CountsAt(0), read.CellAt(1).CountsAt(0));
        Assert.Equal(unit.ModuleAt(1).ValueAt(1), read.ModuleAt(1).ValueAt(1));
    }

    [Fact]
    public void A_calibration_text_saved_with_a_byte_order_mark_and_windows_line_ends_reads_the_same()
    {
        BoardDefinition board = BoardFiles.Parse(BoardFiles.DevKitC4s2m);
        string text = UnitCalibrationText.Format(SwitchInterlockTests.UnitFromNominalCurves(board));
        Assert.True(UnitCalibrationText.TryParse("\uFEFF" + text.Replace("\n", "\r\n"), board, out UnitCalibration read, out BoardParseError error), error?.Message);
        Assert.Equal(text, UnitCalibrationText.Format(read));
    }

    private static int[] Values(CalibrationProcedure procedure, int first, int count)
        => Enumerable.Range(first, count).Select(i => procedure.StepAt(i).ReferenceValue).ToArray();
}
