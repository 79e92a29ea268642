// Licensed under the MIT License.

using Edge.Core.Boards;
using Edge.Core.Calibration;
using Edge.Core.Measurement.AdcConversion;
using Edge.Core.Sampling;
using Edge.HostSim.Scenarios;
using Xunit;

namespace Edge.HostSim.Tests.Boards;

/// <summary>
/// How strictly board definitions and per-unit calibration records are read (boards/README.md), by the
/// firmware's shared core and by the simulator: a record's repeated key, reversed curve or saturated reference, a
/// fit that would leave the ADC's scale, a limit only a saturated reading reaches, a board the device would refuse.
/// This project hosts them because it is the one that reaches both the shared core and the simulator's loader.
/// </summary>
public sealed class BoardAndCalibrationStrictnessTests
{
    private static string BoardPath(string file) => Path.Combine(AppContext.BaseDirectory, "boards", file);

    private static BoardDefinition Parse(string text)
    {
        bool ok = BoardParser.TryParse(text, out BoardDefinition board, out BoardParseError error);
        Assert.True(ok, "board should parse: " + error);
        return board;
    }

    /// <summary>The record a unit would have if it read exactly the board's nominal curves, REF at <paramref name="referenceCounts"/>.</summary>
    private static UnitCalibration NominalUnit(BoardDefinition board, int referenceCounts) => NFUnitTest.Fakes.NominalRecord.Unit(board, "unit-1", referenceCounts);

    // A per-unit calibration record is bad input like a board file, and the product rule (and the board
    // parser, SectionBuilder.Accept) refuses a key given twice in one section. UnitCalibrationText.TryParse
    // (firmware/Edge.Core.Boards/Calibration/UnitCalibrationText.cs, ReadUnitKey) has no duplicate check for the
    // [unit] keys: the last reference_counts silently wins. With the calibrated REF recorded as 1300 instead of
    // 1408, a unit whose REF really reads 1408 gets a drift "correction" of 108 counts (inside the 124-count
    // plausibility window, so nothing is flagged) subtracted from every cell and current reading: about 260 mV
    // at a cell of the mux board's 0.33 front ends, which moves the 3000 mV limit to about 3260 mV.
    // Expected: refused with DuplicateKey at the second line, naming reference_counts; nothing loaded.
    [Fact]
    public void CalibrationRecordWithARepeatedUnitKeyIsRefused()
    {
        BoardDefinition board = Parse(File.ReadAllText(BoardPath("esp32-mux-6s.board")));
        string record = UnitCalibrationText.Format(NominalUnit(board, 1408));
        string edited = record.Replace("reference_counts = 1408\n", "reference_counts = 1408\nreference_counts = 1300\n");
        Assert.NotEqual(record, edited);

        bool ok = UnitCalibrationText.TryParse(edited, board, out UnitCalibration unit, out BoardParseError error);

        Assert.False(ok, "a record with reference_counts twice was accepted, with ReferenceCounts = " + unit?.ReferenceCounts);
        Assert.Equal(BoardParseErrorKind.DuplicateKey, error.Kind);
        Assert.Equal("reference_counts", error.Key);
    }

