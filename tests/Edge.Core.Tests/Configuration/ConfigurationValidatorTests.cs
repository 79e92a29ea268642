using Edge.Core.Configuration;
using Edge.Core.Configuration.Diagnostics;
using Edge.Core.Configuration.Protocol;
using Edge.Core.Records;
using Edge.Core.Sampling;
using Xunit;

namespace Edge.Core.Tests.Configuration;

/// <summary>Each bad value is rejected with a message naming its field; the controller refuses it too.</summary>
public class ConfigurationValidatorTests
{
    private static readonly PackLayout s_layout = new PackLayout(2, 4, 1);

    public static TheoryData<string, Action<ControllerConfiguration>> BadValues => new()
    {
        { "samplePeriodMs", c => c.SamplePeriodMs = 0 },
        { "samplePeriodMs", c => c.SamplePeriodMs = 60001 },
        { "protection.cellMaximumMv", c => c.Protection.CellMaximumMv = 10001 },
        { "protection.cellMinimumMv", c => c.Protection.CellMinimumMv = c.Protection.CellMaximumMv },
        { "protection.moduleMaximumCurrentUa", c => c.Protection.ModuleMaximumCurrentUa = 0 },
        { "protection.openSwitchCurrentUa", c => c.Protection.OpenSwitchCurrentUa = -1 },
        { "protection.openSwitchCurrentUa", c => c.Protection.OpenSwitchCurrentUa = c.Protection.ModuleMaximumCurrentUa + 1 },
        { "protection.maximumTemperatureDeciCelsius", c => c.Protection.MaximumTemperatureDeciCelsius = 2001 },
        { "protocol.electrodeAreaCm2", c => c.Protocol.ElectrodeAreaCm2 = 0 },
        { "protocol.electrodeAreaCm2", c => c.Protocol.ElectrodeAreaCm2 = double.NaN },
        { "protocol.steps", c => c.Protocol.Steps = new ProtocolStep[0] },
        { "protocol.steps", c => c.Protocol.Steps = new[] { new ProtocolStep(ProtocolStepKind.Rest, 0, 1000) } },
        { "protocol.steps[0]", c => c.Protocol.Steps = new ProtocolStep[] { null } },
        { "protocol.steps[0]", c => c.Protocol.Steps = new[] { new ProtocolStep(ProtocolStepKind.Strip, 0, 1000) } },
        { "protocol.steps[0]", c => c.Protocol.Steps = new[] { new ProtocolStep(ProtocolStepKind.Strip, 385, -1) } },
        { "protocol.steps[0]", c => c.Protocol.Steps = new[] { new ProtocolStep(ProtocolStepKind.Strip, 385, 5) } },
        { "protocol.steps[0]", c => c.Protocol.Steps = new[] { new ProtocolStep(ProtocolStepKind.Plate, 1926, 1000) } },
        { "protocol.steps[1]", c => c.Protocol.Steps = new[] { new ProtocolStep(ProtocolStepKind.Strip, 385, 1000), new ProtocolStep(ProtocolStepKind.Rest, 0, 0) } },
        { "protocol.minimumRestMs", c => c.Protocol.MinimumRestMs = -1 },
        { "protocol.maximumRestMs", c => c.Protocol.MaximumRestMs = c.Protocol.MinimumRestMs - 1 },
        { "protocol.stripCutoffMv", c => c.Protocol.StripCutoffMv = 0 },
        { "protocol.stripCutoffMv", c => c.Protocol.StripCutoffMv = c.Protection.CellMaximumMv + 1 },
        { "protocol.plateCutoffMv", c => c.Protocol.PlateCutoffMv = 0 },
        { "protocol.plateCutoffMv", c => c.Protocol.PlateCutoffMv = c.Protection.CellMinimumMv - 1 },
        { "protocol.capacityLimitUc", c => c.Protocol.CapacityLimitUc = -1 },
        { "protocol.timeLimitMs", c => c.Protocol.TimeLimitMs = -1 },
        { "protocol.platingCriticalCurrentUa", c => c.Protocol.PlatingCriticalCurrentUa = 0 },
        { "protocol.platingCriticalCurrentUa", c => c.Protocol.PlatingCriticalCurrentUa = c.Protection.ModuleMaximumCurrentUa + 1 },
        { "protocol.directionChangeRestMs", c => c.Protocol.DirectionChangeRestMs = -1 },
        { "protocol.directionChangeMaximumRestMs", c => c.Protocol.DirectionChangeMaximumRestMs = c.Protocol.DirectionChangeRestMs - 1 },
        { "restTuning.slopeWindowMs", c => c.RestTuning.SlopeWindowMs = 5 },
        { "restTuning.slopeWindowMs", c => c.RestTuning.SlopeWindowMs = 2570 },
        { "restTuning.settledSlopeUvPerS", c => c.RestTuning.SettledSlopeUvPerS = 0 },
        { "restTuning.overpotentialGrowthMv", c => c.RestTuning.OverpotentialGrowthMv = -1 },
        { "restTuning.residualGrowthMv", c => c.RestTuning.ResidualGrowthMv = 10001 },
        { "restTuning.lengthenPercent", c => c.RestTuning.LengthenPercent = -1 },
        { "restTuning.shortenPercent", c => c.RestTuning.ShortenPercent = 91 },
        { "restTuning.warningExtendPercent", c => c.RestTuning.WarningExtendPercent = 1001 },
        { "depletion.baselinePulses", c => c.Depletion.BaselinePulses = 0 },
        { "depletion.baselineSettleMaximumPulses", c => c.Depletion.BaselineSettleMaximumPulses = -1 },
        { "depletion.leavingRestAfterRestPercent", c => c.Depletion.LeavingRestAfterRestPercent = 99 },
        { "depletion.leavingRestMinimumMs", c => c.Depletion.LeavingRestMinimumMs = -1 },
        { "depletion.shortRestPercent", c => c.Depletion.ShortRestPercent = 101 },
        { "depletion.cusumSlackMv", c => c.Depletion.CusumSlackMv = -1 },
        { "depletion.cusumSlackSigmaTenths", c => c.Depletion.CusumSlackSigmaTenths = -1 },
        { "depletion.cusumInfoMv", c => c.Depletion.CusumInfoMv = 0 },
        { "depletion.cusumWarningMv", c => c.Depletion.CusumWarningMv = c.Depletion.CusumInfoMv - 1 },
        { "depletion.cusumFaultMv", c => c.Depletion.CusumFaultMv = c.Depletion.CusumWarningMv - 1 },
        { "depletion.edgeResistanceRisePercent", c => c.Depletion.EdgeResistanceRisePercent = 100 },
        { "depletion.cusumLevelSigmaTenths", c => c.Depletion.CusumLevelSigmaTenths = 1001 },
        { "depletion.shapeWindowMs", c => c.Depletion.ShapeWindowMs = 0 },
        { "depletion.shapeConvexityPercent", c => c.Depletion.ShapeConvexityPercent = 100 },
        { "depletion.shapeMinimumRiseMv", c => c.Depletion.ShapeMinimumRiseMv = 0 },
        { "depletion.shapeRiseSigmaTenths", c => c.Depletion.ShapeRiseSigmaTenths = 1001 },
        { "depletion.shapeStepMv", c => c.Depletion.ShapeStepMv = 0 },
        { "depletion.runawayAccelerationSigmaTenths", c => c.Depletion.RunawayAccelerationSigmaTenths = -1 },
        { "depletion.currentReductionPercent", c => c.Depletion.CurrentReductionPercent = 91 },
        { "depletion.minimumCurrentPercent", c => c.Depletion.MinimumCurrentPercent = 0 },
        { "softShort.spikeDropMv", c => c.SoftShort.SpikeDropMv = 0 },
        { "softShort.spikeSigmaTenths", c => c.SoftShort.SpikeSigmaTenths = -1 },
        { "softShort.spikeRecoveryMs", c => c.SoftShort.SpikeRecoveryMs = 0 },
        { "softShort.resistanceDropPercent", c => c.SoftShort.ResistanceDropPercent = 100 },
        { "softShort.resistanceHistory", c => c.SoftShort.ResistanceHistory = 2 },
        { "softShort.resistanceHistory", c => c.SoftShort.ResistanceHistory = 65 },
        { "softShort.confirmingResistanceDropEdges", c => c.SoftShort.ConfirmingResistanceDropEdges = 1 },
        { "softShort.resistanceReferenceRisePpm", c => c.SoftShort.ResistanceReferenceRisePpm = -1 },
        { "softShort.resistanceReferenceRisePpm", c => c.SoftShort.ResistanceReferenceRisePpm = 1000001 },
        { "softShort.resistanceHealingGapMs", c => c.SoftShort.ResistanceHealingGapMs = 0 },
        { "softShort.resistanceHealingGapMs", c => c.SoftShort.ResistanceHealingGapMs = 86400001 },
        { "softShort.resistanceOperatingPointChangePercent", c => c.SoftShort.ResistanceOperatingPointChangePercent = 0 },
        { "softShort.resistanceOperatingPointChangePercent", c => c.SoftShort.ResistanceOperatingPointChangePercent = 101 },
        { "softShort.selfDischargeMv", c => c.SoftShort.SelfDischargeMv = 0 },
        { "softShort.selfDischargeSigmaTenths", c => c.SoftShort.SelfDischargeSigmaTenths = -1 },
        { "softShort.minimumCoulombicEfficiencyPercent", c => c.SoftShort.MinimumCoulombicEfficiencyPercent = 101 },
        { "softShort.confirmingIndicators", c => c.SoftShort.ConfirmingIndicators = 5 },
        { "softShort.confirmingSpikeCount", c => c.SoftShort.ConfirmingSpikeCount = 0 },
        { "softShort.deepSpikePercent", c => c.SoftShort.DeepSpikePercent = 101 },
        { "softShort.confirmingDeepSpikeCount", c => c.SoftShort.ConfirmingDeepSpikeCount = 0 },
        { "hardShort.maximumVoltageMv", c => c.HardShort.MaximumVoltageMv = -1 },
        { "hardShort.minimumExpectedPolarisationMv", c => c.HardShort.MinimumExpectedPolarisationMv = c.HardShort.MaximumVoltageMv },
        { "hardShort.nominalResistanceOhmCm2", c => c.HardShort.NominalResistanceOhmCm2 = 0 },
        { "hardShort.shuntResistancePercent", c => c.HardShort.ShuntResistancePercent = 100 },
        { "plausibility.lateTickPercent", c => c.Plausibility.LateTickPercent = 100 },
        { "plausibility.missedTickPeriods", c => c.Plausibility.MissedTickPeriods = 1 },
        { "plausibility.stuckMinimumEdgeResponseMv", c => c.Plausibility.StuckMinimumEdgeResponseMv = -1 },
        { "plausibility.stuckSigmaTenths", c => c.Plausibility.StuckSigmaTenths = -1 },
        { "plausibility.stuckSigmaTenths", c => c.Plausibility.StuckSigmaTenths = 1001 },
        { "plausibility.currentToleranceUa", c => c.Plausibility.CurrentToleranceUa = -1 },
        { "plausibility.currentTolerancePercent", c => c.Plausibility.CurrentTolerancePercent = -1 },
        { "plausibility.currentTolerancePercent", c => c.Plausibility.CurrentTolerancePercent = 101 },
        { "plausibility.intermittentWindowReadings", c => c.Plausibility.IntermittentWindowReadings = 9 },
        { "plausibility.intermittentWindowReadings", c => c.Plausibility.IntermittentWindowReadings = 100001 },
        { "plausibility.intermittentWarningPercent", c => c.Plausibility.IntermittentWarningPercent = 101 },
        { "plausibility.intermittentWarningPercent", c => c.Plausibility.IntermittentWarningPercent = 9 },   // under the clear limit's 10
        { "plausibility.intermittentClearPercent", c => c.Plausibility.IntermittentClearPercent = 0 },       // would never heal
        { "plausibility.intermittentClearPercent", c => c.Plausibility.IntermittentClearPercent = 101 },
        { "telemetry.cellVoltagePeriodMs", c => c.Telemetry.CellVoltagePeriodMs = -1 },
        { "telemetry.recordsPerTick", c => c.Telemetry.RecordsPerTick = 15 },   // 2 modules * 4 + 8 = 16 at least
        { "configuration", c => c.Protocol = null },
        { "configuration", c => c.Diagnosis = null },
    };

