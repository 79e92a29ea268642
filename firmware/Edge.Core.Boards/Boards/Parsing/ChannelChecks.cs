// Licensed under the MIT License.

namespace Edge.Core.Boards.Parsing
{
    /// <summary>Whole-board checks of the analog channels, the module membership and the safety limits.</summary>
    internal static class ChannelChecks
    {
        public static BoardParseError CheckChannels(BoardSections sections, int cellCount, int moduleCount, int temperatureCount, int fullScale)
        {
            UsageRegistry muxInputs = new UsageRegistry(BoardParser.MaxCells + BoardParser.MaxModules + BoardParser.MaxTemperatures + 1 + 16);

            // Of several inputs beyond the multiplexer, the first to fix is the one on the earliest line, not the first checked.
            BoardParseError muxRange = MuxInputRange.FirstOutOfRange(sections, cellCount, moduleCount, temperatureCount);
            BoardParseError error = null;
            for (int i = 0; i < cellCount && error == null; i++)
            {
                error = CheckChannel(sections.Cells[i], sections.Mux, fullScale, muxInputs, muxRange)
                    ?? CheckRising(sections.Cells[i], "offset_mv + divider_ratio x cell voltage", "cell voltage");
            }

            for (int i = 0; i < moduleCount && error == null; i++)
            {
                error = CheckChannel(sections.Modules[i], sections.Mux, fullScale, muxInputs, muxRange)
                    ?? CheckRising(sections.Modules[i], "offset_mv + shunt x gain x current", "current");
            }

            for (int i = 0; i < temperatureCount && error == null; i++)
            {
                error = CheckChannel(sections.Temperatures[i], sections.Mux, fullScale, muxInputs, muxRange);
            }

            // The reference has no calibration; its input is checked with the other front ends, its mux input claimed here.
            ReferenceSectionBuilder reference = sections.Reference;
            if (error == null && reference != null && reference.MuxInput != AnalogInputDefinition.None)
            {
                muxInputs.Claim(reference.MuxInput, reference.LineOf(AnalogSectionBuilder.MuxInputKey), reference.Header + " " + AnalogSectionBuilder.MuxInputKey);
            }

            // The address check's ground inputs (each tied to ground, so it carries nothing else), claimed like a channel's.
            MuxSectionBuilder mux = sections.Mux;
            if (error == null && mux != null && mux.GroundInputs != null)
            {
                int line = mux.LineOf(MuxSectionBuilder.GroundInputsKey);
                for (int i = 0; i < mux.GroundInputs.Length && error == null; i++)
                {
                    int input = mux.GroundInputs[i];
                    if (input >= mux.InputCount)
                    {
                        error = muxRange;
                    }
                    else
                    {
                        muxInputs.Claim(input, line, mux.Header + " " + MuxSectionBuilder.GroundInputsKey);
                    }
                }
            }

            return error != null ? error : muxInputs.FindConflict(BoardParseErrorKind.MuxInputUsedTwice, "mux input");
        }

