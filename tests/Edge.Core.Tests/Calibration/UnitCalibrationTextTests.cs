using System.Globalization;
using Edge.Core.Boards;
using Edge.Core.Calibration;
using Edge.Core.Tests.Boards;
using NFUnitTest.Boards;
using Xunit;

namespace Edge.Core.Tests.Calibration;

/// <summary>
/// What a unit's calibration record must hold to be taken: the fingerprint of the front end it was measured through
/// (<c>front_end</c>, refused on a board file whose front end changed since, even under the same name), and its last
/// line (<c>end</c> and the number of channel sections, without which a record cut short still parsed).
/// </summary>
public class UnitCalibrationTextTests
{
    private const string DevKitCName = "esp32-devkitc-4s2m";

    [Theory]
    [InlineData(BoardFiles.DevKitC4s2m, "end 6")]   // 4 cells + 2 modules
    [InlineData(BoardFiles.Mux6s, "end 10")]       // 6 cells + 3 modules + 1 temperature
    public void A_record_names_its_front_end_and_ends_in_its_channel_count(string file, string endLine)
    {
        BoardDefinition board = BoardFiles.Parse(file);
        string text = UnitCalibrationText.Format(SwitchInterlockTests.UnitFromNominalCurves(board));
        string[] lines = text.Split('\n');

        Assert.Equal("front_end = " + board.FrontEndFingerprint, lines[3]);
        Assert.Equal(endLine, lines[^2]);
        Assert.Equal(string.Empty, lines[^1]);
        Assert.True(UnitCalibrationText.TryParse(text, board, out UnitCalibration read, out BoardParseError error), error?.ToString());
        Assert.Equal(board.FrontEndFingerprint, read.FrontEnd);
    }

    /// <summary>
    /// R12_6: a record of the DevKitC board, then its file changed under the same name: module 0's shunt 10 -> 9 ohm (its
    /// nominal curve rescaled to match, so the file is consistent) and cells 0 and 1 swapped between ADC pins 36 and 39.
    /// The old record was accepted: its module 0 curve reads 3200 counts as 2904 uA, which through 9 ohm x 50 = 450 V/A
    /// instead of 500 V/A is 2904 x 10 / 9 = 3227 uA (10 % under-read: the overcurrent limit trips 11 % late), and each of
    /// the swapped cells converted through the other's curve.
    /// </summary>
    [Fact]
    public void A_record_is_refused_on_a_board_file_whose_front_end_changed_under_the_same_name()
    {
        string oldText = BoardFiles.Read(BoardFiles.DevKitC4s2m);
        BoardDefinition oldBoard = Parse(oldText);
        string record = UnitCalibrationText.Format(SwitchInterlockTests.UnitFromNominalCurves(oldBoard));
        string newText = Swapped(WithShunt(oldText, 9000), "36", "39");
        BoardDefinition newBoard = Parse(newText);
        Assert.Equal(DevKitCName, newBoard.Name);

        Assert.False(UnitCalibrationText.TryParse(record, newBoard, out UnitCalibration unit, out BoardParseError error));
        Assert.Null(unit);
        Assert.Equal(BoardParseErrorKind.Inconsistent, error.Kind);
        Assert.Equal(4, error.LineNumber);
        Assert.Equal("front_end", error.Key);
        Assert.Contains("the board's front end changed since calibration", error.Message);
        Assert.Contains("calibrated through front end " + oldBoard.FrontEndFingerprint + ", board '" + DevKitCName + "' now describes " + newBoard.FrontEndFingerprint, error.Message);
        Assert.Contains("calibrate again", error.Message);

        // Each change alone is refused too; the unchanged file still takes the record.
        Assert.False(UnitCalibrationText.TryParse(record, Parse(WithShunt(oldText, 9000)), out _, out error));
        Assert.Contains("front end changed since calibration", error.Message);
        Assert.False(UnitCalibrationText.TryParse(record, Parse(Swapped(oldText, "36", "39")), out _, out error));
        Assert.Contains("front end changed since calibration", error.Message);
        Assert.True(UnitCalibrationText.TryParse(record, Parse(oldText), out _, out error), error?.ToString());
    }

