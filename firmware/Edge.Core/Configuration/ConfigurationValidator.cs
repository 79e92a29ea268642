// Licensed under the MIT License.

using Edge.Core.Configuration.Detection;
using Edge.Core.Configuration.Diagnostics;
using Edge.Core.Configuration.Protocol;
using Edge.Core.Records;
using Edge.Core.Sampling;

namespace Edge.Core.Configuration
{
    /// <summary>
    /// Checks a configuration as a whole before the controller accepts it. Returns the first problem,
    /// naming the field; a rejected configuration changes nothing.
    /// </summary>
    public static class ConfigurationValidator
    {
        public static ConfigurationError Validate(ControllerConfiguration configuration, PackLayout layout)
        {
            if (configuration == null)
            {
                return new ConfigurationError("configuration", "is missing");
            }

            ConfigurationCheck check = new ConfigurationCheck();
            check.Range("samplePeriodMs", configuration.SamplePeriodMs, 1, 60000);
            check.Require(
                configuration.Protocol != null && configuration.RestTuning != null && configuration.Depletion != null
                && configuration.SoftShort != null && configuration.HardShort != null && configuration.Protection != null
                && configuration.Plausibility != null && configuration.Telemetry != null && configuration.Diagnosis != null,
                "configuration",
                "a section is missing");
            if (check.Failed)
            {
                // The sections' checks below read the sections and the sample period.
                return check.Error;
            }

            ValidateProtection(configuration.Protection, check);
            ValidateTemperatureSensorModules(configuration.Protection.TemperatureSensorModules, layout, check);
            ValidateProtocol(configuration.Protocol, configuration.Protection, configuration.Mode, configuration.SamplePeriodMs, check);
            ValidateRestTuning(configuration.RestTuning, configuration.SamplePeriodMs, check);
            ValidateDetection(configuration.Depletion, configuration.SoftShort, configuration.HardShort, check);
            ValidateCurrentReduction(configuration, check);
            ValidatePulseTuning(configuration.PulseTuning, configuration.SamplePeriodMs, check);
            ValidateScheduling(configuration, layout, check);

            check.Range("plausibility.lateTickPercent", configuration.Plausibility.LateTickPercent, 101, 1000);
            check.Range("plausibility.missedTickPeriods", configuration.Plausibility.MissedTickPeriods, 2, 1000);
            check.Range("plausibility.stuckMinimumEdgeResponseMv", configuration.Plausibility.StuckMinimumEdgeResponseMv, 0, 1000);
            check.Range("plausibility.stuckSigmaTenths", configuration.Plausibility.StuckSigmaTenths, 0, 1000);
            check.Range("plausibility.currentToleranceUa", configuration.Plausibility.CurrentToleranceUa, 0, 1000000);
            check.Range("plausibility.currentTolerancePercent", configuration.Plausibility.CurrentTolerancePercent, 0, 100);
            check.Range("plausibility.intermittentWindowReadings", configuration.Plausibility.IntermittentWindowReadings, 10, 100000);
            // A clear limit of 0 would never heal; one above the warning's would heal a channel still over it.
            check.Range("plausibility.intermittentClearPercent", configuration.Plausibility.IntermittentClearPercent, 1, 100);
            check.AtLeastField("plausibility.intermittentWarningPercent", configuration.Plausibility.IntermittentWarningPercent, "intermittentClearPercent", configuration.Plausibility.IntermittentClearPercent, 1, 100);
            check.Range("telemetry.cellVoltagePeriodMs", configuration.Telemetry.CellVoltagePeriodMs, 0, 3600000);
            if (configuration.Telemetry.RecordsPerTick != TelemetryConfiguration.RecordsPerTickFromPack)
            {
                check.Range("telemetry.recordsPerTick", configuration.Telemetry.RecordsPerTick, TelemetryConfiguration.MinimumRecordsPerTick(layout), 4096);
            }
            return check.Error;
        }

