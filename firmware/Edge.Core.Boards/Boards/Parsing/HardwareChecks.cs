// Licensed under the MIT License.

namespace Edge.Core.Boards.Parsing
{
    /// <summary>
    /// Whole-board checks of the outputs against the ESP32 module and nanoFramework's drivers: pins
    /// the module reserves, pins pulled up at reset (refused for switches, feeds and setpoints),
    /// strapping pins and GPIO 14's boot burst (warned), active-low GPIO switches, LEDC channels that
    /// share a timer, and the hardware enable.
    /// </summary>
    internal static class HardwareChecks
    {
        /// <summary>
        /// Slack the enable timeout must leave beyond two sample periods, ms: nanoFramework's 20 ms
        /// thread quantum (a woken tick thread waits for the running thread's slice) plus about as
        /// much again for a garbage collection, which stops every managed thread.
        /// </summary>
        public const int EnableSlackMs = 40;

        public static BoardParseError Check(BoardSections sections, int moduleCount, WarningList warnings)
        {
            BoardParseError error = CheckOutputPins(sections, moduleCount, warnings);
            if (error == null)
            {
                error = CheckSwitchPolarity(sections, moduleCount);
            }

            if (error == null)
            {
                error = CheckPwmChannels(sections, moduleCount);
            }

            if (error == null)
            {
                error = CheckEnable(sections, warnings);
            }

            return error;
        }

        /// <summary>
        /// Every GPIO the board drives: reserved by the module is an error, and so is a switch, feed or setpoint pulled up
        /// at reset; a strapping pin and an LED or multiplexer line on GPIO 14 are warnings.
        /// </summary>
        private static BoardParseError CheckOutputPins(BoardSections sections, int moduleCount, WarningList warnings)
        {
            Esp32ModuleVariant variant = sections.Board.ModuleVariant;
            BoardSectionBuilder board = sections.Board;
            BoardParseError error = null;
            if (board.Has(BoardSectionBuilder.StatusLedPinKey))
            {
                error = CheckOutput(board, BoardSectionBuilder.StatusLedPinKey, board.StatusLedPin, variant, warnings);
            }

            MuxSectionBuilder mux = sections.Mux;
            if (mux != null)
            {
                for (int i = 0; i < mux.SelectPins.Length && error == null; i++)
                {
                    error = CheckOutput(mux, MuxSectionBuilder.SelectPinsKey, mux.SelectPins[i], variant, warnings);
                }

                if (error == null && mux.Has(MuxSectionBuilder.EnablePinKey))
                {
                    error = CheckOutput(mux, MuxSectionBuilder.EnablePinKey, mux.EnablePin, variant, warnings);
                }
            }

            for (int m = 0; m < moduleCount && error == null; m++)
            {
                ModuleSectionBuilder module = sections.Modules[m];
                error = CheckSwitchPin(module, variant, warnings);
                if (error == null && module.Has(ModuleSectionBuilder.SetpointPinKey))
                {
                    error = CheckQuietAtReset(module, ModuleSectionBuilder.SetpointPinKey, module.SetpointPin, "the current setpoint net sits near 2.3 V (a high current commanded) during every reset, where the setpoints are held at 0 from boot", "the setpoint's filter turns the burst into a current command");
                    if (error == null)
                    {
                        error = CheckOutput(module, ModuleSectionBuilder.SetpointPinKey, module.SetpointPin, variant, warnings);
                    }
                }
            }

            if (error == null && sections.Enable != null)
            {
                error = CheckQuietAtReset(sections.Enable, EnableSectionBuilder.FeedPinKey, sections.Enable.FeedPin, "the monostable takes its rising edge and enables the gates during every reset, where its output stays low until the first healthy tick", "every rising edge of the burst triggers it again");
                if (error == null)
                {
                    error = CheckOutput(sections.Enable, EnableSectionBuilder.FeedPinKey, sections.Enable.FeedPin, variant, warnings);
                }
            }

            return error;
        }

