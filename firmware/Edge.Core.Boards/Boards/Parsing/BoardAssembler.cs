// Licensed under the MIT License.

namespace Edge.Core.Boards.Parsing
{
    /// <summary>
    /// Checks the sections as a whole (required sections and keys, contiguous numbering, inputs,
    /// pins, module membership, safety limits against the calibrated ranges, the outputs against
    /// the ESP32 module and nanoFramework's drivers, the front ends against the ADC, the setpoint outputs'
    /// resolution against the plating cap) and builds the
    /// <see cref="BoardDefinition"/> with its warnings. Returns null with the first error found.
    /// </summary>
    internal static class BoardAssembler
    {
        public static BoardDefinition Assemble(BoardSections sections, out BoardParseError error)
        {
            error = CheckPlainSections(sections);
            if (error != null)
            {
                return null;
            }

            int cellCount;
            int moduleCount;
            int temperatureCount;
            error = CountIndexed(sections.Cells, "cell", true, out cellCount);
            if (error != null)
            {
                return null;
            }

            error = CountIndexed(sections.Modules, "module", true, out moduleCount);
            if (error != null)
            {
                return null;
            }

            error = CountIndexed(sections.Temperatures, "temperature", false, out temperatureCount);
            if (error != null)
            {
                return null;
            }

            // The period first: its range depends only on what was counted above and the [mux], [enable] and
            // [board] keys, and a board read at a wrong period is refused for it whatever else it holds.
            error = SamplePeriodCheck.Check(sections, cellCount, moduleCount, temperatureCount);
            if (error != null)
            {
                return null;
            }

            int fullScale = (1 << sections.Board.AdcResolutionBits) - 1;
            error = ChannelChecks.CheckChannels(sections, cellCount, moduleCount, temperatureCount, fullScale);
            if (error == null)
            {
                error = ChannelChecks.CheckModules(sections, cellCount, moduleCount);
            }

            for (int i = 0; i < temperatureCount && error == null; i++)
            {
                TemperatureSectionBuilder t = sections.Temperatures[i];
                if (t.Module >= moduleCount)
                {
                    error = t.FailAt(
                        TemperatureSectionBuilder.ModuleKey,
                        BoardParseErrorKind.UnknownModule,
                        "module " + t.Module.ToString() + " has no [module " + t.Module.ToString() + "] section; leave the key out for a sensor that watches the whole pack");
                }
            }

            if (error == null)
            {
                error = PinChecks.CheckPins(sections, cellCount, moduleCount, temperatureCount);
            }

            if (error == null)
            {
                error = ModuleFrontEndCheck.Check(sections, moduleCount);
            }

            if (error == null)
            {
                error = CurrentLimitCheck.Check(sections, moduleCount);
            }

            if (error == null)
            {
                error = ChannelChecks.CheckSafety(sections, cellCount, moduleCount, temperatureCount, fullScale);
            }

            WarningList warnings = new WarningList();
            if (error == null)
            {
                error = HardwareChecks.Check(sections, moduleCount, warnings);
            }

            if (error == null)
            {
                error = FrontEndChecks.Check(sections, cellCount, moduleCount, temperatureCount, warnings);
            }

            if (error == null)
            {
                error = SetpointResolutionCheck.Check(sections, moduleCount);
            }

            if (error != null)
            {
                return null;
            }

            AreaReachCheck.Check(sections, warnings);
            return Build(sections, cellCount, moduleCount, temperatureCount, warnings.ToArray());
        }

        private static BoardParseError CheckPlainSections(BoardSections sections)
        {
            if (sections.Board == null)
            {
                return MissingSection("[board]");
            }

            BoardParseError error = sections.Board.CheckRequired();
            if (error != null)
            {
                return error;
            }

            if (sections.Board.Has(BoardSectionBuilder.StatusLedPinKey) != sections.Board.Has("status_led_active"))
            {
                return sections.Board.Has("status_led_active")
                    ? sections.Board.MissingKey(BoardSectionBuilder.StatusLedPinKey, " (status_led_active is set)")
                    : sections.Board.MissingKey("status_led_active", " (needed with status_led_pin)");
            }

            if (sections.Mux != null)
            {
                error = sections.Mux.CheckRequired();
                if (error != null)
                {
                    return error;
                }

                if (sections.Mux.Has(MuxSectionBuilder.EnablePinKey) != sections.Mux.Has(MuxSectionBuilder.EnableActiveKey))
                {
                    return sections.Mux.Has(MuxSectionBuilder.EnablePinKey)
                        ? sections.Mux.MissingKey(MuxSectionBuilder.EnableActiveKey, " (needed with enable_pin)")
                        : sections.Mux.MissingKey(MuxSectionBuilder.EnablePinKey, " (enable_active is set)");
                }
            }

            if (sections.Safety == null)
            {
                return MissingSection("[safety]");
            }

            error = sections.Safety.CheckRequired();
            if (error == null && sections.Enable != null)
            {
                error = sections.Enable.CheckRequired();
            }

            if (error == null && sections.Reference != null)
            {
                error = sections.Reference.CheckRequired();
                if (error == null)
                {
                    error = sections.Reference.CheckInput();
                }
            }

            return error;
        }

