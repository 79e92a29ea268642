using Edge.Core.Boards;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace Edge.Core.Tests.Boards;

/// <summary>
/// Mangled board texts never make the parser throw: it returns either a board or an error whose
/// line number lies inside the text (or 0 for a missing section).
/// </summary>
public class BoardParserRobustnessTests
{
    private static readonly string[] s_fragments =
    {
        "[", "]", "=", "#", ",", ":", "-", ".", " ", "\t", "\r", "\n", "[cell 3]", "[module 0]", "[mux]", "x", "9", "99999999999999999999",
        "adc_pin = 25", "cells = 0, 7", "calibration = 0:0", "mux_input = 15", "switch_active = low", "[temperature 3]",
    };

    [Theory]
    [InlineData(BoardFiles.DevKitC4s2m)]
    [InlineData(BoardFiles.Mux6s)]
    public void Mutated_boards_never_throw(string fileName)
    {
        string original = BoardFiles.Read(fileName);
        Gen<string> mutated =
            from position in Gen.Choose(0, original.Length)
            from length in Gen.Choose(0, 40)
            from fragment in Gen.Elements(s_fragments)
            from kind in Gen.Choose(0, 2)
            select Mutate(original, position, length, fragment, kind);

        Prop.ForAll(mutated.ToArbitrary(), text => AssertWellFormedOutcome(text))
            .Check(Config.QuickThrowOnFailure.WithMaxTest(400));
    }

    [Fact]
    public void Random_text_never_throws()
    {
        Gen<string> text = Gen.ArrayOf(Gen.Elements(s_fragments)).Select(parts => string.Concat(parts));
        Prop.ForAll(text.ToArbitrary(), t => AssertWellFormedOutcome(t))
            .Check(Config.QuickThrowOnFailure.WithMaxTest(400));
    }

    private static string Mutate(string text, int position, int length, string fragment, int kind)
    {
        length = Math.Min(length, text.Length - position);
        return kind switch
        {
            0 => text.Remove(position, length),
            1 => text.Insert(position, fragment),
            _ => text.Remove(position, length).Insert(position, fragment),
        };
    }

    private static bool AssertWellFormedOutcome(string text)
    {
        bool ok = BoardParser.TryParse(text, out BoardDefinition board, out BoardParseError error);
        // Lines end in LF, CR LF or a lone CR.
        int lineCount = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n', '\r').Length;
        if (ok)
        {
            Assert.NotNull(board);
            Assert.Null(error);
        }
        else
        {
            Assert.Null(board);
            Assert.NotNull(error);
            Assert.InRange(error.LineNumber, 0, lineCount);
            Assert.False(string.IsNullOrEmpty(error.Message));
        }

        return true;
    }
}
