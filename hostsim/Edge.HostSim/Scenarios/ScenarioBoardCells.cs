// Licensed under the MIT License.

using System.Globalization;
using Edge.Core.Boards;

namespace Edge.HostSim.Scenarios;

/// <summary>
/// How a board's <c>[cells]</c> section combines with the scenario. The scenario's explicit values win
/// over the board, the board wins over the preset and the defaults: a scenario states what this run
/// is about, the board what the device would be flashed with.
/// The area is special: the cell physics and the controller must use the same one, so a board's area
/// becomes the pack's when the scenario gives none, and a scenario area that disagrees with the
/// board's is an error rather than a silent override.
/// </summary>
public static class ScenarioBoardCells
{
    /// <summary>The board format's decimals of <c>electrode_area_cm2</c>: a scenario area agrees when it rounds to the board's.</summary>
    private const int BoardAreaDecimals = 5;

    /// <summary>At load time: a pack without its own <c>areaCm2</c> takes the board's electrode area (physics and controller alike).</summary>
    public static void AdoptBoardArea(Scenario scenario)
    {
        CellParametersDefinition? cells = scenario.Measurement.BoardDefinition?.CellParameters;
        if (cells != null && cells.HasElectrodeArea && !scenario.Pack.AreaCm2Given)
        {
            scenario.Pack.AreaCm2 = cells.ElectrodeAreaCm2;
        }
    }

    /// <summary>Rejects a pack area that disagrees with the board's electrode area, naming both fields.</summary>
    public static void CheckArea(Scenario scenario)
    {
        BoardDefinition? board = scenario.Measurement.BoardDefinition;
        if (board == null || !board.CellParameters.HasElectrodeArea)
        {
            return;
        }

        double boardArea = board.CellParameters.ElectrodeAreaCm2;
        double packArea = scenario.Pack.AreaCm2;
        if (Math.Round(packArea, BoardAreaDecimals, MidpointRounding.AwayFromZero) == boardArea)
        {
            return;
        }

        throw new ScenarioException(
            "pack.areaCm2",
            packArea.ToString(CultureInfo.InvariantCulture) + " cm2 disagrees with electrode_area_cm2 = "
            + boardArea.ToString(CultureInfo.InvariantCulture) + " in [cells] of board '" + board.Name + "' (measurement.board): "
            + "the cell physics and the controller's current densities would use different areas; "
            + "leave pack.areaCm2 out to take the board's, or make the two agree");
    }

    /// <summary>
    /// The healthy-cell resistance the controller is configured with, ohm cm2: controller.nominalResistanceOhmCm2,
    /// else the board's nominal_resistance_ohm_cm2, else the preset's electrolyte + interface resistance.
    /// </summary>
    public static int NominalResistanceOhmCm2(Scenario scenario)
    {
        CellParametersDefinition? cells = scenario.Measurement.BoardDefinition?.CellParameters;
        double nominal;
        if (scenario.Controller.NominalResistanceOhmCm2.HasValue)
        {
            nominal = scenario.Controller.NominalResistanceOhmCm2.Value;
        }
        else if (cells != null && cells.HasNominalResistance)
        {
            nominal = cells.NominalResistanceOhmCm2;
        }
        else
        {
            nominal = CellBankFactory.Parameters(scenario.Pack).NominalResistanceOhmCm2;
        }

        return Math.Max(1, (int)Math.Round(nominal, MidpointRounding.AwayFromZero));
    }
}