        private static void ValidateProtection(ProtectionConfiguration protection, ConfigurationCheck check)
        {
            check.Range("protection.cellMaximumMv", protection.CellMaximumMv, -10000, 10000);
            check.Range("protection.cellMinimumMv", protection.CellMinimumMv, -10000, protection.CellMaximumMv - 1);
            check.Range("protection.moduleMaximumCurrentUa", protection.ModuleMaximumCurrentUa, 1, 100000000);
            check.Range("protection.openSwitchCurrentUa", protection.OpenSwitchCurrentUa, 0, protection.ModuleMaximumCurrentUa);
            check.Range("protection.maximumTemperatureDeciCelsius", protection.MaximumTemperatureDeciCelsius, -400, 2000);
            ProtectionGradingCheck.Validate(protection, check);
        }

        private static void ValidateTemperatureSensorModules(int[] modules, PackLayout layout, ConfigurationCheck check)
        {
            if (modules == null)
            {
                return;
            }

            check.Require(
                modules.Length == layout.TemperatureCount,
                "protection.temperatureSensorModules",
                modules.Length.ToString() + " entries for " + layout.TemperatureCount.ToString() + " temperature sensors: give one module (or -1 for the pack) per sensor");
            for (int t = 0; t < modules.Length; t++)
            {
                check.Range("protection.temperatureSensorModules[" + t.ToString() + "]", modules[t], -1, layout.ModuleCount - 1);
            }
        }

        private static void ValidateProtocol(ProtocolConfiguration protocol, ProtectionConfiguration protection, ControlMode mode, int samplePeriodMs, ConfigurationCheck check)
        {
            if (check.Failed)
            {
                return;
            }

            check.Fail(ProtocolStepsError(protocol, protection, mode, samplePeriodMs));
            if (check.Failed)
            {
                // The ranges below compare against the steps' kinds and the envelope only once those hold.
                return;
            }

            check.Range("protocol.minimumRestMs", protocol.MinimumRestMs, 0, 86400000);
            check.AtLeastField("protocol.maximumRestMs", protocol.MaximumRestMs, "minimumRestMs", protocol.MinimumRestMs, 0, 86400000);

            // An adaptive rest is timed in samples like a fixed one: a bound shorter than a sample would let the current
            // run on through the rest (a fixed rest step that short is refused for the same reason).
            check.Require(
                protocol.RestMode != RestMode.Adaptive || protocol.MinimumRestMs >= samplePeriodMs,
                "protocol.minimumRestMs",
                protocol.MinimumRestMs.ToString() + " ms is shorter than one sample period (" + samplePeriodMs.ToString() + " ms): an adaptive rest that short cannot be timed");
            check.BoardRange("protocol.stripCutoffMv", protocol.StripCutoffMv, 1, protection.CellMaximumMv, null, protection.CellMaximumBoardKey, " mV");
            check.BoardRange("protocol.plateCutoffMv", protocol.PlateCutoffMv, protection.CellMinimumMv, -1, protection.CellMinimumBoardKey, null, " mV");

            // 0 is no limit. The config message carries both; above 2^53 - 1 a JSON consumer cannot read them exactly.
            check.Range("protocol.capacityLimitUc", protocol.CapacityLimitUc, 0, ContractNumbers.LargestExactInteger);
            check.Range("protocol.timeLimitMs", protocol.TimeLimitMs, 0, ContractNumbers.LargestExactInteger);
            check.BoardRange("protocol.platingCriticalCurrentUa", protocol.PlatingCriticalCurrentUa, 1, protection.ModuleMaximumCurrentUa, null, protection.ModuleMaximumCurrentBoardKey, " uA");
            check.Range("protocol.directionChangeRestMs", protocol.DirectionChangeRestMs, 0, 86400000);
            check.AtLeastField("protocol.directionChangeMaximumRestMs", protocol.DirectionChangeMaximumRestMs, "directionChangeRestMs", protocol.DirectionChangeRestMs, 0, 86400000);
        }

