// Licensed under the MIT License.

using Edge.HostSim.Scenarios;
using Edge.HostSim.Simulation;

namespace Edge.HostSim.Pack;

/// <summary>Builds the cell bank of a scenario (preset, overrides, seeded spread) and checks preset and override names.</summary>
public static class CellBankFactory
{
    private static readonly string[] s_presets = { "nak50-nasicon", "nak65-nasicon", "nak80-nasicon", "k-betaalumina", "na-nasicon" };
    private static readonly string[] s_overrides = { "tauS", "iLim0MAPerCm2", "rOhmOhmCm2" };

    public static IReadOnlyList<string> Presets => s_presets;

    /// <summary>Null when the preset exists, else the problem.</summary>
    public static string? CheckPreset(string preset)
    {
        foreach (string name in s_presets)
        {
            if (string.Equals(name, preset, StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }
        }

        return "unknown preset \"" + preset + "\" (valid: " + string.Join(", ", s_presets) + ")";
    }

    /// <summary>Null when the override name exists and the value is in range, else the problem.</summary>
    public static string? CheckOverride(string preset, string name, double value)
    {
        foreach (string known in s_overrides)
        {
            if (string.Equals(known, name, StringComparison.OrdinalIgnoreCase))
            {
                return value > 0 && value < 1e6 ? null : "must be greater than 0";
            }
        }

        return "unknown parameter of preset " + preset + " (valid: " + string.Join(", ", s_overrides) + ")";
    }

    public static ICellBank Create(Scenario scenario, double stepS)
    {
        PackSpec pack = scenario.Pack;
        int count = pack.Modules * pack.CellsPerModule;
        double[] iLimScale = new double[count];
        double[] tauScale = new double[count];
        SimRandom random = new SimRandom(scenario.Seed ^ 0x5EED5EEDUL);
        for (int c = 0; c < count; c++)
        {
            iLimScale[c] = Math.Max(0.2, 1.0 + (pack.ILimSpreadPct / 100.0 * random.NextGaussian()));
            tauScale[c] = Math.Max(0.2, 1.0 + (pack.TauSpreadPct / 100.0 * random.NextGaussian()));
        }

        (double iLim0, double tau) = pack.Preset.ToLowerInvariant() switch
        {
            // Reduced-order fits: NaK50 grid search on [W]; NaK65/NaK80 onsets 0.15 / 0.05 mA/cm2 ([W]).
            "nak65-nasicon" => (0.19, 3.5),
            "nak80-nasicon" => (0.06, 3.5),
            _ => (0.75, 3.5),
        };
        double rOhm = 150;
        foreach (KeyValuePair<string, double> o in pack.Overrides)
        {
            if (string.Equals(o.Key, "tauS", StringComparison.OrdinalIgnoreCase))
            {
                tau = o.Value;
            }
            else if (string.Equals(o.Key, "iLim0MAPerCm2", StringComparison.OrdinalIgnoreCase))
            {
                iLim0 = o.Value;
            }
            else if (string.Equals(o.Key, "rOhmOhmCm2", StringComparison.OrdinalIgnoreCase))
            {
                rOhm = o.Value;
            }
        }

        return new ReducedOrderCellBank(count, stepS, iLim0, tau, rOhm, iLimScale, tauScale);
    }
}
