// Licensed under the MIT License.

using Edge.Core.Boards;

namespace Edge.Core.Calibration
{
    /// <summary>
    /// The calibration of one unit (one ESP32 on one board): for every cell, current and temperature
    /// channel the points its own ADC read at known reference inputs, and the reading of the board's
    /// reference input at the time, and the fingerprint of the board's front end it was measured through
    /// (<see cref="BoardDefinition.FrontEndFingerprint"/>). Made by <see cref="CalibrationProcedure"/>, stored per unit
    /// (<see cref="UnitCalibrationText"/>), and required before the controller closes any switch:
    /// a board file's calibration points are only a nominal curve.
    /// </summary>
    public sealed class UnitCalibration
    {
        /// <summary>Value of <see cref="ReferenceCounts"/> when the board has no reference input.</summary>
        public const int NoReference = -1;

        /// <summary>
        /// How far a unit's cell or current curve may lie from the board's nominal one, percent of the nominal span:
        /// the ADC's Vref spread (9 %) and the front end's part tolerances, with room to spare.
        /// </summary>
        public const int NominalTolerancePercent = 15;

        /// <summary>
        /// How far a tick's reading of the reference input may lie from the one the calibration recorded (about 100 mV on
        /// the typical chip): further is not a drift but a broken REF or input (the measurement's reference correction).
        /// </summary>
        public const int MaximumReferenceDeviationCounts = 124;

        private readonly CalibrationCurve[] _cells;
        private readonly CalibrationCurve[] _modules;
        private readonly CalibrationCurve[] _temperatures;

        public UnitCalibration(string boardName, string frontEnd, string unitId, int referenceCounts, CalibrationCurve[] cells, CalibrationCurve[] modules, CalibrationCurve[] temperatures)
        {
            BoardName = boardName;
            FrontEnd = frontEnd;
            UnitId = unitId;
            ReferenceCounts = referenceCounts;
            _cells = cells;
            _modules = modules;
            _temperatures = temperatures == null ? new CalibrationCurve[0] : temperatures;
        }

        /// <summary>The board (its <c>[board] name</c>) the unit was calibrated on.</summary>
        public string BoardName { get; }

        /// <summary>
        /// The <see cref="BoardDefinition.FrontEndFingerprint"/> of the board the unit was calibrated on: its curves convert
        /// counts read through that front end (pins, divider ratios, shunts, gains, offsets, multiplexer, reference) only.
        /// </summary>
        public string FrontEnd { get; }

        /// <summary>Which unit: a serial number or the ESP32's MAC address, as the operator gave it.</summary>
        public string UnitId { get; }

        /// <summary>Mean reading of the reference input during calibration, or <see cref="NoReference"/>.</summary>
        public int ReferenceCounts { get; }

        public int CellCount
        {
            get { return _cells.Length; }
        }

        public int ModuleCount
        {
            get { return _modules.Length; }
        }

        public int TemperatureCount
        {
            get { return _temperatures.Length; }
        }

        /// <summary>Counts to mV at cell <paramref name="index"/>.</summary>
        public CalibrationCurve CellAt(int index)
        {
            return _cells[index];
        }

        /// <summary>Counts to uA of module <paramref name="index"/>.</summary>
        public CalibrationCurve ModuleAt(int index)
        {
            return _modules[index];
        }

        /// <summary>Counts to 0.1 degC of temperature channel <paramref name="index"/>.</summary>
        public CalibrationCurve TemperatureAt(int index)
        {
            return _temperatures[index];
        }

