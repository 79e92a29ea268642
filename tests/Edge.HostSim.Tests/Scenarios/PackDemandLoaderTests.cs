// Licensed under the MIT License.

using Edge.Core.Configuration;
using Edge.HostSim.Scenarios;
using Xunit;

namespace Edge.HostSim.Tests.Scenarios;

/// <summary>"pack.demand" and "pack.moduleOverrides": strict validation with field paths, and the mapping to the core's scheduler.</summary>
public sealed class PackDemandLoaderTests
{
    private static string Json(string pack) => """
        { "name": "demand", "timeLimitS": 10,
          "pack": { "modules": 3, "cellsPerModule": 1, "preset": "nak50-nasicon", "areaCm2": 0.5, PACK },
          "protocol": { "steps": [ "Strip at 1 mA/cm2 for 1 s", "Rest for 5 s" ] } }
        """.Replace("PACK", pack);

    [Fact]
    public void DensityIsReferredToOneModuleAreaAndTheProfileMapsToMilliseconds()
    {
        Scenario s = ScenarioLoader.Parse(Json("""
            "demand": { "currentDensityMAPerCm2": 1.0, "profile": [ { "atS": 2.5, "currentMA": 1.2 }, { "atS": 7, "currentDensityMAPerCm2": 0 } ] }
            """));
        ControllerConfiguration c = ScenarioCompiler.Compile(s);

        // 1 mA/cm2 x 0.5 cm2 = 500 uA; 1.2 mA = 1200 uA.
        Assert.True(c.Scheduling.Enabled);
        Assert.Equal(500, c.Scheduling.DemandUa);
        Assert.Equal(new long[] { 2500, 7000 }, c.Scheduling.ProfileStartMs);
        Assert.Equal(new[] { 1200, 0 }, c.Scheduling.ProfileDemandUa);
    }

    [Fact]
    public void WithoutDemandTheSchedulerStaysOff()
    {
        Assert.False(ScenarioCompiler.Compile(ScenarioLoader.Parse(Json("\"spread\": { \"tauPct\": 0 }"))).Scheduling.Enabled);
    }

    [Theory]
    // 0.0004 mA = 0.4 uA; 0.0005 mA/cm2 x 0.5 cm2 = 0.25 uA: both round to the core's 0 uA, an idle pack.
    [InlineData("\"demand\": { \"currentMA\": 0.0004 }", "pack.demand")]
    [InlineData("\"demand\": { \"currentMA\": 1, \"profile\": [ { \"atS\": 5, \"currentDensityMAPerCm2\": 0.0005 } ] }", "pack.demand.profile[0]")]
    public void ADemandAboveZeroThatRoundsToZeroMicroampsIsRefused(string pack, string field)
    {
        ScenarioException e = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(Json(pack)));
        Assert.Equal(field, e.Path);
        Assert.Contains("less than the controller's 1 uA", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ADemandBeyondTheControllersRangeIsRefusedWithTheValueGiven()
    {
        // 10,000 mA/cm2 x 10,000 cm2 = 1e8 mA = 1e11 uA, beyond an int: it used to reach the core as 2147483647 uA and be
        // refused under that number.
        string json = Json("\"demand\": { \"currentDensityMAPerCm2\": 10000 }").Replace("\"areaCm2\": 0.5", "\"areaCm2\": 10000", StringComparison.Ordinal);

        ScenarioException e = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(json));

        Assert.Equal("pack.demand", e.Path);
        Assert.Contains("10000 mA/cm2 on 10000 cm2 is 1E+11 uA", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("2147483647 is", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    // Each module carries at most the core's 5 mA/cm2 on 0.5 cm2, about 2.5 mA: three of them about 7.5 mA.
    [InlineData("\"demand\": { \"currentMA\": 8 }", "pack.demand", "8 mA is more than the pack can carry")]
    [InlineData("\"demand\": { \"currentMA\": 1, \"profile\": [ { \"atS\": 5, \"currentDensityMAPerCm2\": 16 } ] }", "pack.demand.profile[0]", "16 mA/cm2 on 0.5 cm2 is more than the pack can carry")]
    public void ADemandBeyondWhatTheModulesCarryIsRefusedInTheScenariosUnits(string pack, string field, string words)
    {
        ScenarioException e = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(Json(pack)));

        Assert.Equal(field, e.Path);
        Assert.Contains(words, e.Message, StringComparison.Ordinal);
        Assert.Contains("give at most 7.5", e.Message, StringComparison.Ordinal);
        Assert.Contains("3 modules", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ADemandTheModulesCarryLoads()
    {
        Assert.Equal(7000, ScenarioCompiler.Compile(ScenarioLoader.Parse(Json("\"demand\": { \"currentMA\": 7 }"))).Scheduling.DemandUa);
    }

    [Theory]
    [InlineData("\"demand\": { }", "pack.demand.currentMA")]
    [InlineData("\"demand\": { \"currentMA\": 1, \"currentDensityMAPerCm2\": 1 }", "pack.demand.currentMA")]
    [InlineData("\"demand\": { \"currentMA\": -1 }", "pack.demand.currentMA")]
    [InlineData("\"demand\": { \"currentMA\": 1, \"amps\": 1 }", "pack.demand.amps")]
    [InlineData("\"demand\": { \"currentMA\": 1, \"profile\": [ { \"atS\": 5, \"currentMA\": 1 }, { \"atS\": 5, \"currentMA\": 2 } ] }", "pack.demand.profile[1].atS")]
    [InlineData("\"demand\": { \"currentMA\": 1, \"profile\": [ { \"currentMA\": 1 } ] }", "pack.demand.profile[0].atS")]
    // The run ends at timeLimitS 10: a step at 11 s would load and never happen (as a fault that late is refused).
    [InlineData("\"demand\": { \"currentMA\": 1, \"profile\": [ { \"atS\": 2, \"currentMA\": 1 }, { \"atS\": 11, \"currentMA\": 2 } ] }", "pack.demand.profile[1].atS")]
    [InlineData("\"demand\": { \"currentMA\": 100 }", "pack.demand")]
    [InlineData("\"moduleOverrides\": [ { \"module\": 3, \"tauScale\": 2 } ]", "pack.moduleOverrides[0].module")]
    [InlineData("\"moduleOverrides\": [ { \"module\": 1, \"tau\": 2 } ]", "pack.moduleOverrides[0].tau")]
    public void RejectsWithTheFieldPath(string pack, string field)
    {
        ScenarioException e = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(Json(pack)));
        Assert.Equal(field, e.Path);
    }
}
