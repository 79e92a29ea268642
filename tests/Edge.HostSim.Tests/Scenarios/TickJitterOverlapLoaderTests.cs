// Licensed under the MIT License.

using Edge.HostSim.Scenarios;
using Xunit;

namespace Edge.HostSim.Tests.Scenarios;

/// <summary>
/// Ticks have one clock: two tickJitter faults active at the same time cannot both act (one nanoFramework fault replaces
/// another, and silences a uniform one), so a scenario that lists them is refused at the later one, naming the other
/// and the time both would be active. Windows that only touch (one ends where the next starts) load.
/// </summary>
public sealed class TickJitterOverlapLoaderTests
{
    private const string NanoFrom5ToEnd = "{\"atS\":5,\"kind\":\"tickJitter\",\"mode\":\"nanoFramework\",\"jitterMs\":20}";

    private static string WithFaults(string faults) => ScenarioLoaderTests.Mutate(ScenarioLoaderTests.Valid, "faults=[" + faults + "]");

    [Theory]
    // Two nanoFramework faults: the second one's 10-20 s lies inside the first one's 5 s to the end.
    [InlineData(NanoFrom5ToEnd + ",{\"atS\":10,\"durationS\":10,\"kind\":\"tickJitter\",\"mode\":\"nanoFramework\",\"jitterMs\":5,\"busyFraction\":1}", "faults[1]", "faults[0]", "from 10 s to 20 s")]
    // A uniform fault while a nanoFramework one runs: it was silently ignored.
    [InlineData(NanoFrom5ToEnd + ",{\"atS\":30,\"durationS\":2,\"kind\":\"tickJitter\",\"jitterMs\":3}", "faults[1]", "faults[0]", "from 30 s to 32 s")]
    // The uniform one listed first, 0-6 s; the nanoFramework one from 5 s; a hard short between them in the list.
    [InlineData("{\"atS\":0,\"durationS\":6,\"kind\":\"tickJitter\",\"jitterMs\":3},{\"atS\":20,\"module\":0,\"cell\":0,\"kind\":\"hardShort\"}," + NanoFrom5ToEnd, "faults[2]", "faults[0]", "from 5 s to 6 s")]
    // Two uniform faults to the end of the run: only the larger jitter acted.
    [InlineData("{\"atS\":1,\"kind\":\"tickJitter\",\"jitterMs\":2},{\"atS\":2,\"kind\":\"tickJitter\",\"jitterMs\":4}", "faults[1]", "faults[0]", "from 2 s to the end of the run")]
    public void Tick_jitter_faults_active_at_the_same_time_are_refused_at_the_later_one(string faults, string path, string other, string overlap)
    {
        ScenarioException e = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(WithFaults(faults)));

        Assert.Equal(path, e.Path);
        Assert.Contains(other, e.Problem, StringComparison.Ordinal);
        Assert.Contains(overlap, e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Tick_jitter_windows_that_follow_one_another_load()
    {
        // 5-10 s uniform, then nanoFramework from 10 s: at 10 s the first is over (windows end before atS + durationS).
        Scenario s = ScenarioLoader.Parse(WithFaults("{\"atS\":5,\"durationS\":5,\"kind\":\"tickJitter\",\"jitterMs\":3},{\"atS\":10,\"kind\":\"tickJitter\",\"mode\":\"nanoFramework\",\"jitterMs\":20}"));

        Assert.Equal(2, s.Faults.Count);
    }
}
