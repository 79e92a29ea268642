using Edge.Core.Boards;
using Xunit;

namespace Edge.Core.Tests.Boards;

/// <summary>The example in boards/README.md is a valid board, so the documentation cannot drift from the parser.</summary>
public class BoardReadmeTests
{
    [Fact]
    public void Readme_example_parses()
    {
        string readme = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "boards", "README.md"));
        int start = readme.IndexOf("```ini\n", StringComparison.Ordinal) + "```ini\n".Length;
        int end = readme.IndexOf("```", start, StringComparison.Ordinal);
        string example = readme.Substring(start, end - start);

        Assert.True(BoardParser.TryParse(example, out BoardDefinition board, out BoardParseError error), error?.ToString());
        Assert.Equal(1, board.CellCount);
        Assert.Equal(500_000, board.ModuleAt(0).AmplifierGainMilli);
    }
}