        /// <summary>
        /// A hardware enable's feed and a current setpoint must stay low from reset until the application drives them, as a
        /// switch pin must: a pin pulled up at reset (0, 5, 14, 15) is refused, and GPIO 14's burst at boot is named.
        /// </summary>
        private static BoardParseError CheckQuietAtReset(SectionBuilder section, string key, int gpio, string consequence, string burstConsequence)
        {
            if (!Esp32Pins.IsPulledUpAtReset(gpio))
            {
                return null;
            }

            return section.FailAt(
                key,
                BoardParseErrorKind.PulledUpOutputPin,
                "GPIO " + gpio.ToString() + " " + AtReset(gpio) + ": " + consequence
                + (Esp32Pins.EmitsBurstAtReset(gpio) ? ", and " + burstConsequence : string.Empty)
                + "; use a GPIO that floats at reset (e.g. 18, 19, 21-23, 25-27, 32, 33)");
        }

        /// <summary>
        /// A switch pin must stay low from reset until the application drives it: a pin pulled up at reset (0, 5, 14, 15)
        /// is refused, as the switch would close on every reset (and GPIO 14's burst would clock a charge-pump gate driver).
        /// </summary>
        private static BoardParseError CheckSwitchPin(ModuleSectionBuilder module, Esp32ModuleVariant variant, WarningList warnings)
        {
            int gpio = module.SwitchPin;
            if (Esp32Pins.IsPulledUpAtReset(gpio))
            {
                return module.FailAt(
                    ModuleSectionBuilder.SwitchPinKey,
                    BoardParseErrorKind.PulledUpSwitchPin,
                    "GPIO " + gpio.ToString() + " " + AtReset(gpio) + ", stronger than the gate's pull-down: the switch would close during every reset"
                    + (Esp32Pins.EmitsBurstAtReset(gpio) ? ", and the burst is the clock a charge-pump gate driver needs to close it" : string.Empty)
                    + "; use a GPIO that floats at reset (e.g. 18, 19, 21-23, 25-27, 32, 33)");
            }

            return CheckOutput(module, ModuleSectionBuilder.SwitchPinKey, gpio, variant, warnings);
        }

        /// <summary>What a GPIO pulled up at reset does while the ESP32 resets and boots, for a refusal's message.</summary>
        private static string AtReset(int gpio)
        {
            return "is pulled up (about 45 kohm) while the ESP32 resets"
                + (Esp32Pins.EmitsBurstAtReset(gpio) ? " (MTMS, the JTAG TMS input) and carries a short PWM burst as it boots" : string.Empty);
        }

        private static BoardParseError CheckOutput(SectionBuilder section, string key, int gpio, Esp32ModuleVariant variant, WarningList warnings)
        {
            string reserved = Esp32Pins.WhyReserved(gpio, variant);
            if (reserved != null)
            {
                return section.FailAt(
                    key,
                    BoardParseErrorKind.ReservedPin,
                    "GPIO " + gpio.ToString() + " " + reserved + " (module = " + (variant == Esp32ModuleVariant.Wrover ? "wrover" : "wroom") + "); use another GPIO");
            }

            // Switches, feeds and setpoints on GPIO 14 are refused before this; an LED or a multiplexer line there only
            // blinks or switches inputs while the ESP32 boots.
            if (Esp32Pins.EmitsBurstAtReset(gpio))
            {
                warnings.Add(
                    section.LineOf(key),
                    BoardWarningKind.NoisyAtReset,
                    section.Header,
                    key,
                    "GPIO " + gpio.ToString() + " is pulled up while the ESP32 resets and carries a short PWM burst as it boots: what "
                    + key + " drives sees those pulses before the application drives the pin; prefer a quiet GPIO");
            }

            string role = Esp32Pins.StrappingRole(gpio);
            if (role != null)
            {
                warnings.Add(
                    section.LineOf(key),
                    BoardWarningKind.StrappingPin,
                    section.Header,
                    key,
                    "GPIO " + gpio.ToString() + " is a strapping pin: its level at reset sets the " + role
                    + "; what it drives sees that level while the ESP32 boots, and a load on it can stop the module from booting");
            }

            return null;
        }