        /// <summary>The electrode area and the steps, each step against the envelope; null when they hold.</summary>
        private static ConfigurationError ProtocolStepsError(ProtocolConfiguration protocol, ProtectionConfiguration protection, ControlMode mode, int samplePeriodMs)
        {
            if (!(protocol.ElectrodeAreaCm2 > 0.0) || protocol.ElectrodeAreaCm2 > 10000.0)
            {
                return new ConfigurationError("protocol.electrodeAreaCm2", "must be greater than 0 and at most 10000");
            }

            if (protocol.Steps == null || protocol.Steps.Length == 0)
            {
                return new ConfigurationError("protocol.steps", "needs at least one step");
            }

            bool hasCurrent = false;
            for (int i = 0; i < protocol.Steps.Length; i++)
            {
                ProtocolStep step = protocol.Steps[i];
                string field = "protocol.steps[" + i.ToString() + "]";
                if (step == null)
                {
                    return new ConfigurationError(field, "is missing");
                }

                if (step.DurationMs < 0)
                {
                    return new ConfigurationError(field, "duration cannot be negative");
                }

                if (step.DurationMs > ContractNumbers.LargestExactInteger)
                {
                    // The config message carries it (a step text is at most a year; a configuration built in code is not).
                    return new ConfigurationError(field, "duration " + step.DurationMs.ToString() + " ms is out of range [0, " + ContractNumbers.LargestExactInteger.ToString() + "]");
                }

                if (step.IsCurrentStep)
                {
                    hasCurrent = true;
                    if (step.CurrentUa <= 0)
                    {
                        return new ConfigurationError(field, "current must be greater than 0");
                    }

                    if (step.CurrentUa > protection.ModuleMaximumCurrentUa)
                    {
                        return new ConfigurationError(field, StepCurrentRefusal.AboveLimit(step, protocol.ElectrodeAreaCm2, protection, mode));
                    }

                    // In act mode every pulse above the derate level (RSL) would be derated (and warned about) from its first:
                    // the protocol asked for is not the one that runs. A current at the level itself is not (the monitor's
                    // test is >). Observe mode only reports the levels, so a watched programme may run up to the envelope.
                    if (mode == ControlMode.Act && step.CurrentUa > protection.ModuleCurrentDerateUa)
                    {
                        return new ConfigurationError(field, StepCurrentRefusal.AboveDerateLevel(step, protocol.ElectrodeAreaCm2, protection));
                    }

                    if (step.DurationMs > 0 && step.DurationMs < samplePeriodMs)
                    {
                        return new ConfigurationError(field, "a pulse shorter than one sample period cannot be timed");
                    }

                    if (step.Kind == ProtocolStepKind.Plate && !protection.PlatingSupported)
                    {
                        return new ConfigurationError(field, "plating needs current into the cells, and the board's current stages only sink (current_stage = sink)");
                    }
                }
                else if (step.DurationMs == 0 && protocol.RestMode == RestMode.Fixed)
                {
                    return new ConfigurationError(field, "a fixed rest needs a duration");
                }
                else if (step.DurationMs > 0 && step.DurationMs < samplePeriodMs)
                {
                    // It would last a whole sample period: a 5 ms rest at 10 ms samples rested 10 ms.
                    return new ConfigurationError(field, "a rest shorter than one sample period cannot be timed");
                }
            }

            if (!hasCurrent)
            {
                return new ConfigurationError("protocol.steps", "needs at least one strip or plate step");
            }

            return null;
        }

        private static void ValidatePulseTuning(PulseTuningConfiguration pulseTuning, int samplePeriodMs, ConfigurationCheck check)
        {
            if (check.Failed)
            {
                return;
            }

            if (pulseTuning == null)
            {
                check.Fail(new ConfigurationError("pulseTuning", "is missing"));
                return;
            }

            check.Range("pulseTuning.minimumPulseMs", pulseTuning.MinimumPulseMs, samplePeriodMs, 3600000);
            check.Range("pulseTuning.shortenPercent", pulseTuning.ShortenPercent, 1, 90);
        }

        private static void ValidateScheduling(ControllerConfiguration configuration, PackLayout layout, ConfigurationCheck check)
        {
            if (check.Failed)
            {
                return;
            }

            check.Fail(SchedulingError(configuration, layout));
        }

