using Edge.Core.Boards;
using NFUnitTest.Boards;
using Xunit;

namespace Edge.Core.Tests.Boards;

/// <summary>The shipped board files parse, and their values come out as written in the files.</summary>
public class BoardFileTests
{
    [Fact]
    public void DevKitC_parses_with_four_direct_cells_in_two_modules()
    {
        BoardDefinition board = BoardFiles.Parse(BoardFiles.DevKitC4s2m);

        Assert.Equal("esp32-devkitc-4s2m", board.Name);
        Assert.Equal(10, board.SamplePeriodMs);
        Assert.Equal(12, board.AdcResolutionBits);
        Assert.Equal(4095, board.AdcFullScaleCounts);
        Assert.Equal(AdcAttenuation.Db11, board.AdcAttenuation);
        Assert.Null(board.Mux);
        Assert.Equal(4, board.CellCount);
        Assert.Equal(2, board.ModuleCount);
        Assert.Equal(0, board.TemperatureCount);

        // GPIO 39 is ADC1 channel 3 (ESP32 datasheet pin map).
        CellChannelDefinition cell1 = board.CellAt(1);
        Assert.False(cell1.Input.IsMultiplexed);
        Assert.Equal(39, cell1.Input.AdcPin);
        Assert.Equal(3, cell1.Input.AdcChannel);
        Assert.Equal(329_700, cell1.DividerRatioPpm);
        Assert.Equal(1226, cell1.OffsetMv);
        Assert.Equal(12, cell1.Calibration.PointCount);
        Assert.Equal(2, cell1.Calibration.CountsAt(0));
        Assert.Equal(-3283, cell1.Calibration.ValueAt(0));

        ModuleDefinition module1 = board.ModuleAt(1);
        Assert.Equal(2, module1.CellCount);
        Assert.Equal(2, module1.CellIndexAt(0));
        Assert.Equal(3, module1.CellIndexAt(1));
        Assert.Equal(33, module1.CurrentInput.AdcPin);
        Assert.Equal(5, module1.CurrentInput.AdcChannel);
        Assert.Equal(10_000, module1.ShuntMilliohm);
        Assert.Equal(50_000, module1.AmplifierGainMilli);
        Assert.Equal(CurrentStage.Sink, module1.CurrentStage);
        Assert.False(module1.CanPlate);
        Assert.Equal(19, module1.SwitchPin);
        Assert.Equal(PinPolarity.ActiveHigh, module1.SwitchPolarity);
        Assert.Equal(SwitchDriver.Gpio, module1.SwitchDriver);
        Assert.Equal(SetpointKind.Dac, module1.SetpointKind);
        Assert.Equal(26, module1.SetpointPin);
        Assert.Equal(2550, module1.SetpointFullScaleUa);
        Assert.True(board.Safety.CurrentSetpointOnEveryModule);

        Assert.Equal(1, board.ModuleOfCell(3));
        Assert.Equal(0, board.ModuleOfCell(0));
        Assert.Equal(23, board.StatusLedPin);
        Assert.Equal(Esp32ModuleVariant.Wroom, board.ModuleVariant);
        Assert.Equal(22, board.HardwareEnable.FeedPin);
        Assert.Equal(100, board.HardwareEnable.TimeoutMs);
        Assert.Null(board.Reference);

        Assert.Equal(2_000, board.Safety.MaxModuleCurrentUa);
        Assert.Equal(500, board.Safety.MaxPlatingCurrentUa);
        Assert.Equal(-3000, board.Safety.CellVoltageMinMv);
        Assert.Equal(3000, board.Safety.CellVoltageMaxMv);
        Assert.Equal(SafetyEnvelope.NoTemperatureLimit, board.Safety.TemperatureMaxDeciC);
    }

    [Fact]
    public void Mux_board_parses_with_six_multiplexed_cells_in_three_modules()
    {
        BoardDefinition board = BoardFiles.Parse(BoardFiles.Mux6s);

        Assert.Equal("esp32-mux-6s", board.Name);
        Assert.Equal(6, board.CellCount);
        Assert.Equal(3, board.ModuleCount);
        Assert.Equal(1, board.TemperatureCount);

        MuxDefinition mux = board.Mux;
        Assert.NotNull(mux);
        Assert.Equal(3, mux.SelectPinCount);
        Assert.Equal(18, mux.SelectPinAt(0));
        Assert.Equal(21, mux.SelectPinAt(2));
        Assert.Equal(8, mux.InputCount);
        Assert.Equal(AnalogInputDefinition.None, mux.EnablePin);
        Assert.Equal(36, mux.AdcPin);
        Assert.Equal(0, mux.AdcChannel);
        Assert.Equal(100, mux.SettleUs);
        Assert.Equal(1000, mux.FilterOhm);
        Assert.Equal(10_000, mux.FilterPicofarad);
        Assert.Equal(10_000, mux.FilterTimeConstantNs);
        Assert.Equal(7, board.Reference.Input.MuxInput);
        Assert.Equal(1225, board.Reference.NominalMv);
        Assert.Equal(Esp32ModuleVariant.Wrover, board.ModuleVariant);

        for (int i = 0; i < 6; i++)
        {
            AnalogInputDefinition input = board.CellAt(i).Input;
            Assert.True(input.IsMultiplexed);
            Assert.Equal(i, input.MuxInput);
            Assert.Equal(36, input.AdcPin);
            Assert.Equal(i / 2, board.ModuleOfCell(i));
        }

        Assert.Equal(6, board.TemperatureAt(0).Input.MuxInput);
        ModuleDefinition module2 = board.ModuleAt(2);
        Assert.Equal(SwitchDriver.Pwm, module2.SwitchDriver);
        Assert.Equal(20_000, module2.SwitchPwmFrequencyHz);
        Assert.Equal(SetpointKind.Pwm, module2.SetpointKind);
        Assert.Equal(33, module2.SetpointPin);
        Assert.Equal(40_000, module2.SetpointPwmFrequencyHz);
        Assert.Equal(3, module2.SwitchPwmChannel);
        Assert.Equal(7, module2.SetpointPwmChannel);
        Assert.Equal(2048, module2.SetpointFullScaleUa);
        Assert.Equal(500_000, module2.AmplifierGainMilli);

        Assert.Equal(23, board.StatusLedPin);
        Assert.Equal(PinPolarity.ActiveLow, board.StatusLedPolarity);
        Assert.Equal(2_000, board.Safety.MaxModuleCurrentUa);
        Assert.Equal(450, board.Safety.TemperatureMaxDeciC);
    }

