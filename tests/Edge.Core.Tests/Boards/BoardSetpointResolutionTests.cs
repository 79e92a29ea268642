using Edge.Core.Boards;
using NFUnitTest.Boards;
using Xunit;

namespace Edge.Core.Tests.Boards;

/// <summary>
/// A setpoint output's code may be worth at most a tenth of the plating cap (0.4 mA/cm2 x the cells' area; 153.92 uA on
/// the shipped boards' 0.3848 cm2, so 15.392 uA a code), as the controller rounds every request down to a whole code.
/// LEDC resolutions follow nanoFramework's rule (<see cref="LedcResolutionTests"/>): the widest whose divider,
/// 80 MHz x 256 / f / 2^bits in whole numbers, stays above 256. Expected values are worked by hand from these.
/// </summary>
public class BoardSetpointResolutionTests
{
    private const string CapReason = "a request is rounded down to a whole code, so one code may be worth at most a tenth of the plating cap (400 uA/cm2 of the cells' area = 153.92 uA): 15.392 uA";

    [Fact]
    public void The_shipped_setpoints_are_fine_enough()
    {
        // DevKitC: DAC 2550 uA / 255 = 10 uA a code; mux board: 40 kHz is 10 bits, 2048 uA / 1024 = 2 uA a code.
        // Both at most 15.392 uA.
        Assert.Equal(2550, BoardFiles.Parse(BoardFiles.DevKitC4s2m).ModuleAt(0).SetpointFullScaleUa);
        Assert.Equal(40000, BoardFiles.Parse(BoardFiles.Mux6s).ModuleAt(2).SetpointPwmFrequencyHz);
    }

    [Fact]
    public void A_one_bit_pwm_setpoint_is_refused_with_its_resolution_and_the_frequency_that_would_do()
    {
        // 20 MHz: 80 MHz x 256 / 20 MHz = 1024, / 2 = 512 > 256: 1 bit, 2048 uA / 2 = 1024 uA a code, so a 1 mA/cm2 pulse
        // (385 uA) was code 0. 2048 / 2^bits <= 15.392 needs 2^bits >= 133.06: 8 bits (8 uA a code), which the runtime gives
        // up to 80 MHz x 256 / (257 x 256) = 311284 Hz.
        string text = AllSetpointsAt(BoardFiles.Read(BoardFiles.Mux6s), 20_000_000);
        BoardRuleAssert.Rejected(
            text, BoardText.LineOf(text, "[module 0]", "setpoint_pwm_frequency_hz"), BoardParseErrorKind.ResolutionTooCoarse,
            "[module 0] setpoint_pwm_frequency_hz: 20000000 Hz runs the LEDC at 1 bit, 1024 uA a code of the 2048 uA full scale; "
            + CapReason + "; use at most 311284 Hz (8 bits, 8 uA a code)");
    }

    [Theory]
    [InlineData(5_000_000, "3 bits, 256 uA a code")]  // 4096 / 8 = 512; / 16 = 256, not above 256
    [InlineData(311_285, "7 bits, 16 uA a code")]     // 65791 / 128 = 513; / 256 = 256
    public void A_coarse_pwm_setpoint_is_refused(int frequencyHz, string resolution)
    {
        string text = AllSetpointsAt(BoardFiles.Read(BoardFiles.Mux6s), frequencyHz);
        BoardRuleAssert.Rejected(
            text, BoardText.LineOf(text, "[module 0]", "setpoint_pwm_frequency_hz"), BoardParseErrorKind.ResolutionTooCoarse,
            "[module 0] setpoint_pwm_frequency_hz: " + frequencyHz + " Hz runs the LEDC at " + resolution + " of the 2048 uA full scale; " + CapReason + "; use at most 311284 Hz");
    }

    [Fact]
    public void The_highest_frequency_the_message_names_is_accepted()
    {
        // 80 MHz x 256 / 311284 = 65792, / 256 = 257 > 256: 8 bits, 8 uA a code.
        BoardDefinition board = BoardRuleAssert.Parsed(AllSetpointsAt(BoardFiles.Read(BoardFiles.Mux6s), 311_284));
        Assert.Equal(311_284, board.ModuleAt(0).SetpointPwmFrequencyHz);
    }