    [Fact]
    public void DefaultConfigurationIsValid()
    {
        Assert.Null(ConfigurationValidator.Validate(new ControllerConfiguration(), s_layout));
    }

    [Theory]
    [MemberData(nameof(BadValues))]
    public void BadValueIsRejectedNamingTheField(string field, Action<ControllerConfiguration> spoil)
    {
        var configuration = new ControllerConfiguration();
        spoil(configuration);
        var error = ConfigurationValidator.Validate(configuration, s_layout);
        Assert.NotNull(error);
        Assert.Equal(field, error.Field);
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
        Assert.StartsWith(field + ": ", error.ToString());

        var thrown = Assert.Throws<ArgumentException>(() => new EdgeController(s_layout, configuration));
        Assert.Contains(field, thrown.Message);
    }

    [Fact]
    public void RangeMessagesQuoteTheValueAndTheBounds()
    {
        var configuration = new ControllerConfiguration();
        configuration.RestTuning.ShortenPercent = 95;
        var error = ConfigurationValidator.Validate(configuration, s_layout);
        Assert.Equal("restTuning.shortenPercent: 95 is out of range [0, 90]", error.ToString());
    }

    // A warning limit under the clear limit would heal a channel still over its warning: the message names both fields and
    // says which way each must move.
    [Fact]
    public void AnIntermittentWarningUnderItsClearLimitNamesBoth()
    {
        var configuration = new ControllerConfiguration();
        configuration.Plausibility.IntermittentClearPercent = 30;
        var error = ConfigurationValidator.Validate(configuration, s_layout);
        Assert.Equal(
            "plausibility.intermittentWarningPercent: 20 is below intermittentClearPercent (30): give intermittentClearPercent at most 20 or intermittentWarningPercent at least 30",
            error.ToString());
    }