    [Fact]
    public void A_calibration_of_another_front_end_does_not_fit_the_board()
    {
        string oldText = BoardFiles.Read(BoardFiles.DevKitC4s2m);
        UnitCalibration unit = SwitchInterlockTests.UnitFromNominalCurves(Parse(oldText));

        Assert.Null(unit.CheckFits(Parse(oldText)));
        Assert.Contains("front end changed since calibration", unit.CheckFits(Parse(Swapped(oldText, "36", "39"))));
    }

    /// <summary>
    /// R12_5: a record cut at any position short of its last line's end was taken when the cut fell at the end of a
    /// curve's point (11 cuts of the DevKitC record, 13 of the mux board's: the temperature's "424:-100" read as
    /// "424:-1"). Only a cut that takes nothing but blanks off the end leaves a whole record.
    /// </summary>
    [Theory]
    [InlineData(BoardFiles.DevKitC4s2m)]
    [InlineData(BoardFiles.Mux6s)]
    public void Every_cut_of_a_record_is_refused(string file)
    {
        BoardDefinition board = BoardFiles.Parse(file);
        string record = UnitCalibrationText.Format(SwitchInterlockTests.UnitFromNominalCurves(board));
        for (int cut = 0; cut < record.Length; cut++)
        {
            bool whole = record.Substring(cut).Trim().Length == 0;
            bool accepted = UnitCalibrationText.TryParse(record.Substring(0, cut), board, out _, out BoardParseError error);
            Assert.True(accepted == whole, "cut at " + cut + " (..." + record.Substring(Math.Max(0, cut - 20), Math.Min(20, cut)) + "): " + (accepted ? "accepted" : error.ToString()));
        }
    }

    [Fact]
    public void A_record_cut_after_a_point_names_its_missing_last_line()
    {
        BoardDefinition board = BoardFiles.Parse(BoardFiles.Mux6s);
        string record = UnitCalibrationText.Format(SwitchInterlockTests.UnitFromNominalCurves(board));
        string cut = record.Substring(0, record.IndexOf("424:-100", StringComparison.Ordinal) + "424:-1".Length);
        int lines = cut.Split('\n').Length;

        Assert.False(UnitCalibrationText.TryParse(cut, board, out _, out BoardParseError error));
        Assert.Equal(BoardParseErrorKind.MissingSection, error.Kind);
        Assert.Equal(lines, error.LineNumber);
        Assert.Equal("line " + lines + ": the record stops at line " + lines + " without its last line 'end 10': it was cut short (a paste or copy that lost its tail), "
            + "or written before records carried a last line and the board's front end; paste the whole record, or calibrate again", error.ToString());
    }

    [Fact]
    public void A_record_in_the_earlier_form_without_front_end_and_last_line_is_refused()
    {
        // The form the firmware wrote before: [unit] with board, unit and reference_counts, one section a channel, no last line.
        BoardDefinition board = BoardFiles.Parse(BoardFiles.DevKitC4s2m);
        string record = UnitCalibrationText.Format(SwitchInterlockTests.UnitFromNominalCurves(board));
        string earlier = record.Replace("front_end = " + board.FrontEndFingerprint + "\n", string.Empty).Replace("end 6\n", string.Empty);
        Assert.DoesNotContain("front_end", earlier);

        Assert.False(UnitCalibrationText.TryParse(earlier, board, out _, out BoardParseError error));
        Assert.Contains("without its last line 'end 6'", error.Message);
        Assert.Contains("calibrate again", error.Message);

        // With its last line but without the fingerprint: nothing tells its front end from another.
        string withoutFrontEnd = record.Replace("front_end = " + board.FrontEndFingerprint + "\n", string.Empty);
        Assert.False(UnitCalibrationText.TryParse(withoutFrontEnd, board, out _, out error));
        Assert.Equal(BoardParseErrorKind.MissingKey, error.Kind);
        Assert.Equal("front_end", error.Key);
        Assert.StartsWith("[unit]: missing required key 'front_end'", error.Message);
    }

