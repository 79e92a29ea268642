// Licensed under the MIT License.

using Edge.Core.Configuration;

namespace Edge.Core.Boards
{
    /// <summary>
    /// The controller configuration a board implies, as the device boots with it: defaults, with the board's
    /// sample period, the electrode area and nominal cell resistance of its <c>[cells]</c> section
    /// (<see cref="BoardCellParameters"/>; nothing else on the device can set them), protection limits never
    /// looser than the board's safety envelope (<see cref="BoardSafetyLimits"/>), no current reduction on a board
    /// with a module without a setpoint output (<see cref="BoardCurrentSetpoints"/>), protocol cut-offs inside the board's
    /// cell limits (<see cref="BoardCutoffs"/>), pulses inside its module current limit (<see cref="BoardPulseCurrents"/>), and each temperature sensor
    /// on the module its section names (<see cref="BoardTemperatureSensors"/>).
    /// </summary>
    public static class BoardConfiguration
    {
        public static ControllerConfiguration Create(BoardDefinition board)
        {
            var configuration = new ControllerConfiguration();
            configuration.SamplePeriodMs = board.SamplePeriodMs;
            BoardCellParameters.Apply(board.CellParameters, configuration);
            BoardCurrentSetpoints.ApplyDefaults(board, configuration);
            BoardCutoffs.ApplyDefaults(board, configuration);
            BoardSafetyLimits.Apply(board.Safety, configuration);
            BoardPulseCurrents.ApplyDefaults(configuration);
            BoardTemperatureSensors.Apply(board, configuration);
            return configuration;
        }
    }
}