    // The config message carries these 64-bit settings, and its JSON consumers read numbers as doubles: exact up to
    // 2^53 - 1 = 9,007,199,254,740,991 (JavaScript's Number.MAX_SAFE_INTEGER), which the dashboard requires of them. A
    // larger one was accepted (only "cannot be negative" was checked), and the page then refused the whole config.
    [Theory]
    [InlineData("protocol.capacityLimitUc")]
    [InlineData("protocol.timeLimitMs")]
    [InlineData("protocol.steps[0]")]
    public void A64BitSettingAboveTheLargestExactJsonIntegerIsRefusedWithTheBound(string field)
    {
        const long Largest = (1L << 53) - 1;
        var largest = WithSetting(field, Largest);
        Assert.Null(ConfigurationValidator.Validate(largest, s_layout));
        Assert.Equal(Largest, (long)(double)Largest);

        var configuration = WithSetting(field, Largest + 1);
        var error = ConfigurationValidator.Validate(configuration, s_layout);

        Assert.NotNull(error);
        Assert.Equal(field, error.Field);
        Assert.EndsWith("9007199254740992" + (field.EndsWith(']') ? " ms" : string.Empty) + " is out of range [0, 9007199254740991]", error.Message);
        Assert.Throws<ArgumentException>(() => new EdgeController(s_layout, configuration));
    }

