// Licensed under the MIT License.

using Edge.Core.Configuration.Protocol;

namespace Edge.Core.Boards.Parsing
{
    /// <summary>
    /// Whole-board checks of the analog front ends against the ESP32 ADC as Espressif characterises
    /// it (<see cref="Esp32AdcCharacteristics"/>): multiplexer settling, current resolution at the
    /// plating cap, cell and current ranges inside what the ADC reads without saturating (refused), operating ranges
    /// inside the accurate span (warned), and the reference input.
    /// </summary>
    internal static class FrontEndChecks
    {
        /// <summary>Time constants a step needs to settle to 12 bits: ln(4096) = 8.3, rounded up.</summary>
        public const int SettleTimeConstants = 9;

        /// <summary>Fewest ADC counts the plating cap may span on a current channel (the ADC's INL and DNL are a few counts).</summary>
        public const int MinimumPlatingCapCounts = 50;

        /// <summary>
        /// Plating cap, uA per cm2: the seed plating limit ([W]: 0.4 mA/cm2 survives 4 mAh/cm2 on a fresh
        /// interface, 0.7 shorts), the controller's default <c>PlatingCriticalCurrentUa</c> per cm2.
        /// </summary>
        public const int PlatingCapUaPerCm2 = 400;

        /// <summary>
        /// Widest count a cell channel may have at the cell, mV: the controller's hard-short band (a cell at or below
        /// 5 mV under current is shorted, <c>HardShortConfiguration.MaximumVoltageMv</c>; [W] "voltage to near 0 V"), so
        /// that a shorted cell read one count off still lies inside it.
        /// </summary>
        public const int HardShortBandMv = 5;

        /// <summary>
        /// Fewest counts, on a Vref-1200 chip through the board's nominal front end, between two neighbouring points of the
        /// per-unit calibration: its plan leaves out a point nearer its neighbour, and a cell limit nearer 0 V is refused
        /// here, as the plan keeps both limits and 0 V. Derived where the calibration uses it,
        /// <c>CalibrationProcedure.PlannedSeparationCounts</c> (8 counts the fit needs, on a unit up to 15 % under nominal).
        /// </summary>
        public const int CalibrationPointSeparationCounts = 10;

        public static BoardParseError Check(BoardSections sections, int cellCount, int moduleCount, int temperatureCount, WarningList warnings)
        {
            BoardParseError error = CheckSettle(sections.Mux, SamplePeriodCheck.LongestSettleUs(sections, cellCount, moduleCount, temperatureCount));
            if (error == null)
            {
                error = CheckResolution(sections, moduleCount);
            }

            if (error == null)
            {
                error = CheckCellResolution(sections, cellCount);
            }

            if (error == null)
            {
                error = CheckLimitsApartFromZero(sections, cellCount);
            }

            if (error == null)
            {
                error = CheckReference(sections, warnings);
            }

            if (error == null)
            {
                error = CheckMuxAddressCheck(sections.Mux, warnings);
            }

            if (error == null)
            {
                error = CheckCellRanges(sections, cellCount);
            }

            if (error == null)
            {
                error = CheckCurrentRanges(sections, moduleCount);
            }

            if (error == null)
            {
                WarnOutsideSpan(sections, cellCount, moduleCount, warnings);
            }

            return error;
        }

        /// <summary>The plating cap of the board's cells, nA (0.4 mA/cm2 x the [cells] area or the default area).</summary>
        public static long PlatingCapNa(BoardSections sections)
        {
            double area = sections.CellParameters != null && sections.CellParameters.ElectrodeAreaCm2 > 0
                ? sections.CellParameters.ElectrodeAreaCm2
                : ProtocolConfiguration.DefaultElectrodeAreaCm2;
            return (long)((PlatingCapUaPerCm2 * 1000.0 * area) + 0.5);
        }