        /// <summary>
        /// Why this calibration cannot serve <paramref name="board"/> (another board, another front end under the
        /// board's name, other channels, a reference reading the board cannot take, a curve far from the front end's nominal one, a safety limit
        /// outside a calibrated range), or null.
        /// </summary>
        public string CheckFits(BoardDefinition board)
        {
            if (board.Name != BoardName)
            {
                return "calibration of board '" + BoardName + "' on board '" + board.Name + "'";
            }

            if (board.FrontEndFingerprint != FrontEnd)
            {
                return FrontEndChanged(board, FrontEnd);
            }

            if (board.CellCount != _cells.Length || board.ModuleCount != _modules.Length || board.TemperatureCount != _temperatures.Length)
            {
                return "calibration has " + _cells.Length.ToString() + " cells, " + _modules.Length.ToString() + " modules and "
                    + _temperatures.Length.ToString() + " temperatures, the board " + board.CellCount.ToString() + ", "
                    + board.ModuleCount.ToString() + " and " + board.TemperatureCount.ToString();
            }

            if ((board.Reference != null) != (ReferenceCounts != NoReference))
            {
                return board.Reference != null ? "calibration lacks the reference reading the board's [reference] needs" : "calibration has a reference reading, the board no [reference]";
            }

            string referenceProblem = CheckReferenceCounts(board, ReferenceCounts);
            if (referenceProblem != null)
            {
                return referenceProblem;
            }

            for (int i = 0; i < _cells.Length; i++)
            {
                string problem = CheckChannel(board, CalibrationChannelKind.Cell, i);
                if (problem != null)
                {
                    return problem;
                }
            }

            for (int m = 0; m < _modules.Length; m++)
            {
                string problem = CheckChannel(board, CalibrationChannelKind.ModuleCurrent, m);
                if (problem != null)
                {
                    return problem;
                }
            }

            for (int t = 0; t < _temperatures.Length; t++)
            {
                string problem = CheckChannel(board, CalibrationChannelKind.Temperature, t);
                if (problem != null)
                {
                    return problem;
                }
            }

            return null;
        }

        /// <summary>
        /// Why the curve of one channel (<paramref name="kind"/>, <paramref name="index"/>) cannot serve <paramref name="board"/>,
        /// or null: the way it runs, its distance from the front end's nominal curve, the limits it reaches (see
        /// <see cref="CheckFits"/>). A record names the channel's own line with it.
        /// </summary>
        public string CheckChannel(BoardDefinition board, CalibrationChannelKind kind, int index)
        {
            // Each curve runs the way the board's front end does: one that runs the other way reads every value with
            // the wrong sign (stripping as plating), which no limit check would notice. A unit's ADC differs from the
            // typical chip by its Vref (1000-1200 mV: 9 % either way of 1100) and its front end by its parts' tolerances,
            // so its curve stays near the board's nominal one: a curve far from it was taken against a wrong reference
            // source (a 3.0 V step fed 2.25 V), and it would move every limit with it. And a limit must lie among the
            // values the channel can report (end segments extended to the first and last valid reading), or it could
            // never be seen.
            SafetyEnvelope safety = board.Safety;
            int lastValid = board.AdcFullScaleCounts - 1;
            if (kind == CalibrationChannelKind.Cell)
            {
                string section = "[cell " + index.ToString() + "]";
                return CheckDirection(_cells[index], board.CellAt(index).Calibration, section)
                    ?? CheckNearNominal(_cells[index], board.CellAt(index).Calibration, section, "mV")
                    ?? CheckReaches(_cells[index], lastValid, safety.CellVoltageMinMv, safety.CellVoltageMaxMv, "cell " + index.ToString(), "mV");
            }

            if (kind == CalibrationChannelKind.ModuleCurrent)
            {
                string section = "[module " + index.ToString() + "]";
                return CheckDirection(_modules[index], board.ModuleAt(index).CurrentCalibration, section)
                    ?? CheckNearNominal(_modules[index], board.ModuleAt(index).CurrentCalibration, section, "uA")
                    ?? CheckReaches(_modules[index], lastValid, -safety.MaxModuleCurrentUa, safety.MaxModuleCurrentUa, "module " + index.ToString(), "uA");
            }

            // An NTC's curve is the part's, not the chip's: not compared with the nominal one.
            string problem = CheckDirection(_temperatures[index], board.TemperatureAt(index).Calibration, "[temperature " + index.ToString() + "]");
            if (problem != null || safety.TemperatureMaxDeciC == SafetyEnvelope.NoTemperatureLimit)
            {
                return problem;
            }

            return CheckReaches(_temperatures[index], lastValid, safety.TemperatureMaxDeciC, safety.TemperatureMaxDeciC, "temperature " + index.ToString(), "x 0.1 degC");
        }