        private static ConfigurationError SchedulingError(ControllerConfiguration configuration, PackLayout layout)
        {
            PackSchedulingConfiguration scheduling = configuration.Scheduling;
            if (scheduling == null)
            {
                return new ConfigurationError("scheduling", "is missing");
            }

            if (!scheduling.Enabled)
            {
                return null;
            }

            // The rotation hands one kind of pulse around: one timed strip step and rests.
            int currentSteps = 0;
            for (int i = 0; i < configuration.Protocol.Steps.Length; i++)
            {
                ProtocolStep step = configuration.Protocol.Steps[i];
                if (step.IsCurrentStep)
                {
                    currentSteps++;
                    if (step.Kind != ProtocolStepKind.Strip || step.DurationMs <= 0)
                    {
                        return new ConfigurationError("protocol.steps[" + i.ToString() + "]", "pack scheduling needs a timed strip pulse");
                    }
                }
            }

            if (currentSteps != 1 || configuration.Protocol.Steps.Length < 2)
            {
                return new ConfigurationError("protocol.steps", "pack scheduling needs exactly one strip pulse and a rest");
            }

            long packMaximum = (long)configuration.Protection.ModuleMaximumCurrentUa * layout.ModuleCount;
            int ceiling = packMaximum > int.MaxValue ? int.MaxValue : (int)packMaximum;
            ConfigurationCheck check = new ConfigurationCheck();
            check.Range("scheduling.demandUa", scheduling.DemandUa, 0, ceiling);
            check.Range("scheduling.demandMetHoldMs", scheduling.DemandMetHoldMs, 0, 3600000);
            if (check.Failed)
            {
                return check.Error;
            }

            if (scheduling.ProfileStartMs == null || scheduling.ProfileDemandUa == null || scheduling.ProfileStartMs.Length != scheduling.ProfileDemandUa.Length)
            {
                return new ConfigurationError("scheduling.profile", "start times and demands must be given in pairs");
            }

            for (int i = 0; i < scheduling.ProfileStartMs.Length; i++)
            {
                string field = "scheduling.profile[" + i.ToString() + "]";
                if (scheduling.ProfileStartMs[i] < 0 || (i > 0 && scheduling.ProfileStartMs[i] <= scheduling.ProfileStartMs[i - 1]))
                {
                    return new ConfigurationError(field, "start times must be non-negative and rising");
                }

                check.Range(field, scheduling.ProfileDemandUa[i], 0, ceiling);
                if (check.Failed)
                {
                    return check.Error;
                }
            }

            return null;
        }

        private static void ValidateRestTuning(RestTuningConfiguration tuning, int samplePeriodMs, ConfigurationCheck check)
        {
            check.Range("restTuning.slopeWindowMs", tuning.SlopeWindowMs, samplePeriodMs, 60000);
            check.Require(tuning.SlopeWindowMs / samplePeriodMs <= 256, "restTuning.slopeWindowMs", "spans more than 256 samples");
            check.Range("restTuning.settledSlopeUvPerS", tuning.SettledSlopeUvPerS, 1, 10000000);
            check.Range("restTuning.settledFractionPercent", tuning.SettledFractionPercent, 1, 100);
            check.Range("restTuning.negligibleRelaxationMv", tuning.NegligibleRelaxationMv, 0, 100000);
            check.Range("restTuning.slopeNoiseFloorUvPerS", tuning.SlopeNoiseFloorUvPerS, 0, 10000000);
            check.Range("restTuning.settledHoldMs", tuning.SettledHoldMs, 0, 600000);
            check.Range("restTuning.settleAveragingRests", tuning.SettleAveragingRests, 1, 1000);
            check.Range("restTuning.overpotentialGrowthMv", tuning.OverpotentialGrowthMv, 0, 10000);
            check.Range("restTuning.residualGrowthMv", tuning.ResidualGrowthMv, 0, 10000);
            check.Range("restTuning.lengthenPercent", tuning.LengthenPercent, 0, 1000);
            check.Range("restTuning.shortenPercent", tuning.ShortenPercent, 0, 90);
            check.Range("restTuning.warningExtendPercent", tuning.WarningExtendPercent, 0, 1000);
            check.Range("restTuning.maximumExtensionPercent", tuning.MaximumExtensionPercent, 100, 10000);
            check.Range("restTuning.slopeReferenceNoiseUvPerS", tuning.SlopeReferenceNoiseUvPerS, 0, 1000000);
            check.Range("restTuning.relaxationMarginMv", tuning.RelaxationMarginMv, 0, 100000);
            check.Range("restTuning.marginMaximumSamplePeriodMs", tuning.MarginMaximumSamplePeriodMs, 1, 60000);
            check.Range("restTuning.marginLengthenPercent", tuning.MarginLengthenPercent, 0, 1000);
            check.Range("restTuning.marginShortenPercent", tuning.MarginShortenPercent, 0, 90);
        }