        /// <summary>
        /// settle_us must cover 9 time constants of the filter, and at most what one tick's sampling leaves of the period
        /// (<see cref="SamplePeriodCheck.LongestSettleUs"/>); a refusal gives that range.
        /// </summary>
        private static BoardParseError CheckSettle(MuxSectionBuilder mux, long longestUs)
        {
            if (mux == null)
            {
                return null;
            }

            // ohm x pF = ps; the wait must cover 9 time constants.
            long tauNs = (long)mux.FilterOhm * mux.FilterPicofarad / 1000;
            long neededUs = ((SettleTimeConstants * tauNs) + 999) / 1000;
            if (mux.SettleUs >= neededUs && mux.SettleUs <= longestUs)
            {
                return null;
            }

            string range = neededUs <= longestUs
                ? "; use " + neededUs.ToString() + " to " + longestUs.ToString() + " us"
                : "; no settle_us fits: " + SettleTimeConstants.ToString() + " time constants take " + neededUs.ToString() + " us, more than the " + longestUs.ToString()
                    + " us the sample period leaves; use a smaller filter or a longer sample_period_ms";
            if (mux.SettleUs > longestUs)
            {
                return mux.FailAt(
                    MuxSectionBuilder.SettleKey,
                    BoardParseErrorKind.OutOfRange,
                    mux.SettleText + " us is longer than one tick's sampling can wait on each multiplexed input (" + SamplePeriodCheck.LongestSettleText + ")" + range);
            }

            if (mux.SettleUs < 0)
            {
                return mux.FailAt(MuxSectionBuilder.SettleKey, BoardParseErrorKind.OutOfRange, mux.SettleText + " us is not a wait" + range);
            }

            long tenthsOfTau = tauNs == 0 ? 0 : (mux.SettleUs * 10000L) / tauNs;
            return mux.FailAt(
                MuxSectionBuilder.SettleKey,
                BoardParseErrorKind.SettleTooShort,
                mux.SettleUs.ToString() + " us is " + BoardValueReader.FormatScaled(tenthsOfTau, 1) + " time constants of the "
                + mux.FilterOhm.ToString() + " ohm / " + mux.FilterPicofarad.ToString() + " pF filter (" + BoardValueReader.FormatScaled(tauNs, 3)
                + " us); a 12-bit reading needs " + SettleTimeConstants.ToString() + " (ln 4096 = 8.3)" + range);
        }

        /// <summary>A current channel must resolve the plating cap in at least 50 counts of the typical chip.</summary>
        private static BoardParseError CheckResolution(BoardSections sections, int moduleCount)
        {
            long capNa = PlatingCapNa(sections);
            double countsPerVolt = Esp32AdcCharacteristics.CountsPerVolt(Esp32AdcCharacteristics.NominalVrefMv);
            for (int m = 0; m < moduleCount; m++)
            {
                ModuleSectionBuilder module = sections.Modules[m];

                // Transimpedance in mV per mA (= V/A) x 1000: gain x 1000 times shunt in mohm / 1000.
                long milliVoltsPerAmp = (long)module.AmplifierGainMilli * module.ShuntMilliohm / 1000;
                double countsAtCap = capNa * 1e-9 * (milliVoltsPerAmp / 1000.0) * countsPerVolt;
                if (ModuleFrontEndRange.ResolvesPlatingCap(milliVoltsPerAmp, capNa))
                {
                    continue;
                }

                long neededMilliVoltsPerAmp = (long)(MinimumPlatingCapCounts / (capNa * 1e-9 * countsPerVolt) * 1000.0) + 1;
                long nanoAmpsPerCount = (long)(1e9 / (countsPerVolt * (milliVoltsPerAmp / 1000.0)));
                return module.FailAt(
                    ModuleSectionBuilder.GainKey,
                    BoardParseErrorKind.ResolutionTooCoarse,
                    "shunt x gain = " + BoardValueReader.FormatScaled(milliVoltsPerAmp, 3) + " V/A resolves "
                    + BoardValueReader.FormatScaled(nanoAmpsPerCount / 10, 2) + " uA per count, so the plating cap ("
                    + PlatingCapUaPerCm2.ToString() + " uA/cm2 of the cells' area = " + BoardValueReader.FormatScaled(capNa, 3) + " uA) spans "
                    + ((int)countsAtCap).ToString() + " counts, fewer than " + MinimumPlatingCapCounts.ToString()
                    + "; raise shunt_milliohm or amplifier_gain to at least " + BoardValueReader.FormatScaled(neededMilliVoltsPerAmp, 3) + " V/A"
                    + ModuleFrontEndCheck.GainAdvice(module, capNa, sections.Safety.MaxModuleCurrentUa));
            }

            return null;
        }

