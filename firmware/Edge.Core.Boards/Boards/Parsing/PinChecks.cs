// Licensed under the MIT License.

namespace Edge.Core.Boards.Parsing
{
    /// <summary>Every GPIO serves one function only (analog input, select line, switch, setpoint, LED, enable feed).</summary>
    internal static class PinChecks
    {
        /// <summary>More than enough claims for the largest board (each section claims at most a few pins).</summary>
        private const int MaxClaims = 96;

        public static BoardParseError CheckPins(BoardSections sections, int cellCount, int moduleCount, int temperatureCount)
        {
            UsageRegistry pins = new UsageRegistry(MaxClaims);
            BoardSectionBuilder board = sections.Board;
            if (board.Has(BoardSectionBuilder.StatusLedPinKey))
            {
                Claim(pins, board, BoardSectionBuilder.StatusLedPinKey, board.StatusLedPin);
            }

            MuxSectionBuilder mux = sections.Mux;
            if (mux != null)
            {
                for (int i = 0; i < mux.SelectPins.Length; i++)
                {
                    Claim(pins, mux, MuxSectionBuilder.SelectPinsKey, mux.SelectPins[i]);
                }

                if (mux.Has(MuxSectionBuilder.EnablePinKey))
                {
                    Claim(pins, mux, MuxSectionBuilder.EnablePinKey, mux.EnablePin);
                }

                Claim(pins, mux, MuxSectionBuilder.AdcPinKey, mux.AdcPin);
            }

            for (int i = 0; i < cellCount; i++)
            {
                ClaimDirectInput(pins, sections.Cells[i]);
            }

            for (int i = 0; i < moduleCount; i++)
            {
                ModuleSectionBuilder module = sections.Modules[i];
                ClaimDirectInput(pins, module);
                Claim(pins, module, ModuleSectionBuilder.SwitchPinKey, module.SwitchPin);
                if (module.Has(ModuleSectionBuilder.SetpointPinKey))
                {
                    Claim(pins, module, ModuleSectionBuilder.SetpointPinKey, module.SetpointPin);
                }
            }

            for (int i = 0; i < temperatureCount; i++)
            {
                ClaimDirectInput(pins, sections.Temperatures[i]);
            }

            if (sections.Reference != null)
            {
                ClaimDirectInput(pins, sections.Reference);
            }

            if (sections.Enable != null)
            {
                Claim(pins, sections.Enable, EnableSectionBuilder.FeedPinKey, sections.Enable.FeedPin);
            }

            return pins.FindConflict(BoardParseErrorKind.PinUsedTwice, "GPIO");
        }

        private static void ClaimDirectInput(UsageRegistry pins, AnalogSectionBuilder channel)
        {
            if (channel.MuxInput == AnalogInputDefinition.None)
            {
                Claim(pins, channel, AnalogSectionBuilder.AdcPinKey, channel.AdcPin);
            }
        }

        private static void Claim(UsageRegistry pins, SectionBuilder section, string key, int gpio)
        {
            pins.Claim(gpio, section.LineOf(key), section.Header + " " + key);
        }
    }
}
