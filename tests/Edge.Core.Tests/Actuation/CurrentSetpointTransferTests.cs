using Edge.Core.Actuation;
using Edge.Core.Boards;
using Xunit;

namespace Edge.Core.Tests.Actuation;

/// <summary>
/// Requests become whole DAC or PWM codes, rounded down so the stage never carries more than asked; values
/// worked by hand from the shipped boards (DAC: 2550 uA at code 255; PWM at 40 kHz: 10 bits, 2048 uA at 1024).
/// </summary>
public class CurrentSetpointTransferTests
{
    private static CurrentSetpointTransfer Module(SetpointKind kind, int pwmHz, int fullScaleUa)
    {
        var input = new AnalogInputDefinition(32, 4, AnalogInputDefinition.None);
        var curve = new CalibrationCurve(new[] { 0, 4095 }, new[] { -2000, 2000 });
        int pin = kind == SetpointKind.Dac ? 25 : kind == SetpointKind.Pwm ? 4 : AnalogInputDefinition.None;
        var module = new ModuleDefinition(
            0, new[] { 0 }, input, 10_000, 50_000, 1225, curve, 18, PinPolarity.ActiveHigh, SwitchDriver.Gpio, 0,
            kind, pin, pwmHz, CurrentStage.Sink, ModuleDefinition.NoPwmChannel, kind == SetpointKind.Pwm ? 5 : ModuleDefinition.NoPwmChannel, fullScaleUa);
        return CurrentSetpointTransfer.For(module);
    }

    [Theory]
    [InlineData(0, 0, 0)]
    [InlineData(9, 0, 0)]          // below one 10 uA step: code 0, no current
    [InlineData(10, 1, 10)]
    [InlineData(385, 38, 380)]     // 385 x 255 / 2550 = 38.5 -> 38 -> 380 uA
    [InlineData(308, 30, 300)]     // 385 lowered by 20 %
    [InlineData(2549, 254, 2540)]
    [InlineData(2550, 255, 2550)]
    [InlineData(5000, 255, 2550)]  // beyond full scale: the top code
    [InlineData(-385, 38, 380)]    // the code sets the magnitude
    public void Dac_rounds_down_to_whole_10_ua_codes(int requestedUa, int code, int deliveredUa)
    {
        CurrentSetpointTransfer dac = Module(SetpointKind.Dac, 0, 2550);

        Assert.True(dac.IsDriven);
        Assert.Equal(255, dac.TopCode);
        Assert.Equal(code, dac.CodeFor(requestedUa));
        Assert.Equal(deliveredUa, dac.DeliveredUa(code));
        Assert.Equal(requestedUa < 0 ? -deliveredUa : deliveredUa, dac.QuantisedUa(requestedUa));
    }

    [Theory]
    [InlineData(385, 192, 384)]    // 385 x 1024 / 2048 = 192.5 -> 192 -> 384 uA
    [InlineData(1, 0, 0)]
    [InlineData(2048, 1024, 2048)] // 100 % duty
    public void Pwm_at_40_khz_has_1024_steps_of_2_ua(int requestedUa, int code, int deliveredUa)
    {
        CurrentSetpointTransfer pwm = Module(SetpointKind.Pwm, 40_000, 2048);

        Assert.Equal(1024, pwm.TopCode);
        Assert.Equal(code, pwm.CodeFor(requestedUa));
        Assert.Equal(deliveredUa, pwm.DeliveredUa(code));
    }

    [Fact]
    public void Never_more_current_than_requested_and_never_a_whole_step_less()
    {
        CurrentSetpointTransfer dac = Module(SetpointKind.Dac, 0, 2550);
        for (int requested = 0; requested <= 2550; requested++)
        {
            int delivered = dac.QuantisedUa(requested);
            Assert.InRange(requested - delivered, 0, 9);
        }
    }

    [Fact]
    public void Without_a_setpoint_output_the_request_passes_unchanged()
    {
        CurrentSetpointTransfer none = Module(SetpointKind.None, 0, 0);

        Assert.False(none.IsDriven);
        Assert.Equal(0, none.CodeFor(385));
        Assert.Equal(385, none.QuantisedUa(385));
    }
}