        /// <summary>Every module lists known cells, no cell twice, in the controller's order and as many as the others, and every cell is in a module.</summary>
        public static BoardParseError CheckModules(BoardSections sections, int cellCount, int moduleCount)
        {
            int[] ownerOfCell = new int[cellCount];
            for (int i = 0; i < cellCount; i++)
            {
                ownerOfCell[i] = -1;
            }

            // The controller numbers cell p of module m as m x cells per module + p (BoardPackLayout), so the modules must
            // list the cells in that order; any other would parse here and be refused only at boot, without its line.
            int nextCell = 0;
            for (int m = 0; m < moduleCount; m++)
            {
                ModuleSectionBuilder module = sections.Modules[m];
                BoardParseError error = CheckModuleOutputs(module);
                if (error != null)
                {
                    return error;
                }

                int[] cells = module.CellIndices;
                for (int p = 0; p < cells.Length; p++)
                {
                    int cell = cells[p];
                    if (cell >= cellCount)
                    {
                        return module.FailAt(ModuleSectionBuilder.CellsKey, BoardParseErrorKind.UnknownCell, "cell " + cell.ToString() + " has no [cell " + cell.ToString() + "] section");
                    }

                    if (ownerOfCell[cell] >= 0)
                    {
                        string where = ownerOfCell[cell] == m ? "this module" : "[module " + ownerOfCell[cell].ToString() + "]";
                        return module.FailAt(ModuleSectionBuilder.CellsKey, BoardParseErrorKind.CellInTwoModules, "cell " + cell.ToString() + " is already in " + where);
                    }

                    ownerOfCell[cell] = m;
                    if (cell != nextCell)
                    {
                        return module.FailAt(
                            ModuleSectionBuilder.CellsKey,
                            BoardParseErrorKind.CellOrder,
                            "cell " + cell.ToString() + " stands where cell " + nextCell.ToString()
                            + " belongs: modules list their cells lowest first, [module 0] from cell 0 and each further module on from where the one before ends");
                    }

                    nextCell++;
                }

                // One module size for all, for the same numbering.
                int firstSize = sections.Modules[0].CellIndices.Length;
                if (cells.Length != firstSize)
                {
                    return module.FailAt(
                        ModuleSectionBuilder.CellsKey,
                        BoardParseErrorKind.Inconsistent,
                        cells.Length.ToString() + " cells, but [module 0] has " + firstSize.ToString()
                        + ": every module holds the same number of cells (the controller numbers cell p of module m as m x cells per module + p)");
                }
            }

            for (int i = 0; i < cellCount; i++)
            {
                if (ownerOfCell[i] < 0)
                {
                    CellSectionBuilder cell = sections.Cells[i];
                    return new BoardParseError(cell.HeaderLine, BoardParseErrorKind.CellInNoModule, cell.Header, string.Empty, cell.Header + " belongs to no module; list it in a [module N] cells key");
                }
            }

            return null;
        }

        /// <summary>
        /// Limits must be ordered and visible: a limit outside a channel's calibrated range could
        /// never be detected, so it is rejected rather than silently unreachable.
        /// </summary>
        public static BoardParseError CheckSafety(BoardSections sections, int cellCount, int moduleCount, int temperatureCount, int fullScale)
        {
            SafetySectionBuilder s = sections.Safety;
            if (s.CellVoltageMinMv >= s.CellVoltageMaxMv)
            {
                return s.FailAt(SafetySectionBuilder.CellVoltageMaxKey, BoardParseErrorKind.Inconsistent, "must be above cell_voltage_min_mv (" + s.CellVoltageMinMv.ToString() + ")");
            }

            // A cell at rest reads about 0 V; stripping raises it, plating lowers it. A limit on the wrong side of 0 V
            // would hold every resting cell outside the envelope and leave the controller's cut-offs (stripping 1 mV up
            // to the maximum, plating the minimum up to -1 mV) no value: the board would be refused only at boot.
            if (s.CellVoltageMaxMv <= 0)
            {
                return s.FailAt(
                    SafetySectionBuilder.CellVoltageMaxKey,
                    BoardParseErrorKind.Inconsistent,
                    s.CellVoltageMaxMv.ToString() + " mV is not above 0 V: a resting cell reads about 0 V and stripping raises it, so every resting cell would sit at or past the limit; give a limit above 0");
            }

            if (s.CellVoltageMinMv >= 0)
            {
                return s.FailAt(
                    SafetySectionBuilder.CellVoltageMinKey,
                    BoardParseErrorKind.Inconsistent,
                    s.CellVoltageMinMv.ToString() + " mV is not below 0 V: a resting cell reads about 0 V and plating lowers it, so every resting cell would sit at or past the limit; give a limit below 0");
            }

            if (s.MaxPlatingCurrentUa > s.MaxModuleCurrentUa)
            {
                // Both currents named, and the range: a cap written in uA (500 for 0.5 mA) got the same words as 2.001.
                string moduleMa = BoardValueReader.FormatScaled(s.MaxModuleCurrentUa, 3);
                return s.FailAt(
                    SafetySectionBuilder.MaxPlatingCurrentKey,
                    BoardParseErrorKind.Inconsistent,
                    BoardValueReader.FormatScaled(s.MaxPlatingCurrentUa, 3) + " mA is more than max_module_current_ma, " + moduleMa
                    + " mA: plating is one direction of the module current, so its cap lies inside that limit; use 0.001 to " + moduleMa + " mA");
            }

            BoardParseError graded = GradedSafetyChecks.Check(s);
            if (graded != null)
            {
                return graded;
            }

            for (int i = 0; i < cellCount; i++)
            {
                CalibrationCurve curve = sections.Cells[i].Calibration;
                if (LowestTrusted(curve, fullScale) > s.CellVoltageMinMv)
                {
                    return OutsideCalibration(s, SafetySectionBuilder.CellVoltageMinKey, sections.Cells[i], curve, "mV", fullScale);
                }

                if (HighestTrusted(curve, fullScale) < s.CellVoltageMaxMv)
                {
                    return OutsideCalibration(s, SafetySectionBuilder.CellVoltageMaxKey, sections.Cells[i], curve, "mV", fullScale);
                }
            }

            for (int i = 0; i < moduleCount; i++)
            {
                ModuleSectionBuilder module = sections.Modules[i];
                if (module.SetpointKind != SetpointKind.None && module.SetpointFullScaleUa < s.MaxModuleCurrentUa)
                {
                    return module.FailAt(
                        ModuleSectionBuilder.SetpointFullScaleKey,
                        BoardParseErrorKind.Inconsistent,
                        module.SetpointFullScaleUa.ToString() + " uA is below max_module_current_ma (" + s.MaxModuleCurrentUa.ToString()
                        + " uA): the setpoint could not command the currents the envelope allows");
                }

                CalibrationCurve curve = sections.Modules[i].Calibration;
                if (LowestTrusted(curve, fullScale) > -s.MaxPlatingCurrentUa)
                {
                    return OutsideCalibration(s, SafetySectionBuilder.MaxPlatingCurrentKey, sections.Modules[i], curve, "uA", fullScale);
                }

                if (HighestTrusted(curve, fullScale) < s.MaxModuleCurrentUa || LowestTrusted(curve, fullScale) > -s.MaxModuleCurrentUa)
                {
                    return OutsideCalibration(s, SafetySectionBuilder.MaxModuleCurrentKey, sections.Modules[i], curve, "uA", fullScale);
                }
            }

            return CheckTemperatureLimit(sections, temperatureCount, fullScale);
        }