        /// <summary>
        /// nanoFramework opens a GPIO output driven low, and the pin floats while the ESP32 resets, so an
        /// active-low switch closes in both moments. Active-high with a pull-down stays open.
        /// </summary>
        private static BoardParseError CheckSwitchPolarity(BoardSections sections, int moduleCount)
        {
            for (int m = 0; m < moduleCount; m++)
            {
                ModuleSectionBuilder module = sections.Modules[m];
                if (module.SwitchDriver == SwitchDriver.Gpio && module.SwitchPolarity == PinPolarity.ActiveLow)
                {
                    return module.FailAt(
                        ModuleSectionBuilder.SwitchActiveKey,
                        BoardParseErrorKind.ActiveLowSwitch,
                        "an active-low GPIO switch closes while nanoFramework sets the pin up (an output opens driven low) and while the ESP32 resets; use an active-high driver with a pull-down on the gate net");
                }
            }

            return null;
        }

        /// <summary>
        /// PWM outputs name their LEDC channel. nanoFramework puts PWM 2k+1 and 2k+2 on one LEDC timer
        /// (nf-interpreter sys_dev_pwm_native_System_Device_Pwm_PwmChannel.cpp, GetChannel: timer k owns
        /// PWM functions 2k and 2k+1 counted from 0), so a second frequency on a timer retunes the first.
        /// </summary>
        private static BoardParseError CheckPwmChannels(BoardSections sections, int moduleCount)
        {
            // Channel n (1-16) -> who uses it: module index, 0 = switch / 1 = setpoint.
            int[] userModule = new int[ModuleSectionBuilder.MaxPwmChannel + 1];
            int[] userKind = new int[ModuleSectionBuilder.MaxPwmChannel + 1];
            for (int i = 0; i < userModule.Length; i++)
            {
                userModule[i] = -1;
            }

            for (int m = 0; m < moduleCount; m++)
            {
                ModuleSectionBuilder module = sections.Modules[m];
                BoardParseError error = CheckChannelKey(
                    module, module.SwitchDriver == SwitchDriver.Pwm, ModuleSectionBuilder.SwitchPwmChannelKey, "switch_driver = pwm");
                if (error == null)
                {
                    error = CheckChannelKey(
                        module, module.SetpointKind == SetpointKind.Pwm, ModuleSectionBuilder.SetpointPwmChannelKey, "setpoint = pwm");
                }

                if (error == null && module.SwitchDriver == SwitchDriver.Pwm)
                {
                    error = Use(sections, module, 0, module.SwitchPwmChannel, userModule, userKind);
                }

                if (error == null && module.SetpointKind == SetpointKind.Pwm)
                {
                    error = Use(sections, module, 1, module.SetpointPwmChannel, userModule, userKind);
                }

                if (error != null)
                {
                    return error;
                }
            }

            return null;
        }

        private static BoardParseError CheckChannelKey(ModuleSectionBuilder module, bool isPwm, string key, string condition)
        {
            if (isPwm && !module.Has(key))
            {
                return module.MissingKey(key, " (needed with " + condition + ": the LEDC channel PWM1-PWM16)");
            }

            if (!isPwm && module.Has(key))
            {
                return module.FailAt(key, BoardParseErrorKind.Inconsistent, "only allowed with " + condition);
            }

            return null;
        }

