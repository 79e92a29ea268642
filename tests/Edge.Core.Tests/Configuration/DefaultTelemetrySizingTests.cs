using Edge.Core.Configuration;
using Edge.Core.Sampling;
using Xunit;

namespace Edge.Core.Tests.Configuration;

/// <summary>
/// The default per-tick record buffer fits every pack the core takes: a device never sets it, so a default below the
/// validator's minimum for a large pack would refuse that pack at boot.
/// </summary>
public class DefaultTelemetrySizingTests
{
    public static TheoryData<int, int> Layouts => new()
    {
        { 1, 1 },
        { 2, 4 },
        { 14, 4 },
        { 15, 4 },
        { 16, 16 },
        { 64, 4 },
        { PackLayout.MaximumCellCount, 1 },
    };

    [Theory]
    [MemberData(nameof(Layouts))]
    public void DefaultConfigurationIsValidAndStartsOnEveryLayout(int modules, int cellsPerModule)
    {
        var layout = new PackLayout(modules, cellsPerModule, 1);
        var configuration = new ControllerConfiguration();

        Assert.Null(ConfigurationValidator.Validate(configuration, layout));
        var controller = new EdgeController(layout, configuration);
        Assert.True(controller.Telemetry.Capacity >= (modules * 4) + 8, $"{controller.Telemetry.Capacity} records a tick for {modules} modules");
    }

    [Fact]
    public void SmallPacksKeepTheSixtyFourRecordBuffer()
    {
        var controller = new EdgeController(new PackLayout(2, 4, 1), new ControllerConfiguration());

        Assert.Equal(64, controller.Telemetry.Capacity);
    }

    [Fact]
    public void AnExplicitValueBelowThePacksMinimumIsStillRefusedNamingTheField()
    {
        var configuration = new ControllerConfiguration();
        configuration.Telemetry.RecordsPerTick = 64;

        var error = ConfigurationValidator.Validate(configuration, new PackLayout(16, 16, 1));

        Assert.NotNull(error);
        Assert.Equal("telemetry.recordsPerTick", error.Field);
    }
}