        private static BoardParseError CheckTemperatureLimit(BoardSections sections, int temperatureCount, int fullScale)
        {
            SafetySectionBuilder s = sections.Safety;
            if (!s.Has(SafetySectionBuilder.TemperatureMaxKey))
            {
                // Without it the controller's own 60.0 degC applied unchecked against the sensor's curve (one that
                // ends below it would never see it) while edge-sim board described the board as having no limit.
                return temperatureCount == 0
                    ? null
                    : s.MissingKey(
                        SafetySectionBuilder.TemperatureMaxKey,
                        " (needed with " + sections.Temperatures[0].Header + ": a temperature channel needs the limit it watches for, inside its calibration)");
            }

            if (temperatureCount == 0)
            {
                return s.FailAt(SafetySectionBuilder.TemperatureMaxKey, BoardParseErrorKind.Inconsistent, "the board has no [temperature N] channel to check it against");
            }

            for (int i = 0; i < temperatureCount; i++)
            {
                CalibrationCurve curve = sections.Temperatures[i].Calibration;
                if (LowestTrusted(curve, fullScale) > s.TemperatureMaxDeciC || HighestTrusted(curve, fullScale) < s.TemperatureMaxDeciC)
                {
                    return OutsideCalibration(s, SafetySectionBuilder.TemperatureMaxKey, sections.Temperatures[i], curve, "x 0.1 degC", fullScale);
                }
            }

            return null;
        }

