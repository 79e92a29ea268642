using Edge.Core.Boards;
using Xunit;

namespace Edge.Core.Tests.Boards;

/// <summary>Shared assertions of the board rule tests: a rejection names line, kind and key; warnings are found by kind.</summary>
internal static class BoardRuleAssert
{
    public static void Rejected(string text, int expectedLine, BoardParseErrorKind expectedKind, string phrase)
    {
        bool ok = BoardParser.TryParse(text, out BoardDefinition board, out BoardParseError error);
        Assert.False(ok, "expected a rejection, text:\n" + text);
        Assert.Null(board);
        Assert.Contains(phrase, error.Message);
        Assert.Equal(expectedKind, error.Kind);
        Assert.Equal(expectedLine, error.LineNumber);
    }

    public static BoardDefinition Parsed(string text)
    {
        Assert.True(BoardParser.TryParse(text, out BoardDefinition board, out BoardParseError error), error?.ToString());
        return board;
    }

    public static BoardWarning SingleWarning(BoardDefinition board, BoardWarningKind kind)
    {
        BoardWarning found = null;
        for (int i = 0; i < board.WarningCount; i++)
        {
            if (board.WarningAt(i).Kind == kind)
            {
                Assert.True(found == null, "more than one " + kind + " warning");
                found = board.WarningAt(i);
            }
        }

        Assert.True(found != null, "no " + kind + " warning");
        return found;
    }

    public static int Count(BoardDefinition board, BoardWarningKind kind)
    {
        int count = 0;
        for (int i = 0; i < board.WarningCount; i++)
        {
            count += board.WarningAt(i).Kind == kind ? 1 : 0;
        }

        return count;
    }
}
