// Licensed under the MIT License.

using Edge.HostSim.Scenarios;
using Xunit;

namespace Edge.HostSim.Tests.Scenarios;

/// <summary>
/// A tick's telemetry buffer is the device's for the same pack: the larger of 64 records and 4 a module + 8. A larger
/// one in the simulator would keep per-cell events that the device drops in a burst, and never show its
/// telemetryOverflow event.
/// </summary>
public sealed class ScenarioTelemetryBufferTests
{
    [Theory]
    [InlineData(1, 1, 64)]
    [InlineData(4, 4, 64)]
    [InlineData(15, 2, 68)]
    [InlineData(16, 16, 72)]
    public void RecordsPerTickAreTheDevicesForThePack(int modules, int cellsPerModule, int records)
    {
        string json = ScenarioLoaderTests.Mutate(ScenarioLoaderTests.Mutate(ScenarioLoaderTests.Mutate(ScenarioLoaderTests.Valid, "-faults"), "pack.modules=" + modules), "pack.cellsPerModule=" + cellsPerModule);
        Scenario scenario = ScenarioLoader.Parse(json);

        int simulated = ScenarioCompiler.Compile(scenario).Telemetry.RecordsPerTickFor(ScenarioCompiler.Layout(scenario));

        Assert.Equal(records, simulated);
    }
}
