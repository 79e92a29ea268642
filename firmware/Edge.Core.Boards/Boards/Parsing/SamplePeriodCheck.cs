// Licensed under the MIT License.

using Edge.Core.Configuration;

namespace Edge.Core.Boards.Parsing
{
    /// <summary>
    /// <c>sample_period_ms</c> against everything that bounds it, so that a refusal gives the range that passes on this
    /// board: the controller's tuning (its 500 ms relaxation-slope window keeps at most 256 samples, and its shortest
    /// tuned pulse, 250 ms, and that window each last at least one period: 2-250 ms with the defaults the device boots
    /// with), one tick's sampling (each multiplexed input settles once for <c>settle_us</c> and each channel takes
    /// <c>adc_readings_per_sample</c> conversions: a tick that outlasts its period overruns, no tick is healthy and the
    /// hardware enable is never fed) and the <c>[enable]</c> monostable (at most 10000 ms, at least two periods plus
    /// 40 ms). The line itself only reads a whole number: its range depends on the other sections, and a range printed
    /// there (1 to 60000 before) held values the rules below refused.
    /// </summary>
    internal static class SamplePeriodCheck
    {
        /// <summary>The most samples the controller's slope windows keep (ConfigurationValidator's rule).</summary>
        private const int MaximumWindowSamples = 256;

        public static BoardParseError Check(BoardSections sections, int cellCount, int moduleCount, int temperatureCount)
        {
            BoardSectionBuilder board = sections.Board;
            long period = board.SamplePeriodMs;
            int windowMs = new RestTuningConfiguration().SlopeWindowMs;
            int shortestPulseMs = new PulseTuningConfiguration().MinimumPulseMs;

            // The window spans windowMs / period samples (whole samples, as the validator counts them).
            long controllerShortest = (windowMs / (MaximumWindowSamples + 1)) + 1;
            long longest = shortestPulseMs < windowMs ? shortestPulseMs : windowMs;
            if (sections.Enable != null)
            {
                long enableLongest = (EnableSectionBuilder.MaxTimeoutMs - HardwareChecks.EnableSlackMs) / 2;
                longest = enableLongest < longest ? enableLongest : longest;
            }

            int channels;
            int multiplexed;
            CountChannels(sections, cellCount, moduleCount, temperatureCount, out channels, out multiplexed);
            int settleUs = sections.Mux == null ? 0 : sections.Mux.SettleUs;
            long samplingUs = BoardSamplingTime.Microseconds(multiplexed, settleUs, channels, board.AdcReadingsPerSample);
            long samplingShortest = (samplingUs + 999) / 1000;
            long shortest = samplingShortest > controllerShortest ? samplingShortest : controllerShortest;

            string sampling = "sampling one tick takes " + samplingUs.ToString() + " us (" + multiplexed.ToString() + " multiplexer inputs x settle_us "
                + settleUs.ToString() + " us + " + channels.ToString() + " channels x adc_readings_per_sample " + board.AdcReadingsPerSample.ToString()
                + " x " + BoardSamplingTime.AdcConversionUs.ToString() + " us a conversion)";
            if (shortest > longest)
            {
                // No period fits: the sampling is what has to change.
                return board.FailAt(
                    BoardSectionBuilder.SamplePeriodKey,
                    BoardParseErrorKind.Inconsistent,
                    sampling + ", more than the longest period this board may have, " + longest.ToString()
                    + " ms: no sample_period_ms fits; use a shorter settle_us or fewer adc_readings_per_sample");
            }

            string range = "; use " + shortest.ToString() + " to " + longest.ToString() + " ms";
            // Below both bounds the higher one is the reason: it is the one a period must clear.
            if (period < samplingShortest && samplingShortest >= controllerShortest)
            {
                return board.FailAt(
                    BoardSectionBuilder.SamplePeriodKey,
                    BoardParseErrorKind.Inconsistent,
                    sampling + ", more than the " + board.SamplePeriodText + " ms period" + range + ", or a shorter settle_us or fewer adc_readings_per_sample");
            }

            if (period < controllerShortest)
            {
                return board.FailAt(
                    BoardSectionBuilder.SamplePeriodKey,
                    BoardParseErrorKind.Inconsistent,
                    board.SamplePeriodText + " ms is shorter than the controller can run: its " + windowMs.ToString()
                    + " ms relaxation slope window would span more than the " + MaximumWindowSamples.ToString() + " samples it keeps" + range);
            }

            if (period > longest)
            {
                string why = longest < shortestPulseMs
                    ? " needs an [enable] timeout_ms of at least 2 x " + board.SamplePeriodText + " + " + HardwareChecks.EnableSlackMs.ToString()
                        + " ms, beyond the longest timeout, " + EnableSectionBuilder.MaxTimeoutMs.ToString() + " ms"
                    : " is longer than the controller can time: its shortest tuned pulse is " + shortestPulseMs.ToString()
                        + " ms and its relaxation slope window " + windowMs.ToString() + " ms, each at least one sample period";
                return board.FailAt(BoardSectionBuilder.SamplePeriodKey, BoardParseErrorKind.Inconsistent, board.SamplePeriodText + " ms" + why + range);
            }

            return null;
        }

        /// <summary>What the refusal of a settle_us beyond <see cref="LongestSettleUs"/> says bounds it.</summary>
        public const string LongestSettleText = "at most 10000 us, and what the sample period leaves after every channel's conversions, shared among the multiplexed inputs";

        /// <summary>
        /// The longest settle_us this check passes: sampling one tick must fit in the period, so the multiplexed inputs
        /// share what the conversions leave of it; and at most 10000 us, which would eat a short period's tick.
        /// </summary>
        public static long LongestSettleUs(BoardSections sections, int cellCount, int moduleCount, int temperatureCount)
        {
            const long CeilingUs = 10000;
            int channels;
            int multiplexed;
            CountChannels(sections, cellCount, moduleCount, temperatureCount, out channels, out multiplexed);
            if (multiplexed == 0)
            {
                return CeilingUs;
            }

            long leftUs = ((long)sections.Board.SamplePeriodMs * 1000) - BoardSamplingTime.Microseconds(0, 0, channels, sections.Board.AdcReadingsPerSample);
            long longest = leftUs / multiplexed;
            return longest < CeilingUs ? longest : CeilingUs;
        }

        private static void CountChannels(BoardSections sections, int cellCount, int moduleCount, int temperatureCount, out int channels, out int multiplexed)
        {
            channels = 0;
            multiplexed = 0;
            for (int i = 0; i < cellCount; i++)
            {
                channels++;
                multiplexed += IsMultiplexed(sections.Cells[i]);
            }

            for (int i = 0; i < moduleCount; i++)
            {
                channels++;
                multiplexed += IsMultiplexed(sections.Modules[i]);
            }

            for (int i = 0; i < temperatureCount; i++)
            {
                channels++;
                multiplexed += IsMultiplexed(sections.Temperatures[i]);
            }

            if (sections.Reference != null)
            {
                channels++;
                multiplexed += IsMultiplexed(sections.Reference);
            }

            if (sections.Mux != null && sections.Mux.GroundInputs != null)
            {
                // The address check's ground inputs are read every tick like a channel.
                channels += sections.Mux.GroundInputs.Length;
                multiplexed += sections.Mux.GroundInputs.Length;
            }
        }

        private static int IsMultiplexed(AnalogSectionBuilder channel)
        {
            return channel.MuxInput != AnalogInputDefinition.None ? 1 : 0;
        }
    }
}
