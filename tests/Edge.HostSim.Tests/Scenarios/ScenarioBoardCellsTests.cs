// Licensed under the MIT License.

using Edge.Core.Configuration;
using Edge.HostSim.Scenarios;
using Xunit;

namespace Edge.HostSim.Tests.Scenarios;

/// <summary>
/// A board file's [cells] section in a scenario: the scenario's own values win over the board, the board
/// wins over the preset and defaults, and a pack area that disagrees with the board's is rejected.
/// The boards are the shipped DevKitC board (2 modules of 2 cells) with the [cells] section each test writes.
/// </summary>
public sealed class ScenarioBoardCellsTests : IDisposable
{
    private const string BoardName = "cells.board";

    /// <summary>A K | K-beta''-alumina pack (preset resistance 0.5 + 20 = 20.5, configured as 21 ohm cm2) on the DevKitC board.</summary>
    private const string Json = """
        {
          "name": "board-cells",
          "timeLimitS": 10,
          "pack": { "modules": 2, "cellsPerModule": 2, "preset": "k-betaalumina" },
          "protocol": { "steps": [ "Strip at 1 mA/cm2 for 1 s", "Rest for 5 s" ] },
          "measurement": { "board": "cells.board" }
        }
        """;

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "edge-board-cells-" + Guid.NewGuid().ToString("N"));

    public ScenarioBoardCellsTests()
    {
        Directory.CreateDirectory(_directory);
    }

    public void Dispose()
    {
        Directory.Delete(_directory, true);
    }

    [Fact]
    public void BoardCellsApplyWhenTheScenarioGivesNone()
    {
        WriteBoard("electrode_area_cm2 = 1.25", "nominal_resistance_ohm_cm2 = 60");

        Scenario s = Load(Json);
        ControllerConfiguration c = ScenarioCompiler.Compile(s);

        // The board's area becomes the pack's: physics and controller use the same one.
        Assert.Equal(1.25, s.Pack.AreaCm2);
        Assert.Equal(1.25, c.Protocol.ElectrodeAreaCm2);
        // 1 mA/cm2 on 1.25 cm2.
        Assert.Equal(1250, c.Protocol.Steps[0].CurrentUa);
        // The board's 60 ohm cm2 wins over the preset's 21.
        Assert.Equal(60, c.HardShort.NominalResistanceOhmCm2);
    }

    [Fact]
    public void ScenarioNominalResistanceWinsOverTheBoard()
    {
        WriteBoard("electrode_area_cm2 = 1.25", "nominal_resistance_ohm_cm2 = 60");

        ControllerConfiguration c = ScenarioCompiler.Compile(Load(ScenarioLoaderTests.Mutate(Json, "controller={\"nominalResistanceOhmCm2\":45}")));

        Assert.Equal(45, c.HardShort.NominalResistanceOhmCm2);
    }

    [Fact]
    public void ScenarioAreaEqualToTheBoardsIsAccepted()
    {
        WriteBoard("electrode_area_cm2 = 1.25", string.Empty);

        Scenario s = Load(ScenarioLoaderTests.Mutate(Json, "pack.areaCm2=1.25"));

        Assert.Equal(1.25, ScenarioCompiler.Compile(s).Protocol.ElectrodeAreaCm2);
    }

    [Fact]
    public void ScenarioAreaMorePreciseThanTheBoardsIsAcceptedAndKept()
    {
        // pi x 0.35^2 = 0.384845...; the board format keeps 5 decimals, 0.38485.
        WriteBoard("electrode_area_cm2 = 0.38485", string.Empty);

        Scenario s = Load(ScenarioLoaderTests.Mutate(Json, "pack.areaCm2=0.3848451"));

        Assert.Equal(0.3848451, s.Pack.AreaCm2);
        Assert.Equal(0.3848451, ScenarioCompiler.Compile(s).Protocol.ElectrodeAreaCm2);
    }

    [Fact]
    public void ScenarioAreaThatDisagreesWithTheBoardsIsRejectedNamingBoth()
    {
        WriteBoard("electrode_area_cm2 = 1.25", "nominal_resistance_ohm_cm2 = 60");

        ScenarioException e = Assert.Throws<ScenarioException>(() => Load(ScenarioLoaderTests.Mutate(Json, "pack.areaCm2=0.5")));

        Assert.Equal("pack.areaCm2", e.Path);
        Assert.Contains("0.5 cm2", e.Message, StringComparison.Ordinal);
        Assert.Contains("electrode_area_cm2 = 1.25", e.Message, StringComparison.Ordinal);
        Assert.Contains("measurement.board", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BoardWithoutCellsLeavesPresetAndDefaults()
    {
        WriteBoard(null, null);

        Scenario s = Load(Json);
        ControllerConfiguration c = ScenarioCompiler.Compile(s);

        Assert.Equal(0.3848, s.Pack.AreaCm2);
        Assert.Equal(0.3848, c.Protocol.ElectrodeAreaCm2);
        // k-betaalumina: 0.5 ohm cm2 electrolyte + 20 interface, rounded to whole ohm cm2.
        Assert.Equal(21, c.HardShort.NominalResistanceOhmCm2);
    }

    [Fact]
    public void BoardGivingOnlyTheResistanceKeepsTheScenarioArea()
    {
        WriteBoard(string.Empty, "nominal_resistance_ohm_cm2 = 60");

        // 1.8 cm2: the 1 mA/cm2 pulse, 1800 uA, inside the board's 2 mA limit's derate level (1900 uA), past which a
        // protocol is refused (2 cm2 pulsed at the limit itself).
        Scenario s = Load(ScenarioLoaderTests.Mutate(Json, "pack.areaCm2=1.8"));
        ControllerConfiguration c = ScenarioCompiler.Compile(s);

        Assert.Equal(1.8, c.Protocol.ElectrodeAreaCm2);
        Assert.Equal(60, c.HardShort.NominalResistanceOhmCm2);
    }

    [Fact]
    public void ShippedDevKitCBoardConfiguresTheSeedCells()
    {
        // The shipped board's [cells]: NaK on NASICON, 0.3848 cm2 and 170 ohm cm2, over the K preset's 21.
        File.Copy(Path.Combine(AppContext.BaseDirectory, "boards", "esp32-devkitc-4s2m.board"), Path.Combine(_directory, BoardName));

        ControllerConfiguration c = ScenarioCompiler.Compile(Load(Json));

        Assert.Equal(0.3848, c.Protocol.ElectrodeAreaCm2);
        Assert.Equal(170, c.HardShort.NominalResistanceOhmCm2);
    }

    private Scenario Load(string json) => ScenarioLoader.Parse(json, _directory);

    /// <summary>
    /// Writes the shipped DevKitC board without its [cells] section, then a [cells] section with the two
    /// lines given (an empty line leaves the key out); both null: no [cells] section at all.
    /// </summary>
    private void WriteBoard(string? areaLine, string? resistanceLine)
    {
        string text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "boards", "esp32-devkitc-4s2m.board"));
        int cells = text.IndexOf("\n[cells]", StringComparison.Ordinal);
        Assert.True(cells > 0, "the shipped board has a [cells] section");
        text = text.Substring(0, cells + 1);
        if (areaLine != null || resistanceLine != null)
        {
            text += "[cells]\n" + areaLine + "\n" + resistanceLine + "\n";
        }

        File.WriteAllText(Path.Combine(_directory, BoardName), text);
    }
}