    // Every front end puts REF + k x signal on the ADC (k > 0: divider_ratio, shunt x gain), the board's
    // nominal curves rise accordingly, and CalibrationProcedure itself refuses readings that move against the
    // nominal direction (TryCompleteStep). But a record loaded from text (the deployed record, or one stored in
    // flash) is only checked for monotonicity and for reaching the limits (UnitCalibration.CheckFits): a current
    // curve whose values fall with counts is accepted. Every reading of that module then has the wrong sign:
    // a +2000 uA stripping current is reported as -2000 uA (plating) and the reverse, so over-current and
    // plating protection look at the mirror image of the module current.
    // Expected: refused (error names [module 0] calibration), nothing loaded.
    [Fact]
    public void CalibrationRecordWhoseCurveRunsAgainstTheBoardsFrontEndIsRefused()
    {
        BoardDefinition board = Parse(File.ReadAllText(BoardPath("esp32-mux-6s.board")));
        UnitCalibration nominal = NominalUnit(board, 1408);
        CalibrationCurve module0 = nominal.ModuleAt(0);
        int[] counts = new int[module0.PointCount];
        int[] values = new int[module0.PointCount];
        for (int i = 0; i < counts.Length; i++)
        {
            counts[i] = module0.CountsAt(i);
            values[i] = -module0.ValueAt(i);
        }

        CalibrationCurve[] modules = new CalibrationCurve[board.ModuleCount];
        for (int m = 0; m < modules.Length; m++)
        {
            modules[m] = m == 0 ? new CalibrationCurve(counts, values) : nominal.ModuleAt(m);
        }

        CalibrationCurve[] cells = new CalibrationCurve[board.CellCount];
        for (int c = 0; c < cells.Length; c++)
        {
            cells[c] = nominal.CellAt(c);
        }

        CalibrationCurve[] temperatures = new CalibrationCurve[board.TemperatureCount];
        for (int t = 0; t < temperatures.Length; t++)
        {
            temperatures[t] = nominal.TemperatureAt(t);
        }

        string record = UnitCalibrationText.Format(new UnitCalibration(board.Name, board.FrontEndFingerprint, "unit-1", 1408, cells, modules, temperatures));

        bool ok = UnitCalibrationText.TryParse(record, board, out UnitCalibration unit, out BoardParseError error);

        // On HEAD it loads; a reading of +2000 uA (counts where the nominal curve says 2000) then converts to about -2000 uA.
        Assert.False(ok, "a sign-inverted module curve was accepted: nominal count for +2000 uA reads "
            + (unit == null ? "n/a" : new PiecewiseLinearCalibration(unit.ModuleAt(0)).Convert(2586).ToString()) + " uA");
        Assert.Contains("[module 0]", error.Message);
    }

    // CalibrationProcedure.Fit moves each averaged point by up to 3 counts to land on a whole value and
    // bounds the candidate only below (candidate >= 1), never above the ADC's full scale. A channel whose top
    // point reads near the top of the scale (here 4093/4094, mean 4093.5, 2.44 mV a count like the 0.33 front
    // ends) gets its point moved to 4096 counts. TryFinish accepts it, CalibrationMode.Finish stores and reports
    // "record stored, used from every boot on", but the stored text has a point the record parser refuses
    // (counts 0 to 4095): at the next boot UnitCalibrationLoader refuses the record and the unit falls back to
    // observe-only. Expected: every fitted point within 1..full scale - 1 and the finished record parsing back.
    [Fact]
    public void FinishedCalibrationKeepsItsPointsOnTheAdcScaleAndParsesBack()
    {
        // The cells' front ends put +3000 mV two counts below the ADC's full scale (their nominal curves say so: a
        // unit's curve must lie near its board's), so the fit of a reading half-way between counts works at the very top.
        string text = File.ReadAllText(BoardPath("esp32-devkitc-4s2m.board"));
        for (int cell = 0; cell < 4; cell++)
        {
            text = NFUnitTest.Boards.BoardText.With(text, "[cell " + cell + "]", "calibration", "1633:-3000, 4093:3000");
        }

        BoardDefinition board = Parse(text);
        Assert.Equal(4, board.CellCount);
        CalibrationProcedure procedure = new CalibrationProcedure(board, 2);
        while (!procedure.IsComplete)
        {
            CalibrationStep step = procedure.Current;
            int low;
            if (step.Kind == CalibrationChannelKind.Cell)
            {
                // 0.41 counts per mV: -3000 mV at 1633 counts, +3000 mV at 4093 counts.
                low = 1633 + (int)Math.Round((step.ReferenceValue + 3000) * 0.41);
            }
            else
            {
                // 0.62 counts per uA around REF at 1344 counts.
                low = 1344 + (int)Math.Round(step.ReferenceValue * 0.62);
            }

            // Two readings a count apart: a mean half-way between two counts.
            Assert.Null(procedure.AddSample(low, 0));
            Assert.Null(procedure.AddSample(low + 1, 0));
            Assert.True(procedure.TryCompleteStep(out string stepError), stepError);
        }

        Assert.True(procedure.TryFinish("unit-1", out UnitCalibration unit, out string finishError), finishError);
        CalibrationCurve cell0 = unit.CellAt(0);
        int topCounts = cell0.CountsAt(cell0.PointCount - 1);
        bool parsed = UnitCalibrationText.TryParse(UnitCalibrationText.Format(unit), board, out UnitCalibration _, out BoardParseError error);
        Assert.True(
            topCounts < board.AdcFullScaleCounts,
            "cell 0's top point was fitted to " + topCounts + " counts, beyond the ADC's " + board.AdcFullScaleCounts
            + (parsed ? string.Empty : "; the stored record then does not load back: " + error));
        Assert.True(parsed, "the record the procedure finished does not load back: " + error);
    }