        /// <summary>
        /// The problem with a calibration of front end <paramref name="recorded"/> on <paramref name="board"/>, whose
        /// front end differs: its file was changed since the unit was calibrated.
        /// </summary>
        public static string FrontEndChanged(BoardDefinition board, string recorded)
        {
            return "the board's front end changed since calibration: the unit was calibrated through front end " + recorded + ", board '" + board.Name
                + "' now describes " + board.FrontEndFingerprint + " (an ADC pin, multiplexer input, divider ratio, offset, shunt, gain, the multiplexer or the reference differs),"
                + " so its curves would convert another circuit's readings; calibrate again";
        }

        /// <summary>
        /// Why <paramref name="referenceCounts"/> cannot be a reading of <paramref name="board"/>'s REF, or null (also on a
        /// board without a [reference]). Its <c>nominal_mv</c> reads between the counts of the chips at either end of the Vref
        /// spread (1200 and 1000 mV, on Espressif's line); every tick takes a REF reading more than
        /// <see cref="MaximumReferenceDeviationCounts"/> from the recorded one for a broken REF, so a recorded
        /// reading further than that outside the spread would make every cell and current reading implausible, forever.
        /// </summary>
        public static string CheckReferenceCounts(BoardDefinition board, int referenceCounts)
        {
            if (board.Reference == null || referenceCounts == NoReference)
            {
                return null;
            }

            int nominalMv = board.Reference.NominalMv;
            int lowestChip = CountsOnTheLine(nominalMv, Esp32AdcCharacteristics.MaximumVrefMv);
            int highestChip = CountsOnTheLine(nominalMv, Esp32AdcCharacteristics.MinimumVrefMv);
            int lowest = lowestChip - MaximumReferenceDeviationCounts;
            int highest = highestChip + MaximumReferenceDeviationCounts;
            if (referenceCounts >= lowest && referenceCounts <= highest)
            {
                return null;
            }

            return "reference reading " + referenceCounts.ToString() + " counts is not one of the board's " + nominalMv.ToString()
                + " mV [reference]: chips of Vref " + Esp32AdcCharacteristics.MinimumVrefMv.ToString() + "-" + Esp32AdcCharacteristics.MaximumVrefMv.ToString()
                + " mV read it at " + lowestChip.ToString() + "-" + highestChip.ToString() + " counts, and a tick whose REF reads more than "
                + MaximumReferenceDeviationCounts.ToString() + " counts from the recorded one takes it for a broken REF, so every cell and current reading would be implausible; use "
                + lowest.ToString() + " to " + highest.ToString() + " (was REF connected while the unit was calibrated?)";
        }

        // Counts of millivolts on Espressif's line for a chip of vrefMv (boards/README.md), rounded to the nearest count.
        private static int CountsOnTheLine(int millivolts, int vrefMv)
        {
            double counts = (millivolts - Esp32AdcCharacteristics.OffsetMv) * Esp32AdcCharacteristics.CountsPerVolt(vrefMv) / 1000.0;
            return (int)(counts + 0.5);
        }

        private static string CheckDirection(CalibrationCurve unit, CalibrationCurve nominal, string section)
        {
            int unitSlope = Direction(unit);
            int nominalSlope = Direction(nominal);
            if (unitSlope == nominalSlope || nominalSlope == 0)
            {
                return null;
            }

            return section + ": the curve's values " + (unitSlope > 0 ? "rise" : "fall") + " with the counts, the board's front end's "
                + (nominalSlope > 0 ? "rise" : "fall") + ": every reading would have the wrong sign";
        }