        private static BoardParseError Use(BoardSections sections, ModuleSectionBuilder module, int kind, int channel, int[] userModule, int[] userKind)
        {
            string key = KeyOf(kind);
            int frequency = FrequencyOf(module, kind);
            if (userModule[channel] >= 0)
            {
                ModuleSectionBuilder other = sections.Modules[userModule[channel]];
                return module.FailAt(
                    key,
                    BoardParseErrorKind.PwmTimerConflict,
                    "PWM" + channel.ToString() + " used twice, also by " + other.Header + " " + KeyOf(userKind[channel]) + " on line " + other.LineOf(KeyOf(userKind[channel])).ToString());
            }

            userModule[channel] = module.Index;
            userKind[channel] = kind;
            int partner = channel % 2 == 1 ? channel + 1 : channel - 1;
            if (userModule[partner] < 0)
            {
                return null;
            }

            ModuleSectionBuilder partnerModule = sections.Modules[userModule[partner]];
            int partnerFrequency = FrequencyOf(partnerModule, userKind[partner]);
            if (partnerFrequency == frequency)
            {
                return null;
            }

            int timer = (channel - 1) / 2;
            return module.FailAt(
                key,
                BoardParseErrorKind.PwmTimerConflict,
                "PWM" + channel.ToString() + " (" + frequency.ToString() + " Hz) shares LEDC timer " + timer.ToString() + " with PWM" + partner.ToString()
                + " of " + partnerModule.Header + " " + KeyOf(userKind[partner]) + " (" + partnerFrequency.ToString() + " Hz, line "
                + partnerModule.LineOf(KeyOf(userKind[partner])).ToString() + "): nanoFramework runs channels 2k+1 and 2k+2 on one timer, so one frequency would retune the other; use the same frequency or a channel of another timer");
        }

        private static string KeyOf(int kind)
        {
            return kind == 0 ? ModuleSectionBuilder.SwitchPwmChannelKey : ModuleSectionBuilder.SetpointPwmChannelKey;
        }

        private static int FrequencyOf(ModuleSectionBuilder module, int kind)
        {
            return kind == 0 ? module.SwitchPwmFrequencyHz : module.SetpointPwmFrequencyHz;
        }

        /// <summary>The enable's monostable must outlast a late but healthy tick; a board without one is flagged.</summary>
        private static BoardParseError CheckEnable(BoardSections sections, WarningList warnings)
        {
            EnableSectionBuilder enable = sections.Enable;
            if (enable == null)
            {
                warnings.Add(
                    0,
                    BoardWarningKind.NoHardwareEnable,
                    "[enable]",
                    string.Empty,
                    "missing: nothing in hardware opens the load switches when the software stops (LEDC PWM keeps running and GPIO levels hold through a hung runtime, a debugger break or a soft reboot); unsafe for act mode");
                return null;
            }

            // SamplePeriodCheck has kept the period within what one timeout can outlast.
            int minimum = (2 * sections.Board.SamplePeriodMs) + EnableSlackMs;
            if (enable.TimeoutMs < minimum)
            {
                return enable.FailAt(
                    EnableSectionBuilder.TimeoutKey,
                    BoardParseErrorKind.Inconsistent,
                    enable.TimeoutText + " ms is shorter than two sample periods plus " + EnableSlackMs.ToString()
                    + " ms (nanoFramework's 20 ms thread quantum and a garbage collection): a healthy tick that starts late would drop the gate drive; use "
                    + minimum.ToString() + " to " + EnableSectionBuilder.MaxTimeoutMs.ToString() + " ms");
            }

            if (enable.TimeoutMs > EnableSectionBuilder.MaxTimeoutMs)
            {
                return enable.FailAt(
                    EnableSectionBuilder.TimeoutKey,
                    BoardParseErrorKind.OutOfRange,
                    enable.TimeoutText + " ms is longer than a monostable may hold the gate drive after the software stops (" + EnableSectionBuilder.MaxTimeoutMs.ToString()
                    + " ms at most); use " + minimum.ToString() + " to " + EnableSectionBuilder.MaxTimeoutMs.ToString() + " ms");
            }

            return null;
        }
    }
}