    [Fact]
    public void A_full_scale_not_even_13_bits_resolve_is_named()
    {
        // 200 mA over 8192 codes (13 bits, at most 80 MHz x 256 / (257 x 8192) = 9727 Hz) is 24.414 uA a code; a full scale
        // of at most 15.392 uA x 8192 = 126091 uA would do (max_module_current_ma is 2 mA).
        string text = BoardFiles.Read(BoardFiles.Mux6s);
        text = BoardText.With(text, "[module 1]", "setpoint_full_scale_ua", "200000");
        BoardRuleAssert.Rejected(
            text, BoardText.LineOf(text, "[module 1]", "setpoint_full_scale_ua"), BoardParseErrorKind.ResolutionTooCoarse,
            "[module 1] setpoint_full_scale_ua: 200000 uA over the 8192 codes of 13 bits, the finest nanoFramework's duty steps reach (at most 9727 Hz), is 24.414 uA a code; "
            + CapReason + "; use a setpoint_full_scale_ua of at most 126091 uA");
    }

    [Fact]
    public void A_dac_setpoint_on_smaller_cells_is_refused_just_past_a_tenth_of_their_cap()
    {
        // 0.25 cm2: cap 100 uA, a tenth 10 uA, the DevKitC's 10 uA a code just does. 0.24999 cm2: cap 99.996 uA, a tenth
        // 9.999 uA (9.9996 rounded down); 99.996 uA x 255 / 10 = 2549.898: a full scale of at most 2549 uA.
        string shipped = BoardFiles.Read(BoardFiles.DevKitC4s2m);
        BoardRuleAssert.Parsed(BoardText.With(shipped, "[cells]", "electrode_area_cm2", "0.25"));

        string smaller = BoardText.With(shipped, "[cells]", "electrode_area_cm2", "0.24999");
        BoardRuleAssert.Rejected(
            smaller, BoardText.LineOf(smaller, "[module 0]", "setpoint_full_scale_ua"), BoardParseErrorKind.ResolutionTooCoarse,
            "[module 0] setpoint_full_scale_ua: 2550 uA over the DAC's 255 codes is 10 uA a code; a request is rounded down to a whole code, so one code may be worth at most a tenth of the plating cap "
            + "(400 uA/cm2 of the cells' area = 99.996 uA): 9.999 uA; use a setpoint_full_scale_ua of at most 2549 uA");
    }

    [Fact]
    public void A_dac_that_cannot_both_reach_the_module_limit_and_resolve_the_cap_says_so()
    {
        // 0.125 cm2: cap 50 uA, a tenth 5 uA; 255 codes of 5 uA reach 1275 uA, short of the 1.4 mA module limit, which a
        // 1530 uA full scale (6 uA a code) reaches. 1000 V/A: the cap spans 0.05 V x 1241 = 62 counts, +-1.4 mA swings
        // 1650 +- 1400 mV, inside 143-3059 mV.
        string text = MinimalBoard.WithLinesAtEnd("", "[cells]", "electrode_area_cm2 = 0.125");
        text = BoardText.With(text, "[module 0]", "amplifier_gain", "1000");
        text = BoardText.With(text, "[safety]", "max_module_current_ma", "1.4");
        text = BoardText.With(text, "[module 0]", "setpoint", "dac");
        text = BoardText.With(text, "[module 0]", "setpoint_pin", "25");
        text = BoardText.With(text, "[module 0]", "setpoint_full_scale_ua", "1530");
        BoardRuleAssert.Rejected(
            text, BoardText.LineOf(text, "[module 0]", "setpoint_full_scale_ua"), BoardParseErrorKind.ResolutionTooCoarse,
            "[module 0] setpoint_full_scale_ua: 1530 uA over the DAC's 255 codes is 6 uA a code; a request is rounded down to a whole code, so one code may be worth at most a tenth of the plating cap "
            + "(400 uA/cm2 of the cells' area = 50 uA): 5 uA; the DAC's 8 bits cannot give that and still reach max_module_current_ma (1400 uA, at most 1275 uA): use setpoint = pwm");

        // The same module on a 13-bit PWM setpoint (4864 Hz) is 1530 / 8192 = 0.186 uA a code.
        string pwm = BoardText.With(BoardText.With(text, "[module 0]", "setpoint", "pwm"), "[module 0]", "setpoint_pin", "4");
        pwm = BoardText.With(BoardText.With(pwm, "[module 0]", "setpoint_pwm_frequency_hz", "4864"), "[module 0]", "setpoint_pwm_channel", "1");
        Assert.Equal(4864, BoardRuleAssert.Parsed(pwm).ModuleAt(0).SetpointPwmFrequencyHz);
    }

    private static string AllSetpointsAt(string text, int frequencyHz)
    {
        for (int m = 0; m < 3; m++)
        {
            text = BoardText.With(text, "[module " + m + "]", "setpoint_pwm_frequency_hz", frequencyHz.ToString());
        }

        return text;
    }
}
