// Licensed under the MIT License.

namespace Edge.Core.Boards.Parsing
{
    /// <summary>
    /// Multiplexer inputs beyond the <c>[mux]</c>'s input count (2 to the number of select pins). Of several, the refusal
    /// names the one on the earliest line, whichever section holds it (a channel, the reference, the ground inputs): the
    /// sections are checked cells first, then modules, temperatures, ground inputs and the reference, which named
    /// <c>[cell 4]</c> on line 70 of a board whose <c>[reference]</c> on line 42 was out of range too.
    /// </summary>
    internal static class MuxInputRange
    {
        /// <summary>The out-of-range input on the earliest line, or null when every input lies below the count.</summary>
        public static BoardParseError FirstOutOfRange(BoardSections sections, int cellCount, int moduleCount, int temperatureCount)
        {
            MuxSectionBuilder mux = sections.Mux;
            if (mux == null)
            {
                return null;
            }

            SectionBuilder first = null;
            string firstKey = null;
            int firstInput = 0;
            int firstLine = int.MaxValue;
            for (int i = 0; i < cellCount + moduleCount + temperatureCount + 1; i++)
            {
                AnalogSectionBuilder channel = ChannelAt(sections, i, cellCount, moduleCount, temperatureCount);
                if (channel == null || channel.MuxInput == AnalogInputDefinition.None || channel.MuxInput < mux.InputCount)
                {
                    continue;
                }

                int line = channel.LineOf(AnalogSectionBuilder.MuxInputKey);
                if (line < firstLine)
                {
                    first = channel;
                    firstKey = AnalogSectionBuilder.MuxInputKey;
                    firstInput = channel.MuxInput;
                    firstLine = line;
                }
            }

            // A list is on one line: its first input beyond the count.
            int[] grounds = mux.GroundInputs;
            int groundLine = mux.LineOf(MuxSectionBuilder.GroundInputsKey);
            for (int i = 0; grounds != null && i < grounds.Length; i++)
            {
                if (grounds[i] >= mux.InputCount)
                {
                    if (groundLine < firstLine)
                    {
                        first = mux;
                        firstKey = MuxSectionBuilder.GroundInputsKey;
                        firstInput = grounds[i];
                        firstLine = groundLine;
                    }

                    break;
                }
            }

            return first == null ? null : Refusal(first, firstKey, firstInput, mux);
        }

        /// <summary>The cells, the modules, the temperatures, then the reference (null where the board has none).</summary>
        private static AnalogSectionBuilder ChannelAt(BoardSections sections, int i, int cellCount, int moduleCount, int temperatureCount)
        {
            if (i < cellCount)
            {
                return sections.Cells[i];
            }

            if (i < cellCount + moduleCount)
            {
                return sections.Modules[i - cellCount];
            }

            if (i < cellCount + moduleCount + temperatureCount)
            {
                return sections.Temperatures[i - cellCount - moduleCount];
            }

            return sections.Reference;
        }

        /// <summary>The refusal of <paramref name="input"/> at <paramref name="key"/> of <paramref name="section"/>.</summary>
        public static BoardParseError Refusal(SectionBuilder section, string key, int input, MuxSectionBuilder mux)
        {
            return section.FailAt(
                key,
                BoardParseErrorKind.OutOfRange,
                "mux input " + input.ToString() + " out of range 0 to " + (mux.InputCount - 1).ToString() + " for " + mux.SelectPins.Length.ToString() + " select pins");
        }
    }
}