        /// <summary>
        /// A cell channel's count, on the chip with the fewest counts per volt (Vref 1200 mV), must be at most the
        /// hard-short band at the cell: divider_ratio at least 0.8789 mV / 5 mV = 0.175776. A coarser one reads a shorted
        /// cell one count off outside the band (0.005 gave 176 mV a count), and every smaller cell threshold with it. Above
        /// 1 the front end would amplify. A refusal gives the ratios that pass (<see cref="CellFrontEndRange"/>).
        /// </summary>
        private static BoardParseError CheckCellResolution(BoardSections sections, int cellCount)
        {
            double countsPerVolt = Esp32AdcCharacteristics.CountsPerVolt(Esp32AdcCharacteristics.MaximumVrefMv);
            long minimumPpm = CellFrontEndRange.HardShortLeastPpm();
            for (int i = 0; i < cellCount; i++)
            {
                CellSectionBuilder cell = sections.Cells[i];
                if (cell.DividerRatioPpm >= minimumPpm && cell.DividerRatioPpm <= CellFrontEndRange.UnityPpm)
                {
                    continue;
                }

                string range = CellFrontEndRange.RatioAdvice(sections.Safety, cell);
                if (cell.DividerRatioPpm > CellFrontEndRange.UnityPpm)
                {
                    return cell.FailAt(
                        CellSectionBuilder.RatioKey,
                        BoardParseErrorKind.OutOfRange,
                        cell.DividerRatioText + " is above 1: the front end would amplify, which the +-3.3 V cell range cannot use" + range);
                }

                if (cell.DividerRatioPpm <= 0)
                {
                    return cell.FailAt(
                        CellSectionBuilder.RatioKey,
                        BoardParseErrorKind.OutOfRange,
                        cell.DividerRatioText + " is not above 0: the channel would not follow the cell" + range);
                }

                // mV a count at the cell, in thousandths: 1e6 / counts per volt / ratio.
                long cellMicroVoltsPerCount = (long)((1e9 / countsPerVolt / cell.DividerRatioPpm * 1000.0) + 0.5);
                return cell.FailAt(
                    CellSectionBuilder.RatioKey,
                    BoardParseErrorKind.ResolutionTooCoarse,
                    BoardValueReader.FormatScaled(cell.DividerRatioPpm, 6) + " gives " + BoardValueReader.FormatScaled(cellMicroVoltsPerCount, 3)
                    + " mV a count at the cell on a Vref-1200 chip (" + BoardValueReader.FormatScaled((long)((1e6 / countsPerVolt) + 0.5), 3)
                    + " mV a count at the ADC), wider than the controller's hard-short band of " + HardShortBandMv.ToString()
                    + " mV (a cell at or below it under current is shorted): a shorted cell read one count off would lie outside it" + range);
            }

            return null;
        }

