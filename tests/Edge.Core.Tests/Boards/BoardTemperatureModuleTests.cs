using Edge.Core.Boards;
using Edge.Core.Configuration;
using Xunit;

namespace Edge.Core.Tests.Boards;

/// <summary>
/// <c>[temperature N] module</c> on the six-cell multiplexed board (three modules, one sensor): the sensor watches the
/// whole pack without the key, the named module with it, and the protection is told so.
/// </summary>
public class BoardTemperatureModuleTests
{
    private static string WithModule(string value) =>
        NFUnitTest.Boards.BoardText.With(BoardFiles.Read(BoardFiles.Mux6s), "[temperature 0]", "module", value);

    [Fact]
    public void Without_the_key_the_sensor_watches_the_pack()
    {
        BoardDefinition board = BoardFiles.Parse(BoardFiles.Mux6s);
        Assert.Equal(TemperatureChannelDefinition.PackWide, board.TemperatureAt(0).Module);

        var configuration = new ControllerConfiguration();
        BoardTemperatureSensors.Apply(board, configuration);
        Assert.Equal(new[] { -1 }, configuration.Protection.TemperatureSensorModules);
    }

    [Fact]
    public void With_the_key_the_sensor_sits_on_its_module()
    {
        Assert.True(BoardParser.TryParse(WithModule("2"), out BoardDefinition board, out BoardParseError error), error?.ToString());
        Assert.Equal(2, board.TemperatureAt(0).Module);

        var configuration = new ControllerConfiguration();
        BoardTemperatureSensors.Apply(board, configuration);
        Assert.Equal(new[] { 2 }, configuration.Protection.TemperatureSensorModules);
    }

    [Fact]
    public void A_board_without_sensors_leaves_the_protection_as_it_was()
    {
        var configuration = new ControllerConfiguration();
        BoardTemperatureSensors.Apply(BoardFiles.Parse(BoardFiles.DevKitC4s2m), configuration);
        Assert.Null(configuration.Protection.TemperatureSensorModules);
    }

    [Theory]
    [InlineData("3", BoardParseErrorKind.UnknownModule, "[temperature 0] module: module 3 has no [module 3] section")]
    [InlineData("8", BoardParseErrorKind.OutOfRange, "value 8 out of range 0 to 7")]
    [InlineData("-1", BoardParseErrorKind.OutOfRange, "out of range 0 to 7")]
    [InlineData("one", BoardParseErrorKind.BadNumber, "'one' is not a whole number")]
    public void A_module_the_board_does_not_have_is_refused_on_its_line(string value, BoardParseErrorKind kind, string phrase)
    {
        string text = WithModule(value);

        Assert.False(BoardParser.TryParse(text, out BoardDefinition board, out BoardParseError error));
        Assert.Null(board);
        Assert.Equal(kind, error.Kind);
        Assert.Contains(phrase, error.ToString());
        Assert.Equal(NFUnitTest.Boards.BoardText.LineOf(text, "[temperature 0]", "module"), error.LineNumber);
    }
}
