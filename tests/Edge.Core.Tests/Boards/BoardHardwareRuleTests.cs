using Edge.Core.Boards;
using Edge.Core.Configuration;
using Edge.Core.Configuration.Protocol;
using NFUnitTest.Boards;
using Xunit;

namespace Edge.Core.Tests.Boards;

/// <summary>
/// Pins and drivers: the module variant's reserved GPIOs, strapping pins (warned), active-low GPIO
/// switches, LEDC channels that share a timer, the current stage's direction and the hardware
/// enable. Edits and the lines errors must name go by section and key where a line is replaced.
/// </summary>
public class BoardHardwareRuleTests
{
    [Fact]
    public void Module_variant_is_required_and_named()
    {
        BoardRuleAssert.Rejected(MinimalBoard.Without("[board]", "module"), MinimalBoard.LineOf("[board]", null), BoardParseErrorKind.MissingKey, "[board]: missing required key 'module'");
        BoardRuleAssert.Rejected(MinimalBoard.With("[board]", "module", "wrover-b"), MinimalBoard.LineOf("[board]", "module"), BoardParseErrorKind.BadWord, "[board] module: module 'wrover-b' is invalid; use 'wroom'");
        Assert.Equal(Esp32ModuleVariant.Wroom, BoardRuleAssert.Parsed(MinimalBoard.Text).ModuleVariant);
    }

    [Fact]
    public void Wrover_refuses_its_psram_pins_where_a_wroom_allows_them()
    {
        // GPIO 16 and 17 carry the PSRAM on WROVER modules (ESP32-WROVER-E datasheet).
        BoardRuleAssert.Rejected(
            MinimalBoard.With("[board]", "module", "wrover"), MinimalBoard.LineOf("[module 0]", "switch_pin"), BoardParseErrorKind.ReservedPin,
            "[module 0] switch_pin: GPIO 16 is wired to the PSRAM on ESP32-WROVER modules (module = wrover)");
        Assert.Equal(16, BoardRuleAssert.Parsed(MinimalBoard.Text).ModuleAt(0).SwitchPin);

        string feedOn17 = MinimalBoard.With("[board]", "module", "wrover").Replace("switch_pin = 16", "switch_pin = 18") + "\n[enable]\nfeed_pin = 17\ntimeout_ms = 100";
        BoardRuleAssert.Rejected(feedOn17, BoardText.LineOf(feedOn17, "[enable]", "feed_pin"), BoardParseErrorKind.ReservedPin, "[enable] feed_pin: GPIO 17 is wired to the PSRAM");
    }

    [Theory]
    [InlineData(37, 1)]
    [InlineData(38, 2)]
    public void Adc1_pins_neither_module_brings_out_are_refused_on_both_variants(int gpio, int channel)
    {
        // GPIO 37 and 38 (SENSOR_CAPP/CAPN, ADC1 channels 1 and 2) are not among the pads of the ESP32-WROOM-32(E)
        // or ESP32-WROVER(-E) (their datasheets' pin tables): a channel there could never be wired.
        string text = MinimalBoard.With("[cell 0]", "adc_pin", gpio.ToString());
        int line = MinimalBoard.LineOf("[cell 0]", "adc_pin");
        string phrase = "[cell 0] adc_pin: GPIO " + gpio + " (ADC1 channel " + channel + ") is not brought out on ESP32-WROOM-32 or ESP32-WROVER modules";
        BoardRuleAssert.Rejected(text, line, BoardParseErrorKind.ReservedPin, phrase);
        BoardRuleAssert.Rejected(text.Replace("module = wroom", "module = wrover").Replace("switch_pin = 16", "switch_pin = 18"), line, BoardParseErrorKind.ReservedPin, phrase);

        string mux = MinimalBoard.WithLinesBefore("[cell 0]", null, "[mux]", "select_pins = 18, 19", "adc_pin = " + gpio, "filter_ohm = 0", "filter_pf = 0", "settle_us = 0", "");
        BoardRuleAssert.Rejected(mux, BoardText.LineOf(mux, "[mux]", "adc_pin"), BoardParseErrorKind.ReservedPin, "[mux] adc_pin: GPIO " + gpio);
    }

