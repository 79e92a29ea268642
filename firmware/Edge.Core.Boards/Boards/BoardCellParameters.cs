// Licensed under the MIT License.

using Edge.Core.Configuration;

namespace Edge.Core.Boards
{
    /// <summary>
    /// Brings what a board says about its cells (<c>[cells]</c>) into the controller's configuration.
    /// Unlike the safety envelope these are facts, not limits: a given value replaces the default,
    /// an absent one leaves the configuration as it is.
    /// </summary>
    public static class BoardCellParameters
    {
        public static void Apply(CellParametersDefinition cells, ControllerConfiguration configuration)
        {
            if (cells.HasElectrodeArea)
            {
                // Densities kept, microamps rescaled, as the simulator does for a pack's area.
                ElectrodeAreaScaling.Apply(configuration, cells.ElectrodeAreaCm2);
            }

            if (cells.HasNominalResistance)
            {
                configuration.HardShort.NominalResistanceOhmCm2 = cells.NominalResistanceOhmCm2;
            }
        }
    }
}
