// Licensed under the MIT License.

using System.Globalization;
using Edge.Core.Boards;
using Edge.Core.Configuration;
using Edge.Core.Configuration.Protocol;

namespace Edge.HostSim.Boards;

/// <summary>
/// Whether the pulses of the protocol a device boots with on a board fit inside the board's cell limits: a healthy
/// cell rises by the pulse's current density times its nominal resistance ([cells]) the moment the current flows, before
/// any polarisation. A limit below that rise ends every pulse at the cut-off on its first sample, which the parser
/// cannot see (it does not know the protocol) and the configuration check accepts; edge-sim board warns of it.
/// </summary>
public static class BoardPulseRise
{
    /// <summary>One warning per current step of <paramref name="setup"/>'s configuration whose ohmic rise reaches the board's cell limit.</summary>
    public static IReadOnlyList<string> Warnings(BoardSetup setup)
    {
        ArgumentNullException.ThrowIfNull(setup);
        BoardDefinition board = setup.Board ?? throw new ArgumentException("the setup is not usable: " + setup.Error, nameof(setup));
        ControllerConfiguration configuration = setup.Configuration;
        double areaCm2 = configuration.Protocol.ElectrodeAreaCm2;
        int resistanceOhmCm2 = configuration.HardShort.NominalResistanceOhmCm2;
        CultureInfo inv = CultureInfo.InvariantCulture;
        List<string> warnings = new List<string>();
        bool strippingWarned = false;
        bool platingWarned = false;
        foreach (ProtocolStep step in configuration.Protocol.Steps)
        {
            if (!step.IsCurrentStep)
            {
                continue;
            }

            bool plating = step.Kind == ProtocolStepKind.Plate;
            double densityMaPerCm2 = step.CurrentUa / 1000.0 / areaCm2;
            double riseMv = densityMaPerCm2 * resistanceOhmCm2;
            int limitMagnitudeMv = plating ? -board.Safety.CellVoltageMinMv : board.Safety.CellVoltageMaxMv;
            if (riseMv < limitMagnitudeMv || (plating ? platingWarned : strippingWarned))
            {
                continue;
            }

            string key = plating ? "cell_voltage_min_mv" : "cell_voltage_max_mv";
            warnings.Add("[safety] " + key + ": " + (plating ? -limitMagnitudeMv : limitMagnitudeMv).ToString(inv) + " mV is below the "
                + riseMv.ToString("0", inv) + " mV a healthy cell " + (plating ? "falls" : "rises") + " by under the " + (plating ? "plating" : "stripping")
                + " pulse the device boots with (" + step.CurrentUa.ToString(inv) + " uA = " + densityMaPerCm2.ToString("0.###", inv) + " mA/cm2 of "
                + areaCm2.ToString("0.####", inv) + " cm2, times the nominal resistance, " + resistanceOhmCm2.ToString(inv)
                + " ohm cm2, before any polarisation; computed from the board file and that protocol): every such pulse ends at the cut-off on its first sample; widen the limit, or send a protocol of a lower current");
            if (plating)
            {
                platingWarned = true;
            }
            else
            {
                strippingWarned = true;
            }
        }

        return warnings;
    }
}