    [Theory]
    [InlineData(6)]
    [InlineData(11)]
    public void Flash_pins_are_refused_on_both_variants(int gpio)
    {
        string text = MinimalBoard.With("[module 0]", "switch_pin", gpio.ToString());
        int line = MinimalBoard.LineOf("[module 0]", "switch_pin");
        BoardRuleAssert.Rejected(text, line, BoardParseErrorKind.NotAnOutputPin, "SPI flash");
        BoardRuleAssert.Rejected(text.Replace("module = wroom", "module = wrover"), line, BoardParseErrorKind.NotAnOutputPin, "SPI flash");
    }

    [Theory]
    [InlineData(2, "boot mode")]
    [InlineData(12, "flash voltage")]
    public void Strapping_pins_are_warned_with_line_and_key(int gpio, string role)
    {
        BoardDefinition board = BoardRuleAssert.Parsed(MinimalBoard.With("[module 0]", "switch_pin", gpio.ToString()));
        int line = MinimalBoard.LineOf("[module 0]", "switch_pin");

        BoardWarning warning = BoardRuleAssert.SingleWarning(board, BoardWarningKind.StrappingPin);
        Assert.Equal(line, warning.LineNumber);
        Assert.Equal("[module 0]", warning.Section);
        Assert.Equal("switch_pin", warning.Key);
        Assert.StartsWith("[module 0] switch_pin: GPIO " + gpio + " is a strapping pin", warning.Message);
        Assert.Contains(role, warning.Message);
        Assert.StartsWith("line " + line + ": warning: ", warning.ToString());
    }

