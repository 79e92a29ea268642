// Licensed under the MIT License.

using Edge.HostSim.Faults;
using Edge.HostSim.Scenarios;
using Xunit;

namespace Edge.HostSim.Tests.Scenarios;

/// <summary>
/// The currentSensor fault (hostsim/README.md, faults): a module's current reading stuck (at valueUa, 0 by default),
/// offset by offsetUa, reversed, saturated at a rail (rail: high or low) or missing; validated like the other kinds, each
/// refusal naming its field.
/// </summary>
public sealed class CurrentSensorFaultLoaderTests
{
    private static string WithFault(string fault) => ScenarioLoaderTests.Mutate(ScenarioLoaderTests.Valid, "faults=[" + fault + "]");

    [Fact]
    public void Each_mode_loads_with_its_own_field()
    {
        FaultSpec stuck = ScenarioLoader.Parse(WithFault("{\"atS\":1,\"module\":0,\"kind\":\"currentSensor\",\"mode\":\"stuck\"}")).Faults[0];
        Assert.Equal((FaultKind.CurrentSensor, CurrentSensorMode.Stuck, 0, 0, -1), (stuck.Kind, stuck.CurrentSensorMode, stuck.ValueUa, stuck.Module, stuck.Cell));

        FaultSpec at = ScenarioLoader.Parse(WithFault("{\"atS\":1,\"module\":0,\"kind\":\"currentSensor\",\"mode\":\"stuck\",\"valueUa\":-78,\"durationS\":2}")).Faults[0];
        Assert.Equal((-78, 2.0), (at.ValueUa, at.DurationS));

        FaultSpec offset = ScenarioLoader.Parse(WithFault("{\"atS\":1,\"module\":0,\"kind\":\"currentSensor\",\"mode\":\"offset\",\"offsetUa\":-300}")).Faults[0];
        Assert.Equal((CurrentSensorMode.Offset, -300), (offset.CurrentSensorMode, offset.OffsetUa));

        FaultSpec reversed = ScenarioLoader.Parse(WithFault("{\"atS\":1,\"module\":0,\"kind\":\"currentSensor\",\"mode\":\"reversed\"}")).Faults[0];
        Assert.Equal(CurrentSensorMode.Reversed, reversed.CurrentSensorMode);

        FaultSpec high = ScenarioLoader.Parse(WithFault("{\"atS\":1,\"module\":0,\"kind\":\"currentSensor\",\"mode\":\"saturated\",\"rail\":\"high\",\"durationS\":0.03}")).Faults[0];
        Assert.Equal((CurrentSensorMode.Saturated, true, 0.03), (high.CurrentSensorMode, high.RailHigh, high.DurationS));

        FaultSpec low = ScenarioLoader.Parse(WithFault("{\"atS\":1,\"module\":0,\"kind\":\"currentSensor\",\"mode\":\"saturated\",\"rail\":\"low\"}")).Faults[0];
        Assert.Equal((CurrentSensorMode.Saturated, false, 0.0), (low.CurrentSensorMode, low.RailHigh, low.DurationS));

        FaultSpec missing = ScenarioLoader.Parse(WithFault("{\"atS\":1,\"module\":0,\"kind\":\"currentSensor\",\"mode\":\"missing\"}")).Faults[0];
        Assert.Equal((CurrentSensorMode.Missing, 0), (missing.CurrentSensorMode, missing.Module));
    }

    [Theory]
    [InlineData("\"mode\":\"inverted\"", "faults[0].mode", "unknown current sensor mode \"inverted\" (valid: stuck, offset, reversed, saturated, missing)")]
    [InlineData("\"mode\":\"saturated\"", "faults[0].rail", "")]
    [InlineData("\"mode\":\"saturated\",\"rail\":\"top\"", "faults[0].rail", "unknown rail \"top\" (valid: high, low)")]
    [InlineData("\"mode\":\"saturated\",\"rail\":1", "faults[0].rail", "must be a string")]
    [InlineData("\"mode\":\"saturated\",\"rail\":\"high\",\"valueUa\":3000", "faults[0].valueUa", "")]
    [InlineData("\"mode\":\"missing\",\"rail\":\"low\"", "faults[0].rail", "")]
    [InlineData("\"mode\":\"missing\",\"durationS\":0.001", "faults[0].durationS", "")]
    [InlineData("\"mode\":\"missing\",\"cell\":1", "faults[0].cell", "a current sensor belongs to a module, not a cell")]
    [InlineData("\"mode\":\"offset\"", "faults[0].offsetUa", "")]
    [InlineData("\"mode\":\"offset\",\"offsetUa\":0", "faults[0].offsetUa", "must not be 0")]
    [InlineData("\"mode\":\"reversed\",\"valueUa\":5", "faults[0].valueUa", "")]
    [InlineData("\"mode\":\"stuck\",\"offsetUa\":5", "faults[0].offsetUa", "")]
    [InlineData("\"mode\":\"stuck\",\"cell\":0", "faults[0].cell", "a current sensor belongs to a module, not a cell")]
    public void A_bad_current_sensor_fault_is_refused_naming_the_field(string fields, string path, string problem)
    {
        ScenarioException e = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(WithFault("{\"atS\":1,\"module\":0,\"kind\":\"currentSensor\"," + fields + "}")));

        Assert.Equal(path, e.Path);
        Assert.Contains(problem, e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_current_sensor_fault_needs_its_module_and_mode()
    {
        Assert.Equal("faults[0].module", Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(WithFault("{\"atS\":1,\"kind\":\"currentSensor\",\"mode\":\"stuck\"}"))).Path);
        Assert.Equal("faults[0].mode", Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(WithFault("{\"atS\":1,\"module\":0,\"kind\":\"currentSensor\"}"))).Path);
        Assert.Equal("faults[0].module", Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(WithFault("{\"atS\":1,\"module\":9,\"kind\":\"currentSensor\",\"mode\":\"missing\"}"))).Path);
    }
}