        /// <summary>
        /// Each cell limit must lie at least <see cref="CalibrationPointSeparationCounts"/> from 0 V on every cell channel
        /// of a Vref-1200 chip (the fewest counts per volt): the per-unit calibration always applies 0 V and both limits,
        /// which no unit could tell apart closer. The limit is named with
        /// the smallest magnitude the channel with the smallest divider_ratio resolves: -5 mV through 0.3297 is 1.9
        /// counts, 27 mV the least. A limit of exactly 0 V is refused before, as a resting cell's reading.
        /// </summary>
        private static BoardParseError CheckLimitsApartFromZero(BoardSections sections, int cellCount)
        {
            if (cellCount == 0)
            {
                return null;
            }

            int coarsest = 0;
            for (int i = 1; i < cellCount; i++)
            {
                if (sections.Cells[i].DividerRatioPpm < sections.Cells[coarsest].DividerRatioPpm)
                {
                    coarsest = i;
                }
            }

            // Counts per mV at the cell as the calibration plan reckons them, so that a limit kept here is one it can plan.
            CellSectionBuilder cell = sections.Cells[coarsest];
            double countsPerMilliVolt = Esp32AdcCharacteristics.CountsPerVolt(Esp32AdcCharacteristics.MaximumVrefMv) / 1000.0;
            double countsPerCellMv = cell.DividerRatioPpm / 1e6 * countsPerMilliVolt;
            // Counted up with the plan's own comparison rather than a division rounded up, which double rounding can put one
            // off; the divider rule above bounds it to about 50 steps, once at parse time.
            int leastMv = 1;
            while (leastMv * countsPerCellMv < CalibrationPointSeparationCounts)
            {
                leastMv++;
            }

            SafetySectionBuilder safety = sections.Safety;
            int minimumMv = safety.CellVoltageMinMv;
            if (minimumMv != 0 && -minimumMv < leastMv)
            {
                return NearZero(safety, SafetySectionBuilder.CellVoltageMinKey, minimumMv, cell, countsPerCellMv, "at most -" + leastMv.ToString());
            }

            int maximumMv = safety.CellVoltageMaxMv;
            if (maximumMv != 0 && maximumMv < leastMv)
            {
                return NearZero(safety, SafetySectionBuilder.CellVoltageMaxKey, maximumMv, cell, countsPerCellMv, "at least " + leastMv.ToString());
            }

            return null;
        }

        private static BoardParseError NearZero(SafetySectionBuilder safety, string key, int limitMv, CellSectionBuilder cell, double countsPerCellMv, string least)
        {
            int magnitudeMv = limitMv < 0 ? -limitMv : limitMv;
            long tenthsOfCounts = (long)((magnitudeMv * countsPerCellMv * 10.0) + 0.5);
            return safety.FailAt(
                key,
                BoardParseErrorKind.Inconsistent,
                limitMv.ToString() + " mV is " + BoardValueReader.FormatScaled(tenthsOfCounts, 1) + " counts from 0 V through " + cell.Header + " divider_ratio "
                + BoardValueReader.FormatScaled(cell.DividerRatioPpm, 6) + " on a Vref-1200 chip: the per-unit calibration applies 0 V and each limit, which need "
                + CalibrationPointSeparationCounts.ToString() + " counts between them for a unit to tell them apart, so no unit could be calibrated; give "
                + least + " mV");
        }

        /// <summary>The reference input: a channel like the others (mux input or ADC1 pin), warned about when absent.</summary>
        private static BoardParseError CheckReference(BoardSections sections, WarningList warnings)
        {
            ReferenceSectionBuilder reference = sections.Reference;
            if (reference == null)
            {
                warnings.Add(
                    0,
                    BoardWarningKind.NoReferenceChannel,
                    "[reference]",
                    string.Empty,
                    "missing: the front ends' REF is not read, so a drift of REF or of the ADC since calibration goes uncorrected (a REF 1 % low from a rail-derived divider moves every cell reading by REF / ratio, 41 mV at 1.65 V / 0.4)");
                return null;
            }

            if (!reference.Has(AnalogSectionBuilder.MuxInputKey))
            {
                return null;
            }

            MuxSectionBuilder mux = sections.Mux;
            if (mux == null)
            {
                return reference.FailAt(AnalogSectionBuilder.MuxInputKey, BoardParseErrorKind.MuxMissing, "mux_input needs a [mux] section");
            }

            if (reference.MuxInput >= mux.InputCount)
            {
                return MuxInputRange.Refusal(reference, AnalogSectionBuilder.MuxInputKey, reference.MuxInput, mux);
            }

            return null;
        }

