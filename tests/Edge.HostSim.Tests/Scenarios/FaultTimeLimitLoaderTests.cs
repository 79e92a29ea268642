// Licensed under the MIT License.

using Edge.HostSim.Scenarios;
using Xunit;

namespace Edge.HostSim.Tests.Scenarios;

/// <summary>A fault starting after the run has ended would never happen: the loader refuses it instead of running without it.</summary>
public sealed class FaultTimeLimitLoaderTests
{
    private static string WithFaultAt(double atS) => ScenarioLoaderTests.Mutate(
        ScenarioLoaderTests.Valid,
        "faults=[{\"atS\":5,\"kind\":\"tickJitter\",\"jitterMs\":3},{\"atS\":" + atS.ToString(System.Globalization.CultureInfo.InvariantCulture) + ",\"module\":0,\"cell\":0,\"kind\":\"hardShort\"}]");

    [Fact]
    public void A_fault_starting_after_the_time_limit_is_refused_naming_its_atS_and_the_limit()
    {
        // The valid scenario runs for 60 s.
        ScenarioException e = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(WithFaultAt(61)));

        Assert.Equal("faults[1].atS", e.Path);
        Assert.Contains("61 s", e.Problem, StringComparison.Ordinal);
        Assert.Contains("timeLimitS", e.Problem, StringComparison.Ordinal);
        Assert.Contains("60 s", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_fault_starting_at_the_time_limit_loads_as_the_last_tick_still_runs()
    {
        Assert.Equal(60.0, ScenarioLoader.Parse(WithFaultAt(60)).Faults[1].AtS);
    }
}