    [Theory]
    [InlineData(BoardFiles.DevKitC4s2m)]
    [InlineData(BoardFiles.Mux6s)]
    public void Every_cell_is_in_exactly_one_module(string fileName)
    {
        BoardDefinition board = BoardFiles.Parse(fileName);
        var seen = new int[board.CellCount];
        for (int m = 0; m < board.ModuleCount; m++)
        {
            for (int p = 0; p < board.ModuleAt(m).CellCount; p++)
            {
                seen[board.ModuleAt(m).CellIndexAt(p)]++;
            }
        }

        Assert.All(seen, count => Assert.Equal(1, count));
    }

    [Fact]
    public void Leading_byte_order_mark_is_ignored()
    {
        Assert.True(BoardParser.TryParse("\uFEFF" + MinimalBoard.Text, out BoardDefinition board, out BoardParseError error), error?.ToString());
        Assert.Equal("test", board.Name);
    }

    [Theory]
    [InlineData(BoardFiles.DevKitC4s2m)]
    [InlineData(BoardFiles.Mux6s)]
    public void Windows_line_endings_parse_the_same(string fileName)
    {
        string text = BoardFiles.Read(fileName).Replace("\r\n", "\n").Replace("\n", "\r\n");
        Assert.True(BoardParser.TryParse(text, out BoardDefinition board, out BoardParseError error), error?.ToString());
        Assert.Equal(BoardFiles.Parse(fileName).CellCount, board.CellCount);
    }

    [Theory]
    [InlineData(BoardFiles.DevKitC4s2m)]
    [InlineData(BoardFiles.Mux6s)]
    public void Tabs_in_place_of_spaces_give_the_same_board(string fileName)
    {
        // An editor that aligns with tabs writes "[cell<TAB>0]" as readily as "key<TAB>=<TAB>value"; both are the
        // blanks the format allows. The header was read as an unknown section "[cell<TAB>0]".
        string text = BoardFiles.Read(fileName)
            .Replace(" = ", "\t=\t")
            .Replace("[cell ", "[cell\t")
            .Replace("[module ", "[module\t")
            .Replace("[temperature ", "[temperature\t");
        BoardDefinition expected = BoardFiles.Parse(fileName);

        Assert.True(BoardParser.TryParse(text, out BoardDefinition board, out BoardParseError error), error?.ToString());
        Assert.Equal(expected.Name, board.Name);
        Assert.Equal(expected.CellCount, board.CellCount);
        Assert.Equal(expected.ModuleCount, board.ModuleCount);
        Assert.Equal(expected.TemperatureCount, board.TemperatureCount);
        Assert.Equal(expected.ModuleAt(1).CellIndexAt(0), board.ModuleAt(1).CellIndexAt(0));
    }

    [Theory]
    [InlineData(BoardFiles.DevKitC4s2m, "\r")]
    [InlineData(BoardFiles.Mux6s, "\r")]
    [InlineData(BoardFiles.Mux6s, "\r\n")]
    public void Classic_mac_and_windows_line_ends_give_the_same_board_and_line_numbers(string fileName, string lineEnd)
    {
        // Lone CRs made the whole file one line, a comment: "missing section [board]".
        string text = BoardFiles.Read(fileName).Replace("\r\n", "\n");
        Assert.True(BoardParser.TryParse(BoardText.WithLineEnds(text, lineEnd), out BoardDefinition board, out BoardParseError error), error?.ToString());
        Assert.Equal(BoardFiles.Parse(fileName).CellCount, board.CellCount);
        Assert.Equal(BoardFiles.Parse(fileName).ModuleCount, board.ModuleCount);

        // A mistake is named on the line it is on in the editor, whatever ends the lines.
        string broken = BoardText.With(text, "[board]", "sample_period_ms", "10ms");
        Assert.False(BoardParser.TryParse(BoardText.WithLineEnds(broken, lineEnd), out _, out error));
        Assert.Equal(BoardText.LineOf(broken, "[board]", "sample_period_ms"), error.LineNumber);
    }
}
