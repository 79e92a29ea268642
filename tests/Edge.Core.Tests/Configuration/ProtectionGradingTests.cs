using Edge.Core.Configuration;
using Edge.Core.Sampling;
using Xunit;

namespace Edge.Core.Tests.Configuration;

/// <summary>
/// The graded levels (warning = MOL, derate = RSL) inside each safety limit (MSL): defaults computed by hand from
/// the limits, levels that follow a changed limit, levels set by hand that stay, and the order the validator demands.
/// </summary>
public class ProtectionGradingTests
{
    private static readonly PackLayout s_layout = new PackLayout(2, 4, 1);

    [Fact]
    public void Defaults_lie_ten_and_five_percent_inside_the_voltage_and_current_limits_and_ten_and_five_kelvin_inside_the_temperature_limit()
    {
        var protection = new ProtectionConfiguration();

        // 3300 mV: 10 % = 330, 5 % = 165.
        Assert.Equal(2970, protection.CellMaximumWarningMv);
        Assert.Equal(3135, protection.CellMaximumDerateMv);
        Assert.Equal(-2970, protection.CellMinimumWarningMv);
        Assert.Equal(-3135, protection.CellMinimumDerateMv);

        // 1925 uA: 10 % = 192.5 -> 192, 5 % = 96.25 -> 96 (margins round down, toward the limit).
        Assert.Equal(1733, protection.ModuleCurrentWarningUa);
        Assert.Equal(1829, protection.ModuleCurrentDerateUa);

        // 60.0 degC: 10 K and 5 K below.
        Assert.Equal(500, protection.TemperatureWarningDeciCelsius);
        Assert.Equal(550, protection.TemperatureDerateDeciCelsius);
        Assert.Equal(20, protection.DerateCurrentPercent);
    }

    [Fact]
    public void Levels_not_set_by_hand_follow_their_limit()
    {
        var protection = new ProtectionConfiguration();
        protection.CellMaximumMv = 3000;
        protection.CellMinimumMv = -2000;
        protection.ModuleMaximumCurrentUa = 2000;
        protection.MaximumTemperatureDeciCelsius = 450;

        Assert.Equal(2700, protection.CellMaximumWarningMv);
        Assert.Equal(2850, protection.CellMaximumDerateMv);
        Assert.Equal(-1800, protection.CellMinimumWarningMv);
        Assert.Equal(-1900, protection.CellMinimumDerateMv);
        Assert.Equal(1800, protection.ModuleCurrentWarningUa);
        Assert.Equal(1900, protection.ModuleCurrentDerateUa);
        Assert.Equal(350, protection.TemperatureWarningDeciCelsius);
        Assert.Equal(400, protection.TemperatureDerateDeciCelsius);
    }

    [Fact]
    public void A_level_set_by_hand_keeps_its_value_when_the_limit_moves()
    {
        var protection = new ProtectionConfiguration();
        protection.CellMaximumDerateMv = 3250;
        protection.CellMaximumMv = 3280;

        Assert.Equal(3250, protection.CellMaximumDerateMv);
        Assert.Equal(2952, protection.CellMaximumWarningMv); // 3280 - 328
    }

    [Fact]
    public void A_limit_at_zero_still_gets_three_distinct_levels()
    {
        // 10 % and 5 % of 0 are 0: the floors of 2 and 1 units keep the levels apart from the limit and each other.
        var protection = new ProtectionConfiguration();
        protection.CellMinimumMv = 0;
        protection.TemperatureWarningDeciCelsius = 0;
        protection.ModuleMaximumCurrentUa = 10;

        Assert.Equal(2, protection.CellMinimumWarningMv);
        Assert.Equal(1, protection.CellMinimumDerateMv);
        Assert.Equal(8, protection.ModuleCurrentWarningUa);
        Assert.Equal(9, protection.ModuleCurrentDerateUa);
    }

    public static TheoryData<string, string, Action<ProtectionConfiguration>> BadOrders => new()
    {
        { "protection.cellMaximumDerateMv", "protection.cellMaximumMv (3300)", p => p.CellMaximumDerateMv = 3300 },
        { "protection.cellMaximumWarningMv", "protection.cellMaximumDerateMv (3135)", p => p.CellMaximumWarningMv = 3135 },
        { "protection.cellMinimumDerateMv", "protection.cellMinimumMv (-3300)", p => p.CellMinimumDerateMv = -3301 },
        { "protection.cellMinimumWarningMv", "protection.cellMinimumDerateMv (-3135)", p => p.CellMinimumWarningMv = -3200 },
        { "protection.moduleCurrentDerateUa", "protection.moduleMaximumCurrentUa (1925)", p => p.ModuleCurrentDerateUa = 1925 },
        { "protection.moduleCurrentWarningUa", "protection.moduleCurrentDerateUa (1829)", p => p.ModuleCurrentWarningUa = 1900 },
        { "protection.temperatureDerateDeciCelsius", "protection.maximumTemperatureDeciCelsius (600)", p => p.TemperatureDerateDeciCelsius = 601 },
        { "protection.temperatureWarningDeciCelsius", "protection.temperatureDerateDeciCelsius (550)", p => p.TemperatureWarningDeciCelsius = 550 },
    };