        private static void ValidateDetection(DepletionConfiguration depletion, SoftShortConfiguration softShort, HardShortConfiguration hardShort, ConfigurationCheck check)
        {
            check.Range("depletion.baselinePulses", depletion.BaselinePulses, 1, 1000);
            check.Range("depletion.baselineSettleMaximumPulses", depletion.BaselineSettleMaximumPulses, 0, 100000);
            check.Range("depletion.leavingRestAfterRestPercent", depletion.LeavingRestAfterRestPercent, 100, 100000);
            check.Range("depletion.leavingRestMinimumMs", depletion.LeavingRestMinimumMs, 0, 3600000);
            check.Range("depletion.shortRestPercent", depletion.ShortRestPercent, 0, 100);
            check.Range("depletion.cusumSlackMv", depletion.CusumSlackMv, 0, 1000);
            check.Range("depletion.cusumSlackSigmaTenths", depletion.CusumSlackSigmaTenths, 0, 1000);
            check.Range("depletion.cusumLevelSigmaTenths", depletion.CusumLevelSigmaTenths, 0, 1000);
            check.Range("depletion.baselineDriftLimitPercent", depletion.BaselineDriftLimitPercent, 0, 10000);
            check.Range("depletion.operatingPointChangePercent", depletion.OperatingPointChangePercent, 1, 100);
            check.Range("depletion.cusumInfoMv", depletion.CusumInfoMv, 1, 100000);
            check.Range("depletion.cusumWarningMv", depletion.CusumWarningMv, depletion.CusumInfoMv, 100000);
            check.Range("depletion.cusumFaultMv", depletion.CusumFaultMv, depletion.CusumWarningMv, 100000);
            check.Range("depletion.edgeResistanceRisePercent", depletion.EdgeResistanceRisePercent, 101, 10000);
            check.Range("depletion.edgeResistanceRiseSigmaTenths", depletion.EdgeResistanceRiseSigmaTenths, 0, 1000);
            check.Range("depletion.shapeWindowMs", depletion.ShapeWindowMs, 1, 10000);
            check.Range("depletion.shapeConvexityPercent", depletion.ShapeConvexityPercent, 101, 10000);
            check.Range("depletion.shapeMinimumRiseMv", depletion.ShapeMinimumRiseMv, 1, 10000);
            check.Range("depletion.shapeRiseSigmaTenths", depletion.ShapeRiseSigmaTenths, 0, 1000);
            check.Range("depletion.shapeStepMv", depletion.ShapeStepMv, 1, 100000);
            check.Range("depletion.runawayAccelerationSigmaTenths", depletion.RunawayAccelerationSigmaTenths, 0, 1000);
            check.Range("depletion.currentReductionPercent", depletion.CurrentReductionPercent, 0, 90);
            check.Range("depletion.minimumCurrentPercent", depletion.MinimumCurrentPercent, 1, 100);
            check.Range("softShort.spikeDropMv", softShort.SpikeDropMv, 1, 10000);
            check.Range("softShort.spikeSigmaTenths", softShort.SpikeSigmaTenths, 0, 1000);
            check.Range("softShort.spikeRecoveryMs", softShort.SpikeRecoveryMs, 1, 600000);
            check.Range("softShort.resistanceDropPercent", softShort.ResistanceDropPercent, 1, 99);
            check.Range("softShort.resistanceDropSigmaTenths", softShort.ResistanceDropSigmaTenths, 0, 1000);
            check.Range("softShort.resistanceHistory", softShort.ResistanceHistory, 3, 64);
            check.Range("softShort.confirmingResistanceDropEdges", softShort.ConfirmingResistanceDropEdges, 2, 100000);
            check.Range("softShort.resistanceReferenceRisePpm", softShort.ResistanceReferenceRisePpm, 0, 1000000);
            check.Range("softShort.resistanceHealingGapMs", softShort.ResistanceHealingGapMs, 1, 86400000);
            check.Range("softShort.resistanceOperatingPointChangePercent", softShort.ResistanceOperatingPointChangePercent, 1, 100);
            check.Range("softShort.selfDischargeMv", softShort.SelfDischargeMv, 1, 10000);
            check.Range("softShort.selfDischargeSigmaTenths", softShort.SelfDischargeSigmaTenths, 0, 1000);
            check.Range("softShort.minimumCoulombicEfficiencyPercent", softShort.MinimumCoulombicEfficiencyPercent, 1, 100);
            check.Range("softShort.confirmingIndicators", softShort.ConfirmingIndicators, 1, 4);
            check.Range("softShort.confirmingSpikeCount", softShort.ConfirmingSpikeCount, 1, 100000);
            check.Range("softShort.deepSpikePercent", softShort.DeepSpikePercent, 1, 100);
            check.Range("softShort.confirmingDeepSpikeCount", softShort.ConfirmingDeepSpikeCount, 1, 100000);
            check.Range("hardShort.maximumVoltageMv", hardShort.MaximumVoltageMv, 0, 1000);
            check.Range("hardShort.minimumExpectedPolarisationMv", hardShort.MinimumExpectedPolarisationMv, hardShort.MaximumVoltageMv + 1, 100000);
            check.Range("hardShort.nominalResistanceOhmCm2", hardShort.NominalResistanceOhmCm2, 1, 1000000);
            check.Range("hardShort.shuntResistancePercent", hardShort.ShuntResistancePercent, 1, 99);
            check.Range("hardShort.shuntSigmaTenths", hardShort.ShuntSigmaTenths, 0, 1000);
        }

