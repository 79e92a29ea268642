using Edge.Core.Boards;
using Xunit;

namespace Edge.Core.Tests.Boards;

/// <summary>
/// Of several multiplexer inputs beyond the <c>[mux]</c>'s count, the refusal names the one on the earliest line, the
/// first the author has to fix: the parser checked cells, modules, temperatures, the ground inputs and then the
/// reference, and named the first of those wherever it stood in the file.
/// </summary>
public class MuxInputRangeTests
{
    [Fact]
    public void The_reference_above_the_cells_is_named_when_two_select_pins_leave_four_inputs()
    {
        // The mux board on two select pins: inputs 0-3. The reference's 7 (its section stands above the cells'), cell 4's
        // and cell 5's 4 and 5 and the NTC's 6 are all beyond; the reference's line comes first.
        string text = BoardFiles.Read(BoardFiles.Mux6s);
        Assert.Contains("select_pins = 18, 19, 21 ", text, StringComparison.Ordinal);
        text = text.Replace("select_pins = 18, 19, 21 ", "select_pins = 18, 19     ", StringComparison.Ordinal);
        int referenceLine = LineOf(text, "mux_input = 7 ");
        Assert.True(referenceLine < LineOf(text, "mux_input = 4\n"), "the reference stands above cell 4 in the shipped file");

        BoardParseError error = Rejected(text);

        Assert.Equal(referenceLine, error.LineNumber);
        Assert.Equal(BoardParseErrorKind.OutOfRange, error.Kind);
        Assert.Equal("[reference] mux_input: mux input 7 out of range 0 to 3 for 2 select pins", error.Message);
    }

    [Fact]
    public void A_ground_input_in_the_mux_section_is_named_before_a_cell_further_down()
    {
        // Eight inputs: ground input 8 on the [mux]'s own line and cell 5's 9 further down are both beyond 7.
        string text = BoardFiles.Read(BoardFiles.Mux6s);
        text = text.Replace("select_pins = 18, 19, 21 ", "ground_inputs = 0, 8\nselect_pins = 18, 19, 21 ", StringComparison.Ordinal)
            .Replace("mux_input = 5\n", "mux_input = 9\n", StringComparison.Ordinal);
        int groundLine = LineOf(text, "ground_inputs = 0, 8");
        Assert.True(groundLine < LineOf(text, "mux_input = 9\n"));

        BoardParseError error = Rejected(text);

        Assert.Equal(groundLine, error.LineNumber);
        Assert.Equal("[mux] ground_inputs: mux input 8 out of range 0 to 7 for 3 select pins", error.Message);
    }

    private static BoardParseError Rejected(string text)
    {
        Assert.False(BoardParser.TryParse(text, out BoardDefinition board, out BoardParseError error), "expected a refusal");
        Assert.Null(board);
        return error;
    }

    private static int LineOf(string text, string marker)
    {
        int at = text.IndexOf(marker, StringComparison.Ordinal);
        Assert.True(at >= 0, marker);
        return text[..at].Count(c => c == '\n') + 1;
    }
}
