// Licensed under the MIT License.

using System.Device.Adc;
using Edge.Core.Boards;
using Edge.Firmware.Boards;
using Edge.Firmware.Hardware;
using Xunit;

namespace Edge.Firmware.HostTests.Hardware
{

/// <summary>The device's ADC inputs open every ADC1 channel a board reads, the reference's own pin included.</summary>
public sealed class Esp32AnalogInputsTests
{
    [Fact]
    public void AReferenceOnItsOwnPinIsOpenedAndRead()
    {
        // boards/README.md lets [reference] take adc_pin as any analog input does. The mux board with its REF moved from
        // mux input 7 to GPIO 33 (ADC1 channel 5), which module 2's setpoint gives up for GPIO 13.
        string text = NFUnitTest.Boards.BoardText.With(BoardCatalog.Mux6s, "[module 2]", "setpoint_pin", "13");
        text = NFUnitTest.Boards.BoardText.With(NFUnitTest.Boards.BoardText.Without(text, "[reference]", "mux_input"), "[reference]", "adc_pin", "33");
        Assert.True(BoardParser.TryParse(text, out BoardDefinition board, out BoardParseError error), error?.ToString());
        AdcController adc = new AdcController();
        Esp32AnalogInputs inputs = new Esp32AnalogInputs(adc, board, null);

        Assert.Contains(board.Reference.Input.AdcChannel, adc.Opened);
        Assert.Equal(1000 + board.Reference.Input.AdcChannel, inputs.ReadCounts(board.Reference.Input));
        Assert.Equal(1000 + board.ModuleAt(0).CurrentInput.AdcChannel, inputs.ReadCounts(board.ModuleAt(0).CurrentInput));
    }
}
}
