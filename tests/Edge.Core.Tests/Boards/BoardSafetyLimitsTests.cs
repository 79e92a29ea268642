using Edge.Core.Boards;
using Edge.Core.Configuration;
using Xunit;

namespace Edge.Core.Tests.Boards;

public class BoardSafetyLimitsTests
{
    [Fact]
    public void TighterLimitWinsOnEachSide()
    {
        var configuration = new ControllerConfiguration();
        // Defaults: 1925 uA, -3300..3300 mV, 60.0 degC, plating 154 uA.
        var envelope = new SafetyEnvelope(maxModuleCurrentUa: 1000, maxPlatingCurrentUa: 500, cellVoltageMinMv: -3500, cellVoltageMaxMv: 3100, temperatureMaxDeciC: 450);
        BoardSafetyLimits.Apply(envelope, configuration);
        Assert.Equal(1000, configuration.Protection.ModuleMaximumCurrentUa);
        Assert.Equal(3100, configuration.Protection.CellMaximumMv);
        Assert.Equal(-3300, configuration.Protection.CellMinimumMv);
        Assert.Equal(450, configuration.Protection.MaximumTemperatureDeciCelsius);
        Assert.Equal(154, configuration.Protocol.PlatingCriticalCurrentUa);
    }

    [Fact]
    public void A_module_without_a_setpoint_output_takes_away_current_reduction()
    {
        var configuration = new ControllerConfiguration();
        var envelope = new SafetyEnvelope(2000, 500, -3000, 3000, SafetyEnvelope.NoTemperatureLimit, platingPossible: false, currentSetpointOnEveryModule: false);

        BoardSafetyLimits.Apply(envelope, configuration);

        Assert.False(configuration.Protection.CurrentReductionSupported);

        // The limits do not rewrite a setting: an explicit reduction stays for the validator to refuse.
        Assert.Equal(20, configuration.Depletion.CurrentReductionPercent);
    }

    [Fact]
    public void Board_defaults_drop_the_reduction_only_without_a_setpoint_output()
    {
        var without = new ControllerConfiguration();
        BoardCurrentSetpoints.ApplyDefaults(BoardRuleAssert.Parsed(MinimalBoard.Text), without);
        Assert.Equal(0, without.Depletion.CurrentReductionPercent);

        var with = new ControllerConfiguration();
        BoardCurrentSetpoints.ApplyDefaults(BoardFiles.Parse(BoardFiles.DevKitC4s2m), with);
        Assert.Equal(20, with.Depletion.CurrentReductionPercent);
    }
}
