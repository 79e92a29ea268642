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
        // boards/README.md lets [reference] take adc_pin as any analog input does; GPIO 37 is ADC1 channel 1.
        string text = BoardCatalog.DevKitC4s2m + "\n[reference]\nadc_pin = 37\nnominal_mv = 1225\n";
        Assert.True(BoardParser.TryParse(text, out BoardDefinition board, out BoardParseError error), error?.ToString());
        AdcController adc = new AdcController();
        Esp32AnalogInputs inputs = new Esp32AnalogInputs(adc, board, null);

        Assert.Contains(board.Reference.Input.AdcChannel, adc.Opened);
        Assert.Equal(1000 + board.Reference.Input.AdcChannel, inputs.ReadCounts(board.Reference.Input));
        Assert.Equal(1000 + board.CellAt(0).Input.AdcChannel, inputs.ReadCounts(board.CellAt(0).Input));
    }
}
}