    [Theory]
    [InlineData("end 6\n", "end 5\n", 19, BoardParseErrorKind.Inconsistent, "the record's last line is 'end 5', not 'end 6'")]
    [InlineData("end 6\n", "end\n", 19, BoardParseErrorKind.Inconsistent, "the record's last line is 'end', not 'end 6'")]
    [InlineData("end 6\n", "end 6\n[cell 0]\n", 20, BoardParseErrorKind.Syntax, "text after the record's end line (line 19): '[cell 0]'")]
    [InlineData("end 6\n", "end 6\nend 6\n", 20, BoardParseErrorKind.Syntax, "text after the record's end line (line 19)")]
    [InlineData("\nfront_end = ", "\nfront_end = 0x", 4, BoardParseErrorKind.Syntax, "is not a front-end fingerprint: 8 hex digits, lower case")]
    [InlineData("\nunit = ", "\nfront_end = 00000000\nunit = ", 5, BoardParseErrorKind.DuplicateKey, "duplicate key")]
    public void The_last_line_and_the_fingerprint_are_read_strictly(string find, string replace, int line, BoardParseErrorKind kind, string message)
    {
        BoardDefinition board = BoardFiles.Parse(BoardFiles.DevKitC4s2m);
        string record = UnitCalibrationText.Format(SwitchInterlockTests.UnitFromNominalCurves(board));
        // Header and [unit] (6 lines), 4 cells and 2 modules (2 lines each), the last line.
        Assert.Equal(19, record.Split('\n').Length - 1);

        Assert.False(UnitCalibrationText.TryParse(record.Replace(find, replace), board, out _, out BoardParseError error));
        Assert.Equal(kind, error.Kind);
        Assert.Equal(line, error.LineNumber);
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void Comments_and_blank_lines_after_the_last_line_are_no_text()
    {
        BoardDefinition board = BoardFiles.Parse(BoardFiles.DevKitC4s2m);
        string record = UnitCalibrationText.Format(SwitchInterlockTests.UnitFromNominalCurves(board));

        Assert.True(UnitCalibrationText.TryParse(record + "\n# pasted from the calibration-record event\n\n", board, out _, out BoardParseError error), error?.ToString());
    }

    private static BoardDefinition Parse(string text)
    {
        Assert.True(BoardParser.TryParse(text, out BoardDefinition board, out BoardParseError error), error?.ToString());
        return board;
    }

    /// <summary>The DevKitC text with module 0's shunt at <paramref name="milliohm"/> and its nominal curve rescaled to match.</summary>
    private static string WithShunt(string text, int milliohm)
    {
        string curve = Points(Parse(text).ModuleAt(0).CurrentCalibration, 10000.0 / milliohm);
        return BoardText.With(BoardText.With(text, "[module 0]", "shunt_milliohm", milliohm.ToString(CultureInfo.InvariantCulture)), "[module 0]", "calibration", curve);
    }

    private static string Points(CalibrationCurve curve, double scale)
    {
        var points = new List<string>();
        for (int i = 0; i < curve.PointCount; i++)
        {
            points.Add(curve.CountsAt(i) + ":" + (int)Math.Round(curve.ValueAt(i) * scale));
        }

        return string.Join(", ", points);
    }

    /// <summary>The DevKitC text with cells 0 and 1 on each other's ADC pins.</summary>
    private static string Swapped(string text, string pin0, string pin1)
        => BoardText.With(BoardText.With(text, "[cell 0]", "adc_pin", pin1), "[cell 1]", "adc_pin", pin0);
}
