using Edge.Core.Boards;
using Xunit;

namespace Edge.HostSim.Tests.Measurement;

/// <summary>The repository's board files, copied next to the test assembly.</summary>
internal static class TestBoards
{
    public static readonly string[] FileNames = { "esp32-devkitc-4s2m.board", "esp32-mux-6s.board" };

    public static BoardDefinition Parse(string fileName)
    {
        string text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "boards", fileName));
        Assert.True(BoardParser.TryParse(text, out BoardDefinition board, out BoardParseError error), fileName + ": " + error);
        return board;
    }
}
