using Edge.Core.Boards;
using Xunit;

namespace Edge.Core.Tests.Boards;

/// <summary>
/// Board statements are printable ASCII, separated by spaces and tabs only; comments may hold anything but a NUL. The
/// simulator (.NET) and the device (nanoFramework) trim different sets of Unicode spaces and a NUL ends a nanoFramework
/// string: without the rule, one file read two ways (a no-break space after a value: usable on the host, refused at
/// boot; a NUL in a comment: the rest of the file lost on the device).
/// </summary>
public class BoardTextCharacterTests
{
    [Theory]
    [InlineData("\u202F")]
    [InlineData("\u00A0")]
    [InlineData("\u0085")]
    [InlineData("\u2028")]
    [InlineData("\u200B")]
    [InlineData("\uFEFF")]
    public void AUnicodeSpaceAfterAValueIsRefusedNamingItsCodePointAndLine(string space)
    {
        string text = MinimalBoard.Text.Replace("divider_ratio = 0.4", "divider_ratio = 0.4" + space, StringComparison.Ordinal);

        Assert.False(BoardParser.TryParse(text, out _, out BoardParseError error));
        Assert.Equal(LineOf(text, "divider_ratio"), error.LineNumber);
        Assert.Equal(BoardParseErrorKind.Syntax, error.Kind);
        Assert.Equal("character U+" + ((int)space[0]).ToString("X4") + " is not allowed outside a comment: statements are printable ASCII, and only spaces and tabs separate them", error.Message);
    }

    [Fact]
    public void ANulEvenInACommentIsRefused()
    {
        Assert.Contains("U+0000 (NUL) is allowed nowhere", RefusedSafetyComment("# limits\0 of the pack").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ABackslashEvenInACommentIsRefusedAsTheFirmwareBuildRefusesIt()
    {
        Assert.StartsWith("a backslash is allowed nowhere", RefusedSafetyComment("# see C:\\boards\\notes.txt").Message, StringComparison.Ordinal);
    }

    /// <summary>The error for the minimal board with <paramref name="comment"/> after its [safety] header, refused at that line.</summary>
    private static BoardParseError RefusedSafetyComment(string comment)
    {
        string text = MinimalBoard.Text.Replace("[safety]", "[safety]   " + comment, StringComparison.Ordinal);

        Assert.False(BoardParser.TryParse(text, out _, out BoardParseError error));
        Assert.Equal(LineOf(text, "[safety]"), error.LineNumber);
        return error;
    }

    [Fact]
    public void CommentsMayHoldAnyOtherCharacterAndTabsSeparateAsSpacesDo()
    {
        string text = MinimalBoard.Text
            .Replace("[safety]", "[safety]   # Grenzwerte \u2264 3,3\u00A0V \u2014 siehe \u00A75", StringComparison.Ordinal)
            .Replace("divider_ratio = 0.4", "\tdivider_ratio\t=\t0.4\t", StringComparison.Ordinal);

        Assert.True(BoardParser.TryParse(text, out BoardDefinition board, out BoardParseError error), error?.ToString());
        Assert.Equal(1, board.CellCount);
    }

    private static int LineOf(string text, string start)
    {
        string[] lines = text.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            if (lines[i].StartsWith(start, StringComparison.Ordinal))
            {
                return i + 1;
            }
        }

        throw new InvalidOperationException(start + " not found");
    }
}