        /// <summary>Indexed sections must run 0..N-1 without gaps; cells and modules need at least one.</summary>
        private static BoardParseError CountIndexed(SectionBuilder[] builders, string name, bool required, out int count)
        {
            count = 0;
            for (int i = 0; i < builders.Length; i++)
            {
                if (builders[i] != null)
                {
                    count = i + 1;
                }
            }

            if (count == 0 && required)
            {
                return MissingSection("[" + name + " 0]");
            }

            for (int i = 0; i < count; i++)
            {
                if (builders[i] == null)
                {
                    SectionBuilder next = builders[i + 1];
                    int j = i + 1;
                    while (next == null)
                    {
                        j++;
                        next = builders[j];
                    }

                    return new BoardParseError(
                        next.HeaderLine,
                        BoardParseErrorKind.MissingSection,
                        next.Header,
                        string.Empty,
                        next.Header + " without [" + name + " " + i.ToString() + "]: " + name + " numbers must run from 0 without gaps");
                }
            }

            return null;
        }

        private static BoardParseError MissingSection(string header)
        {
            return new BoardParseError(0, BoardParseErrorKind.MissingSection, header, string.Empty, "missing section " + header);
        }

        private static BoardDefinition Build(BoardSections sections, int cellCount, int moduleCount, int temperatureCount, BoardWarning[] warnings)
        {
            BoardSectionBuilder b = sections.Board;
            MuxDefinition mux = null;
            if (sections.Mux != null)
            {
                MuxSectionBuilder m = sections.Mux;
                mux = new MuxDefinition(m.SelectPins, m.EnablePin, m.EnablePolarity, m.AdcPin, m.AdcChannel, m.SettleUs, m.FilterOhm, m.FilterPicofarad, m.GroundInputs);
            }

            CellChannelDefinition[] cells = new CellChannelDefinition[cellCount];
            for (int i = 0; i < cellCount; i++)
            {
                CellSectionBuilder c = sections.Cells[i];
                cells[i] = new CellChannelDefinition(i, InputOf(c, mux), c.DividerRatioPpm, c.OffsetMv, c.Calibration);
            }

            ModuleDefinition[] modules = new ModuleDefinition[moduleCount];
            for (int i = 0; i < moduleCount; i++)
            {
                ModuleSectionBuilder m = sections.Modules[i];
                modules[i] = new ModuleDefinition(
                    i, m.CellIndices, InputOf(m, mux), m.ShuntMilliohm, m.AmplifierGainMilli, m.OffsetMv, m.Calibration,
                    m.SwitchPin, m.SwitchPolarity, m.SwitchDriver, m.SwitchPwmFrequencyHz,
                    m.SetpointKind, m.SetpointPin, m.SetpointPwmFrequencyHz,
                    m.CurrentStage, m.SwitchPwmChannel, m.SetpointPwmChannel, m.SetpointFullScaleUa);
            }

            TemperatureChannelDefinition[] temperatures = new TemperatureChannelDefinition[temperatureCount];
            for (int i = 0; i < temperatureCount; i++)
            {
                TemperatureSectionBuilder t = sections.Temperatures[i];
                temperatures[i] = new TemperatureChannelDefinition(i, InputOf(t, mux), t.Calibration, t.Module);
            }

            SafetySectionBuilder s = sections.Safety;
            bool platingPossible = true;
            bool setpointEverywhere = true;
            for (int i = 0; i < moduleCount; i++)
            {
                platingPossible = platingPossible && modules[i].CanPlate;
                setpointEverywhere = setpointEverywhere && modules[i].SetpointKind != SetpointKind.None;
            }

            SafetyEnvelope safety = new SafetyEnvelope(s.MaxModuleCurrentUa, s.MaxPlatingCurrentUa, s.CellVoltageMinMv, s.CellVoltageMaxMv, s.TemperatureMaxDeciC, platingPossible, setpointEverywhere);
            safety.CellVoltageMaxWarningMv = s.CellVoltageMaxWarningMv;
            safety.CellVoltageMaxDerateMv = s.CellVoltageMaxDerateMv;
            safety.CellVoltageMinWarningMv = s.CellVoltageMinWarningMv;
            safety.CellVoltageMinDerateMv = s.CellVoltageMinDerateMv;
            safety.ModuleCurrentWarningUa = s.ModuleCurrentWarningUa;
            safety.ModuleCurrentDerateUa = s.ModuleCurrentDerateUa;
            safety.TemperatureWarningDeciC = s.TemperatureWarningDeciC;
            safety.TemperatureDerateDeciC = s.TemperatureDerateDeciC;
            CellParametersDefinition cellParameters = null;
            if (sections.CellParameters != null)
            {
                CellParametersSectionBuilder p = sections.CellParameters;
                cellParameters = new CellParametersDefinition(p.ElectrodeAreaCm2, p.NominalResistanceOhmCm2);
            }

            HardwareEnableDefinition enable = null;
            if (sections.Enable != null)
            {
                enable = new HardwareEnableDefinition(sections.Enable.FeedPin, sections.Enable.TimeoutMs);
            }

            ReferenceChannelDefinition reference = null;
            if (sections.Reference != null)
            {
                reference = new ReferenceChannelDefinition(InputOf(sections.Reference, mux), sections.Reference.NominalMv);
            }

            return new BoardDefinition(
                b.Name, b.SamplePeriodMs, b.AdcResolutionBits, b.AdcAttenuation, b.StatusLedPin, b.StatusLedPolarity,
                mux, cells, modules, temperatures, safety, cellParameters, b.ModuleVariant, enable, reference, warnings,
                b.AdcReadingsPerSample);
        }

        private static AnalogInputDefinition InputOf(AnalogSectionBuilder builder, MuxDefinition mux)
        {
            if (builder.MuxInput != AnalogInputDefinition.None)
            {
                return new AnalogInputDefinition(mux.AdcPin, mux.AdcChannel, builder.MuxInput);
            }

            return new AnalogInputDefinition(builder.AdcPin, builder.AdcChannel, AnalogInputDefinition.None);
        }
    }
}