        /// <summary>
        /// The multiplexer's address check: inputs tied to ground, read every tick, whose addresses between them hold every
        /// select line at 0 and at 1 (the all-zeros and the all-ones address do), so a line stuck at either level moves one of
        /// them onto an input that reads above ground. A declared set that leaves a level unseen is refused; a board without
        /// one is warned about (the reference input alone cannot see a line whose wrong address lands on a resting cell).
        /// </summary>
        private static BoardParseError CheckMuxAddressCheck(MuxSectionBuilder mux, WarningList warnings)
        {
            if (mux == null)
            {
                return null;
            }

            int lines = mux.SelectPins.Length;
            int allOnes = mux.InputCount - 1;
            if (mux.GroundInputs == null)
            {
                // A missing key has no line of its own: warned at the section that lacks it, as a missing required key is refused.
                warnings.Add(
                    mux.HeaderLine,
                    BoardWarningKind.NoMuxAddressCheck,
                    mux.Header,
                    MuxSectionBuilder.GroundInputsKey,
                    "missing: no multiplexer input is tied to ground, so a select line stuck at one level goes unseen where its wrong address "
                    + "reads near the right one (a resting cell reads as REF, so the reference input sees a stuck line only under a cell "
                    + "more than about 300 mV from 0 V, or not at all); tie inputs 0 and " + allOnes.ToString() + " to ground and list them");
                return null;
            }

            int[] grounds = mux.GroundInputs;
            for (int bit = 0; bit < lines; bit++)
            {
                bool low = false;
                bool high = false;
                for (int i = 0; i < grounds.Length; i++)
                {
                    if ((grounds[i] & (1 << bit)) == 0)
                    {
                        low = true;
                    }
                    else
                    {
                        high = true;
                    }
                }

                if (low && high)
                {
                    continue;
                }

                // A line stuck high is seen only at an address where it should be low, and the other way round.
                string stuck = low ? "low" : "high";
                string listed = grounds[0].ToString();
                for (int i = 1; i < grounds.Length; i++)
                {
                    listed = listed + ", " + grounds[i].ToString();
                }

                string needed = low ? "1" : "0";
                return mux.FailAt(
                    MuxSectionBuilder.GroundInputsKey,
                    BoardParseErrorKind.MuxAddressCheckIncomplete,
                    "S" + bit.ToString() + " stuck " + stuck + " goes unseen: none of inputs " + listed
                    + " has S" + bit.ToString() + " = " + needed + ", the only addresses such a line changes; tie inputs 0 and "
                    + allOnes.ToString() + " (all select lines low, all high) to ground and list both");
            }

            return null;
        }

        /// <summary>
        /// A cell's range (the [safety] limits) must map inside what the ADC reads without saturating on every chip: past
        /// it a cell at its limit reads 0 or 4095, which the conversion marks invalid, so the limit could never be seen.
        /// </summary>
        private static BoardParseError CheckCellRanges(BoardSections sections, int cellCount)
        {
            SafetySectionBuilder safety = sections.Safety;
            for (int i = 0; i < cellCount; i++)
            {
                CellSectionBuilder cell = sections.Cells[i];
                long lowMv = AtAdcMv(cell, safety.CellVoltageMinMv);
                long highMv = AtAdcMv(cell, safety.CellVoltageMaxMv);
                if (lowMv >= Esp32AdcCharacteristics.ReadableLowMv && highMv <= Esp32AdcCharacteristics.ReadableHighMv)
                {
                    continue;
                }

                // The ratio is named while one fits around this offset (most boards keep REF and change the divider); the
                // offset where none does and some offset fits at this ratio.
                string mapped = "the cell range " + safety.CellVoltageMinMv.ToString() + " to " + safety.CellVoltageMaxMv.ToString() + " mV ([safety]) maps to "
                    + lowMv.ToString() + " to " + highMv.ToString() + " mV at the ADC, beyond " + Esp32AdcCharacteristics.ReadableLowMv.ToString() + "-"
                    + Esp32AdcCharacteristics.ReadableHighMv.ToString() + " mV, what the ADC reads at 11 dB without saturating on every chip: a cell at its limit would read "
                    + (lowMv < Esp32AdcCharacteristics.ReadableLowMv ? "0" : "4095") + " and the limit could never be detected";
                long leastOffsetMv = CellFrontEndRange.LeastOffsetMv(safety, cell.DividerRatioPpm);
                long mostOffsetMv = CellFrontEndRange.MostOffsetMv(safety, cell.DividerRatioPpm);
                if (CellFrontEndRange.MostRatioPpm(safety, cell.OffsetMv) < CellFrontEndRange.LeastRatioPpm(safety) && leastOffsetMv <= mostOffsetMv)
                {
                    return cell.FailAt(
                        CellSectionBuilder.OffsetKey,
                        BoardParseErrorKind.Inconsistent,
                        mapped + "; use an offset_mv of " + leastOffsetMv.ToString() + " to " + mostOffsetMv.ToString() + " mV");
                }

                return cell.FailAt(CellSectionBuilder.RatioKey, BoardParseErrorKind.Inconsistent, mapped + CellFrontEndRange.RatioAdvice(safety, cell));
            }

            return null;
        }

