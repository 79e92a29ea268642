// Licensed under the MIT License.

using Edge.Core.Configuration;
using Edge.Core.Configuration.Protocol;

namespace Edge.Core.Boards.Parsing
{
    /// <summary>
    /// Warns of cells whose default pulse, 1 mA/cm2 of their area, the device cuts at boot: <see cref="BoardPulseCurrents"/>
    /// runs any pulse above the module current's derate level at that level, and the derate level lies inside the board's
    /// <c>max_module_current_ma</c> (95 % of it unless <c>module_current_derate_ma</c> is given). An area typed in mm2
    /// (38.48 for 0.3848 cm2) parsed without a word, and the device ran its pulse at about 0.05 mA/cm2. Large cells on a
    /// small stage are real boards, so this warns rather than refuses; where the cut pulse is under a tenth of 1 mA/cm2,
    /// the area read as mm2 is offered. A board that gives no area has its cells taken as the default's 0.3848 cm2, so a
    /// derate level under its 385 uA pulse is warned at the limit's line.
    /// </summary>
    internal static class AreaReachCheck
    {
        /// <summary>The controller's pulse density, uA/cm2: the default protocol's strip pulse on its area (the seed's 1 mA/cm2).</summary>
        public const int PulseUaPerCm2 = 1000;

        /// <summary>A cut pulse this many times short of 1 mA/cm2 looks like a unit slip rather than a large cell.</summary>
        private const int SlipShortfall = 10;

        /// <summary>0.00001 cm2 in a cm2 (AreaDecimals).</summary>
        private const long Scale = 100000;

        /// <summary>mm2 in a cm2.</summary>
        private const int Mm2PerCm2 = 100;

        /// <summary>The default electrode area in 0.00001 cm2 (AreaDecimals).</summary>
        private const int DefaultAreaScaled = (int)((ProtocolConfiguration.DefaultElectrodeAreaCm2 * Scale) + 0.5);

        public static void Check(BoardSections sections, WarningList warnings)
        {
            CellParametersSectionBuilder cells = sections.CellParameters;
            SafetySectionBuilder safety = sections.Safety;
            bool areaGiven = cells != null && cells.ElectrodeAreaScaled > 0;
            long areaScaled = areaGiven ? cells.ElectrodeAreaScaled : DefaultAreaScaled;
            double areaCm2 = areaGiven ? cells.ElectrodeAreaCm2 : ProtocolConfiguration.DefaultElectrodeAreaCm2;

            // The pulse as the device scales it to the board's area, rounding and all, so the warning comes exactly when
            // the cut does. The controller's own module limit (5 mA/cm2) derates far above a 1 mA/cm2 pulse.
            int pulseUa = ElectrodeAreaScaling.StepCurrentUa(ProtocolConfiguration.DefaultPulseUa, ProtocolConfiguration.DefaultElectrodeAreaCm2, areaCm2);
            bool derateGiven = safety.ModuleCurrentDerateUa != SafetyEnvelope.NotGiven;
            int derateUa = derateGiven ? safety.ModuleCurrentDerateUa : ProtectionGrading.DerateBelow(safety.MaxModuleCurrentUa);
            if (pulseUa <= derateUa)
            {
                return;
            }

            long cutUaPerCm2 = (((long)derateUa * Scale) + (areaScaled / 2)) / areaScaled;
            string cut = "the controller's 1 mA/cm2 pulse is " + Milliamperes(pulseUa) + " mA, above "
                + (derateGiven
                    ? SafetySectionBuilder.ModuleCurrentDerateKey + " = " + Milliamperes(derateUa)
                    : "the derate level of " + SafetySectionBuilder.MaxModuleCurrentKey + " = " + safety.MaxModuleCurrentText
                        + " (" + ProtectionGrading.DeratePercent.ToString() + " %, " + Milliamperes(derateUa) + " mA)")
                + ", so its pulses are cut to " + Milliamperes(derateUa) + " mA, " + BoardValueReader.FormatScaled(cutUaPerCm2, 3) + " mA/cm2";
            if (!areaGiven)
            {
                // The area to give is the fix, so the warning stands at the key that cuts and names the area assumed.
                string key = derateGiven ? SafetySectionBuilder.ModuleCurrentDerateKey : SafetySectionBuilder.MaxModuleCurrentKey;
                warnings.Add(
                    safety.LineOf(key),
                    BoardWarningKind.AreaBeyondModuleCurrent,
                    safety.Header,
                    key,
                    "without [cells] " + CellParametersSectionBuilder.ElectrodeAreaKey + " the cells are taken as "
                        + BoardValueReader.FormatScaled(DefaultAreaScaled, CellParametersSectionBuilder.AreaDecimals) + " cm2, where " + cut + "; give the cells' area");
                return;
            }

            string problem = "at " + cells.ElectrodeAreaText + " cm2, " + cut;
            if (cutUaPerCm2 * SlipShortfall < PulseUaPerCm2)
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

        private static string Milliamperes(int microamperes)
        {
            return BoardValueReader.FormatScaled(microamperes, 3);
        }
    }
}
