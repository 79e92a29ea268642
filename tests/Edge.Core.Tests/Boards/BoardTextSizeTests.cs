using System.Text;
using Edge.Core.Boards;
using Xunit;

namespace Edge.Core.Tests.Boards;

/// <summary>
/// A board text may take at most <see cref="BoardParser.MaxTextBytes"/> (16384) bytes of UTF-8, the encoding of its file
/// and of nanoFramework's string table, which holds every board the firmware compiles in (65,535 bytes for all of an
/// assembly's names and texts). A longer one is refused at line 0 with its size and the limit, before any of it is read.
/// </summary>
public class BoardTextSizeTests
{
    [Fact]
    public void TheLimitIs16KilobytesWellAboveTheLargestShippedBoard()
    {
        Assert.Equal(16 * 1024, BoardParser.MaxTextBytes);
        foreach (string file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "boards"), "*.board"))
        {
            // 2.5 times the largest (esp32-mux-6s, 6,608 bytes): room for a fuller board, not for a runaway one.
            Assert.True(new FileInfo(file).Length * 2 < BoardParser.MaxTextBytes, file + " is more than half the limit");
        }
    }

    [Fact]
    public void ABoardOfExactlyTheLimitParses()
    {
        string text = Padded(BoardParser.MaxTextBytes, '\u00E9');

        Assert.True(BoardParser.TryParse(text, out BoardDefinition board, out BoardParseError error), error?.ToString());
        Assert.Equal(1, board.CellCount);
    }

    [Theory]
    [InlineData('x')]          // one byte in UTF-8
    [InlineData('\u00E9')]     // e-acute: two
    [InlineData('\u2264')]     // less-or-equal: three
    public void OneByteOverTheLimitIsRefusedAtLineZeroWithItsSizeAndTheLimit(char padding)
    {
        string text = Padded(BoardParser.MaxTextBytes + 1, padding);

        Assert.False(BoardParser.TryParse(text, out BoardDefinition board, out BoardParseError error));
        Assert.Null(board);
        Assert.Equal(BoardParseErrorKind.TooLarge, error.Kind);
        Assert.Equal(0, error.LineNumber);
        Assert.StartsWith("line 0: the board text is 16385 bytes (UTF-8), more than the 16384 bytes a board file may hold", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ACharacterBeyondTheBasicPlaneCountsFourBytes()
    {
        // U+1F600 is a surrogate pair in .NET's strings (2 chars) and 4 bytes in UTF-8: 4092 of them and a board of 16,384
        // bytes less 4 x 4092 = 16,368 bytes (and the comment line's "#" and line end) is counted at 16,384 only if each takes four.
        string board = MinimalBoard.Text + "\n";
        int pad = BoardParser.MaxTextBytes - Encoding.UTF8.GetByteCount(board) - 2;
        string text = board + "#" + new string('x', pad % 4) + string.Concat(Enumerable.Repeat("\U0001F600", pad / 4)) + "\n";
        Assert.Equal(BoardParser.MaxTextBytes, Encoding.UTF8.GetByteCount(text));

        Assert.True(BoardParser.TryParse(text, out _, out BoardParseError error), error?.ToString());
        Assert.False(BoardParser.TryParse(text + "#", out _, out error));
        Assert.Equal(BoardParseErrorKind.TooLarge, error.Kind);
    }

    [Fact]
    public void AByteOrderMarkIsNotCounted()
    {
        // The build drops it with the file's reading, and the device's text then holds none.
        Assert.True(BoardParser.TryParse("\uFEFF" + Padded(BoardParser.MaxTextBytes, 'x'), out _, out BoardParseError error), error?.ToString());
    }

    /// <summary>The minimal board with a last comment line of <paramref name="padding"/>: <paramref name="bytes"/> bytes of UTF-8 in all.</summary>
    private static string Padded(int bytes, char padding)
    {
        string board = MinimalBoard.Text + "\n";
        int width = Encoding.UTF8.GetByteCount(padding.ToString());
        int pad = bytes - Encoding.UTF8.GetByteCount(board) - 2;
        string text = board + "#" + new string('x', pad % width) + new string(padding, pad / width) + "\n";
        Assert.Equal(bytes, Encoding.UTF8.GetByteCount(text));
        return text;
    }
}