        /// <summary>
        /// A module's current range (+-max_module_current_ma) must map inside what the ADC reads without saturating on every
        /// chip, as a cell's range must: past it a current at the limit reads 0 or 4095, and the per-unit calibration, which
        /// applies +-max_module_current_ma, refuses that point, so the unit could never be calibrated and would watch only.
        /// </summary>
        private static BoardParseError CheckCurrentRanges(BoardSections sections, int moduleCount)
        {
            SafetySectionBuilder safety = sections.Safety;
            for (int m = 0; m < moduleCount; m++)
            {
                ModuleSectionBuilder module = sections.Modules[m];
                // Decided on the exact swing (mV/A x uA = nV): whole mV let 2.819 mA through 500 V/A around 1650 mV
                // (1409.5 mV, truncated to 1409) past 3059 mV, above the most the refusal of max_module_current_ma names.
                if (ModuleFrontEndRange.SwingFits(MilliVoltsPerAmp(module), safety.MaxModuleCurrentUa, module.OffsetMv))
                {
                    continue;
                }

                long swingMv = CurrentSwingMv(module, safety.MaxModuleCurrentUa);
                long lowMv = module.OffsetMv - swingMv;
                long highMv = module.OffsetMv + swingMv;

                return module.FailAt(
                    ModuleSectionBuilder.OffsetKey,
                    BoardParseErrorKind.Inconsistent,
                    "the current range +-" + BoardValueReader.FormatScaled(safety.MaxModuleCurrentUa, 3) + " mA ([safety] max_module_current_ma) maps to "
                    + lowMv.ToString() + " to " + highMv.ToString() + " mV at the ADC, beyond " + Esp32AdcCharacteristics.ReadableLowMv.ToString() + "-"
                    + Esp32AdcCharacteristics.ReadableHighMv.ToString() + " mV, what the ADC reads at 11 dB without saturating on every chip: a current at the limit would read "
                    + (lowMv < Esp32AdcCharacteristics.ReadableLowMv ? "0" : "4095") + " and the unit's calibration, which applies it, could never finish; lower the gain or the shunt, or max_module_current_ma to at most "
                    + BoardValueReader.FormatScaled(MostCurrentUa(module), 3) + " mA" + OffsetOrGainAdvice(sections, module));
            }

            return null;
        }

        /// <summary>"; use an offset_mv of A to B" at the channel's shunt and gain where one fits, and the gain's range at its offset.</summary>
        private static string OffsetOrGainAdvice(BoardSections sections, ModuleSectionBuilder module)
        {
            long limitUa = sections.Safety.MaxModuleCurrentUa;
            long leastMv = ModuleFrontEndRange.LeastOffsetMv(MilliVoltsPerAmp(module), limitUa);
            long mostMv = ModuleFrontEndRange.MostOffsetMv(MilliVoltsPerAmp(module), limitUa);
            string gain = ModuleFrontEndCheck.GainAdvice(module, PlatingCapNa(sections), limitUa);
            return leastMv <= mostMv ? "; use an offset_mv of " + leastMv.ToString() + " to " + mostMv.ToString() + " mV" + gain : gain;
        }

