using System.Globalization;
using Edge.Core.Boards;
using Edge.Core.Calibration;
using Edge.Core.Tests.Boards;
using NFUnitTest.Boards;
using Xunit;

namespace Edge.Core.Tests.Calibration;

/// <summary>
/// What a unit's calibration record must hold to be taken: the fingerprint of the front end it was measured through
/// (<c>front_end</c>, refused on a board file whose front end changed since, even under the same name).
/// </summary>
public class UnitCalibrationTextTests
{
    private const string DevKitCName = "esp32-devkitc-4s2m";

    [Theory]
    [InlineData(BoardFiles.DevKitC4s2m)]
    [InlineData(BoardFiles.Mux6s)]
    public void A_record_names_its_front_end(string file)
    {
        BoardDefinition board = BoardFiles.Parse(file);
        string text = UnitCalibrationText.Format(SwitchInterlockTests.UnitFromNominalCurves(board));
        string[] lines = text.Split('\n');

        Assert.Equal("front_end = " + board.FrontEndFingerprint, lines[3]);
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

    [Fact]
    public void A_record_in_the_earlier_form_without_front_end_is_refused()
    {
        // The form the firmware wrote before: [unit] with board, unit and reference_counts; nothing tells its front end from another.
        BoardDefinition board = BoardFiles.Parse(BoardFiles.DevKitC4s2m);
        string record = UnitCalibrationText.Format(SwitchInterlockTests.UnitFromNominalCurves(board));
        string withoutFrontEnd = record.Replace("front_end = " + board.FrontEndFingerprint + "\n", string.Empty);
        Assert.DoesNotContain("front_end", withoutFrontEnd);

        Assert.False(UnitCalibrationText.TryParse(withoutFrontEnd, board, out _, out BoardParseError error));
        Assert.Equal(BoardParseErrorKind.MissingKey, error.Kind);
        Assert.Equal("front_end", error.Key);
        Assert.StartsWith("[unit]: missing required key 'front_end'", error.Message);
    }

    [Theory]
    [InlineData("\nfront_end = ", "\nfront_end = 0x", 4, BoardParseErrorKind.Syntax, "is not a front-end fingerprint: 8 hex digits, lower case")]
    [InlineData("\nunit = ", "\nfront_end = 00000000\nunit = ", 5, BoardParseErrorKind.DuplicateKey, "duplicate key")]
    public void The_fingerprint_is_read_strictly(string find, string replace, int line, BoardParseErrorKind kind, string message)
    {
        BoardDefinition board = BoardFiles.Parse(BoardFiles.DevKitC4s2m);
        string record = UnitCalibrationText.Format(SwitchInterlockTests.UnitFromNominalCurves(board));

        Assert.False(UnitCalibrationText.TryParse(record.Replace(find, replace), board, out _, out BoardParseError error));
        Assert.Equal(kind, error.Kind);
        Assert.Equal(line, error.LineNumber);
        Assert.Contains(message, error.Message);
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
