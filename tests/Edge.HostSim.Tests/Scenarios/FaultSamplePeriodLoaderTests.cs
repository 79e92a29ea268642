// Licensed under the MIT License.

using Edge.HostSim.Scenarios;
using Xunit;

namespace Edge.HostSim.Tests.Scenarios;

/// <summary>
/// A fault's durationS, onS and offS are at least one sample period (10 ms in the valid scenario): a shorter one
/// cannot be timed, and fell between samples (the fault never happened) or was seen on every sample (a shunt
/// meant to conduct 1 ms in 10 conducted all the time).
/// </summary>
public sealed class FaultSamplePeriodLoaderTests
{
    private static string WithFault(string fault) => ScenarioLoaderTests.Mutate(ScenarioLoaderTests.Valid, "faults=[" + fault + "]");

    [Theory]
    [InlineData("{\"atS\":1,\"module\":0,\"cell\":0,\"kind\":\"softShort\",\"resistanceOhmCm2\":10,\"onS\":0.001,\"offS\":0.009}", "faults[0].onS")]
    [InlineData("{\"atS\":1,\"module\":0,\"cell\":0,\"kind\":\"softShort\",\"resistanceOhmCm2\":10,\"onS\":1,\"offS\":0.005}", "faults[0].offS")]
    [InlineData("{\"atS\":1.005,\"module\":0,\"kind\":\"noiseBurst\",\"noiseMv\":5,\"durationS\":0.003}", "faults[0].durationS")]
    [InlineData("{\"atS\":1.005,\"module\":0,\"cell\":1,\"kind\":\"stuckChannel\",\"durationS\":0.004}", "faults[0].durationS")]
    public void A_fault_time_shorter_than_one_sample_period_is_refused_naming_the_field(string fault, string path)
    {
        ScenarioException e = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(WithFault(fault)));

        Assert.Equal(path, e.Path);
        Assert.Contains("10 ms sample period", e.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"onS\":0.015,\"offS\":0.015", "faults[0].onS", "give 0.01 s or 0.02 s")]
    [InlineData("\"onS\":0.02,\"offS\":0.025", "faults[0].offS", "give 0.02 s or 0.03 s")]
    [InlineData("\"onS\":1.001,\"offS\":1", "faults[0].onS", "give 1 s or 1.01 s")]
    public void An_intermittent_shorts_on_or_off_time_that_is_not_a_whole_number_of_samples_is_refused(string times, string path, string advice)
    {
        // Looked at once a 10 ms sample, 15 ms on and 15 ms off would conduct on 2 samples in 3 instead of 1 in 2.
        string fault = "{\"atS\":1,\"module\":0,\"cell\":0,\"kind\":\"softShort\",\"resistanceOhmCm2\":10," + times + "}";

        ScenarioException e = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(WithFault(fault)));

        Assert.Equal(path, e.Path);
        Assert.Contains("whole number of 10 ms samples", e.Problem, StringComparison.Ordinal);
        Assert.Contains(advice, e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_temperature_rise_of_zero_is_refused()
    {
        string json = ScenarioLoaderTests.Mutate(ScenarioLoaderTests.Mutate(ScenarioLoaderTests.Valid, "pack.temperatureSensors=1"), "faults=[{\"atS\":1,\"kind\":\"temperatureRise\",\"sensor\":0,\"rateCPerS\":0}]");

        ScenarioException e = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(json));

        Assert.Equal("faults[0].rateCPerS", e.Path);
    }

    [Fact]
    public void Fault_times_of_one_sample_period_load()
    {
        Scenario s = ScenarioLoader.Parse(WithFault("{\"atS\":1,\"module\":0,\"cell\":0,\"kind\":\"softShort\",\"resistanceOhmCm2\":10,\"onS\":0.01,\"offS\":0.01,\"durationS\":0.01}"));

        Assert.Equal(0.01, s.Faults[0].OnS);
        Assert.Equal(0.01, s.Faults[0].DurationS);
    }
}
