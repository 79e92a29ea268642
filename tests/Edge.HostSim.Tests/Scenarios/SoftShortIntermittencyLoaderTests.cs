// Licensed under the MIT License.

using Edge.HostSim.Scenarios;
using Xunit;

namespace Edge.HostSim.Tests.Scenarios;

/// <summary>
/// An intermittent soft short's onS and offS, when given, are positive durations: 0 is not read as "not given",
/// which would turn the intermittent shunt into a permanent one.
/// </summary>
public sealed class SoftShortIntermittencyLoaderTests
{
    private static string SoftShort(string fields) => ScenarioLoaderTests.Mutate(
        ScenarioLoaderTests.Valid,
        "faults=[{\"atS\":1,\"module\":0,\"cell\":0,\"kind\":\"softShort\",\"resistanceOhmCm2\":10," + fields + "}]");

    [Theory]
    [InlineData("\"onS\":0,\"offS\":0", "faults[0].onS")]
    [InlineData("\"onS\":0,\"offS\":1", "faults[0].onS")]
    [InlineData("\"onS\":1,\"offS\":0", "faults[0].offS")]
    [InlineData("\"onS\":-1,\"offS\":1", "faults[0].onS")]
    [InlineData("\"onS\":0", "faults[0].onS")]
    [InlineData("\"offS\":0", "faults[0].offS")]
    public void A_given_on_or_off_time_of_zero_or_less_is_refused_naming_the_field(string fields, string path)
    {
        ScenarioException e = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(SoftShort(fields)));

        Assert.Equal(path, e.Path);
    }

    [Fact]
    public void A_zero_on_time_is_refused_as_no_intermittency_rather_than_loaded_as_a_permanent_shunt()
    {
        ScenarioException e = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(SoftShort("\"onS\":0,\"offS\":0")));

        Assert.Contains("above 0", e.Problem, StringComparison.Ordinal);
        Assert.Contains("permanent", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_soft_short_without_on_and_off_times_is_permanent()
    {
        Scenario s = ScenarioLoader.Parse(SoftShort("\"durationS\":2"));

        Assert.Equal(0.0, s.Faults[0].OnS);
        Assert.Equal(0.0, s.Faults[0].OffS);
    }
}
