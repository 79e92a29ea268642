// Licensed under the MIT License.

namespace Edge.Core.Boards.Parsing
{
    /// <summary>
    /// A setpoint output must set the currents the controller asks for: a request is rounded down to a whole code
    /// (<c>CurrentSetpointTransfer</c>), so one code may be worth at most a tenth of the plating cap
    /// (0.4 mA/cm2 x the cells' area, 153.92 uA on the default 0.3848 cm2), the smallest current the board's cells imply:
    /// the controller's plating limit, which the current channels must resolve in 50 counts (<see cref="FrontEndChecks"/>).
    /// The cap and every current above it then run at least 90 % of what was asked. A coarser output rounds a pulse
    /// of the protocol to a fraction of it or to nothing at all (1 bit on 2048 uA: a 385 uA pulse is code 0).
    /// </summary>
    internal static class SetpointResolutionCheck
    {
        /// <summary>Codes the plating cap must span at least: one code is worth at most a tenth of it.</summary>
        public const int MinimumPlatingCapCodes = 10;

        public static BoardParseError Check(BoardSections sections, int moduleCount)
        {
            long capNa = FrontEndChecks.PlatingCapNa(sections);
            for (int m = 0; m < moduleCount; m++)
            {
                ModuleSectionBuilder module = sections.Modules[m];
                if (module.SetpointKind == SetpointKind.None)
                {
                    continue;
                }

                if (module.SetpointKind == SetpointKind.Dac)
                {
                    if (!IsFineEnough(module.SetpointFullScaleUa, Esp32Pins.DacTopCode, capNa))
                    {
                        return TooCoarseDac(sections.Safety, module, capNa);
                    }

                    continue;
                }

                int bits = LedcResolution.BitsAt(module.SetpointPwmFrequencyHz);
                if (!IsFineEnough(module.SetpointFullScaleUa, 1L << bits, capNa))
                {
                    return TooCoarsePwm(sections.Safety, module, bits, capNa);
                }
            }

            return null;
        }

        /// <summary>Whether one code, full scale / top code, is at most a tenth of the cap: full scale x 10 &lt;= cap x top code.</summary>
        private static bool IsFineEnough(long fullScaleUa, long topCode, long capNa)
        {
            return fullScaleUa * 1000 * MinimumPlatingCapCodes <= capNa * topCode;
        }

        private static BoardParseError TooCoarsePwm(SafetySectionBuilder safety, ModuleSectionBuilder module, int bits, long capNa)
        {
            int fullScale = module.SetpointFullScaleUa;
            string resolution = module.SetpointPwmFrequencyHz.ToString() + " Hz runs the LEDC at " + BitsText(bits) + ", " + CodeText(fullScale, 1L << bits)
                + " of the " + fullScale.ToString() + " uA full scale";
            int needed = bits + 1;
            while (needed <= LedcResolution.MaxReachableBits && !IsFineEnough(fullScale, 1L << needed, capNa))
            {
                needed++;
            }

            if (needed <= LedcResolution.MaxReachableBits)
            {
                return module.FailAt(
                    ModuleSectionBuilder.SetpointPwmFrequencyKey,
                    BoardParseErrorKind.ResolutionTooCoarse,
                    resolution + Reason(capNa) + "; use at most " + LedcResolution.HighestFrequencyHzFor(needed).ToString() + " Hz ("
                    + BitsText(needed) + ", " + CodeText(fullScale, 1L << needed) + ")");
            }

            // Not even 13 bits, the finest nanoFramework's duty steps reach, are fine enough for this full scale.
            long topCode = 1L << LedcResolution.MaxReachableBits;
            return module.FailAt(
                ModuleSectionBuilder.SetpointFullScaleKey,
                BoardParseErrorKind.ResolutionTooCoarse,
                fullScale.ToString() + " uA over the " + topCode.ToString() + " codes of 13 bits, the finest nanoFramework's duty steps reach (at most "
                + LedcResolution.HighestFrequencyHzFor(LedcResolution.MaxReachableBits).ToString() + " Hz), is " + CodeText(fullScale, topCode)
                + Reason(capNa) + FullScaleAdvice(safety, capNa, topCode, "13 bits"));
        }

        private static BoardParseError TooCoarseDac(SafetySectionBuilder safety, ModuleSectionBuilder module, long capNa)
        {
            int fullScale = module.SetpointFullScaleUa;
            long topCode = Esp32Pins.DacTopCode;
            return module.FailAt(
                ModuleSectionBuilder.SetpointFullScaleKey,
                BoardParseErrorKind.ResolutionTooCoarse,
                fullScale.ToString() + " uA over the DAC's " + topCode.ToString() + " codes is " + CodeText(fullScale, topCode)
                + Reason(capNa) + FullScaleAdvice(safety, capNa, topCode, "the DAC's 8 bits"));
        }

        private static string Reason(long capNa)
        {
            return "; a request is rounded down to a whole code, so one code may be worth at most a tenth of the plating cap ("
                + FrontEndChecks.PlatingCapUaPerCm2.ToString() + " uA/cm2 of the cells' area = " + BoardValueReader.FormatScaled(capNa, 3) + " uA): "
                + BoardValueReader.FormatScaled(capNa / MinimumPlatingCapCodes, 3) + " uA";
        }

        /// <summary>The full scale that would do, or why none can while it reaches max_module_current_ma.</summary>
        private static string FullScaleAdvice(SafetySectionBuilder safety, long capNa, long topCode, string resolution)
        {
            long largestUa = capNa * topCode / (1000L * MinimumPlatingCapCodes);
            if (largestUa >= safety.MaxModuleCurrentUa)
            {
                return "; use a setpoint_full_scale_ua of at most " + largestUa.ToString() + " uA";
            }

            return "; " + resolution + " cannot give that and still reach max_module_current_ma (" + safety.MaxModuleCurrentUa.ToString()
                + " uA, at most " + largestUa.ToString() + " uA)"
                + (topCode == Esp32Pins.DacTopCode ? ": use setpoint = pwm" : ": lower max_module_current_ma or use larger cells");
        }

        private static string BitsText(int bits)
        {
            return bits.ToString() + (bits == 1 ? " bit" : " bits");
        }

        private static string CodeText(long fullScaleUa, long topCode)
        {
            return BoardValueReader.FormatScaled(fullScaleUa * 1000 / topCode, 3) + " uA a code";
        }
    }
}
