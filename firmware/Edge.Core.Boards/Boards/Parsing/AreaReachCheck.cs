// Licensed under the MIT License.

namespace Edge.Core.Boards.Parsing
{
    /// <summary>
    /// Warns of a <c>[cells]</c> electrode area the board's module current limit cannot pulse at the controller's 1 mA/cm2,
    /// naming the density it reaches. An area typed in mm2 (38.48 for 0.3848 cm2) parsed without a word, and the device
    /// cut its boot pulse to the limit's derate level, about 0.05 mA/cm2 (<see cref="BoardPulseCurrents"/>). Large cells
    /// on a small stage are real boards, so this warns rather than refuses; where the limit falls short by more than ten
    /// times, the area read as mm2 is offered.
    /// </summary>
    internal static class AreaReachCheck
    {
        /// <summary>
        /// The controller's pulse density, uA/cm2: the default protocol's strip pulse, 385 uA on 0.3848 cm2 (the seed's
        /// 1 mA/cm2, ProtocolConfiguration), as it scales to any area (ElectrodeAreaScaling).
        /// </summary>
        public const int PulseUaPerCm2 = 1000;

        /// <summary>A limit this many times short of the pulse looks like a unit slip rather than a large cell.</summary>
        private const int SlipShortfall = 10;

        /// <summary>mm2 in a cm2.</summary>
        private const int Mm2PerCm2 = 100;

        public static void Check(BoardSections sections, WarningList warnings)
        {
            CellParametersSectionBuilder cells = sections.CellParameters;
            if (cells == null || cells.ElectrodeAreaScaled <= 0)
            {
                return;
            }

            // In 0.00001 cm2 (AreaDecimals), integers: reach in uA/cm2 = limit uA x 10^5 / scaled area, rounded.
            long areaScaled = cells.ElectrodeAreaScaled;
            long limitUa = sections.Safety.MaxModuleCurrentUa;
            long scale = 100000;
            long reachUaPerCm2 = ((limitUa * scale) + (areaScaled / 2)) / areaScaled;
            if (limitUa * scale >= PulseUaPerCm2 * areaScaled)
            {
                return;
            }

            string problem = "at " + cells.ElectrodeAreaText + " cm2, " + SafetySectionBuilder.MaxModuleCurrentKey + " = " + sections.Safety.MaxModuleCurrentText
                + " reaches " + BoardValueReader.FormatScaled(reachUaPerCm2, 3) + " mA/cm2, under the "
                + BoardValueReader.FormatScaled(PulseUaPerCm2, 3) + " mA/cm2 the controller pulses at, so its pulses are cut to the limit";
            if (reachUaPerCm2 * SlipShortfall < PulseUaPerCm2)
            {
                problem += "; in mm2? " + BoardValueReader.FormatScaled(areaScaled / Mm2PerCm2, CellParametersSectionBuilder.AreaDecimals) + " cm2";
            }

            warnings.Add(
                cells.LineOf(CellParametersSectionBuilder.ElectrodeAreaKey),
                BoardWarningKind.AreaBeyondModuleCurrent,
                cells.Header,
                CellParametersSectionBuilder.ElectrodeAreaKey,
                problem);
        }
    }
}
