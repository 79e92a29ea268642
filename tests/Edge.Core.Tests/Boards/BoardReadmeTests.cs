using Edge.Core.Boards;
using Xunit;

namespace Edge.Core.Tests.Boards;

/// <summary>
/// The example in boards/README.md is a valid board, and its "Errors" table names every kind of refusal the parser
/// gives, so the documentation cannot drift from the parser.
/// </summary>
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

    [Fact]
    public void Every_error_kind_has_a_row_in_the_errors_table()
    {
        // The table is where a reader looks up the Kind an error names: a kind without a row there is one
        // a refused board's author cannot find.
        string readme = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "boards", "README.md"));
        int start = readme.IndexOf("\n## Errors", StringComparison.Ordinal);
        Assert.True(start >= 0, "boards/README.md has no '## Errors' section");
        int end = readme.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        string section = end < 0 ? readme.Substring(start) : readme.Substring(start, end - start);

        string[] missing = Enum.GetNames(typeof(BoardParseErrorKind))
            .Where(name => !section.Contains("\n| `" + name + "` |", StringComparison.Ordinal))
            .ToArray();
        Assert.True(missing.Length == 0, "no row in boards/README.md's Errors table: " + string.Join(", ", missing));
    }
}