        /// <summary>
        /// One channel's section, calibration and input; a multiplexer input beyond the count is answered with
        /// <paramref name="muxRange"/>, the earliest such input of the board.
        /// </summary>
        private static BoardParseError CheckChannel(AnalogSectionBuilder channel, MuxSectionBuilder mux, int fullScale, UsageRegistry muxInputs, BoardParseError muxRange)
        {
            BoardParseError error = channel.CheckRequired();
            if (error == null)
            {
                error = channel.CheckInput();
            }

            if (error != null)
            {
                return error;
            }

            CalibrationCurve curve = channel.Calibration;
            if (curve.CountsAt(curve.PointCount - 1) > fullScale)
            {
                return channel.FailAt(
                    AnalogSectionBuilder.CalibrationKey,
                    BoardParseErrorKind.OutOfRange,
                    "counts " + curve.CountsAt(curve.PointCount - 1).ToString() + " above the ADC full scale " + fullScale.ToString());
            }

            if (channel.MuxInput == AnalogInputDefinition.None)
            {
                return null;
            }

            if (mux == null)
            {
                return channel.FailAt(AnalogSectionBuilder.MuxInputKey, BoardParseErrorKind.MuxMissing, "mux_input needs a [mux] section");
            }

            if (channel.MuxInput >= mux.InputCount)
            {
                return muxRange;
            }

            muxInputs.Claim(channel.MuxInput, channel.LineOf(AnalogSectionBuilder.MuxInputKey), channel.Header + " " + AnalogSectionBuilder.MuxInputKey);
            return null;
        }

        /// <summary>
        /// Cell and current front ends put REF + a positive gain x the signal on the ADC (divider_ratio, shunt and gain are
        /// all above 0), so their curves rise with the counts: a falling one would read every value with the wrong sign,
        /// stripping as plating. (A temperature curve is the sensor's own: an NTC divider may fall.)
        /// </summary>
        private static BoardParseError CheckRising(AnalogSectionBuilder channel, string frontEnd, string signal)
        {
            CalibrationCurve curve = channel.Calibration;
            if (curve.ValueAt(curve.PointCount - 1) > curve.ValueAt(0))
            {
                return null;
            }

            return channel.FailAt(
                AnalogSectionBuilder.CalibrationKey,
                BoardParseErrorKind.Inconsistent,
                "the values fall as the counts rise, but the front end (" + frontEnd + ") raises the reading with the " + signal
                + ": every reading would have the wrong sign; give the points with the values rising");
        }

        private static BoardParseError CheckModuleOutputs(ModuleSectionBuilder module)
        {
            bool pwmDriver = module.SwitchDriver == SwitchDriver.Pwm;
            if (pwmDriver && !module.Has(ModuleSectionBuilder.SwitchPwmFrequencyKey))
            {
                return module.MissingKey(ModuleSectionBuilder.SwitchPwmFrequencyKey, " (needed with switch_driver = pwm)");
            }

            if (!pwmDriver && module.Has(ModuleSectionBuilder.SwitchPwmFrequencyKey))
            {
                return module.FailAt(ModuleSectionBuilder.SwitchPwmFrequencyKey, BoardParseErrorKind.Inconsistent, "only allowed with switch_driver = pwm");
            }

            // An open PWM switch is written as one duty step of 1/10000, which must still be 0 counts: a duty of
            // exactly 0 would leave the next close stored without being applied by the runtime.
            int switchBits = LedcResolution.BitsAt(module.SwitchPwmFrequencyHz);
            if (pwmDriver && switchBits > LedcResolution.MaxReachableBits)
            {
                return module.FailAt(
                    ModuleSectionBuilder.SwitchPwmFrequencyKey,
                    BoardParseErrorKind.OutOfRange,
                    module.SwitchPwmFrequencyHz.ToString() + " Hz runs the LEDC at " + switchBits.ToString()
                    + " bits, where one duty step of 1/10000 is no longer 0 counts and the switch cannot be held open; use at least " + LedcResolution.LowestReachableFrequencyHz().ToString() + " Hz (13 bits)");
            }

            SetpointKind kind = module.SetpointKind;
            if (kind == SetpointKind.None)
            {
                if (module.Has(ModuleSectionBuilder.SetpointPinKey) || module.Has(ModuleSectionBuilder.SetpointPwmFrequencyKey) || module.Has(ModuleSectionBuilder.SetpointFullScaleKey))
                {
                    string key = module.Has(ModuleSectionBuilder.SetpointPinKey) ? ModuleSectionBuilder.SetpointPinKey
                        : module.Has(ModuleSectionBuilder.SetpointPwmFrequencyKey) ? ModuleSectionBuilder.SetpointPwmFrequencyKey : ModuleSectionBuilder.SetpointFullScaleKey;
                    return module.FailAt(key, BoardParseErrorKind.Inconsistent, "needs setpoint = pwm or dac");
                }

                return null;
            }

            if (!module.Has(ModuleSectionBuilder.SetpointPinKey))
            {
                return module.MissingKey(ModuleSectionBuilder.SetpointPinKey, " (needed with setpoint = pwm or dac)");
            }

            if (kind == SetpointKind.Pwm && !module.Has(ModuleSectionBuilder.SetpointPwmFrequencyKey))
            {
                return module.MissingKey(ModuleSectionBuilder.SetpointPwmFrequencyKey, " (needed with setpoint = pwm)");
            }

            int bits = LedcResolution.BitsAt(module.SetpointPwmFrequencyHz);
            if (kind == SetpointKind.Pwm && bits > LedcResolution.MaxReachableBits)
            {
                return module.FailAt(
                    ModuleSectionBuilder.SetpointPwmFrequencyKey,
                    BoardParseErrorKind.OutOfRange,
                    module.SetpointPwmFrequencyHz.ToString() + " Hz runs the LEDC at " + bits.ToString()
                    + " bits, finer than nanoFramework's duty steps of 1/10000 reach; use at least " + LedcResolution.LowestReachableFrequencyHz().ToString() + " Hz (13 bits)");
            }

            if (kind == SetpointKind.Dac && module.Has(ModuleSectionBuilder.SetpointPwmFrequencyKey))
            {
                return module.FailAt(ModuleSectionBuilder.SetpointPwmFrequencyKey, BoardParseErrorKind.Inconsistent, "only allowed with setpoint = pwm");
            }

            if (kind == SetpointKind.Dac && !Esp32Pins.IsDacPin(module.SetpointPin))
            {
                return module.FailAt(ModuleSectionBuilder.SetpointPinKey, BoardParseErrorKind.Inconsistent, "GPIO " + module.SetpointPin.ToString() + " has no DAC; the ESP32 DAC is on GPIO 25 or 26");
            }

            if (!module.Has(ModuleSectionBuilder.SetpointFullScaleKey))
            {
                return module.MissingKey(ModuleSectionBuilder.SetpointFullScaleKey, " (needed with setpoint = pwm or dac: the module current at the top code)");
            }

            return null;
        }

