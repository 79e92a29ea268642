using Edge.Core.Boards;
using Xunit;

namespace Edge.Core.Tests.Boards;

/// <summary>Reads the repository's .board files (copied next to the test assembly) and parses them.</summary>
internal static class BoardFiles
{
    public const string DevKitC4s2m = "esp32-devkitc-4s2m.board";
    public const string Mux6s = "esp32-mux-6s.board";

    public static string Read(string fileName)
        => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "boards", fileName));

    public static BoardDefinition Parse(string fileName)
    {
        bool ok = BoardParser.TryParse(Read(fileName), out BoardDefinition board, out BoardParseError error);
        Assert.True(ok, fileName + ": " + error);
        return board;
    }
}