        /// <summary>
        /// Null when <paramref name="unit"/>, between its first and last point (the reference inputs it was taken at),
        /// spans within <see cref="NominalTolerancePercent"/> of what <paramref name="nominal"/> spans over the same
        /// counts, and reads its middle within that share of the span too; else the problem. Temperatures are left
        /// out: an NTC's curve is the part's, not the chip's.
        /// </summary>
        private static string CheckNearNominal(CalibrationCurve unit, CalibrationCurve nominal, string section, string valueUnit)
        {
            int firstCounts = unit.CountsAt(0);
            int lastCounts = unit.CountsAt(unit.PointCount - 1);
            PiecewiseLinearCalibration nominalConversion = new PiecewiseLinearCalibration(nominal);
            long nominalSpan = Magnitude((long)nominalConversion.Convert(lastCounts) - nominalConversion.Convert(firstCounts));
            if (nominalSpan == 0 || lastCounts <= firstCounts)
            {
                return null;
            }

            long unitSpan = Magnitude((long)unit.ValueAt(unit.PointCount - 1) - unit.ValueAt(0));
            if (unitSpan * 100 < nominalSpan * (100 - NominalTolerancePercent) || unitSpan * 100 > nominalSpan * (100 + NominalTolerancePercent))
            {
                return section + ": the calibration spans " + unitSpan.ToString() + " " + valueUnit + " over counts " + firstCounts.ToString() + " to "
                    + lastCounts.ToString() + ", " + ((unitSpan * 100) / nominalSpan).ToString() + " % of the front end's nominal "
                    + nominalSpan.ToString() + " " + valueUnit + " (a unit differs by up to " + NominalTolerancePercent.ToString()
                    + " %): were the reference inputs the values the procedure asked for?";
            }

            int middleCounts = firstCounts + ((lastCounts - firstCounts) / 2);
            long offset = Magnitude((long)new PiecewiseLinearCalibration(unit).Convert(middleCounts) - nominalConversion.Convert(middleCounts));
            long vrefShift = VrefShift(nominalConversion, middleCounts);
            if (offset * 100 > (nominalSpan * NominalTolerancePercent) + (vrefShift * 100))
            {
                return section + ": at " + middleCounts.ToString() + " counts the calibration reads " + offset.ToString() + " " + valueUnit
                    + " from the front end's nominal curve, more than " + NominalTolerancePercent.ToString() + " % of its "
                    + nominalSpan.ToString() + " " + valueUnit + " span there and the " + vrefShift.ToString() + " " + valueUnit
                    + " a chip's Vref (" + Esp32AdcCharacteristics.MinimumVrefMv.ToString() + "-" + Esp32AdcCharacteristics.MaximumVrefMv.ToString()
                    + " mV) moves that reading: were the reference inputs the values the procedure asked for?";
            }

            return null;
        }

        /// <summary>
        /// How far a chip's Vref alone moves the nominal curve's value at <paramref name="counts"/>: the ADC reads
        /// (mV - 142) / slope, the slope in proportion to Vref, so a unit reads at counts c what the typical chip reads at
        /// c x Vref / 1100. Near REF that is 112-135 counts whatever the range; a range narrow against it (cells within
        /// +-300 mV, a 0.05 mA module limit) spans fewer counts than 15 % of the span allows for, so every unit of Vref
        /// near 1000 or 1200 mV failed the middle check and could not be calibrated.
        /// </summary>
        private static long VrefShift(PiecewiseLinearCalibration nominal, int counts)
        {
            long typical = nominal.Convert(counts);
            long low = Magnitude(nominal.Convert(ScaledCounts(counts, Esp32AdcCharacteristics.MinimumVrefMv)) - typical);
            long high = Magnitude(nominal.Convert(ScaledCounts(counts, Esp32AdcCharacteristics.MaximumVrefMv)) - typical);
            return low > high ? low : high;
        }

        private static int ScaledCounts(int counts, int vrefMv)
        {
            long scaled = ((long)counts * vrefMv) / Esp32AdcCharacteristics.NominalVrefMv;
            return scaled > Esp32AdcCharacteristics.FullScaleCounts ? Esp32AdcCharacteristics.FullScaleCounts : (int)scaled;
        }

        private static long Magnitude(long value)
        {
            return value < 0 ? -value : value;
        }

        private static int Direction(CalibrationCurve curve)
        {
            int span = curve.ValueAt(curve.PointCount - 1) - curve.ValueAt(0);
            return span > 0 ? 1 : (span < 0 ? -1 : 0);
        }

        private static string CheckReaches(CalibrationCurve curve, int lastValidCounts, int low, int high, string channel, string unit)
        {
            PiecewiseLinearCalibration conversion = new PiecewiseLinearCalibration(curve);
            int first = conversion.Convert(1);
            int last = conversion.Convert(lastValidCounts);
            int smallest = first < last ? first : last;
            int largest = first < last ? last : first;
            if (smallest <= low && largest >= high)
            {
                return null;
            }

            return channel + " reads " + smallest.ToString() + " to " + largest.ToString() + " " + unit + " over the ADC's span, which does not reach the limits "
                + low.ToString() + " to " + high.ToString() + " " + unit;
        }
    }
}
