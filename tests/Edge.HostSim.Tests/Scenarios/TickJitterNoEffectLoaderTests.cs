// Licensed under the MIT License.

using Edge.HostSim.Scenarios;
using Xunit;

namespace Edge.HostSim.Tests.Scenarios;

/// <summary>
/// A nanoFramework-mode tickJitter delays ticks in two ways only: a busy thread in busyFraction of the releases and a
/// garbage collection of gcPauseMs. With both 0 it delays nothing, and a scenario that lists it would claim a timing
/// test it does not make: refused. Either one alone acts and loads.
/// </summary>
public sealed class TickJitterNoEffectLoaderTests
{
    private static string WithJitter(string fields) => ScenarioLoaderTests.Mutate(ScenarioLoaderTests.Valid,
        "faults=[{\"atS\":1,\"kind\":\"tickJitter\",\"mode\":\"nanoFramework\",\"jitterMs\":20," + fields + "}]");

    [Fact]
    public void A_nanoFramework_jitter_with_no_busy_share_and_no_collection_pause_is_refused()
    {
        ScenarioException e = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(WithJitter("\"busyFraction\":0,\"gcPauseMs\":0")));

        Assert.Equal("faults[0].busyFraction", e.Path);
        Assert.Contains("gcPauseMs", e.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"busyFraction\":0,\"gcPauseMs\":15")]
    [InlineData("\"busyFraction\":0.1,\"gcPauseMs\":0")]
    public void Either_source_of_delay_alone_loads(string fields)
    {
        Assert.Single(ScenarioLoader.Parse(WithJitter(fields)).Faults);
    }
}