    [Theory]
    [InlineData(0, "boot mode")]
    [InlineData(5, "SDIO")]
    [InlineData(15, "boot log")]
    public void Strapping_pins_pulled_up_at_reset_are_warned_on_other_outputs(int gpio, string role)
    {
        string text = BoardText.With(MinimalBoard.With("[board]", "status_led_pin", gpio.ToString()), "[board]", "status_led_active", "high");
        BoardWarning warning = BoardRuleAssert.SingleWarning(BoardRuleAssert.Parsed(text), BoardWarningKind.StrappingPin);
        Assert.Equal(BoardText.LineOf(text, "[board]", "status_led_pin"), warning.LineNumber);
        Assert.Contains(role, warning.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(14)]
    [InlineData(15)]
    public void A_switch_on_a_pin_pulled_up_at_reset_is_refused(int gpio)
    {
        // The ESP32's ~45 kohm pull-up on these pins beats the gate net's 100 kohm pull-down: 3.3 V x 100 / 145 =
        // 2.3 V at the driver during every reset, a logic high. GPIO 14 is MTMS, the JTAG TMS input, pulled up from reset.
        BoardRuleAssert.Rejected(
            MinimalBoard.With("[module 0]", "switch_pin", gpio.ToString()), MinimalBoard.LineOf("[module 0]", "switch_pin"), BoardParseErrorKind.PulledUpSwitchPin,
            "[module 0] switch_pin: GPIO " + gpio + " is pulled up (about 45 kohm) while the ESP32 resets");
    }

    [Fact]
    public void A_switch_on_gpio_14_is_refused_for_its_pull_up_and_its_burst_at_boot()
    {
        // GPIO 14 also carries a short PWM burst while the ESP32 boots: the clock a charge-pump gate driver (the mux
        // board's switch_driver = pwm) needs to close its MOSFET. Refused as 0, 5 and 15 are, not only warned about.
        string shipped = BoardFiles.Read(BoardFiles.Mux6s);
        string on14 = BoardText.With(shipped, "[module 2]", "switch_pin", "14");
        BoardRuleAssert.Rejected(
            on14, BoardText.LineOf(on14, "[module 2]", "switch_pin"), BoardParseErrorKind.PulledUpSwitchPin,
            "[module 2] switch_pin: GPIO 14 is pulled up (about 45 kohm) while the ESP32 resets (MTMS, the JTAG TMS input) and carries a short PWM burst as it boots, "
            + "stronger than the gate's pull-down: the switch would close during every reset, and the burst is the clock a charge-pump gate driver needs to close it; use a GPIO that floats at reset");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(14)]
    [InlineData(15)]
    public void A_hardware_enable_fed_from_a_pin_pulled_up_at_reset_is_refused(int gpio)
    {
        // The same 2.3 V at reset as on a switch pin: a rising edge into the monostable, which enables the gates during
        // every reset, where its output is to stay low until the first healthy tick.
        string text = MinimalBoard.Text + "\n[enable]\nfeed_pin = " + gpio + "\ntimeout_ms = 100";
        BoardRuleAssert.Rejected(
            text, BoardText.LineOf(text, "[enable]", "feed_pin"), BoardParseErrorKind.PulledUpOutputPin,
            "[enable] feed_pin: GPIO " + gpio + " is pulled up (about 45 kohm) while the ESP32 resets");
        BoardRuleAssert.Rejected(text, BoardText.LineOf(text, "[enable]", "feed_pin"), BoardParseErrorKind.PulledUpOutputPin, "the monostable takes its rising edge");
    }

    [Fact]
    public void The_devkitc_fed_from_gpio_14_is_refused_as_from_gpio_5()
    {
        // The shipped DevKitC feeds its 74LVC1G123 from GPIO 22. On 14 the pull-up gives the monostable its rising edge at
        // reset and every rising edge of the boot burst retriggers it: the gates would be enabled through every reset.
        string shipped = BoardFiles.Read(BoardFiles.DevKitC4s2m);
        string on14 = BoardText.With(shipped, "[enable]", "feed_pin", "14");
        BoardRuleAssert.Rejected(
            on14, BoardText.LineOf(on14, "[enable]", "feed_pin"), BoardParseErrorKind.PulledUpOutputPin,
            "[enable] feed_pin: GPIO 14 is pulled up (about 45 kohm) while the ESP32 resets (MTMS, the JTAG TMS input) and carries a short PWM burst as it boots: "
            + "the monostable takes its rising edge and enables the gates during every reset, where its output stays low until the first healthy tick, "
            + "and every rising edge of the burst triggers it again; use a GPIO that floats at reset");
        BoardRuleAssert.Rejected(
            BoardText.With(shipped, "[enable]", "feed_pin", "5"), BoardText.LineOf(on14, "[enable]", "feed_pin"), BoardParseErrorKind.PulledUpOutputPin,
            "[enable] feed_pin: GPIO 5 is pulled up (about 45 kohm) while the ESP32 resets: the monostable takes its rising edge");
    }

    [Theory]
    [InlineData(15)]
    [InlineData(14)]
    public void A_pwm_setpoint_on_a_pin_pulled_up_at_reset_is_refused(int gpio)
    {
        // The multiplexed board's module 1 sets its current by PWM on GPIO 32: on 15 or 14 the setpoint net sits near
        // 2.3 V (a high current commanded) during every reset.
        string shipped = BoardFiles.Read(BoardFiles.Mux6s);
        Assert.Contains("setpoint_pin = 32 ", shipped);
        string moved = shipped.Replace("setpoint_pin = 32 ", "setpoint_pin = " + gpio + " ");
        BoardRuleAssert.Rejected(
            moved, BoardText.LineOf(moved, "[module 1]", "setpoint_pin"), BoardParseErrorKind.PulledUpOutputPin,
            "[module 1] setpoint_pin: GPIO " + gpio + " is pulled up (about 45 kohm) while the ESP32 resets");
        BoardRuleAssert.Rejected(moved, BoardText.LineOf(moved, "[module 1]", "setpoint_pin"), BoardParseErrorKind.PulledUpOutputPin, "the current setpoint net sits near 2.3 V");
        if (gpio == 14)
        {
            BoardRuleAssert.Rejected(moved, BoardText.LineOf(moved, "[module 1]", "setpoint_pin"), BoardParseErrorKind.PulledUpOutputPin, "and the setpoint's filter turns the burst into a current command");
        }
    }

    [Fact]
    public void A_status_led_or_a_mux_select_line_on_gpio_14_is_warned_about_its_burst_at_boot()
    {
        // A LED there flickers and a select line steps the multiplexer while the ESP32 boots: nothing the controller
        // reads or drives then, so a warning, not a refusal.
        string shipped = BoardFiles.Read(BoardFiles.Mux6s);
        string led = BoardText.With(shipped, "[board]", "status_led_pin", "14");
        BoardWarning ledWarning = BoardRuleAssert.SingleWarning(BoardRuleAssert.Parsed(led), BoardWarningKind.NoisyAtReset);
        Assert.Equal(BoardText.LineOf(led, "[board]", "status_led_pin"), ledWarning.LineNumber);
        Assert.Equal("status_led_pin", ledWarning.Key);
        Assert.Equal(
            "[board] status_led_pin: GPIO 14 is pulled up while the ESP32 resets and carries a short PWM burst as it boots: what status_led_pin drives sees those pulses before the application drives the pin; prefer a quiet GPIO",
            ledWarning.Message);

        string select = BoardText.With(shipped, "[mux]", "select_pins", "18, 14, 21");
        BoardWarning selectWarning = BoardRuleAssert.SingleWarning(BoardRuleAssert.Parsed(select), BoardWarningKind.NoisyAtReset);
        Assert.Equal("[mux]", selectWarning.Section);
        Assert.Equal("select_pins", selectWarning.Key);
        Assert.Equal(BoardText.LineOf(select, "[mux]", "select_pins"), selectWarning.LineNumber);

        Assert.Equal(0, BoardRuleAssert.Count(BoardRuleAssert.Parsed(shipped), BoardWarningKind.NoisyAtReset));
    }

    [Fact]
    public void Status_led_on_a_strapping_pin_is_warned_too()
    {
        string text = BoardText.With(MinimalBoard.With("[board]", "status_led_pin", "2"), "[board]", "status_led_active", "high");
        BoardDefinition board = BoardRuleAssert.Parsed(text);
        Assert.Equal(BoardText.LineOf(text, "[board]", "status_led_pin"), BoardRuleAssert.SingleWarning(board, BoardWarningKind.StrappingPin).LineNumber);
    }

    [Fact]
    public void Active_low_gpio_switch_is_rejected()
    {
        BoardRuleAssert.Rejected(
            MinimalBoard.With("[module 0]", "switch_active", "low"), MinimalBoard.LineOf("[module 0]", "switch_active"), BoardParseErrorKind.ActiveLowSwitch,
            "[module 0] switch_active: an active-low GPIO switch closes while nanoFramework sets the pin up");
    }

    [Fact]
    public void Pwm_switch_needs_its_ledc_channel()
    {
        string text = MinimalBoard.With("[module 0]", "switch_driver", "pwm").Replace("switch_active = high", "switch_active = high\nswitch_pwm_frequency_hz = 20000");
        BoardRuleAssert.Rejected(text, BoardText.LineOf(text, "[module 0]", null), BoardParseErrorKind.MissingKey, "[module 0]: missing required key 'switch_pwm_channel' (needed with switch_driver = pwm");
        string gpioWithChannel = MinimalBoard.With("[module 0]", "switch_pwm_channel", "1");
        BoardRuleAssert.Rejected(gpioWithChannel, BoardText.LineOf(gpioWithChannel, "[module 0]", "switch_pwm_channel"), BoardParseErrorKind.Inconsistent, "[module 0] switch_pwm_channel: only allowed with switch_driver = pwm");
    }

    [Fact]
    public void Channels_sharing_an_ledc_timer_must_share_a_frequency()
    {
        // Switch on PWM1 at 20 kHz (line 23, 24), setpoint on PWM2 at 40 kHz (lines 25-28): both on LEDC timer 0.
        string text = PwmModule(setpointChannel: 2, setpointHz: 40000);
        BoardRuleAssert.Rejected(
            text, 28, BoardParseErrorKind.PwmTimerConflict,
            "[module 0] setpoint_pwm_channel: PWM2 (40000 Hz) shares LEDC timer 0 with PWM1 of [module 0] switch_pwm_channel (20000 Hz, line 24)");
    }

    [Fact]
    public void Channels_sharing_a_timer_at_one_frequency_or_on_different_timers_are_accepted()
    {
        ModuleDefinition shared = BoardRuleAssert.Parsed(PwmModule(setpointChannel: 2, setpointHz: 20000)).ModuleAt(0);
        Assert.Equal(1, shared.SwitchPwmChannel);
        Assert.Equal(2, shared.SetpointPwmChannel);

        ModuleDefinition apart = BoardRuleAssert.Parsed(PwmModule(setpointChannel: 3, setpointHz: 40000)).ModuleAt(0);
        Assert.Equal(3, apart.SetpointPwmChannel);
        Assert.Equal(40000, apart.SetpointPwmFrequencyHz);
    }

    [Fact]
    public void One_ledc_channel_cannot_serve_two_outputs()
    {
        BoardRuleAssert.Rejected(
            PwmModule(setpointChannel: 1, setpointHz: 20000), 28, BoardParseErrorKind.PwmTimerConflict,
            "[module 0] setpoint_pwm_channel: PWM1 used twice, also by [module 0] switch_pwm_channel on line 24");
    }

    [Fact]
    public void Current_stage_defaults_to_a_sink_that_cannot_plate()
    {
        BoardDefinition sink = BoardRuleAssert.Parsed(MinimalBoard.Text);
        Assert.Equal(CurrentStage.Sink, sink.ModuleAt(0).CurrentStage);
        Assert.False(sink.Safety.PlatingPossible);

        Assert.True(BoardRuleAssert.Parsed(MinimalBoard.With("[module 0]", "current_stage", "bidirectional")).Safety.PlatingPossible);
        Assert.Equal(CurrentStage.TwoSinks, BoardRuleAssert.Parsed(MinimalBoard.With("[module 0]", "current_stage", "two_sinks")).ModuleAt(0).CurrentStage);
        string source = MinimalBoard.With("[module 0]", "current_stage", "source");
        BoardRuleAssert.Rejected(source, BoardText.LineOf(source, "[module 0]", "current_stage"), BoardParseErrorKind.BadWord, "[module 0] current_stage: current stage 'source' is invalid");
    }

    [Fact]
    public void Plating_protocol_is_refused_on_a_board_that_cannot_plate()
    {
        ControllerConfiguration sinkConfiguration = ConfigurationFor(MinimalBoard.Text);
        ConfigurationError error = ConfigurationValidator.Validate(sinkConfiguration, new Sampling.PackLayout(1, 1, 0));
        Assert.NotNull(error);
        Assert.Equal("protocol.steps[0]", error.Field);
        Assert.Contains("plating needs current into the cells", error.Message);

        ControllerConfiguration bidirectional = ConfigurationFor(MinimalBoard.With("[module 0]", "current_stage", "bidirectional"));
        Assert.Null(ConfigurationValidator.Validate(bidirectional, new Sampling.PackLayout(1, 1, 0)));

        // Stripping stays allowed on the sink.
        sinkConfiguration.Protocol.Steps = new[] { new ProtocolStep(ProtocolStepKind.Strip, 154, 1000), new ProtocolStep(ProtocolStepKind.Rest, 0, 1000) };
        Assert.Null(ConfigurationValidator.Validate(sinkConfiguration, new Sampling.PackLayout(1, 1, 0)));
    }

    [Fact]
    public void Board_without_hardware_enable_is_flagged_unsafe_for_act_mode()
    {
        BoardDefinition board = BoardRuleAssert.Parsed(MinimalBoard.Text);
        Assert.Null(board.HardwareEnable);
        BoardWarning warning = BoardRuleAssert.SingleWarning(board, BoardWarningKind.NoHardwareEnable);
        Assert.Equal(0, warning.LineNumber);
        Assert.Equal("[enable]", warning.Section);
        Assert.Contains("unsafe for act mode", warning.Message);

        BoardDefinition guarded = BoardRuleAssert.Parsed(MinimalBoard.Text + "\n[enable]\nfeed_pin = 22\ntimeout_ms = 100");
        Assert.Equal(22, guarded.HardwareEnable.FeedPin);
        Assert.Equal(100, guarded.HardwareEnable.TimeoutMs);
        Assert.Equal(0, BoardRuleAssert.Count(guarded, BoardWarningKind.NoHardwareEnable));
    }

    [Fact]
    public void Enable_timeout_must_outlast_two_late_ticks()
    {
        // 10 ms period: 2 x 10 + 40 (20 ms quantum + a garbage collection) = 60 ms.
        BoardRuleAssert.Rejected(
            MinimalBoard.Text + "\n[enable]\nfeed_pin = 22\ntimeout_ms = 59", 31, BoardParseErrorKind.Inconsistent,
            "[enable] timeout_ms: 59 ms is shorter than two sample periods plus 40 ms");
        Assert.Equal(60, BoardRuleAssert.Parsed(MinimalBoard.Text + "\n[enable]\nfeed_pin = 22\ntimeout_ms = 60").HardwareEnable.TimeoutMs);
    }

    [Theory]
    [InlineData(10000)]
    [InlineData(100)]
    public void A_period_past_what_the_controller_times_is_refused_with_the_range_that_passes_with_an_enable(int timeoutMs)
    {
        // 2 x 4981 + 40 = 10002 ms is beyond the longest timeout, but the controller's 250 ms (its shortest tuned pulse)
        // binds first, so the refusal gives 2 to 250 ms, a range every value of which a board with [enable] can take.
        string text = MinimalBoard.With("[board]", "sample_period_ms", "4981") + "\n[enable]\nfeed_pin = 22\ntimeout_ms = " + timeoutMs;
        BoardRuleAssert.Rejected(
            text, MinimalBoard.LineOf("[board]", "sample_period_ms"), BoardParseErrorKind.Inconsistent,
            "[board] sample_period_ms: 4981 ms is longer than the controller can time: its shortest tuned pulse is 250 ms and its relaxation slope window 500 ms, each at least one sample period; use 2 to 250 ms");

        // Both ends pass with an enable whose timeout covers them (2 x 250 + 40 = 540 ms).
        BoardRuleAssert.Parsed(MinimalBoard.With("[board]", "sample_period_ms", "2") + "\n[enable]\nfeed_pin = 22\ntimeout_ms = 540");
        BoardRuleAssert.Parsed(MinimalBoard.With("[board]", "sample_period_ms", "250") + "\n[enable]\nfeed_pin = 22\ntimeout_ms = 540");
    }

    [Fact]
    public void Enable_feed_pin_has_one_function()
    {
        BoardRuleAssert.Rejected(
            MinimalBoard.Text + "\n[enable]\nfeed_pin = 16\ntimeout_ms = 100", 30, BoardParseErrorKind.PinUsedTwice,
            "[enable] feed_pin: GPIO 16 used twice, also by [module 0] switch_pin on line 20");
        BoardRuleAssert.Rejected(MinimalBoard.Text + "\n[enable]\nfeed_pin = 22", 29, BoardParseErrorKind.MissingKey, "[enable]: missing required key 'timeout_ms'");
    }

    /// <summary>Module 0 with a PWM switch on PWM1 at 20 kHz and a PWM setpoint on GPIO 4.</summary>
    private static string PwmModule(int setpointChannel, int setpointHz)
        => MinimalBoard.With("[module 0]", "switch_driver", "pwm").Replace(
            "switch_driver = pwm",
            "switch_driver = pwm\nswitch_pwm_frequency_hz = 20000\nswitch_pwm_channel = 1\nsetpoint = pwm\nsetpoint_pin = 4\nsetpoint_pwm_frequency_hz = " + setpointHz + "\nsetpoint_pwm_channel = " + setpointChannel + "\nsetpoint_full_scale_ua = 8192");

    private static ControllerConfiguration ConfigurationFor(string boardText)
    {
        BoardDefinition board = BoardRuleAssert.Parsed(boardText);
        var configuration = new ControllerConfiguration();
        BoardCurrentSetpoints.ApplyDefaults(board, configuration);
        BoardSafetyLimits.Apply(board.Safety, configuration);
        configuration.Protocol.Steps = new[] { new ProtocolStep(ProtocolStepKind.Plate, 154, 1000), new ProtocolStep(ProtocolStepKind.Rest, 0, 1000) };
        return configuration;
    }
}
