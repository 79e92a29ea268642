// Licensed under the MIT License.

using Edge.Core.Configuration;

namespace Edge.Core.Boards.Parsing
{
    /// <summary>
    /// <c>max_module_current_ma</c> against what the board's current channels and the controller can work with, so
    /// that a refusal gives the range that passes on this board. Its least value is the larger of two: the controller's
    /// open-switch current limit (<see cref="ProtectionConfiguration.OpenSwitchCurrentUa"/>, 50 uA: what an open
    /// switch's reading may show without a fault, which the configuration check keeps at most the module limit), and
    /// <see cref="FrontEndChecks.CalibrationPointSeparationCounts"/> counts from zero current on a Vref-1200 chip through
    /// the coarsest channel (the per-unit calibration applies 0 and +-the limit and must tell them apart). Its most is what
    /// every channel's <c>offset_mv</c> +- shunt x gain x the limit keeps inside 143-3059 mV (the same rule, named at
    /// <c>offset_mv</c>, refuses the front end where no limit fits) and every setpoint output's full scale reaches. A limit of 0.001 mA (1 uA, 0.6 counts on the
    /// DevKitC) parsed before and was refused only by the controller's configuration check naming
    /// protection.openSwitchCurrentUa, a field the board's author cannot set; one of 0.05 mA passed.
    /// </summary>
    internal static class CurrentLimitCheck
    {
        /// <summary>Where the least limit's search stops: 100 A, far beyond any channel's reach, so the board is refused.</summary>
        private const long MostSeparationUa = 100000000;

        public static BoardParseError Check(BoardSections sections, int moduleCount)
        {
            SafetySectionBuilder safety = sections.Safety;
            int limitUa = safety.MaxModuleCurrentUa;
            int openSwitchUa = new ProtectionConfiguration().OpenSwitchCurrentUa;
            double countsPerVolt = Esp32AdcCharacteristics.CountsPerVolt(Esp32AdcCharacteristics.MaximumVrefMv);

            // The coarsest channel (fewest V/A) sets the least limit; the most is the narrowest channel's.
            int coarsest = 0;
            long mostUa = long.MaxValue;
            for (int m = 0; m < moduleCount; m++)
            {
                ModuleSectionBuilder module = sections.Modules[m];
                if (FrontEndChecks.MilliVoltsPerAmp(module) < FrontEndChecks.MilliVoltsPerAmp(sections.Modules[coarsest]))
                {
                    coarsest = m;
                }

                long moduleMostUa = FrontEndChecks.MostCurrentUa(module);
                mostUa = moduleMostUa < mostUa ? moduleMostUa : mostUa;

                // A setpoint output must command every current the limit allows (its own rule, at setpoint_full_scale_ua).
                if (module.SetpointKind != SetpointKind.None && module.SetpointFullScaleUa < mostUa)
                {
                    mostUa = module.SetpointFullScaleUa;
                }
            }

            ModuleSectionBuilder channel = sections.Modules[coarsest];
            double countsPerUa = FrontEndChecks.MilliVoltsPerAmp(channel) / 1000.0 * 1e-6 * countsPerVolt;

            // Started from the division and settled with the plan's own comparison (double rounding can put it one off),
            // a few steps once: counted up from 1, a channel of a few mV/A took up to 10^8 software-double steps at boot.
            double estimateUa = FrontEndChecks.CalibrationPointSeparationCounts / countsPerUa;
            long separationUa = estimateUa < MostSeparationUa ? (long)estimateUa : MostSeparationUa;
            while (separationUa > 1 && (separationUa - 1) * countsPerUa >= FrontEndChecks.CalibrationPointSeparationCounts)
            {
                separationUa--;
            }

            while (separationUa * countsPerUa < FrontEndChecks.CalibrationPointSeparationCounts && separationUa < MostSeparationUa)
            {
                separationUa++;
            }

            long leastUa = separationUa > openSwitchUa ? separationUa : openSwitchUa;
            if (limitUa >= leastUa && limitUa <= 1000000)
            {
                // The upper end is the channel range rule's (at offset_mv), which gives its most too.
                return null;
            }

            string range = mostUa >= leastUa
                ? "; use " + BoardValueReader.FormatScaled(leastUa, 3) + " to " + BoardValueReader.FormatScaled(mostUa < 1000000 ? mostUa : 1000000, 3) + " mA"
                : "; no limit fits the current channels: " + channel.Header + " needs at least " + BoardValueReader.FormatScaled(leastUa, 3)
                    + " mA and the narrowest channel holds at most " + BoardValueReader.FormatScaled(mostUa, 3) + " mA inside the ADC";
            string value = safety.MaxModuleCurrentText + " mA";
            if (limitUa > 1000000)
            {
                return safety.FailAt(SafetySectionBuilder.MaxModuleCurrentKey, BoardParseErrorKind.OutOfRange, value + " is more than 1 A, far above any cell this controller drives" + range);
            }

            if (limitUa < openSwitchUa)
            {
                return safety.FailAt(
                    SafetySectionBuilder.MaxModuleCurrentKey,
                    BoardParseErrorKind.Inconsistent,
                    value + " is below the controller's open-switch current limit, " + openSwitchUa.ToString()
                    + " uA, the most an open switch's channel may read without a fault: the module limit must lie above it" + range);
            }

            long tenthsOfCounts = (long)((limitUa * countsPerUa * 10.0) + 0.5);
            return safety.FailAt(
                SafetySectionBuilder.MaxModuleCurrentKey,
                BoardParseErrorKind.Inconsistent,
                value + " is " + BoardValueReader.FormatScaled(tenthsOfCounts, 1) + " counts from 0 uA through " + channel.Header + " shunt x gain "
                + BoardValueReader.FormatScaled(FrontEndChecks.MilliVoltsPerAmp(channel), 3) + " V/A on a Vref-1200 chip: the per-unit calibration applies 0 and +-the limit, which need "
                + FrontEndChecks.CalibrationPointSeparationCounts.ToString() + " counts between them for a unit to tell them apart, so no unit could be calibrated" + range);
        }
    }
}
