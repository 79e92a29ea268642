// Licensed under the MIT License.

namespace Edge.Core.Boards.Parsing
{
    /// <summary>
    /// One tick's sampling must fit in the tick: each multiplexed input settles once (<c>settle_us</c>) and each
    /// channel, the reference included, takes <c>adc_readings_per_sample</c> conversions. A board whose sampling
    /// outlasts <c>sample_period_ms</c> would overrun every tick, so no tick would be healthy and the hardware
    /// enable would never be fed.
    /// </summary>
    internal static class SamplingTimeCheck
    {
        public static BoardParseError Check(BoardSections sections, int cellCount, int moduleCount, int temperatureCount)
        {
            int channels = 0;
            int multiplexed = 0;
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

            BoardSectionBuilder board = sections.Board;
            int settleUs = sections.Mux == null ? 0 : sections.Mux.SettleUs;
            long samplingUs = BoardSamplingTime.Microseconds(multiplexed, settleUs, channels, board.AdcReadingsPerSample);
            if (samplingUs <= board.SamplePeriodMs * 1000L)
            {
                return null;
            }

            long neededMs = (samplingUs + 999) / 1000;
            return board.FailAt(
                BoardSectionBuilder.SamplePeriodKey,
                BoardParseErrorKind.Inconsistent,
                "sampling one tick takes " + samplingUs.ToString() + " us (" + multiplexed.ToString() + " multiplexer inputs x settle_us "
                + settleUs.ToString() + " us + " + channels.ToString() + " channels x adc_readings_per_sample " + board.AdcReadingsPerSample.ToString()
                + " x " + BoardSamplingTime.AdcConversionUs.ToString() + " us a conversion), more than the " + board.SamplePeriodMs.ToString()
                + " ms period; use at least " + neededMs.ToString() + " ms, or a shorter settle_us or fewer adc_readings_per_sample");
        }

        private static int IsMultiplexed(AnalogSectionBuilder channel)
        {
            return channel.MuxInput != AnalogInputDefinition.None ? 1 : 0;
        }
    }
}