    // The simulator and the firmware must accept the same board files. The controller indexes cells as module x
    // cellsPerModule + position (BoardPackLayout.TryCreate), so a board whose modules wire cells 0,2 / 1,3 would run as
    // if cells 0,1 / 2,3 were the modules (the switch and current channel of [module 0] carry cell 2, not cell 1). The
    // shared parser refuses such a file at its cells line, so neither the device nor the simulator runs it.
    // Expected: the scenario is refused under measurement.board.
    [Fact]
    public void SimulatorRefusesABoardTheFirmwareRefuses()
    {
        string text = File.ReadAllText(BoardPath("esp32-devkitc-4s2m.board"))
            .Replace("cells = 0, 1 ", "cells = 0, 2 ")
            .Replace("cells = 2, 3\n", "cells = 1, 3\n");
        Assert.False(BoardParser.TryParse(text, out BoardDefinition _, out BoardParseError parseError), "precondition: the shared parser refuses the board");
        Assert.Equal(BoardParseErrorKind.CellOrder, parseError.Kind);

        string directory = Path.Combine(Path.GetTempPath(), "edge-board-review-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            File.WriteAllText(Path.Combine(directory, "interleaved.board"), text);
            const string Json = """
                {
                  "name": "interleaved-board",
                  "timeLimitS": 10,
                  "pack": { "modules": 2, "cellsPerModule": 2, "preset": "k-betaalumina" },
                  "protocol": { "steps": [ "Strip at 1 mA/cm2 for 1 s", "Rest for 5 s" ] },
                  "measurement": { "board": "interleaved.board" }
                }
                """;

            ScenarioException e = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(Json, directory));
            Assert.Equal("measurement.board", e.Path);
        }
        finally
        {
            Directory.Delete(directory, true);
        }
    }

    // "Limits must be measurable" (boards/README.md) and readings of 0 or full scale are saturated, never
    // converted. ChannelChecks.CheckSafety (firmware/Edge.Core.Boards/Boards/Parsing/ChannelChecks.cs) compares a
    // limit with the calibration's end values only, so a cell curve ending at 4095:3000 passes a 3000 mV limit
    // although 4095 is the saturated reading: the largest value the channel can report is 2998 mV (at 4094), and
    // the limit is never seen as a valid reading. UnitCalibration.CheckFits already judges per-unit curves at the
    // first and last valid counts (1 and 4094); the board check does not. Expected: refused, Inconsistent, naming
    // cell_voltage_max_mv.
    [Fact]
    public void BoardLimitReachedOnlyAtTheSaturatedReadingIsRefused()
    {
        string text = Edge.Core.Tests.Boards.MinimalBoard.With("[cell 0]", "calibration", "1:-3700, 4095:3000");

        bool ok = BoardParser.TryParse(text, out BoardDefinition board, out BoardParseError error);

        Assert.False(ok, "accepted although the largest valid reading converts to "
            + (board == null ? "n/a" : new CellVoltageChannel(board.CellAt(0), board.AdcFullScaleCounts).ConvertToMv(board.AdcFullScaleCounts - 1).ToString()) + " mV");
        Assert.Equal(BoardParseErrorKind.Inconsistent, error.Kind);
        Assert.Equal("cell_voltage_max_mv", error.Key);
    }

    // A saturated reading (0 or full scale) is never trusted, and CalibrationProcedure refuses a saturated
    // reference reading. The record parser still accepts reference_counts = 4095 (range -1..4095,
    // UnitCalibrationText.ReadUnitKey) on a board with a [reference]. The unit then loads as calibrated, and
    // ReferenceCorrection compares every real REF reading (about 1344-1479 counts) with 4095: every tick's cell and
    // current readings are implausible, forever, instead of the record being refused at load with a clear error.
    // Expected: refused, naming reference_counts.
    [Fact]
    public void CalibrationRecordWithASaturatedReferenceReadingIsRefused()
    {
        BoardDefinition board = Parse(File.ReadAllText(BoardPath("esp32-mux-6s.board")));
        string record = UnitCalibrationText.Format(NominalUnit(board, board.AdcFullScaleCounts));

        bool ok = UnitCalibrationText.TryParse(record, board, out UnitCalibration _, out BoardParseError error);

        Assert.False(ok, "a record whose REF reading is the saturated full scale was accepted");
        Assert.Equal("reference_counts", error.Key);
    }

    // The same holds for a reference reading that is not saturated but lies far from what the board's REF can read:
    // the mux board's 1225 mV REF reads (1225 - 142) mV x 4096 x 65536 / (Vref x 196602) = 1232 counts on a chip of
    // Vref 1200 mV and 1479 counts at 1000 mV (boards/README.md, "Per-unit calibration"), and every tick treats a REF
    // reading more than 124 counts from the recorded one as a broken REF (ReferenceCorrection). A record that says
    // 3000 (a typo, a REF left open while it was taken) loads as calibrated, and then every cell and current reading
    // is implausible on every tick. Expected: refused at the reference_counts line; the chips' own ends still load.
    [Theory]
    [InlineData(3000)]
    [InlineData(1000)]
    [InlineData(1232 - 125)]
    [InlineData(1479 + 125)]
    public void CalibrationRecordWithAReferenceReadingTheBoardsRefCannotGiveIsRefused(int referenceCounts)
    {
        BoardDefinition board = Parse(File.ReadAllText(BoardPath("esp32-mux-6s.board")));
        string record = UnitCalibrationText.Format(NominalUnit(board, referenceCounts));

        bool ok = UnitCalibrationText.TryParse(record, board, out UnitCalibration _, out BoardParseError error);

        Assert.False(ok, "a record whose REF reading is " + referenceCounts + " counts was accepted for a 1225 mV REF");
        Assert.Equal("reference_counts", error.Key);
        Assert.Equal(6, error.LineNumber);
        Assert.Contains("1225 mV", error.Message);
    }

    [Theory]
    [InlineData(1232)]
    [InlineData(1344)]
    [InlineData(1479)]
    public void CalibrationRecordWithAReferenceReadingInsideTheChipSpreadLoads(int referenceCounts)
    {
        BoardDefinition board = Parse(File.ReadAllText(BoardPath("esp32-mux-6s.board")));
        string record = UnitCalibrationText.Format(NominalUnit(board, referenceCounts));

        Assert.True(UnitCalibrationText.TryParse(record, board, out UnitCalibration unit, out BoardParseError error), "refused: " + error);
        Assert.Equal(referenceCounts, unit.ReferenceCounts);
    }

    // A record's errors name their line, as a board file's do (boards/README.md, "Errors": line 0 only for a section
    // missing altogether). A channel whose curve does not fit the board (here [module 1]'s running the other way, and
    // [cell 2]'s spanning a fifth less than its front end's) was reported at line 0 under "[unit]", so the operator
    // looking at a 20-line record was not told which calibration line to measure again.
    [Fact]
    public void CalibrationRecordChannelThatDoesNotFitTheBoardIsNamedAtItsLine()
    {
        BoardDefinition board = Parse(File.ReadAllText(BoardPath("esp32-mux-6s.board")));
        string record = UnitCalibrationText.Format(NominalUnit(board, 1344));
        string[] lines = record.Split('\n');
        int module1 = Array.IndexOf(lines, "[module 1]") + 2;
        int cell2 = Array.IndexOf(lines, "[cell 2]") + 2;
        Assert.StartsWith("calibration = ", lines[module1 - 1]);
        Assert.StartsWith("calibration = ", lines[cell2 - 1]);

        // [module 1] with its values negated: every current would read with the wrong sign.
        string reversed = record.Replace(lines[module1 - 1], "calibration = 5:2160, 4089:-3811");
        Assert.False(UnitCalibrationText.TryParse(reversed, board, out UnitCalibration _, out BoardParseError error));
        Assert.Equal((module1, "[module 1]", "calibration", BoardParseErrorKind.Inconsistent), (error.LineNumber, error.Section, error.Key, error.Kind));
        Assert.Contains("wrong sign", error.Message);

        // [cell 2] read a fifth short of its front end: -2616..3018 mV on counts 2..2876, where the nominal curve has -3270..3738.
        string shortSpan = record.Replace(lines[cell2 - 1], "calibration = 2:-2616, 2876:3018");
        Assert.False(UnitCalibrationText.TryParse(shortSpan, board, out UnitCalibration _, out error));
        Assert.Equal((cell2, "[cell 2]", "calibration"), (error.LineNumber, error.Section, error.Key));
        Assert.Contains("of the front end's nominal", error.Message);
    }
}
