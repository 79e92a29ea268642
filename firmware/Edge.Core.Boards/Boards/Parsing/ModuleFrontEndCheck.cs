// Licensed under the MIT License.

namespace Edge.Core.Boards.Parsing
{
    /// <summary>
    /// A current channel's <c>shunt_milliohm</c>, <c>amplifier_gain</c> and <c>offset_mv</c> outside anything that could
    /// pass, refused at the key with the range that passes on this board (<see cref="ModuleFrontEndRange"/>): a shunt or
    /// gain not above 0 or beyond its ceiling, an offset outside 143-3059 mV. Checked before the module limit's rule,
    /// which would otherwise name the limit for a channel that no limit suits ("1 to 100000000", "0.001 to 10000" and
    /// "0 to 3300" before, ranges that held values the front-end rules refused). Values inside them are judged by
    /// <see cref="FrontEndChecks"/>, whose refusals give the same ranges.
    /// </summary>
    internal static class ModuleFrontEndCheck
    {
        public static BoardParseError Check(BoardSections sections, int moduleCount)
        {
            long limitUa = sections.Safety.MaxModuleCurrentUa;
            long capNa = FrontEndChecks.PlatingCapNa(sections);
            for (int m = 0; m < moduleCount; m++)
            {
                ModuleSectionBuilder module = sections.Modules[m];
                long shunt = module.ShuntMilliohm;
                long gain = module.AmplifierGainMilli;
                if (gain >= 1 && gain <= ModuleFrontEndRange.MostGainMilli && (shunt < 1 || shunt > ModuleFrontEndRange.MostShuntMilliohm))
                {
                    return module.FailAt(
                        ModuleSectionBuilder.ShuntKey,
                        BoardParseErrorKind.OutOfRange,
                        module.ShuntText + " mOhm is " + (shunt < 1 ? "not above 0" : "above 100000000 mOhm (100 kOhm)") + ShuntAdvice(module, capNa, limitUa));
                }

                if (gain < 1 || gain > ModuleFrontEndRange.MostGainMilli)
                {
                    return module.FailAt(
                        ModuleSectionBuilder.GainKey,
                        BoardParseErrorKind.OutOfRange,
                        module.GainText + " is " + (gain < 1 ? "below 0.001" : "above 10000") + GainAdvice(module, capNa, limitUa));
                }

                long offset = module.OffsetMv;
                if (offset < Esp32AdcCharacteristics.ReadableLowMv || offset > Esp32AdcCharacteristics.ReadableHighMv)
                {
                    long milliVoltsPerAmp = FrontEndChecks.MilliVoltsPerAmp(module);
                    return module.FailAt(
                        ModuleSectionBuilder.OffsetKey,
                        BoardParseErrorKind.OutOfRange,
                        module.OffsetText + " mV lies outside " + Esp32AdcCharacteristics.ReadableLowMv.ToString() + "-" + Esp32AdcCharacteristics.ReadableHighMv.ToString()
                        + " mV, what the ADC reads at 11 dB without saturating on every chip: zero current would read " + (offset < Esp32AdcCharacteristics.ReadableLowMv ? "0" : "4095")
                        + "; use an offset_mv of " + ModuleFrontEndRange.LeastOffsetMv(milliVoltsPerAmp, limitUa).ToString() + " to "
                        + ModuleFrontEndRange.MostOffsetMv(milliVoltsPerAmp, limitUa).ToString() + " mV");
                }
            }

            return null;
        }

        /// <summary>"; use an amplifier_gain of A to B" at the channel's shunt and offset, or why none fits.</summary>
        public static string GainAdvice(ModuleSectionBuilder module, long capNa, long limitUa)
        {
            if (module.ShuntMilliohm < 1)
            {
                return "; no amplifier_gain fits a shunt_milliohm of " + module.ShuntText;
            }

            long least = ModuleFrontEndRange.LeastFactor(module.ShuntMilliohm, ModuleFrontEndRange.MostGainMilli, capNa, limitUa);
            long most = ModuleFrontEndRange.MostFactor(module.ShuntMilliohm, ModuleFrontEndRange.MostGainMilli, limitUa, module.OffsetMv);
            return least <= most
                ? "; use an amplifier_gain of " + BoardValueReader.FormatScaled(least, 3) + " to " + BoardValueReader.FormatScaled(most, 3) + " (at shunt_milliohm " + module.ShuntMilliohm.ToString() + ")"
                : "; no amplifier_gain up to 10000 fits shunt_milliohm " + module.ShuntMilliohm.ToString() + ", offset_mv " + module.OffsetMv.ToString() + " and the module limit";
        }

        /// <summary>"; use a shunt_milliohm of A to B" at the channel's gain and offset, or why none fits.</summary>
        public static string ShuntAdvice(ModuleSectionBuilder module, long capNa, long limitUa)
        {
            long least = ModuleFrontEndRange.LeastFactor(module.AmplifierGainMilli, ModuleFrontEndRange.MostShuntMilliohm, capNa, limitUa);
            long most = ModuleFrontEndRange.MostFactor(module.AmplifierGainMilli, ModuleFrontEndRange.MostShuntMilliohm, limitUa, module.OffsetMv);
            return least <= most
                ? "; use a shunt_milliohm of " + least.ToString() + " to " + most.ToString() + " (at amplifier_gain " + BoardValueReader.FormatScaled(module.AmplifierGainMilli, 3) + ")"
                : "; no shunt_milliohm fits amplifier_gain " + BoardValueReader.FormatScaled(module.AmplifierGainMilli, 3) + ", offset_mv " + module.OffsetMv.ToString() + " and the module limit";
        }
    }
}