    private static ControllerConfiguration WithSetting(string field, long value)
    {
        var configuration = new ControllerConfiguration();
        switch (field)
        {
            case "protocol.capacityLimitUc":
                configuration.Protocol.CapacityLimitUc = value;
                break;
            case "protocol.timeLimitMs":
                configuration.Protocol.TimeLimitMs = value;
                break;
            default:
                configuration.Protocol.Steps = new[] { new ProtocolStep(ProtocolStepKind.Strip, 385, value), new ProtocolStep(ProtocolStepKind.Rest, 0, 5000) };
                break;
        }

        return configuration;
    }

    [Fact]
    public void WithoutASetpointOutputACurrentReductionIsRefusedNamingTheSetting()
    {
        var configuration = new ControllerConfiguration();
        configuration.Protection.CurrentReductionSupported = false;

        var error = ConfigurationValidator.Validate(configuration, s_layout);

        Assert.Equal("depletion.currentReductionPercent", error.Field);
        Assert.StartsWith("depletion.currentReductionPercent: 20 % needs a current-setpoint output, and a module of this board has none (setpoint = none)", error.ToString());
        Assert.Contains("Set it to 0", error.Message);
    }

    [Fact]
    public void WithoutASetpointOutputAReduceCurrentReactionIsRefused()
    {
        var configuration = new ControllerConfiguration();
        configuration.Protection.CurrentReductionSupported = false;
        configuration.Depletion.CurrentReductionPercent = 0;
        configuration.Diagnosis[DiagnosisId.DepletionTrendWarning].Reaction = DiagnosisReaction.ReduceCurrent;

        var error = ConfigurationValidator.Validate(configuration, s_layout);

        Assert.Equal("diagnosis.depletionTrendWarning.reaction", error.Field);
        Assert.Contains("needs a current-setpoint output", error.Message);
    }

    [Fact]
    public void WithoutASetpointOutputNoReductionIsValid()
    {
        // Act mode then answers depletion with the pulse end and the longer rest only; AbortPulse keeps its row.
        // The protection levels that would derate only warn (BoardCurrentSetpoints.ApplyDefaults does the same).
        var configuration = new ControllerConfiguration();
        configuration.Protection.CurrentReductionSupported = false;
        configuration.Depletion.CurrentReductionPercent = 0;
        foreach (var id in new[] { DiagnosisId.CellOvervoltageDerate, DiagnosisId.CellUndervoltageDerate, DiagnosisId.ModuleOvercurrentDerate, DiagnosisId.CellOvertemperatureDerate })
        {
            configuration.Diagnosis[id].Reaction = DiagnosisReaction.None;
        }

        Assert.Null(ConfigurationValidator.Validate(configuration, s_layout));
    }

    [Fact]
    public void NullConfigurationIsRejected()
    {
        Assert.Equal("configuration", ConfigurationValidator.Validate(null, s_layout).Field);
        Assert.Throws<ArgumentNullException>(() => new EdgeController(null, new ControllerConfiguration()));
    }
}