    [Theory]
    [MemberData(nameof(BadOrders))]
    public void Levels_out_of_order_are_refused_naming_both_fields(string field, string other, Action<ProtectionConfiguration> spoil)
    {
        var configuration = new ControllerConfiguration();
        spoil(configuration.Protection);

        ConfigurationError error = ConfigurationValidator.Validate(configuration, s_layout);

        Assert.NotNull(error);
        Assert.Equal(field, error.Field);
        Assert.Contains(other, error.Message);
    }

    [Fact]
    public void A_lowered_limit_under_a_level_set_by_hand_is_refused()
    {
        // The derate level was set to 3200 mV; a limit lowered to 3000 mV leaves it outside the envelope.
        var configuration = new ControllerConfiguration();
        configuration.Protection.CellMaximumDerateMv = 3200;
        configuration.Protection.CellMaximumMv = 3000;

        ConfigurationError error = ConfigurationValidator.Validate(configuration, s_layout);

        Assert.Equal("protection.cellMaximumDerateMv", error.Field);
        Assert.Contains("protection.cellMaximumMv (3000)", error.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(100)]
    public void A_derate_step_of_none_or_all_of_the_current_is_refused(int percent)
    {
        var configuration = new ControllerConfiguration();
        configuration.Protection.DerateCurrentPercent = percent;

        Assert.Equal("protection.derateCurrentPercent", ConfigurationValidator.Validate(configuration, s_layout).Field);
    }

    [Theory]
    [InlineData(-1, false)]
    [InlineData(0, true)]
    [InlineData(86400000, true)]
    [InlineData(86400001, false)]
    public void A_derate_recovery_time_is_from_none_to_a_day(int recoveryMs, bool accepted)
    {
        var configuration = new ControllerConfiguration();
        configuration.Protection.DerateRecoveryMs = recoveryMs;

        ConfigurationError error = ConfigurationValidator.Validate(configuration, s_layout);

        Assert.Equal(accepted ? null : "protection.derateRecoveryMs", error?.Field);
    }

    [Fact]
    public void Temperature_sensors_are_placed_one_entry_per_sensor_on_a_module_of_the_pack_or_on_the_pack()
    {
        // Two modules and two sensors.
        var layout = new PackLayout(2, 2, 2);
        var configuration = new ControllerConfiguration();

        configuration.Protection.TemperatureSensorModules = new[] { 0, -1 };
        Assert.Null(ConfigurationValidator.Validate(configuration, layout));

        configuration.Protection.TemperatureSensorModules = new[] { 0 };
        ConfigurationError error = ConfigurationValidator.Validate(configuration, layout);
        Assert.Equal("protection.temperatureSensorModules", error.Field);
        Assert.Contains("1 entries for 2 temperature sensors", error.Message);

        configuration.Protection.TemperatureSensorModules = new[] { 0, 2 };
        Assert.Equal("protection.temperatureSensorModules[1]", ConfigurationValidator.Validate(configuration, layout).Field);
        configuration.Protection.TemperatureSensorModules = new[] { -2, 0 };
        Assert.Equal("protection.temperatureSensorModules[0]", ConfigurationValidator.Validate(configuration, layout).Field);
    }

    [Fact]
    public void Without_a_setpoint_output_a_derate_row_that_still_reduces_the_current_is_refused_with_its_name()
    {
        // BoardCurrentSetpoints.ApplyDefaults would have set it to none; a configuration that keeps it is told how.
        var configuration = new ControllerConfiguration();
        configuration.Protection.CurrentReductionSupported = false;
        configuration.Depletion.CurrentReductionPercent = 0;

        ConfigurationError error = ConfigurationValidator.Validate(configuration, s_layout);

        Assert.Equal("diagnosis.cellOvervoltageDerate.reaction", error.Field);
        Assert.Contains("Use none: the level then only warns", error.Message);
    }
}