        /// <summary>
        /// Without a current-setpoint output on every module (<see cref="ProtectionConfiguration.CurrentReductionSupported"/>)
        /// the controller cannot lower a current, so a setting that asks for it is refused rather than silently ignored.
        /// </summary>
        private static void ValidateCurrentReduction(ControllerConfiguration configuration, ConfigurationCheck check)
        {
            if (check.Failed || configuration.Protection.CurrentReductionSupported)
            {
                return;
            }

            const string Why = " needs a current-setpoint output, and a module of this board has none (setpoint = none): its current is the load hardware's. ";
            if (configuration.Depletion.CurrentReductionPercent != 0)
            {
                check.Fail(new ConfigurationError(
                    "depletion.currentReductionPercent",
                    configuration.Depletion.CurrentReductionPercent.ToString() + " %" + Why + "Set it to 0: act mode then answers depletion with the pulse length and the rest only"));
                return;
            }

            for (int i = 0; i < DiagnosisTable.RowCount; i++)
            {
                DiagnosisTableRow row = configuration.Diagnosis.RowAt(i);
                if (row != null && row.Reaction == DiagnosisReaction.ReduceCurrent)
                {
                    check.Fail(new ConfigurationError(
                        "diagnosis." + ContractNames.Of(row.Id) + ".reaction",
                        "reduceCurrent" + Why + (row.Severity == Severity.Warning && IsProtectionKind(row.EventKind)
                            ? "Use none: the level then only warns, and the safety limit still isolates"
                            : "Use extendRest, stopModule or isolateModule")));
                    return;
                }
            }
        }

        private static bool IsProtectionKind(EventKind kind)
        {
            return kind == EventKind.Overvoltage || kind == EventKind.Undervoltage || kind == EventKind.Overcurrent || kind == EventKind.Overtemperature;
        }
    }
}
