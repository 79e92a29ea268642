// Licensed under the MIT License.

namespace Edge.Core.Boards.Parsing
{
    /// <summary>
    /// Warns of a <c>[cells]</c> electrode area the board's module current limit cannot pulse at the controller's 1 mA/cm2,
    /// naming the density it reaches. An area typed in mm2 (38.48 for 0.3848 cm2) parsed without a word, and the device
    /// cut its boot pulse to the limit's derate level, about 0.05 mA/cm2 (<see cref="BoardPulseCurrents"/>). Large cells
    /// on a small stage are real boards, so this warns rather than refuses; where the limit falls short by more than ten
    /// times, the area read as mm2 is offered. A board that gives no area has its cells taken as the default's 0.3848 cm2,
    /// so a limit under 385 uA is warned at the limit's line.
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

        /// <summary>0.00001 cm2 in a cm2 (AreaDecimals).</summary>
        private const long Scale = 100000;

        /// <summary>mm2 in a cm2.</summary>
        private const int Mm2PerCm2 = 100;

        /// <summary>The controller's default electrode area in 0.00001 cm2 (AreaDecimals): 0.3848 cm2, ProtocolConfiguration.</summary>
        private const int DefaultAreaScaled = 38480;

        public static void Check(BoardSections sections, WarningList warnings)
        {
            CellParametersSectionBuilder cells = sections.CellParameters;
            SafetySectionBuilder safety = sections.Safety;
            if (cells == null || cells.ElectrodeAreaScaled <= 0)
            {
                // Without an area the cells are taken as the default's, so a limit under its 385 uA cuts every pulse just
                // the same; the area to give is the fix, so the warning stands at the limit and names it.
                string shortfall = Shortfall(safety, DefaultAreaScaled, "without [cells] " + CellParametersSectionBuilder.ElectrodeAreaKey + " the cells are taken as "
                    + BoardValueReader.FormatScaled(DefaultAreaScaled, CellParametersSectionBuilder.AreaDecimals) + " cm2, where ");
                if (shortfall != null)
                {
                    warnings.Add(safety.LineOf(SafetySectionBuilder.MaxModuleCurrentKey), BoardWarningKind.AreaBeyondModuleCurrent, safety.Header, SafetySectionBuilder.MaxModuleCurrentKey, shortfall + "; give the cells' area");
                }

                return;
            }

            long areaScaled = cells.ElectrodeAreaScaled;
            string problem = Shortfall(safety, areaScaled, "at " + cells.ElectrodeAreaText + " cm2, ");
            if (problem == null)
            {
                return;
            }

            if (ReachUaPerCm2(safety, areaScaled) * SlipShortfall < PulseUaPerCm2)
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

        // The density the limit reaches on the area, or null where it pulses at the controller's density.
        private static string Shortfall(SafetySectionBuilder safety, long areaScaled, string where)
        {
            if ((long)safety.MaxModuleCurrentUa * Scale >= PulseUaPerCm2 * areaScaled)
            {
                return null;
            }

            return where + SafetySectionBuilder.MaxModuleCurrentKey + " = " + safety.MaxModuleCurrentText
                + " reaches " + BoardValueReader.FormatScaled(ReachUaPerCm2(safety, areaScaled), 3) + " mA/cm2, under the "
                + BoardValueReader.FormatScaled(PulseUaPerCm2, 3) + " mA/cm2 the controller pulses at, so its pulses are cut to the limit";
        }

        // In 0.00001 cm2 (AreaDecimals), integers: reach in uA/cm2 = limit uA x 10^5 / scaled area, rounded.
        private static long ReachUaPerCm2(SafetySectionBuilder safety, long areaScaled)
        {
            return (((long)safety.MaxModuleCurrentUa * Scale) + (areaScaled / 2)) / areaScaled;
        }
    }
}
