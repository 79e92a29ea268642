// Licensed under the MIT License.

using Edge.HostSim.Scenarios;
using Xunit;

namespace Edge.HostSim.Tests.Scenarios;

/// <summary>
/// protocol.minRestS and maxRestS reach the controller in whole milliseconds. A bound above 0 that is less than half a
/// millisecond would become 0 ms: a rest bound the scenario never asked for. Refused in seconds, naming the field.
/// </summary>
public sealed class ProtocolRestBoundsLoaderTests
{
    [Theory]
    [InlineData("minRestS", 0.0004)]
    [InlineData("maxRestS", 0.0004)]
    [InlineData("minRestS", 0.00049)]
    public void A_rest_bound_above_zero_that_rounds_to_zero_ms_is_refused_naming_the_field(string field, double valueS)
    {
        // Fixed rests: the controller's own check (an adaptive minimum below one sample period) does not apply.
        string json = ScenarioLoaderTests.Mutate(ScenarioLoaderTests.Valid, "protocol.rest=\"fixed\"");
        json = ScenarioLoaderTests.Mutate(json, "-protocol.minRestS");
        json = ScenarioLoaderTests.Mutate(json, "-protocol.maxRestS");
        json = ScenarioLoaderTests.Mutate(json, "protocol." + field + "=" + valueS.ToString(System.Globalization.CultureInfo.InvariantCulture));

        ScenarioException e = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(json));

        Assert.Equal("protocol." + field, e.Path);
        Assert.Contains(valueS.ToString(System.Globalization.CultureInfo.InvariantCulture) + " s", e.Problem, StringComparison.Ordinal);
        Assert.Contains("0.001 s", e.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.0, 0)]
    [InlineData(0.001, 1)]
    [InlineData(0.0016, 2)]
    public void Zero_and_bounds_of_a_millisecond_or_more_load(double minRestS, int expectedMs)
    {
        string json = ScenarioLoaderTests.Mutate(ScenarioLoaderTests.Valid, "protocol.rest=\"fixed\"");
        json = ScenarioLoaderTests.Mutate(json, "protocol.minRestS=" + minRestS.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Scenario s = ScenarioLoader.Parse(json);

        Assert.Equal(expectedMs, ScenarioCompiler.Compile(s).Protocol.MinimumRestMs);
    }
}