        private static BoardParseError OutsideCalibration(SafetySectionBuilder safety, string key, SectionBuilder channel, CalibrationCurve curve, string unit, int fullScale)
        {
            return safety.FailAt(
                key,
                BoardParseErrorKind.Inconsistent,
                "limit lies outside the calibrated range of " + channel.Header + " (" + LowestTrusted(curve, fullScale).ToString() + " to " + HighestTrusted(curve, fullScale).ToString() + " " + unit
                + ") as far as readings that are not saturated reach, so it could never be detected");
        }

        // A limit is seen only within the curve's calibrated points and by the readings that are not saturated (1 to
        // full scale - 1): a point at 0 or at full scale lies where every reading is flagged, not trusted.
        private static int LowestTrusted(CalibrationCurve curve, int fullScale)
        {
            int first = ReadingAt(curve, 1);
            int last = ReadingAt(curve, fullScale - 1);
            int readable = first < last ? first : last;
            return readable > curve.MinValue ? readable : curve.MinValue;
        }

        private static int HighestTrusted(CalibrationCurve curve, int fullScale)
        {
            int first = ReadingAt(curve, 1);
            int last = ReadingAt(curve, fullScale - 1);
            int readable = first > last ? first : last;
            return readable < curve.MaxValue ? readable : curve.MaxValue;
        }

        // Readings 1 and full scale - 1 lie on the curve's end segments (or their extensions): the value there, rounded
        // half away from zero as the conversion rounds it.
        private static int ReadingAt(CalibrationCurve curve, int counts)
        {
            int segment = counts < curve.CountsAt(1) ? 0 : curve.PointCount - 2;
            long c0 = curve.CountsAt(segment);
            long v0 = curve.ValueAt(segment);
            long width = curve.CountsAt(segment + 1) - c0;
            long numerator = (v0 * width) + ((counts - c0) * (curve.ValueAt(segment + 1) - v0));
            long value = numerator >= 0 ? ((2 * numerator) + width) / (2 * width) : -(((-2 * numerator) + width) / (2 * width));
            return value > int.MaxValue ? int.MaxValue : (value < int.MinValue ? int.MinValue : (int)value);
        }
    }
}