        /// <summary>The largest current magnitude whose swing keeps the channel's input inside 143-3059 mV, uA (0 if none).</summary>
        public static long MostCurrentUa(ModuleSectionBuilder module)
        {
            long milliVoltsPerAmp = MilliVoltsPerAmp(module);
            long headroomMv = module.OffsetMv - Esp32AdcCharacteristics.ReadableLowMv;
            long topMv = Esp32AdcCharacteristics.ReadableHighMv - module.OffsetMv;
            headroomMv = topMv < headroomMv ? topMv : headroomMv;
            return milliVoltsPerAmp <= 0 || headroomMv < 0 ? 0 : (headroomMv * 1000000L) / milliVoltsPerAmp;
        }

        /// <summary>Shunt x gain, mV per A (= V/A x 1000).</summary>
        public static long MilliVoltsPerAmp(ModuleSectionBuilder module)
        {
            return (long)module.AmplifierGainMilli * module.ShuntMilliohm / 1000;
        }

        /// <summary>Swing of a current channel's ADC input at <paramref name="currentUa"/>: gain x shunt x current, mV.</summary>
        private static long CurrentSwingMv(ModuleSectionBuilder module, int currentUa)
        {
            return (long)module.AmplifierGainMilli * module.ShuntMilliohm / 1000 * currentUa / 1000000;
        }

        /// <summary>ADC input of a cell front end at <paramref name="cellMv"/>: offset_mv + divider_ratio x cell, mV.</summary>
        private static long AtAdcMv(CellSectionBuilder cell, int cellMv)
        {
            return cell.OffsetMv + ((long)cell.DividerRatioPpm * cellMv / 1000000);
        }

        /// <summary>Operating ranges (the [safety] limits) should map inside 150-2450 mV at the ADC.</summary>
        private static void WarnOutsideSpan(BoardSections sections, int cellCount, int moduleCount, WarningList warnings)
        {
            SafetySectionBuilder safety = sections.Safety;
            for (int i = 0; i < cellCount; i++)
            {
                CellSectionBuilder cell = sections.Cells[i];
                long lowMv = AtAdcMv(cell, safety.CellVoltageMinMv);
                long highMv = AtAdcMv(cell, safety.CellVoltageMaxMv);
                WarnIfOutside(
                    warnings, cell, CellSectionBuilder.RatioKey, lowMv, highMv,
                    "the cell range " + safety.CellVoltageMinMv.ToString() + " to " + safety.CellVoltageMaxMv.ToString() + " mV ([safety])");
            }

            for (int m = 0; m < moduleCount; m++)
            {
                ModuleSectionBuilder module = sections.Modules[m];
                long swingMv = CurrentSwingMv(module, safety.MaxModuleCurrentUa);
                WarnIfOutside(
                    warnings, module, ModuleSectionBuilder.OffsetKey, module.OffsetMv - swingMv, module.OffsetMv + swingMv,
                    "the current range +-" + BoardValueReader.FormatScaled(safety.MaxModuleCurrentUa, 3) + " mA ([safety] max_module_current_ma)");
            }

            ReferenceSectionBuilder reference = sections.Reference;
            if (reference != null)
            {
                WarnIfOutside(warnings, reference, ReferenceSectionBuilder.NominalKey, reference.NominalMv, reference.NominalMv, "the reference");
            }
        }

        private static void WarnIfOutside(WarningList warnings, SectionBuilder section, string key, long lowMv, long highMv, string what)
        {
            if (lowMv >= Esp32AdcCharacteristics.AccurateLowMv && highMv <= Esp32AdcCharacteristics.AccurateHighMv)
            {
                return;
            }

            warnings.Add(
                section.LineOf(key),
                BoardWarningKind.OutsideAccurateSpan,
                section.Header,
                key,
                what + " maps to " + lowMv.ToString() + " to " + highMv.ToString() + " mV at the ADC, outside the accurate span "
                + Esp32AdcCharacteristics.AccurateLowMv.ToString() + "-" + Esp32AdcCharacteristics.AccurateHighMv.ToString()
                + " mV at 11 dB (Espressif): readings there bend and differ more between chips");
        }
    }
}
