// Licensed under the MIT License.

using Edge.Core.Configuration;

namespace Edge.Core.Boards
{
    /// <summary>
    /// The default cut-offs a board's cell limits give a configuration: the protocol's stripping cut-off lies at most at
    /// the board's <c>cell_voltage_max_mv</c> and its plating cut-off at least at <c>cell_voltage_min_mv</c>, the tighter of
    /// each pair. The controller's defaults (+-3000 mV) fit the shipped boards' +-3000 mV; left as they were on a board
    /// with tighter limits, the configuration check refused the board at every boot, and nothing on the device can set
    /// a cut-off before that. Applied where a configuration is created for a board, before any explicit setting; an
    /// explicit cut-off past a limit is then refused by <see cref="ConfigurationValidator"/>, not silently moved.
    /// </summary>
    public static class BoardCutoffs
    {
        public static void ApplyDefaults(BoardDefinition board, ControllerConfiguration configuration)
        {
            SafetyEnvelope safety = board.Safety;
            if (configuration.Protocol.StripCutoffMv > safety.CellVoltageMaxMv)
            {
                configuration.Protocol.StripCutoffMv = safety.CellVoltageMaxMv;
            }

            if (configuration.Protocol.PlateCutoffMv < safety.CellVoltageMinMv)
            {
                configuration.Protocol.PlateCutoffMv = safety.CellVoltageMinMv;
            }
        }
    }
}
